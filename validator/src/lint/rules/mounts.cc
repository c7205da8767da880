// The mount-*: config.md "Mounts", config-linux.md "Mount Propagation".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kMountRules{"mounts", Check, {}};

}  // namespace ocilint::lint
