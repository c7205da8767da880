// The conformance judge on recorded observations: pass, fail and skip for every requirement.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "conformance/battery.h"
#include "conformance/scenario.h"

namespace ocilint {
namespace {

using conformance::Judge;
using conformance::Observation;
using conformance::Scenario;
using conformance::ScenarioResult;
using conformance::Verdict;
using ::testing::HasSubstr;

constexpr caps::CapMask Bit(int n) {
  return caps::CapMask{1} << n;
}
constexpr caps::CapMask kDefault = Bit(0) | Bit(5) | Bit(10);  // CHOWN KILL NET_BIND_SERVICE

const Scenario& Find(const std::string& id) {
  static std::vector<Scenario> battery = conformance::Battery(40);
  for (const Scenario& s : battery) {
    if (s.id == id) return s;
  }
  throw std::runtime_error("no scenario " + id);
}

Observation Ran(int exit_code, std::optional<caps::CapState> sets = std::nullopt) {
  Observation o;
  o.ran = true;
  o.command = "runc run --bundle /b id";
  o.exit_code = exit_code;
  o.sets = sets;
  o.uid = 0;
  o.expected = o.predicted = {0, kDefault, kDefault, kDefault, 0};
  return o;
}

std::vector<Verdict> Verdicts(const ScenarioResult& r) {
  std::vector<Verdict> v;
  for (const auto& req : r.requirements) v.push_back(req.verdict);
  return v;
}

TEST(ConformanceJudgeTest, BaselinePassesWhenTheProcessGetsThePrediction) {
  Observation o = Ran(0, caps::CapState{0, kDefault, kDefault, kDefault, 0});
  ScenarioResult r = Judge(Find("baseline"), o);
  EXPECT_EQ(r.verdict, Verdict::kPass);
  EXPECT_EQ(Verdicts(r), (std::vector<Verdict>{Verdict::kPass, Verdict::kPass}));
  EXPECT_EQ(r.requirements[0].level, "MUST");
  EXPECT_THAT(r.requirements[0].evidence, ::testing::Contains("exit status: 0"));
}

TEST(ConformanceJudgeTest, BaselineFailsOnAnotherSetOrAFailedRun) {
  Observation wrong = Ran(0, caps::CapState{0, kDefault, Bit(0), kDefault, 0});
  ScenarioResult r = Judge(Find("baseline"), wrong);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(r.requirements[1].verdict, Verdict::kFail);
  EXPECT_THAT(r.requirements[1].evidence[1],
              HasSubstr("effective: observed [CAP_CHOWN], expected"));
  Observation failed = Ran(1);
  failed.stderr_text = "runc run failed: boom\n";
  r = Judge(Find("baseline"), failed);
  EXPECT_EQ(Verdicts(r), (std::vector<Verdict>{Verdict::kFail, Verdict::kSkip}));
  EXPECT_THAT(r.requirements[0].evidence, ::testing::Contains("stderr: runc run failed: boom"));
}

TEST(ConformanceJudgeTest, UnknownNameNeedsAWarningNoFailureAndTheRest) {
  const Scenario& s = Find("unknown-name");
  Observation good = Ran(0, caps::CapState{0, kDefault, kDefault, kDefault, 0});
  good.log_text = R"({"level":"warning","msg":"ignoring unknown or unavailable capabilities: )"
                  R"([CAP_OCI_LINT_NO_SUCH_CAPABILITY]"})";
  ScenarioResult r = Judge(s, good);
  EXPECT_EQ(Verdicts(r), (std::vector<Verdict>{Verdict::kPass, Verdict::kPass, Verdict::kPass}));
  EXPECT_EQ(r.requirements[0].level, "MUST");
  EXPECT_EQ(r.requirements[1].level, "SHOULD NOT");
  EXPECT_THAT(r.requirements[1].text, HasSubstr("Runtimes SHOULD NOT fail"));
  EXPECT_THAT(r.requirements[0].evidence[0], HasSubstr("warning: "));

  Observation silent = good;
  silent.log_text.clear();
  r = Judge(s, silent);
  EXPECT_EQ(r.requirements[0].verdict, Verdict::kFail);
  EXPECT_THAT(r.requirements[0].summary, HasSubstr("no warning names"));
}

