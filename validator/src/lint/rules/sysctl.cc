// The sysctl-*: config-linux.md "Sysctl", judged as the kernel, runc and crun judge a key: only
// keys of the network, IPC and UTS namespaces can be set for one container.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kAnchor = "config-linux.md#sysctl";
constexpr std::string_view kSysctlSpec =
    "config-linux.md, Sysctl: \"sysctl (object, OPTIONAL) allows kernel parameters to be "
    "modified at runtime for the container.\"";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "sysctl-namespace-missing",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a net.* or IPC sysctl without the namespace it belongs to",
     .explanation =
         "net.* keys belong to a network namespace; kernel.msgmax, kernel.msgmnb, kernel.msgmni, "
         "kernel.sem, kernel.shmall, kernel.shmmax, kernel.shmmni, kernel.shm_rmid_forced and "
         "fs.mqueue.* belong to an IPC namespace. When linux.namespaces has no entry of that "
         "type, the container shares the runtime's namespace and the setting would change the "
         "host. runc and crun both refuse such a config (\"not allowed in host network "
         "namespace\", \"requires a new IPC namespace\"). A network entry with a path to another "
         "namespace is fine: the key then changes that namespace, and both runtimes start the "
         "container (runtime-tools' validator wrongly rejects this case). Add the namespace, or "
         "remove the key.",
     .spec_text = kSysctlSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "pid"}], "sysctl": {"net.ipv4.ip_forward": "1"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "pid"}, {"type": "network", "path": "/var/run/netns/blue"}], "sysctl": {"net.ipv4.ip_forward": "1"}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "sysctl-uts-key",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "kernel.hostname or kernel.domainname set as a sysctl",
     .explanation =
         "kernel.hostname and kernel.domainname are the UTS namespace's names, which the config "
         "sets with the hostname and domainname fields. runc and crun refuse kernel.hostname as "
         "a conflict with the hostname field; runc accepts kernel.domainname, but only with a "
         "uts namespace. The fields say the same thing in a way every runtime understands: "
         "move the value to hostname or domainname (with a uts entry in linux.namespaces).",
     .spec_text = kSysctlSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "uts"}], "sysctl": {"kernel.hostname": "web"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hostname": "web", "linux": {"namespaces": [{"type": "uts"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "sysctl-not-namespaced",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a sysctl that no namespace of the container can hold (vm.*, most kernel.*)",
     .explanation =
         "Only keys of the network, IPC and UTS namespaces can be set for one container. Other "
         "keys (vm.*, kernel.* other than the IPC and UTS ones, fs.* other than fs.mqueue.*, "
         "dev.*, user.*) are global to the host or at least not handled per container, and "
         "writing them would change every process on the machine. runc (\"is not in a separate "
         "kernel namespace\") and crun (\"is not namespaced\") both refuse the config. Set such "
         "a key on the host instead, or remove it. Keys written with / instead of . are judged "
         "the same way.",
     .spec_text = kSysctlSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "ipc"}], "sysctl": {"vm.swappiness": "10"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "ipc"}], "sysctl": {"kernel.shmmax": "68719476736"}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

constexpr std::array<std::string_view, 8> kIpcKeys = {
    "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
    "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced"};

/// Which namespace types linux.namespaces lists.
struct Namespaces {
  bool network = false;
  bool ipc = false;
  bool uts = false;
};

Namespaces ListedNamespaces(const json::Document& doc, json::NodeId linux) {
  Namespaces listed;
  json::NodeId list = doc.FindOfType(linux, "namespaces", json::Type::kArray);
  if (list == json::kNoNode) return listed;
  const json::Node& array = doc.node(list);
  for (uint32_t i = 0; i < array.count; ++i) {
    json::NodeId type = doc.FindOfType(doc.element(array, i), "type", json::Type::kString);
    if (type == json::kNoNode) continue;
    std::string_view name = doc.node(type).text;
    listed.network |= name == "network";
    listed.ipc |= name == "ipc";
    listed.uts |= name == "uts";
  }
  return listed;
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  json::NodeId linux = context.platforms().linux_object;
  json::NodeId sysctl = doc.FindOfType(linux, "sysctl", json::Type::kObject);
  if (sysctl == json::kNoNode || doc.node(sysctl).count == 0) return;
  Namespaces listed = ListedNamespaces(doc, linux);

  const json::Node& object = doc.node(sysctl);
  for (uint32_t i = 0; i < object.count; ++i) {
    const json::Member& member = doc.member(object, i);
    if (member.key.empty()) continue;
    std::string key(member.key);
    std::replace(key.begin(), key.end(), '/', '.');
    auto pointer = [&member]() { return "/linux/sysctl/" + json::EscapePointerToken(member.key); };
    bool ipc_key = key.starts_with("fs.mqueue.") ||
                   std::find(kIpcKeys.begin(), kIpcKeys.end(), key) != kIpcKeys.end();
    if (ipc_key) {
      if (!listed.ipc) {
        context.Report("sysctl-namespace-missing", member.value, pointer(),
                       "sysctl " + json::Quote(member.key) +
                           " belongs to an IPC namespace, but linux.namespaces has no ipc "
                           "entry: it would change the host's, and runc and crun refuse it",
                       "add {\"type\": \"ipc\"} to linux.namespaces, or remove the key");
      }
    } else if (key.starts_with("net.")) {
      if (!listed.network) {
        context.Report("sysctl-namespace-missing", member.value, pointer(),
                       "sysctl " + json::Quote(member.key) +
                           " belongs to a network namespace, but linux.namespaces has no "
                           "network entry: it would change the host's, and runc and crun "
                           "refuse it",
                       "add {\"type\": \"network\"} (new, or with the path of the namespace to "
                       "join) to linux.namespaces, or remove the key");
      }
    } else if (key == "kernel.hostname" || key == "kernel.domainname") {
      std::string_view field = key == "kernel.hostname" ? "hostname" : "domainname";
      context.Report(
          "sysctl-uts-key", member.value, pointer(),
          "sysctl " + json::Quote(member.key) + " duplicates the " + std::string(field) + " field" +
              (field == "hostname" ? std::string(": runc and crun refuse it")
                                   : std::string(": runc accepts it only with a uts namespace")),
          "set \"" + std::string(field) + "\" instead" +
              (listed.uts ? "" : ", with {\"type\": \"uts\"} in linux.namespaces"));
    } else {
      context.Report("sysctl-not-namespaced", member.value, pointer(),
                     "sysctl " + json::Quote(member.key) +
                         " is not in a network, IPC or UTS namespace: setting it would change "
                         "the whole host, and runc and crun refuse it",
                     "set it on the host, or remove it");
    }
  }
}

}  // namespace

extern constinit const RuleFamily kSysctlRules{"sysctl", Check, kRules};

}  // namespace ocilint::lint
