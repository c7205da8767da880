#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iterator>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "build_commit.h"
#include "cli/caps_command.h"
#include "cli/conformance_command.h"
#include "cli/conformance_compare_command.h"
#include "cli/coverage_command.h"
#include "cli/docs_commands.h"
#include "cli/lint_command.h"
#include "cli/probe_command.h"
#include "cli/rules_command.h"
#include "probe/runner.h"
#include "schema/embedded.h"
#include "version.h"

namespace ocilint::cli {

namespace {

/// What --version prints: the version on the first line (scripts read it), then the commit,
/// the schema compiled in and the build type.
std::string VersionText() {
  // "embedded runtime-spec v1.3.0" -> "1.3.0", as runc and crun print their "spec:" line.
  std::string_view spec = schema::kEmbeddedSchemaName;
  spec.remove_prefix(spec.rfind('v') + 1);
  return std::string("oci-lint ") + kVersion + "\ncommit: " + kCommit +
         "\nspec: " + std::string(spec) + " (the embedded runtime-spec schema)\nbuild: " +
         (*kBuildType ? kBuildType : "unspecified");
}

constexpr std::string_view kSubcommands[] = {
    "lint", "caps", "probe", "conformance", "rules", "explain", "coverage", "completion", "man"};

/// The subcommands that describe the whole command line, so need every option of every other.
constexpr std::string_view kDocumentingSubcommands[] = {"completion", "man"};

constexpr const char* kDescription =
    "oci-lint: checks OCI runtime-spec container configurations (config.json)\n"
    "against the runtime-spec JSON schema, with exact file:line:column locations.";

constexpr const char* kFooter = R"(Exit codes:
  0  no finding reached --fail-on
  1  at least one finding reached --fail-on
  2  usage error (unknown option, bad value, no PATH)
  3  an input could not be read (missing, permission, too large, a directory
     without configs), or an internal error; other inputs are still linted

`oci-lint PATH...` is short for `oci-lint lint PATH...`.
Documentation: man oci-lint, man oci-lint-SUBCOMMAND; README.md in the source tree.)";

/// `oci-lint [options] PATH...` means `oci-lint lint [options] PATH...`.
std::vector<std::string> WithImplicitLint(int argc, const char* const* argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return args;
  const std::string& first = args.front();
  bool top_level_flag = first == "--help" || first == "-h" || first == "--version";
  bool subcommand = false;
  for (std::string_view name : kSubcommands) subcommand |= first == name;
  if (!top_level_flag && !subcommand) args.insert(args.begin(), "lint");
  return args;
}

void SetUpTopLevel(CLI::App& app) {
  app.footer(kFooter);
  app.set_version_flag("--version", VersionText(),
                       "Print the version, the commit, the embedded spec version and the build "
                       "type, and exit");
  app.require_subcommand(0, 1);
}

/// Every subcommand's handler.
struct Commands {
  LintCommand lint;
  CapsCommand caps;
  ProbeCommand probe;
  ConformanceCommand conformance;
  ConformanceCompareCommand conformance_compare;  ///< nested: `conformance compare`
  RulesCommand rules;
  ExplainCommand explain;
  CoverageCommand coverage;
  CompletionCommand completion;
  ManCommand man;

  /// Adds the subcommand `invoked`, with its options, or every subcommand (for the top-level
  /// help) without theirs, or every one with its options for the documenting subcommands.
  /// Only the invoked subcommand is built in a normal run: building the others' options costs
  /// more than validating a config.
  void Register(CLI::App& app, std::string_view invoked) {
    bool all = std::find(std::begin(kSubcommands), std::end(kSubcommands), invoked) ==
               std::end(kSubcommands);
    bool documenting =
        std::find(std::begin(kDocumentingSubcommands), std::end(kDocumentingSubcommands),
                  invoked) != std::end(kDocumentingSubcommands);
    auto add = [&](auto& command, std::string_view name) {
      if (all || documenting || invoked == name) {
        command.Register(app, documenting || invoked == name);
      }
    };
    add(lint, "lint");
    add(caps, "caps");
    add(probe, "probe");
    add(conformance, "conformance");
    if (documenting || invoked == "conformance") {
      conformance_compare.Register(*app.get_subcommand("conformance"));
    }
    add(rules, "rules");
    add(explain, "explain");
    add(coverage, "coverage");
    add(completion, "completion");
    add(man, "man");
  }

  /// Runs the parsed subcommand; nullopt when none was.
  std::optional<int> Execute(std::ostream& out, std::ostream& err) {
    if (lint.Selected()) return lint.Execute(out, err);
    if (caps.Selected()) return caps.Execute(out, err);
    if (probe.Selected()) return probe.Execute(out, err);
    if (conformance_compare.Selected()) return conformance_compare.Execute(out, err);
    if (conformance.Selected()) return conformance.Execute(out, err);
    if (rules.Selected()) return rules.Execute(out, err);
    if (explain.Selected()) return explain.Execute(out, err);
    if (coverage.Selected()) return coverage.Execute(out, err);
    if (completion.Selected()) return completion.Execute(out, err);
    if (man.Selected()) return man.Execute(out, err);
    return std::nullopt;
  }
};

/// Everything Run does once `app` exists; returns the exit code.
int Dispatch(CLI::App& app, int argc, const char* const* argv, std::ostream& out,
             std::ostream& err) {
  if (argc == 3 && argv[1] == kProbeHelperCommand) {
    return probe::ReportSetsToFd(std::atoi(argv[2]));
  }
  std::vector<std::string> args = WithImplicitLint(argc, argv);
  Commands commands;
  commands.Register(app, args.empty() ? "" : std::string_view(args.front()));
  if (args.empty()) {
    err << "oci-lint: no PATH given\nUsage: oci-lint [lint] [OPTIONS] PATH...\n"
        << "Run 'oci-lint --help' for more information.\n";
    return kExitUsage;
  }
  std::reverse(args.begin(), args.end());
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitClean;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitClean;
  } catch (const CLI::CallForVersion& e) {
    out << e.what() << '\n';
    return kExitClean;
  } catch (const CLI::ParseError& e) {
    err << "oci-lint: " << e.what() << "\nRun 'oci-lint --help' for more information.\n";
    return kExitUsage;
  }
  try {
    if (std::optional<int> code = commands.Execute(out, err)) return *code;
  } catch (const std::exception& e) {
    err << "oci-lint: internal error: " << e.what() << '\n';
    return kExitUnreadable;
  }
  out << app.help();
  return kExitClean;
}

int RunApp(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
           bool exit_when_done) {
  CLI::App app{kDescription, "oci-lint"};
  SetUpTopLevel(app);
  int code = Dispatch(app, argc, argv, out, err);
  if (exit_when_done) {
    out.flush();
    err.flush();
    std::exit(code);
  }
  return code;
}

}  // namespace

int Run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  return RunApp(argc, argv, out, err, false);
}

void WithEveryOption(const std::function<void(const CLI::App&)>& use) {
  CLI::App app{kDescription, "oci-lint"};
  SetUpTopLevel(app);
  Commands commands;
  commands.Register(app, kDocumentingSubcommands[0]);
  use(app);
}

void RunAndExit(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  RunApp(argc, argv, out, err, true);
  std::abort();  // not reached: RunApp exits
}

}  // namespace ocilint::cli