TEST(ConformanceJudgeTest, EnvironmentUnavailableFailureIsAFailedShouldNot) {
  Observation o = Ran(1);
  o.stderr_text =
      "runc run failed: unable to start container process: unable to apply caps: "
      "operation not permitted\n";
  ScenarioResult r = Judge(Find("environment-unavailable"), o);
  EXPECT_EQ(r.verdict, Verdict::kFail);
  EXPECT_EQ(Verdicts(r), (std::vector<Verdict>{Verdict::kFail, Verdict::kFail, Verdict::kSkip}));
  EXPECT_EQ(r.requirements[1].level, "SHOULD NOT");
  EXPECT_THAT(r.requirements[1].summary, HasSubstr("exit status 1"));
  EXPECT_THAT(r.requirements[1].evidence.back(), HasSubstr("operation not permitted"));
}

TEST(ConformanceJudgeTest, MalformedNamesMayBeMappedOrWarned) {
  const Scenario& s = Find("malformed-name");
  // Mapped: CAP_KILL and CAP_NET_BIND_SERVICE granted, so no warning is needed.
  Observation mapped = Ran(0, caps::CapState{0, kDefault, kDefault, kDefault, 0});
  mapped.predicted = {0, Bit(0), Bit(0), Bit(0), 0};
  mapped.predicted_if_mapped = caps::CapState{0, kDefault, kDefault, kDefault, 0};
  ScenarioResult r = Judge(s, mapped);
  EXPECT_EQ(r.verdict, Verdict::kPass) << r.requirements[2].summary;
  EXPECT_THAT(r.requirements[0].evidence, ::testing::Contains(HasSubstr("mapped")));
  // Dropped without a warning: the MUST fails.
  Observation dropped = Ran(0, caps::CapState{0, Bit(0), Bit(0), Bit(0), 0});
  dropped.predicted = {0, Bit(0), Bit(0), Bit(0), 0};
  r = Judge(s, dropped);
  EXPECT_EQ(r.requirements[0].verdict, Verdict::kFail);
  EXPECT_EQ(r.requirements[2].verdict, Verdict::kPass);
}

TEST(ConformanceJudgeTest, ScenariosThatCannotRunAreSkippedWithTheReason) {
  std::vector<Scenario> battery = conformance::Battery(40);
  const Scenario& kernel = *std::find_if(battery.begin(), battery.end(), [](const Scenario& s) {
    return s.id == "kernel-unsupported";
  });
  ASSERT_FALSE(kernel.skip_reason.empty()) << "cap_last_cap 40: nothing is newer";
  Observation o;
  o.not_run_reason = kernel.skip_reason;
  ScenarioResult r = Judge(kernel, o);
  EXPECT_EQ(r.verdict, Verdict::kSkip);
  for (const auto& req : r.requirements) EXPECT_EQ(req.verdict, Verdict::kSkip);
  EXPECT_THAT(r.skip_reason, HasSubstr("cap_last_cap 40"));
  std::vector<Scenario> older = conformance::Battery(37);
  auto newer = std::find_if(older.begin(), older.end(),
                            [](const Scenario& s) { return s.id == "kernel-unsupported"; });
  EXPECT_TRUE(newer->skip_reason.empty());
  EXPECT_THAT(newer->ungrantable, ::testing::ElementsAre("CAP_PERFMON"));
}

TEST(ConformanceJudgeTest, TheBatteryHasTheFixedIds) {
  EXPECT_EQ(conformance::ScenarioIds(), (std::vector<std::string>{"baseline",
                                                                  "unknown-name",
                                                                  "malformed-name",
                                                                  "kernel-unsupported",
                                                                  "environment-unavailable",
                                                                  "ambient-without-inheritable",
                                                                  "non-root-ambient",
                                                                  "no-new-privileges",
                                                                  "ns-duplicate",
                                                                  "ns-path-wrong-type",
                                                                  "device-path-conflict",
                                                                  "rlimit-unmappable",
                                                                  "hostname",
                                                                  "user",
                                                                  "cwd",
                                                                  "env",
                                                                  "no-new-privileges-flag",
                                                                  "root-readonly",
                                                                  "masked-paths",
                                                                  "readonly-paths",
                                                                  "sysctl",
                                                                  "mounts-order",
                                                                  "oom-score-adj",
                                                                  "oom-score-adj-unset",
                                                                  "rlimits",
                                                                  "hooks",
                                                                  "poststart-failure",
                                                                  "state-lifecycle",
                                                                  "features"}));
}

}  // namespace
}  // namespace ocilint
