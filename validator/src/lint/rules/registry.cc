#include <array>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

// Each family is defined beside its check, in lint/rules/<family>.cc.
extern const RuleFamily kDocumentRules;
extern const RuleFamily kCapabilityRules;
extern const RuleFamily kInputRules;

namespace {

constexpr std::array kFamilies = {
    &kDocumentRules,
    &kCapabilityRules,
    &kInputRules,
};

}  // namespace

std::span<const RuleFamily* const> AllRuleFamilies() {
  return kFamilies;
}

}  // namespace ocilint::lint
