// JUnit XML (Jenkins, GitLab): a <testsuite> per file, a <testcase> per finding named by rule
// and JSON pointer (made unique, since GitLab keeps only the first of equal names), errors and
// warnings as failures, notes as passing cases, one passing case for a clean file.

#include <map>
#include <memory>
#include <sstream>

#include "report/format_util.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

using format::XmlEscape;

bool Fails(const diag::Diagnostic& d) {
  return d.severity != diag::Severity::kNote;
}

size_t Failures(const diag::FileReport& file) {
  size_t n = 0;
  for (const diag::Diagnostic& d : file.diagnostics) n += Fails(d) ? 1 : 0;
  return n;
}

size_t Cases(const diag::FileReport& file) {
  return file.diagnostics.empty() ? 1 : file.diagnostics.size();
}

void WriteSuite(std::ostream& out, const diag::FileReport& file) {
  std::string path = XmlEscape(file.path);
  out << "  <testsuite name=\"" << path << "\" tests=\"" << Cases(file) << "\" failures=\""
      << Failures(file) << "\" errors=\"0\" skipped=\"0\">\n";
  if (file.diagnostics.empty()) {
    out << "    <testcase classname=\"" << path << "\" name=\"schema and rules\" file=\"" << path
        << "\"/>\n";
  }
  std::map<std::string, int> names;
  for (const diag::Diagnostic& d : file.diagnostics) {
    std::string name = d.pointer.empty() ? d.rule : d.rule + " " + d.pointer;
    int n = ++names[name];
    if (n > 1) name += " (" + std::to_string(n) + ")";
    out << "    <testcase classname=\"" << path << "\" name=\"" << XmlEscape(name) << "\" file=\""
        << path << '"';
    if (d.line > 0) out << " line=\"" << d.line << '"';
    out << ">\n";
    std::string details = XmlEscape(format::Details(file, d), false);
    if (Fails(d)) {
      out << "      <failure message=\"" << XmlEscape(d.message) << "\" type=\""
          << diag::SeverityName(d.severity) << "\">" << details << "</failure>\n";
    } else {
      out << "      <system-out>" << details << "</system-out>\n";
    }
    out << "    </testcase>\n";
  }
  out << "  </testsuite>\n";
}

}  // namespace

namespace {

/// The totals head the report, so each file's suite is kept as text until End.
class JunitStream : public ReportStream {
 public:
  explicit JunitStream(std::ostream& out) : out_(out) {}

  void Begin(size_t /*file_count*/) override {}

  void File(const diag::FileReport& file) override {
    tests_ += Cases(file);
    failures_ += Failures(file);
    WriteSuite(suites_, file);
  }

  void End(const diag::Summary& /*summary*/) override {
    out_ << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"oci-lint\" tests=\""
         << tests_ << "\" failures=\"" << failures_ << "\" errors=\"0\" skipped=\"0\">\n"
         << suites_.view() << "</testsuites>\n";
  }

 private:
  std::ostream& out_;
  std::ostringstream suites_;
  size_t tests_ = 0, failures_ = 0;
};

}  // namespace

std::unique_ptr<ReportStream> OpenJunit(std::ostream& out, const ReportContext& /*context*/) {
  return std::make_unique<JunitStream>(out);
}

}  // namespace ocilint::report
