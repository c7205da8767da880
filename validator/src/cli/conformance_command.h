#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ocilint::cli {

/// `oci-lint conformance`: runs a real OCI runtime through the spec's requirements (the
/// capability battery, the spec battery) and writes reports for its vendor.
class ConformanceCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::string runtime_;
  std::string out_dir_;
  std::string format_ = "text";
  std::vector<std::string> scenarios_;
  std::vector<std::string> runtime_args_;
  std::string battery_ = "caps";
  bool keep_ = false;
  std::string helper_;
  int timeout_seconds_ = 30;
};

}  // namespace ocilint::cli
