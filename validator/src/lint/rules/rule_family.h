#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "caps/kernel_version.h"
#include "diag/diagnostic.h"
#include "diag/rules.h"
#include "json/document.h"
#include "json/number.h"
#include "lint/rules/platform.h"
#include "lint/spec_version.h"
#include "lint/target.h"

namespace ocilint::lint {

/// What a rule family sees: the parsed config, the target, and where findings go.
class RuleContext {
 public:
  /// Each rule lists at most `max_per_rule` findings per file; the rest are counted (Finish).
  RuleContext(const json::Document& doc, const Target& target,
              std::vector<diag::Diagnostic>* findings, size_t max_per_rule = 1000);

  const json::Document& doc() const { return doc_; }
  const Target& target() const { return target_; }
  /// The bundle directory when the config is linted as a bundle (lint --bundle), else "".
  const std::string& bundle() const { return bundle_; }
  void set_bundle(std::string dir) { bundle_ = std::move(dir); }
  /// The config's platform objects (linux, windows, ...), found once for every family.
  const PlatformObjects& platforms() const { return platforms_; }
  /// Windows-only content in a config without any platform object (node kNoNode when none).
  const WindowsEvidence& windows_evidence() const { return windows_evidence_; }
  /// The config's ociVersion as a version number, when it has a readable one.
  const std::optional<caps::KernelVersion>& spec_version() const { return spec_version_; }
  /// The config's ociVersion read as SemVer and judged as a known release; nullopt when it has
  /// none or it is not SemVer.
  const std::optional<DeclaredVersion>& declared_version() const { return declared_version_; }
  /// Adds a finding of `rule` (its default severity and spec link) at the value `node`, or only
  /// counts it once `rule` has its fill of listed findings.
  void Report(std::string_view rule, json::NodeId node, std::string pointer, std::string message,
              std::string help = {}) const;
  /// True when further findings of `rule` will only be counted: skip costly messages.
  bool Full(std::string_view rule) const;
  /// Adds one finding per rule that had more than it lists, saying how many were left out.
  void Finish() const;

 private:
  struct RuleCount {
    std::string_view rule;
    const diag::RuleInfo* info;  ///< looked up once per file, not per finding
    size_t count = 0;
    const std::string* runtimes;  ///< what runc and crun do with such a config, for the help
    bool target_refuses = false;  ///< the target runtime (--runtime) refuses such a config
  };
  RuleCount& CountOf(std::string_view rule) const;

  const json::Document& doc_;
  const Target& target_;
  std::vector<diag::Diagnostic>* findings_;
  size_t max_per_rule_;
  mutable std::vector<RuleCount> counts_;
  std::optional<caps::KernelVersion> spec_version_;
  std::optional<DeclaredVersion> declared_version_;
  PlatformObjects platforms_;
  WindowsEvidence windows_evidence_;
  std::string bundle_;
  /// False for a config for another platform than Linux (another platform's object and no
  /// linux one): what runc and crun do then says nothing about the config's own runtime.
  bool linux_runtimes_apply_ = true;
};

/// The lint options a rule's examples need when the rule judges the config alone: no kernel,
/// environment or runtime target (`oci-lint explain` and docs/rules.md show them).
inline constexpr std::string_view kNoTargetFlags = "--kernel none --environment none";

/// The object value of `key` in `object`, or nullptr when it is missing or of another type.
inline const json::Node* ObjectMember(const json::Document& doc, const json::Node& object,
                                      std::string_view key) {
  json::NodeId node = doc.Find(object, key);
  return node != json::kNoNode && doc.node(node).type == json::Type::kObject ? &doc.node(node)
                                                                             : nullptr;
}

/// The integer value of `id` when it is a number that fits in int64 (1e3 counts, 1.5 does not).
inline std::optional<long long> IntegerValue(const json::Document& doc, json::NodeId id) {
  if (id == json::kNoNode || doc.node(id).type != json::Type::kNumber) return std::nullopt;
  json::Number n = json::Number::FromLiteral(doc.node(id).text);
  long long value = 0;
  if (!n.is_integer() || !n.ToInt64(&value)) return std::nullopt;
  return value;
}

/// A group of related rules, defined in one file beside the check that reports them, as
/// `extern constinit const RuleFamily kCapabilityRules{"capabilities", CheckCapabilities, kRules};`
/// over a `constexpr diag::RuleInfo kRules[]`; listed in lint/rules/registry.cc.
struct RuleFamily {
  std::string_view name;
  /// Runs over every parsed document; nullptr for built-in rules the pipeline reports itself.
  void (*check)(const RuleContext& context);
  std::span<const diag::RuleInfo> rules;
  /// The documents the family judges: config.json unless it says otherwise.
  diag::DocumentKind kind = diag::DocumentKind::kConfig;
};

/// Every rule family, in the order they run and `oci-lint rules` lists their rules
/// (lint/rules/registry.cc). An explicit list: no self-registration.
std::span<const RuleFamily* const> AllRuleFamilies();

}  // namespace ocilint::lint
