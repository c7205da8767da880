#pragma once

#include <regex.h>

#include <memory>
#include <string>
#include <string_view>

#include "util/error.h"

namespace ocilint::schema {

/// A JSON Schema `pattern`, searched anywhere in a string as Python's re.search does.
/// Runs on glibc's POSIX matcher (no recursion, no exponential backtracking) after the
/// ECMAScript subset used by schemas is translated: \d \w \s (ASCII only, unlike Python), escapes,
/// non-capturing groups, lazy quantifiers, and Python's `$`, which also matches before a final line
/// break. Look-around and back-references are refused.
class Pattern {
 public:
  static Result<std::shared_ptr<const Pattern>> Compile(std::string_view source);
  ~Pattern();
  Pattern(const Pattern&) = delete;
  Pattern& operator=(const Pattern&) = delete;

  bool Search(std::string_view text) const;
  const std::string& source() const { return source_; }
  const std::string& translated() const { return translated_; }

 private:
  Pattern() = default;
  std::string source_;
  std::string translated_;
  regex_t regex_{};
  bool compiled_ = false;
};

/// The translation alone, exposed for tests: ECMAScript/Python subset to POSIX ERE.
Result<std::string> TranslatePattern(std::string_view source);

}  // namespace ocilint::schema
