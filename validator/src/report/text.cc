#include <algorithm>
#include <optional>
#include <sstream>
#include <string>

#include "diag/excerpt.h"
#include "json/document.h"
#include "json/utf8.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

constexpr size_t kTabStop = diag::kTabStop;
constexpr size_t kMaxShownColumns = diag::kMaxExcerptColumns;

struct Style {
  bool on;
  std::string_view Bold() const { return on ? "\033[1m" : ""; }
  std::string_view Reset() const { return on ? "\033[0m" : ""; }
  std::string_view Caret() const { return on ? "\033[1;32m" : ""; }
  std::string_view Dim() const { return on ? "\033[2m" : ""; }
  std::string_view For(diag::Severity s) const {
    if (!on) return "";
    switch (s) {
      case diag::Severity::kError:
        return "\033[1;31m";
      case diag::Severity::kWarning:
        return "\033[1;35m";
      case diag::Severity::kNote:
        return "\033[1;36m";
    }
    return "";
  }
};

/// The display form of one source line: tabs expanded, bad bytes replaced, one cell per
/// code point, `width` columns already shown before it. Returns cells so the caret can be placed
/// by code-point column.
std::vector<std::string> Cells(std::string_view line, size_t width) {
  std::vector<std::string> cells;
  for (size_t i = 0; i < line.size();) {
    size_t length = json::Utf8SequenceLength(line.substr(i));
    if (line[i] == '\t') {
      cells.push_back(std::string(kTabStop - width % kTabStop, ' '));
      width += cells.back().size();
      ++i;
      continue;
    }
    if (length == 0 || static_cast<unsigned char>(line[i]) < 0x20) {
      cells.push_back("\xEF\xBF\xBD");
      ++i;
    } else {
      cells.push_back(std::string(line.substr(i, length)));
      i += length;
    }
    ++width;
  }
  return cells;
}

void WriteExcerpt(std::ostream& out, const diag::Diagnostic& d, const Style& style) {
  const diag::Excerpt& excerpt = *d.excerpt;
  std::vector<std::string> cells = Cells(excerpt.text, excerpt.tab_phase);
  size_t caret = d.column >= excerpt.first_column ? d.column - excerpt.first_column : 0;
  size_t span = excerpt.span;
  size_t first = 0;
  if (cells.size() > kMaxShownColumns && caret > kMaxShownColumns / 2) {
    first = std::min(caret - kMaxShownColumns / 2, cells.size() - kMaxShownColumns);
  }
  size_t last = std::min(cells.size(), first + kMaxShownColumns);
  bool cut_before = first > 0 || excerpt.first_column > 1;
  bool cut_after = last < cells.size() || excerpt.cut_after;
  std::string number = std::to_string(d.line);
  std::string gutter(number.size(), ' ');
  out << ' ' << number << " | " << (cut_before ? "..." : "");
  std::string marks(cut_before ? 3 : 0, ' ');
  for (size_t i = first; i < last; ++i) {
    out << cells[i];
    if (i < caret) {
      marks += cells[i][0] == ' ' && cells[i].size() > 1 ? std::string(cells[i].size(), ' ') : " ";
    }
  }
  out << (cut_after ? "..." : "") << '\n';
  if (caret > cells.size()) caret = cells.size();
  span = std::max<size_t>(1, std::min(span, last > caret ? last - caret : 1));
  out << ' ' << gutter << " | " << marks << style.Caret() << '^' << std::string(span - 1, '~')
      << style.Reset() << '\n';
}

std::string Plural(size_t n, std::string_view word) {
  return std::to_string(n) + " " + std::string(word) + (n == 1 ? "" : "s");
}

}  // namespace

void WriteTargetLines(std::ostream& out, const TargetReport& target) {
  out << "target kernel:      " << target.kernel_text << '\n'
      << "target environment: " << target.environment_text << '\n'
      << "target runtime:     " << json::SanitizeForTerminal(target.runtime_text) << '\n';
}

void WriteText(std::ostream& destination, const std::vector<diag::FileReport>& files,
               const ReportContext& context) {
  // Built in memory and handed over in large writes: std::cout synchronised with stdio costs a
  // call per character.
  std::ostringstream out;
  auto drain = [&] {
    std::string_view text = out.view();
    destination.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.str(std::string());
  };
  Style style{context.color};
  if (!context.target.kernel_text.empty()) {
    out << style.Dim();
    WriteTargetLines(out, context.target);
    out << style.Reset();
  }
  for (const diag::FileReport& file : files) {
    for (const diag::Diagnostic& d : file.diagnostics) {
      out << style.Bold() << json::SanitizeForTerminal(file.path);
      if (d.line > 0) out << ':' << d.line << ':' << d.column;
      out << ": " << style.Reset() << style.For(d.severity) << diag::SeverityName(d.severity) << ':'
          << style.Reset() << ' ' << style.Bold() << json::SanitizeForTerminal(d.message)
          << style.Reset() << ' ' << style.Dim() << '[' << d.rule << ']' << style.Reset() << '\n';
      if (d.line > 0 && d.excerpt) WriteExcerpt(out, d, style);
      std::string pad(std::to_string(d.line).size() + 1, ' ');
      if (!d.pointer.empty())
        out << pad << " = at: " << json::SanitizeForTerminal(d.pointer) << '\n';
      if (!d.help.empty()) out << pad << " = help: " << json::SanitizeForTerminal(d.help) << '\n';
      if (!d.spec.empty()) out << pad << " = spec: " << d.spec << '\n';
    }
    if (out.tellp() > 65536) drain();
  }
  diag::Summary s = diag::Summarize(files);
  out << Plural(s.files, "file") << " checked";
  if (s.unreadable) out << " (" << s.unreadable << " unreadable)";
  out << ": " << Plural(s.errors, "error") << ", " << Plural(s.warnings, "warning") << ", "
      << Plural(s.notes, "note");
  if (s.suppressed) out << " (" << s.suppressed << " suppressed)";
  out << "; schema: " << context.schema << '\n';
  drain();
}

}  // namespace ocilint::report
