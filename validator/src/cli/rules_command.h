#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace ocilint::cli {

/// `oci-lint rules`: the rule catalogue (slug, default severity, RFC 2119 level, spec link,
/// summary) as text, JSON, or Markdown; the Markdown adds every rule's explanation and is what
/// docs/rules.md holds.
class RulesCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::string format_ = "text";
  bool spec_versions_ = false;
};

/// `oci-lint explain RULE`: one rule's summary, severity, level, spec link and sentence,
/// explanation, and an example that fires it next to one that stays silent.
class ExplainCommand {
 public:
  /// Adds the subcommand; its options only `with_options` (when it is the one invoked).
  void Register(CLI::App& app, bool with_options = true);
  bool Selected() const { return command_ && command_->parsed(); }
  int Execute(std::ostream& out, std::ostream& err);

 private:
  CLI::App* command_ = nullptr;
  std::string rule_;
  std::string format_ = "text";
};

}  // namespace ocilint::cli
