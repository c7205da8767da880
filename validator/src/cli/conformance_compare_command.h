#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace ocilint::cli {

/// `oci-lint conformance compare DIR...`: the reports of several runtimes (each DIR's
/// report.json) side by side, requirement by requirement, as one HTML page or Markdown.
class ConformanceCompareCommand {
 public:
  /// Adds the subcommand to `conformance`; its options only `with_options`.
  void Register(CLI::App& conformance, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::vector<std::string> dirs_;
  std::string format_ = "html";
  std::string out_file_;
};

}  // namespace ocilint::cli
