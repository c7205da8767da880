// The seccomp-*: config-linux.md "Seccomp".

#include <algorithm>
#include <string>

#include "lint/rules/rule_family.h"
#include "lint/rules/seccomp_syscalls.h"
#include "util/string_set.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kAnchor = "config-linux.md#seccomp";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "seccomp-errno-ret-unsupported-action",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "errnoRet or defaultErrnoRet with an action that returns no errno",
     .explanation =
         "Only SCMP_ACT_ERRNO and SCMP_ACT_TRACE make a system call return an error number, so "
         "only they can use one. This rule fires on a syscalls entry whose errnoRet is set while "
         "its action is another one (SCMP_ACT_KILL, SCMP_ACT_ALLOW, SCMP_ACT_LOG...), and on a "
         "defaultErrnoRet beside such a defaultAction. The spec requires the runtime to fail "
         "here. crun does (\"errno value specified for action `SCMP_ACT_KILL`\"), but runc 1.1.5 "
         "silently drops the value and starts the container, so the mistake goes unnoticed until "
         "the config meets crun. Remove the errno, or change the action to SCMP_ACT_ERRNO.",
     .spec_text =
         "config-linux.md, Seccomp: \"Some actions like SCMP_ACT_ERRNO and SCMP_ACT_TRACE allow "
         "to specify the errno code to return. When the action doesn't support an errno, the "
         "runtime MUST print and error and fail.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["acct"], "action": "SCMP_ACT_KILL", "errnoRet": 1}]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["acct"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}]}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 3.0},
    {.slug = "seccomp-notify-without-listener-path",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "SCMP_ACT_NOTIFY without a listenerPath to send the notify descriptor to",
     .explanation =
         "SCMP_ACT_NOTIFY hands the matching system calls to a user-space agent, which gets the "
         "seccomp notify descriptor over the UNIX socket named by listenerPath. This rule fires "
         "on an action or defaultAction SCMP_ACT_NOTIFY when listenerPath is missing or empty: "
         "nobody can answer the notifications, so the calls block. The spec leaves the case "
         "open; runc refuses the config (\"listenerPath is not set\") while crun 1.8.1 starts "
         "it. Set listenerPath to the agent's socket, or use another action.",
     .spec_text =
         "config-linux.md, Seccomp: \"listenerPath (string, OPTIONAL) - specifies the path of "
         "UNIX domain socket over which the runtime will send the container process state data "
         "structure when the SCMP_ACT_NOTIFY action is used.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["acct"], "action": "SCMP_ACT_NOTIFY"}]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "listenerPath": "/run/agent.sock", "syscalls": [{"names": ["acct"], "action": "SCMP_ACT_NOTIFY"}]}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 3.0},
    {.slug = "seccomp-default-action-without-syscalls",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a blocking defaultAction with no syscalls entry to let anything through",
     .explanation =
         "With defaultAction SCMP_ACT_KILL, SCMP_ACT_KILL_PROCESS, SCMP_ACT_KILL_THREAD, "
         "SCMP_ACT_TRAP, SCMP_ACT_ERRNO or SCMP_ACT_TRACE and no syscalls entries (the member is "
         "missing or an empty array), every system call of the container process is blocked, "
         "starting with the execve(2) of its first program: the container cannot run. The spec "
         "gives this example itself. Add syscalls entries that allow what the program needs, or "
         "choose a permissive defaultAction.",
     .spec_text =
         "config-linux.md, Seccomp: \"While this property is OPTIONAL, some values of "
         "defaultAction are not useful without syscalls entries. For example, if defaultAction "
         "is SCMP_ACT_KILL and syscalls is empty or unset, the kernel will kill the container "
         "process on its first syscall.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_KILL"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_KILL", "syscalls": [{"names": ["read", "write", "execve", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 3.0},
    {.slug = "seccomp-syscall-unknown",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a syscall name that no Linux architecture has",
     .explanation =
         "The entry of syscalls[].names is not the name of a system call on any architecture "
         "libseccomp supports, as known to oci-lint (Linux up to 6.16); it is usually a typo, "
         "and the rule the entry belongs to then does not apply to the call meant. Kernels keep "
         "adding system calls, so a name newer than oci-lint's table is reported too: that is "
         "why this is a warning. crun warns (\"unknown seccomp syscall ... ignored\") and runc "
         "silently skips the name; both start the container without the rule.",
     .spec_text =
         "config-linux.md, Seccomp: \"names (array of strings, REQUIRED) - the names of the "
         "syscalls.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdirr"], "action": "SCMP_ACT_ERRNO"}]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir"], "action": "SCMP_ACT_ERRNO"}]}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 5.0},
};

bool ReturnsErrno(std::string_view action) {
  return action == "SCMP_ACT_ERRNO" || action == "SCMP_ACT_TRACE";
}

bool BlocksEverything(std::string_view action) {
  return action == "SCMP_ACT_KILL" || action == "SCMP_ACT_KILL_PROCESS" ||
         action == "SCMP_ACT_KILL_THREAD" || action == "SCMP_ACT_TRAP" || ReturnsErrno(action);
}

bool KnownSyscall(std::string_view name) {
  // A podman config names about 370 syscalls: a hash set, not a search of the table.
  static constexpr auto kKnown = util::MakeStringSet(kSyscallNames);
  return kKnown.contains(name);
}

