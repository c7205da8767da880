// The man pages and shell completions, checked against the command line they are written from:
// the test walks the CLI11 app itself, so a new subcommand or option cannot be left out.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/cli.h"
#include "cli/completion_script.h"
#include "cli/man_page.h"
#include "test_util.h"

namespace ocilint {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunInProcess;
using testing::TempDir;

struct Command {
  std::string name;                ///< "" for oci-lint itself, "conformance compare" nested
  std::vector<std::string> longs;  ///< "format", "fail-on"
  std::vector<std::string> shorts;
  std::vector<std::string> positionals;
  std::string leaf;    ///< the last word of name: "compare"
  std::string parent;  ///< the name of the command it belongs to: "" or "conformance"
};

/// `app` and its public subcommands, theirs after each, named from below the root.
void AddPublic(const CLI::App* app, const std::string& name,
               std::vector<std::pair<std::string, const CLI::App*>>* apps) {
  apps->emplace_back(name, app);
  for (const CLI::App* sub : app->get_subcommands([](const CLI::App*) { return true; })) {
    if (sub->get_group().empty()) continue;
    AddPublic(sub, name.empty() ? sub->get_name() : name + " " + sub->get_name(), apps);
  }
}

/// Every public command of the app (oci-lint first, nested ones after their parent) with its
/// options, read from CLI11 directly.
std::vector<Command> WalkApp() {
  std::vector<Command> commands;
  cli::WithEveryOption([&](const CLI::App& root) {
    std::vector<std::pair<std::string, const CLI::App*>> apps;
    AddPublic(&root, "", &apps);
    for (const auto& [name, app] : apps) {
      size_t space = name.rfind(' ');
      Command command{name,
                      {},
                      {},
                      {},
                      app == &root ? "" : app->get_name(),
                      space == std::string::npos ? "" : name.substr(0, space)};
      for (const CLI::Option* option : app->get_options()) {
        if (option->get_group().empty()) continue;
        command.longs.insert(command.longs.end(), option->get_lnames().begin(),
                             option->get_lnames().end());
        command.shorts.insert(command.shorts.end(), option->get_snames().begin(),
                              option->get_snames().end());
        if (option->get_lnames().empty() && option->get_snames().empty()) {
          command.positionals.push_back(option->get_name());
        }
      }
      commands.push_back(command);
    }
  });
  return commands;
}

std::string Escaped(const std::string& option) {
  return cli::RoffEscape(option);
}

/// "oci-lint", "oci-lint-lint", "oci-lint-conformance-compare".
std::string PageName(std::string command) {
  std::replace(command.begin(), command.end(), ' ', '-');
  return command.empty() ? "oci-lint" : "oci-lint-" + command;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CliDocsTest, TheAppHasTheSubcommandsTheDocsPromise) {
  std::vector<std::string> names;
  for (const Command& command : WalkApp()) names.push_back(command.name);
  EXPECT_THAT(names, ::testing::IsSupersetOf({"", "lint", "caps", "probe", "conformance",
                                              "conformance compare", "rules", "explain", "coverage",
                                              "completion"}));
  EXPECT_THAT(names, Not(::testing::Contains("man"))) << "man is hidden";
}

TEST(CliDocsTest, ManPagesHaveEveryCommandAndOption) {
  TempDir temp;
  std::filesystem::path dir = std::filesystem::path(temp.path()) / "man1";
  testing::CliResult r = RunInProcess({"man", "--out", dir.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<Command> commands = WalkApp();
  std::string top = ReadFile(dir / "oci-lint.1");
  size_t pages = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    pages += entry.is_regular_file();
  }
  EXPECT_EQ(pages, commands.size());
  for (const Command& command : commands) {
    std::string page_name = PageName(command.name);
    std::string page = ReadFile(dir / (page_name + ".1"));
    ASSERT_FALSE(page.empty()) << page_name;
    for (const char* section :
         {".SH NAME\n", ".SH SYNOPSIS\n", ".SH DESCRIPTION\n", ".SH OPTIONS\n", ".SH EXIT STATUS\n",
          ".SH EXAMPLES\n", ".SH SEE ALSO\n"}) {
      EXPECT_THAT(page, HasSubstr(section)) << page_name;
    }
    EXPECT_THAT(page, HasSubstr(".SH NAME\n" + Escaped(page_name) + " \\- ")) << page_name;
    for (const std::string& option : command.longs) {
      EXPECT_THAT(page, HasSubstr("\\fB" + Escaped("--" + option) + "\\fR")) << page_name;
    }
    for (const std::string& option : command.shorts) {
      EXPECT_THAT(page, HasSubstr("\\fB" + Escaped("-" + option) + "\\fR")) << page_name;
    }
    for (const std::string& positional : command.positionals) {
      EXPECT_THAT(page, HasSubstr("\\fI" + positional + "\\fR")) << page_name;
    }
    if (!command.name.empty()) {
      // Listed under COMMANDS in its parent's page, and named in every other page's SEE ALSO.
      std::string parent = ReadFile(dir / (PageName(command.parent) + ".1"));
      EXPECT_THAT(parent, HasSubstr(".TP\n\\fB" + Escaped(command.leaf) + "\\fR\n"))
          << command.name;
      EXPECT_THAT(top, HasSubstr("\\fB" + Escaped(page_name) + "\\fR(1)")) << command.name;
    }
    // No line starts a request by accident: every control line is one of the macros used.
    std::istringstream lines(page);
    std::regex request(R"(^\.(TH|SH|TP|PP|RS 4|RE|nf|fi|br|B .*|\\" .*)( .*)?$)");
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || (line[0] != '.' && line[0] != '\'')) continue;
      EXPECT_TRUE(std::regex_match(line, request)) << page_name << ": " << line;
    }
  }
  EXPECT_THAT(ReadFile(dir / "oci-lint-lint.1"), HasSubstr("\\fItext|json"));
  EXPECT_THAT(ReadFile(dir / "oci-lint-probe.1"), HasSubstr("every config passed"))
      << "probe's own exit codes";
  EXPECT_THAT(ReadFile(dir / "oci-lint-lint.1"), HasSubstr("reached \\-\\-fail\\-on"));
}

