// The resource-*: config-linux.md "Control groups" and its controllers.

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kMemoryAnchor = "config-linux.md#memory";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "resource-memory-swap-below-limit",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kMemoryAnchor,
     .summary = "a memory+swap limit smaller than the memory limit",
     .explanation =
         "memory.swap limits memory and swap together, so it cannot be smaller than "
         "memory.limit. This rule fires when both are positive and swap is below limit. -1 "
         "means unlimited, and 0 is treated as unset by runc, so `limit: -1` with any swap, or "
         "`swap: -1` with any limit, is silent (runtime-tools' validator gets the first one "
         "wrong). On cgroup v1 runc refuses such a config: the kernel rejects the write to "
         "memory.memsw.limit_in_bytes with EINVAL. crun 1.8.1 was only observed without "
         "cgroups. Set swap to at least limit (equal means no swap at all), or to -1. Note that "
         "runc 1.1.5 on cgroup v1 also refuses `limit: -1` with a positive swap, since the "
         "memory limit then stays unlimited and is above swap; the spec allows that pairing and "
         "cgroup v2 takes it, so the rule does not report it.",
     .spec_text =
         "config-linux.md, Memory: \"swap (int64, OPTIONAL) - sets limit of memory+Swap usage\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": 134217728, "swap": 67108864}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": -1, "swap": 67108864}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-memory-reservation-above-limit",
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = kMemoryAnchor,
     .summary = "a memory soft limit (reservation) above the hard limit",
     .explanation =
         "memory.reservation is a soft limit that the kernel enforces under memory pressure; "
         "above memory.limit it can never be reached, since the hard limit stops the cgroup "
         "first. This rule fires when both are positive and reservation is larger. runc 1.1.5 "
         "starts such a container without a word (crun 1.8.1 was observed without cgroups), so "
         "the setting has no effect. Lower the reservation, or drop it.",
     .spec_text =
         "config-linux.md, Memory: \"reservation (int64, OPTIONAL) - sets soft limit of memory "
         "usage\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": 67108864, "reservation": 134217728}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": 134217728, "reservation": 67108864}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-memory-kernel-limit",
     .default_severity = Severity::kWarning,
     .level = Level::kShouldNot,
     .spec_anchor = kMemoryAnchor,
     .summary = "a kernel or kernelTCP memory limit, which the spec does not recommend",
     .explanation =
         "memory.kernel and memory.kernelTCP set the cgroup v1 kmem limits. Linux deprecated "
         "kernel memory limits in 5.4 and dropped them later, and cgroup v2 has no such files, "
         "so the spec marks both NOT RECOMMENDED. Current runc ignores memory.kernel, and on "
         "cgroup v2 neither runc nor crun has anywhere to write them: the limit does not apply. "
         "The rule fires on "
         "any value but -1 (unlimited, which asks for nothing). Remove the members, and rely on "
         "memory.limit, which counts kernel memory on cgroup v2.",
     .spec_text =
         "config-linux.md, Memory: \"kernel (int64, OPTIONAL, NOT RECOMMENDED) - sets hard limit "
         "for kernel memory\"; \"kernelTCP (int64, OPTIONAL, NOT RECOMMENDED) - sets hard limit "
         "for kernel TCP buffer memory\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": 134217728, "kernel": 67108864}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": 134217728, "kernel": -1}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-memory-value-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kMemoryAnchor,
     .summary = "a memory limit below -1",
     .explanation =
         "Memory values are a number of bytes, or -1 for unlimited; the schema accepts any "
         "int64. This rule fires on limit, reservation, swap, kernel or kernelTCP below -1, "
         "which no cgroup file accepts, so the runtime fails while it writes the limit. Use a "
         "byte count, or -1.",
     .spec_text =
         "config-linux.md, Memory: \"Values for memory specify the limit in bytes, or -1 for "
         "unlimited memory.\"; config.md, Valid values: \"Runtimes MUST generate an error when "
         "invalid or unsupported values are encountered.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": -2}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"memory": {"limit": -1}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-cpu-burst-above-quota",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#cpu",
     .summary = "a CPU burst larger than the positive CPU quota",
     .explanation =
         "cpu.burst is extra run time a cgroup may accumulate and spend within one period, and "
         "the kernel accepts it only up to the quota (cpu.cfs_burst_us, cpu.max.burst). This "
         "rule fires when quota is positive and burst is larger; a quota of -1 or none means "
         "no limit, and then any burst is fine. The spec makes the relation a MUST and lets "
         "runtimes refuse it; runc 1.1.5 does not apply burst and crun 1.8.1 was "
         "observed without cgroups, so both started the container, but runtimes that apply "
         "burst fail on the kernel's EINVAL. Lower burst to at most the quota.",
     .spec_text =
         "config-linux.md, CPU: \"burst (uint64, OPTIONAL) - ... If specified, this value MUST "
         "be no larger than any positive quota (runtimes MAY generate an error).\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"cpu": {"quota": 50000, "period": 100000, "burst": 100000}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"cpu": {"quota": 50000, "period": 100000, "burst": 20000}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-cpu-idle-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#cpu",
     .summary = "a cpu.idle value other than 0 or 1",
     .explanation =
         "cpu.idle is a switch: 0 keeps the default scheduling, 1 makes the cgroup SCHED_IDLE. "
         "The schema accepts any int64, but the kernel's cpu.idle file takes only 0 and 1, so a "
         "runtime that applies the setting fails on any other value. Write 0 or 1.",
     .spec_text =
         "config-linux.md, CPU: \"idle (int64, OPTIONAL) - cgroups are configured with minimum "
         "weight, 0: default behavior, 1: SCHED_IDLE.\"; config.md, Valid values: \"Runtimes "
         "MUST generate an error when invalid or unsupported values are encountered.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"cpu": {"idle": 2}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"cpu": {"idle": 1}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-cpuset-list-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#cpu",
     .summary = "a cpu.cpus or cpu.mems value that is not a list of numbers and ranges",
     .explanation =
         "cpu.cpus and cpu.mems are written to cpuset.cpus and cpuset.mems, which take a "
         "comma-separated list of numbers and ranges such as 0-3,7 (a range may carry the "
         "kernel's :used/group stride suffix, as in 0-15:2/4). This rule fires on any other "
         "text, such as 0..3, 1;2 or a range whose start is above its end: the kernel refuses "
         "the write with EINVAL and the runtime fails to set up the cgroup. An empty value "
         "means unset.",
     .spec_text =
         "config-linux.md, CPU: \"cpus (string, OPTIONAL) - list of CPUs the container will run "
         "on. This is a comma-separated list, with dashes to represent ranges. For example, 0-3,7 "
         "represents CPUs 0,1,2,3, and 7.\"; config.md, Valid values: \"Runtimes MUST generate "
         "an error when invalid or unsupported values are encountered.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"cpu": {"cpus": "0..3"}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"cpu": {"cpus": "0-3,7"}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-unified-key-malformed",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#unified",
     .summary = "a linux.resources.unified key that is not a cgroup v2 file name",
     .explanation =
         "Each key of unified names a file of the cgroup v2 hierarchy, and those are all "
         "<controller>.<setting> (memory.high, pids.max, cgroup.freeze...). This rule fires on "
         "a key without a dot, with a dot at its start or end, or with a slash: it names no "
         "controller, so the runtime cannot enable one, and a slash would leave the "
         "container's cgroup directory. runc refuses such a config (on cgroup v1 it refuses "
         "unified altogether); runc and crun on cgroup v2 fail when they open the file.",
     .spec_text =
         "config-linux.md, Unified: \"The runtime MUST generate an error when the configuration "
         "refers to a cgroup controller that is not present or that cannot be enabled.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"unified": {"memoryhigh": "1G"}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"unified": {"memory.high": "1G"}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-unified-unknown-controller",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#unified",
     .summary = "a linux.resources.unified key whose controller Linux does not have",
     .explanation =
         "The part of a unified key before its first dot names the cgroup v2 controller the "
         "file belongs to (or cgroup. for the core files). This rule fires when that part is "
         "none of cgroup, cpu, cpuset, io, memory, hugetlb, pids, rdma, misc, dmem and irq, the "
         "prefixes of Linux's cgroup v2 files up to 6.16: usually a cgroup v1 name such as "
         "blkio or memsw, or a typo. The spec requires the runtime to fail on a controller that "
         "is not present; a warning here, because a later kernel may add a controller.",
     .spec_text =
         "config-linux.md, Unified: \"The runtime MUST generate an error when the configuration "
         "refers to a cgroup controller that is not present or that cannot be enabled.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"unified": {"blkio.weight": "100"}}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"unified": {"io.weight": "100"}}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "resource-hugepage-size-not-power-of-two",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config-linux.md#huge-page-limits",
     .summary = "a hugepage size that is not a power of two, so no architecture has it",
     .explanation =
         "pageSize must match the <hugepagesize> of a hugetlb control file of the host. The "
         "sizes depend on the architecture (2MB and 1GB on x86_64; 64KB, 2MB, 32MB and 1GB "
         "with 4K pages on arm64...), so oci-lint does not judge a size against one "
         "architecture, but every hugepage size is a power of two: 3MB or 100KB exists "
         "nowhere. The schema already checks the <number><KB|MB|GB> shape. runc refuses such a "
         "config (\"cannot set hugetlb limit\"); crun 1.8.1 was observed without cgroups.",
     .spec_text =
         "config-linux.md, Huge page limits: \"The value has the format <size><unit-prefix>B "
         "(64KB, 2MB, 1GB), and must match the <hugepagesize> of the corresponding control "
         "file found in /sys/fs/cgroup/hugetlb/hugetlb.<hugepagesize>.rsvd.limit_in_bytes\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"hugepageLimits": [{"pageSize": "3MB", "limit": 0}]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"resources": {"hugepageLimits": [{"pageSize": "2MB", "limit": 0}]}})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

