#include <algorithm>
#include <charconv>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

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

/// The display form of one source line: tabs expanded, bad bytes and control characters
/// replaced, one cell per code point, `width` columns already shown before it. Each cell is its
/// bytes in `line` (a tab: `spaces` columns; a replaced byte: `replaced`).
struct Cell {
  uint32_t offset;
  uint16_t length;
  uint16_t spaces;  ///< a tab's width in columns; 0 for other cells
  bool replaced;
};

std::vector<Cell> Cells(std::string_view line, size_t width) {
  std::vector<Cell> cells;
  cells.reserve(line.size());
  for (size_t i = 0; i < line.size();) {
    if (line[i] == '\t') {
      size_t spaces = kTabStop - width % kTabStop;
      cells.push_back({static_cast<uint32_t>(i), 1, static_cast<uint16_t>(spaces), false});
      width += spaces;
      ++i;
      continue;
    }
    size_t length =
        static_cast<unsigned char>(line[i]) < 0x80 ? 1 : json::Utf8SequenceLength(line.substr(i));
    if (length == 0 || static_cast<unsigned char>(line[i]) < 0x20) {
      cells.push_back({static_cast<uint32_t>(i), 1, 0, true});
      ++i;
    } else {
      cells.push_back({static_cast<uint32_t>(i), static_cast<uint16_t>(length), 0, false});
      i += length;
    }
    ++width;
  }
  return cells;
}

void AppendNumber(std::string& out, size_t n) {
  char digits[24];
  auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, end);
}

void WriteExcerpt(std::string& out, const diag::Diagnostic& d, const Style& style) {
  const diag::Excerpt& excerpt = *d.excerpt;
  std::string_view text = excerpt.text;
  std::vector<Cell> cells = Cells(text, excerpt.tab_phase);
  size_t caret = d.column >= excerpt.first_column ? d.column - excerpt.first_column : 0;
  size_t span = excerpt.span;
  size_t first = 0;
  if (cells.size() > kMaxShownColumns && caret > kMaxShownColumns / 2) {
    first = std::min(caret - kMaxShownColumns / 2, cells.size() - kMaxShownColumns);
  }
  size_t last = std::min(cells.size(), first + kMaxShownColumns);
  bool cut_before = first > 0 || excerpt.first_column > 1;
  bool cut_after = last < cells.size() || excerpt.cut_after;
  size_t number_width = out.size();
  out += ' ';
  AppendNumber(out, d.line);
  number_width = out.size() - number_width - 1;
  out += " | ";
  if (cut_before) out += "...";
  size_t marks = cut_before ? 3 : 0;
  // Cells shown as they are lie back to back in `text`: each run of them is appended at once.
  size_t run_begin = 0, run_end = 0;
  auto end_run = [&] {
    out.append(text.substr(run_begin, run_end - run_begin));
    run_begin = run_end;
  };
  for (size_t i = first; i < last; ++i) {
    const Cell& cell = cells[i];
    if (cell.spaces || cell.replaced) {
      end_run();
      if (cell.spaces) {
        out.append(cell.spaces, ' ');
      } else {
        out += "\xEF\xBF\xBD";
      }
    } else {
      if (run_begin == run_end) run_begin = run_end = cell.offset;
      run_end += cell.length;
    }
    if (i < caret) marks += cell.spaces ? cell.spaces : 1;
  }
  end_run();
  if (cut_after) out += "...";
  out += '\n';
  if (caret > cells.size()) caret = cells.size();
  span = std::max<size_t>(1, std::min(span, last > caret ? last - caret : 1));
  out += ' ';
  out.append(number_width, ' ');
  out += " | ";
  out.append(marks, ' ');
  out += style.Caret();
  out += '^';
  out.append(span - 1, '~');
  out += style.Reset();
  out += '\n';
}

void AppendPlural(std::string& out, size_t n, std::string_view word) {
  AppendNumber(out, n);
  out += ' ';
  out += word;
  if (n != 1) out += 's';
}

/// The "target ...:" lines of the parts of the target in `aspects` (diag::kTarget* bits).
void AppendTargetLines(std::string& out, const TargetReport& target, uint8_t aspects) {
  if (aspects & diag::kTargetKernel) {
    out += "target kernel:      ";
    out += target.kernel_text;
    out += '\n';
  }
  if (aspects & diag::kTargetEnvironment) {
    out += "target environment: ";
    out += target.environment_text;
    out += '\n';
  }
  if (aspects & diag::kTargetRuntime) {
    out += "target runtime:     ";
    json::AppendForTerminal(&out, target.runtime_text);
    out += '\n';
  }
}

