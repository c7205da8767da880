#pragma once

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

/// Reports the process-* and oci-version-* rules (their table is in process.cc).
void CheckProcess(const RuleContext& context);

}  // namespace ocilint::lint
