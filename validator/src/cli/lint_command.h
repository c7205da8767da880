#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "lint/policy.h"
#include "lint/target.h"

namespace ocilint::cli {

/// Adds --kernel, --environment, --runtime-features and --runtime to `command`.
void AddTargetOptions(CLI::App& command, lint::TargetOptions* target);

/// Prints why the target could not be built; returns exit code 2 for a malformed value, 3 for a
/// file that could not be read.
int ReportTargetError(const Error& error, std::ostream& err);

/// `oci-lint lint`: validates and lints configs, then reports.
class LintCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::vector<std::string> paths_;
  std::vector<std::string> bundles_;
  std::string format_ = "text";
  std::string fail_on_ = "error";
  std::string schema_dir_;
  std::string kind_ = "auto";
  std::string color_ = "auto";
  std::string stdin_filename_ = "<stdin>";
  std::size_t max_size_ = 64 * 1024 * 1024;
  lint::TargetOptions target_;
  std::string config_;
  std::vector<std::string> severities_;
  std::vector<std::string> disabled_;
  std::string output_;
  unsigned jobs_ = 0;              ///< 0: one per CPU this process may run on
  std::size_t memory_budget_ = 0;  ///< --max-memory; set to the default when registered
  bool quiet_ = false;
  bool verbose_ = false;

  /// The config file (given, or found) with the flags on top.
  Result<lint::Policy> MakePolicy() const;
};

}  // namespace ocilint::cli
