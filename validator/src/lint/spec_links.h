#pragma once

#include <string>
#include <string_view>

#include "diag/document_kind.h"

namespace ocilint::lint {

/// The runtime-spec section (path#anchor) that defines the field at a JSON pointer of a document
/// of `kind`, or "".
std::string SpecAnchorFor(diag::DocumentKind kind, std::string_view pointer);

}  // namespace ocilint::lint
