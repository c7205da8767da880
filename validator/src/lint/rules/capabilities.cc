// The capability rules (cap-*): config.md "Linux Process", process.capabilities. Since
// runtime-spec 1.1.0 a runtime MUST warn about a capability it cannot grant and SHOULD NOT fail,
// so every finding here is a warning. See docs/rules/capabilities.md for the exact definitions.

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "caps/table.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

constexpr std::array<std::string_view, 5> kSets = {"bounding", "effective", "inheritable",
                                                   "permitted", "ambient"};
constexpr caps::KernelVersion kWarningSpec{1, 1, 0};

/// One string entry of a capability set, and what the rules found out about it.
struct Entry {
  json::NodeId node;
  std::string_view raw;
  std::string_view set;
  uint32_t index;  ///< in the set's array
  std::string normalized;
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
  return help + ". Note: this config declares ociVersion " + version->ToString() +
         ", and runtime-spec 1.0.x required runtimes to fail on such a value instead of warning";
}

/// Normalized name -> index of its first entry in one set.
using FirstSeen = std::unordered_map<std::string_view, size_t>;

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
  auto [first, inserted] = first_seen.emplace(e.normalized, index);
  if (!inserted) {
    size_t i = first->second;
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
      sets[s].push_back(
          {node, doc.node(node).text, kSets[s], i, caps::Normalize(doc.node(node).text)});
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

}  // namespace ocilint::lint
