// The resource-cgroup-v1-only rule: config-linux.md "Unified" (the conversion of cgroup v1 settings
// on a cgroup v2 host) and the controllers whose files only cgroup v1 has.

#include <string>
#include <string_view>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kRule = "resource-cgroup-v1-only";

constexpr diag::RuleInfo kRules[] = {
    {.slug = kRule,
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#unified",
     .summary = "a resource setting that only cgroup v1 has, which fails or vanishes on cgroup v2",
     .explanation =
         "Some linux.resources settings write files that only cgroup v1 has: memory.swappiness, "
         "memory.disableOOMKiller true, memory.useHierarchy false, cpu.realtimeRuntime and "
         "cpu.realtimePeriod, blockIO.leafWeight and the leafWeight of blockIO.weightDevice "
         "entries, and network.classID and network.priorities (net_cls and net_prio). cgroup v2 "
         "has nothing to convert them to, so on a cgroup v2 host the spec wants the runtime to "
         "fail. The runtimes disagree: crun 1.8.1 refuses them (\"cannot set memory swappiness "
         "with cgroupv2\", \"cannot disable OOM killer with cgroupv2\", \"realtime period not "
         "supported on cgroupv2\", \"cannot set leaf_weight with cgroupv2\", \"network limits "
         "not supported on cgroupv2\" for any network object, \"cannot set useHierarchy memory "
         "with cgroupv2\") but ignores a weightDevice leafWeight, while runc 1.1.5 ignores all of "
         "them on cgroup v2 without a word. The same config therefore fails on one runtime and "
         "loses its limit on the other; most hosts now run cgroup v2 only. The rule needs no "
         "target: a config is rarely tied to one host. memory.kernel and memory.kernelTCP are "
         "reported by resource-memory-kernel-limit.",
     .spec_text = "config-linux.md, Unified: \"If a controller is enabled on the cgroup v2 "
                  "hierarchy but the configuration is provided for the cgroup v1 equivalent "
                  "controller, the runtime MAY attempt a conversion. If the conversion is not "
                  "possible the runtime MUST generate an error.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, )"
         R"("linux": {"resources": {"memory": {"limit": 134217728, "swappiness": 10}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, )"
         R"("linux": {"resources": {"memory": {"limit": 134217728, "disableOOMKiller": false}}}})"},
};

/// True when `node` is a number other than 0 (0 asks runtimes for nothing).
bool IsNonZeroNumber(const json::Document& doc, json::NodeId node) {
  if (node == json::kNoNode || doc.node(node).type != json::Type::kNumber) return false;
  std::string_view text = doc.node(node).text;
  return text.find_first_not_of("-0.eE+") != std::string_view::npos;
}

bool IsBool(const json::Document& doc, json::NodeId node, bool value) {
  return node != json::kNoNode && doc.node(node).type == json::Type::kBool &&
         doc.node(node).boolean == value;
}

/// What the runtimes do on cgroup v2 with a setting that only cgroup v1 has.
enum class CrunOnV2 { kRefuses, kIgnores };

void Report(const RuleContext& context, json::NodeId node, const std::string& pointer,
            std::string_view setting, std::string_view v1_file,
            CrunOnV2 crun = CrunOnV2::kRefuses) {
  std::string_view runtimes = crun == CrunOnV2::kRefuses
                                  ? "on cgroup v2 crun refuses it and runc ignores it"
                                  : "on cgroup v2 runc and crun ignore it";
  context.Report(kRule, node, "/linux/resources" + pointer,
                 std::string(setting) + " sets " + std::string(v1_file) +
                     ", which only cgroup v1 has: " + std::string(runtimes),
                 "remove it, or keep it only in configs for cgroup v1 hosts");
}

