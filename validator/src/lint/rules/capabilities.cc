// The capability rules (cap-*): config.md "Linux Process", process.capabilities. Since
// runtime-spec 1.1.0 a runtime MUST warn about a capability it cannot grant and SHOULD NOT fail,
// so every finding here is a warning.

#include "lint/rules/capabilities.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "caps/table.h"

namespace ocilint::lint {

namespace {

constexpr std::string_view kCapSpec =
    "config.md, Linux Process: \"Any value which cannot be mapped to a relevant kernel interface, "
    "or cannot be granted otherwise MUST be logged as a warning by the runtime. Runtimes SHOULD "
    "NOT fail if the container configuration requests capabilities that cannot be granted, for "
    "example, if the runtime operates in a restricted environment with a limited set of "
    "capabilities.\"";
constexpr std::string_view kAnchor = "config.md#linux-process";

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "cap-unknown",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a capability name that is not a capability in any spelling",
     .explanation =
         "Every entry of the five capability sets (bounding, effective, inheritable, permitted, "
         "ambient) has to name a Linux capability; the spec refers to capabilities(7) for the "
         "valid values, but its schema accepts any string. This rule fires on an entry that is "
         "not a capability in any spelling, even after trimming white space, upper-casing and "
         "reducing repeated CAP_ prefixes; it is usually a typo, and the help suggests the "
         "closest name. Since runtime-spec 1.1.0 a runtime MUST warn about such a value and "
         "SHOULD NOT fail. runc does: it logs \"ignoring unknown or unavailable capabilities\" and "
         "drops the entry, and crun up to 1.28 only warns (1.8.1 shows it only with --debug). "
         "crun 1.29 and later and youki refuse the whole config, so the typo that one runtime "
         "skips breaks the container on another. runtime-spec 1.0.x required an error here; for "
         "such an ociVersion the finding says so.",
     .spec_text = kCapSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_SYS_ADMN"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_SYS_ADMIN"]}}})",
     .security_severity = 4.0},
    {.slug = "cap-malformed",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a capability in a non-canonical spelling (lower case, no CAP_, CAP_CAP_...)",
     .explanation =
         "The entry becomes a capability name once white space is trimmed, it is upper-cased and "
         "repeated CAP_ prefixes are reduced to one, but it is not written canonically: "
         "cap_net_raw, NET_ADMIN, CAP_CAP_SYS_ADMIN or \" CAP_KILL\". Runtimes disagree on such "
         "spellings: runc treats it as an unknown name, warns and drops it, so the process runs "
         "without the capability, while youki accepts lower case and strips repeated prefixes. "
         "containerd produces CAP_CAP_ names itself when a CRI client already adds the prefix. "
         "Writing the canonical name makes every runtime grant the same capability.",
     .spec_text = kCapSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["cap_net_raw"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_NET_RAW"]}}})",
     .security_severity = 4.0},
    {.slug = "cap-unsupported-kernel",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a capability newer than the target kernel",
     .explanation =
         "The entry is a canonical capability that the target kernel does not have yet: CAP_BPF "
         "and CAP_PERFMON came in Linux 5.8, CAP_CHECKPOINT_RESTORE in 5.9 (not 5.8, as the spec "
         "change that introduced the warning says), CAP_AUDIT_READ in 3.16. The target kernel is "
         "--kernel: a release such as 5.4, the host's cap_last_cap by default, or none to skip "
         "the check. Such a value cannot be mapped to a kernel interface, so a runtime MUST warn "
         "and SHOULD NOT fail; runc warns and drops it, and crun and youki leave it to the "
         "kernel, which clears bits above its last capability without a word. Either way the "
         "process does not get it.",
     .spec_text = kCapSpec,
     .example_flags = "--kernel 5.4 --environment none",
     .example_fires =
         R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_BPF"]}}})",
     .example_silent =
         R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL"]}}})",
     .target_aspects = diag::kTargetKernel,
     .security_severity = 3.0},
    {.slug = "cap-unavailable",
     .default_severity = Severity::kWarning,
     .level = Level::kShouldNot,
     .spec_anchor = kAnchor,
     .summary = "a capability missing from the target environment's bounding set",
     .explanation =
         "The kernel has the capability, but the environment the runtime runs in does not: it is "
         "missing from that environment's bounding set, as in docker-in-docker with Docker's 14 "
         "default capabilities or in a restricted CI sandbox. --environment names the "
         "environment: the bounding set of oci-lint's own process by default, or a "
         "/proc/PID/status capture taken there. The spec says a runtime SHOULD NOT fail on a "
         "capability that cannot be granted, but runc and crun both fail with EPERM from "
         "capset(2) (\"unable to apply caps: operation not permitted\"), so this warning predicts "
         "a failed start. Remove the capability, or grant it to the outer environment (docker run "
         "--cap-add). cap-unsupported-kernel takes precedence.",
     .spec_text = kCapSpec,
     .example_flags =
         "--kernel none --environment testdata/caps/environments/docker-default.status",
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_SYS_ADMIN"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL"]}}})",
     .target_aspects = diag::kTargetEnvironment,
     .security_severity = 3.0},
    {.slug = "cap-unsupported-runtime",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a capability the target runtime does not know",
     .explanation =
         "The entry is a canonical capability that the target runtime does not list among the "
         "names it recognizes. A runtime publishes that list in its features document (runc "
         "features, linux.capabilities, since runtime-spec 1.1.0); give it with "
         "--runtime-features FILE or let oci-lint run --runtime NAME. A missing or null list "
         "means unknown, and then nothing is reported. A runtime that does not know a name "
         "cannot map it: runc warns and drops it, while crun 1.29 and later and youki refuse the "
         "config. This rule is independent of the kernel and environment checks: it can fire "
         "together with them.",
     .spec_text =
         "features-linux.md, Capabilities: \"The runtime MUST recognize the elements in this "
         "array in the process.capabilities object of config.json.\"",
     .example_flags =
         "--kernel none --environment none --runtime-features testdata/caps/features/no-bpf.json",
     .example_fires =
         R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_BPF"]}}})",
     .example_silent =
         R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL"]}}})",
     .target_aspects = diag::kTargetRuntime,
     .security_severity = 3.0},
    {.slug = "cap-duplicate",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a capability listed twice in the same set",
     .explanation =
         "The entry names the same capability as an earlier entry of the same set, after the "
         "normalisation cap-malformed uses (CAP_KILL and cap_kill are the same). A repetition "
         "grants nothing more, and when spellings differ the two entries can be treated "
         "differently: runc keeps CAP_KILL and drops cap_kill. It is reported at every later "
         "repetition, in addition to any other finding on that entry. The same capability in "
         "different sets is not a duplicate.",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL", "CAP_KILL"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL"], "permitted": ["CAP_KILL"]}}})",
     .security_severity = 2.0},
    {.slug = "cap-inheritable-not-bounding",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "an inheritable capability outside the bounding set, which capset(2) refuses",
     .explanation =
         "The entry is an inheritable capability, valid for the target, that is not a valid "
         "entry of the bounding set. Runtimes drop the bounding set first, and capset(2) then "
         "refuses an inheritable capability outside it with EPERM; runc and crun fail to start "
         "the container here. The spec does not name this case, but it is a capability that "
         "cannot be granted. oci-lint probe found the gap: such configs passed the linter and "
         "then failed with capset: EPERM. An inheritable entry outside bounding does not count "
         "as inheritable for cap-ambient-not-granted either.",
     .spec_text = kCapSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "inheritable": ["CAP_KILL", "CAP_NET_RAW"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL", "CAP_NET_RAW"], "inheritable": ["CAP_KILL", "CAP_NET_RAW"]}}})",
     .security_severity = 3.0},
    {.slug = "cap-ambient-not-granted",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "an ambient capability that is not both permitted and inheritable",
     .explanation =
         "The entry is an ambient capability, valid for the target, that is not a valid entry of "
         "both permitted and inheritable (an inheritable entry outside bounding does not count). "
         "The kernel raises an ambient capability only when it is both permitted and "
         "inheritable; otherwise prctl(PR_CAP_AMBIENT_RAISE) fails with EPERM, and the process "
         "runs without it, which matters for a non-root process that relies on ambient "
         "capabilities after execve. The output of runc spec and crun spec has this problem: an "
         "ambient set but no (or an empty) inheritable set. Add the capability to both sets, or "
         "remove it from ambient.",
     .spec_text = kCapSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "permitted": ["CAP_KILL"], "ambient": ["CAP_KILL"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL"], "permitted": ["CAP_KILL"], "inheritable": ["CAP_KILL"], "ambient": ["CAP_KILL"]}}})",
     .security_severity = 3.0},
    {.slug = "cap-effective-not-permitted",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "an effective capability that is not permitted",
     .explanation =
         "The entry is an effective capability, valid for the target, that is not a valid entry "
         "of the permitted set. The effective set is the part of the permitted set that is "
         "switched on, and capset(2) refuses an effective capability outside the permitted set, "
         "so the request cannot be granted as written. A missing permitted set counts as empty. "
         "Add the capability to permitted, or remove it from effective.",
     .spec_text = kCapSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/")"
         R"(, "args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]}}})",
     .security_severity = 3.0},
};

