#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "util/error.h"

namespace ocilint::caps {

/// A resource limit type as the kernel defines it (include/uapi/asm-generic/resource.h).
struct RlimitType {
  std::string_view name;        ///< "RLIMIT_NOFILE", as config.json spells it
  int number;                   ///< its value on Linux (x86, arm, and most others)
  std::string_view proc_label;  ///< its row in /proc/PID/limits: "Max open files"
};

/// Every resource limit Linux has, RLIMIT_CPU (0) to RLIMIT_RTTIME (15).
std::span<const RlimitType> AllRlimitTypes();
const RlimitType* FindRlimit(std::string_view name);

/// RLIMIT_NOFILE, the one type whose hard limit fs.nr_open also bounds.
inline constexpr int kRlimitNofile = 7;

/// A limit value; nullopt is RLIM_INFINITY ("unlimited").
using RlimitValue = std::optional<uint64_t>;

struct RlimitPair {
  RlimitValue soft, hard;
};

/// The limits of a process, indexed by RlimitType::number; an unset entry was not in the text.
struct ProcessLimits {
  std::optional<RlimitPair> limits[16];
};

/// True when `text` holds a /proc/PID/limits table (its "Limit  Soft Limit  Hard Limit" header).
bool LooksLikeProcLimits(std::string_view text);

/// Parses the /proc/PID/limits table found in `text` (alone, or after a /proc/PID/status
/// capture). A row with a value that is neither a number nor "unlimited" is an error (errno
/// EINVAL) naming `source` and the row; unknown rows are ignored.
Result<ProcessLimits> ParseProcLimits(std::string_view text, std::string_view source);

}  // namespace ocilint::caps
