#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "diag/rules.h"

namespace ocilint::lint {

/// Every rule oci-lint knows: the rules of each family, in the registry's order.
std::span<const diag::RuleInfo> AllRules();
/// The rule of AllRules() with this slug, found in an index built once; or nullptr.
const diag::RuleInfo* FindRule(std::string_view slug);
/// The slug closest to an unknown `slug` (a typo, or a part such as "unknown"), if any is close.
std::optional<std::string_view> SuggestRule(std::string_view slug);

}  // namespace ocilint::lint
