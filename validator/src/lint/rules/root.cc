// The root-*: config.md "Root"; paths-*: config-linux.md "Masked Paths", "Readonly Paths".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kRootRules{"root", Check, {}};

}  // namespace ocilint::lint