/// The words of the oci-lint command in an example's shell line: from "oci-lint" up to a
/// redirection, a pipe, "&&" or the end of a process substitution.
std::vector<std::string> OciLintWords(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> words;
  bool started = false;
  for (std::string word; in >> word;) {
    if (word.rfind("<(", 0) == 0) word = word.substr(2);
    bool last = !word.empty() && word.back() == ')';
    if (last) word.pop_back();
    if (word == "oci-lint") started = true;
    if (!started) continue;
    if (word == ">" || word == "|" || word == "&&") break;
    words.push_back(word);
    if (last) break;
  }
  return words;
}

TEST(CliDocsTest, ManPageExamplesUseRealSubcommandsAndOptions) {
  std::vector<Command> commands = WalkApp();
  auto find = [&](const std::string& name) -> const Command* {
    for (const Command& command : commands) {
      if (command.name == name) return &command;
    }
    return nullptr;
  };
  size_t checked = 0;
  for (const Command& page : commands) {
    const std::vector<cli::ManExample>& examples = cli::ManExamples(page.name);
    EXPECT_FALSE(examples.empty()) << "no EXAMPLES for " << page.name;
    for (const cli::ManExample& example : examples) {
      std::vector<std::string> words = OciLintWords(example.command);
      ASSERT_GE(words.size(), 2u) << example.command;
      const Command* command = find(words[1]);
      if (!command) command = find("lint");  // the implicit lint
      if (words.size() > 2 && find(words[1] + " " + words[2])) {
        command = find(words[1] + " " + words[2]);
      }
      ASSERT_NE(command, nullptr);
      if (!page.name.empty()) {
        EXPECT_EQ(command->name, page.name) << example.command;
      }
      for (const std::string& word : words) {
        if (word.size() < 2 || word[0] != '-') continue;
        std::string name = word.substr(word[1] == '-' ? 2 : 1);
        const std::vector<std::string>& names = word[1] == '-' ? command->longs : command->shorts;
        EXPECT_THAT(names, ::testing::Contains(name)) << example.command;
      }
      ++checked;
      if (command->name == "explain" || command->name == "rules" ||
          command->name == "coverage") {  // read-only and quick: run for real
        std::vector<std::string> args(words.begin() + 1, words.end());
        EXPECT_EQ(RunInProcess(args).exit_code, 0) << example.command;
      }
    }
  }
  EXPECT_GE(checked, commands.size());
}

TEST(CliDocsTest, RoffEscapes) {
  EXPECT_EQ(cli::RoffEscape("--fail-on"), "\\-\\-fail\\-on");
  EXPECT_EQ(cli::RoffEscape("a\\b"), "a\\eb");
  EXPECT_EQ(cli::RoffEscape(".leading dot"), "\\&.leading dot");
  EXPECT_EQ(cli::RoffEscape("'quoted' `runc spec`"), "\\(aqquoted\\(aq \\(garunc spec\\(ga");
  EXPECT_EQ(cli::RoffEscape("a.b"), "a.b");
}

TEST(CliDocsTest, CompletionsHaveEveryCommandAndOption) {
  std::vector<Command> commands = WalkApp();
  for (std::string_view shell : cli::kCompletionShells) {
    testing::CliResult r = RunInProcess({"completion", std::string(shell)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const Command& command : commands) {
      if (!command.name.empty()) {
        // bash's case label, zsh's _describe entry, fish's subcommand completion.
        std::string expected = shell == "bash"  ? "    " + command.leaf + ")\n"
                               : shell == "zsh" ? "'" + command.leaf + ":"
                                                : "-a " + command.leaf + " -d";
        EXPECT_THAT(r.out, HasSubstr(expected)) << shell;
      }
      for (const std::string& option : command.longs) {
        std::string expected = shell == "fish" ? "-l " + option : "--" + option;
        EXPECT_THAT(r.out, HasSubstr(expected)) << shell << " " << command.name;
      }
      for (const std::string& option : command.shorts) {
        std::string expected = shell == "fish" ? "-s " + option : "-" + option;
        EXPECT_THAT(r.out, HasSubstr(expected)) << shell << " " << command.name;
      }
    }
  }
  EXPECT_THAT(RunInProcess({"completion", "tcsh"}).exit_code, 2);
}

TEST(CliDocsTest, HelpListsCompletionButNotTheHiddenManCommand) {
  testing::CliResult help = RunInProcess({"--help"});
  EXPECT_THAT(help.out, HasSubstr("completion"));
  EXPECT_THAT(help.out, Not(HasSubstr("  man ")));
  EXPECT_THAT(RunInProcess({"completion", "--help"}).out, HasSubstr("bash"));
}

}  // namespace
}  // namespace ocilint
