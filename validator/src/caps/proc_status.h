#pragma once

#include <optional>
#include <string_view>

#include "caps/table.h"
#include "util/error.h"

namespace ocilint::caps {

/// The five capability sets of a process, as /proc/PID/status shows them.
struct ProcessCapSets {
  std::optional<CapMask> inheritable, permitted, effective, bounding, ambient;
};

/// Parses a 64-bit capability mask written in hex (as in "CapBnd:\t000001ffffffffff").
std::optional<CapMask> ParseCapMask(std::string_view hex);

/// Parses /proc/sys/kernel/cap_last_cap: a capability number from 0 to 63.
std::optional<int> ParseCapLastCap(std::string_view text);

/// The running kernel's cap_last_cap; the highest capability oci-lint knows when unreadable.
int RunningCapLastCap();

/// Parses the Cap* lines of a /proc/PID/status text. `CapBnd` is required; a missing line or a
/// malformed mask is an error (errno EINVAL) naming `source` and the line.
Result<ProcessCapSets> ParseProcStatus(std::string_view text, std::string_view source);

}  // namespace ocilint::caps
