#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace ocilint::caps {

/// A kernel release as major.minor.patch; anything after the numbers is ignored.
struct KernelVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;

  /// "5.4", "2.6.32", "5.15.0-91-generic", "6.1.0-13-amd64": the leading numbers, missing
  /// components counting as 0. nullopt when the text does not start with a number.
  static std::optional<KernelVersion> Parse(std::string_view text);
  std::string ToString() const;
  auto operator<=>(const KernelVersion&) const = default;
};

}  // namespace ocilint::caps
