// The checks of the runtime-* rules; their table is in runtime_features.cc. Every check reads a
// features field through FeatureList or FeatureSwitch: a missing or null field means "unknown"
// and gives no finding.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "caps/features.h"
#include "lint/rules/mount_options.h"
#include "lint/rules/runtime_features.h"
#include "lint/spec_version.h"

namespace ocilint::lint {

namespace {

using json::Document;
using json::NodeId;
using json::Type;

/// "/linux/seccomp/actions" as "linux.seccomp.actions", for messages.
std::string Dotted(std::string_view pointer) {
  std::string dotted(pointer.substr(1));
  std::replace(dotted.begin(), dotted.end(), '/', '.');
  return dotted;
}

/// What the checks share: the config, the runtime's document and its name for messages.
struct Judge {
  const RuleContext& context;
  const Document& config;
  const Document* features;
  std::string runtime;  ///< "runc 1.1.5+ds1"

  std::optional<std::vector<std::string_view>> List(std::string_view pointer) const {
    return caps::FeatureList(features, pointer);
  }
  std::optional<bool> Switch(std::string_view pointer) const {
    return caps::FeatureSwitch(features, pointer);
  }
  /// "runc 1.1.5 does not list it in linux.namespaces": the runtime and its features field.
  std::string NotListed(std::string_view field) const {
    return runtime + " does not list it in its features (" + Dotted(field) + ")";
  }
  std::string SwitchedOff(std::string_view field) const {
    return runtime + " says it does not implement it (features " + Dotted(field) + " is false)";
  }
};

bool Contains(const std::vector<std::string_view>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

/// Reports the string at `id` when `list` (a features field) is known and lacks it.
void CheckListed(const Judge& j, std::string_view rule, NodeId id, const std::string& pointer,
                 std::string_view what, std::string_view field,
                 const std::optional<std::vector<std::string_view>>& list) {
  if (!list || id == json::kNoNode || j.config.node(id).type != Type::kString) return;
  std::string_view value = j.config.node(id).text;
  if (Contains(*list, value)) return;
  j.context.Report(rule, id, pointer,
                   std::string(what) + " " + json::Quote(value) + ": " + j.NotListed(field),
                   "use what the runtime lists, or target a runtime that has it");
}

void CheckVersion(const Judge& j) {
  const std::optional<DeclaredVersion>& declared = j.context.declared_version();
  if (!declared) return;
  NodeId version = j.config.FindOfType(j.config.root(), "ociVersion", Type::kString);
  for (const char* bound : {"ociVersionMin", "ociVersionMax"}) {
    NodeId id = j.features->FindOfType(j.features->root(), bound, Type::kString);
    if (id == json::kNoNode) continue;
    std::optional<DeclaredVersion> read = ReadDeclaredVersion(j.features->node(id).text);
    if (!read) continue;
    Semver limit = read->semver;
    // Upstream's "1.0.2-dev" followed 1.0.2 (version-prerelease): it accepts 1.0.2 itself.
    if (read->development_after) limit.prerelease = {};
    bool min = std::string_view(bound) == "ociVersionMin";
    int order = CompareSemver(declared->semver, limit);
    if ((min && order >= 0) || (!min && order <= 0)) continue;
    j.context.Report("runtime-version-unsupported", version, "/ociVersion",
                     "ociVersion " + json::Quote(j.config.node(version).text) + " is " +
                         (min ? "below" : "above") + " the " + (min ? "oldest" : "newest") +
                         " version " + j.runtime + " accepts, " +
                         json::Quote(j.features->node(id).text) + " (features " + bound + ")",
                     min ? "declare a newer ociVersion, if the config complies with it"
                         : "check that the runtime implements what the config uses");
  }
}

void CheckHooks(const Judge& j) {
  NodeId hooks = j.config.FindOfType(j.config.root(), "hooks", Type::kObject);
  auto known = j.List("/hooks");
  if (hooks == json::kNoNode || !known) return;
  const json::Node& object = j.config.node(hooks);
  for (uint32_t i = 0; i < object.count; ++i) {
    const json::Member& m = j.config.member(object, i);
    if (Contains(*known, m.key)) continue;
    j.context.Report("runtime-hook-unsupported", m.value,
                     "/hooks/" + json::EscapePointerToken(m.key),
                     "hooks." + std::string(m.key) + ": " + j.NotListed("/hooks") +
                         ", so these hooks do not run",
                     "move them to a hook list the runtime runs");
  }
}

void CheckMounts(const Judge& j) {
  NodeId mounts = j.config.FindOfType(j.config.root(), "mounts", Type::kArray);
  if (mounts == json::kNoNode) return;
  auto options = j.List("/mountOptions");
  auto idmap = j.Switch("/linux/mountExtensions/idmap/enabled");
  const json::Node& list = j.config.node(mounts);
  for (uint32_t i = 0; i < list.count; ++i) {
    NodeId mount = j.config.element(list, i);
    if (j.config.node(mount).type != Type::kObject) continue;
    std::string at = "/mounts/" + std::to_string(i);
    NodeId opts = j.config.FindOfType(mount, "options", Type::kArray);
    if (opts != json::kNoNode && options) {
      const json::Node& o = j.config.node(opts);
      for (uint32_t k = 0; k < o.count; ++k) {
        NodeId id = j.config.element(o, k);
        if (j.config.node(id).type != Type::kString || !IsSpecMountOption(j.config.node(id).text))
          continue;
        CheckListed(j, "runtime-mount-option-unsupported", id, at + "/options/" + std::to_string(k),
                    "mount option", "/mountOptions", options);
      }
    }
    if (idmap == false) {
      for (const char* key : {"uidMappings", "gidMappings"}) {
        NodeId mappings = j.config.Find(j.config.node(mount), key);
        if (mappings == json::kNoNode) continue;
        j.context.Report("runtime-idmap-unsupported", mappings, at + "/" + key,
                         "mounts[" + std::to_string(i) + "]." + key + ": ID-mapped mounts: " +
                             j.SwitchedOff("/linux/mountExtensions/idmap/enabled"),
                         "drop the mapping, or target a runtime with ID-mapped mounts");
        break;
      }
    }
  }
}

void CheckNamespaces(const Judge& j, NodeId linux_id) {
  NodeId namespaces = j.config.FindOfType(linux_id, "namespaces", Type::kArray);
  auto known = j.List("/linux/namespaces");
  if (namespaces == json::kNoNode || !known) return;
  const json::Node& list = j.config.node(namespaces);
  for (uint32_t i = 0; i < list.count; ++i) {
    NodeId ns = j.config.element(list, i);
    CheckListed(j, "runtime-namespace-unsupported", j.config.FindOfType(ns, "type", Type::kString),
                "/linux/namespaces/" + std::to_string(i) + "/type", "namespace type",
                "/linux/namespaces", known);
  }
}

/// A systemd-style cgroupsPath: "slice:prefix:name".
bool IsSystemdPath(std::string_view path) {
  return std::count(path.begin(), path.end(), ':') == 2 && !path.starts_with('/');
}

void CheckCgroups(const Judge& j, NodeId linux_id) {
  NodeId resources = j.config.FindOfType(linux_id, "resources", Type::kObject);
  if (NodeId unified = j.config.FindOfType(resources, "unified", Type::kObject);
      unified != json::kNoNode && j.Switch("/linux/cgroup/v2") == false) {
    j.context.Report(
        "runtime-cgroup-unsupported", unified, "/linux/resources/unified",
        "linux.resources.unified sets cgroup v2 files: " + j.SwitchedOff("/linux/cgroup/v2"),
        "express the limits with the cgroup v1 members, or target a runtime with "
        "cgroup v2");
  }
  NodeId rdma =
      resources == json::kNoNode ? json::kNoNode : j.config.Find(j.config.node(resources), "rdma");
  if (rdma != json::kNoNode && j.Switch("/linux/cgroup/rdma") == false) {
    j.context.Report(
        "runtime-cgroup-unsupported", rdma, "/linux/resources/rdma",
        "linux.resources.rdma: the RDMA controller: " + j.SwitchedOff("/linux/cgroup/rdma"),
        "remove the RDMA limits, or target a runtime that sets them");
  }
  NodeId path = j.config.FindOfType(linux_id, "cgroupsPath", Type::kString);
  if (path != json::kNoNode && IsSystemdPath(j.config.node(path).text) &&
      j.Switch("/linux/cgroup/systemd") == false &&
      j.Switch("/linux/cgroup/systemdUser") == false) {
    j.context.Report("runtime-cgroup-unsupported", path, "/linux/cgroupsPath",
                     "cgroupsPath " + json::Quote(j.config.node(path).text) +
                         " is written for the systemd cgroup driver: " + j.runtime +
                         " says it has neither the system nor the user systemd driver "
                         "(features linux.cgroup.systemd and systemdUser are false)",
                     "give a cgroupfs path such as \"/mycontainer\"");
  }
}

void CheckSeccomp(const Judge& j, NodeId linux_id) {
  NodeId seccomp = j.config.FindOfType(linux_id, "seccomp", Type::kObject);
  if (seccomp == json::kNoNode) return;
  if (j.Switch("/linux/seccomp/enabled") == false) {
    j.context.Report("runtime-seccomp-unsupported", seccomp, "/linux/seccomp",
                     "linux.seccomp: " + j.SwitchedOff("/linux/seccomp/enabled") +
                         ", so the container runs without the filter",
                     "target a runtime built with seccomp");
    return;
  }
  auto actions = j.List("/linux/seccomp/actions");
  auto operators = j.List("/linux/seccomp/operators");
  auto archs = j.List("/linux/seccomp/archs");
  CheckListed(j, "runtime-seccomp-unsupported",
              j.config.FindOfType(seccomp, "defaultAction", Type::kString),
              "/linux/seccomp/defaultAction", "seccomp action", "/linux/seccomp/actions", actions);
  if (NodeId list = j.config.FindOfType(seccomp, "architectures", Type::kArray);
      list != json::kNoNode) {
    const json::Node& a = j.config.node(list);
    for (uint32_t i = 0; i < a.count; ++i) {
      CheckListed(j, "runtime-seccomp-unsupported", j.config.element(a, i),
                  "/linux/seccomp/architectures/" + std::to_string(i), "seccomp architecture",
                  "/linux/seccomp/archs", archs);
    }
  }
  if (NodeId list = j.config.FindOfType(seccomp, "syscalls", Type::kArray);
      list != json::kNoNode && (actions || operators)) {
    const json::Node& calls = j.config.node(list);
    for (uint32_t i = 0; i < calls.count; ++i) {
      NodeId call = j.config.element(calls, i);
      std::string at = "/linux/seccomp/syscalls/" + std::to_string(i);
      CheckListed(j, "runtime-seccomp-unsupported",
                  j.config.FindOfType(call, "action", Type::kString), at + "/action",
                  "seccomp action", "/linux/seccomp/actions", actions);
      NodeId args = j.config.FindOfType(call, "args", Type::kArray);
      if (args == json::kNoNode) continue;
      const json::Node& a = j.config.node(args);
      for (uint32_t k = 0; k < a.count; ++k) {
        CheckListed(j, "runtime-seccomp-unsupported",
                    j.config.FindOfType(j.config.element(a, k), "op", Type::kString),
                    at + "/args/" + std::to_string(k) + "/op", "seccomp operator",
                    "/linux/seccomp/operators", operators);
      }
    }
  }
  NodeId flags = j.config.FindOfType(seccomp, "flags", Type::kArray);
  auto known = j.List("/linux/seccomp/knownFlags");
  auto supported = j.List("/linux/seccomp/supportedFlags");
  if (flags == json::kNoNode || (!known && !supported)) return;
  const json::Node& f = j.config.node(flags);
  for (uint32_t i = 0; i < f.count; ++i) {
    NodeId id = j.config.element(f, i);
    if (j.config.node(id).type != Type::kString) continue;
    std::string_view flag = j.config.node(id).text;
    std::string at = "/linux/seccomp/flags/" + std::to_string(i);
    if (known && !Contains(*known, flag)) {
      j.context.Report(
          "runtime-seccomp-flag-unsupported", id, at,
          "seccomp flag " + json::Quote(flag) + ": " + j.NotListed("/linux/seccomp/knownFlags"),
          "drop the flag, or target a runtime that knows it");
    } else if (supported && !Contains(*supported, flag)) {
      j.context.Report("runtime-seccomp-flag-unsupported", id, at,
                       "seccomp flag " + json::Quote(flag) + ": " + j.runtime +
                           " knows it but cannot use it with this kernel and libseccomp "
                           "(it is not in features linux.seccomp.supportedFlags)",
                       "drop the flag, or run where the kernel and libseccomp support it");
    }
  }
}

void CheckLsm(const Judge& j, NodeId linux_id) {
  NodeId process = j.config.FindOfType(j.config.root(), "process", Type::kObject);
  if (NodeId profile = j.config.FindOfType(process, "apparmorProfile", Type::kString);
      profile != json::kNoNode && j.Switch("/linux/apparmor/enabled") == false) {
    j.context.Report(
        "runtime-lsm-unsupported", profile, "/process/apparmorProfile",
        "process.apparmorProfile: AppArmor: " + j.SwitchedOff("/linux/apparmor/enabled"),
        "target a runtime built with AppArmor, or drop the profile");
  }
  if (j.Switch("/linux/selinux/enabled") != false) return;
  for (auto [parent, key, pointer] : {std::tuple{process, "selinuxLabel", "/process/selinuxLabel"},
                                      std::tuple{linux_id, "mountLabel", "/linux/mountLabel"}}) {
    NodeId label = j.config.FindOfType(parent, key, Type::kString);
    if (label == json::kNoNode) continue;
    j.context.Report("runtime-lsm-unsupported", label, pointer,
                     Dotted(pointer) + ": SELinux: " + j.SwitchedOff("/linux/selinux/enabled"),
                     "target a runtime built with SELinux, or drop the label");
  }
}

void CheckSwitches(const Judge& j, NodeId linux_id) {
  if (NodeId rdt = j.config.FindOfType(linux_id, "intelRdt", Type::kObject); rdt != json::kNoNode) {
    if (j.Switch("/linux/intelRdt/enabled") == false) {
      j.context.Report("runtime-intelrdt-unsupported", rdt, "/linux/intelRdt",
                       "linux.intelRdt: " + j.SwitchedOff("/linux/intelRdt/enabled"),
                       "target a runtime with Intel RDT, or drop intelRdt");
    } else {
      for (auto [key, field] : {std::pair{"schemata", "/linux/intelRdt/schemata"},
                                std::pair{"enableMonitoring", "/linux/intelRdt/monitoring"}}) {
        NodeId member = j.config.Find(j.config.node(rdt), key);
        if (member == json::kNoNode || j.Switch(field) != false) continue;
        j.context.Report("runtime-intelrdt-unsupported", member,
                         "/linux/intelRdt/" + std::string(key),
                         "linux.intelRdt." + std::string(key) + ": " + j.SwitchedOff(field),
                         "drop it, or target a runtime that implements it");
      }
    }
  }
  if (NodeId devices = j.config.FindOfType(linux_id, "netDevices", Type::kObject);
      devices != json::kNoNode && j.Switch("/linux/netDevices/enabled") == false) {
    j.context.Report("runtime-netdevices-unsupported", devices, "/linux/netDevices",
                     "linux.netDevices: moving network devices into the container: " +
                         j.SwitchedOff("/linux/netDevices/enabled"),
                     "move the devices otherwise (a CNI plugin), or target a runtime that does");
  }
  if (NodeId policy = j.config.FindOfType(linux_id, "memoryPolicy", Type::kObject);
      policy != json::kNoNode) {
    CheckListed(j, "runtime-memory-policy-unsupported",
                j.config.FindOfType(policy, "mode", Type::kString), "/linux/memoryPolicy/mode",
                "memory policy mode", "/linux/memoryPolicy/modes",
                j.List("/linux/memoryPolicy/modes"));
    if (NodeId flags = j.config.FindOfType(policy, "flags", Type::kArray); flags != json::kNoNode) {
      auto known = j.List("/linux/memoryPolicy/flags");
      const json::Node& f = j.config.node(flags);
      for (uint32_t i = 0; i < f.count; ++i) {
        CheckListed(j, "runtime-memory-policy-unsupported", j.config.element(f, i),
                    "/linux/memoryPolicy/flags/" + std::to_string(i), "memory policy flag",
                    "/linux/memoryPolicy/flags", known);
      }
    }
  }
}

void CheckAnnotations(const Judge& j) {
  NodeId annotations = j.config.FindOfType(j.config.root(), "annotations", Type::kObject);
  auto unsafe = j.List("/potentiallyUnsafeConfigAnnotations");
  if (annotations == json::kNoNode || !unsafe) return;
  const json::Node& object = j.config.node(annotations);
  for (uint32_t i = 0; i < object.count; ++i) {
    const json::Member& m = j.config.member(object, i);
    for (std::string_view entry : *unsafe) {
      bool prefix = entry.ends_with('.');
      if (prefix ? !m.key.starts_with(entry) : m.key != entry) continue;
      j.context.Report("runtime-annotation-unsafe", m.value,
                       "/annotations/" + json::EscapePointerToken(m.key),
                       "annotation " + json::Quote(m.key) + " can change what " + j.runtime +
                           " does (it lists " + json::Quote(entry) +
                           " in features potentiallyUnsafeConfigAnnotations)",
                       "keep it only if it is there on purpose");
      break;
    }
  }
}

}  // namespace

void CheckRuntimeFeatures(const RuleContext& context) {
  const Document& config = context.doc();
  const Document* features = context.target().runtime.features.get();
  if (!features || features->empty() || config.empty() ||
      config.node(config.root()).type != Type::kObject)
    return;
  Judge j{context, config, features, context.target().runtime.Label()};
  CheckVersion(j);
  CheckHooks(j);
  CheckMounts(j);
  CheckAnnotations(j);
  // The Linux checks: a config with a linux object, or with no other platform's object.
  const PlatformObjects& platforms = context.platforms();
  if (platforms.linux_object == json::kNoNode &&
      (platforms.windows != json::kNoNode || platforms.solaris != json::kNoNode ||
       platforms.zos != json::kNoNode || platforms.freebsd != json::kNoNode))
    return;
  NodeId linux_id = platforms.linux_object;  // kNoNode finds nothing below it
  CheckNamespaces(j, linux_id);
  CheckCgroups(j, linux_id);
  CheckSeccomp(j, linux_id);
  CheckLsm(j, linux_id);
  CheckSwitches(j, linux_id);
}

}  // namespace ocilint::lint
