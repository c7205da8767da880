#pragma once

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

/// The cap-* family's check alone, for commands that act on its findings (caps --strip, probe).
void CheckCapabilities(const RuleContext& context);

}  // namespace ocilint::lint
