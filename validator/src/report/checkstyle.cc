// Checkstyle XML (reviewdog, Jenkins warnings-ng): one <file> per input, clean ones included.

#include "report/format_util.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

std::string_view Severity(diag::Severity severity) {
  switch (severity) {
    case diag::Severity::kError:
      return "error";
    case diag::Severity::kWarning:
      return "warning";
    case diag::Severity::kNote:
      return "info";
  }
  return "error";
}

}  // namespace

void WriteCheckstyle(std::ostream& out, const std::vector<diag::FileReport>& files,
                     const ReportContext& /*context*/) {
  using format::XmlEscape;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  for (const diag::FileReport& file : files) {
    out << "  <file name=\"" << XmlEscape(file.path) << '"';
    if (file.diagnostics.empty()) {
      out << "/>\n";
      continue;
    }
    out << ">\n";
    for (const diag::Diagnostic& d : file.diagnostics) {
      // As Checkstyle itself writes: always a line (0 for the whole file), a column when known.
      out << "    <error line=\"" << d.line << '"';
      if (d.column > 0) out << " column=\"" << d.column << '"';
      std::string message = d.message;
      if (!d.pointer.empty()) message += " (at " + d.pointer + ")";
      out << " severity=\"" << Severity(d.severity) << "\" message=\"" << XmlEscape(message)
          << "\" source=\"" << XmlEscape("oci-lint." + d.rule) << "\"/>\n";
    }
    out << "  </file>\n";
  }
  out << "</checkstyle>\n";
}

}  // namespace ocilint::report
