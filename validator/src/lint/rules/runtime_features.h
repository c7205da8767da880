#pragma once

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

/// Reports the runtime-* rules (their table is in runtime_features.cc): the config against the
/// target runtime's features document, when there is one.
void CheckRuntimeFeatures(const RuleContext& context);

}  // namespace ocilint::lint
