// GitHub Actions workflow commands: one ::error/::warning/::notice line per finding, which the
// runner turns into annotations, then a plain summary line for the log.

#include <memory>

#include "json/utf8.h"
#include "report/format_util.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

/// Escapes as @actions/core does: '%', CR and LF in data; also ':' and ',' in properties.
/// Other control characters, which the log would show raw, become U+FFFD.
std::string Escape(std::string_view text, bool property) {
  std::string out;
  for (char c : json::SanitizeUtf8(text)) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        out += property ? "%3A" : ":";
        break;
      case ',':
        out += property ? "%2C" : ",";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string_view Command(diag::Severity severity) {
  switch (severity) {
    case diag::Severity::kError:
      return "error";
    case diag::Severity::kWarning:
      return "warning";
    case diag::Severity::kNote:
      return "notice";
  }
  return "error";
}

}  // namespace

namespace {

/// One workflow command per finding as the files come, then the summary line.
class GithubStream : public ReportStream {
 public:
  GithubStream(std::ostream& out, const ReportContext& context) : out_(out), context_(context) {}

  void Begin(size_t /*file_count*/) override {}

  void File(const diag::FileReport& file) override {
    for (const diag::Diagnostic& d : file.diagnostics) {
      out_ << "::" << Command(d.severity)
           << " file=" << Escape(format::RelativePath(file.path), true);
      if (d.line > 0) {
        out_ << ",line=" << d.line;
        if (d.column > 0) out_ << ",col=" << d.column;
      }
      out_ << ",title=" << Escape("oci-lint " + d.rule, true) << "::";
      std::string message = d.message;
      if (!d.pointer.empty()) message += " (at " + d.pointer + ")";
      if (!d.help.empty()) message += "\nhelp: " + d.help;
      out_ << Escape(message, false) << '\n';
    }
  }

  void End(const diag::Summary& s) override {
    if (context_.verbosity == Verbosity::kQuiet) return;
    out_ << "oci-lint: " << s.files << " files checked";
    if (s.unreadable) out_ << " (" << s.unreadable << " unreadable)";
    out_ << ": " << s.errors << " errors, " << s.warnings << " warnings, " << s.notes
         << " notes; schema: " << json::SanitizeForTerminal(context_.schema) << '\n';
  }

 private:
  std::ostream& out_;
  const ReportContext& context_;
};

}  // namespace

std::unique_ptr<ReportStream> OpenGithub(std::ostream& out, const ReportContext& context) {
  return std::make_unique<GithubStream>(out, context);
}

}  // namespace ocilint::report
