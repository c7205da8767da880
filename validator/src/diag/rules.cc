#include "diag/rules.h"

#include <array>
#include <string>

namespace ocilint::diag {

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kMust:
      return "MUST";
    case Level::kMustNot:
      return "MUST NOT";
    case Level::kShould:
      return "SHOULD";
    case Level::kShouldNot:
      return "SHOULD NOT";
    case Level::kMay:
      return "MAY";
    case Level::kNone:
      return "";
  }
  return "";
}

namespace {

constexpr std::array kRules = {
    RuleInfo{rule::kJsonSyntax, Severity::kError, Level::kMust, "config.md#configuration",
             "the file is not well-formed UTF-8 JSON (RFC 8259)"},
    RuleInfo{rule::kJsonDuplicateKey, Severity::kWarning, Level::kNone, "config.md#configuration",
             "an object repeats a key; runtimes keep the last value"},
    RuleInfo{rule::kSchema, Severity::kError, Level::kMust, "config.md#configuration",
             "the config violates the runtime-spec JSON schema"},
    RuleInfo{"cap-unknown", Severity::kWarning, Level::kMust, "config.md#linux-process",
             "a capability name that is not a capability in any spelling"},
    RuleInfo{"cap-malformed", Severity::kWarning, Level::kMust, "config.md#linux-process",
             "a capability in a non-canonical spelling (lower case, no CAP_, CAP_CAP_...)"},
    RuleInfo{"cap-unsupported-kernel", Severity::kWarning, Level::kMust, "config.md#linux-process",
             "a capability newer than the target kernel"},
    RuleInfo{"cap-unavailable", Severity::kWarning, Level::kShouldNot, "config.md#linux-process",
             "a capability missing from the target environment's bounding set"},
    RuleInfo{"cap-unsupported-runtime", Severity::kWarning, Level::kMust, "config.md#linux-process",
             "a capability the target runtime does not know"},
    RuleInfo{"cap-duplicate", Severity::kWarning, Level::kNone, "config.md#linux-process",
             "a capability listed twice in the same set"},
    RuleInfo{"cap-inheritable-not-bounding", Severity::kWarning, Level::kNone,
             "config.md#linux-process",
             "an inheritable capability outside the bounding set, which capset(2) refuses"},
    RuleInfo{"cap-ambient-not-granted", Severity::kWarning, Level::kNone, "config.md#linux-process",
             "an ambient capability that is not both permitted and inheritable"},
    RuleInfo{"cap-effective-not-permitted", Severity::kWarning, Level::kNone,
             "config.md#linux-process", "an effective capability that is not permitted"},
    RuleInfo{rule::kIoError, Severity::kError, Level::kNone, "", "the input could not be read"},
    RuleInfo{rule::kInputTooLarge, Severity::kError, Level::kNone, "",
             "the input is larger than --max-size and was not read"},
};

}  // namespace

std::span<const RuleInfo> AllRules() {
  return kRules;
}

const RuleInfo* FindRule(std::string_view slug) {
  for (const RuleInfo& info : kRules) {
    if (info.slug == slug) return &info;
  }
  return nullptr;
}

std::string SpecUrl(std::string_view anchor, std::string_view version) {
  if (anchor.empty()) return {};
  return "https://github.com/opencontainers/runtime-spec/blob/" + std::string(version) + "/" +
         std::string(anchor);
}

}  // namespace ocilint::diag
