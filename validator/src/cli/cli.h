#pragma once

#include <functional>
#include <iosfwd>

namespace CLI {
class App;
}

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
/// Builds the whole command line, every subcommand with its options (what the man pages and
/// the completions describe), and hands it to `use`.
void WithEveryOption(const std::function<void(const CLI::App&)>& use);
/// Run for main(): ends the process with std::exit (buffers flushed, static destructors run)
/// as soon as the command is done, without taking the command line's option objects apart,
/// about a twentieth of linting one config.
[[noreturn]] void RunAndExit(int argc, const char* const* argv, std::ostream& out,
                             std::ostream& err);

}  // namespace ocilint::cli
