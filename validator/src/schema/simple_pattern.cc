#include "schema/simple_pattern.h"

namespace ocilint::schema {

namespace {

constexpr std::string_view kMetacharacters = "\\^$.|?*+()[]{}/-";

void Add(uint64_t* set, unsigned char c) {
  set[c >> 6] |= uint64_t{1} << (c & 63);
}

void AddRange(uint64_t* set, unsigned char from, unsigned char to) {
  for (unsigned c = from; c <= to; ++c) Add(set, static_cast<unsigned char>(c));
}

/// \d \w \s and their negations, as the translation to POSIX reads them (ASCII only).
bool AddShorthand(uint64_t* set, char letter) {
  uint64_t own[2] = {0, 0};
  switch (letter | 0x20) {
    case 'd':
      AddRange(own, '0', '9');
      break;
    case 'w':
      AddRange(own, 'a', 'z');
      AddRange(own, 'A', 'Z');
      AddRange(own, '0', '9');
      Add(own, '_');
      break;
    case 's':
      for (char c : std::string_view(" \t\n\r\f\v")) Add(own, static_cast<unsigned char>(c));
      break;
    default:
      return false;
  }
  bool negated = letter >= 'A' && letter <= 'Z';
  for (int k = 0; k < 2; ++k) set[k] |= negated ? ~own[k] : own[k];
  return true;
}

/// The character an escape such as \t or \. stands for, or 0 when it is not a simple one.
char EscapedCharacter(char letter) {
  switch (letter) {
    case 't':
      return '\t';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 'f':
      return '\f';
    case 'v':
      return '\v';
    default:
      return kMetacharacters.find(letter) != std::string_view::npos ? letter : 0;
  }
}

/// Reads one character of a bracket class at source[*i] into *c (escapes decoded); false when
/// it is not simple. A shorthand class inside the brackets is added to `set` directly and
/// leaves *c at -1.
bool ReadClassCharacter(std::string_view source, size_t* i, uint64_t* set, int* c) {
  if (*i >= source.size()) return false;
  unsigned char byte = static_cast<unsigned char>(source[*i]);
  if (byte >= 128) return false;
  if (byte != '\\') {
    *c = byte;
    ++*i;
    return true;
  }
  if (*i + 1 >= source.size()) return false;
  char letter = source[*i + 1];
  *i += 2;
  if (AddShorthand(set, letter)) {
    *c = -1;
    return true;
  }
  char escaped = EscapedCharacter(letter);
  if (!escaped) return false;
  *c = static_cast<unsigned char>(escaped);
  return true;
}

}  // namespace

std::optional<SimplePattern> SimplePattern::Parse(std::string_view source) {
  SimplePattern p;
  size_t i = 0;
  if (i < source.size() && source[i] == '^') {
    p.anchored_start_ = true;
    ++i;
  }
  while (i < source.size()) {
    unsigned char c = static_cast<unsigned char>(source[i]);
    if (c >= 128) return std::nullopt;
    if (c == '$') {
      if (i + 1 != source.size()) return std::nullopt;
      p.anchored_end_ = true;
      break;
    }
    Atom atom;
    if (c == '\\') {
      if (i + 1 >= source.size()) return std::nullopt;
      char letter = source[i + 1];
      i += 2;
      if (!AddShorthand(atom.set, letter)) {
        char escaped = EscapedCharacter(letter);
        if (!escaped) return std::nullopt;
        Add(atom.set, static_cast<unsigned char>(escaped));
      }
    } else if (c == '[') {
      ++i;
      bool negated = i < source.size() && source[i] == '^';
      if (negated) ++i;
      bool first = true;
      while (true) {
        if (i >= source.size()) return std::nullopt;
        if (source[i] == ']') {
          if (first) return std::nullopt;  // ECMAScript's empty class "[]": left to glibc's reading
          break;
        }
        first = false;
        int from = 0;
        if (!ReadClassCharacter(source, &i, atom.set, &from)) return std::nullopt;
        if (from >= 0 && i + 1 < source.size() && source[i] == '-' && source[i + 1] != ']') {
          ++i;
          int to = 0;
          if (!ReadClassCharacter(source, &i, atom.set, &to) || to < from) return std::nullopt;
          AddRange(atom.set, static_cast<unsigned char>(from), static_cast<unsigned char>(to));
        } else if (from >= 0) {
          Add(atom.set, static_cast<unsigned char>(from));
        }
      }
      ++i;
      if (negated) {
        atom.set[0] = ~atom.set[0];
        atom.set[1] = ~atom.set[1];
      }
    } else if (kMetacharacters.find(static_cast<char>(c)) != std::string_view::npos && c != '/' &&
               c != '-') {
      return std::nullopt;
    } else {
      Add(atom.set, c);
      ++i;
    }
    char quantifier = i < source.size() ? source[i] : 0;
    if (quantifier == '?' || quantifier == '*' || quantifier == '+') {
      ++i;
      if (i < source.size() && source[i] == '?') ++i;  // lazy: the same answer for a search
    }
    if (quantifier == '+') p.atoms_.push_back(atom);  // x+ is x x*
    if (quantifier == '?' || quantifier == '*' || quantifier == '+') {
      atom.optional = true;
      atom.repeats = quantifier != '?';
    }
    p.atoms_.push_back(atom);
    if (p.atoms_.size() > kMaxAtoms) return std::nullopt;
    if (i < source.size() && std::string_view("?*+{").find(source[i]) != std::string_view::npos) {
      return std::nullopt;  // a quantifier on a quantifier, or counted repetition
    }
  }
  return p;
}

uint64_t SimplePattern::Closure(uint64_t states) const {
  for (size_t k = 0; k < atoms_.size(); ++k) {
    if ((states >> k) & 1 && atoms_[k].optional) states |= uint64_t{1} << (k + 1);
  }
  return states;
}

bool SimplePattern::Search(std::string_view text) const {
  const uint64_t done = uint64_t{1} << atoms_.size();
  uint64_t states = Closure(1);
  for (size_t p = 0; p < text.size(); ++p) {
    if (states & done) {
      if (!anchored_end_) return true;
      if (p + 1 == text.size() && text[p] == '\n') return true;
    }
    unsigned char c = static_cast<unsigned char>(text[p]);
    uint64_t next = 0;
    for (size_t k = 0; k < atoms_.size(); ++k) {
      if (!((states >> k) & 1) || !atoms_[k].Accepts(c)) continue;
      next |= uint64_t{1} << (atoms_[k].repeats ? k : k + 1);
    }
    if (!anchored_start_) next |= 1;
    states = Closure(next);
    if (!states) return false;
  }
  return (states & done) != 0;
}

}  // namespace ocilint::schema
