#include "json/parser.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "json/byte_scan.h"
#include "json/utf8.h"

namespace ocilint::json {

namespace {

constexpr size_t kLinearDuplicateScan = 16;
constexpr size_t kMaxDuplicateIssues = 1000;

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}
bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

/// The first index at or after `pos` that holds a byte other than plain string content
/// (printable ASCII other than '"' and '\\').
[[gnu::always_inline]] inline size_t SkipPlainStringBytes(std::string_view text, size_t pos) {
  return FindStringSpecialByte<true>(text, pos);
}

bool IsEightSpaces(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return word == 0x2020202020202020ull;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

/// The iterative parser behind Parse(): an explicit stack of open containers.
class Parser {
 public:
  Parser(std::string source, const ParseOptions& options)
      : doc_(std::make_unique<Document>(std::move(source))),
        text_(doc_->source()),
        options_(options) {
    // Room for a value every 6 bytes, which configs (minified or not) stay under, so the tree
    // is not copied as it grows. Capped: a huge input grows the usual way.
    doc_->owned_nodes_.reserve(std::min<size_t>(text_.size() / 6 + 16, size_t{1} << 20));
    // Likewise a member every 16 bytes and an element every 8 (configs have one every 50 and
    // 20), and room for the open containers of any config, so that none of these grows.
    doc_->owned_members_.reserve(std::min<size_t>(text_.size() / 16 + 16, size_t{1} << 18));
    doc_->owned_elements_.reserve(std::min<size_t>(text_.size() / 8 + 16, size_t{1} << 19));
    stack_.reserve(32);
    pending_members_.reserve(64);
    pending_elements_.reserve(256);
  }

  ParseResult Run();

 private:
  struct Frame {
    NodeId node;
    Type type;
    size_t children_start;
    std::string_view key;  ///< key of the member being parsed (objects)
    size_t index = 0;      ///< index of the element being parsed (arrays)
  };

  bool ParseDocument();
  bool ParseValue();
  enum class Next { kValue, kAfterValue, kDone };
  bool AfterValue(Next* next);
  [[gnu::always_inline]] inline bool ParseKey();
  [[gnu::always_inline]] inline bool ParseString(std::string_view* out);
  /// Strings with escapes, control characters, non-ASCII text or no end; the bytes before
  /// `plain_end` are already known to be plain.
  [[gnu::noinline]] bool ParseStringSlow(std::string_view* out, size_t plain_end);
  bool ParseNumber();
  bool ParseLiteral();
  [[gnu::always_inline]] inline NodeId AddNode(Type type, size_t offset);
  void CloseContainer();
  void ResolveDuplicates(Frame& frame);

  void SkipSpace() {
    while (pos_ < text_.size() && IsSpace(text_[pos_])) {
      ++pos_;
      // Indentation: eight spaces at a time.
      while (pos_ + 8 <= text_.size() && IsEightSpaces(text_.data() + pos_)) pos_ += 8;
    }
  }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return text_[pos_]; }

  std::string CurrentPointer(bool include_open_child) const;
  std::string DescribeAt(size_t offset) const;
  std::string WhereOpened(const Frame& frame);
  /// Lines and columns of the source, mapped on first need and then kept for the document.
  const SourceMap& Map();
  bool Fail(size_t offset, std::string message, std::string help = {});
  bool Unexpected(std::string_view expected);
  void Note(ParseIssue::Kind kind, size_t offset, std::string pointer, std::string message,
            std::string help = {});

  std::unique_ptr<Document> doc_;
  std::string_view text_;
  ParseOptions options_;
  size_t pos_ = 0;
  std::vector<Frame> stack_;
  std::vector<NodeId> pending_elements_;
  std::vector<Member> pending_members_;
  std::vector<size_t> first_of_;  ///< ResolveDuplicates' scratch buffer
  std::optional<SourceMap> map_;
  std::vector<ParseIssue> issues_;
  bool clean_ = true;
  size_t duplicate_issues_ = 0;
  size_t unreported_duplicates_ = 0;
  bool at_value_ = false;  ///< errors point at the value being parsed, not its container
};

size_t ParseMemoryBound(size_t source_size, const ParseOptions& options) {
  // The text, decoded copies of strings with escapes (shorter than their source), and per
  // value its node, its member or element, the open container's pending copy of it and
  // duplicate detection's share, with room for the vectors' growth: about 160 bytes, measured
  // at 137 for an object of a million members. A value takes at least two bytes ("0,").
  constexpr size_t kPerValue = 160;
  constexpr size_t kFixed = size_t{1} << 20;
  size_t values = std::min(source_size / 2 + 1, options.max_values);
  return 2 * source_size + values * kPerValue + kFixed;
}

ParseResult Parse(std::string source, const ParseOptions& options) {
  return Parser(std::move(source), options).Run();
}

ParseResult Parser::Run() {
  bool ok = ParseDocument();
  ParseResult result;
  if (!ok) {
    doc_->root_ = kNoNode;
    clean_ = false;
  }
  doc_->Seal();
  result.document = std::move(doc_);
  result.issues = std::move(issues_);
  result.clean_syntax = clean_;
  result.unreported_duplicates = unreported_duplicates_;
  return result;
}

void Parser::Note(ParseIssue::Kind kind, size_t offset, std::string pointer, std::string message,
                  std::string help) {
  if (kind == ParseIssue::Kind::kSyntax) clean_ = false;
  issues_.push_back({kind, offset, std::move(pointer), std::move(message), std::move(help)});
}

bool Parser::Fail(size_t offset, std::string message, std::string help) {
  Note(ParseIssue::Kind::kSyntax, offset, CurrentPointer(at_value_), std::move(message),
       std::move(help));
  return false;
}

std::string Parser::CurrentPointer(bool include_open_child) const {
  std::string pointer;
  for (size_t i = 0; i < stack_.size(); ++i) {
    const Frame& f = stack_[i];
    bool last = i + 1 == stack_.size();
    if (last && !include_open_child) break;
    pointer += '/';
    pointer += f.type == Type::kObject ? EscapePointerToken(f.key) : std::to_string(f.index);
  }
  return pointer;
}

std::string Parser::DescribeAt(size_t offset) const {
  if (offset >= text_.size()) return "the end of the file";
  unsigned char c = static_cast<unsigned char>(text_[offset]);
  char buffer[32];
  if (c >= 0x20 && c < 0x7F) {
    std::snprintf(buffer, sizeof buffer, "'%c'", c);
    return buffer;
  }
  size_t length = Utf8SequenceLength(text_.substr(offset));
  if (c >= 0x80 && length > 0) return "'" + std::string(text_.substr(offset, length)) + "'";
  std::snprintf(buffer, sizeof buffer, "byte 0x%02X", c);
  return buffer;
}

const SourceMap& Parser::Map() {
  if (!map_) map_.emplace(text_);
  return *map_;
}

std::string Parser::WhereOpened(const Frame& frame) {
  Position p = Map().Locate(doc_->owned_nodes_[frame.node].offset);
  return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

bool Parser::Unexpected(std::string_view expected) {
  if (AtEnd()) {
    if (!stack_.empty()) {
      const Frame& f = stack_.back();
      return Fail(pos_, "unexpected end of file: the " +
                            std::string(f.type == Type::kObject ? "object" : "array") +
                            " opened at " + WhereOpened(f) + " is not closed");
    }
    return Fail(pos_, "unexpected end of file; expected " + std::string(expected));
  }
  char c = Peek();
  if (c == '/' && pos_ + 1 < text_.size() && (text_[pos_ + 1] == '/' || text_[pos_ + 1] == '*')) {
    return Fail(pos_, "comments are not allowed in JSON",
                "remove the comment; JSON has no comment syntax");
  }
  if (c == '\'') {
    return Fail(pos_, "strings must be enclosed in double quotes, not single quotes");
  }
  return Fail(pos_, "unexpected " + DescribeAt(pos_) + "; expected " + std::string(expected));
}

NodeId Parser::AddNode(Type type, size_t offset) {
  NodeId id = static_cast<NodeId>(doc_->owned_nodes_.size());
  Node node;
  node.type = type;
  node.offset = offset;
  doc_->owned_nodes_.push_back(node);
  if (!stack_.empty()) {
    Frame& parent = stack_.back();
    if (parent.type == Type::kArray) {
      pending_elements_.push_back(id);
    } else {
      pending_members_.back().value = id;
    }
  } else {
    doc_->root_ = id;  // a top-level scalar has no container to close and set the root
  }
  return id;
}

bool Parser::ParseDocument() {
  if (text_.empty()) {
    return Fail(0, "the file is empty; a runtime-spec config is a JSON object");
  }
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") {
    Note(ParseIssue::Kind::kSyntax, 0, "",
         "the file starts with a UTF-8 byte order mark, which JSON (RFC 8259) forbids",
         "save the file as UTF-8 without a BOM; Go's encoding/json (runc, containerd) rejects it");
    pos_ = 3;
  }
  SkipSpace();
  if (AtEnd()) {
    return Fail(pos_, "the file contains no JSON value; a runtime-spec config is a JSON object");
  }
  Next next = Next::kValue;
  while (next != Next::kDone) {
    if (next == Next::kValue && !ParseValue()) return false;
    if (!AfterValue(&next)) return false;
  }
  return true;
}

bool Parser::ParseValue() {
  while (true) {
    at_value_ = true;
    SkipSpace();
    if (AtEnd()) return Unexpected("a value");
    if (doc_->owned_nodes_.size() >= options_.max_values) {
      return Fail(pos_,
                  "the JSON holds more than " + std::to_string(options_.max_values) +
                      " values, the limit oci-lint accepts; the rest is not read",
                  "no runtime-spec config comes near this; the file is probably generated "
                  "wrongly");
    }
    char c = Peek();
    if (c == '{' || c == '[') {
      if (stack_.size() >= options_.max_depth) {
        return Fail(
            pos_,
            "the JSON nests deeper than " + std::to_string(options_.max_depth) +
                " levels, the limit oci-lint accepts",
            "no runtime-spec config needs this depth; the file is probably generated wrongly");
      }
      Type type = c == '{' ? Type::kObject : Type::kArray;
      NodeId id = AddNode(type, pos_);
      ++pos_;
      size_t start = type == Type::kObject ? pending_members_.size() : pending_elements_.size();
      stack_.push_back({id, type, start, {}, 0});
      SkipSpace();
      char close = type == Type::kObject ? '}' : ']';
      if (!AtEnd() && Peek() == close) {
        ++pos_;
        CloseContainer();
        return true;
      }
      if (type == Type::kObject) {
        if (!ParseKey()) return false;
      }
      continue;
    }
    if (c == '"') {
      NodeId id = AddNode(Type::kString, pos_);
      std::string_view value;
      if (!ParseString(&value)) return false;
      doc_->owned_nodes_[id].text = value;
      return true;
    }
    if (c == '-' || IsDigit(c)) return ParseNumber();
    return ParseLiteral();
  }
}

bool Parser::ParseKey() {
  at_value_ = false;
  SkipSpace();
  if (AtEnd() || Peek() != '"') {
    if (!AtEnd() && Peek() == '}') {
      return Fail(pos_ - 1, "trailing comma before '}'; JSON does not allow one");
    }
    if (!AtEnd() && (std::isalpha(static_cast<unsigned char>(Peek())) || Peek() == '_')) {
      return Fail(pos_, "object keys must be strings in double quotes");
    }
    return Unexpected("a property name in double quotes");
  }
  size_t key_offset = pos_;
  std::string_view key;
  pending_members_.push_back({{}, key_offset, kNoNode});
  if (!ParseString(&key)) return false;
  pending_members_.back().key = key;
  stack_.back().key = key;
  SkipSpace();
  if (AtEnd() || Peek() != ':') return Unexpected("':' after the property name");
  ++pos_;
  return true;
}

bool Parser::AfterValue(Next* next) {
  at_value_ = false;
  SkipSpace();
  if (stack_.empty()) {
    if (!AtEnd()) {
      return Fail(pos_, "unexpected " + DescribeAt(pos_) + " after the end of the JSON value",
                  "a config holds exactly one JSON object; remove what follows it");
    }
    *next = Next::kDone;
    return true;
  }
  Frame& top = stack_.back();
  char close = top.type == Type::kObject ? '}' : ']';
  if (AtEnd()) return Unexpected("',' or '" + std::string(1, close) + "'");
  char c = Peek();
  if (c == ',') {
    size_t comma = pos_;
    ++pos_;
    SkipSpace();
    if (!AtEnd() && Peek() == close) {
      return Fail(comma,
                  std::string("trailing comma before '") + close + "'; JSON does not allow one");
    }
    *next = Next::kValue;
    if (top.type == Type::kObject) return ParseKey();
    ++top.index;
    return true;
  }
  if (c == close) {
    ++pos_;
    CloseContainer();
    *next = Next::kAfterValue;
    return true;
  }
  std::string what =
      top.type == Type::kObject ? "after an object member" : "after an array element";
  return Unexpected("',' or '" + std::string(1, close) + "' " + what);
}

void Parser::CloseContainer() {
  Frame frame = stack_.back();
  Node& node = doc_->owned_nodes_[frame.node];
  if (frame.type == Type::kArray) {
    node.first = static_cast<uint32_t>(doc_->owned_elements_.size());
    node.count = static_cast<uint32_t>(pending_elements_.size() - frame.children_start);
    doc_->owned_elements_.insert(doc_->owned_elements_.end(),
                                 pending_elements_.begin() + frame.children_start,
                                 pending_elements_.end());
    pending_elements_.resize(frame.children_start);
  } else {
    ResolveDuplicates(frame);
    Node& object = doc_->owned_nodes_[frame.node];
    object.first = static_cast<uint32_t>(doc_->owned_members_.size());
    object.count = static_cast<uint32_t>(pending_members_.size() - frame.children_start);
    doc_->owned_members_.insert(doc_->owned_members_.end(),
                                pending_members_.begin() + frame.children_start,
                                pending_members_.end());
    pending_members_.resize(frame.children_start);
  }
  stack_.pop_back();
  if (stack_.empty()) doc_->root_ = frame.node;
}

void Parser::ResolveDuplicates(Frame& frame) {
  size_t begin = frame.children_start, end = pending_members_.size();
  if (end - begin < 2) return;
  if (end - begin <= kLinearDuplicateScan) {
    // Most objects are small and have no duplicate: find that out without the bookkeeping
    // below.
    bool any = false;
    for (size_t i = begin + 1; i < end && !any; ++i) {
      std::string_view key = pending_members_[i].key;
      for (size_t j = begin; j < i; ++j) {
        if (SameKey(pending_members_[j].key, key)) {
          any = true;
          break;
        }
      }
    }
    if (!any) return;
  }
  // first_of[i]: index of the first member with the same key as member i. A buffer the parser
  // keeps, so the common case, small objects without duplicates, allocates nothing.
  std::vector<size_t>& first_of = first_of_;
  first_of.assign(end - begin, 0);
  bool any = false;
  if (end - begin <= kLinearDuplicateScan) {
    for (size_t i = begin; i < end; ++i) {
      first_of[i - begin] = i;
      for (size_t j = begin; j < i; ++j) {
        if (pending_members_[j].key == pending_members_[i].key) {
          first_of[i - begin] = j;
          any = true;
          break;
        }
      }
    }
  } else {
    std::unordered_map<std::string_view, size_t> seen;
    seen.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
      auto [it, inserted] = seen.emplace(pending_members_[i].key, i);
      first_of[i - begin] = it->second;
      any |= !inserted;
    }
  }
  if (!any) return;
  std::string parent = CurrentPointer(false);
  std::vector<size_t> last_of(end - begin, SIZE_MAX);
  for (size_t i = begin; i < end; ++i) last_of[first_of[i - begin] - begin] = i;
  for (size_t i = begin; i < end; ++i) {
    size_t first = first_of[i - begin];
    if (first == i) continue;
    if (++duplicate_issues_ > kMaxDuplicateIssues) {
      ++unreported_duplicates_;
      continue;
    }
    const Member& m = pending_members_[i];
    Position p = Map().Locate(pending_members_[first].key_offset);
    std::string key(m.key);
    Note(ParseIssue::Kind::kDuplicateKey, m.key_offset, parent + "/" + EscapePointerToken(key),
         "duplicate key " + Quote(key) + " (first at line " + std::to_string(p.line) + ", column " +
             std::to_string(p.column) +
             "); the last value is the one runtimes use and oci-lint checks",
         "remove all but one; Go-based runtimes (runc, containerd) keep the last value");
  }
  std::vector<Member> kept;
  for (size_t i = begin; i < end; ++i) {
    if (last_of[first_of[i - begin] - begin] == i) kept.push_back(pending_members_[i]);
  }
  pending_members_.resize(begin);
  pending_members_.insert(pending_members_.end(), kept.begin(), kept.end());
}

