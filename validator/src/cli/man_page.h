#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace ocilint::cli {

/// `text` as roff text: backslashes, hyphens, quotes and a leading control character escaped.
std::string RoffEscape(std::string_view text);

/// The man page file name of `command`: "oci-lint.1", "oci-lint-lint.1".
std::string ManPageName(const CLI::App& root, const CLI::App& command);

/// The man(7) page of `command` (`root` itself, or one of its subcommands), from its options,
/// descriptions and footer.
std::string ManPage(const CLI::App& root, const CLI::App& command);

}  // namespace ocilint::cli
