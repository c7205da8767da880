#include "cli/completion_script.h"

#include <algorithm>
#include <sstream>
#include <vector>

#include "cli/app_model.h"

namespace ocilint::cli {

namespace {

using Completes = OptionDoc::Completes;

std::string Join(const std::vector<std::string>& words, std::string_view separator = " ") {
  std::string joined;
  for (const std::string& word : words) {
    if (!joined.empty()) joined += separator;
    joined += word;
  }
  return joined;
}

/// `text` inside single quotes for a POSIX shell (and zsh, and fish).
std::string SingleQuoted(std::string_view text, std::string_view quote_escape = "'\\''") {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += quote_escape;
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string FunctionName(const CLI::App& root) {
  std::string name = "_" + root.get_name();
  for (char& c : name) c = c == '-' ? '_' : c;
  return name;
}

std::vector<std::string> SubcommandNames(const CLI::App& root) {
  std::vector<std::string> names;
  for (const CLI::App* sub : PublicSubcommands(root)) names.push_back(sub->get_name());
  return names;
}

/// Every name of every option, each once.
std::vector<std::string> OptionNames(const std::vector<OptionDoc>& options) {
  std::vector<std::string> names;
  for (const OptionDoc& option : options) {
    for (const std::string& name : option.names) {
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
  }
  return names;
}

const OptionDoc* Positional(const std::vector<OptionDoc>& options) {
  for (const OptionDoc& option : options) {
    if (!option.positional.empty()) return &option;
  }
  return nullptr;
}

// bash, with bash-completion's _init_completion and _filedir.

/// The commands that complete a value of `option` into COMPREPLY.
std::string BashValue(const OptionDoc& option) {
  std::string code;
  if (!option.choices.empty()) {
    code += "COMPREPLY=($(compgen -W " + SingleQuoted(Join(option.choices)) + " -- \"$cur\")); ";
  }
  if (option.completes == Completes::kFile) code += "_filedir; ";
  if (option.completes == Completes::kDirectory) code += "_filedir -d; ";
  return code;
}

/// Completes the words of one command: an option's value, an option, `extra_words` (its
/// subcommands, offered only as the word `subcommand_word`, when not 0), its positional.
void BashCommand(std::ostream& out, const std::vector<OptionDoc>& options,
                 const std::vector<std::string>& extra_words, const std::string& indent = "      ",
                 size_t subcommand_word = 0) {
  out << indent << "case $prev in\n";
  for (const OptionDoc& option : options) {
    if (option.names.empty() || !option.TakesValue()) continue;
    out << indent << "  " << Join(option.names, "|") << ") " << BashValue(option) << "return ;;\n";
  }
  out << indent << "esac\n";
  out << indent << "if [[ $cur == -* ]]; then\n"
      << indent << "  COMPREPLY=($(compgen -W " << SingleQuoted(Join(OptionNames(options)))
      << " -- \"$cur\"))\n"
      << indent << "  return\n"
      << indent << "fi\n";
  if (!extra_words.empty()) {
    out << indent
        << (subcommand_word == 0 ? std::string()
                                 : "((cword == " + std::to_string(subcommand_word) + ")) && ")
        << "COMPREPLY=($(compgen -W " << SingleQuoted(Join(extra_words)) << " -- \"$cur\"))\n";
  }
  if (const OptionDoc* positional = Positional(options)) {
    if (std::string value = BashValue(*positional); !value.empty()) {
      value.erase(value.find_last_not_of(' ') + 1);
      out << indent << value << "\n";
    }
  }
}

/// The completion of `command`, named by words[depth]: its options, or, once one of its own
/// subcommands is named in words[depth + 1], that one's.
void BashSubcommand(std::ostream& out, const CLI::App& command, size_t depth,
                    const std::string& indent) {
  std::vector<const CLI::App*> subs = PublicSubcommands(command);
  if (subs.empty()) {
    BashCommand(out, DescribeOptions(command), {}, indent);
    return;
  }
  std::string var = "sub" + std::to_string(depth);
  out << indent << "local " << var << "=\n"
      << indent << "((cword > " << depth + 1 << ")) && " << var << "=${words[" << depth + 1
      << "]}\n"
      << indent << "case $" << var << " in\n";
  for (const CLI::App* sub : subs) {
    out << indent << "  " << sub->get_name() << ")\n";
    BashSubcommand(out, *sub, depth + 1, indent + "    ");
    out << indent << "    ;;\n";
  }
  out << indent << "  *)\n";
  BashCommand(out, DescribeOptions(command), SubcommandNames(command), indent + "    ", depth + 1);
  out << indent << "    ;;\n" << indent << "esac\n";
}

std::string Bash(const CLI::App& root, std::string_view implicit) {
  std::ostringstream out;
  std::string function = FunctionName(root);
  std::vector<std::string> subcommands = SubcommandNames(root);
  std::vector<OptionDoc> top = DescribeOptions(root);
  out << "# bash completion for " << root.get_name() << ", generated by `" << root.get_name()
      << " completion bash` from its command line definitions.\n"
      << function << "() {\n"
      << "  local cur prev words cword split\n"
      << "  _init_completion -s || return\n"
      << "  local command=" << implicit << "\n"
      << "  if ((cword == 1)); then\n"
      << "    command=\n"
      << "  else\n"
      << "    case ${words[1]} in\n"
      << "      " << Join(subcommands, "|") << ") command=${words[1]} ;;\n"
      << "      " << Join(OptionNames(top), "|") << ") return ;;\n"
      << "    esac\n"
      << "  fi\n"
      << "  case $command in\n"
      << "    '')\n"
      << "      # The command, or what `" << root.get_name() << " " << implicit
      << "` takes without it being named.\n";
  const CLI::App* implicit_command = nullptr;
  for (const CLI::App* sub : PublicSubcommands(root)) {
    if (sub->get_name() == implicit) implicit_command = sub;
  }
  std::vector<OptionDoc> first_word = top;
  if (implicit_command) {
    std::vector<OptionDoc> more = DescribeOptions(*implicit_command);
    first_word.insert(first_word.end(), more.begin(), more.end());
  }
  BashCommand(out, first_word, subcommands);
  out << "      ;;\n";
  for (const CLI::App* sub : PublicSubcommands(root)) {
    out << "    " << sub->get_name() << ")\n";
    BashSubcommand(out, *sub, 1, "      ");
    out << "      ;;\n";
  }
  out << "  esac\n"
      << "} &&\n"
      << "  complete -F " << function << " " << root.get_name() << "\n";
  return out.str();
}

// zsh, with _arguments.

/// `text` safe inside an _arguments description [...], itself single-quoted.
std::string ZshDescription(std::string_view text) {
  std::string out;
  for (char c : Summary(text)) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') out += '\\';
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return out;
}

std::string ZshAction(const OptionDoc& option) {
  std::string label = option.positional.empty() ? option.value_name : option.positional;
  for (char& c : label) c = c == ':' ? ' ' : c;
  std::string files = option.completes == Completes::kDirectory ? "_files -/"
                      : option.completes == Completes::kFile    ? "_files"
                                                                : "";
  std::string action;
  if (!option.choices.empty() && !files.empty()) {
    action =
        "_alternative \"values:value:(" + Join(option.choices) + ")\" \"files:file:" + files + "\"";
  } else if (!option.choices.empty()) {
    action = "(" + Join(option.choices) + ")";
  } else {
    action = files.empty() ? " " : files;
  }
  return label + ":" + action;
}

std::string ZshSpec(const OptionDoc& option) {
  if (!option.positional.empty()) {
    std::string prefix = option.repeatable ? "*:" : option.required ? ":" : "::";
    return "'" + prefix + ZshAction(option) + "'";
  }
  std::string names;
  std::string exclusion = option.repeatable ? "*" : "(" + Join(option.names) + ")";
  for (const std::string& name : option.names) {
    std::string suffix = !option.TakesValue() ? "" : name.size() == 2 ? "+" : "=";
    names += (names.empty() ? "" : ",") + name + suffix;
  }
  if (option.names.size() > 1) names = "{" + names + "}";
  std::string spec =
      "'" + exclusion + "'" + names + "'[" + ZshDescription(option.description) + "]";
  if (option.TakesValue()) spec += ":" + ZshAction(option);
  return spec + "'";
}

/// The function `name` that completes `command`'s words (words[1] is its name), and one for each
/// of its subcommands, which it hands the words to once one is named.
void ZshFunction(std::ostream& out, const std::string& name, const CLI::App& command) {
  std::vector<const CLI::App*> subs = PublicSubcommands(command);
  for (const CLI::App* sub : subs) ZshFunction(out, name + "_" + sub->get_name(), *sub);
  out << name << "() {\n";
  if (!subs.empty()) {
    out << "  if ((CURRENT > 2)) && [[ ${words[2]} == (" << Join(SubcommandNames(command), "|")
        << ") ]]; then\n"
        << "    shift words\n"
        << "    ((CURRENT--))\n"
        << "    " << name << "_${words[1]}\n"
        << "    return\n"
        << "  fi\n"
        << "  local -a subcommands=(\n";
    for (const CLI::App* sub : subs) {
      out << "    " << SingleQuoted(sub->get_name() + ":" + Summary(sub->get_description()))
          << "\n";
    }
    out << "  )\n";
  }
  out << "  _arguments -s -S";
  for (const OptionDoc& option : DescribeOptions(command)) out << " \\\n    " << ZshSpec(option);
  if (!subs.empty()) out << " \\\n    '1:command:{_describe -t commands command subcommands}'";
  out << "\n}\n\n";
}

std::string Zsh(const CLI::App& root, std::string_view implicit) {
  std::ostringstream out;
  std::string function = "_" + root.get_name();
  out << "#compdef " << root.get_name() << "\n"
      << "# zsh completion for " << root.get_name() << ", generated by `" << root.get_name()
      << " completion zsh` from its command line definitions.\n\n";
  for (const CLI::App* sub : PublicSubcommands(root)) {
    ZshFunction(out, function + "_" + sub->get_name(), *sub);
  }
  out << function << "() {\n  local -a commands=(\n";
  for (const CLI::App* sub : PublicSubcommands(root)) {
    out << "    " << SingleQuoted(sub->get_name() + ":" + Summary(sub->get_description())) << "\n";
  }
  out << "  )\n"
      << "  if ((CURRENT == 2)); then\n"
      << "    _alternative 'commands:command:_describe -t commands command commands' \\\n"
      << "      'implicit:" << implicit << ":" << function << "_" << implicit << "'\n"
      << "    return\n"
      << "  fi\n"
      << "  case ${words[2]} in\n"
      << "    " << Join(SubcommandNames(root), "|") << ")\n"
      << "      shift words\n"
      << "      ((CURRENT--))\n"
      << "      " << function << "_${words[1]}\n"
      << "      ;;\n"
      << "    " << Join(OptionNames(DescribeOptions(root)), "|") << ") ;;\n"
      << "    *) " << function << "_" << implicit << " ;;\n"
      << "  esac\n"
      << "}\n\n"
      << "if [[ $zsh_eval_context[-1] == loadautofunc ]]; then\n"
      << "  " << function << " \"$@\"\n"
      << "else\n"
      << "  compdef " << function << " " << root.get_name() << "\n"
      << "fi\n";
  return out.str();
}

// fish, with complete -c.

void FishOption(std::ostream& out, const std::string& command, const std::string& condition,
                const OptionDoc& option) {
  bool nothing_to_offer = option.completes == Completes::kNothing && option.choices.empty();
  if (!option.positional.empty() && nothing_to_offer) return;
  out << "complete -c " << command << " -n " << SingleQuoted(condition, "\\'");
  if (option.positional.empty()) {
    for (const std::string& name : option.names) {
      out << (name.size() == 2 ? " -s " + name.substr(1) : " -l " + name.substr(2));
    }
  }
  if (option.TakesValue()) {
    out << (option.positional.empty() ? " -r" : "");
    if (option.completes == Completes::kFile) {
      out << " -F";
    } else {
      out << " -f";
    }
    std::string words = Join(option.choices);
    if (option.completes == Completes::kDirectory) {
      words += (words.empty() ? "" : " ") + std::string("(__fish_complete_directories)");
    }
    if (!words.empty()) out << " -a " << SingleQuoted(words, "\\'");
  }
  if (!option.description.empty()) {
    out << " -d " << SingleQuoted(Summary(option.description), "\\'");
  }
  out << "\n";
}

/// Echoes, for the helper function, the subcommand in effect when `command` is named by
/// $words[word]: its path ("conformance"), or its subcommand's ("conformance-compare").
void FishResolve(std::ostream& out, const CLI::App& root, const CLI::App& command, size_t word,
                 const std::string& indent) {
  std::string path = CommandPath(root, command, "-");
  std::vector<const CLI::App*> subs = PublicSubcommands(command);
  if (subs.empty()) {
    out << indent << "echo " << path << "\n";
    return;
  }
  std::string next = std::to_string(word + 1);
  out << indent << "if test (count $words) -ge " << next << "; and contains -- $words[" << next
      << "] " << Join(SubcommandNames(command)) << "\n"
      << indent << "    switch $words[" << next << "]\n";
  for (const CLI::App* sub : subs) {
    out << indent << "        case " << sub->get_name() << "\n";
    FishResolve(out, root, *sub, word + 1, indent + "            ");
  }
  out << indent << "    end\n"
      << indent << "else\n"
      << indent << "    echo " << path << "\n"
      << indent << "end\n";
}

std::string Fish(const CLI::App& root, std::string_view implicit) {
  std::ostringstream out;
  std::string command = root.get_name();
  std::string helper = "__fish_" + FunctionName(root).substr(1) + "_command";
  std::vector<std::string> leaves;
  for (const CLI::App* sub : PublicSubcommands(root)) {
    if (PublicSubcommands(*sub).empty()) leaves.push_back(sub->get_name());
  }
  out << "# fish completion for " << command << ", generated by `" << command
      << " completion fish` from its command line definitions.\n\n"
      << "# The subcommand in effect: none yet, the one named (\"conformance-compare\" for a\n"
      << "# nested one), or " << implicit << " (implied by a PATH or an option).\n"
      << "function " << helper << "\n"
      << "    set -l words (commandline -opc)\n"
      << "    if test (count $words) -lt 2\n"
      << "        echo none\n"
      << "        return\n"
      << "    end\n"
      << "    switch $words[2]\n";
  if (!leaves.empty()) {
    out << "        case " << Join(leaves) << "\n"
        << "            echo $words[2]\n";
  }
  for (const CLI::App* sub : PublicSubcommands(root)) {
    if (PublicSubcommands(*sub).empty()) continue;
    out << "        case " << sub->get_name() << "\n";
    FishResolve(out, root, *sub, 2, "            ");
  }
  out << "        case " << Join(OptionNames(DescribeOptions(root))) << "\n"
      << "            echo done\n"
      << "        case '*'\n"
      << "            echo " << implicit << "\n"
      << "    end\n"
      << "end\n\n"
      << "complete -c " << command << " -f\n";
  std::string none = "test (" + helper + ") = none";
  for (const OptionDoc& option : DescribeOptions(root)) FishOption(out, command, none, option);
  for (const CLI::App* sub : PublicSubcommands(root)) {
    out << "complete -c " << command << " -n " << SingleQuoted(none, "\\'") << " -a "
        << sub->get_name() << " -d " << SingleQuoted(Summary(sub->get_description()), "\\'")
        << "\n";
  }
  std::vector<const CLI::App*> commands = PublicCommands(root);
  for (auto it = commands.begin() + 1; it != commands.end(); ++it) {
    const CLI::App* sub = *it;
    std::string path = CommandPath(root, *sub, "-");
    std::string condition = "contains -- (" + helper + ") " + path;
    if (path == implicit) condition += " none";
    out << "\n";
    for (const OptionDoc& option : DescribeOptions(*sub)) {
      FishOption(out, command, condition, option);
    }
    // Its own subcommands, as the word right after its name.
    size_t words = 1;  // oci-lint, then the names down to this one
    for (const CLI::App* app = sub; app && app != &root; app = app->get_parent()) ++words;
    for (const CLI::App* nested : PublicSubcommands(*sub)) {
      std::string first_word = "test (" + helper + ") = " + path +
                               "; and test (count (commandline -opc)) -eq " + std::to_string(words);
      out << "complete -c " << command << " -n " << SingleQuoted(first_word, "\\'") << " -a "
          << nested->get_name() << " -d " << SingleQuoted(Summary(nested->get_description()), "\\'")
          << "\n";
    }
  }
  return out.str();
}

}  // namespace

std::string CompletionScript(std::string_view shell, const CLI::App& root,
                             std::string_view implicit) {
  if (shell == "bash") return Bash(root, implicit);
  if (shell == "zsh") return Zsh(root, implicit);
  return Fish(root, implicit);
}

}  // namespace ocilint::cli
