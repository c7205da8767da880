#include "cli/byte_size.h"

#include <array>
#include <cctype>
#include <cstdint>
#include <string>

namespace ocilint::cli {

std::optional<size_t> ParseByteSize(std::string_view text) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  size_t digits = 0;
  size_t value = 0;
  for (; digits < text.size() && text[digits] >= '0' && text[digits] <= '9'; ++digits) {
    size_t digit = static_cast<size_t>(text[digits] - '0');
    if (value > (SIZE_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  if (digits == 0) return std::nullopt;
  std::string_view unit = text.substr(digits);
  while (!unit.empty() && space(unit.front())) unit.remove_prefix(1);
  std::string lower;
  for (char c : unit) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.empty() || lower == "b") return value;
  constexpr std::array<char, 4> kPrefixes = {'k', 'm', 'g', 't'};
  for (size_t power = 0; power < kPrefixes.size(); ++power) {
    char p = kPrefixes[power];
    if (lower != std::string(1, p) && lower != std::string{p, 'b'} &&
        lower != std::string{p, 'i', 'b'}) {
      continue;
    }
    for (size_t k = 0; k <= power; ++k) {
      if (value > SIZE_MAX / 1024) return std::nullopt;
      value *= 1024;
    }
    return value;
  }
  return std::nullopt;
}

CLI::Validator ByteSizeValidator() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        std::optional<size_t> bytes = ParseByteSize(value);
        if (!bytes) return "\"" + value + "\" is not a size (e.g. 4096, 512K, 64M, 1G)";
        value = std::to_string(*bytes);
        return {};
      },
      "", "SIZE");
}

}  // namespace ocilint::cli
