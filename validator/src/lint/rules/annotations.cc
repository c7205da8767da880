// The annotation-*: config.md "Annotations".

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

void Check(const RuleContext& context) {
  (void)context;
}

}  // namespace

extern constinit const RuleFamily kAnnotationRules{"annotations", Check, {}};

}  // namespace ocilint::lint
