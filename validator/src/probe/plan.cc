#include "probe/plan.h"

#include <unordered_map>

#include "json/number.h"
#include "lint/rules/capabilities.h"

namespace ocilint::probe {

namespace {

/// The rules whose warning predicts that the kernel refuses the capability.
bool PredictsRefusal(std::string_view rule) {
  return rule == "cap-unsupported-kernel" || rule == "cap-unavailable" ||
         rule == "cap-ambient-not-granted" || rule == "cap-effective-not-permitted" ||
         rule == "cap-inheritable-not-bounding";
}

}  // namespace

caps::CapState ProbePlan::Expected() const {
  return {sets[kInheritable].expected, sets[kPermitted].expected, sets[kEffective].expected,
          sets[kBounding].expected, sets[kAmbient].expected};
}

caps::CapMask TargetCapabilities(const lint::Target& target) {
  caps::CapMask mask = 0;
  for (const caps::Capability& cap : caps::AllCapabilities()) {
    if (target.kernel.Supports(cap) && target.environment.Has(cap)) {
      mask |= caps::CapMask{1} << cap.number;
    }
  }
  return mask;
}

ProbePlan MakePlan(const json::Document& doc, const lint::Target& target) {
  ProbePlan plan;
  plan.target_caps = TargetCapabilities(target);
  plan.rlimits = MakeRlimitPlan(doc, target);
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return plan;
  std::vector<diag::Diagnostic> findings;
  lint::RuleContext context(doc, target, &findings);
  lint::CheckCapabilities(context);
  for (const diag::Diagnostic& d : findings) {
    if (d.rule != "cap-duplicate" && context.Full(d.rule)) {
      plan.unjudgeable = TooManyFindings(d.rule);
      break;
    }
  }
  if (plan.unjudgeable.empty()) plan.unjudgeable = plan.rlimits.unjudgeable;

  json::NodeId process = doc.Find(doc.node(doc.root()), "process");
  if (process == json::kNoNode || doc.node(process).type != json::Type::kObject) return plan;
  const json::Node& p = doc.node(process);
  if (json::NodeId nnp = doc.Find(p, "noNewPrivileges");
      nnp != json::kNoNode && doc.node(nnp).type == json::Type::kBool) {
    plan.no_new_privileges = doc.node(nnp).boolean;
  }
  if (json::NodeId user = doc.Find(p, "user");
      user != json::kNoNode && doc.node(user).type == json::Type::kObject) {
    for (auto [key, out] : {std::pair{"uid", &plan.uid}, std::pair{"gid", &plan.gid}}) {
      json::NodeId id = doc.Find(doc.node(user), key);
      long long value = 0;
      if (id != json::kNoNode && doc.node(id).type == json::Type::kNumber &&
          json::Number::FromLiteral(doc.node(id).text).ToInt64(&value) && value >= 0 &&
          value <= UINT32_MAX) {
        *out = static_cast<uint32_t>(value);
      }
    }
  }
  json::NodeId capabilities = doc.Find(p, "capabilities");
  if (capabilities == json::kNoNode || doc.node(capabilities).type != json::Type::kObject) {
    return plan;
  }
  // By pointer: a config of 100,000 entries has as many findings, and matching each entry
  // against every finding took seconds.
  std::unordered_map<std::string, std::vector<const diag::Diagnostic*>> findings_at;
  for (const diag::Diagnostic& d : findings) findings_at[d.pointer].push_back(&d);
  for (size_t s = 0; s < kSetNames.size(); ++s) {
    json::NodeId list = doc.Find(doc.node(capabilities), kSetNames[s]);
    if (list == json::kNoNode || doc.node(list).type != json::Type::kArray) continue;
    const json::Node& array = doc.node(list);
    for (uint32_t i = 0; i < array.count; ++i) {
      const json::Node& entry = doc.node(doc.element(array, i));
      if (entry.type != json::Type::kString) continue;
      std::string pointer =
          "/process/capabilities/" + std::string(kSetNames[s]) + "/" + std::to_string(i);
      SetPlan& set = plan.sets[s];
      set.requested.emplace_back(entry.text);
      bool warned = false;
      static const std::vector<const diag::Diagnostic*> kNone;
      auto at = findings_at.find(pointer);
      for (const diag::Diagnostic* d : at == findings_at.end() ? kNone : at->second) {
        if (d->rule == "cap-duplicate") continue;
        warned = true;
        const caps::Capability* cap = caps::FindByName(entry.text);
        if (cap && PredictsRefusal(d->rule)) {
          plan.ungrantable.push_back({cap->number, d->rule, static_cast<SetIndex>(s)});
        }
      }
      if (warned) {
        set.warned.emplace_back(entry.text);
      } else if (const caps::Capability* cap = caps::FindByName(entry.text)) {
        set.expected |= caps::CapMask{1} << cap->number;
      }
    }
  }
  return plan;
}

}  // namespace ocilint::probe
