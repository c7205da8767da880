#include "cli/man_page.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>
#include <vector>

#include "cli/app_model.h"
#include "version.h"

namespace ocilint::cli {

namespace {

/// A few real command lines per page, keyed by the subcommand ("" for oci-lint itself).
const std::map<std::string, std::vector<ManExample>, std::less<>>& Examples() {
  static const auto* examples = new std::map<std::string, std::vector<ManExample>, std::less<>>{
      {"",
       {{"oci-lint config.json", "Lint one config (short for oci-lint lint config.json)."},
        {"oci-lint rules", "List every rule."},
        {"oci-lint completion bash > ~/.local/share/bash-completion/completions/oci-lint",
         "Install the bash completion for the current user."}}},
      {"lint",
       {{"oci-lint lint config.json", "Lint one config and print the findings as text."},
        {"oci-lint lint --format sarif --output oci-lint.sarif configs/",
         "Lint every *.json below configs/ and write a SARIF report."},
        {"oci-lint lint --bundle /run/bundle --kernel 5.15 --runtime runc",
         "Lint a bundle for a 5.15 kernel and what runc implements."},
        {"runc spec --rootless && oci-lint lint --fail-on warning config.json",
         "Fail on warnings too."}}},
      {"caps",
       {{"oci-lint caps", "Show the capability table with what this host supports."},
        {"oci-lint caps config.json", "Show the sets config.json's process gets."},
        {"oci-lint caps --strip config.json --kernel 4.19 > stripped.json",
         "Remove the capabilities a 4.19 kernel lacks."}}},
      {"probe",
       {{"oci-lint probe config.json",
         "Check on this kernel that config.json's process gets the predicted sets and "
         "rlimits."}}},
      {"conformance",
       {{"sudo oci-lint conformance --runtime runc", "Test runc and write its reports."},
        {"sudo oci-lint conformance --runtime /usr/bin/crun --out reports/crun --keep",
         "Test crun, keeping the bundles."}}},
      {"conformance compare",
       {{"oci-lint conformance compare reports/runc-1.1.5 reports/crun-1.8.1 --out compare.html",
         "Set runc's and crun's reports side by side in one HTML page."},
        {"oci-lint conformance compare --format md reports/*/ > compare.md",
         "The same for every report directory, as Markdown."}}},
      {"rules",
       {{"oci-lint rules", "List every rule."},
        {"oci-lint rules --format markdown > rules.md", "The catalogue as Markdown."},
        {"oci-lint rules --spec-versions", "What each runtime-spec release changed."}}},
      {"explain", {{"oci-lint explain cap-unknown", "Explain the rule cap-unknown."}}},
      {"coverage",
       {{"oci-lint coverage --format markdown",
         "The spec's normative sentences and what checks each."}}},
      {"completion",
       {{"source <(oci-lint completion bash)", "Complete oci-lint in the current bash."},
        {"oci-lint completion zsh > ~/.zfunc/_oci-lint", "Install the zsh completion."},
        {"oci-lint completion fish > ~/.config/fish/completions/oci-lint.fish",
         "Install the fish completion."}}},
  };
  return *examples;
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

/// `text` ending in a full stop.
std::string Sentence(std::string text) {
  if (!text.empty() && text.back() != '.') text += '.';
  return text;
}

std::string Bold(std::string_view text) {
  return "\\fB" + RoffEscape(text) + "\\fR";
}
std::string Italic(std::string_view text) {
  return "\\fI" + RoffEscape(text) + "\\fR";
}

/// "\fB\-j\fR, \fB\-\-jobs\fR \fIN\fR"
std::string OptionTag(const OptionDoc& option) {
  if (!option.positional.empty()) {
    return Italic(option.positional) + (option.repeatable ? "\\&..." : "");
  }
  std::string tag;
  for (const std::string& name : option.names) tag += (tag.empty() ? "" : ", ") + Bold(name);
  if (option.TakesValue()) tag += " " + Italic(option.value_name);
  return tag;
}

std::string Synopsis(const CLI::App& root, const CLI::App& command) {
  std::string line = ".B " + RoffEscape(root.get_name());
  if (&command == &root) {
    line += "\n[\\fIOPTIONS\\fR] [\\fBlint\\fR] \\fIPATH\\fR\\&...\n.br\n.B " +
            RoffEscape(root.get_name()) + "\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]";
    return line;
  }
  line += " " + RoffEscape(CommandPath(root, command)) + "\n[\\fIOPTIONS\\fR]";
  for (const OptionDoc& option : DescribeOptions(command)) {
    if (!option.positional.empty()) {
      std::string tag = OptionTag(option);
      line += " " + (option.required ? tag : "[" + tag + "]");
    }
  }
  // A command with subcommands of its own (conformance compare): their synopses too.
  for (const CLI::App* sub : PublicSubcommands(command)) line += "\n.br\n" + Synopsis(root, *sub);
  return line;
}

/// Lines of prose as roff text: each line escaped, no line starting with a space.
std::string Prose(std::string_view text) {
  std::string out;
  std::istringstream lines{std::string(text)};
  for (std::string line; std::getline(lines, line);) {
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    out += RoffEscape(std::string_view(line).substr(start)) + "\n";
  }
  return out;
}

}  // namespace

const std::vector<ManExample>& ManExamples(std::string_view command) {
  static const std::vector<ManExample> none;
  auto found = Examples().find(command);
  return found == Examples().end() ? none : found->second;
}

std::string RoffEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '\\':
        out += "\\e";
        break;
      case '-':
        out += "\\-";
        break;
      case '`':
        out += "\\(ga";
        break;
      case '\'':
        out += "\\(aq";
        break;
      default:
        out += c;
    }
  }
  // A line starting with . or ' would be a request.
  if (!out.empty() && out.front() == '.') out.insert(0, "\\&");
  return out;
}

