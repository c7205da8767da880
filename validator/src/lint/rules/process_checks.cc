// The checks of the process-* and oci-version-* rules; their table is in process.cc.

#include "lint/rules/process_checks.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

#include "caps/proc_limits.h"
#include "caps/table.h"
#include "json/number.h"
#include "lint/rules/platform.h"
#include "lint/spec_version.h"

namespace ocilint::lint {

namespace {

using json::Document;
using json::kNoNode;
using json::NodeId;
using json::Type;

NodeId Child(const Document& doc, NodeId parent, std::string_view key, Type type) {
  if (parent == kNoNode) return kNoNode;
  NodeId id = doc.Find(doc.node(parent), key);
  return id != kNoNode && doc.node(id).type == type ? id : kNoNode;
}

void CheckVersion(const RuleContext& context, NodeId root) {
  const Document& doc = context.doc();
  NodeId version = Child(doc, root, "ociVersion", Type::kString);
  if (version == kNoNode) return;
  std::string_view text = doc.node(version).text;
  if (ParseSemver(text)) return;
  std::string help = "write a full SemVer version such as \"1.3.0\"";
  if (auto leading = caps::KernelVersion::Parse(text.starts_with('v') ? text.substr(1) : text)) {
    help = "write \"" + std::to_string(leading->major) + "." + std::to_string(leading->minor) +
           "." + std::to_string(leading->patch) + "\"";
  }
  context.Report("oci-version-semver", version, "/ociVersion",
                 "ociVersion " + json::Quote(text) + " is not a SemVer 2.0.0 version", help);
}

bool IsWindowsAbsolute(std::string_view path) {
  bool drive = path.size() >= 3 &&
               ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z')) &&
               path[1] == ':' && (path[2] == '\\' || path[2] == '/');
  return drive || path.starts_with("\\\\");
}

void CheckCwd(const RuleContext& context, NodeId process, bool windows) {
  const Document& doc = context.doc();
  NodeId cwd = Child(doc, process, "cwd", Type::kString);
  if (cwd == kNoNode) return;
  std::string_view path = doc.node(cwd).text;
  if (windows ? IsWindowsAbsolute(path) : path.starts_with('/')) return;
  std::string help = windows ? "write a path with a drive, such as \"C:\\\\\""
                             : "write " + json::Quote("/" + std::string(path));
  context.Report("process-cwd-not-absolute", cwd, "/process/cwd",
                 "process.cwd " + json::Quote(path) + " is not an absolute path", help);
}

void CheckArgs(const RuleContext& context, NodeId process, bool windows) {
  const Document& doc = context.doc();
  if (doc.Find(doc.node(process), "args") == kNoNode) {
    if (!windows) {
      context.Report("process-args-absent", process, "/process",
                     "process has no args: there is no program to run, so start will fail",
                     "add process.args, for example [\"/bin/sh\"], unless a later step fills "
                     "it in");
    }
    return;
  }
  NodeId args = Child(doc, process, "args", Type::kArray);
  if (args == kNoNode || doc.node(args).count > 0) return;
  if (windows) {
    NodeId command_line = Child(doc, process, "commandLine", Type::kString);
    if (command_line != kNoNode && !doc.node(command_line).text.empty()) return;
    context.Report("process-args-missing", args, "/process/args",
                   "process.args is empty and there is no commandLine: there is nothing to run",
                   "set process.commandLine, or give args the program to run");
    return;
  }
  context.Report("process-args-missing", args, "/process/args",
                 "process.args is empty: it needs at least the program to run",
                 "set process.args, for example [\"/bin/sh\"]");
}

/// Counts a finding of `rule` without building its message once `rule` only counts; true then.
bool OnlyCounted(const RuleContext& context, std::string_view rule, NodeId node) {
  if (!context.Full(rule)) return false;
  context.Report(rule, node, {}, {});
  return true;
}

void CheckEnv(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId env = Child(doc, process, "env", Type::kArray);
  if (env == kNoNode) return;
  const json::Node& array = doc.node(env);
  for (uint32_t i = 0; i < array.count; ++i) {
    NodeId entry = doc.element(array, i);
    if (doc.node(entry).type != Type::kString) continue;
    std::string_view text = doc.node(entry).text;
    size_t equals = text.find('=');
    if (equals != std::string_view::npos && equals > 0) continue;
    if (OnlyCounted(context, "process-env-malformed", entry)) continue;
    std::string problem = equals == std::string_view::npos ? "has no '='" : "has an empty name";
    std::string help =
        equals == std::string_view::npos
            ? "write " + json::Quote(std::string(text) + "=") + " for an empty value, or remove it"
            : "give it a name, or remove it";
    context.Report("process-env-malformed", entry, "/process/env/" + std::to_string(i),
                   "process.env entry " + json::Quote(text) + " " + problem +
                       ": runc refuses it, crun drops it",
                   help);
  }
}

void CheckUser(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  if (doc.Find(doc.node(process), "user") == kNoNode) {
    context.Report("process-user-missing", process, "/process",
                   "process has no user: uid and gid are REQUIRED on POSIX platforms, and "
                   "runtimes then run the process as root (uid 0, gid 0)",
                   "add \"user\": {\"uid\": 0, \"gid\": 0}, or the ids the process should "
                   "run as");
    return;
  }
  NodeId user = Child(doc, process, "user", Type::kObject);
  if (user == kNoNode) return;
  bool uid = doc.Find(doc.node(user), "uid") != kNoNode;
  bool gid = doc.Find(doc.node(user), "gid") != kNoNode;
  if (uid && gid) return;
  std::string missing = !uid && !gid ? "uid and gid" : (!uid ? "uid" : "gid");
  context.Report("process-user-id-missing", user, "/process/user",
                 "process.user has no " + missing + ": REQUIRED on POSIX platforms",
                 "add " + missing + " to process.user");
}

std::string LimitText(const caps::RlimitValue& value) {
  return value ? std::to_string(*value) : "unlimited";
}

/// The hard limit a process has when the runtime reaches an rlimits entry, and where it came from:
/// the environment's, or an earlier entry's of the same type (runc and crun apply them in order).
struct HardCeiling {
  caps::RlimitValue hard;
  int set_by = -1;  ///< the rlimits entry that set it; -1: the environment
};

void CheckRlimits(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId rlimits = Child(doc, process, "rlimits", Type::kArray);
  if (rlimits == kNoNode) return;
  const Target& target = context.target();
  const EnvironmentTarget& env = target.environment;
  bool env_can_raise = !env.bounding || caps::Contains(*env.bounding, caps::kCapSysResource);
  int first_index[16];
  std::fill(std::begin(first_index), std::end(first_index), -1);
  std::optional<HardCeiling> ceilings[16];
  for (int t = 0; t < 16 && env.limits && !env_can_raise; ++t) {
    if (env.limits->limits[t]) ceilings[t] = HardCeiling{.hard = env.limits->limits[t]->hard};
  }
  const json::Node& array = doc.node(rlimits);
  for (uint32_t i = 0; i < array.count; ++i) {
    NodeId entry = doc.element(array, i);
    if (doc.node(entry).type != Type::kObject) continue;
    NodeId type = Child(doc, entry, "type", Type::kString);
    if (type == kNoNode) continue;
    std::string_view name = doc.node(type).text;
    auto pointer = [i](std::string_view field) {
      return "/process/rlimits/" + std::to_string(i) + "/" + std::string(field);
    };
    const caps::RlimitType* known = caps::FindRlimit(name);
    if (!known) {
      if (OnlyCounted(context, "process-rlimit-unknown", type)) continue;
      context.Report("process-rlimit-unknown", type, pointer("type"),
                     "rlimit type " + json::Quote(name) +
                         " is not a Linux resource limit: runc and crun refuse it",
                     "use one of RLIMIT_CPU ... RLIMIT_RTTIME (getrlimit(2)), or remove it");
      continue;
    }
    int& first = first_index[known->number];
    if (first >= 0 && !OnlyCounted(context, "process-rlimit-duplicate", type)) {
      context.Report("process-rlimit-duplicate", type, pointer("type"),
                     std::string(name) + " is already limited by rlimits entry " +
                         std::to_string(first) +
                         ": runc and crun apply the later entry without an error",
                     "keep one entry for " + std::string(name));
    } else if (first < 0) {
      first = static_cast<int>(i);
    }
    NodeId soft_node = doc.Find(doc.node(entry), "soft");
    NodeId hard_node = doc.Find(doc.node(entry), "hard");
    std::optional<uint64_t> soft = doc.IntegerAt<uint64_t>(soft_node);
    std::optional<uint64_t> hard = doc.IntegerAt<uint64_t>(hard_node);
    bool soft_above_hard = soft && hard && *soft > *hard;
    if (soft_above_hard && !OnlyCounted(context, "process-rlimit-soft-above-hard", soft_node)) {
      context.Report("process-rlimit-soft-above-hard", soft_node, pointer("soft"),
                     std::string(name) + " soft limit " + std::to_string(*soft) +
                         " is above its hard limit " + std::to_string(*hard) +
                         ": setrlimit(2) fails with EINVAL",
                     "lower soft to at most " + std::to_string(*hard) + ", or raise hard");
    }
    if (!hard) continue;
    // The kernel checks soft <= hard (EINVAL) before it checks the hard limit (EPERM).
    std::string first_einval =
        soft_above_hard ? " (setrlimit(2) refuses this entry with EINVAL first, soft being "
                          "above hard)"
                        : "";
    bool nofile_above_nr_open = known->number == caps::kRlimitNofile && target.kernel.nr_open &&
                                *hard > *target.kernel.nr_open;
    std::optional<HardCeiling>& ceiling = ceilings[known->number];
    bool above_ceiling = ceiling && ceiling->hard && *hard > *ceiling->hard;
    if (nofile_above_nr_open) {
      context.Report("process-rlimit-unavailable", hard_node, pointer("hard"),
                     std::string(name) + " hard limit " + std::to_string(*hard) +
                         " is above fs.nr_open " + std::to_string(*target.kernel.nr_open) +
                         " of the target kernel: setrlimit(2) fails with EPERM even with "
                         "CAP_SYS_RESOURCE (runc fails at create)" +
                         first_einval,
                     "lower it to at most " + std::to_string(*target.kernel.nr_open) +
                         ", or raise fs.nr_open on the host");
    } else if (above_ceiling) {
      std::string from = ceiling->set_by < 0
                             ? "the environment's hard limit " + LimitText(ceiling->hard) + " (" +
                                   env.limits_path + ")"
                             : "the hard limit " + LimitText(ceiling->hard) +
                                   " that rlimits entry " + std::to_string(ceiling->set_by) +
                                   " sets first (runtimes apply the entries in order)";
      context.Report("process-rlimit-unavailable", hard_node, pointer("hard"),
                     std::string(name) + " hard limit " + std::to_string(*hard) + " is above " +
                         from + ", and CAP_SYS_RESOURCE is missing from " + env.Label() +
                         ": the runtime cannot raise it (runc fails at create with EPERM)" +
                         first_einval,
                     "lower it to at most " + LimitText(ceiling->hard) +
                         (ceiling->set_by < 0
                              ? ", or raise the hard limit of the environment that runs the runtime"
                              : ", or keep one entry for " + std::string(name)));
    }
    // An entry the kernel accepts leaves its own hard limit for the next entry of the type.
    bool applied = !soft_above_hard && !nofile_above_nr_open && !above_ceiling;
    if (applied && !env_can_raise) {
      caps::RlimitValue value;
      if (*hard != UINT64_MAX) value = *hard;
      ceiling = HardCeiling{.hard = value, .set_by = static_cast<int>(i)};
    }
  }
}

void CheckOomScoreAdj(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId node = Child(doc, process, "oomScoreAdj", Type::kNumber);
  if (node == kNoNode) return;
  json::Number n = json::Number::FromLiteral(doc.node(node).text);
  if (!n.is_integer()) return;
  long long value = 0;
  if (n.ToInt64(&value) && value >= -1000 && value <= 1000) return;
  context.Report(
      "process-oom-score-adj-range", node, "/process/oomScoreAdj",
      "process.oomScoreAdj " + n.ToString() +
          " is outside -1000..1000: the kernel refuses it and runc and crun fail",
      std::string("use ") + (n.is_negative() ? "-1000" : "1000") + " (or a value in between)");
}

void CheckScheduler(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId scheduler = Child(doc, process, "scheduler", Type::kObject);
  if (scheduler == kNoNode) return;
  NodeId policy_node = Child(doc, scheduler, "policy", Type::kString);
  std::string_view policy = policy_node == kNoNode ? "" : doc.node(policy_node).text;
  NodeId nice_node = doc.Find(doc.node(scheduler), "nice");
  if (auto nice = IntegerValue(doc, nice_node); nice && (*nice < -20 || *nice > 19)) {
    context.Report("process-scheduler-nice-range", nice_node, "/process/scheduler/nice",
                   "scheduler nice " + std::to_string(*nice) + " is outside -20..19",
                   std::string("use ") + (*nice < 0 ? "-20" : "19") + " or a value in between");
  }
  if (policy.empty()) return;
  bool realtime = policy == "SCHED_FIFO" || policy == "SCHED_RR";
  NodeId priority_node = doc.Find(doc.node(scheduler), "priority");
  std::optional<long long> priority = IntegerValue(doc, priority_node);
  if (priority && *priority != 0 && !realtime) {
    context.Report(
        "process-scheduler-priority-policy", priority_node, "/process/scheduler/priority",
        "scheduler priority " + std::to_string(*priority) + " with " + std::string(policy) +
            ": only SCHED_FIFO and SCHED_RR use a static priority, the others need 0",
        "remove priority, or use SCHED_FIFO or SCHED_RR");
  } else if (realtime && (!priority || *priority < 1 || *priority > 99) &&
             (priority || priority_node == kNoNode)) {
    long long value = priority.value_or(0);
    context.Report(
        "process-scheduler-priority-policy", priority_node == kNoNode ? policy_node : priority_node,
        priority_node == kNoNode ? "/process/scheduler/policy" : "/process/scheduler/priority",
        std::string(policy) + " needs a static priority in 1..99, and priority is " +
            (priority_node == kNoNode ? "unset (0)" : std::to_string(value)) +
            ": sched_setattr(2) refuses it",
        "set priority between 1 and 99");
  }
  if (policy == "SCHED_DEADLINE") return;
  for (std::string_view field : {"runtime", "deadline", "period"}) {
    NodeId node = doc.Find(doc.node(scheduler), field);
    std::optional<uint64_t> value = doc.IntegerAt<uint64_t>(node);
    if (!value || *value == 0) continue;
    context.Report("process-scheduler-deadline-fields", node,
                   "/process/scheduler/" + std::string(field),
                   "scheduler " + std::string(field) + " " + std::to_string(*value) + " with " +
                       std::string(policy) +
                       ": only SCHED_DEADLINE uses runtime, deadline and "
                       "period",
                   "remove " + std::string(field) + ", or use SCHED_DEADLINE");
  }
}

void CheckIoPriority(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId io = Child(doc, process, "ioPriority", Type::kObject);
  if (io == kNoNode) return;
  NodeId node = doc.Find(doc.node(io), "priority");
  if (node == kNoNode || doc.node(node).type != Type::kNumber) return;
  json::Number n = json::Number::FromLiteral(doc.node(node).text);
  long long value = 0;
  if (!n.is_integer() || (n.ToInt64(&value) && value >= 0 && value <= 7)) return;
  context.Report(
      "process-io-priority-range", node, "/process/ioPriority/priority",
      "ioPriority priority " + n.ToString() + " is outside 0..7: ioprio_set(2) refuses it",
      "use 0 (highest) to 7 (lowest)");
}

/// Why `list` is not a CPU list such as "0-3,7", or "" when it is one (or empty).
std::string CpuListProblem(std::string_view list) {
  auto trim = [](std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
  };
  if (trim(list).empty()) return {};
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string_view item =
        trim(list.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (item.empty()) return "has an empty entry";
    size_t dash = item.find('-');
    std::string_view low = trim(item.substr(0, dash));
    std::string_view high = dash == std::string_view::npos ? low : trim(item.substr(dash + 1));
    uint32_t a = 0, b = 0;
    auto parse = [](std::string_view s, uint32_t* out) {
      auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
      return !s.empty() && s[0] >= '0' && s[0] <= '9' && ec == std::errc() &&
             end == s.data() + s.size();
    };
    if (!parse(low, &a) || !parse(high, &b))
      return "has " + json::Quote(item) + ", which is neither a CPU number nor a range N-M";
    if (a > b) return "has the descending range " + json::Quote(item);
    if (comma == std::string_view::npos) return {};
    start = comma + 1;
  }
}

void CheckExecCpuAffinity(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId affinity = Child(doc, process, "execCPUAffinity", Type::kObject);
  if (affinity == kNoNode) return;
  for (std::string_view field : {"initial", "final"}) {
    NodeId node = Child(doc, affinity, field, Type::kString);
    if (node == kNoNode) continue;
    std::string problem = CpuListProblem(doc.node(node).text);
    if (problem.empty()) continue;
    context.Report("process-exec-cpu-affinity-malformed", node,
                   "/process/execCPUAffinity/" + std::string(field),
                   "execCPUAffinity." + std::string(field) + " " +
                       json::Quote(doc.node(node).text) + " " + problem,
                   "write a CPU list such as \"0-3,7\"");
  }
}

bool HasControlOrSpaceEdge(std::string_view text) {
  if (text.empty()) return false;
  if (text.front() == ' ' || text.back() == ' ') return true;
  return std::any_of(text.begin(), text.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void CheckLsmLabels(const RuleContext& context, NodeId process) {
  const Document& doc = context.doc();
  NodeId apparmor = Child(doc, process, "apparmorProfile", Type::kString);
  if (apparmor != kNoNode && HasControlOrSpaceEdge(doc.node(apparmor).text)) {
    context.Report("process-apparmor-profile-malformed", apparmor, "/process/apparmorProfile",
                   "apparmorProfile " + json::Quote(doc.node(apparmor).text) +
                       " has surrounding spaces or control characters: no profile is named so",
                   "write the profile name as apparmor_status lists it");
  }
  NodeId selinux = Child(doc, process, "selinuxLabel", Type::kString);
  if (selinux == kNoNode || doc.node(selinux).text.empty()) return;
  std::string_view label = doc.node(selinux).text;
  size_t first = label.find(':');
  size_t second = first == std::string_view::npos ? first : label.find(':', first + 1);
  bool fields = second != std::string_view::npos && first > 0 && second > first + 1 &&
                second + 1 < label.size() && label[second + 1] != ':';
  if (fields && !HasControlOrSpaceEdge(label) && label.find(' ') == std::string_view::npos) return;
  context.Report(
      "process-selinux-label-malformed", selinux, "/process/selinuxLabel",
      "selinuxLabel " + json::Quote(label) + " is not an SELinux context user:role:type[:level]",
      "write a context such as \"system_u:system_r:container_t:s0\"");
}

}  // namespace

void CheckProcess(const RuleContext& context) {
  const Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != Type::kObject) return;
  NodeId root = doc.root();
  CheckVersion(context, root);
  // A config with Windows-only content and no platform object is judged as Windows (and
  // windows-object-missing reports the missing object), not as a POSIX config full of mistakes;
  // its cwd, which could be either, is left alone.
  bool inferred_windows = context.windows_evidence().node != kNoNode;
  bool windows = context.platforms().IsWindowsContainer() || inferred_windows;
  if (doc.Find(doc.node(root), "process") == kNoNode) {
    if (!windows) {
      context.Report("process-missing", root, "",
                     "the config has no process: a container can be created from it, but start "
                     "has no program to run",
                     "add a process with cwd, args and user, unless a later step fills it in");
    }
    return;
  }
  NodeId process = Child(doc, root, "process", Type::kObject);
  if (process == kNoNode) return;
  NodeId console = Child(doc, process, "consoleSize", Type::kObject);
  NodeId terminal = doc.Find(doc.node(process), "terminal");
  if (console != kNoNode && (terminal == kNoNode || (doc.node(terminal).type == Type::kBool &&
                                                     !doc.node(terminal).boolean))) {
    context.Report("process-console-size-without-terminal", console, "/process/consoleSize",
                   std::string("process.consoleSize has no effect: terminal is ") +
                       (terminal == kNoNode ? "unset" : "false") + ", and runtimes ignore it",
                   "remove consoleSize, or set terminal to true");
  }
  if (!inferred_windows) CheckCwd(context, process, windows);
  CheckArgs(context, process, windows);
  CheckEnv(context, process);
  if (!windows) {
    CheckUser(context, process);
    CheckRlimits(context, process);
  }
  CheckOomScoreAdj(context, process);
  CheckScheduler(context, process);
  CheckIoPriority(context, process);
  CheckExecCpuAffinity(context, process);
  CheckLsmLabels(context, process);
}

}  // namespace ocilint::lint
