// The rlimit half of the probe: a test process in a new user namespace (so without
// CAP_SYS_RESOURCE in the initial one) applies a config's rlimits in order, as runc and crun do,
// and the kernel's answers are compared with the linter's predictions. The tests that need user
// namespaces skip themselves, saying why, where there are none; CI runs them as root.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/resource.h>

#include <string>

#include "json/parser.h"
#include "lint/target.h"
#include "probe/plan.h"
#include "probe/rlimits.h"
#include "probe/runner.h"
#include "probe_test_util.h"
#include "test_util.h"

namespace ocilint {
namespace {

using probe::RlimitOutcome;
using probe::RlimitResult;
using ::testing::HasSubstr;
using testing::PlanFor;
using testing::ProbeOptions;
using testing::SourcePath;
using testing::TargetFor;
using testing::TempDir;

/// The status lines of a capture whose bounding set lacks CAP_SYS_RESOURCE, without its limits.
std::string StatusLackingCapSysResource() {
  std::string env = testing::ReadFile(SourcePath("testdata/rules/process-rlimit-unavailable/env"));
  return env.substr(0, env.find("Limit "));
}

/// A /proc/PID/limits table with one row: `label` (such as "Max open files") soft and hard.
std::string LimitsTable(const std::string& label, const std::string& soft,
                        const std::string& hard) {
  auto pad = [](std::string s, size_t width) { return s.append(width - s.size(), ' '); };
  return "Limit                     Soft Limit           Hard Limit           Units     \n" +
         pad(label, 26) + pad(soft, 21) + pad(hard, 21) + "\n";
}

std::string ConfigWithRlimits(const std::string& rlimits) {
  return R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [)" +
         rlimits + "]}}";
}

std::string Entry(const std::string& type, uint64_t soft, uint64_t hard) {
  return R"({"type": ")" + type + R"(", "soft": )" + std::to_string(soft) + R"(, "hard": )" +
         std::to_string(hard) + "}";
}

uint64_t OwnHardLimit(int resource) {
  rlimit limit{};
  EXPECT_EQ(getrlimit(resource, &limit), 0);
  return limit.rlim_max;
}

std::string Problems(const probe::ProbeOutcome& outcome) {
  std::string text = outcome.reason;
  for (const RlimitResult& r : outcome.rlimits) text += "\n  " + r.entry.type + ": " + r.note;
  return text;
}

class RlimitProbe : public ::testing::Test {
 protected:
  /// An environment lacking CAP_SYS_RESOURCE whose open-files limits are 256/512: below any
  /// caller's hard limit, so the test process can take them on without privileges.
  void SetUp() override {
    env_ = dir_.Write("env",
                      StatusLackingCapSysResource() + LimitsTable("Max open files", "256", "512"));
  }
  TempDir dir_;
  std::string env_;
};

TEST_F(RlimitProbe, EachPredictionMatchesTheKernel) {
  SKIP_WITHOUT_USER_NAMESPACES();
  probe::ProbePlan plan = PlanFor(
      ConfigWithRlimits(Entry("RLIMIT_NOFILE", 100, 400) + ", " + Entry("RLIMIT_NOFILE", 100, 450) +
                        ", " + Entry("RLIMIT_CORE", 10, 5)),
      TargetFor("none", env_));
  ASSERT_EQ(plan.rlimits.entries.size(), 3u);
  EXPECT_EQ(plan.rlimits.entries[0].predicted, RlimitOutcome::kApplied);
  EXPECT_EQ(plan.rlimits.entries[1].predicted, RlimitOutcome::kEperm)
      << "450 is above the 400 that entry 0 set: the linter must say so";
  EXPECT_EQ(plan.rlimits.entries[1].rule, "process-rlimit-unavailable");
  EXPECT_EQ(plan.rlimits.entries[2].predicted, RlimitOutcome::kEinval);

  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  ASSERT_EQ(outcome.verdict, probe::Verdict::kPass) << Problems(outcome);
  ASSERT_EQ(outcome.rlimits.size(), 3u);
  EXPECT_EQ(outcome.rlimits[0].observed, "applied");
  ASSERT_TRUE(outcome.rlimits[0].before && outcome.rlimits[0].read_back);
  EXPECT_EQ(outcome.rlimits[0].before->hard, 512u) << "the environment's limit, emulated";
  EXPECT_EQ(outcome.rlimits[0].read_back->soft, 100u);
  EXPECT_EQ(outcome.rlimits[0].read_back->hard, 400u);
  EXPECT_EQ(outcome.rlimits[1].observed, "EPERM");
  EXPECT_EQ(outcome.rlimits[2].observed, "EINVAL");
  for (const RlimitResult& r : outcome.rlimits) {
    EXPECT_EQ(r.judgement, RlimitResult::Judgement::kMatch) << r.entry.type << ": " << r.note;
  }
}

TEST_F(RlimitProbe, AboveTheEnvironmentsHardLimitIsEpermUnlessSoftIsAboveHard) {
  SKIP_WITHOUT_USER_NAMESPACES();
  probe::ProbePlan plan = PlanFor(
      ConfigWithRlimits(Entry("RLIMIT_NOFILE", 600, 500) + ", " + Entry("RLIMIT_NOFILE", 700, 600) +
                        ", " + Entry("RLIMIT_NOFILE", 300, 600) + ", " +
                        Entry("RLIMIT_NOFILE", 512, 512)),
      TargetFor("none", env_));
  ASSERT_EQ(plan.rlimits.entries.size(), 4u);
  EXPECT_EQ(plan.rlimits.entries[0].predicted, RlimitOutcome::kEinval)
      << "soft 600 is above the environment's 512, hard is not: the kernel says EINVAL";
  EXPECT_EQ(plan.rlimits.entries[1].predicted, RlimitOutcome::kEinval)
      << "soft above hard is checked before the hard limit";
  EXPECT_EQ(plan.rlimits.entries[2].predicted, RlimitOutcome::kEperm);
  EXPECT_EQ(plan.rlimits.entries[3].predicted, RlimitOutcome::kApplied);

  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  ASSERT_EQ(outcome.verdict, probe::Verdict::kPass) << Problems(outcome);
  std::vector<std::string> observed;
  for (const RlimitResult& r : outcome.rlimits) observed.push_back(r.observed);
  EXPECT_THAT(observed, ::testing::ElementsAre("EINVAL", "EINVAL", "EPERM", "applied"));
}

TEST_F(RlimitProbe, AWrongPredictionFailsTheVerdict) {
  SKIP_WITHOUT_USER_NAMESPACES();
  lint::Target target = TargetFor("none", env_);
  probe::ProbePlan plan = PlanFor(
      ConfigWithRlimits(Entry("RLIMIT_NOFILE", 100, 1000) + ", " + Entry("RLIMIT_CORE", 1, 2)),
      target);
  ASSERT_EQ(plan.rlimits.entries[0].predicted, RlimitOutcome::kEperm);
  // A linter that missed the refusal, and one that warned about a limit the kernel sets.
  plan.rlimits.entries[0].predicted = RlimitOutcome::kApplied;
  plan.rlimits.entries[0].rule.clear();
  plan.rlimits.entries[1].predicted = RlimitOutcome::kEperm;
  plan.rlimits.entries[1].rule = "process-rlimit-unavailable";
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  EXPECT_EQ(outcome.verdict, probe::Verdict::kFail);
  EXPECT_THAT(outcome.reason, HasSubstr("rlimits entry 0 (RLIMIT_NOFILE soft 100 hard 1000): the "
                                        "linter predicted applied, the kernel answered EPERM (a "
                                        "linter false negative)"));
  EXPECT_THAT(
      outcome.reason,
      HasSubstr(
          "entry 1 (RLIMIT_CORE soft 1 hard 2): the linter "
          "predicted EPERM (process-rlimit-unavailable), the kernel answered applied (a linter "
          "false positive)"));
}

TEST_F(RlimitProbe, TinyMemoryLimitsDoNotBreakTheTestProcess) {
  SKIP_WITHOUT_USER_NAMESPACES();
  // Nothing may be allocated once these are set: the test process reports through a fixed buffer.
  probe::ProbePlan plan = PlanFor(
      ConfigWithRlimits(Entry("RLIMIT_AS", 65536, 65536) + ", " + Entry("RLIMIT_DATA", 0, 0) +
                        ", " + Entry("RLIMIT_NOFILE", 0, 0) + ", " + Entry("RLIMIT_CPU", 1, 2)),
      TargetFor("none", env_));
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  ASSERT_EQ(outcome.verdict, probe::Verdict::kPass) << Problems(outcome);
  ASSERT_EQ(outcome.rlimits.size(), 4u);
  for (const RlimitResult& r : outcome.rlimits) EXPECT_EQ(r.observed, "applied") << r.entry.type;
}

TEST_F(RlimitProbe, AStartingLimitThatCannotBeReproducedIsNotJudged) {
  SKIP_WITHOUT_USER_NAMESPACES();
  // The environment lacks CAP_SYS_RESOURCE but its limits are unknown: the test process keeps
  // the caller's, so a refusal of a value above them says nothing about the linter.
  std::string status_only = dir_.Write("status", StatusLackingCapSysResource());
  uint64_t own = OwnHardLimit(RLIMIT_NOFILE);
  if (own == RLIM_INFINITY || own >= (1u << 20)) GTEST_SKIP() << "no NOFILE hard limit to exceed";
  probe::ProbePlan plan = PlanFor(
      ConfigWithRlimits(Entry("RLIMIT_NOFILE", own + 1, own + 1) + ", " +
                        Entry("RLIMIT_NOFILE", 8, 16) + ", " + Entry("RLIMIT_NOFILE", 8, 32)),
      TargetFor("none", status_only));
  ASSERT_EQ(plan.rlimits.entries[0].predicted, RlimitOutcome::kApplied) << "limits unknown";
  ASSERT_EQ(plan.rlimits.entries[2].predicted, RlimitOutcome::kEperm)
      << "known even without the environment's limits: entry 1 set 16";
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  ASSERT_EQ(outcome.verdict, probe::Verdict::kPass) << Problems(outcome);
  EXPECT_EQ(outcome.rlimits[0].judgement, RlimitResult::Judgement::kSkip);
  EXPECT_THAT(outcome.rlimits[0].note, HasSubstr("the environment's limits are unknown"));
  EXPECT_EQ(outcome.rlimits[2].judgement, RlimitResult::Judgement::kMatch);
  EXPECT_THAT(outcome.reason, HasSubstr("(1 not judged)"));
}

/// Host facts for --kernel host without the host: only fs.nr_open and cap_last_cap.
class NrOpenHost : public lint::HostProbe {
 public:
  Result<std::string> ReadFile(const std::string& path) const override {
    if (path == "/proc/sys/fs/nr_open") return std::string("1024\n");
    if (path == "/proc/sys/kernel/cap_last_cap") return std::string("40\n");
    return SystemError("cannot read " + path, ENOENT);
  }
  Result<std::string> KernelRelease() const override { return std::string("6.1.0"); }
};

TEST(RlimitLint, NofileAboveNrOpenIsPredictedOnlyWhenKernelHostReadsIt) {
  std::string config = ConfigWithRlimits(Entry("RLIMIT_NOFILE", 1024, 2048));
  auto host = lint::ResolveTarget(testing::TargetOptionsOf("host", "none", "", ""), NrOpenHost());
  ASSERT_TRUE(host.ok()) << host.error().message();
  EXPECT_EQ(host.value().kernel.nr_open, 1024u);
  json::ParseResult parsed = json::Parse(config);
  probe::RlimitPlan plan = probe::MakeRlimitPlan(*parsed.document, host.value());
  ASSERT_EQ(plan.entries.size(), 1u);
  EXPECT_EQ(plan.entries[0].predicted, RlimitOutcome::kEperm)
      << "above fs.nr_open even with CAP_SYS_RESOURCE (--environment none)";
  auto none = lint::ResolveTarget(testing::TargetOptionsOf("none", "none", "", ""), NrOpenHost());
  plan = probe::MakeRlimitPlan(*parsed.document, none.value());
  EXPECT_EQ(plan.entries[0].predicted, RlimitOutcome::kApplied) << "--kernel none reads nothing";
}

TEST(RlimitProbeLive, NofileAboveThisKernelsNrOpenIsRefused) {
  SKIP_WITHOUT_USER_NAMESPACES();
  auto target =
      lint::ResolveTarget(testing::TargetOptionsOf("host", "none", "", ""), lint::HostProbe());
  ASSERT_TRUE(target.ok()) << target.error().message();
  if (!target.value().kernel.nr_open) GTEST_SKIP() << "cannot read /proc/sys/fs/nr_open";
  uint64_t nr_open = *target.value().kernel.nr_open;
  probe::ProbePlan plan = PlanFor(ConfigWithRlimits(Entry("RLIMIT_NOFILE", 8, nr_open + 1) + ", " +
                                                    Entry("RLIMIT_NOFILE", 8, 64)),
                                  target.value());
  ASSERT_EQ(plan.rlimits.entries[0].predicted, RlimitOutcome::kEperm);
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  ASSERT_EQ(outcome.verdict, probe::Verdict::kPass) << Problems(outcome);
  EXPECT_EQ(outcome.rlimits[0].observed, "EPERM");
  EXPECT_EQ(outcome.rlimits[1].observed, "applied");
}

TEST(RlimitJudge, ComparesWhatTheTestProcessWroteWithThePlan) {
  probe::RlimitPlan plan;
  plan.environment_can_raise = false;
  plan.environment[7] = caps::RlimitPair{.soft = 256, .hard = 512};
  plan.entries = {
      {.index = 0,
       .type = "RLIMIT_NOFILE",
       .resource = 7,
       .soft = 100,
       .hard = 400,
       .predicted = RlimitOutcome::kApplied},
      {.index = 1,
       .type = "RLIMIT_NOFILE",
       .resource = 7,
       .soft = 100,
       .hard = 450,
       .predicted = RlimitOutcome::kApplied},
      {.index = 2, .type = "RLIMIT_FOO", .not_probed = "unknown"},
  };
  std::vector<std::string> problems;
  auto results = probe::JudgeRlimits(plan,
                                     "start 7 0\n"
                                     "entry 0 256 512 0 100 300\n"
                                     "entry 1 100 300 1 100 300\n"
                                     "done\n",
                                     &problems);
  ASSERT_EQ(results.size(), 3u);
  EXPECT_EQ(results[0].judgement, RlimitResult::Judgement::kMismatch) << "read back 300, not 400";
  EXPECT_THAT(results[0].note, HasSubstr("read back soft 100 hard 300"));
  EXPECT_EQ(results[1].judgement, RlimitResult::Judgement::kMismatch);
  EXPECT_THAT(results[1].note, HasSubstr("a linter false negative"));
  EXPECT_EQ(results[2].judgement, RlimitResult::Judgement::kSkip);
  EXPECT_EQ(problems.size(), 2u);

  problems.clear();
  results = probe::JudgeRlimits(plan, "start 7 1\nentry 0 256 300 1 256 300\ndone\n", &problems);
  EXPECT_EQ(results[0].judgement, RlimitResult::Judgement::kSkip)
      << "the environment's limits could not be set: the EPERM is the caller's";
  EXPECT_THAT(results[0].note, HasSubstr("failed with EPERM"));
  EXPECT_EQ(results[1].judgement, RlimitResult::Judgement::kMismatch) << "no report for it";
  EXPECT_THAT(results[1].note, HasSubstr("did not report it"));
}

TEST(RlimitProbeCli, HelpDescribesTheRlimitProofAndTheProbesExitCodes) {
  testing::CliResult r = testing::RunBinary({"probe", "--help"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("each of its rlimits is applied or refused (EINVAL, EPERM) as the "
                               "linter predicts"));
  EXPECT_THAT(r.out, HasSubstr("process.rlimits are applied in order"));
  EXPECT_THAT(r.out, HasSubstr("3  nothing could be probed"));
  EXPECT_THAT(r.out, ::testing::Not(HasSubstr("reached --fail-on"))) << "lint's exit codes";
}

TEST(RlimitProbeCli, TextAndJsonReportTheRlimits) {
  SKIP_WITHOUT_USER_NAMESPACES();
  TempDir dir;
  std::string env =
      dir.Write("env", StatusLackingCapSysResource() + LimitsTable("Max open files", "256", "512"));
  std::string config =
      dir.Write("config.json", ConfigWithRlimits(Entry("RLIMIT_NOFILE", 100, 400) + ", " +
                                                 Entry("RLIMIT_NOFILE", 100, 450)));
  testing::CliResult text = testing::RunBinary({"probe", "--environment", env, config});
  ASSERT_EQ(text.exit_code, 0) << text.err << text.out;
  EXPECT_THAT(text.out, HasSubstr("  rlimit 1 RLIMIT_NOFILE soft 100 hard 450: predicted EPERM "
                                  "(process-rlimit-unavailable), kernel EPERM -> match\n"));

  testing::CliResult r =
      testing::RunBinary({"probe", "--format", "json", "--environment", env, config});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError()) << r.out;
  const auto& rlimits = doc["files"][0]["rlimits"];
  ASSERT_EQ(rlimits.Size(), 2u);
  EXPECT_EQ(rlimits[0]["index"].GetUint(), 0u);
  EXPECT_STREQ(rlimits[0]["type"].GetString(), "RLIMIT_NOFILE");
  EXPECT_STREQ(rlimits[0]["predicted"].GetString(), "applied");
  EXPECT_TRUE(rlimits[0]["rule"].IsNull());
  EXPECT_STREQ(rlimits[0]["observed"].GetString(), "applied");
  EXPECT_EQ(rlimits[0]["before"]["hard"].GetUint64(), 512u);
  EXPECT_EQ(rlimits[0]["readBack"]["hard"].GetUint64(), 400u);
  EXPECT_STREQ(rlimits[0]["result"].GetString(), "match");
  EXPECT_STREQ(rlimits[1]["rule"].GetString(), "process-rlimit-unavailable");
  EXPECT_STREQ(rlimits[1]["observed"].GetString(), "EPERM");
  EXPECT_TRUE(rlimits[1]["readBack"].IsNull());
}

}  // namespace
}  // namespace ocilint
