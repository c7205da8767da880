#include "gate/gate.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <limits>
#include <set>

#include "caps/proc_limits.h"
#include "caps/table.h"
#include "json/edit.h"
#include "json/parser.h"
#include "lint/cap_strip.h"
#include "lint/input.h"
#include "lint/linter.h"
#include "lint/policy.h"
#include "lint/rules/process_checks.h"
#include "lint/rules/rule_family.h"
#include "schema/schema.h"

namespace ocilint::gate {

namespace {

bool IsAdaptedCapRule(std::string_view rule) {
  return rule == "cap-unknown" || rule == "cap-unsupported-kernel" || rule == "cap-unavailable" ||
         rule == "cap-unsupported-runtime";
}

/// Go's strconv.Quote as logrus uses it for text values: backslash escapes for '"', '\' and
/// control characters.
std::string GoQuote(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

int RuntimeMinor(const std::string& version, int* major) {
  int minor = 0;
  *major = 0;
  if (std::sscanf(version.c_str(), "%d.%d", major, &minor) < 1) return -1;
  return minor;
}

}  // namespace

std::optional<Policy> ParsePolicy(std::string_view name) {
  if (name == "warn") return Policy::kWarn;
  if (name == "enforce") return Policy::kEnforce;
  if (name == "adapt") return Policy::kAdapt;
  return std::nullopt;
}

std::string_view PolicyName(Policy policy) {
  switch (policy) {
    case Policy::kWarn:
      return "warn";
    case Policy::kEnforce:
      return "enforce";
    case Policy::kAdapt:
      return "adapt";
  }
  return "warn";
}

Result<Settings> ResolveSettings(const OwnFlags& flags, const char* env_config, Settings* partial) {
  Settings settings;
  settings.runtime = flags.runtime.value_or("runc");
  std::optional<Policy> flag_policy;
  if (flags.policy) {
    flag_policy = ParsePolicy(*flags.policy);
    if (!flag_policy) {
      *partial = settings;
      return Error{"--oci-lint-policy " + *flags.policy + ": expected warn, enforce or adapt",
                   EINVAL};
    }
    settings.policy = *flag_policy;
  }
  *partial = settings;
  std::string path = flags.config                ? *flags.config
                     : env_config && *env_config ? std::string(env_config)
                                                 : std::string(kDefaultConfigPath);
  bool named = flags.config || (env_config && *env_config);
  if (!named && access(path.c_str(), F_OK) != 0 && errno == ENOENT) return settings;
  Result<std::map<std::string, std::string>> file =
      lint::LoadStringTable(path, {"runtime", "policy", "lint-config"});
  if (!file) return file.error();
  settings.config_path = path;
  if (auto runtime = file->find("runtime"); runtime != file->end() && !flags.runtime) {
    settings.runtime = runtime->second;
  }
  if (auto policy = file->find("policy"); policy != file->end()) {
    std::optional<Policy> parsed = ParsePolicy(policy->second);
    if (!parsed) {
      return Error{path + ": policy \"" + policy->second + "\": expected warn, enforce or adapt",
                   EINVAL};
    }
    if (!flag_policy) settings.policy = *parsed;
  }
  if (auto rules = file->find("lint-config"); rules != file->end()) {
    std::filesystem::path rules_path(rules->second);
    if (rules_path.is_relative())
      rules_path = std::filesystem::path(path).parent_path() / rules_path;
    Result<lint::Policy> loaded = lint::LoadPolicy(rules_path.string());
    if (!loaded)
      return Error{path + ": lint-config: " + loaded.error().context, loaded.error().errno_value};
    settings.rules = std::move(loaded.value());
  }
  return settings;
}

std::string FindOnPath(const std::string& name, const char* path_env) {
  if (name.find('/') != std::string::npos) return name;
  std::string_view dirs =
      path_env ? path_env : "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  while (true) {
    size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    struct stat st;
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    if (colon == std::string_view::npos) return "";
    dirs.remove_prefix(colon + 1);
  }
}

std::string LogLine(std::string_view format, std::string_view level, std::string_view msg,
                    std::time_t now) {
  std::tm utc{};
  gmtime_r(&now, &utc);
  char time[32];
  std::strftime(time, sizeof time, "%Y-%m-%dT%H:%M:%SZ", &utc);
  if (format == "json") {
    // json::Quote without a limit is a JSON string literal (bad UTF-8 bytes made U+FFFD).
    constexpr size_t kWhole = std::numeric_limits<size_t>::max();
    return "{\"level\":" + json::Quote(level, kWhole) + ",\"msg\":" + json::Quote(msg, kWhole) +
           ",\"time\":\"" + time + "\"}\n";
  }
  return "time=\"" + std::string(time) + "\" level=" + std::string(level) + " msg=" + GoQuote(msg) +
         "\n";
}

void Log::Write(std::string_view level, std::string_view msg) {
  // With a log file, only errors go to stderr as well, as with runc: an engine may hand the
  // runtime the container's own stderr (podman's conmon does), where a warning of a container
  // that starts would become the first lines of the container's log.
  bool logged = false;
  if (!file_.empty()) {
    int fd = open(file_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0644);
    if (fd >= 0) {
      std::string line = LogLine(format_, level, msg, std::time(nullptr));
      logged = write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
      close(fd);
    }
  }
  if (logged && level != "error") return;
  // One write per line: stderr is unbuffered, and an engine may read it line by line.
  err_ << ("oci-lint-runtime: " + std::string(level) + ": " + std::string(msg) + "\n");
  err_.flush();
}

std::string FindingText(const std::string& path, const diag::Diagnostic& d) {
  std::string text = "oci-lint: " + path;
  if (d.line > 0) text += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
  text += ": " + d.rule + ": " + d.message;
  if (!d.help.empty()) text += " (" + d.help + ")";
  return text;
}

bool Refuses(const diag::Diagnostic& finding, const lint::RuntimeTarget& runtime) {
  if (finding.severity == diag::Severity::kError) return true;
  if (finding.rule == "cap-unavailable" || finding.rule == "process-rlimit-unavailable") {
    return true;
  }
  if (finding.rule == "cap-unknown" || finding.rule == "cap-unsupported-runtime") {
    if (runtime.name == "youki") return true;
    int major = 0;
    int minor = RuntimeMinor(runtime.version, &major);
    return runtime.name == "crun" && (major > 1 || (major == 1 && minor >= 29));
  }
  return false;
}

Adaptation Adapt(const json::Document& doc, const lint::Target& target) {
  Adaptation result;
  if (doc.empty()) return result;
  std::set<json::NodeId> omit;
  for (lint::CapabilityRemoval& r :
       lint::CapabilityRemovals(doc, target, IsAdaptedCapRule, false)) {
    omit.insert(r.node);
    result.changes.push_back({r.finding.rule, r.finding.pointer,
                              "removed " + json::Excerpt(doc, r.node), std::move(r.finding)});
  }
  // Rlimits: the findings say which entries; the ceiling is recomputed in the order the runtimes
  // apply the entries (an entry applied lowers the hard limit the next one of its type meets).
  std::vector<diag::Diagnostic> findings;
  lint::RuleContext context(doc, target, &findings);
  lint::CheckProcess(context);
  std::map<json::NodeId, std::string> replace;
  json::NodeId rlimits = doc.Resolve("/process/rlimits");
  if (rlimits != json::kNoNode && doc.node(rlimits).type == json::Type::kArray) {
    const lint::EnvironmentTarget& env = target.environment;
    bool env_can_raise = !env.bounding || caps::Contains(*env.bounding, caps::kCapSysResource);
    std::optional<caps::RlimitValue> ceilings[16];
    for (int t = 0; t < 16 && env.limits && !env_can_raise; ++t) {
      if (env.limits->limits[t]) ceilings[t] = env.limits->limits[t]->hard;
    }
    const json::Node& array = doc.node(rlimits);
    for (uint32_t i = 0; i < array.count; ++i) {
      json::NodeId entry = doc.element(array, i);
      if (doc.node(entry).type != json::Type::kObject) continue;
      json::NodeId type = doc.Find(doc.node(entry), "type");
      if (type == json::kNoNode || doc.node(type).type != json::Type::kString) continue;
      const caps::RlimitType* known = caps::FindRlimit(doc.node(type).text);
      if (!known || known->number < 0 || known->number >= 16) continue;
      json::NodeId soft_node = doc.Find(doc.node(entry), "soft");
      json::NodeId hard_node = doc.Find(doc.node(entry), "hard");
      std::optional<uint64_t> soft = doc.IntegerAt<uint64_t>(soft_node);
      std::optional<uint64_t> hard = doc.IntegerAt<uint64_t>(hard_node);
      if (!hard) continue;
      std::string at = "/process/rlimits/" + std::to_string(i);
      const diag::Diagnostic* finding = nullptr;
      for (const diag::Diagnostic& d : findings) {
        if (d.rule == "process-rlimit-unavailable" && d.pointer == at + "/hard") finding = &d;
      }
      uint64_t new_hard = *hard;
      if (finding) {
        std::optional<uint64_t> limit;
        if (known->number == caps::kRlimitNofile && target.kernel.nr_open &&
            *hard > *target.kernel.nr_open) {
          limit = *target.kernel.nr_open;
        }
        std::optional<caps::RlimitValue>& ceiling = ceilings[known->number];
        if (ceiling && *ceiling && (!limit || **ceiling < *limit)) limit = **ceiling;
        if (limit && *limit < *hard) {
          new_hard = *limit;
          replace[hard_node] = std::to_string(new_hard);
          std::string description = "lowered " + std::string(known->name) + " hard " +
                                    std::to_string(*hard) + " to " + std::to_string(new_hard);
          if (soft && *soft > new_hard) {
            replace[soft_node] = std::to_string(new_hard);
            description +=
                " (and soft " + std::to_string(*soft) + " to " + std::to_string(new_hard) + ")";
          }
          result.changes.push_back({finding->rule, at + "/hard", description, *finding});
        }
      }
      bool applied = !(soft && *soft > new_hard && !replace.count(soft_node));
      if (applied && !env_can_raise) ceilings[known->number] = caps::RlimitValue(new_hard);
    }
  }
  if (result.changes.empty()) return result;
  result.text = json::EditSource(doc, omit, replace);
  return result;
}

Result<bool> ReplaceFile(const std::string& path, const std::string& text) {
  std::filesystem::path target(path);
  std::string dir = target.has_parent_path() ? target.parent_path().string() : ".";
  struct stat st;
  if (lstat(path.c_str(), &st) != 0) return SystemError("cannot read " + path);
  if (S_ISLNK(st.st_mode)) return Error{path + " is a symbolic link", ELOOP};
  if (!S_ISREG(st.st_mode)) return Error{path + " is not a regular file", EINVAL};
  std::string temporary = dir + "/." + target.filename().string() + ".oci-lint-XXXXXX";
  int fd = mkostemp(temporary.data(), O_CLOEXEC);
  if (fd < 0) return SystemError("cannot create a temporary file in " + dir);
  auto fail = [&](const std::string& what) {
    int saved = errno;
    close(fd);
    unlink(temporary.c_str());
    return SystemError(what, saved);
  };
  if (fchmod(fd, st.st_mode & 07777) != 0) return fail("cannot set the mode of " + temporary);
  if (geteuid() == 0 && fchown(fd, st.st_uid, st.st_gid) != 0) {
    return fail("cannot set the owner of " + temporary);
  }
  for (size_t done = 0; done < text.size();) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return fail("cannot write " + temporary);
    done += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0) return fail("cannot sync " + temporary);
  if (close(fd) != 0) {
    int saved = errno;
    unlink(temporary.c_str());
    return SystemError("cannot write " + temporary, saved);
  }
  if (rename(temporary.c_str(), path.c_str()) != 0) {
    int saved = errno;
    unlink(temporary.c_str());
    return SystemError("cannot put " + path + " in place", saved);
  }
  int dir_fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    fsync(dir_fd);
    close(dir_fd);
  }
  return true;
}

