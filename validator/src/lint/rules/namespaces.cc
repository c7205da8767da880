// The ns-*: config-linux.md "Namespaces", "User namespace mappings", "Offset for Time Namespace";
// config-zos.md "Namespaces"; config.md "Hostname", "Domainname".

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/platform.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kAnchor = "config-linux.md#namespaces";
constexpr std::string_view kInheritSpec =
    "config-linux.md, Namespaces: \"If a namespace type is not specified in the namespaces "
    "array, the container MUST inherit the runtime namespace of that type.\"";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "ns-duplicate",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "two linux.namespaces entries of the same type",
     .explanation =
         "Each namespace type may appear once in linux.namespaces: a second entry of the same "
         "type leaves open which of the two the container gets, so the spec obliges the runtime "
         "to fail. The rule reports every entry whose type an earlier entry already has. runc "
         "does refuse such a config (\"duplicated ns\"), but crun 1.8.1 starts it without a "
         "word, so the mistake can go unnoticed until the config meets runc.",
     .spec_text = "config-linux.md, Namespaces: \"If a namespaces field contains duplicated "
                  "namespaces with same type, the runtime MUST generate an error.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "network"}, {"type": "network"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "network"}, {"type": "ipc"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 5.0},
    {.slug = "ns-path-not-absolute",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a namespace path that does not start with /",
     .explanation =
         "The path of a namespace to join names a file in the runtime's mount namespace and has "
         "to be absolute. A relative path is resolved against whatever directory the runtime "
         "happens to run in, so the same config joins different namespaces, or none, depending "
         "on how it is started. runc and crun both try the path as written and fail when it "
         "does not resolve (proc/1/ns/net: no such file or directory). An empty path means a "
         "new namespace and is not reported.",
     .spec_text = "config-linux.md, Namespaces: \"This value MUST be an absolute path in the "
                  "runtime mount namespace.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "network", "path": "proc/1/ns/net"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "network", "path": "/proc/1/ns/net"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "ns-path-type-mismatch",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a /proc/<pid>/ns/<name> path whose file is another namespace type",
     .explanation =
         "A namespace path of the form /proc/<pid>/ns/<name> (also /proc/self/..., "
         "/proc/thread-self/... and /proc/<pid>/task/<tid>/...) tells by its last component "
         "which kind of namespace it is: net, mnt, uts, ipc, pid, user, cgroup or time (and "
         "pid_for_children, time_for_children). When that kind differs from the entry's type, "
         "setns(2) fails with EINVAL and the runtime must report an error; runc and crun both "
         "fail to start such a container. Other paths (a bind-mounted file under /run/netns, for "
         "instance) can only be judged on the host and are not checked.",
     .spec_text = "config-linux.md, Namespaces: \"The runtime MUST generate an error if path is "
                  "not associated with a namespace of type type.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "ipc", "path": "/proc/1/ns/net"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "ipc", "path": "/proc/1/ns/ipc"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 6.0},
    {.slug = "ns-hostname-without-uts",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config.md#hostname",
     .summary = "hostname set without a UTS namespace",
     .explanation =
         "The config sets hostname but linux.namespaces has no uts entry, so the container "
         "shares the runtime's UTS namespace and setting the name would rename the host. The "
         "spec allows the combination (the container's UTS namespace may be the runtime's), but "
         "both runc (\"unable to set hostname without a private UTS namespace\") and crun "
         "(\"hostname requires the UTS namespace\") refuse to start it. Add {\"type\": \"uts\"} "
         "to linux.namespaces, or drop hostname. A uts entry with a path counts: the runtime "
         "then names the namespace it joins. A z/OS config (a zos object and no linux one) is "
         "checked the same way against zos.namespaces, whose uts type also gives the container "
         "its own hostname.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hostname": "web", "linux": {"namespaces": [{"type": "pid"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hostname": "web", "linux": {"namespaces": [{"type": "pid"}, {"type": "uts"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 6.0},
    {.slug = "ns-domainname-without-uts",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config.md#domainname",
     .summary = "domainname set without a UTS namespace",
     .explanation =
         "The config sets domainname but linux.namespaces has no uts entry, so the container "
         "shares the runtime's UTS namespace. The spec allows it, but the runtimes disagree: "
         "crun refuses the config (\"domainname requires the UTS namespace\"), while runc 1.1.5 "
         "starts the container and silently leaves the domain name alone. Either way the "
         "container does not get the name it asks for. Add {\"type\": \"uts\"} to "
         "linux.namespaces, or drop domainname. A z/OS config is checked the same way against "
         "zos.namespaces.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "domainname": "example.org", "linux": {"namespaces": [{"type": "pid"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "domainname": "example.org", "linux": {"namespaces": [{"type": "uts"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 6.0},
    {.slug = "ns-mappings-without-user",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config-linux.md#user-namespace-mappings",
     .summary = "uidMappings or gidMappings without a user namespace",
     .explanation =
         "linux.uidMappings and linux.gidMappings describe the ID maps of the container's user "
         "namespace, but linux.namespaces has no user entry: the container stays in the "
         "runtime's user namespace, whose maps cannot be changed. runc 1.1.5 and crun 1.8.1 "
         "both start such a container and ignore the mappings, so the processes run with host "
         "IDs the author did not intend (newer runc releases refuse the config). Add "
         "{\"type\": \"user\"} to linux.namespaces, or remove the mappings.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "pid"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "pid"}, {"type": "user"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "ns-user-path-with-mappings",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config-linux.md#user-namespace-mappings",
     .summary = "ID mappings for a user namespace that is joined by path",
     .explanation =
         "The user namespace entry has a path, so the container joins an existing user "
         "namespace whose ID maps were written when it was made; the kernel lets a map be "
         "written only once. Mappings in the config can then only repeat the existing maps or "
         "contradict them, and runc 1.1.5 and crun 1.8.1 both fail to start the container "
         "(setuid/setresuid: Invalid argument). Remove uidMappings and gidMappings, or drop the "
         "path to get a new user namespace with these maps.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "user", "path": "/proc/1/ns/user"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "user", "path": "/proc/1/ns/user"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "ns-time-offsets-without-time",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config-linux.md#offset-for-time-namespace",
     .summary = "linux.timeOffsets without a new time namespace",
     .explanation =
         "Clock offsets belong to a time namespace and can only be written while a new one has "
         "no process yet. Without a time entry in linux.namespaces the container stays in the "
         "runtime's time namespace, and with a time entry that has a path it joins one whose "
         "offsets are already fixed. runc 1.1.5 and crun 1.8.1 both start such a container and "
         "ignore the offsets. Add {\"type\": \"time\"} without a path, or remove timeOffsets.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "pid"}], "timeOffsets": {"boottime": {"secs": 100}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "pid"}, {"type": "time"}], "timeOffsets": {"boottime": {"secs": 100}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "ns-mapping-overlap",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config-linux.md#user-namespace-mappings",
     .summary = "two ID mapping ranges that overlap in the container or on the host",
     .explanation =
         "Each uidMappings (or gidMappings) entry maps size IDs starting at containerID onto "
         "size IDs starting at hostID. The kernel refuses a map in which two ranges overlap on "
         "either side (writing uid_map fails with EINVAL), because an ID would then map to two "
         "IDs, so the runtime cannot set up the user namespace and the container does not "
         "start. The rule reports an entry whose container range or host range overlaps an "
         "entry listed before it in the sorted order; entries of size 0 are ignored.",
     .spec_text = {},
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "user"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000}, {"containerID": 500, "hostID": 200000, "size": 10}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "user"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1000}, {"containerID": 1000, "hostID": 200000, "size": 10}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 5.0},
    {.slug = "ns-user-mappings-too-many",
     .default_severity = Severity::kWarning,
     .level = Level::kMay,
     .spec_anchor = "config-linux.md#user-namespace-mappings",
     .summary = "more uidMappings or gidMappings entries than the kernel accepts",
     .explanation =
         "The kernel takes a limited number of lines in a user namespace's uid_map and gid_map: "
         "340 since Linux 4.15, 5 before. A longer list cannot be written, so the runtime fails "
         "to set up the user namespace and the container does not start. The limit is 340 "
         "unless --kernel names a release older than 4.15; --kernel none assumes a current "
         "kernel. Merge adjacent ranges to shorten the list.",
     .spec_text = "config-linux.md, User namespace mappings: \"Note that the number of mapping "
                  "entries MAY be limited by the kernel.\"",
     .example_flags = "--kernel 4.14 --environment none",
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "user"}], "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}, {"containerID": 1, "hostID": 2001, "size": 1}, {"containerID": 2, "hostID": 3002, "size": 1}, {"containerID": 3, "hostID": 4003, "size": 1}, {"containerID": 4, "hostID": 5004, "size": 1}, {"containerID": 5, "hostID": 6005, "size": 1}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "user"}], "uidMappings": [{"containerID": 0, "hostID": 1000, "size": 1}, {"containerID": 1, "hostID": 2001, "size": 1}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .target_aspects = diag::kTargetKernel,
     .security_severity = 2.0},
    {.slug = "ns-network-missing",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "linux.netDevices without a network namespace of the container's own",
     .explanation =
         "linux.netDevices (added in runtime-spec 1.3.0) moves host network devices into the "
         "container's network namespace. Without a network entry in linux.namespaces the "
         "container stays in the runtime's network namespace, which is the host's: there is "
         "nothing to move the devices into, so a device is at best left where it is, and a "
         "netDevices entry with a name renames an interface of the host. The same holds when "
         "the network entry has a path: the devices are moved into a namespace some other "
         "process owns, and the kernel does not move them back when the container ends. Add "
         "{\"type\": \"network\"} without a path, or remove netDevices. runc 1.1.5 and crun "
         "1.8.1 predate netDevices and ignore it.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}], "netDevices": {"eth1": {"name": "net0"}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}, {"type": "network"}], "netDevices": {"eth1": {"name": "net0"}}}})",
     .security_severity = 5.5},
    {.slug = "ns-mount-missing",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "mounts, maskedPaths or readonlyPaths without a mount namespace",
     .explanation =
         "The config lists mounts (or linux.maskedPaths, linux.readonlyPaths) but its namespaces "
         "have no mount entry, so the container stays in the runtime's mount namespace. The "
         "mounts are then made in the host's mount table: visible to the host and to every "
         "other container, and left there when the container ends. runc does start such a "
         "container, mounting into the host's namespace and changing root with chroot(2) "
         "instead of pivot_root(2), but refuses maskedPaths and readonlyPaths (\"unable to "
         "restrict sys entries without a private MNT namespace\"). Add {\"type\": \"mount\"} "
         "to linux.namespaces; a mount entry with a path counts, the container then joins that "
         "namespace. A config without a namespaces array is not judged: it is usually a "
         "fragment that a tool completes. A z/OS config (a zos object and no linux one) is "
         "checked the same way against zos.namespaces.",
     .spec_text = kInheritSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}], "linux": {"namespaces": [{"type": "pid"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}], "linux": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}})",
     .security_severity = 7.0},
};

