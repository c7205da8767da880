#pragma once

#include <ostream>

namespace ocilint::cli {

/// `oci-lint rules --spec-versions`: the table behind the version-* rules, one row per member or
/// value a runtime-spec release added, removed or deprecated, as text or as the Markdown of
/// docs/spec-versions.md.
void WriteSpecVersions(std::ostream& out, bool markdown);

}  // namespace ocilint::cli
