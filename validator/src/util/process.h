#pragma once

#include <string>
#include <vector>

#include "util/error.h"

namespace ocilint {

struct CommandOutput {
  int exit_code = -1;  ///< -1 when killed by a signal (including the timeout)
  bool timed_out = false;
  std::string out;
  std::string err;
};

/// Runs argv[0] (searched in PATH) with no standard input, capturing both outputs (each cut
/// at `max_output` bytes). The child is killed after `timeout_seconds` and always reaped.
Result<CommandOutput> RunCommand(const std::vector<std::string>& argv, int timeout_seconds,
                                 size_t max_output = 16 * 1024 * 1024);

}  // namespace ocilint
