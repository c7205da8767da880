// The linux-*: config-linux.md "Personality", "Memory policy", "IntelRdt", "Network Devices",
// "Rootfs Mount Propagation", "Cgroups Path".

#include <string>
#include <unordered_map>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "linux-personality-flags-unsupported",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#personality",
     .summary = "a personality flag, though the spec supports none",
     .explanation =
         "linux.personality.flags would add personality(2) flags such as ADDR_NO_RANDOMIZE, but "
         "the spec supports no flag value yet, so every entry is an unsupported value that a "
         "runtime has to refuse. runc 1.1.5 and crun 1.8.1 both start the container and drop "
         "the flags without a word, so the process runs without what was asked (address space "
         "randomization stays on, for example). Remove the flags.",
     .spec_text =
         "config-linux.md, Personality: \"flags (array of strings, OPTIONAL) - the additional "
         "flags to apply. Currently no flag values are supported.\"; config.md, Valid values: "
         "\"Runtimes MUST generate an error when invalid or unsupported values are "
         "encountered.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"personality": {"domain": "LINUX", "flags": ["ADDR_NO_RANDOMIZE"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"personality": {"domain": "LINUX"}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "linux-memory-policy-nodes",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#memory-policy",
     .summary =
         "memoryPolicy nodes missing for a mode that needs them, or set for one that forbids",
     .explanation =
         "set_mempolicy(2) fails with EINVAL when MPOL_BIND, MPOL_INTERLEAVE, "
         "MPOL_WEIGHTED_INTERLEAVE or MPOL_PREFERRED_MANY come with an empty node mask, and "
         "when MPOL_DEFAULT or MPOL_LOCAL come with a non-empty one (MPOL_PREFERRED takes "
         "either: no nodes means local allocation). This rule fires on a missing or empty nodes "
         "for the first group and on a non-empty nodes for the second. runc 1.1.5 and crun "
         "1.8.1 do not know memoryPolicy and start the container without the policy; a runtime "
         "that applies it fails.",
     .spec_text =
         "config-linux.md, Memory policy: \"Some modes require that there are no nodes, e.g. "
         "MPOL_DEFAULT and MPOL_LOCAL. Others that there is at least one node, e.g. MPOL_BIND "
         "and MPOL_INTERLEAVE.\"; config.md, Valid values: \"Runtimes MUST generate an error "
         "when invalid or unsupported values are encountered.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"memoryPolicy": {"mode": "MPOL_BIND"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"memoryPolicy": {"mode": "MPOL_BIND", "nodes": "0"}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "linux-intel-rdt-closid-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#intelrdt",
     .summary = "an intelRdt.closID that is not one directory name (or /)",
     .explanation =
         "closID names a directory directly under the resctrl mount, or is / for the default "
         "class. This rule fires on an empty value, on . or .., and on any other value with a "
         "slash, which would reach outside the resctrl root or into a nested directory that "
         "resctrl does not have. runc refuses such a config (\"invalid intelRdt.ClosID\"); "
         "crun 1.8.1 started it on a host without resctrl.",
     .spec_text =
         "config-linux.md, IntelRdt: \"If intelRdt is set, the runtime MUST write the container "
         "process ID to the tasks file in a proper sub-directory in a mounted resctrl "
         "pseudo-filesystem. That sub-directory name is specified by closID parameter.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"intelRdt": {"closID": "group/x"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"intelRdt": {"closID": "group"}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "linux-intel-rdt-l3-cache-schema",
     .default_severity = Severity::kWarning,
     .level = Level::kShould,
     .spec_anchor = "config-linux.md#intelrdt",
     .summary = "an l3CacheSchema that does not start with L3: or contains a newline",
     .explanation =
         "l3CacheSchema is one line of the resctrl schemata file for the L3 cache, such as "
         "L3:0=ffff0;1=3ff. This rule fires when it does not start with L3: or has a line feed "
         "in it; other resources (memory bandwidth, or several lines) belong in memBwSchema or "
         "schemata, where the order of the lines written is defined.",
     .spec_text =
         "config-linux.md, IntelRdt: \"l3CacheSchema (string, OPTIONAL) - specifies the schema "
         "for L3 cache id and capacity bitmask (CBM). The value SHOULD start with L3: and SHOULD "
         "NOT contain newlines.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"intelRdt": {"l3CacheSchema": "0=ffff0;1=3ff"}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"intelRdt": {"l3CacheSchema": "L3:0=ffff0;1=3ff"}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "linux-net-device-name-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#network-devices",
     .summary = "a netDevices host or container name that is not a valid interface name",
     .explanation =
         "Linux interface names are 1 to 15 bytes, not . or .., without a slash, a colon or "
         "white space. This rule fires on a netDevices key (the host name) or a name member "
         "(the name in the container) that breaks this: no host interface can have such a "
         "name, and the kernel refuses to rename one to it, so the device the spec says MUST be "
         "made available cannot be. A %d template in name is fine.",
     .spec_text =
         "config-linux.md, Network Devices: \"netDevices (object, OPTIONAL) - A set of network "
         "devices that MUST be made available in the container.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"netDevices": {"eth0": {"name": "container uplink"}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"netDevices": {"eth0": {"name": "uplink0"}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "linux-net-device-name-conflict",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#network-devices",
     .summary = "two netDevices entries with the same container name, or one named lo",
     .explanation =
         "Each netDevices entry ends up in the container's network namespace under its name "
         "member, or under its host name without one. This rule fires when a later entry gets "
         "the same name as an earlier one, or when the name is lo, which every new network "
         "namespace already has: the second move finds the name taken, and the spec requires "
         "an error then. A name with a %d template is exempt, as the kernel picks a free "
         "number.",
     .spec_text =
         "config-linux.md, Network Devices: \"If a network device with the specified name "
         "already exists in the container namespace, the runtime MUST generate an error, unless "
         "the user has provided a template by appending %d to the new name.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"netDevices": {"eth0": {"name": "net0"}, "eth1": {"name": "net0"}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"netDevices": {"eth0": {"name": "net%d"}, "eth1": {"name": "net%d"}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "linux-cgroups-path-invalid",
     .default_severity = Severity::kNote,
     .level = Level::kMay,
     .spec_anchor = "config-linux.md#cgroups-path",
     .summary = "a cgroupsPath that neither cgroup driver reads as intended",
     .explanation =
         "cgroupsPath is read two ways: the cgroupfs drivers take it as a path, and the systemd "
         "drivers of runc and crun as slice:prefix:name (e.g. system.slice:docker:abc). This "
         "rule fires on a value with colons that is not such a triple (one colon, or three), on "
         "a triple whose slice part does not end in .slice, and on a path with a .. component, "
         "which runtimes clamp at the cgroup root instead of climbing. Which form is right "
         "depends on the cgroup driver the runtime is started with, so this is only a note.",
     .spec_text =
         "config-linux.md, Cgroups Path: \"Runtimes MAY consider certain cgroupsPath values to "
         "be invalid, and MUST generate an error if this is the case.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"cgroupsPath": "system.slice:abc"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"cgroupsPath": "system.slice:docker:abc"})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

