#include "lint/rules/catalogue.h"

#include <algorithm>
#include <string>
#include <vector>

#include "lint/rules/rule_family.h"
#include "util/edit_distance.h"

namespace ocilint::lint {

namespace {

struct Catalogue {
  std::vector<diag::RuleInfo> rules;
  diag::RuleIndex index;
};

std::vector<diag::RuleInfo> Concatenated() {
  std::vector<diag::RuleInfo> rules;
  for (const RuleFamily* family : AllRuleFamilies()) {
    rules.insert(rules.end(), family->rules.begin(), family->rules.end());
  }
  return rules;
}

/// Built on first use, once, whichever thread gets there first.
const Catalogue& TheCatalogue() {
  static const Catalogue catalogue = [] {
    std::vector<diag::RuleInfo> rules = Concatenated();
    diag::RuleIndex index(rules);
    return Catalogue{std::move(rules), std::move(index)};
  }();
  return catalogue;
}

}  // namespace

std::span<const diag::RuleInfo> AllRules() {
  return TheCatalogue().rules;
}

const diag::RuleInfo* FindRule(std::string_view slug) {
  const Catalogue& catalogue = TheCatalogue();
  std::optional<size_t> at = catalogue.index.Find(slug);
  return at ? &catalogue.rules[*at] : nullptr;
}

std::optional<std::string_view> SuggestRule(std::string_view slug) {
  std::string lower(slug);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  std::replace(lower.begin(), lower.end(), '_', '-');
  std::optional<std::string_view> best;
  size_t best_distance = 0;
  for (const diag::RuleInfo& info : AllRules()) {
    size_t distance = util::EditDistance(lower, info.slug);
    if (!best || distance < best_distance) {
      best = info.slug;
      best_distance = distance;
    }
  }
  if (best && best_distance <= std::max<size_t>(2, best->size() / 4)) return best;
  // A part of a slug: "unknown" for cap-unknown, "duplicate-key" for json-duplicate-key.
  if (lower.size() >= 4) {
    for (const diag::RuleInfo& info : AllRules()) {
      size_t at = info.slug.find(lower);
      if (at != std::string_view::npos && (at == 0 || info.slug[at - 1] == '-')) return info.slug;
    }
  }
  return std::nullopt;
}

}  // namespace ocilint::lint
