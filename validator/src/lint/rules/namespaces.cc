// The ns-*: config-linux.md "Namespaces", "User namespace mappings", "Offset for Time Namespace";
// config.md "Hostname", "Domainname".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kNamespaceRules{"namespaces", Check, {}};

}  // namespace ocilint::lint
