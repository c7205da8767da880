#include "lint/cap_strip.h"

#include <set>

#include "lint/rules/capabilities.h"

namespace ocilint::lint {

std::vector<CapabilityRemoval> CapabilityRemovals(
    const json::Document& doc, const Target& target,
    const std::function<bool(std::string_view rule)>& remove, bool duplicates) {
  std::vector<CapabilityRemoval> removals;
  if (doc.empty()) return removals;
  std::vector<diag::Diagnostic> findings;
  RuleContext context(doc, target, &findings);
  CheckCapabilities(context);
  std::set<json::NodeId> omit;
  auto add = [&](const diag::Diagnostic& d, json::NodeId node) {
    if (omit.insert(node).second) removals.push_back({node, d});
  };
  for (bool duplicate_pass : {false, true}) {
    if (duplicate_pass && !duplicates) break;
    for (const diag::Diagnostic& d : findings) {
      if ((d.rule == "cap-duplicate") != duplicate_pass) continue;
      json::NodeId node = doc.Resolve(d.pointer);
      if (node == json::kNoNode) continue;
      if (!duplicate_pass) {
        if (remove(d.rule)) add(d, node);
        continue;
      }
      const json::Node& set = doc.node(doc.Resolve(d.pointer.substr(0, d.pointer.rfind('/'))));
      for (uint32_t i = 0; i < set.count && doc.element(set, i) != node; ++i) {
        json::NodeId earlier = doc.element(set, i);
        if (!omit.count(earlier) && doc.node(earlier).text == doc.node(node).text) {
          add(d, node);
          break;
        }
      }
    }
  }
  return removals;
}

}  // namespace ocilint::lint
