// TAP 14: one test point per file, failing when it has an error or a warning, with its findings
// as a YAML block (double-quoted strings only, so any text stays valid YAML).

#include <memory>

#include "json/utf8.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

/// `text` as a YAML double-quoted scalar: quotes, backslashes and every character YAML does not
/// allow printed raw (C0, DEL, C1 controls, U+FFFE, U+FFFF) escaped.
std::string Quoted(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string clean = json::SanitizeUtf8(text);
  std::string out = "\"";
  for (size_t i = 0; i < clean.size(); ++i) {
    auto c = static_cast<unsigned char>(clean[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += clean[i];
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      out += std::string("\\x") + kDigits[c >> 4] + kDigits[c & 0xF];
    } else if (c == 0xC2 && i + 1 < clean.size() &&
               static_cast<unsigned char>(clean[i + 1]) < 0xA0) {
      auto next = static_cast<unsigned char>(clean[++i]);  // U+0080..U+009F
      out += std::string("\\x") + kDigits[next >> 4] + kDigits[next & 0xF];
    } else if (c == 0xEF && i + 2 < clean.size() && clean[i + 1] == '\xBF' &&
               (clean[i + 2] == '\xBE' || clean[i + 2] == '\xBF')) {
      out += clean[i + 2] == '\xBE' ? "\\uFFFE" : "\\uFFFF";
      i += 2;
    } else {
      out += clean[i];
    }
  }
  return out + "\"";
}

/// A test point description: one line, with '#' and '\' escaped as TAP 14 asks.
std::string Description(std::string_view path) {
  std::string out;
  for (char c : json::SanitizeForTerminal(path)) {
    if (c == '#' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

bool Fails(const diag::FileReport& file) {
  for (const diag::Diagnostic& d : file.diagnostics) {
    if (d.severity != diag::Severity::kNote) return true;
  }
  return false;
}

}  // namespace

namespace {

/// The plan (one test point per input), then a test point per file as it comes.
class TapStream : public ReportStream {
 public:
  explicit TapStream(std::ostream& out) : out_(out) {}

  void Begin(size_t file_count) override { out_ << "TAP version 14\n1.." << file_count << '\n'; }

  void File(const diag::FileReport& file) override {
    out_ << (Fails(file) ? "not ok " : "ok ") << ++number_ << " - " << Description(file.path)
         << '\n';
    if (file.diagnostics.empty()) return;
    out_ << "  ---\n  findings:\n";
    for (const diag::Diagnostic& d : file.diagnostics) {
      out_ << "    - rule: " << Quoted(d.rule)
           << "\n      severity: " << Quoted(diag::SeverityName(d.severity))
           << "\n      line: " << d.line << "\n      column: " << d.column
           << "\n      pointer: " << Quoted(d.pointer) << "\n      message: " << Quoted(d.message)
           << '\n';
      if (!d.help.empty()) out_ << "      help: " << Quoted(d.help) << '\n';
    }
    out_ << "  ...\n";
  }

  void End(const diag::Summary& /*summary*/) override {}

 private:
  std::ostream& out_;
  size_t number_ = 0;
};

}  // namespace

std::unique_ptr<ReportStream> OpenTap(std::ostream& out, const ReportContext& /*context*/) {
  return std::make_unique<TapStream>(out);
}

}  // namespace ocilint::report
