// The linux-*: config-linux.md "Personality", "Memory policy", "IntelRdt", "Network Devices",
// "Rootfs Mount Propagation", "Cgroups Path".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kLinuxOtherRules{"linux-other", Check, {}};

}  // namespace ocilint::lint
