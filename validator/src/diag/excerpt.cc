#include "diag/excerpt.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <numeric>

#include "json/document.h"
#include "json/utf8.h"

namespace ocilint::diag {

namespace {

/// Length in bytes of the JSON token starting at `offset`, kept within its line. The underline
/// never spans more than the shown columns, so a longer token is measured only that far
/// (every finding on a huge string would otherwise scan all of it).
size_t TokenLength(std::string_view source, size_t offset) {
  if (offset >= source.size()) return 1;
  source = source.substr(0, offset + 4 * (kMaxExcerptColumns + 1));
  char c = source[offset];
  size_t end = offset + 1;
  if (c == '"') {
    while (end < source.size() && source[end] != '"' && source[end] != '\n') {
      end += source[end] == '\\' ? 2 : 1;
    }
    end = std::min(end + 1, source.size());
  } else if (c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) {
    while (end < source.size() &&
           std::string_view("0123456789+-.eEabcdefghijklmnopqrstuvwxyz").find(source[end]) !=
               std::string_view::npos) {
      ++end;
    }
  }
  size_t newline = source.find('\n', offset);
  if (newline != std::string_view::npos) end = std::min(end, newline);
  return std::max<size_t>(end - offset, 1);
}

/// True when the 8 bytes at `p` are ASCII and none is a tab: each is one code point and one column.
bool PlainAscii8(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  constexpr uint64_t kHigh = 0x8080808080808080ULL, kOnes = 0x0101010101010101ULL;
  uint64_t tabs = w ^ (kOnes * '\t');
  return ((w | ((tabs - kOnes) & ~tabs)) & kHigh) == 0;
}

/// A position in one line, moved forward one code point at a time.
struct Cursor {
  size_t byte = 0;        ///< index in the line
  size_t code_point = 0;  ///< code points before `byte`
  size_t width = 0;       ///< display columns before `byte`, tabs going to the next stop

  /// Steps over one code point; a sequence cut by `limit` counts byte by byte, as
  /// json::CountCodePoints counts the text before a position.
  void Step(std::string_view line, size_t limit) {
    width += line[byte] == '\t' ? kTabStop - width % kTabStop : 1;
    size_t length = json::Utf8SequenceLength(line.substr(byte, limit - byte));
    byte += length == 0 ? 1 : length;
    ++code_point;
  }

  /// Steps while before `limit` bytes and before `code_points`; plain ASCII (most of a config)
  /// without the UTF-8 decoder, with the same result as Step.
  void Advance(std::string_view line, size_t limit, size_t code_points) {
    while (byte < limit && code_point < code_points) {
      if (limit - byte >= 8 && code_points - code_point >= 8 && PlainAscii8(line.data() + byte)) {
        byte += 8;
        code_point += 8;
        width += 8;
        continue;
      }
      unsigned char c = static_cast<unsigned char>(line[byte]);
      if (c < 0x80 && c != '\t') {
        ++byte;
        ++code_point;
        ++width;
      } else {
        Step(line, limit);
      }
    }
  }
};

/// Byte index in `line` of the code point `n` after the one at `from`.
size_t SkipCodePoints(std::string_view line, size_t from, size_t n) {
  Cursor c{from, 0, 0};
  c.Advance(line, line.size(), n);
  return c.byte;
}

}  // namespace

void LocateDiagnostics(std::string_view source, std::vector<Diagnostic>* diagnostics) {
  std::vector<size_t> order;
  for (size_t i = 0; i < diagnostics->size(); ++i) {
    if ((*diagnostics)[i].offset) order.push_back(i);
  }
  if (order.empty()) return;
  // In offset order, two cursors walk each line once: one to the finding, one to the start of
  // its window. A minified config is one long line with every finding on it.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return *(*diagnostics)[a].offset < *(*diagnostics)[b].offset;
  });
  // The findings come in offset order, so the lines are found by one forward scan.
  uint32_t line_number = 1;
  size_t line_start = 0;
  size_t line_end = std::min(source.find('\n'), source.size());
  auto text_of_line = [&] {
    std::string_view text = source.substr(line_start, line_end - line_start);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    return text;
  };
  std::string_view line = text_of_line();
  Cursor caret, window;
  for (size_t index : order) {
    Diagnostic& d = (*diagnostics)[index];
    size_t offset = std::min(*d.offset, source.size());
    if (line_end < offset) {
      while (line_end < offset) {
        line_start = line_end + 1;
        ++line_number;
        line_end = std::min(source.find('\n', line_start), source.size());
      }
      line = text_of_line();
      caret = window = Cursor{};
    }
    size_t in_line = std::min(offset - line_start, line.size());
    caret.Advance(line, in_line, SIZE_MAX);
    d.line = line_number;
    d.column = static_cast<uint32_t>(caret.code_point + 1);

    // A window of kMaxExcerptColumns on each side of the caret picks the same columns the text
    // format would pick from the whole line.
    size_t first =
        caret.code_point > kMaxExcerptColumns ? caret.code_point - kMaxExcerptColumns : 0;
    window.Advance(line, line.size(), first);
    size_t end = SkipCodePoints(line, window.byte, caret.code_point - first + kMaxExcerptColumns);
    Excerpt excerpt;
    size_t span = json::CountCodePoints(source.substr(offset, TokenLength(source, offset)));
    excerpt.span = static_cast<uint32_t>(std::min<size_t>(span, UINT32_MAX));
    excerpt.text = std::string(line.substr(window.byte, end - window.byte));
    excerpt.first_column = static_cast<uint32_t>(window.code_point + 1);
    excerpt.tab_phase = static_cast<uint32_t>(window.width % kTabStop);
    excerpt.cut_after = end < line.size();
    d.excerpt = std::move(excerpt);
  }
}

}  // namespace ocilint::diag