std::string ManPageName(const CLI::App& root, const CLI::App& command) {
  if (&command == &root) return root.get_name() + ".1";
  return root.get_name() + "-" + CommandPath(root, command, "-") + ".1";
}

std::string ManPage(const CLI::App& root, const CLI::App& command) {
  bool top = &command == &root;
  std::string title =
      top ? root.get_name() : root.get_name() + "-" + CommandPath(root, command, "-");
  std::ostringstream page;
  page << ".\\\" Generated by `" << root.get_name()
       << " man` from its command line definitions; do not edit.\n";
  page << ".TH \"" << RoffEscape(Upper(title)) << "\" 1 \"\" \"" << RoffEscape(root.get_name())
       << " " << RoffEscape(kVersion) << "\" \"User Commands\"\n";
  // oci-lint's own description starts "oci-lint: checks ...".
  std::string description = command.get_description();
  if (top) description = description.substr(description.find(':') + 2);
  for (char& c : description) c = c == '\n' ? ' ' : c;
  std::string summary = Summary(description);
  if (summary.size() > 1 && summary.back() == '.') summary.pop_back();
  if (!summary.empty()) summary.front() = static_cast<char>(std::tolower(summary.front()));
  if (!description.empty()) {
    description.front() = static_cast<char>(std::toupper(description.front()));
  }
  page << ".SH NAME\n" << RoffEscape(title) << " \\- " << RoffEscape(summary) << "\n";
  page << ".SH SYNOPSIS\n" << Synopsis(root, command) << "\n";
  // CLI11 gives a subcommand its parent's footer unless it sets its own (probe's exit codes).
  FooterDoc footer = DescribeFooter(command.get_footer());
  FooterDoc root_footer = DescribeFooter(root.get_footer());
  if (footer.exit_codes.empty()) footer.exit_codes = root_footer.exit_codes;
  page << ".SH DESCRIPTION\n" << Prose(Sentence(description));
  for (const std::string& paragraph : footer.paragraphs) {
    bool inherited = std::find(root_footer.paragraphs.begin(), root_footer.paragraphs.end(),
                               paragraph) != root_footer.paragraphs.end();
    if (!top && inherited && command.get_name() != "lint") continue;
    page << ".PP\n" << Prose(paragraph);
  }
  if (!PublicSubcommands(command).empty()) {
    page << ".SH COMMANDS\n";
    for (const CLI::App* sub : PublicSubcommands(command)) {
      std::string name = ManPageName(root, *sub);
      name.resize(name.size() - 2);  // ".1"
      page << ".TP\n"
           << Bold(sub->get_name()) << "\n"
           << Prose(Sentence(sub->get_description())) << "See " << Bold(name) << "(1).\n";
    }
  }
  page << ".SH OPTIONS\n";
  for (const OptionDoc& option : DescribeOptions(command)) {
    page << ".TP\n" << OptionTag(option) << "\n" << Prose(Sentence(option.description));
    if (!option.constraint.empty()) page << "Accepts " << RoffEscape(option.constraint) << ".\n";
    if (!option.default_value.empty()) {
      page << "Default: " << Bold(option.default_value) << ".\n";
    }
    if (option.repeatable && option.positional.empty()) page << "May be repeated.\n";
  }
  if (!footer.exit_codes.empty()) {
    page << ".SH EXIT STATUS\n";
    for (const FooterDoc::ExitCode& code : footer.exit_codes) {
      page << ".TP\n" << Bold(code.code) << "\n" << Prose(Sentence(code.meaning));
    }
  }
  const std::vector<ManExample>& examples = ManExamples(CommandPath(root, command));
  if (!examples.empty()) {
    page << ".SH EXAMPLES\n";
    for (const ManExample& example : examples) {
      page << ".PP\n"
           << Prose(example.what) << ".PP\n.RS 4\n.nf\n"
           << Bold(example.command) << "\n.fi\n.RE\n";
    }
  }
  page << ".SH SEE ALSO\n";
  std::string see_also;
  for (const CLI::App* other : PublicCommands(root)) {
    if (other == &command) continue;
    std::string name = ManPageName(root, *other);
    name.resize(name.size() - 2);  // ".1"
    see_also += (see_also.empty() ? "" : ",\n") + Bold(name) + "(1)";
  }
  page << see_also << "\n.PP\nThe README of " << RoffEscape(root.get_name())
       << ", in /usr/share/doc/" << RoffEscape(root.get_name()) << "/ when installed.\n";
  return page.str();
}

}  // namespace ocilint::cli