namespace {

/// An exec process document is linted as the process of a config: {"process": DOCUMENT}.
constexpr std::string_view kProcessPrefix = "{\"process\":";
constexpr std::string_view kProcessSuffix = "\n}";

/// Of a process document's findings, the ones about its capabilities and rlimits (and its JSON
/// syntax), with pointers, offsets and line 1's columns as in the document itself.
void KeepProcessFindings(diag::FileReport* report) {
  std::vector<diag::Diagnostic> kept;
  for (diag::Diagnostic& d : report->diagnostics) {
    bool syntax = d.rule.starts_with("json-");
    if (!syntax && !d.pointer.starts_with("/process/capabilities") &&
        !d.pointer.starts_with("/process/rlimits")) {
      continue;
    }
    if (d.pointer.starts_with("/process")) d.pointer.erase(0, 8);
    if (d.offset) *d.offset -= std::min(*d.offset, kProcessPrefix.size());
    if (d.line == 1 && d.column > kProcessPrefix.size()) d.column -= kProcessPrefix.size();
    d.excerpt.reset();
    kept.push_back(std::move(d));
  }
  report->diagnostics = std::move(kept);
}

/// CheckBundle and CheckProcessFile: `path` is a config, or with `process_only` an exec process
/// document.
Decision CheckDocument(const std::string& path, const std::string& bundle, bool process_only,
                       Policy policy, const lint::Target& target, const lint::Policy& rules,
                       Log& log) {
  bool enforce = policy == Policy::kEnforce;
  auto cannot_work = [&](const std::string& why) {
    if (enforce) {
      log.Write("error", "oci-lint cannot check " + path + ": " + why +
                             "; refused (policy enforce fails closed)");
      return Decision{false, 1};
    }
    log.Write("warning", "oci-lint cannot check " + path + ": " + why + "; running it unchecked");
    return Decision{};
  };
  try {
    Result<std::string> read = lint::ReadInput(lint::Input{path, path, ""}, 64 * 1024 * 1024);
    if (!read) return cannot_work(read.error().message());
    std::string text = std::move(read.value());
    if (process_only) {
      text = std::string(kProcessPrefix) + text + std::string(kProcessSuffix);
    }
    Result<std::shared_ptr<const schema::SchemaSet>> schema = schema::SchemaSet::Embedded();
    if (!schema) return cannot_work(schema.error().message());
    lint::Policy gate_rules = rules;
    gate_rules.config_suppressions = false;
    if (text.find(lint::kSuppressionAnnotation) != std::string::npos) {
      log.Write("info", "oci-lint: " + path + ": the " + std::string(lint::kSuppressionAnnotation) +
                            " annotation is not honoured here: the operator's lint-config in "
                            "runtime.toml decides which rules apply");
    }
    lint::Linter linter(schema.value(), {}, target, gate_rules);
    diag::FileReport report = linter.LintText(path, text, bundle);
    if (report.unreadable) return cannot_work("it cannot be read");
    if (process_only) KeepProcessFindings(&report);

    std::set<std::string> adapted;  // rule + pointer of every change made
    if (policy == Policy::kAdapt) {
      json::ParseResult parsed = json::Parse(std::string(text));
      // Bytes are edited only in a text that is JSON throughout: a syntax error is a finding.
      Adaptation adaptation = parsed.clean_syntax ? Adapt(*parsed.document, target) : Adaptation{};
      if (process_only && !adaptation.changes.empty()) {
        adaptation.text = adaptation.text.substr(
            kProcessPrefix.size(),
            adaptation.text.size() - kProcessPrefix.size() - kProcessSuffix.size());
        for (Change& change : adaptation.changes) change.pointer.erase(0, 8);
      }
      if (!adaptation.changes.empty()) {
        struct stat st;
        bool link = lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode);
        Result<bool> replaced = link ? Result<bool>(Error{"it is a symbolic link", 0})
                                     : ReplaceFile(path, adaptation.text);
        for (const Change& change : adaptation.changes) {
          std::string what = replaced
                                 ? "adapted "
                                 : "not adapted (" + replaced.error().message() + "): would have ";
          log.Write("warning", "oci-lint: " + path + ": " + what + change.description + " at " +
                                   change.pointer + " [" + change.rule +
                                   "]: " + change.finding.message);
          if (replaced) adapted.insert(change.rule + change.pointer);
        }
      }
    }
    std::vector<const diag::Diagnostic*> refusing, others;
    for (const diag::Diagnostic& d : report.diagnostics) {
      if (adapted.count(d.rule + d.pointer)) continue;
      (enforce && Refuses(d, target.runtime) ? refusing : others).push_back(&d);
    }
    // A refusal comes first: an engine may show only the first few KiB of what create wrote
    // (conmon hands podman about 4 KiB).
    if (!refusing.empty()) {
      log.Write("error", "oci-lint: " + path +
                             ": refused (policy enforce): " + std::to_string(refusing.size()) +
                             (refusing.size() == 1 ? " finding says " : " findings say ") +
                             target.runtime.Label() + " cannot run it as written");
      for (const diag::Diagnostic* d : refusing) log.Write("error", FindingText(path, *d));
    }
    for (const diag::Diagnostic* d : others) {
      log.Write(d->severity == diag::Severity::kNote ? "info" : "warning", FindingText(path, *d));
    }
    if (refusing.empty()) return Decision{};
    return Decision{false, 1};
  } catch (const std::exception& e) {
    return cannot_work(std::string("internal error: ") + e.what());
  }
}

}  // namespace