constexpr uint8_t kWholeTarget =
    diag::kTargetKernel | diag::kTargetEnvironment | diag::kTargetRuntime;

}  // namespace

void WriteTargetLines(std::ostream& out, const TargetReport& target) {
  std::string text;
  AppendTargetLines(text, target, kWholeTarget);
  out << text;
}

namespace {

/// The text report: built in one string and handed over in large writes (std::cout
/// synchronised with stdio costs a call per character, and an ostringstream a sentry per piece).
/// Quiet by default: the findings, then the parts of the target they were judged against, then
/// one summary line; --verbose states the whole target first, --quiet the findings only.
class TextStream : public ReportStream {
 public:
  TextStream(std::ostream& destination, const ReportContext& context)
      : destination_(destination), context_(context), style_{context.color} {
    out_.reserve(1 << 16);
  }

  void Begin(size_t /*file_count*/) override {
    if (context_.verbosity == Verbosity::kVerbose) AppendTarget(kWholeTarget);
  }

  void File(const diag::FileReport& file) override {
    std::string& out = out_;
    const Style& style = style_;
    for (const diag::Diagnostic& d : file.diagnostics) {
      judged_against_ |= d.target_aspects;
      out += style.Bold();
      json::AppendForTerminal(&out, file.path);
      if (d.line > 0) {
        out += ':';
        AppendNumber(out, d.line);
        out += ':';
        AppendNumber(out, d.column);
      }
      out += ": ";
      out += style.Reset();
      out += style.For(d.severity);
      out += diag::SeverityName(d.severity);
      out += ':';
      out += style.Reset();
      out += ' ';
      out += style.Bold();
      json::AppendForTerminal(&out, d.message);
      out += style.Reset();
      out += ' ';
      out += style.Dim();
      out += '[';
      out += d.rule;
      out += ']';
      out += style.Reset();
      out += '\n';
      if (d.line > 0 && d.excerpt) WriteExcerpt(out, d, style);
      size_t pad = 2;
      for (size_t n = d.line; n >= 10; n /= 10) ++pad;
      if (!d.pointer.empty()) {
        out.append(pad, ' ');
        out += " = at: ";
        json::AppendForTerminal(&out, d.pointer);
        out += '\n';
      }
      if (!d.help.empty()) {
        out.append(pad, ' ');
        out += " = help: ";
        json::AppendForTerminal(&out, d.help);
        out += '\n';
      }
      if (!d.spec.empty()) {
        out.append(pad, ' ');
        out += " = spec: ";
        out += d.spec;
        out += '\n';
      }
    }
    if (out.size() > 65536) Drain();
  }

  void End(const diag::Summary& s) override {
    if (context_.verbosity == Verbosity::kQuiet) return Drain();
    if (context_.verbosity == Verbosity::kNormal) AppendTarget(judged_against_);
    std::string& out = out_;
    AppendPlural(out, s.files, "file");
    out += " checked";
    if (s.unreadable) {
      out += " (";
      AppendNumber(out, s.unreadable);
      out += " unreadable)";
    }
    out += ": ";
    AppendPlural(out, s.errors, "error");
    out += ", ";
    AppendPlural(out, s.warnings, "warning");
    out += ", ";
    AppendPlural(out, s.notes, "note");
    if (s.suppressed) {
      out += " (";
      AppendNumber(out, s.suppressed);
      out += " suppressed)";
    }
    out += "; schema: ";
    out += context_.schema;
    out += '\n';
    Drain();
  }

 private:
  void AppendTarget(uint8_t aspects) {
    if (context_.target.kernel_text.empty() || aspects == 0) return;
    out_ += style_.Dim();
    AppendTargetLines(out_, context_.target, aspects);
    out_ += style_.Reset();
  }

  void Drain() {
    destination_.write(out_.data(), static_cast<std::streamsize>(out_.size()));
    out_.clear();
  }

  std::ostream& destination_;
  const ReportContext& context_;
  Style style_;
  std::string out_;
  uint8_t judged_against_ = 0;  ///< kTarget* bits of the findings so far
};

}  // namespace

std::unique_ptr<ReportStream> OpenText(std::ostream& out, const ReportContext& context) {
  return std::make_unique<TextStream>(out, context);
}

}  // namespace ocilint::report