constexpr std::array<std::string_view, 5> kSets = {"bounding", "effective", "inheritable",
                                                   "permitted", "ambient"};
constexpr caps::KernelVersion kWarningSpec{1, 1, 0};

/// One string entry of a capability set, and what the rules found out about it.
struct Entry {
  json::NodeId node = json::kNoNode;
  std::string_view raw;
  std::string_view set;
  uint32_t index = 0;           ///< in the set's array
  std::string_view normalized;  ///< `raw` itself, or normalized_storage
  std::string normalized_storage;
  const caps::Capability* cap = nullptr;  ///< set only when `raw` is canonical
  bool valid = false;                     ///< canonical, and the kernel and environment have it

  /// Built only for a finding: most entries have none.
  std::string Pointer() const {
    return "/process/capabilities/" + std::string(set) + "/" + std::to_string(index);
  }
};

std::string Quoted(std::string_view text) {
  return json::Quote(text);
}

/// `help`, plus a note for findings that runtime-spec 1.0.x treated as errors.
std::string WithOldSpecNote(std::string help, const RuleContext& context) {
  const auto& version = context.spec_version();
  if (!version || !(*version < kWarningSpec)) return help;
  bool ended = !help.empty() && (help.back() == '?' || help.back() == '.');
  return help + (ended ? " Note" : ". Note") + ": this config declares ociVersion " +
         version->ToString() +
         ", and runtime-spec 1.0.x required runtimes to fail on such a value instead of warning";
}