/// The string member `key` of `object` and its node, or kNoNode.
json::NodeId StringMember(const json::Document& doc, const json::Node& object,
                          std::string_view key) {
  json::NodeId node = doc.Find(object, key);
  if (node == json::kNoNode || doc.node(node).type != json::Type::kString) return json::kNoNode;
  return node;
}

void CheckPersonality(const RuleContext& context, const json::Node& personality) {
  const json::Document& doc = context.doc();
  json::NodeId flags = doc.Find(personality, "flags");
  if (flags == json::kNoNode || doc.node(flags).type != json::Type::kArray) return;
  const json::Node& list = doc.node(flags);
  for (uint32_t i = 0; i < list.count; ++i) {
    json::NodeId flag = doc.element(list, i);
    if (doc.node(flag).type != json::Type::kString) continue;
    if (context.Full("linux-personality-flags-unsupported")) {
      context.Report("linux-personality-flags-unsupported", flag, {}, {});
      continue;
    }
    context.Report("linux-personality-flags-unsupported", flag,
                   "/linux/personality/flags/" + std::to_string(i),
                   "personality flag " + json::Excerpt(doc, flag) +
                       " is not supported: the spec defines no flag values, and runc and crun "
                       "drop it silently",
                   "remove linux.personality.flags");
  }
}

