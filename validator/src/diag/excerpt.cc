#include "diag/excerpt.h"

#include <algorithm>
#include <optional>

#include "json/document.h"
#include "json/utf8.h"

namespace ocilint::diag {

namespace {

/// Length in bytes of the JSON token starting at `offset`, kept within its line.
size_t TokenLength(std::string_view source, size_t offset) {
  if (offset >= source.size()) return 1;
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

/// Byte index in `line` of the code point with 0-based index `n` (line.size() past the end).
/// Adds the display width of the code points before it to *width, tabs going to the next stop.
size_t ByteOfCodePoint(std::string_view line, size_t n, size_t* width = nullptr) {
  size_t i = 0;
  for (size_t seen = 0; i < line.size() && seen < n; ++seen) {
    if (width) *width += line[i] == '\t' ? kTabStop - *width % kTabStop : 1;
    size_t length = json::Utf8SequenceLength(line.substr(i));
    i += length == 0 ? 1 : length;
  }
  return i;
}

Excerpt MakeExcerpt(std::string_view line, uint32_t column, size_t span) {
  Excerpt excerpt;
  excerpt.span = static_cast<uint32_t>(std::min<size_t>(span, UINT32_MAX));
  // A window of kMaxExcerptColumns on each side of the caret picks the same columns the text
  // format would pick from the whole line.
  size_t caret = column - 1;
  size_t first = caret > kMaxExcerptColumns ? caret - kMaxExcerptColumns : 0;
  size_t width = 0;
  size_t begin = ByteOfCodePoint(line, first, &width);
  size_t end = begin + ByteOfCodePoint(line.substr(begin), caret - first + kMaxExcerptColumns);
  excerpt.text = std::string(line.substr(begin, end - begin));
  excerpt.first_column = static_cast<uint32_t>(first + 1);
  excerpt.tab_phase = static_cast<uint32_t>(width % kTabStop);
  excerpt.cut_after = end < line.size();
  return excerpt;
}

}  // namespace

void LocateDiagnostics(std::string_view source, std::vector<Diagnostic>* diagnostics) {
  std::optional<json::SourceMap> map;
  for (Diagnostic& d : *diagnostics) {
    if (!d.offset) continue;
    if (!map) map.emplace(source);
    json::Position p = map->Locate(*d.offset);
    d.line = p.line;
    d.column = p.column;
    size_t offset = std::min(*d.offset, source.size());
    size_t span = json::CountCodePoints(source.substr(offset, TokenLength(source, offset)));
    d.excerpt = MakeExcerpt(map->Line(p.line), p.column, span);
  }
}

}  // namespace ocilint::diag
