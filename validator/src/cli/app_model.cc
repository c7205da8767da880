#include "cli/app_model.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ocilint::cli {

namespace {

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t end; (end = text.find(separator, start)) != std::string_view::npos; start = end + 1) {
    parts.emplace_back(text.substr(start, end - start));
  }
  parts.emplace_back(text.substr(start));
  return parts;
}

bool IsLowercaseWord(std::string_view word) {
  return !word.empty() && std::all_of(word.begin(), word.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-';
  });
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(' ');
  if (begin == std::string_view::npos) return "";
  return std::string(text.substr(begin, text.find_last_not_of(' ') + 1 - begin));
}

OptionDoc Describe(const CLI::Option& option) {
  OptionDoc doc;
  for (const std::string& name : option.get_snames()) doc.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) doc.names.push_back("--" + name);
  if (option.get_positional() && doc.names.empty()) doc.positional = option.get_name();
  doc.description = option.get_description();
  doc.default_value = option.get_default_str();
  doc.required = option.get_required();
  doc.repeatable = option.get_items_expected_max() > 1 || option.get_expected_max() > 1;
  if (option.get_items_expected_max() == 0) return doc;  // a flag
  // CLI11 shows "TYPE:validator:validator"; IsMember's description is "{a,b,c}".
  std::vector<std::string> parts = Split(option.get_type_name(), ':');
  doc.value_name = parts.front();
  bool member_check = false;
  for (size_t i = 1; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
      member_check = true;
      for (std::string choice : Split(std::string_view(part).substr(1, part.size() - 2), ',')) {
        doc.choices.push_back(Trim(choice));
      }
    } else {
      doc.constraint += (doc.constraint.empty() ? "" : "; ") + part;
    }
  }
  bool placeholder = false;
  for (const std::string& word : Split(doc.value_name, '|')) {
    if (IsLowercaseWord(word)) {
      doc.choices.push_back(word);
      continue;
    }
    placeholder = true;
    if (word == "DIR") {
      doc.completes = OptionDoc::Completes::kDirectory;
    } else if (word == "FILE" || word == "PATH" || word == "CONFIG") {
      doc.completes = OptionDoc::Completes::kFile;
    }
  }
  if (!doc.positional.empty() && doc.value_name == "TEXT" && !member_check) {
    // A positional is named for what it holds: PATH, CONFIG, RULE.
    std::string name = doc.positional;
    if (name == "PATH" || name == "CONFIG" || name == "FILE") {
      doc.completes = OptionDoc::Completes::kFile;
    }
  }
  doc.only_choices = member_check || !placeholder;
  if (member_check && doc.value_name == "TEXT") {
    std::string joined;
    for (const std::string& choice : doc.choices) joined += (joined.empty() ? "" : "|") + choice;
    doc.value_name = joined;
  }
  return doc;
}

}  // namespace

std::vector<OptionDoc> DescribeOptions(const CLI::App& command) {
  std::vector<OptionDoc> options, positionals;
  for (const CLI::Option* option : command.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    OptionDoc doc = Describe(*option);
    (doc.positional.empty() ? options : positionals).push_back(std::move(doc));
  }
  options.insert(options.end(), positionals.begin(), positionals.end());
  return options;
}

std::vector<const CLI::App*> PublicSubcommands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); });
}

std::vector<const CLI::App*> PublicCommands(const CLI::App& root) {
  std::vector<const CLI::App*> commands = {&root};
  for (const CLI::App* sub : PublicSubcommands(root)) {
    std::vector<const CLI::App*> below = PublicCommands(*sub);
    commands.insert(commands.end(), below.begin(), below.end());
  }
  return commands;
}

std::string CommandPath(const CLI::App& root, const CLI::App& command, std::string_view separator) {
  std::string path;
  for (const CLI::App* app = &command; app && app != &root; app = app->get_parent()) {
    path = app->get_name() + (path.empty() ? "" : std::string(separator) + path);
  }
  return path;
}

std::string Summary(std::string_view description) {
  size_t end = description.size();
  for (std::string_view stop : {": ", "; ", " (", ", or ", "\n"}) {
    end = std::min(end, description.find(stop));
  }
  return std::string(description.substr(0, end));
}

FooterDoc DescribeFooter(std::string_view footer) {
  FooterDoc doc;
  std::istringstream lines{std::string(footer)};
  std::string line, paragraph;
  bool in_exit_codes = false;
  auto end_paragraph = [&] {
    if (!paragraph.empty()) doc.paragraphs.push_back(paragraph);
    paragraph.clear();
  };
  while (std::getline(lines, line)) {
    std::string text = Trim(line);
    if (text.rfind("Documentation:", 0) == 0) continue;  // the man page has SEE ALSO
    if (text.empty()) {
      end_paragraph();
      in_exit_codes = false;
    } else if (text == "Exit codes:") {
      end_paragraph();
      in_exit_codes = true;
    } else if (in_exit_codes && std::isdigit(static_cast<unsigned char>(text.front()))) {
      size_t gap = text.find(' ');
      doc.exit_codes.push_back({text.substr(0, gap), Trim(text.substr(gap + 1))});
    } else if (in_exit_codes && !doc.exit_codes.empty()) {
      doc.exit_codes.back().meaning += " " + text;
    } else {
      paragraph += (paragraph.empty() ? "" : " ") + text;
    }
  }
  end_paragraph();
  return doc;
}

}  // namespace ocilint::cli
