#pragma once

#include <regex.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "schema/simple_pattern.h"
#include "util/error.h"

namespace ocilint::schema {

/// A JSON Schema `pattern`, searched anywhere in a string as Python's re.search does.
/// Runs on glibc's POSIX matcher (no recursion, no exponential backtracking) after the
/// ECMAScript subset used by schemas is translated: \d \w \s (ASCII only, unlike Python), escapes,
/// non-capturing groups, lazy quantifiers, and Python's `$`, which also matches before a final line
/// break. Look-around and back-references are refused.
class Pattern {
 public:
  /// kNow compiles at once and reports every error. kOnFirstUse only translates (which catches
  /// the unsupported syntax) and leaves glibc's compilation, the costly part, to the first
  /// Search: for schemas whose patterns are known to compile, such as the embedded one.
  enum class When { kNow, kOnFirstUse };
  /// kFastest searches plain text with string comparisons and simple patterns (SimplePattern)
  /// on ASCII text without glibc; kGlibcOnly always runs glibc's matcher (tests compare them).
  enum class Engine { kFastest, kGlibcOnly };
  static Result<std::shared_ptr<const Pattern>> Compile(std::string_view source,
                                                        When when = When::kNow,
                                                        Engine engine = Engine::kFastest);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  /// Thread-safe. A deferred pattern that glibc then refuses matches nothing.
  bool Search(std::string_view text) const;
  const std::string& source() const { return source_; }
  const std::string& translated() const { return translated_; }

 private:
  Pattern() = default;
  /// regcomp's result code; 0 when the regex is ready.
  int CompileRegex() const;
  /// The same for the copy compiled in the C locale, used for ASCII text when the pattern is
  /// ASCII too (the answer is the same, and no UTF-8 locale has to be loaded).
  int CompileAsciiRegex() const;

  std::string source_;
  std::string translated_;
  /// Set when the pattern is plain text, optionally anchored with a leading '^': searched with
  /// string comparisons instead of the regex engine (same answer, a fraction of the cost).
  std::optional<std::string> literal_;
  bool literal_anchored_ = false;
  /// Set when the pattern is simple enough for SimplePattern (used for ASCII text).
  std::optional<SimplePattern> simple_;
  mutable std::once_flag compile_once_;
  mutable regex_t regex_{};
  mutable int compile_result_ = -1;
  bool ascii_pattern_ = false;
  mutable std::once_flag ascii_compile_once_;
  mutable regex_t ascii_regex_{};
  mutable int ascii_compile_result_ = -1;
};

/// The translation alone, exposed for tests: ECMAScript/Python subset to POSIX ERE.
Result<std::string> TranslatePattern(std::string_view source);

}  // namespace ocilint::schema
