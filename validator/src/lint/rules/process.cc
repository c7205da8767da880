// The process-*, oci-version-*: config.md "Process", "POSIX process", "Specification version".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kProcessRules{"process", Check, {}};

}  // namespace ocilint::lint