bool Parser::ParseString(std::string_view* out) {
  // Most strings are plain ASCII: find the closing quote and point into the source.
  size_t begin = pos_ + 1;
  size_t end = SkipPlainStringBytes(text_, begin);
  if (end < text_.size() && text_[end] == '"') {
    *out = std::string_view(text_.data() + begin, end - begin);  // end <= size: no check
    pos_ = end + 1;
    return true;
  }
  return ParseStringSlow(out, end);
}

bool Parser::ParseStringSlow(std::string_view* out, size_t plain_end) {
  size_t start = pos_;
  size_t run_start = pos_ + 1;
  pos_ = plain_end;
  std::string* decoded = nullptr;
  bool reported_utf8 = false;
  while (true) {
    size_t run = pos_;
    pos_ = SkipPlainStringBytes(text_, pos_);
    if (decoded && pos_ > run) decoded->append(text_.substr(run, pos_ - run));
    if (AtEnd()) {
      pos_ = start;
      return Fail(start, "this string is not terminated before the end of the file");
    }
    unsigned char c = static_cast<unsigned char>(Peek());
    if (c == '"') break;
    if (c < 0x20) {
      char buffer[96];
      std::snprintf(buffer, sizeof buffer, "raw control character U+%04X inside a string", c);
      std::string help = c == '\n'
                             ? "the string is probably missing its closing quote; a line break "
                               "inside a string is written \\n"
                             : "write it as an escape such as \\t or \\u00XX";
      return Fail(pos_, buffer, help);
    }
    if (c == '\\') {
      if (!decoded) {
        doc_->decoded_.emplace_front(text_.substr(run_start, pos_ - run_start));
        decoded = &doc_->decoded_.front();
      }
      size_t escape = pos_;
      ++pos_;
      if (AtEnd()) continue;
      char e = Peek();
      ++pos_;
      switch (e) {
        case '"':
          *decoded += '"';
          break;
        case '\\':
          *decoded += '\\';
          break;
        case '/':
          *decoded += '/';
          break;
        case 'b':
          *decoded += '\b';
          break;
        case 'f':
          *decoded += '\f';
          break;
        case 'n':
          *decoded += '\n';
          break;
        case 'r':
          *decoded += '\r';
          break;
        case 't':
          *decoded += '\t';
          break;
        case 'u': {
          auto read_hex = [&](size_t at, char32_t* value) {
            if (at + 4 > text_.size()) return false;
            char32_t v = 0;
            for (size_t i = 0; i < 4; ++i) {
              int h = HexValue(text_[at + i]);
              if (h < 0) return false;
              v = v * 16 + static_cast<char32_t>(h);
            }
            *value = v;
            return true;
          };
          char32_t cp = 0;
          if (!read_hex(pos_, &cp)) {
            return Fail(escape, "invalid \\u escape: expected four hexadecimal digits");
          }
          pos_ += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            char32_t low = 0;
            if (text_.substr(pos_, 2) == "\\u" && read_hex(pos_ + 2, &low) && low >= 0xDC00 &&
                low <= 0xDFFF) {
              pos_ += 6;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              cp = 0xFFFD;
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            cp = 0xFFFD;
          }
          AppendUtf8(cp, decoded);
          break;
        }
        default: {
          pos_ = escape;
          std::string shown = DescribeAt(escape + 1);
          return Fail(escape, "invalid escape sequence: backslash followed by " + shown,
                      "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
        }
      }
      continue;
    }
    size_t length = Utf8SequenceLength(text_.substr(pos_));
    if (length == 0) {
      if (!reported_utf8) {
        char buffer[160];
        std::snprintf(buffer, sizeof buffer,
                      "invalid UTF-8 (byte 0x%02X) inside a string; JSON text must be UTF-8", c);
        Note(
            ParseIssue::Kind::kSyntax, pos_, CurrentPointer(true), buffer,
            "re-encode the file as UTF-8; runc's decoder silently replaces such bytes with U+FFFD");
        reported_utf8 = true;
      }
      if (!decoded) {
        doc_->decoded_.emplace_front(text_.substr(run_start, pos_ - run_start));
        decoded = &doc_->decoded_.front();
      }
      *decoded += "\xEF\xBF\xBD";
      ++pos_;
      continue;
    }
    if (decoded) decoded->append(text_.substr(pos_, length));
    pos_ += length;
  }
  *out = decoded ? std::string_view(*decoded) : text_.substr(run_start, pos_ - run_start);
  ++pos_;
  return true;
}

bool Parser::ParseNumber() {
  size_t start = pos_;
  if (Peek() == '-' && text_.substr(pos_, 9) == "-Infinity") {
    return Fail(pos_, "-Infinity is not a JSON value", "JSON numbers must be finite");
  }
  if (Peek() == '-') ++pos_;
  if (AtEnd() || !IsDigit(Peek())) return Fail(pos_, "expected a digit after '-'");
  if (Peek() == '0') {
    ++pos_;
    if (!AtEnd() && IsDigit(Peek())) {
      return Fail(start, "numbers in JSON cannot have leading zeros");
    }
  } else {
    while (!AtEnd() && IsDigit(Peek())) ++pos_;
  }
  if (!AtEnd() && Peek() == '.') {
    ++pos_;
    if (AtEnd() || !IsDigit(Peek())) return Fail(pos_, "expected a digit after the decimal point");
    while (!AtEnd() && IsDigit(Peek())) ++pos_;
  }
  if (!AtEnd() && (Peek() == 'e' || Peek() == 'E')) {
    ++pos_;
    if (!AtEnd() && (Peek() == '+' || Peek() == '-')) ++pos_;
    if (AtEnd() || !IsDigit(Peek())) return Fail(pos_, "expected a digit in the exponent");
    while (!AtEnd() && IsDigit(Peek())) ++pos_;
  }
  NodeId id = AddNode(Type::kNumber, start);
  doc_->owned_nodes_[id].text = std::string_view(text_.data() + start, pos_ - start);
  return true;
}

bool Parser::ParseLiteral() {
  struct Literal {
    std::string_view word;
    Type type;
    bool value;
  };
  static constexpr Literal kLiterals[] = {
      {"true", Type::kBool, true}, {"false", Type::kBool, false}, {"null", Type::kNull, false}};
  for (const Literal& literal : kLiterals) {
    if (text_.substr(pos_, literal.word.size()) == literal.word) {
      NodeId id = AddNode(literal.type, pos_);
      doc_->owned_nodes_[id].boolean = literal.value;
      pos_ += literal.word.size();
      return true;
    }
  }
  if (text_.substr(pos_, 3) == "NaN") {
    return Fail(pos_, "NaN is not a JSON value",
                "JSON numbers must be finite; use null or a number");
  }
  if (text_.substr(pos_, 8) == "Infinity") {
    return Fail(pos_, "Infinity is not a JSON value", "JSON numbers must be finite");
  }
  if (Peek() == '+') return Fail(pos_, "a JSON number cannot start with '+'");
  if (Peek() == '.') return Fail(pos_, "a JSON number needs a digit before the decimal point");
  if (std::isalpha(static_cast<unsigned char>(Peek()))) {
    size_t end = pos_;
    while (end < text_.size() && end - pos_ < 32 &&
           (std::isalnum(static_cast<unsigned char>(text_[end])) || text_[end] == '_')) {
      ++end;
    }
    std::string word(text_.substr(pos_, end - pos_));
    std::string lower = word;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower == "true" || lower == "false" || lower == "null") {
      return Fail(pos_, "JSON literals are lower-case: write " + lower + ", not " + word);
    }
    return Fail(pos_, "unexpected word \"" + word +
                          "\"; expected a JSON value (strings need double quotes; the literals "
                          "are true, false and null)");
  }
  return Unexpected("a JSON value");
}

}  // namespace ocilint::json
