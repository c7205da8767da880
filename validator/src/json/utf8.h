#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ocilint::json {

/// Length in bytes of the well-formed UTF-8 sequence at `text[0]`, or 0 when it is not one
/// (overlong forms, surrogates and values above U+10FFFF are not well-formed).
size_t Utf8SequenceLength(std::string_view text);

/// Number of code points in `text`; each byte of an ill-formed sequence counts as one.
size_t CountCodePoints(std::string_view text);

/// Appends the UTF-8 encoding of `code_point` to `out`.
void AppendUtf8(char32_t code_point, std::string* out);

/// True when `text` is well-formed UTF-8 throughout (SanitizeUtf8 would return it unchanged).
bool IsWellFormedUtf8(std::string_view text);

/// `text` with every ill-formed byte replaced by U+FFFD, safe to embed in JSON and XML.
std::string SanitizeUtf8(std::string_view text);

/// SanitizeUtf8, and C0/C1 control characters (which a terminal may obey) shown as U+FFFD.
std::string SanitizeForTerminal(std::string_view text);
/// Appends SanitizeForTerminal(text) to *out; printable ASCII is appended as it is, uncopied.
void AppendForTerminal(std::string* out, std::string_view text);

}  // namespace ocilint::json
