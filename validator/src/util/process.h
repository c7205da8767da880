#pragma once

#include <functional>
#include <string>
#include <vector>

#include "util/error.h"

namespace ocilint {

struct CommandOutput {
  int exit_code = -1;  ///< -1 when killed by a signal (including the timeout)
  bool timed_out = false;
  std::string out;
  std::string err;
  bool interrupted = false;  ///< killed because a termination signal arrived (util/signals.h)
};

/// How to start the child, beyond its argv.
struct CommandSetup {
  std::string cwd;  ///< empty: the caller's
  /// Runs in the child just before exec (e.g. prctl, unshare); false aborts with exit 126.
  std::function<bool()> before_exec;
  /// False for clean-up commands, which must run even after a termination signal.
  bool interruptible = true;
};

/// Runs argv[0] (searched in PATH) with no standard input, capturing both outputs (each cut
/// at `max_output` bytes), in a process group of its own. After `timeout_seconds`, or on a
/// termination signal when interruptible, the whole group is killed; the child is always reaped.
Result<CommandOutput> RunCommand(const std::vector<std::string>& argv, int timeout_seconds,
                                 size_t max_output = 16 * 1024 * 1024,
                                 const CommandSetup& setup = {});

}  // namespace ocilint
