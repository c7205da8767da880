#include "diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace ocilint::diag {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNote:
      return "note";
    case Severity::kWarning:
      return "warning";
    case Severity::kError:
      return "error";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view name) {
  if (name == "note") return Severity::kNote;
  if (name == "warning") return Severity::kWarning;
  if (name == "error") return Severity::kError;
  return std::nullopt;
}

Summary Summarize(const std::vector<FileReport>& files) {
  Summary summary;
  summary.files = files.size();
  for (const FileReport& file : files) {
    if (file.unreadable) ++summary.unreadable;
    summary.suppressed += file.suppressed;
    for (const Diagnostic& d : file.diagnostics) {
      switch (d.severity) {
        case Severity::kError:
          ++summary.errors;
          break;
        case Severity::kWarning:
          ++summary.warnings;
          break;
        case Severity::kNote:
          ++summary.notes;
          break;
      }
    }
  }
  return summary;
}

void SortDiagnostics(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column, a.rule, a.message) <
                            std::tie(b.line, b.column, b.rule, b.message);
                   });
}

}  // namespace ocilint::diag