/// The value of `key` in `object` when it is an integer literal that fits an int64.
std::optional<int64_t> IntMember(const json::Document& doc, const json::Node& object,
                                 std::string_view key, json::NodeId* id = nullptr) {
  json::NodeId node = doc.Find(object, key);
  std::optional<int64_t> value = doc.IntegerAt<int64_t>(node);
  if (value && id) *id = node;
  return value;
}

void CheckMemory(const RuleContext& context, const json::Node& memory) {
  const json::Document& doc = context.doc();
  const std::string base = "/linux/resources/memory";
  for (std::string_view key : {"limit", "reservation", "swap", "kernel", "kernelTCP"}) {
    json::NodeId id = json::kNoNode;
    std::optional<int64_t> value = IntMember(doc, memory, key, &id);
    if (value && *value < -1) {
      context.Report("resource-memory-value-invalid", id, base + "/" + std::string(key),
                     "memory." + std::string(key) + " " + std::to_string(*value) +
                         " is neither a byte count nor -1 (unlimited)",
                     "write a number of bytes, or -1 for no limit");
    }
  }
  for (std::string_view key : {"kernel", "kernelTCP"}) {
    json::NodeId id = json::kNoNode;
    std::optional<int64_t> value = IntMember(doc, memory, key, &id);
    if (!value || *value == -1) continue;
    context.Report("resource-memory-kernel-limit", id, base + "/" + std::string(key),
                   "memory." + std::string(key) +
                       " is NOT RECOMMENDED: kernel memory limits are deprecated in Linux and "
                       "missing from cgroup v2, and runc and crun ignore them there",
                   "remove memory." + std::string(key) + "; memory.limit covers kernel memory");
  }

  json::NodeId limit_id = json::kNoNode;
  json::NodeId swap_id = json::kNoNode;
  json::NodeId reservation_id = json::kNoNode;
  std::optional<int64_t> limit = IntMember(doc, memory, "limit", &limit_id);
  std::optional<int64_t> swap = IntMember(doc, memory, "swap", &swap_id);
  std::optional<int64_t> reservation = IntMember(doc, memory, "reservation", &reservation_id);
  if (!limit || *limit <= 0) return;
  if (swap && *swap > 0 && *swap < *limit) {
    context.Report("resource-memory-swap-below-limit", swap_id, base + "/swap",
                   "memory.swap " + std::to_string(*swap) +
                       " limits memory and swap together but is below memory.limit " +
                       std::to_string(*limit) + " (runc refuses this on cgroup v1)",
                   "set swap to at least " + std::to_string(*limit) + " (equal means no swap), " +
                       "or to -1 for unlimited swap");
  }
  if (reservation && *reservation > *limit) {
    context.Report("resource-memory-reservation-above-limit", reservation_id, base + "/reservation",
                   "memory.reservation " + std::to_string(*reservation) +
                       " is above memory.limit " + std::to_string(*limit) +
                       ": the soft limit can never be reached",
                   "lower reservation to at most " + std::to_string(*limit));
  }
}