void CheckMemory(const RuleContext& context, const json::Node& memory) {
  const json::Document& doc = context.doc();
  json::NodeId swappiness = doc.Find(memory, "swappiness");
  if (swappiness != json::kNoNode && doc.node(swappiness).type == json::Type::kNumber)
    Report(context, swappiness, "/memory/swappiness", "memory.swappiness", "memory.swappiness");
  json::NodeId oom = doc.Find(memory, "disableOOMKiller");
  if (IsBool(doc, oom, true))
    Report(context, oom, "/memory/disableOOMKiller", "memory.disableOOMKiller",
           "memory.oom_control");
  json::NodeId hierarchy = doc.Find(memory, "useHierarchy");
  if (IsBool(doc, hierarchy, false))
    Report(context, hierarchy, "/memory/useHierarchy", "memory.useHierarchy false",
           "memory.use_hierarchy (cgroup v2 is always hierarchical)");
}

void CheckCpu(const RuleContext& context, const json::Node& cpu) {
  const json::Document& doc = context.doc();
  json::NodeId runtime = doc.Find(cpu, "realtimeRuntime");
  if (IsNonZeroNumber(doc, runtime))
    Report(context, runtime, "/cpu/realtimeRuntime", "cpu.realtimeRuntime", "cpu.rt_runtime_us");
  json::NodeId period = doc.Find(cpu, "realtimePeriod");
  if (IsNonZeroNumber(doc, period))
    Report(context, period, "/cpu/realtimePeriod", "cpu.realtimePeriod", "cpu.rt_period_us");
}

void CheckBlockIo(const RuleContext& context, const json::Node& block_io) {
  const json::Document& doc = context.doc();
  json::NodeId leaf = doc.Find(block_io, "leafWeight");
  if (IsNonZeroNumber(doc, leaf))
    Report(context, leaf, "/blockIO/leafWeight", "blockIO.leafWeight", "blkio.leaf_weight");
  json::NodeId devices = doc.Find(block_io, "weightDevice");
  if (devices == json::kNoNode || doc.node(devices).type != json::Type::kArray) return;
  const json::Node& list = doc.node(devices);
  for (uint32_t i = 0; i < list.count; ++i) {
    const json::Node& device = doc.node(doc.element(list, i));
    if (device.type != json::Type::kObject) continue;
    json::NodeId device_leaf = doc.Find(device, "leafWeight");
    if (!IsNonZeroNumber(doc, device_leaf)) continue;
    std::string index = std::to_string(i);
    Report(context, device_leaf, "/blockIO/weightDevice/" + index + "/leafWeight",
           "blockIO.weightDevice[" + index + "].leafWeight", "blkio.leaf_weight_device",
           CrunOnV2::kIgnores);
  }
}

void CheckNetwork(const RuleContext& context, const json::Node& network) {
  const json::Document& doc = context.doc();
  json::NodeId class_id = doc.Find(network, "classID");
  if (class_id != json::kNoNode && doc.node(class_id).type == json::Type::kNumber)
    Report(context, class_id, "/network/classID", "network.classID", "net_cls.classid");
  json::NodeId priorities = doc.Find(network, "priorities");
  if (priorities != json::kNoNode && doc.node(priorities).type == json::Type::kArray &&
      doc.node(priorities).count > 0)
    Report(context, priorities, "/network/priorities", "network.priorities", "net_prio.ifpriomap");
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  json::NodeId linux_id = context.platforms().linux_object;
  if (linux_id == json::kNoNode) return;
  const json::Node* resources = ObjectMember(doc, doc.node(linux_id), "resources");
  if (!resources) return;
  if (const json::Node* memory = ObjectMember(doc, *resources, "memory"))
    CheckMemory(context, *memory);
  if (const json::Node* cpu = ObjectMember(doc, *resources, "cpu")) CheckCpu(context, *cpu);
  if (const json::Node* block_io = ObjectMember(doc, *resources, "blockIO"))
    CheckBlockIo(context, *block_io);
  if (const json::Node* network = ObjectMember(doc, *resources, "network"))
    CheckNetwork(context, *network);
}

}  // namespace

extern constinit const RuleFamily kCgroupV1Rules{"cgroup-v1", Check, kRules};

}  // namespace ocilint::lint
