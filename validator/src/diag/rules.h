#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diag/diagnostic.h"

namespace ocilint::diag {

/// RFC 2119 level of the spec sentence a rule enforces.
enum class Level { kMust, kMustNot, kShould, kShouldNot, kMay, kNone };

std::string_view LevelName(Level level);

/// Everything about a rule but its check: its stable slug, where the spec says what it checks,
/// and the long-form documentation of `oci-lint explain` and docs/rules.md. Each family declares
/// its rules beside its check (lint/rules/*.cc); lint/rules/catalogue.h lists them all.
struct RuleInfo {
  std::string_view slug;
  Severity default_severity;
  Level level;
  std::string_view spec_anchor;  ///< path#anchor inside the runtime-spec repository
  std::string_view summary;
  std::string_view explanation = {};     ///< what the rule checks and why, what runtimes do
  std::string_view spec_text = {};       ///< the normative sentence, quoted with its source; or ""
  std::string_view example_flags = {};   ///< lint options both examples need, or ""
  std::string_view example_fires = {};   ///< a config (JSON) or command line that fires the rule
  std::string_view example_silent = {};  ///< a close variant that does not fire it
  /// Why a built-in rule has no spec anchor or command-line examples instead of configs; or "".
  std::string_view exemption = {};
  /// kTarget* bits: the parts of the target the rule judges a config against (0: the config
  /// alone). Text reports name those parts of the target when such a rule fires.
  uint8_t target_aspects = 0;
  /// For rules that change what a container is allowed to do (capabilities, namespaces,
  /// devices, seccomp): how much a finding matters for security, 0.1 to 10 as CVSS scores
  /// (GitHub code scanning's security-severity); 0 for the other rules.
  double security_severity = 0;
};

/// The positions of a list of rules by slug: sorted once, then searched in O(log n).
class RuleIndex {
 public:
  explicit RuleIndex(std::span<const RuleInfo> rules);
  /// The position of the first rule with this slug, or nullopt.
  std::optional<size_t> Find(std::string_view slug) const;

 private:
  std::vector<std::pair<std::string_view, size_t>> entries_;  ///< shorter slugs first
};

/// Link to a section of the runtime-spec text at `version` (e.g. "v1.3.0").
std::string SpecUrl(std::string_view anchor, std::string_view version = "v1.3.0");

}  // namespace ocilint::diag
