// The sysctl-*: config-linux.md "Sysctl".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kSysctlRules{"sysctl", Check, {}};

}  // namespace ocilint::lint
