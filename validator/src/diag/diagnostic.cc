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

void Summary::Add(const FileReport& file) {
  ++files;
  if (file.unreadable) ++unreadable;
  suppressed += file.suppressed;
  for (const Diagnostic& d : file.diagnostics) {
    switch (d.severity) {
      case Severity::kError:
        ++errors;
        break;
      case Severity::kWarning:
        ++warnings;
        break;
      case Severity::kNote:
        ++notes;
        break;
    }
  }
}

Summary Summarize(const std::vector<FileReport>& files) {
  Summary summary;
  for (const FileReport& file : files) summary.Add(file);
  return summary;
}

Diagnostic MoreFindings(std::string_view rule, Severity severity, size_t end_offset, size_t count,
                        size_t listed) {
  Diagnostic d;
  d.rule = std::string(rule);
  d.severity = severity;
  d.offset = end_offset;
  d.message = "... and " + std::to_string(count) + " more " + std::string(rule) +
              " findings, not listed one by one";
  d.help =
      "oci-lint lists the first " + std::to_string(listed) + " findings of each rule in a file";
  return d;
}

void SortDiagnostics(std::vector<Diagnostic>* diagnostics) {
  std::stable_sort(diagnostics->begin(), diagnostics->end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column, a.rule, a.message) <
                            std::tie(b.line, b.column, b.rule, b.message);
                   });
}

}  // namespace ocilint::diag
