#include "schema/regex.h"

#include <locale.h>

#include <cctype>
#include <vector>

#include "json/utf8.h"

namespace ocilint::schema {

namespace {

/// Patterns match code points, not bytes: run glibc's matcher in a UTF-8 locale for this
/// thread only, leaving the program's global locale alone.
class Utf8LocaleScope {
 public:
  Utf8LocaleScope() {
    static locale_t utf8 = newlocale(LC_CTYPE_MASK | LC_COLLATE_MASK, "C.UTF-8", nullptr);
    if (utf8) previous_ = uselocale(utf8);
  }
  ~Utf8LocaleScope() {
    if (previous_) uselocale(previous_);
  }

 private:
  locale_t previous_ = nullptr;
};

/// True when every byte of `text` is ASCII.
bool IsAscii(std::string_view text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

constexpr std::string_view kNewline = "\n";
constexpr std::string_view kSpaceChars = " \t\n\r\f\v";

std::string EscapeLiteral(std::string_view character) {
  if (character.size() == 1 &&
      std::string_view("\\.[]()*+?{}|^$").find(character[0]) != std::string_view::npos) {
    return "\\" + std::string(character);
  }
  return std::string(character);
}

/// Reads one (possibly multi-byte) character at `source[*i]`, advancing *i.
std::string ReadChar(std::string_view source, size_t* i) {
  size_t length = json::Utf8SequenceLength(source.substr(*i));
  if (length == 0) length = 1;
  std::string c(source.substr(*i, length));
  *i += length;
  return c;
}

/// Decodes a \xHH or \uHHHH escape after the letter; returns false when malformed.
bool ReadHexEscape(std::string_view source, size_t* i, size_t digits, std::string* out) {
  if (*i + digits > source.size()) return false;
  char32_t value = 0;
  for (size_t k = 0; k < digits; ++k) {
    char c = source[*i + k];
    int h = (c >= '0' && c <= '9')   ? c - '0'
            : (c >= 'a' && c <= 'f') ? c - 'a' + 10
            : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                     : -1;
    if (h < 0) return false;
    value = value * 16 + static_cast<char32_t>(h);
  }
  *i += digits;
  out->clear();
  json::AppendUtf8(value, out);
  return true;
}

/// A bracket expression being collected, re-emitted in the order POSIX requires.
struct BracketSet {
  bool negated = false;
  std::vector<std::string> singles;
  std::vector<std::pair<std::string, std::string>> ranges;

  void AddClass(char letter) {
    if (letter == 'd') {
      ranges.push_back({"0", "9"});
    } else if (letter == 'w') {
      ranges.push_back({"a", "z"});
      ranges.push_back({"A", "Z"});
      ranges.push_back({"0", "9"});
      singles.push_back("_");
    } else {
      for (char c : kSpaceChars) singles.push_back(std::string(1, c));
    }
  }

  std::string Emit() const {
    bool close = false, dash = false, open = false, caret = false;
    std::string body;
    for (const std::string& s : singles) {
      if (s == "]") {
        close = true;
      } else if (s == "-") {
        dash = true;
      } else if (s == "[") {
        open = true;
      } else if (s == "^") {
        caret = true;
      } else {
        body += s;
      }
    }
    for (const auto& [from, to] : ranges) body += from + "-" + to;
    std::string out = negated ? "[^" : "[";
    if (close) out += "]";
    out += body;
    if (caret) out += "^";
    if (open) out += "[";
    if (dash) out += "-";
    return out + "]";
  }
};

Result<std::string> TranslateBracket(std::string_view source, size_t* i) {
  BracketSet set;
  ++*i;  // '['
  if (*i < source.size() && source[*i] == '^') {
    set.negated = true;
    ++*i;
  }
  bool first = true;
  while (true) {
    if (*i >= source.size()) return Error{"unterminated character class in pattern"};
    if (source[*i] == ']' && !first) {
      ++*i;
      break;
    }
    first = false;
    std::string item;
    if (source[*i] == '\\') {
      ++*i;
      if (*i >= source.size()) return Error{"pattern ends with a backslash"};
      char e = source[(*i)++];
      switch (e) {
        case 'd':
        case 'w':
        case 's':
          set.AddClass(e);
          continue;
        case 'D':
        case 'W':
        case 'S':
          return Error{std::string("\\") + e + " inside a character class is not supported"};
        case 'n':
          item = "\n";
          break;
        case 't':
          item = "\t";
          break;
        case 'r':
          item = "\r";
          break;
        case 'f':
          item = "\f";
          break;
        case 'v':
          item = "\v";
          break;
        case 'x':
          if (!ReadHexEscape(source, i, 2, &item)) return Error{"malformed \\x escape in pattern"};
          break;
        case 'u':
          if (!ReadHexEscape(source, i, 4, &item)) return Error{"malformed \\u escape in pattern"};
          break;
        default:
          if (std::isalnum(static_cast<unsigned char>(e))) {
            return Error{std::string("escape \\") + e + " is not supported in patterns"};
          }
          item = std::string(1, e);
      }
    } else {
      item = ReadChar(source, i);
    }
    if (*i + 1 < source.size() && source[*i] == '-' && source[*i + 1] != ']') {
      ++*i;
      std::string to;
      if (source[*i] == '\\') {
        ++*i;
        if (*i >= source.size()) return Error{"pattern ends with a backslash"};
        to = std::string(1, source[(*i)++]);
        if (to == "n") to = "\n";
        if (to == "t") to = "\t";
      } else {
        to = ReadChar(source, i);
      }
      set.ranges.push_back({item, to});
    } else {
      set.singles.push_back(item);
    }
  }
  return set.Emit();
}

}  // namespace

Result<std::string> TranslatePattern(std::string_view source) {
  std::string out;
  for (size_t i = 0; i < source.size();) {
    char c = source[i];
    if (c == '[') {
      Result<std::string> bracket = TranslateBracket(source, &i);
      if (!bracket) return bracket.error();
      out += bracket.value();
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= source.size()) return Error{"pattern ends with a backslash"};
      char e = source[i + 1];
      i += 2;
      std::string literal;
      switch (e) {
        case 'd':
          out += "[0-9]";
          continue;
        case 'D':
          out += "[^0-9]";
          continue;
        case 'w':
          out += "[a-zA-Z0-9_]";
          continue;
        case 'W':
          out += "[^a-zA-Z0-9_]";
          continue;
        case 's':
          out += "[" + std::string(kSpaceChars) + "]";
          continue;
        case 'S':
          out += "[^" + std::string(kSpaceChars) + "]";
          continue;
        case 'n':
          out += "\n";
          continue;
        case 't':
          out += "\t";
          continue;
        case 'r':
          out += "\r";
          continue;
        case 'f':
          out += "\f";
          continue;
        case 'v':
          out += "\v";
          continue;
        case 'x':
          if (!ReadHexEscape(source, &i, 2, &literal))
            return Error{"malformed \\x escape in pattern"};
          out += EscapeLiteral(literal);
          continue;
        case 'u':
          if (!ReadHexEscape(source, &i, 4, &literal))
            return Error{"malformed \\u escape in pattern"};
          out += EscapeLiteral(literal);
          continue;
        default:
          if (std::isalnum(static_cast<unsigned char>(e))) {
            return Error{std::string("escape \\") + e +
                         " (word boundaries, back-references...) is not supported in patterns"};
          }
          out += EscapeLiteral(std::string(1, e));
          continue;
      }
    }
    if (c == '(') {
      if (source.substr(i, 3) == "(?:") {
        out += "(";
        i += 3;
        continue;
      }
      if (source.substr(i, 2) == "(?")
        return Error{"look-around and group flags are not supported"};
      out += "(";
      ++i;
      continue;
    }
    if ((c == '*' || c == '+' || c == '?' || c == '}') && i + 1 < source.size() &&
        source[i + 1] == '?') {
      out += c;
      i += 2;
      continue;
    }
    if (c == '$') {
      out += "(" + std::string(kNewline) + ")?$";
      ++i;
      continue;
    }
    if (c == '.') {
      out += "[^" + std::string(kNewline) + "]";
      ++i;
      continue;
    }
    out += ReadChar(source, &i);
  }
  return out;
}

Result<std::shared_ptr<const Pattern>> Pattern::Compile(std::string_view source, When when,
                                                        Engine engine) {
  Result<std::string> translated = TranslatePattern(source);
  if (!translated)
    return Error{"pattern " + std::string(source) + ": " + translated.error().context};
  std::shared_ptr<Pattern> pattern(new Pattern());
  pattern->source_ = std::string(source);
  pattern->translated_ = translated.value();
  pattern->ascii_pattern_ = IsAscii(pattern->translated_);
  std::string_view body = source;
  bool anchored = !body.empty() && body.front() == '^';
  if (anchored) body.remove_prefix(1);
  if (engine == Engine::kFastest) {
    if (body.find_first_of("\\^$.|?*+()[]{}") == std::string_view::npos) {
      pattern->literal_ = std::string(body);
      pattern->literal_anchored_ = anchored;
    } else {
      pattern->simple_ = SimplePattern::Parse(source);
    }
  }
  if (when == When::kNow) {
    int rc = 0;
    std::call_once(pattern->compile_once_, [&] { rc = pattern->CompileRegex(); });
    if (rc != 0) {
      char buffer[256];
      regerror(rc, &pattern->regex_, buffer, sizeof buffer);
      return Error{"pattern " + std::string(source) + ": " + buffer};
    }
  }
  return std::shared_ptr<const Pattern>(std::move(pattern));
}

int Pattern::CompileRegex() const {
  Utf8LocaleScope locale;
  compile_result_ = regcomp(&regex_, translated_.c_str(), REG_EXTENDED | REG_NOSUB);
  return compile_result_;
}

int Pattern::CompileAsciiRegex() const {
  // The thread's locale is the program's, which oci-lint leaves at "C".
  ascii_compile_result_ = regcomp(&ascii_regex_, translated_.c_str(), REG_EXTENDED | REG_NOSUB);
  return ascii_compile_result_;
}

Pattern::~Pattern() {
  if (compile_result_ == 0) regfree(&regex_);
  if (ascii_compile_result_ == 0) regfree(&ascii_regex_);
}

bool Pattern::Search(std::string_view text) const {
  if (literal_) {
    return literal_anchored_ ? text.substr(0, literal_->size()) == *literal_
                             : text.find(*literal_) != std::string_view::npos;
  }
  if (simple_ && IsAscii(text)) return simple_->Search(text);
  regmatch_t range[1];
  range[0].rm_so = 0;
  range[0].rm_eo = static_cast<regoff_t>(text.size());
  if (ascii_pattern_ && IsAscii(text)) {
    std::call_once(ascii_compile_once_, [this] { CompileAsciiRegex(); });
    if (ascii_compile_result_ == 0) {
      return regexec(&ascii_regex_, text.data(), 1, range, REG_STARTEND) == 0;
    }
  }
  std::call_once(compile_once_, [this] { CompileRegex(); });
  if (compile_result_ != 0) return false;
  Utf8LocaleScope locale;
  return regexec(&regex_, text.data(), 1, range, REG_STARTEND) == 0;
}

}  // namespace ocilint::schema
