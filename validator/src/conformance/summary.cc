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
    for (const Requirement& requirement : scenario.requirements) {
      ++s.requirements;
      switch (requirement.verdict) {
        case Verdict::kPass:
          ++s.requirements_passed;
          break;
        case Verdict::kFail:
          ++s.requirements_failed;
          break;
        case Verdict::kSkip:
          ++s.requirements_skipped;
          break;
      }
    }
  }
  return s;
}

}  // namespace ocilint::conformance
