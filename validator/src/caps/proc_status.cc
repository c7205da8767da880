#include "caps/proc_status.h"

#include <cerrno>
#include <charconv>
#include <fstream>
#include <string>

namespace ocilint::caps {

std::optional<CapMask> ParseCapMask(std::string_view hex) {
  while (!hex.empty() && (hex.front() == ' ' || hex.front() == '\t')) hex.remove_prefix(1);
  while (!hex.empty() && (hex.back() == ' ' || hex.back() == '\t' || hex.back() == '\r')) {
    hex.remove_suffix(1);
  }
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  CapMask mask = 0;
  for (char c : hex) {
    int digit = (c >= '0' && c <= '9')   ? c - '0'
                : (c >= 'a' && c <= 'f') ? c - 'a' + 10
                : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                         : -1;
    if (digit < 0) return std::nullopt;
    mask = (mask << 4) | static_cast<CapMask>(digit);
  }
  return mask;
}

std::optional<int> ParseCapLastCap(std::string_view text) {
  int number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || number < 0 || number > 63) return std::nullopt;
  return number;
}

int RunningCapLastCap() {
  std::ifstream in("/proc/sys/kernel/cap_last_cap");
  std::string text;
  in >> text;
  return ParseCapLastCap(text).value_or(AllCapabilities().back().number);
}

Result<ProcessCapSets> ParseProcStatus(std::string_view text, std::string_view source) {
  ProcessCapSets sets;
  struct Field {
    std::string_view key;
    std::optional<CapMask>* target;
  };
  const Field fields[] = {{"CapInh:", &sets.inheritable},
                          {"CapPrm:", &sets.permitted},
                          {"CapEff:", &sets.effective},
                          {"CapBnd:", &sets.bounding},
                          {"CapAmb:", &sets.ambient}};
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    for (const Field& field : fields) {
      if (line.substr(0, field.key.size()) != field.key) continue;
      std::optional<CapMask> mask = ParseCapMask(line.substr(field.key.size()));
      if (!mask) {
        return Error{std::string(source) + ":" + std::to_string(line_number) + ": \"" +
                         std::string(line.substr(0, 80)) +
                         "\" is not a capability mask (up to 16 hex digits)",
                     EINVAL};
      }
      if (field.target->has_value()) {
        return Error{std::string(source) + ":" + std::to_string(line_number) + ": a second " +
                         std::string(field.key.substr(0, field.key.size() - 1)) +
                         " line; expected one /proc/PID/status capture",
                     EINVAL};
      }
      *field.target = mask;
    }
  }
  if (!sets.bounding) {
    return Error{std::string(source) +
                     ": no CapBnd line; expected a /proc/PID/status capture, e.g. "
                     "`cat /proc/self/status > env.status` inside the target environment",
                 EINVAL};
  }
  return sets;
}

}  // namespace ocilint::caps
