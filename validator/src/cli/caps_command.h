#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

#include "lint/target.h"

namespace ocilint::cli {

/// `oci-lint caps`: the capability table for this host; with CONFIG, the sets the config's
/// process will have after execve (capabilities(7)); with --strip, the config without its warned
/// capability entries.
class CapsCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  int PrintTable(std::ostream& out, std::ostream& err);
  int Strip(const lint::Target& target, std::ostream& out, std::ostream& err);
  int Predict(const lint::Target& target, std::ostream& out, std::ostream& err);

  CLI::App* command_ = nullptr;
  std::string format_ = "text";
  std::string strip_;
  std::string predict_;
  lint::TargetOptions target_;
};

}  // namespace ocilint::cli
