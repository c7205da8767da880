// The seccomp-*: config-linux.md "Seccomp".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kSeccompRules{"seccomp", Check, {}};

}  // namespace ocilint::lint
