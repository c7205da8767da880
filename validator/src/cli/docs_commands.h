#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace ocilint::cli {

/// `oci-lint completion SHELL`: a bash, zsh or fish completion script, written from the
/// command line definitions. Needs every subcommand registered with its options.
class CompletionCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::string shell_;
};

/// `oci-lint man --out DIR` (hidden; the build runs it): writes oci-lint.1 and a page per
/// public subcommand, nested ones too (oci-lint-conformance-compare.1). Needs every subcommand
/// registered with its options.
class ManCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::string out_dir_;
};

}  // namespace ocilint::cli