/// Reads a decimal number at the start of `text` and drops it; false when there is none.
bool TakeNumber(std::string_view& text, uint64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data()) return false;
  text.remove_prefix(static_cast<size_t>(end - text.data()));
  return true;
}

/// True for a kernel cpu/node list: items N or N-M[:used/group], separated by commas.
bool ValidCpusetList(std::string_view list) {
  while (true) {
    size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    uint64_t first = 0;
    if (!TakeNumber(item, first)) return false;
    if (!item.empty() && item.front() == '-') {
      item.remove_prefix(1);
      uint64_t last = 0;
      if (!TakeNumber(item, last) || last < first) return false;
      if (!item.empty() && item.front() == ':') {
        item.remove_prefix(1);
        uint64_t used = 0;
        uint64_t group = 0;
        if (!TakeNumber(item, used) || item.empty() || item.front() != '/') return false;
        item.remove_prefix(1);
        if (!TakeNumber(item, group) || used == 0 || used > group) return false;
      }
    }
    if (!item.empty()) return false;
    if (comma == std::string_view::npos) return true;
    list.remove_prefix(comma + 1);
  }
}

void CheckCpu(const RuleContext& context, const json::Node& cpu) {
  const json::Document& doc = context.doc();
  for (std::string_view key : {"cpus", "mems"}) {
    json::NodeId id = doc.Find(cpu, key);
    if (id == json::kNoNode || doc.node(id).type != json::Type::kString) continue;
    std::string_view list = doc.node(id).text;
    if (list.empty() || ValidCpusetList(list)) continue;
    context.Report("resource-cpuset-list-invalid", id, "/linux/resources/cpu/" + std::string(key),
                   "cpu." + std::string(key) + " " + json::Quote(list) +
                       " is not a comma-separated list of numbers and ranges; the kernel "
                       "refuses it",
                   "write it like \"0-3,7\"");
  }
  json::NodeId idle_id = json::kNoNode;
  std::optional<int64_t> idle = IntMember(doc, cpu, "idle", &idle_id);
  if (idle && *idle != 0 && *idle != 1) {
    context.Report(
        "resource-cpu-idle-invalid", idle_id, "/linux/resources/cpu/idle",
        "cpu.idle " + std::to_string(*idle) + " is neither 0 (default) nor 1 (SCHED_IDLE)",
        "write 0 or 1");
  }
  json::NodeId burst_id = json::kNoNode;
  std::optional<int64_t> quota = IntMember(doc, cpu, "quota");
  std::optional<int64_t> burst = IntMember(doc, cpu, "burst", &burst_id);
  if (quota && *quota > 0 && burst && *burst > *quota) {
    context.Report("resource-cpu-burst-above-quota", burst_id, "/linux/resources/cpu/burst",
                   "cpu.burst " + std::to_string(*burst) + " is larger than cpu.quota " +
                       std::to_string(*quota) + "; the kernel refuses a burst above the quota",
                   "lower burst to at most " + std::to_string(*quota));
  }
}

