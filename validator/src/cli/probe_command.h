#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "lint/target.h"

namespace ocilint::cli {

/// `oci-lint probe`: proves on the live kernel that the capability sets a config gets equal
/// what was requested minus what the linter warned about.
class ProbeCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::vector<std::string> configs_;
  std::string format_ = "text";
  int timeout_seconds_ = 10;
  lint::TargetOptions target_;
};

/// The hidden helper a probe's test process executes: `oci-lint __probe-report FD`.
inline constexpr std::string_view kProbeHelperCommand = "__probe-report";

}  // namespace ocilint::cli
