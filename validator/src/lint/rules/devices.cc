// The device-*: config-linux.md "Devices", "Allowed Device list".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kDeviceRules{"devices", Check, {}};

}  // namespace ocilint::lint
