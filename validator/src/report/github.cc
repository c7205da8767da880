// GitHub Actions workflow commands: one ::error/::warning/::notice line per finding, which the
// runner turns into annotations, then a plain summary line for the log.

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

void WriteGithub(std::ostream& out, const std::vector<diag::FileReport>& files,
                 const ReportContext& context) {
  for (const diag::FileReport& file : files) {
    for (const diag::Diagnostic& d : file.diagnostics) {
      out << "::" << Command(d.severity)
          << " file=" << Escape(format::RelativePath(file.path), true);
      if (d.line > 0) {
        out << ",line=" << d.line;
        if (d.column > 0) out << ",col=" << d.column;
      }
      out << ",title=" << Escape("oci-lint " + d.rule, true) << "::";
      std::string message = d.message;
      if (!d.pointer.empty()) message += " (at " + d.pointer + ")";
      if (!d.help.empty()) message += "\nhelp: " + d.help;
      out << Escape(message, false) << '\n';
    }
  }
  diag::Summary s = diag::Summarize(files);
  out << "oci-lint: " << s.files << " files checked";
  if (s.unreadable) out << " (" << s.unreadable << " unreadable)";
  out << ": " << s.errors << " errors, " << s.warnings << " warnings, " << s.notes
      << " notes; schema: " << json::SanitizeForTerminal(context.schema) << '\n';
}

}  // namespace ocilint::report
