#pragma once

#include <iosfwd>

namespace ocilint::cli {

/// Exit codes, documented in README.md and --help.
enum ExitCode : int {
  kExitClean = 0,       ///< no finding reached --fail-on
  kExitFindings = 1,    ///< a finding reached --fail-on
  kExitUsage = 2,       ///< unknown flag, bad value, missing argument
  kExitUnreadable = 3,  ///< an input could not be read, or an internal error
};

/// Runs oci-lint with `argv` and returns the process exit code.
int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace ocilint::cli