/// The string value of `key` in `object`, or "" when it is missing or not a string.
std::string_view StringMember(const json::Document& doc, const json::Node& object,
                              std::string_view key) {
  json::NodeId id = doc.Find(object, key);
  if (id == json::kNoNode || doc.node(id).type != json::Type::kString) return {};
  return doc.node(id).text;
}

/// Reports `errno_key` of `object` (at `pointer`) when `action` cannot return an errno.
void CheckErrno(const RuleContext& context, const json::Node& object, std::string_view errno_key,
                std::string_view action_key, std::string_view action, const std::string& pointer) {
  const json::Document& doc = context.doc();
  json::NodeId errno_node = doc.Find(object, errno_key);
  if (errno_node == json::kNoNode || doc.node(errno_node).type != json::Type::kNumber) return;
  if (action.empty() || ReturnsErrno(action)) return;
  context.Report("seccomp-errno-ret-unsupported-action", errno_node,
                 pointer + "/" + std::string(errno_key),
                 std::string(errno_key) + " " + std::string(doc.node(errno_node).text) +
                     " is set but " + std::string(action_key) + " " + json::Quote(action) +
                     " returns no errno: crun refuses this config, runc ignores the value",
                 "remove " + std::string(errno_key) + ", or use SCMP_ACT_ERRNO");
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  json::NodeId linux_node = doc.Find(doc.node(doc.root()), "linux");
  if (linux_node == json::kNoNode || doc.node(linux_node).type != json::Type::kObject) return;
  json::NodeId seccomp = doc.Find(doc.node(linux_node), "seccomp");
  if (seccomp == json::kNoNode || doc.node(seccomp).type != json::Type::kObject) return;
  const json::Node& object = doc.node(seccomp);
  const std::string base = "/linux/seccomp";

  std::string_view default_action = StringMember(doc, object, "defaultAction");
  CheckErrno(context, object, "defaultErrnoRet", "defaultAction", default_action, base);
  bool has_listener = !StringMember(doc, object, "listenerPath").empty();
  if (default_action == "SCMP_ACT_NOTIFY" && !has_listener) {
    context.Report("seccomp-notify-without-listener-path", doc.Find(object, "defaultAction"),
                   base + "/defaultAction",
                   "defaultAction is SCMP_ACT_NOTIFY but listenerPath is not set: no agent can "
                   "answer the notifications (runc refuses this config)",
                   "set listenerPath to the seccomp agent's socket");
  }

  json::NodeId syscalls = doc.Find(object, "syscalls");
  bool has_syscalls = syscalls != json::kNoNode && doc.node(syscalls).type == json::Type::kArray &&
                      doc.node(syscalls).count > 0;
  if (!has_syscalls && BlocksEverything(default_action)) {
    context.Report("seccomp-default-action-without-syscalls", doc.Find(object, "defaultAction"),
                   base + "/defaultAction",
                   "defaultAction " + json::Quote(default_action) +
                       " applies to every system call and no syscalls entry makes an exception: "
                       "the container process cannot even exec its program",
                   "add syscalls entries with SCMP_ACT_ALLOW for the calls the program needs");
  }
  if (syscalls == json::kNoNode || doc.node(syscalls).type != json::Type::kArray) return;

  const json::Node& entries = doc.node(syscalls);
  for (uint32_t i = 0; i < entries.count; ++i) {
    json::NodeId entry_id = doc.element(entries, i);
    if (doc.node(entry_id).type != json::Type::kObject) continue;
    const json::Node& entry = doc.node(entry_id);
    std::string_view action = StringMember(doc, entry, "action");
    if (doc.Find(entry, "errnoRet") != json::kNoNode) {
      CheckErrno(context, entry, "errnoRet", "action", action,
                 base + "/syscalls/" + std::to_string(i));
    }
    if (action == "SCMP_ACT_NOTIFY" && !has_listener) {
      context.Report("seccomp-notify-without-listener-path", doc.Find(entry, "action"),
                     base + "/syscalls/" + std::to_string(i) + "/action",
                     "action SCMP_ACT_NOTIFY needs listenerPath, which is not set: no agent can "
                     "answer the notifications (runc refuses this config)",
                     "set linux.seccomp.listenerPath to the seccomp agent's socket");
    }
    json::NodeId names_id = doc.Find(entry, "names");
    if (names_id == json::kNoNode || doc.node(names_id).type != json::Type::kArray) continue;
    const json::Node& names = doc.node(names_id);
    for (uint32_t n = 0; n < names.count; ++n) {
      json::NodeId name_id = doc.element(names, n);
      if (doc.node(name_id).type != json::Type::kString) continue;
      std::string_view name = doc.node(name_id).text;
      if (KnownSyscall(name)) continue;
      if (context.Full("seccomp-syscall-unknown")) {
        context.Report("seccomp-syscall-unknown", name_id, {}, {});
        continue;
      }
      context.Report("seccomp-syscall-unknown", name_id,
                     base + "/syscalls/" + std::to_string(i) + "/names/" + std::to_string(n),
                     json::Quote(name) +
                         " is not a system call of any Linux architecture known to oci-lint: "
                         "crun warns and skips it, runc skips it silently",
                     "check the spelling; a system call newer than Linux 6.16 is reported too");
    }
  }
}

}  // namespace

extern constinit const RuleFamily kSeccompRules{"seccomp", Check, kRules};

}  // namespace ocilint::lint
