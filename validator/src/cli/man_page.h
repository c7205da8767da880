#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ocilint::cli {

/// `text` as roff text: backslashes, hyphens, quotes and a leading control character escaped.
std::string RoffEscape(std::string_view text);

/// A real command line in a page's EXAMPLES, and what it does.
struct ManExample {
  const char* command;
  const char* what;
};

/// The examples of the page of subcommand `command` ("" for oci-lint's own page, "conformance
/// compare" for a nested one).
const std::vector<ManExample>& ManExamples(std::string_view command);

/// The man page file name of `command`: "oci-lint.1", "oci-lint-lint.1",
/// "oci-lint-conformance-compare.1".
std::string ManPageName(const CLI::App& root, const CLI::App& command);

/// The man(7) page of `command` (`root` itself, one of its subcommands or theirs), from its
/// options, descriptions and footer.
std::string ManPage(const CLI::App& root, const CLI::App& command);

}  // namespace ocilint::cli
