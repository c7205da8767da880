#include "report/json_writer.h"

#include <array>
#include <string>

#include "json/byte_scan.h"
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

}  // namespace

void JsonWriter::Utf8String(std::string_view text) {
  PrettyPrefix(rapidjson::kStringType);
  json::BufferedOStream& out = *os_;
  out.Put('"');
  size_t start = 0;
  for (size_t i = json::FindStringSpecialByte<false>(text, 0); i < text.size();
       i = json::FindStringSpecialByte<false>(text, i + 1)) {
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
