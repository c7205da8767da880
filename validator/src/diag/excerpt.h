#pragma once

#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace ocilint::diag {

/// Code points shown of a long line around a finding, in all (the text format's limit).
inline constexpr size_t kMaxExcerptColumns = 120;

/// Columns between tab stops when a line is shown.
inline constexpr size_t kTabStop = 8;

/// Sets line, column and excerpt of every diagnostic that has an offset into `source`.
void LocateDiagnostics(std::string_view source, std::vector<Diagnostic>* diagnostics);

}  // namespace ocilint::diag
