#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ocilint::cli {

/// One option or positional argument of a CLI11 command, taken apart for the man pages and the
/// shell completions.
struct OptionDoc {
  /// What a shell should offer for the value besides `choices`.
  enum class Completes { kNothing, kFile, kDirectory };

  std::vector<std::string> names;    ///< "-j", "--jobs"; empty for a positional
  std::string positional;            ///< "PATH" for a positional argument
  std::string value_name;            ///< "FILE", "TEXT"; empty for a flag
  std::vector<std::string> choices;  ///< the values it accepts (IsMember, or a literal in
                                     ///< its type name such as "host" in "host|none|FILE")
  bool only_choices = false;         ///< nothing else is accepted
  std::string constraint;            ///< another check's description: "INT in [1 - 1024]"
  std::string default_value;
  std::string description;
  bool repeatable = false;
  bool required = false;
  Completes completes = Completes::kNothing;

  bool TakesValue() const { return !value_name.empty(); }
};

/// The options (help and version flags included), then the positionals, of `command`.
std::vector<OptionDoc> DescribeOptions(const CLI::App& command);

/// The subcommands --help lists (not the hidden ones).
std::vector<const CLI::App*> PublicSubcommands(const CLI::App& app);

/// `root`, then every public subcommand, each followed by its own public subcommands
/// (`conformance`, then `conformance compare`): a man page each.
std::vector<const CLI::App*> PublicCommands(const CLI::App& root);

/// The names from below `root` down to `command`, joined by `separator`: "conformance compare"
/// (" "), "conformance-compare" ("-"); "" for `root` itself.
std::string CommandPath(const CLI::App& root, const CLI::App& command,
                        std::string_view separator = " ");

/// The first clause of a description ("Output format: text|json" -> "Output format").
std::string Summary(std::string_view description);

/// A command's footer taken apart: "Exit codes:" lines, the documentation pointer dropped.
struct FooterDoc {
  struct ExitCode {
    std::string code;
    std::string meaning;
  };
  std::vector<std::string> paragraphs;  ///< everything else, a paragraph each
  std::vector<ExitCode> exit_codes;
};
FooterDoc DescribeFooter(std::string_view footer);

}  // namespace ocilint::cli
