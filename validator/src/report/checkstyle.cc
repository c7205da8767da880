// Checkstyle XML (reviewdog, Jenkins warnings-ng): one <file> per input, clean ones included.

#include <memory>

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

namespace {

/// A <file> element per input as it comes.
class CheckstyleStream : public ReportStream {
 public:
  explicit CheckstyleStream(std::ostream& out) : out_(out) {}

  void Begin(size_t /*file_count*/) override {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n";
  }

  void File(const diag::FileReport& file) override {
    using format::XmlEscape;
    out_ << "  <file name=\"" << XmlEscape(file.path) << '"';
    if (file.diagnostics.empty()) {
      out_ << "/>\n";
      return;
    }
    out_ << ">\n";
    for (const diag::Diagnostic& d : file.diagnostics) {
      // As Checkstyle itself writes: always a line (0 for the whole file), a column when known.
      out_ << "    <error line=\"" << d.line << '"';
      if (d.column > 0) out_ << " column=\"" << d.column << '"';
      std::string message = d.message;
      if (!d.pointer.empty()) message += " (at " + d.pointer + ")";
      out_ << " severity=\"" << Severity(d.severity) << "\" message=\"" << XmlEscape(message)
           << "\" source=\"" << XmlEscape("oci-lint." + d.rule) << "\"/>\n";
    }
    out_ << "  </file>\n";
  }

  void End(const diag::Summary& /*summary*/) override { out_ << "</checkstyle>\n"; }

 private:
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<ReportStream> OpenCheckstyle(std::ostream& out, const ReportContext& /*context*/) {
  return std::make_unique<CheckstyleStream>(out);
}

}  // namespace ocilint::report