bool ValidUnifiedKey(std::string_view key) {
  size_t dot = key.find('.');
  return dot != std::string_view::npos && dot != 0 && key.back() != '.' &&
         key.find('/') == std::string_view::npos;
}

bool KnownController(std::string_view controller) {
  for (std::string_view known : {"cgroup", "cpu", "cpuset", "io", "memory", "hugetlb", "pids",
                                 "rdma", "misc", "dmem", "irq"}) {
    if (controller == known) return true;
  }
  return false;
}

void CheckUnified(const RuleContext& context, const json::Node& unified) {
  const json::Document& doc = context.doc();
  for (uint32_t i = 0; i < unified.count; ++i) {
    const json::Member& member = doc.member(unified, i);
    if (ValidUnifiedKey(member.key)) {
      std::string_view controller = member.key.substr(0, member.key.find('.'));
      if (KnownController(controller)) continue;
      context.Report("resource-unified-unknown-controller", member.value,
                     "/linux/resources/unified/" + json::EscapePointerToken(member.key),
                     "unified key " + json::Quote(member.key) + " belongs to controller " +
                         json::Quote(controller) + ", which cgroup v2 does not have",
                     "use the cgroup v2 file, e.g. io.weight for blkio.weight");
      continue;
    }
    if (context.Full("resource-unified-key-malformed")) {
      context.Report("resource-unified-key-malformed", member.value, {}, {});
      continue;
    }
    context.Report("resource-unified-key-malformed", member.value,
                   "/linux/resources/unified/" + json::EscapePointerToken(member.key),
                   "unified key " + json::Quote(member.key) +
                       " is not a cgroup v2 file name of the form <controller>.<setting>",
                   "use the cgroup v2 file name, such as \"memory.high\" or \"pids.max\"");
  }
}