Decision CheckBundle(const std::string& bundle, Policy policy, const lint::Target& target, Log& log,
                     const lint::Policy& rules) {
  return CheckDocument(bundle + "/config.json", bundle, false, policy, target, rules, log);
}

Decision CheckProcessFile(const std::string& path, Policy policy, const lint::Target& target,
                          Log& log, const lint::Policy& rules) {
  return CheckDocument(path, "", true, policy, target, rules, log);
}

int Prepare(const std::vector<std::string>& args, const char* env_config, const char* path_env,
            const lint::HostProbe& host, std::ostream& err, std::string* exec_path,
            std::vector<std::string>* exec_args) {
  ParsedArgs parsed;
  if (std::string problem = ParseArgs(args, &parsed); !problem.empty()) {
    err << "oci-lint-runtime: " << problem << '\n';
    return 2;
  }
  Log log(parsed.log_file, parsed.log_format, err);
  Settings settings;
  Result<Settings> resolved = ResolveSettings(parsed.own, env_config, &settings);
  bool gated = parsed.subcommand == "create" || parsed.subcommand == "run" ||
               (parsed.subcommand == "exec" && parsed.process);
  if (resolved) settings = resolved.value();
  std::string runtime = FindOnPath(settings.runtime, path_env);
  if (runtime.empty()) {
    log.Write("error", "oci-lint-runtime: the runtime " + settings.runtime +
                           " is not on PATH (give --oci-lint-runtime PATH)");
    return 127;
  }
  // A wrapper installed under the runtime's name, earlier on PATH, would exec itself forever.
  struct stat self, target_stat;
  if (stat("/proc/self/exe", &self) == 0 && stat(runtime.c_str(), &target_stat) == 0 &&
      self.st_dev == target_stat.st_dev && self.st_ino == target_stat.st_ino) {
    log.Write("error", "oci-lint-runtime: the runtime " + runtime +
                           " is oci-lint-runtime itself (give --oci-lint-runtime PATH)");
    return 127;
  }
  *exec_path = runtime;
  *exec_args = {runtime};
  exec_args->insert(exec_args->end(), parsed.runtime_args.begin(), parsed.runtime_args.end());
  if (!gated) return kExec;
  auto cannot_work = [&](const Error& error) {
    if (settings.policy == Policy::kEnforce) {
      log.Write("error", "oci-lint cannot work: " + error.message() +
                             "; refused (policy enforce fails closed)");
      return 1;
    }
    log.Write("warning",
              "oci-lint cannot work: " + error.message() + "; running " + runtime + " unchecked");
    return kExec;
  };
  if (!resolved) return cannot_work(resolved.error());
  lint::TargetOptions options;
  options.runtime = runtime;
  Result<lint::Target> target = lint::ResolveTarget(options, host);
  if (!target) return cannot_work(target.error());
  Decision decision =
      parsed.subcommand == "exec"
          ? CheckProcessFile(*parsed.process, settings.policy, target.value(), log, settings.rules)
          : CheckBundle(parsed.bundle.value_or("."), settings.policy, target.value(), log,
                        settings.rules);
  return decision.run ? kExec : decision.exit_code;
}

}  // namespace ocilint::gate