void CheckMemoryPolicy(const RuleContext& context, const json::Node& policy) {
  const json::Document& doc = context.doc();
  json::NodeId mode_id = StringMember(doc, policy, "mode");
  if (mode_id == json::kNoNode) return;
  std::string_view mode = doc.node(mode_id).text;
  json::NodeId nodes_id = StringMember(doc, policy, "nodes");
  bool has_nodes = nodes_id != json::kNoNode && !doc.node(nodes_id).text.empty();
  bool needs_nodes = mode == "MPOL_BIND" || mode == "MPOL_INTERLEAVE" ||
                     mode == "MPOL_WEIGHTED_INTERLEAVE" || mode == "MPOL_PREFERRED_MANY";
  bool forbids_nodes = mode == "MPOL_DEFAULT" || mode == "MPOL_LOCAL";
  if (needs_nodes && !has_nodes) {
    context.Report("linux-memory-policy-nodes", mode_id, "/linux/memoryPolicy/mode",
                   std::string(mode) +
                       " needs at least one node, but memoryPolicy.nodes is missing or empty "
                       "(set_mempolicy(2) fails with EINVAL)",
                   "add nodes, such as \"0\" or \"0-3\"");
  } else if (forbids_nodes && has_nodes) {
    context.Report("linux-memory-policy-nodes", nodes_id, "/linux/memoryPolicy/nodes",
                   std::string(mode) + " takes no nodes, but memoryPolicy.nodes is " +
                       json::Quote(doc.node(nodes_id).text) +
                       " (set_mempolicy(2) fails with EINVAL)",
                   "remove nodes, or use MPOL_BIND or MPOL_PREFERRED to restrict allocation");
  }
}

bool ValidClosId(std::string_view id) {
  if (id == "/") return true;
  return !id.empty() && id != "." && id != ".." && id.find('/') == std::string_view::npos;
}

void CheckIntelRdt(const RuleContext& context, const json::Node& rdt) {
  const json::Document& doc = context.doc();
  json::NodeId clos = StringMember(doc, rdt, "closID");
  if (clos != json::kNoNode && !ValidClosId(doc.node(clos).text)) {
    context.Report("linux-intel-rdt-closid-invalid", clos, "/linux/intelRdt/closID",
                   "intelRdt.closID " + json::Quote(doc.node(clos).text) +
                       " is not a directory name under the resctrl root (runc refuses it)",
                   "use a plain name without slashes, or \"/\" for the default class");
  }
  json::NodeId l3 = StringMember(doc, rdt, "l3CacheSchema");
  if (l3 != json::kNoNode) {
    std::string_view schema = doc.node(l3).text;
    bool newline = schema.find('\n') != std::string_view::npos;
    if (!schema.starts_with("L3:") || newline) {
      context.Report("linux-intel-rdt-l3-cache-schema", l3, "/linux/intelRdt/l3CacheSchema",
                     "intelRdt.l3CacheSchema " + json::Quote(schema) +
                         (newline ? " contains a newline" : " does not start with \"L3:\""),
                     newline ? "write one L3 line here, and other lines in schemata"
                             : "write it as \"L3:<cache id>=<bitmask>;...\"");
    }
  }
}

bool ValidInterfaceName(std::string_view name) {
  if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
  for (char c : name) {
    if (c == '/' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
        c == '\f')
      return false;
  }
  return true;
}