/// The first entry of each name in one set: by number for known capabilities, in a hash table
/// (empty, and never allocated, in the usual config) for unknown names.
class FirstSeen {
 public:
  /// The index of the first entry named like entries[index], after recording it if it is new.
  size_t Remember(const std::vector<Entry>& entries, size_t index, const caps::Capability* known) {
    if (known) {
      uint32_t& first = known_[static_cast<size_t>(known->number)];
      if (first == kNone) first = static_cast<uint32_t>(index);
      return first;
    }
    return unknown_.emplace(entries[index].normalized, index).first->second;
  }

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  std::array<uint32_t, 64> known_ = Filled();
  std::unordered_map<std::string_view, size_t> unknown_;
  static constexpr std::array<uint32_t, 64> Filled() {
    std::array<uint32_t, 64> all{};
    all.fill(kNone);
    return all;
  }
};

/// Judges entries[index], the latest entry of `set`.
void JudgeEntry(const RuleContext& context, std::string_view set, std::vector<Entry>& entries,
                size_t index, FirstSeen& first_seen) {
  Entry& e = entries[index];
  const Target& target = context.target();
  const caps::Capability* known = caps::FindByName(e.normalized);
  if (!known) {
    std::string help = "remove it";
    // Once the finding is only counted, spare the edit distances of a suggestion.
    if (!context.Full("cap-unknown")) {
      if (auto suggestion = caps::Suggest(e.raw))
        help = "did you mean " + Quoted(*suggestion) + "?";
    }
    context.Report("cap-unknown", e.node, e.Pointer(),
                   "unknown capability " + Quoted(e.raw) +
                       ": runtimes that follow runtime-spec 1.1+ warn and skip it (runc does), "
                       "but crun >= 1.29 and youki refuse the config",
                   WithOldSpecNote(help, context));
  } else if (known->name != e.raw) {
    context.Report("cap-malformed", e.node, e.Pointer(),
                   Quoted(e.raw) + " is not the canonical spelling of " + std::string(known->name) +
                       ": runc warns and drops it, youki accepts it",
                   "write " + Quoted(known->name));
  } else {
    e.cap = known;
    bool kernel_has = target.kernel.Supports(*known);
    if (!kernel_has) {
      context.Report(
          "cap-unsupported-kernel", e.node, e.Pointer(),
          std::string(known->name) + " was added in Linux " + known->since.ToString() +
              "; the target kernel (" + target.kernel.Describe() + ") does not have it",
          WithOldSpecNote("remove it, or target a newer kernel; a runtime must warn and skip it",
                          context));
    } else if (!target.environment.Has(*known)) {
      context.Report(
          "cap-unavailable", e.node, e.Pointer(),
          std::string(known->name) + " is missing from " + target.environment.Label() +
              ": runc and crun fail with EPERM here, although the spec says they SHOULD NOT fail",
          WithOldSpecNote("remove it, or grant it to the environment that runs the runtime (for "
                          "docker-in-docker: --cap-add " +
                              std::string(known->name.substr(4)) + ")",
                          context));
    }
    e.valid = kernel_has && target.environment.Has(*known);
    if (!target.runtime.Knows(known->name)) {
      context.Report("cap-unsupported-runtime", e.node, e.Pointer(),
                     std::string(known->name) + " is not among the capabilities " +
                         target.runtime.Label() +
                         " knows; crun >= 1.29 and youki reject names they do not know",
                     "remove it, or use a runtime that knows it");
    }
  }
  if (size_t i = first_seen.Remember(entries, index, known); i != index) {
    context.Report("cap-duplicate", e.node, e.Pointer(),
                   Quoted(e.raw) + " repeats entry " + std::to_string(i) + " (" +
                       Quoted(entries[i].raw) + ") of " + std::string(set),
                   "remove the repetition");
  }
}

