// What runc 1.1.5 (Debian 12) does with configs that oci-lint's rules flag, observed by
// scripts/semantic-truth.sh (testdata/semantic/observed-runc-1.1.5.tsv). One section per rule
// family.

#include "lint/runtimes/runtime_knowledge.h"

namespace ocilint::lint {

namespace {

using enum RuntimeOutcome;

constexpr RuntimeBehaviour kBehaviour[] = {
    // process

    // root

    // mounts

    // namespaces

    // sysctl

    // devices

    // resources

    // hooks

    // annotations

    // seccomp

    // linux-other

    {"", kAccepts, ""},  // end
};

}  // namespace

extern constinit const RuntimeKnowledge kRuncKnowledge{
    "runc", "1.1.5", std::span(kBehaviour).first(std::size(kBehaviour) - 1)};

}  // namespace ocilint::lint