/// The byte count of a pageSize of the form <digits><K|M|G>B, or nullopt for another shape.
std::optional<uint64_t> PageSizeBytes(std::string_view size) {
  if (size.size() < 3 || size.back() != 'B') return std::nullopt;
  char unit = size[size.size() - 2];
  int shift = unit == 'K' ? 10 : unit == 'M' ? 20 : unit == 'G' ? 30 : -1;
  if (shift < 0) return std::nullopt;
  std::string_view digits = size.substr(0, size.size() - 2);
  uint64_t number = 0;
  auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (error != std::errc() || end != digits.data() + digits.size() || number == 0)
    return std::nullopt;
  if (number > (UINT64_MAX >> shift)) return std::nullopt;
  return number << shift;
}

void CheckHugepages(const RuleContext& context, const json::Node& limits) {
  const json::Document& doc = context.doc();
  for (uint32_t i = 0; i < limits.count; ++i) {
    json::NodeId entry = doc.element(limits, i);
    if (doc.node(entry).type != json::Type::kObject) continue;
    json::NodeId size_id = doc.Find(doc.node(entry), "pageSize");
    if (size_id == json::kNoNode || doc.node(size_id).type != json::Type::kString) continue;
    std::string_view size = doc.node(size_id).text;
    std::optional<uint64_t> bytes = PageSizeBytes(size);
    if (!bytes || (*bytes & (*bytes - 1)) == 0) continue;
    context.Report("resource-hugepage-size-not-power-of-two", size_id,
                   "/linux/resources/hugepageLimits/" + std::to_string(i) + "/pageSize",
                   "pageSize " + json::Quote(size) +
                       " is not a power of two, so no architecture has such hugepages",
                   "use a size the host has (ls /sys/kernel/mm/hugepages), such as \"2MB\"");
  }
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
  if (const json::Node* unified = ObjectMember(doc, *resources, "unified"))
    CheckUnified(context, *unified);
  json::NodeId hugepages = doc.Find(*resources, "hugepageLimits");
  if (hugepages != json::kNoNode && doc.node(hugepages).type == json::Type::kArray)
    CheckHugepages(context, doc.node(hugepages));
}

}  // namespace

extern constinit const RuleFamily kResourceRules{"resources", Check, kRules};

}  // namespace ocilint::lint
