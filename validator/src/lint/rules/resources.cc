// The resource-*: config-linux.md "Control groups" and its controllers.

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kResourceRules{"resources", Check, {}};

}  // namespace ocilint::lint
