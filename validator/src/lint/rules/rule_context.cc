#include <cassert>

#include "lint/rules/catalogue.h"
#include "lint/rules/platform.h"
#include "lint/rules/rule_family.h"
#include "lint/runtimes/runtime_knowledge.h"

namespace ocilint::lint {

RuleContext::RuleContext(const json::Document& doc, const Target& target,
                         std::vector<diag::Diagnostic>* findings, size_t max_per_rule)
    : doc_(doc), target_(target), findings_(findings), max_per_rule_(max_per_rule) {
  if (doc.empty()) return;
  platforms_ = FindPlatformObjects(doc);
  windows_evidence_ = FindWindowsEvidence(doc, platforms_);
  linux_runtimes_apply_ =
      platforms_.linux_object != json::kNoNode ||
      (platforms_.windows == json::kNoNode && platforms_.solaris == json::kNoNode &&
       platforms_.zos == json::kNoNode && platforms_.freebsd == json::kNoNode);
  json::NodeId version = doc.Find(doc.node(doc.root()), "ociVersion");
  if (version != json::kNoNode && doc.node(version).type == json::Type::kString) {
    spec_version_ = caps::KernelVersion::Parse(doc.node(version).text);
    declared_version_ = ReadDeclaredVersion(doc.node(version).text);
  }
}

RuleContext::RuleCount& RuleContext::CountOf(std::string_view rule) const {
  for (RuleCount& c : counts_) {
    if (c.rule == rule) return c;
  }
  const diag::RuleInfo* info = FindRule(rule);
  assert(info && "a family reports a rule that no family declares");
  static const std::string kNoRuntimes;
  RuleCount& added = counts_.emplace_back(RuleCount{
      rule, info, 0, linux_runtimes_apply_ ? &DescribeRuntimes(rule) : &kNoRuntimes, false});
  if (!linux_runtimes_apply_) return added;
  if (const RuntimeKnowledge* known = FindRuntimeKnowledge(target_.runtime.name)) {
    const RuntimeBehaviour* b = FindBehaviour(*known, rule);
    added.target_refuses = b && b->outcome == RuntimeOutcome::kRefuses;
  }
  return added;
}

bool RuleContext::Full(std::string_view rule) const {
  return CountOf(rule).count >= max_per_rule_;
}

void RuleContext::Finish() const {
  for (const RuleCount& c : counts_) {
    if (c.count <= max_per_rule_) continue;
    findings_->push_back(
        diag::MoreFindings(c.rule, c.info ? c.info->default_severity : diag::Severity::kWarning,
                           doc_.source().size(), c.count - max_per_rule_, max_per_rule_));
  }
}

void RuleContext::Report(std::string_view rule, json::NodeId node, std::string pointer,
                         std::string message, std::string help) const {
  RuleCount& counted = CountOf(rule);
  if (counted.count++ >= max_per_rule_) return;
  const diag::RuleInfo* info = counted.info;
  diag::Diagnostic d;
  d.rule = std::string(rule);
  d.severity = info ? info->default_severity : diag::Severity::kWarning;
  d.pointer = std::move(pointer);
  d.offset = doc_.node(node).offset;
  d.message = std::move(message);
  d.help = std::move(help);
  if (!counted.runtimes->empty()) {
    if (!d.help.empty()) d.help += d.help.back() == '.' ? " " : ". ";
    d.help += *counted.runtimes;
  }
  if (info) d.target_aspects = info->target_aspects;
  if (counted.target_refuses) {
    // A config that passes must start on the target runtime: its refusal is an error.
    d.target_aspects |= diag::kTargetRuntime;
    d.severity = diag::Severity::kError;
    d.message += " (" + target_.runtime.Label() + " refuses such a config at create)";
  }
  if (info) d.spec = diag::SpecUrl(info->spec_anchor);
  findings_->push_back(std::move(d));
}

}  // namespace ocilint::lint
