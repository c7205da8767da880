#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace ocilint::schema {

/// The patterns schemas mostly use, matched without glibc: an optional '^', a sequence of ASCII
/// characters, escapes (\d \w \s \D \W \S, \t \n \r \f \v, an escaped metacharacter) and
/// bracket classes, each optionally followed by '?', '*' or '+' (lazy or not: a search only asks
/// whether there is a match), and an optional final '$' with Python's meaning (it also matches
/// before a final line break). Anything else ('.', groups, alternation, counted repetition,
/// non-ASCII) is not simple, and Pattern hands it to glibc. Matches ASCII text only; Pattern
/// sends other text to glibc, which counts code points.
class SimplePattern {
 public:
  static std::optional<SimplePattern> Parse(std::string_view source);
  /// Whether `text` (ASCII) holds a match, by simulating the pattern's automaton: linear in
  /// the text, for any pattern.
  bool Search(std::string_view text) const;

 private:
  struct Atom {
    uint64_t set[2] = {0, 0};  ///< the ASCII characters this atom accepts
    bool optional = false;     ///< '?' or '*': may match nothing
    bool repeats = false;      ///< '*': may match again
    bool Accepts(unsigned char c) const { return c < 128 && (set[c >> 6] >> (c & 63)) & 1; }
  };
  static constexpr size_t kMaxAtoms = 63;

  std::vector<Atom> atoms_;
  bool anchored_start_ = false;
  bool anchored_end_ = false;

  /// States reachable from `states` without reading a character.
  uint64_t Closure(uint64_t states) const;
};

}  // namespace ocilint::schema
