#include "diag/rules.h"

#include <algorithm>

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

/// Orders by length first, so most comparisons of two slugs need no byte compare.
bool ShorterOrBefore(std::string_view a, std::string_view b) {
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

}  // namespace

RuleIndex::RuleIndex(std::span<const RuleInfo> rules) {
  entries_.reserve(rules.size());
  for (size_t i = 0; i < rules.size(); ++i) entries_.emplace_back(rules[i].slug, i);
  // A repeated slug keeps its positions in order, so Find returns the first.
  std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? ShorterOrBefore(a.first, b.first) : a.second < b.second;
  });
}

std::optional<size_t> RuleIndex::Find(std::string_view slug) const {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), slug,
      [](const auto& entry, std::string_view s) { return ShorterOrBefore(entry.first, s); });
  if (it == entries_.end() || it->first != slug) return std::nullopt;
  return it->second;
}

std::string SpecUrl(std::string_view anchor, std::string_view version) {
  if (anchor.empty()) return {};
  return "https://github.com/opencontainers/runtime-spec/blob/" + std::string(version) + "/" +
         std::string(anchor);
}

}  // namespace ocilint::diag
