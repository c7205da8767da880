#include "caps/kernel_version.h"

#include <charconv>

namespace ocilint::caps {

std::optional<KernelVersion> KernelVersion::Parse(std::string_view text) {
  int parts[3] = {0, 0, 0};
  size_t pos = 0;
  for (int i = 0; i < 3; ++i) {
    if (pos >= text.size() || text[pos] < '0' || text[pos] > '9') {
      if (i == 0) return std::nullopt;
      break;
    }
    auto [end, ec] = std::from_chars(text.data() + pos, text.data() + text.size(), parts[i]);
    if (ec != std::errc()) return std::nullopt;
    pos = static_cast<size_t>(end - text.data());
    if (pos < text.size() && text[pos] == '.' && i < 2) {
      ++pos;
    } else {
      break;
    }
  }
  return KernelVersion{parts[0], parts[1], parts[2]};
}

std::string KernelVersion::ToString() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor);
  if (patch != 0) out += "." + std::to_string(patch);
  return out;
}

}  // namespace ocilint::caps
