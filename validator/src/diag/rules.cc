#include "diag/rules.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "diag/rule_docs.h"

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

constexpr std::array kBareRules = {
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
    RuleInfo{"unused-suppression", Severity::kNote, Level::kNone, "",
             "a dev.oci-lint.ignore annotation entry that suppresses nothing"},
};

/// kBareRules with each rule's documentation from diag/rule_docs.h filled in.
constexpr std::array<RuleInfo, kBareRules.size()> WithDocs() {
  std::array<RuleInfo, kBareRules.size()> rules = kBareRules;
  for (RuleInfo& info : rules) {
    for (const docs::RuleDocs& d : docs::kDocs) {
      if (d.slug != info.slug) continue;
      info.explanation = d.explanation;
      info.spec_text = d.spec_text;
      info.example_flags = d.example_flags;
      info.example_fires = d.example_fires;
      info.example_silent = d.example_silent;
    }
  }
  return rules;
}

constexpr std::array kRules = WithDocs();
// A rule without docs still builds (the catalogue test reports it); a docs entry must not be
// left without its rule.
static_assert(std::all_of(std::begin(docs::kDocs), std::end(docs::kDocs),
                          [](const docs::RuleDocs& d) {
                            return std::any_of(kRules.begin(), kRules.end(),
                                               [&](const RuleInfo& r) { return r.slug == d.slug; });
                          }),
              "every entry of diag/rule_docs.h documents a rule of kBareRules");

/// Orders by length first, so most comparisons of two slugs need no byte compare.
bool ShorterOrBefore(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

}  // namespace

RuleIndex::RuleIndex(std::span<const RuleInfo> rules) {
  entries_.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) entries_.emplace_back(rules[i].slug, i);
  std::stable_sort(entries_.begin(), entries_.end(),
                   [](const auto& a, const auto& b) { return ShorterOrBefore(a.first, b.first); });
}

std::optional<size_t> RuleIndex::Find(std::string_view slug) const {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), slug,
      [](const auto& entry, std::string_view s) { return ShorterOrBefore(entry.first, s); });
  if (it == entries_.end() || it->first != slug) return std::nullopt;
  return it->second;
}

std::span<const RuleInfo> AllRules() {
  return kRules;
}

const RuleInfo* FindRule(std::string_view slug) {
  for (const RuleInfo& info : kRules) {
    if (info.slug == slug) return &info;
  }
  return nullptr;
}

std::optional<std::string_view> SuggestRule(std::string_view slug) {
  std::string lower(slug);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::replace(lower.begin(), lower.end(), '_', '-');
  std::optional<std::string_view> best;
  size_t best_distance = 0;
  for (const RuleInfo& info : kRules) {
    size_t distance = EditDistance(lower, info.slug);
    if (!best || distance < best_distance) {
      best = info.slug;
      best_distance = distance;
    }
  }
  if (best && best_distance <= std::max<size_t>(2, best->size() / 4)) return best;
  // A part of a slug: "unknown" for cap-unknown, "duplicate-key" for json-duplicate-key.
  if (lower.size() >= 4) {
    for (const RuleInfo& info : kRules) {
      size_t at = info.slug.find(lower);
      if (at != std::string_view::npos && (at == 0 || info.slug[at - 1] == '-')) return info.slug;
    }
  }
  return std::nullopt;
}

std::string SpecUrl(std::string_view anchor, std::string_view version) {
  if (anchor.empty()) return {};
  return "https://github.com/opencontainers/runtime-spec/blob/" + std::string(version) + "/" +
         std::string(anchor);
}

}  // namespace ocilint::diag
