#include <array>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

// Each family is defined beside its check, in lint/rules/<family>.cc.
extern const RuleFamily kDocumentRules;
extern const RuleFamily kCapabilityRules;
extern const RuleFamily kProcessRules;
extern const RuleFamily kVersionRules;
extern const RuleFamily kUserIdRules;
extern const RuleFamily kRootRules;
extern const RuleFamily kMountRules;
extern const RuleFamily kDefaultFilesystemRules;
extern const RuleFamily kNamespaceRules;
extern const RuleFamily kSysctlRules;
extern const RuleFamily kDeviceRules;
extern const RuleFamily kResourceRules;
extern const RuleFamily kCgroupV1Rules;
extern const RuleFamily kHookRules;
extern const RuleFamily kAnnotationRules;
extern const RuleFamily kSeccompRules;
extern const RuleFamily kLinuxOtherRules;
extern const RuleFamily kPlatformRules;
extern const RuleFamily kBundleRules;
extern const RuleFamily kInputRules;
extern const RuleFamily kRuntimeFeatureRules;
extern const RuleFamily kFeaturesDocumentRules;
extern const RuleFamily kStateDocumentRules;

namespace {

constexpr std::array kFamilies = {
    &kDocumentRules,         &kCapabilityRules,    &kProcessRules,    &kVersionRules,
    &kUserIdRules,           &kRootRules,          &kMountRules,      &kDefaultFilesystemRules,
    &kNamespaceRules,        &kSysctlRules,        &kDeviceRules,     &kResourceRules,
    &kCgroupV1Rules,         &kHookRules,          &kAnnotationRules, &kSeccompRules,
    &kLinuxOtherRules,       &kPlatformRules,      &kBundleRules,     &kRuntimeFeatureRules,
    &kFeaturesDocumentRules, &kStateDocumentRules, &kInputRules,
};

}  // namespace

std::span<const RuleFamily* const> AllRuleFamilies() {
  return kFamilies;
}

}  // namespace ocilint::lint
