// The hook-*: config.md "POSIX-platform Hooks".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kHookRules{"hooks", Check, {}};

}  // namespace ocilint::lint
