#include "report/json_writer.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>

#include "json/utf8.h"

namespace ocilint::report {

namespace {

/// What RapidJSON writes after a backslash for each byte it escapes ('u': \u00XX); 0 for a byte
/// written as it is.
constexpr auto kEscape = [] {
  std::array<char, 256> escape{};
  for (int c = 0; c < 0x20; ++c) escape[static_cast<size_t>(c)] = 'u';
  escape['\b'] = 'b';
  escape['\t'] = 't';
  escape['\n'] = 'n';
  escape['\f'] = 'f';
  escape['\r'] = 'r';
  escape['"'] = '"';
  escape['\\'] = '\\';
  return escape;
}();

/// The index of the first byte at or after `pos` that needs an escape (a control character, '"'
/// or '\\'), or text.size(): eight bytes per step, as the parser skips plain string bytes.
size_t NextEscaped(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  while (pos + 8 <= text.size()) {
    uint64_t word;
    std::memcpy(&word, text.data() + pos, 8);
    // Bytes below 0x20 (a byte of 0x80 or more never counts), '"' and '\\'; the lowest flag
    // is exact, as in the parser.
    uint64_t special = ((word - kOnes * 0x20) & ~word & kHighs) | has_zero(word ^ (kOnes * '"')) |
                       has_zero(word ^ (kOnes * '\\'));
    if (special) {
      if constexpr (std::endian::native == std::endian::little) {
        return pos + static_cast<size_t>(std::countr_zero(special) >> 3);
      }
      break;
    }
    pos += 8;
  }
  while (pos < text.size() && kEscape[static_cast<unsigned char>(text[pos])] == 0) ++pos;
  return pos;
}

}  // namespace

void JsonWriter::Utf8String(std::string_view text) {
  PrettyPrefix(rapidjson::kStringType);
  json::BufferedOStream& out = *os_;
  out.Put('"');
  size_t start = 0;
  for (size_t i = NextEscaped(text, 0); i < text.size(); i = NextEscaped(text, i + 1)) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const char escape = kEscape[c];
    out.Write(text.data() + start, i - start);
    const char hex[] = "0123456789ABCDEF";
    const char sequence[] = {'\\', escape, '0', '0', hex[c >> 4], hex[c & 0xF]};
    out.Write(sequence, escape == 'u' ? 6 : 2);
    start = i + 1;
  }
  out.Write(text.data() + start, text.size() - start);
  out.Put('"');
}

void String(JsonWriter& w, std::string_view text) {
  if (json::IsWellFormedUtf8(text)) {
    w.Utf8String(text);
    return;
  }
  w.Utf8String(json::SanitizeUtf8(text));
}

void StringOrNull(JsonWriter& w, std::string_view text) {
  if (text.empty()) {
    w.Null();
  } else {
    String(w, text);
  }
}

void Key(JsonWriter& w, std::string_view key) {
  String(w, key);
}

}  // namespace ocilint::report
