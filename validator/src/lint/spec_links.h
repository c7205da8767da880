#pragma once

#include <string>
#include <string_view>

namespace ocilint::lint {

/// The runtime-spec section (path#anchor) that defines the field at a JSON pointer, or "".
std::string SpecAnchorFor(std::string_view pointer);

}  // namespace ocilint::lint
