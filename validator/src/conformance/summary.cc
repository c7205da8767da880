#include <algorithm>
#include <array>

#include "conformance/model.h"

namespace ocilint::conformance {

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass:
      return "pass";
    case Verdict::kFail:
      return "fail";
    case Verdict::kSkip:
      return "skip";
  }
  return "skip";
}

std::string RuntimeInfo::Label() const {
  std::string label = version.empty() ? name : name + " " + version;
  if (wrapper.name.empty()) return label;
  label += " through " + wrapper.name;
  return wrapper.policy.empty() ? label : label + " (" + wrapper.policy + ")";
  return label;
}

std::string RuntimeInfo::Through() const {
  if (wrapper.name.empty()) return "";
  std::string text = wrapper.name;
  if (!wrapper.path.empty()) text += " (" + wrapper.path + ")";
  if (!wrapper.policy.empty()) text += ", policy " + wrapper.policy;
  if (!wrapper.config.empty()) text += ", settings from " + wrapper.config;
  return text;
}

RequirementCounts CountRequirements(const ScenarioResult& scenario) {
  RequirementCounts c;
  for (const Requirement& r : scenario.requirements) {
    if (r.verdict == Verdict::kPass) ++c.passed;
    if (r.verdict == Verdict::kFail) ++c.failed;
    if (r.verdict == Verdict::kSkip) ++c.skipped;
  }
  return c;
}

Summary ConformanceReport::Summarize() const {
  Summary s;
  for (const ScenarioResult& scenario : scenarios) {
    ++s.scenarios;
    switch (scenario.verdict) {
      case Verdict::kPass:
        ++s.scenarios_passed;
        break;
      case Verdict::kFail:
        ++s.scenarios_failed;
        break;
      case Verdict::kSkip:
        ++s.scenarios_skipped;
        break;
    }
    RequirementCounts c = CountRequirements(scenario);
    s.requirements += scenario.requirements.size();
    s.requirements_passed += c.passed;
    s.requirements_failed += c.failed;
    s.requirements_skipped += c.skipped;
  }
  return s;
}

namespace {

/// The position of `source`'s document among the spec's documents; unknown ones last.
size_t DocumentRank(std::string_view source) {
  static constexpr std::array<std::string_view, 6> kOrder = {"config.md",   "config-linux.md",
                                                             "runtime.md",  "runtime-linux.md",
                                                             "features.md", "features-linux.md"};
  std::string_view document = source.substr(0, source.find(','));
  auto found = std::find(kOrder.begin(), kOrder.end(), document);
  return static_cast<size_t>(found - kOrder.begin());
}

}  // namespace

std::vector<SectionSummary> ConformanceReport::SummarizeBySection() const {
  std::vector<SectionSummary> sections;
  for (const ScenarioResult& scenario : scenarios) {
    for (const Requirement& r : scenario.requirements) {
      auto found = std::find_if(sections.begin(), sections.end(),
                                [&](const SectionSummary& s) { return s.section == r.source; });
      if (found == sections.end()) {
        sections.push_back({r.source, {}});
        found = sections.end() - 1;
      }
      ++(r.verdict == Verdict::kPass   ? found->counts.passed
         : r.verdict == Verdict::kFail ? found->counts.failed
                                       : found->counts.skipped);
    }
  }
  std::stable_sort(sections.begin(), sections.end(),
                   [](const SectionSummary& a, const SectionSummary& b) {
                     return DocumentRank(a.section) < DocumentRank(b.section);
                   });
  return sections;
}

}  // namespace ocilint::conformance
