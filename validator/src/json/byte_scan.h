#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace ocilint::json {

/// The first index at or after `pos` whose byte is a control character (below 0x20), '"' or
/// '\\', or, when kStopAtNonAscii, 0x80 or above; text.size() when there is none. The bytes a
/// JSON string holds as they are (the parser), or writes without an escape (the report writers).
/// Eight bytes per step: each test flags the high bit of the first matching byte of the word
/// exactly (a borrow can only add flags above it), and the lowest flag is the answer; the last
/// few bytes one at a time.
template <bool kStopAtNonAscii>
[[gnu::always_inline]] inline size_t FindStringSpecialByte(std::string_view text, size_t pos) {
  constexpr uint64_t kOnes = 0x0101010101010101ull;
  constexpr uint64_t kHighs = 0x8080808080808080ull;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  if constexpr (std::endian::native == std::endian::little) {
    while (pos + 8 <= text.size()) {
      uint64_t word;
      std::memcpy(&word, text.data() + pos, 8);
      uint64_t special = has_zero(word ^ (kOnes * '"')) | has_zero(word ^ (kOnes * '\\')) |
                         ((word - kOnes * 0x20) & ~word & kHighs);
      if constexpr (kStopAtNonAscii) special |= word & kHighs;
      if (special) return pos + static_cast<size_t>(std::countr_zero(special) >> 3);
      pos += 8;
    }
  }
  for (; pos < text.size(); ++pos) {
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c < 0x20 || c == '"' || c == '\\' || (kStopAtNonAscii && c >= 0x80)) break;
  }
  return pos;
}

}  // namespace ocilint::json
