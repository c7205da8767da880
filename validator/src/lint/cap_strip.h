#pragma once

#include <functional>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "json/document.h"
#include "lint/target.h"

namespace ocilint::lint {

/// A capability entry to leave out of a config, and the cap-* finding that says why.
struct CapabilityRemoval {
  json::NodeId node = json::kNoNode;
  diag::Diagnostic finding;
};

/// The capability entries of `doc` that draw a cap-* finding of a rule `remove` selects for
/// `target`, in the order of the findings. With `duplicates`, a cap-duplicate entry goes too
/// unless the entry it repeats is itself removed: [" CAP_KILL", "CAP_KILL"] keeps the second, as
/// runc would apply it. `oci-lint caps --strip` removes every warned entry this way, and
/// oci-lint-runtime's adapt policy the ones a runtime cannot grant.
std::vector<CapabilityRemoval> CapabilityRemovals(
    const json::Document& doc, const Target& target,
    const std::function<bool(std::string_view rule)>& remove, bool duplicates);

}  // namespace ocilint::lint
