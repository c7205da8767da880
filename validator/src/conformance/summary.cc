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

}  // namespace ocilint::conformance
