#include "cli/docs_commands.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "cli/app_model.h"
#include "cli/cli.h"
#include "cli/completion_script.h"
#include "cli/man_page.h"

namespace ocilint::cli {

void CompletionCommand::Register(CLI::App& app, bool with_options) {
  command_ = app.add_subcommand(
      "completion",
      "Print a bash, zsh or fish completion script for oci-lint (its subcommands, options and "
      "their values)");
  if (!with_options) return;
  std::vector<std::string> shells;
  for (std::string_view shell : kCompletionShells) shells.emplace_back(shell);
  command_->add_option("SHELL", shell_, "The shell the script is for")
      ->check(CLI::IsMember(shells))
      ->required();
}

int CompletionCommand::Execute(std::ostream& out, std::ostream&) {
  out << CompletionScript(shell_, *command_->get_parent(), "lint");
  return kExitClean;
}

void ManCommand::Register(CLI::App& app, bool with_options) {
  command_ = app.add_subcommand("man", "Write the man pages")->group("");
  if (!with_options) return;
  command_->add_option("--out", out_dir_, "The directory to write the pages to")
      ->type_name("DIR")
      ->required();
}

int ManCommand::Execute(std::ostream&, std::ostream& err) {
  namespace fs = std::filesystem;
  const CLI::App& root = *command_->get_parent();
  std::error_code ec;
  fs::create_directories(out_dir_, ec);
  if (ec) {
    err << "oci-lint: cannot create " << out_dir_ << ": " << ec.message() << '\n';
    return kExitUnreadable;
  }
  for (const CLI::App* command : PublicCommands(root)) {
    fs::path path = fs::path(out_dir_) / ManPageName(root, *command);
    std::ofstream file(path);
    file << ManPage(root, *command);
    file.close();
    if (!file) {
      err << "oci-lint: cannot write " << path.string() << ": " << std::strerror(errno) << '\n';
      return kExitUnreadable;
    }
  }
  return kExitClean;
}

}  // namespace ocilint::cli
