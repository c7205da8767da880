#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace ocilint::cli {

/// The shells `oci-lint completion` writes a script for.
inline constexpr std::string_view kCompletionShells[] = {"bash", "zsh", "fish"};

/// A completion script for `shell` (one of kCompletionShells) from `root`'s subcommands and
/// options; `implicit` is the subcommand a command line without one means ("lint").
std::string CompletionScript(std::string_view shell, const CLI::App& root,
                             std::string_view implicit);

}  // namespace ocilint::cli