void CheckNetDevices(const RuleContext& context, const json::Node& devices) {
  const json::Document& doc = context.doc();
  std::unordered_map<std::string_view, std::string_view> taken;  ///< container name -> host name
  for (uint32_t i = 0; i < devices.count; ++i) {
    const json::Member& member = doc.member(devices, i);
    std::string pointer = "/linux/netDevices/" + json::EscapePointerToken(member.key);
    json::NodeId name_id = doc.node(member.value).type == json::Type::kObject
                               ? StringMember(doc, doc.node(member.value), "name")
                               : json::kNoNode;
    if (!ValidInterfaceName(member.key)) {
      context.Report("linux-net-device-name-invalid", member.value, pointer,
                     "netDevices key " + json::Quote(member.key) +
                         " is not a valid host interface name (1 to 15 bytes, no /, : or white "
                         "space, not . or ..)",
                     "use the host interface name as `ip link` shows it");
    }
    std::string_view target = member.key;
    json::NodeId target_node = member.value;
    std::string target_pointer = pointer;
    if (name_id != json::kNoNode) {
      target = doc.node(name_id).text;
      target_node = name_id;
      target_pointer = pointer + "/name";
      if (!ValidInterfaceName(target)) {
        context.Report("linux-net-device-name-invalid", name_id, target_pointer,
                       "netDevices name " + json::Quote(target) +
                           " is not a valid interface name (1 to 15 bytes, no /, : or white "
                           "space, not . or ..)",
                       "choose a name such as \"eth1\", or a template such as \"net%d\"");
        continue;
      }
    }
    if (target.find("%d") != std::string_view::npos) continue;
    if (target == "lo") {
      context.Report("linux-net-device-name-conflict", target_node, target_pointer,
                     "netDevices entry " + json::Quote(member.key) +
                         " would be named \"lo\" in the container, which every network "
                         "namespace already has",
                     "set name to another interface name");
      continue;
    }
    auto [earlier, inserted] = taken.emplace(target, member.key);
    if (inserted) continue;
    context.Report("linux-net-device-name-conflict", target_node, target_pointer,
                   "netDevices entry " + json::Quote(member.key) + " would be named " +
                       json::Quote(target) + " in the container, like entry " +
                       json::Quote(earlier->second),
                   "give each device its own name, or use a template such as \"net%d\"");
  }
}

/// Why `path` is read differently from what it looks like, or "".
std::string_view CgroupsPathProblem(std::string_view path) {
  size_t colons = 0;
  for (char c : path) colons += c == ':';
  if (colons == 2) {
    std::string_view slice = path.substr(0, path.find(':'));
    if (!slice.empty() && !slice.ends_with(".slice"))
      return "its slice part does not end in \".slice\", as systemd requires";
    return {};
  }
  if (colons != 0)
    return "it has colons but is not the systemd form slice:prefix:name, so a systemd cgroup "
           "driver refuses it and a cgroupfs driver makes a directory with colons";
  for (size_t start = 0; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(start, end - start) == "..")
      return "it has a .. component, which runtimes clamp at the cgroup root instead of "
             "climbing";
    start = end + 1;
  }
  return {};
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  json::NodeId linux_id = context.platforms().linux_object;
  if (linux_id == json::kNoNode) return;
  const json::Node* linux_node = &doc.node(linux_id);
  if (const json::Node* personality = ObjectMember(doc, *linux_node, "personality"))
    CheckPersonality(context, *personality);
  if (const json::Node* policy = ObjectMember(doc, *linux_node, "memoryPolicy"))
    CheckMemoryPolicy(context, *policy);
  if (const json::Node* rdt = ObjectMember(doc, *linux_node, "intelRdt"))
    CheckIntelRdt(context, *rdt);
  if (const json::Node* devices = ObjectMember(doc, *linux_node, "netDevices"))
    CheckNetDevices(context, *devices);
  json::NodeId cgroups_path = StringMember(doc, *linux_node, "cgroupsPath");
  if (cgroups_path != json::kNoNode) {
    std::string_view path = doc.node(cgroups_path).text;
    std::string_view problem = CgroupsPathProblem(path);
    if (!problem.empty()) {
      context.Report("linux-cgroups-path-invalid", cgroups_path, "/linux/cgroupsPath",
                     "cgroupsPath " + json::Quote(path) + ": " + std::string(problem),
                     "write slice:prefix:name for a systemd driver, or a plain path for "
                     "cgroupfs");
    }
  }
}

}  // namespace

extern constinit const RuleFamily kLinuxOtherRules{"linux-other", Check, kRules};

}  // namespace ocilint::lint