caps::CapMask ValidMask(const std::vector<Entry>& entries) {
  caps::CapMask mask = 0;
  for (const Entry& e : entries) {
    if (e.valid) mask |= caps::CapMask{1} << e.cap->number;
  }
  return mask;
}

}  // namespace

void CheckCapabilities(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  json::NodeId process = doc.Find(doc.node(doc.root()), "process");
  if (process == json::kNoNode || doc.node(process).type != json::Type::kObject) return;
  json::NodeId capabilities = doc.Find(doc.node(process), "capabilities");
  if (capabilities == json::kNoNode || doc.node(capabilities).type != json::Type::kObject) return;

  std::array<std::vector<Entry>, kSets.size()> sets;
  for (size_t s = 0; s < kSets.size(); ++s) {
    json::NodeId list = doc.Find(doc.node(capabilities), kSets[s]);
    if (list == json::kNoNode || doc.node(list).type != json::Type::kArray) continue;
    const json::Node& array = doc.node(list);
    // Entries keep string_views of their normalized names: no reallocation may move them.
    sets[s].reserve(array.count);
    FirstSeen first_seen;
    for (uint32_t i = 0; i < array.count; ++i) {
      json::NodeId node = doc.element(array, i);
      if (doc.node(node).type != json::Type::kString) continue;
      Entry& entry = sets[s].emplace_back();
      entry.node = node;
      entry.raw = doc.node(node).text;
      entry.set = kSets[s];
      entry.index = i;
      entry.normalized = caps::Normalize(entry.raw, &entry.normalized_storage);
      JudgeEntry(context, kSets[s], sets[s], sets[s].size() - 1, first_seen);
    }
  }

  const std::vector<Entry>& effective = sets[1];
  const std::vector<Entry>& ambient = sets[4];
  caps::CapMask bounding = ValidMask(sets[0]);
  caps::CapMask permitted = ValidMask(sets[3]);
  // capset(2) refuses an inheritable capability outside the bounding set, and runtimes drop
  // the bounding set first; such an entry is not granted, so ambient cannot rely on it either.
  caps::CapMask inheritable = 0;
  for (const Entry& e : sets[2]) {
    if (!e.valid) continue;
    if (caps::Contains(bounding, e.cap->number)) {
      inheritable |= caps::CapMask{1} << e.cap->number;
      continue;
    }
    context.Report("cap-inheritable-not-bounding", e.node, e.Pointer(),
                   "inheritable " + std::string(e.cap->name) +
                       " is not in the bounding set: runtimes drop the bounding set first, and "
                       "capset(2) then refuses an inheritable capability outside it (EPERM; runc "
                       "and crun fail here)",
                   "add " + Quoted(e.cap->name) + " to bounding, or remove it from inheritable");
  }
  for (const Entry& e : ambient) {
    if (!e.valid) continue;
    std::vector<std::string> lacking;
    if (!caps::Contains(permitted, e.cap->number)) lacking.emplace_back("permitted");
    if (!caps::Contains(inheritable, e.cap->number)) lacking.emplace_back("inheritable");
    if (lacking.empty()) continue;
    std::string where = lacking.size() == 2 ? "permitted and inheritable" : lacking[0];
    context.Report("cap-ambient-not-granted", e.node, e.Pointer(),
                   "ambient " + std::string(e.cap->name) + " is not granted in " + where +
                       ": the kernel raises an ambient capability only when it is both "
                       "permitted and inheritable (PR_CAP_AMBIENT_RAISE fails with EPERM)",
                   "add " + Quoted(e.cap->name) + " to " + where +
                       ", or remove it from ambient; a conforming runtime warns and goes on");
  }
  for (const Entry& e : effective) {
    if (!e.valid || caps::Contains(permitted, e.cap->number)) continue;
    context.Report("cap-effective-not-permitted", e.node, e.Pointer(),
                   "effective " + std::string(e.cap->name) +
                       " is not granted in permitted: capset(2) refuses an effective capability "
                       "outside the permitted set",
                   "add " + Quoted(e.cap->name) + " to permitted, or remove it from effective");
  }
}

extern constinit const RuleFamily kCapabilityRules{"capabilities", CheckCapabilities, kRules};

}  // namespace ocilint::lint
