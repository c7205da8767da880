#pragma once

#include <string_view>

namespace ocilint::lint::rule {

// The built-in rules, which the pipeline reports itself (lint/rules/input_rules.cc).
inline constexpr std::string_view kJsonSyntax = "json-syntax";
inline constexpr std::string_view kJsonDuplicateKey = "json-duplicate-key";
inline constexpr std::string_view kSchema = "schema";
inline constexpr std::string_view kIoError = "io-error";
inline constexpr std::string_view kInputTooLarge = "input-too-large";
inline constexpr std::string_view kUnusedSuppression = "unused-suppression";

}  // namespace ocilint::lint::rule