/// The eight namespace types and the name of each one's file under /proc/<pid>/ns/.
struct NamespaceKind {
  std::string_view type;
  std::string_view file;
};
constexpr std::array<NamespaceKind, 8> kKinds = {{{"pid", "pid"},
                                                  {"network", "net"},
                                                  {"mount", "mnt"},
                                                  {"ipc", "ipc"},
                                                  {"uts", "uts"},
                                                  {"user", "user"},
                                                  {"cgroup", "cgroup"},
                                                  {"time", "time"}}};

std::optional<size_t> KindOfType(std::string_view type) {
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i].type == type) return i;
  }
  return std::nullopt;
}

std::optional<size_t> KindOfFile(std::string_view file) {
  if (file == "pid_for_children") return KindOfType("pid");
  if (file == "time_for_children") return KindOfType("time");
  for (size_t i = 0; i < kKinds.size(); ++i) {
    if (kKinds[i].file == file) return i;
  }
  return std::nullopt;
}

bool IsProcessId(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// The namespace file name of a /proc/<pid>/ns/<name> (or .../task/<tid>/ns/<name>) path.
std::optional<std::string_view> ProcNamespaceFile(std::string_view path) {
  constexpr std::string_view kProc = "/proc/";
  if (!path.starts_with(kProc)) return std::nullopt;
  path.remove_prefix(kProc.size());
  auto take = [&path]() {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    return part;
  };
  std::string_view process = take();
  if (process != "self" && process != "thread-self" && !IsProcessId(process)) return std::nullopt;
  std::string_view next = take();
  if (next == "task") {
    if (!IsProcessId(take())) return std::nullopt;
    next = take();
  }
  if (next != "ns" || path.empty() || path.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  return path;
}

/// One namespaces entry of a known type.
struct Joined {
  bool present = false;
  bool has_path = false;  ///< a non-empty path: the container joins an existing namespace
  json::NodeId path = json::kNoNode;
  uint32_t index = 0;
};

std::optional<uint64_t> Unsigned(const json::Document& doc, json::NodeId object,
                                 std::string_view key) {
  json::NodeId id = doc.FindOfType(object, key, json::Type::kNumber);
  if (id == json::kNoNode) return std::nullopt;
  std::string_view text = doc.node(id).text;
  uint64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

/// One ID range of a mapping entry, on one side (container or host).
struct Range {
  uint64_t start;
  uint64_t end;  ///< one past the last ID
  uint32_t index;
  json::NodeId node;
};

void CheckOverlaps(const RuleContext& context, std::string_view list_name, std::string_view side,
                   std::vector<Range> ranges) {
  std::sort(ranges.begin(), ranges.end(), [](const Range& a, const Range& b) {
    return a.start != b.start ? a.start < b.start : a.index < b.index;
  });
  const Range* widest = nullptr;
  for (const Range& range : ranges) {
    if (widest && range.start < widest->end) {
      if (!context.Full("ns-mapping-overlap")) {
        const Range& later = range.index > widest->index ? range : *widest;
        const Range& earlier = range.index > widest->index ? *widest : range;
        auto span = [](const Range& r) {
          return std::to_string(r.start) + "-" + std::to_string(r.end - 1);
        };
        context.Report("ns-mapping-overlap", later.node,
                       "/linux/" + std::string(list_name) + "/" + std::to_string(later.index),
                       std::string(list_name) + "[" + std::to_string(later.index) + "] " +
                           std::string(side) + " range " + span(later) + " overlaps " +
                           std::string(list_name) + "[" + std::to_string(earlier.index) + "] (" +
                           span(earlier) + "): the kernel refuses overlapping ID maps",
                       "make the ranges disjoint on both the container and the host side");
      } else {
        context.Report("ns-mapping-overlap", range.node, {}, {});
      }
    }
    if (!widest || range.end > widest->end) widest = &range;
  }
}

void CheckMappings(const RuleContext& context, json::NodeId linux, std::string_view list_name) {
  const json::Document& doc = context.doc();
  json::NodeId list = doc.FindOfType(linux, list_name, json::Type::kArray);
  if (list == json::kNoNode) return;
  const json::Node& array = doc.node(list);
  std::vector<Range> container_side;
  std::vector<Range> host_side;
  for (uint32_t i = 0; i < array.count; ++i) {
    json::NodeId entry = doc.element(array, i);
    auto container_id = Unsigned(doc, entry, "containerID");
    auto host_id = Unsigned(doc, entry, "hostID");
    auto size = Unsigned(doc, entry, "size");
    if (!container_id || !host_id || !size || *size == 0 || *size > UINT32_MAX) continue;
    container_side.push_back({*container_id, *container_id + *size, i, entry});
    host_side.push_back({*host_id, *host_id + *size, i, entry});
  }
  CheckOverlaps(context, list_name, "container", std::move(container_side));
  CheckOverlaps(context, list_name, "host", std::move(host_side));
}

/// The most uid_map or gid_map lines the target kernel accepts.
size_t MaxMappings(const Target& target) {
  constexpr caps::KernelVersion kLongMaps{4, 15, 0};
  const auto& version = target.kernel.version;
  return version && *version < kLongMaps ? 5 : 340;
}

bool NonEmptyArray(const json::Document& doc, json::NodeId linux, std::string_view key) {
  json::NodeId id = doc.FindOfType(linux, key, json::Type::kArray);
  return id != json::kNoNode && doc.node(id).count > 0;
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  const PlatformObjects& platforms = context.platforms();
  json::NodeId linux = platforms.linux_object;
  /// The object whose namespaces array rules the container: linux, else zos.
  json::NodeId owner = linux != json::kNoNode ? linux : platforms.zos;
  if (owner == json::kNoNode) return;
  const std::string owner_name = linux != json::kNoNode ? "linux" : "zos";
  const std::string namespaces_name = owner_name + ".namespaces";

  std::array<Joined, kKinds.size()> kinds{};
  json::NodeId list = doc.FindOfType(owner, "namespaces", json::Type::kArray);
  if (list != json::kNoNode) {
    const json::Node& array = doc.node(list);
    for (uint32_t i = 0; i < array.count; ++i) {
      json::NodeId entry = doc.element(array, i);
      json::NodeId type_node = doc.FindOfType(entry, "type", json::Type::kString);
      if (type_node == json::kNoNode) continue;
      std::string_view type = doc.node(type_node).text;
      auto kind = KindOfType(type);
      if (!kind) continue;
      std::string pointer = "/" + owner_name + "/namespaces/" + std::to_string(i);
      if (kinds[*kind].present) {
        context.Report("ns-duplicate", type_node, pointer + "/type",
                       "namespace type \"" + std::string(type) + "\" repeats entry " +
                           std::to_string(kinds[*kind].index) +
                           (linux != json::kNoNode
                                ? ": runc refuses the config, crun silently uses one of them"
                                : ": the runtime has to refuse the config"),
                       "keep one \"" + std::string(type) + "\" entry");
        continue;
      }
      Joined& joined = kinds[*kind];
      joined.present = true;
      joined.index = i;
      json::NodeId path_node = doc.FindOfType(entry, "path", json::Type::kString);
      if (path_node == json::kNoNode || doc.node(path_node).text.empty()) continue;
      joined.has_path = true;
      joined.path = path_node;
      std::string_view path = doc.node(path_node).text;
      if (path.front() != '/') {
        context.Report(
            "ns-path-not-absolute", path_node, pointer + "/path",
            "namespace path " + json::Quote(path) +
                " is not absolute: it would be resolved against the runtime's "
                "working directory",
            "write " + json::Quote("/" + std::string(path)) + " if that is the file meant");
        continue;
      }
      auto file = linux != json::kNoNode ? ProcNamespaceFile(path) : std::nullopt;
      if (!file) continue;
      auto file_kind = KindOfFile(*file);
      if (file_kind && *file_kind != *kind) {
        context.Report("ns-path-type-mismatch", path_node, pointer + "/path",
                       "namespace path " + json::Quote(path) + " is a " +
                           std::string(kKinds[*file_kind].type) + " namespace, not a " +
                           std::string(type) + " namespace: setns(2) fails with EINVAL",
                       "write " +
                           json::Quote(std::string(path.substr(0, path.size() - file->size())) +
                                       std::string(kKinds[*kind].file)) +
                           " to join that process's " + std::string(type) + " namespace");
      }
    }
  }

  const Joined& uts = kinds[*KindOfType("uts")];
  if (!uts.present) {
    json::NodeId hostname = doc.FindOfType(doc.root(), "hostname", json::Type::kString);
    if (hostname != json::kNoNode && !doc.node(hostname).text.empty()) {
      context.Report(
          "ns-hostname-without-uts", hostname, "/hostname",
          "hostname " + json::Quote(doc.node(hostname).text) + " is set but " + namespaces_name +
              " has no uts entry: " +
              (linux != json::kNoNode ? "runc and crun both refuse to start the container"
                                      : "it would be set in the runtime's own UTS namespace"),
          "add {\"type\": \"uts\"} to " + namespaces_name + ", or remove hostname");
    }
    json::NodeId domainname = doc.FindOfType(doc.root(), "domainname", json::Type::kString);
    if (domainname != json::kNoNode && !doc.node(domainname).text.empty()) {
      context.Report(
          "ns-domainname-without-uts", domainname, "/domainname",
          "domainname " + json::Quote(doc.node(domainname).text) + " is set but " +
              namespaces_name + " has no uts entry: " +
              (linux != json::kNoNode ? "crun refuses the config and runc ignores domainname"
                                      : "it would be set in the runtime's own UTS namespace"),
          "add {\"type\": \"uts\"} to " + namespaces_name + ", or remove domainname");
    }
  }

  if (list != json::kNoNode && !kinds[*KindOfType("mount")].present) {
    /// The first mount list the runtime would apply in its own mount namespace.
    json::NodeId mounts = json::kNoNode;
    std::string field;
    if (NonEmptyArray(doc, doc.root(), "mounts")) {
      mounts = doc.FindOfType(doc.root(), "mounts", json::Type::kArray);
      field = "mounts";
    } else {
      for (std::string_view key : {"maskedPaths", "readonlyPaths"}) {
        if (!NonEmptyArray(doc, linux, key)) continue;
        mounts = doc.FindOfType(linux, key, json::Type::kArray);
        field = "linux." + std::string(key);
        break;
      }
    }
    if (mounts != json::kNoNode) {
      context.Report("ns-mount-missing", mounts, doc.PointerTo(mounts),
                     field + " is set but " + namespaces_name +
                         " has no mount entry: the container shares the runtime's mount "
                         "namespace, so " +
                         (field == "mounts" ? "the mounts are made in the host's mount table"
                                            : "runc refuses the config"),
                     "add {\"type\": \"mount\"} to " + namespaces_name);
    }
  }
  if (linux == json::kNoNode) return;

  const Joined& user = kinds[*KindOfType("user")];
  for (std::string_view list_name : {"uidMappings", "gidMappings"}) {
    if (!NonEmptyArray(doc, linux, list_name)) continue;
    json::NodeId mappings = doc.FindOfType(linux, list_name, json::Type::kArray);
    std::string pointer = "/linux/" + std::string(list_name);
    if (!user.present) {
      context.Report(
          "ns-mappings-without-user", mappings, pointer,
          "linux." + std::string(list_name) +
              " is set but linux.namespaces has no user entry: the mappings are "
              "ignored and the container runs with host IDs",
          "add {\"type\": \"user\"} to linux.namespaces, or remove " + std::string(list_name));
    } else if (user.has_path) {
      context.Report("ns-user-path-with-mappings", mappings, pointer,
                     "linux." + std::string(list_name) +
                         " is set for the user namespace joined at " +
                         json::Quote(doc.node(user.path).text) +
                         ", whose maps are already written: runc and crun fail to start it",
                     "remove " + std::string(list_name) + ", or drop the namespace path");
    }
    size_t limit = MaxMappings(context.target());
    if (doc.node(mappings).count > limit) {
      context.Report("ns-user-mappings-too-many", mappings, pointer,
                     "linux." + std::string(list_name) + " has " +
                         std::to_string(doc.node(mappings).count) + " entries; the kernel (" +
                         context.target().kernel.Describe() + ") accepts at most " +
                         std::to_string(limit),
                     "merge adjacent ranges into fewer entries");
    }
    CheckMappings(context, linux, list_name);
  }

  const Joined& network = kinds[*KindOfType("network")];
  json::NodeId devices = doc.FindOfType(linux, "netDevices", json::Type::kObject);
  if (list != json::kNoNode && devices != json::kNoNode && doc.node(devices).count > 0 &&
      (!network.present || network.has_path)) {
    context.Report("ns-network-missing", devices, "/linux/netDevices",
                   network.present
                       ? "linux.netDevices is set but the network namespace is joined at " +
                             json::Quote(doc.node(network.path).text) +
                             ": the devices would be moved into a namespace the container does "
                             "not own, and stay there after it ends"
                       : "linux.netDevices is set but linux.namespaces has no network entry: "
                         "the container's network namespace is the host's, so the devices "
                         "cannot move into it (and a new name renames a host interface)",
                   "add {\"type\": \"network\"} without a path to linux.namespaces, or remove "
                   "netDevices");
  }

  const Joined& time = kinds[*KindOfType("time")];
  json::NodeId offsets = doc.FindOfType(linux, "timeOffsets", json::Type::kObject);
  if (offsets != json::kNoNode && doc.node(offsets).count > 0 && (!time.present || time.has_path)) {
    context.Report("ns-time-offsets-without-time", offsets, "/linux/timeOffsets",
                   time.present ? "linux.timeOffsets is set but the time namespace is joined at " +
                                      json::Quote(doc.node(time.path).text) +
                                      ", whose offsets are already fixed: they are ignored"
                                : "linux.timeOffsets is set but linux.namespaces has no time "
                                  "entry: runc and crun ignore the offsets",
                   "add {\"type\": \"time\"} without a path to linux.namespaces, or remove "
                   "timeOffsets");
  }
}

}  // namespace

extern constinit const RuleFamily kNamespaceRules{"namespaces", Check, kRules};

}  // namespace ocilint::lint
