#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace ocilint::cli {

/// `oci-lint coverage`: the spec-coverage matrix, every normative sentence of runtime-spec
/// v1.3.0's configuration documents, bundle.md, runtime.md and runtime-linux.md with what checks
/// it (rules, the schema, the runtime, or nothing and why), as text, JSON or Markdown; the
/// Markdown is docs/spec-coverage.md.
class CoverageCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::string format_ = "text";
};

}  // namespace ocilint::cli
