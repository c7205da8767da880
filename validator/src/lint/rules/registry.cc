#include <array>

#include "diag/rules.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

constexpr std::array kFamilies = {
    RuleFamily{"capabilities", CheckCapabilities},
};

}  // namespace

std::span<const RuleFamily> AllRuleFamilies() {
  return kFamilies;
}

RuleContext::RuleContext(const json::Document& doc, const Target& target,
                         std::vector<diag::Diagnostic>* findings)
    : doc_(doc), target_(target), findings_(findings) {
  if (doc.empty()) return;
  json::NodeId version = doc.Find(doc.node(doc.root()), "ociVersion");
  if (version != json::kNoNode && doc.node(version).type == json::Type::kString) {
    spec_version_ = caps::KernelVersion::Parse(doc.node(version).text);
  }
}

void RuleContext::Report(std::string_view rule, json::NodeId node, std::string pointer,
                         std::string message, std::string help) const {
  const diag::RuleInfo* info = diag::FindRule(rule);
  diag::Diagnostic d;
  d.rule = std::string(rule);
  d.severity = info ? info->default_severity : diag::Severity::kWarning;
  d.pointer = std::move(pointer);
  d.offset = doc_.node(node).offset;
  d.message = std::move(message);
  d.help = std::move(help);
  if (info) d.spec = diag::SpecUrl(info->spec_anchor);
  findings_->push_back(std::move(d));
}

}  // namespace ocilint::lint
