#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ocilint::lint {

/// One normative sentence of runtime-spec v1.3.0 and what checks it: a row of the spec-coverage
/// matrix (validator/data/spec-coverage.json, embedded at build time).
struct SpecSentence {
  std::string id;  ///< stable: "<document>/<section anchor>/<n>", e.g. "config-linux/namespaces/8"
  std::string file, section, anchor;
  std::string level;  ///< the RFC 2119 keyword: "MUST", "SHOULD NOT", ...
  std::string text;   ///< the sentence as the spec writes it, without markup
  /// "rule" (checked by `rules`), "planned" (checkable, rules proposed but not written yet),
  /// "schema", "runtime" (constrains what a runtime does) or "not-checkable" (`note` says why).
  std::string status;
  std::vector<std::string> rules;
  std::string note;
};

/// The statuses a row may have, in the order the matrix lists them.
std::span<const std::string_view> SpecStatuses();

/// Every row, in the spec's order; parsed once from the embedded data.
const std::vector<SpecSentence>& SpecCoverage();

/// The rows that name `rule` among their rules.
std::vector<const SpecSentence*> SentencesCheckedBy(std::string_view rule);

}  // namespace ocilint::lint
