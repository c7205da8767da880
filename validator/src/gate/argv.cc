#include "gate/argv.h"

#include <array>
#include <string_view>

namespace ocilint::gate {

namespace {

/// The global flags of runc (and crun) that take a value: their values are not the subcommand.
constexpr std::array<std::string_view, 7> kGlobalWithValue = {
    "root", "log", "log-format", "criu", "rootless", "log-level", "cgroup-manager"};
/// The flags of create and run that take a value, besides --bundle/-b.
constexpr std::array<std::string_view, 4> kCreateWithValue = {"console-socket", "pidfd-socket",
                                                              "pid-file", "preserve-fds"};

/// The flags of exec that take a value, besides --process/-p (runc's and crun's).
constexpr std::array<std::string_view, 16> kExecWithValue = {"console-socket",
                                                             "pidfd-socket",
                                                             "pid-file",
                                                             "cwd",
                                                             "env",
                                                             "e",
                                                             "user",
                                                             "u",
                                                             "cap",
                                                             "c",
                                                             "apparmor",
                                                             "process-label",
                                                             "additional-gids",
                                                             "g",
                                                             "preserve-fds",
                                                             "cgroup"};

bool In(std::string_view name, auto const& table) {
  for (std::string_view entry : table) {
    if (entry == name) return true;
  }
  return false;
}

/// "--name=value" or "-name=value" -> name and value; "--name" -> name alone.
struct Flag {
  std::string_view name;
  std::optional<std::string_view> value;
};

std::optional<Flag> AsFlag(std::string_view arg) {
  if (arg.size() < 2 || arg[0] != '-' || arg == "--") return std::nullopt;
  std::string_view body = arg.substr(arg[1] == '-' ? 2 : 1);
  Flag flag;
  size_t eq = body.find('=');
  flag.name = body.substr(0, eq);
  if (eq != std::string_view::npos) flag.value = body.substr(eq + 1);
  return flag;
}

/// The value of `flag` at args[*i]: after its '=', else the next argument (which *i then
/// skips); nullopt when there is none.
std::optional<std::string> TakeValue(const Flag& flag, const std::vector<std::string>& args,
                                     size_t* i) {
  if (flag.value) return std::string(*flag.value);
  if (*i + 1 < args.size()) return args[++*i];
  return std::nullopt;
}

void ParseCreate(ParsedArgs* parsed) {
  const std::vector<std::string>& args = parsed->runtime_args;
  for (size_t i = parsed->subcommand_index + 1; i < args.size(); ++i) {
    if (args[i] == "--") {
      if (i + 1 < args.size() && parsed->container_id.empty()) parsed->container_id = args[i + 1];
      return;
    }
    std::optional<Flag> flag = AsFlag(args[i]);
    if (!flag) {
      if (parsed->container_id.empty()) parsed->container_id = args[i];
      continue;
    }
    bool bundle = flag->name == "bundle" || flag->name == "b";
    if (!bundle && !In(flag->name, kCreateWithValue)) continue;
    std::optional<std::string> value = TakeValue(*flag, args, &i);
    if (bundle && value) parsed->bundle = value;
  }
}

/// exec: the --process/-p value. Flags end at the container id (runc does not reorder them).
void ParseExec(ParsedArgs* parsed) {
  const std::vector<std::string>& args = parsed->runtime_args;
  for (size_t i = parsed->subcommand_index + 1; i < args.size(); ++i) {
    std::optional<Flag> flag = AsFlag(args[i]);
    if (!flag) return;
    bool process = flag->name == "process" || flag->name == "p";
    if (!process && !In(flag->name, kExecWithValue)) continue;
    std::optional<std::string> value = TakeValue(*flag, args, &i);
    if (process && value) parsed->process = value;
  }
}

}  // namespace

std::string ParseArgs(const std::vector<std::string>& args, ParsedArgs* parsed) {
  parsed->runtime_args.clear();
  size_t i = 0;
  bool found = false;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      parsed->runtime_args.push_back(arg);
      if (i + 1 < args.size()) {
        ++i;
        found = true;
      }
      break;
    }
    std::optional<Flag> flag = AsFlag(arg);
    if (!flag) {
      found = true;
      break;
    }
    std::optional<std::string>* own = nullptr;
    if (arg.starts_with("--")) {
      if (flag->name == "oci-lint-runtime") own = &parsed->own.runtime;
      if (flag->name == "oci-lint-policy") own = &parsed->own.policy;
      if (flag->name == "oci-lint-config") own = &parsed->own.config;
    }
    if (own) {
      if (flag->value) {
        *own = std::string(*flag->value);
      } else if (i + 1 < args.size()) {
        *own = args[++i];
      } else {
        return "--" + std::string(flag->name) + " needs a value";
      }
      continue;
    }
    parsed->runtime_args.push_back(arg);
    if (!In(flag->name, kGlobalWithValue)) continue;
    std::string value;
    if (flag->value) {
      value = std::string(*flag->value);
    } else if (i + 1 < args.size()) {
      value = args[++i];
      parsed->runtime_args.push_back(value);
    }
    if (flag->name == "log") {
      // crun's spellings: file:PATH, or journald[:LABEL] and syslog[:...] (no file to write).
      if (value.starts_with("file:")) {
        value.erase(0, 5);
      } else if (value.starts_with("journald") || value.starts_with("syslog")) {
        value.clear();
      }
      parsed->log_file = value;
    }
    if (flag->name == "log-format") parsed->log_format = value;
  }
  parsed->subcommand_index = parsed->runtime_args.size();
  if (found) {
    parsed->subcommand = args[i];
    for (; i < args.size(); ++i) parsed->runtime_args.push_back(args[i]);
  }
  if (parsed->subcommand == "create" || parsed->subcommand == "run") ParseCreate(parsed);
  if (parsed->subcommand == "exec") ParseExec(parsed);
  return "";
}

}  // namespace ocilint::gate
