// The spec battery's scenarios and judges on recorded observations: each requirement passes,
// fails and skips for the reasons it says, and cites the spec-coverage matrix.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <set>

#include "conformance/battery.h"
#include "conformance/spec_battery.h"
#include "lint/spec_coverage.h"

namespace ocilint {
namespace {

using conformance::Requirement;
using conformance::SpecObservation;
using conformance::SpecScenario;
using conformance::Step;
using conformance::Verdict;
using ::testing::HasSubstr;

const SpecScenario& Find(const std::string& id) {
  for (const SpecScenario& s : conformance::SpecBattery()) {
    if (s.id == id) return s;
  }
  throw std::runtime_error("no scenario " + id);
}

std::shared_ptr<const rapidjson::Document> Json(const std::string& text) {
  auto doc = std::make_shared<rapidjson::Document>();
  doc->Parse(text.c_str());
  EXPECT_FALSE(doc->HasParseError()) << text;
  return doc;
}

Step MakeStep(const std::string& name, int exit_code, const std::string& out = "",
              const std::string& err = "") {
  Step step;
  step.name = name;
  step.command = "runtime " + name;
  step.exit_code = exit_code;
  step.out = out;
  step.err = err;
  return step;
}

/// A `run` that exited `exit_code`, with the helper's `report` when not empty.
SpecObservation Ran(int exit_code, const std::string& report = "") {
  SpecObservation o;
  o.ran = true;
  o.steps.push_back(MakeStep("run", exit_code, report, exit_code ? "error: refused" : ""));
  if (!report.empty()) o.report = Json(report);
  return o;
}

std::vector<Verdict> Verdicts(const std::vector<Requirement>& reqs) {
  std::vector<Verdict> out;
  for (const Requirement& r : reqs) out.push_back(r.verdict);
  return out;
}

TEST(ConformanceSpecTest, IdsAreUniqueAcrossBothBatteries) {
  std::vector<std::string> ids = conformance::ScenarioIds();
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
  EXPECT_EQ(conformance::SpecBattery().back().id, "features");
}

TEST(ConformanceSpecTest, EveryRequirementCitesTheMatrixOrAFieldWithItsText) {
  std::set<std::string> rows;
  for (const lint::SpecSentence& row : lint::SpecCoverage()) rows.insert(row.id);
  SpecObservation not_run;
  not_run.not_run_reason = "not run";
  for (const SpecScenario& s : conformance::SpecBattery()) {
    std::vector<Requirement> reqs = s.judge(not_run);
    ASSERT_FALSE(reqs.empty()) << s.id;
    for (const Requirement& r : reqs) {
      EXPECT_EQ(r.verdict, Verdict::kSkip) << s.id << " " << r.id;
      EXPECT_FALSE(r.text.empty()) << s.id << " " << r.id;
      EXPECT_FALSE(r.level.empty()) << s.id << " " << r.id;
      EXPECT_FALSE(r.source.empty()) << s.id << " " << r.id;
      // "<document>/<anchor>/<n>" is a matrix row; "<document>/<anchor>" names a field.
      size_t slashes = std::count(r.id.begin(), r.id.end(), '/');
      if (slashes == 2) {
        EXPECT_TRUE(rows.count(r.id)) << s.id << ": " << r.id << " is not a matrix row";
      } else {
        EXPECT_EQ(slashes, 1u) << r.id;
        EXPECT_EQ(r.level, r.id.rfind("features/", 0) == 0 ? "MUST" : "FIELD") << r.id;
      }
    }
  }
}

TEST(ConformanceSpecTest, EveryEditLeavesAConfigObject) {
  conformance::BundlePaths paths;
  paths.bundle = "/b";
  paths.helper = "/b/rootfs/oci-lint-probe-helper";
  paths.hooks_log = "/b/rootfs/oci-lint-hooks.log";
  paths.runner_pid = 42;
  for (const SpecScenario& s : conformance::SpecBattery()) {
    if (!s.edit) continue;
    rapidjson::Document doc;
    doc.Parse(R"({"ociVersion": "1.0.2", "process": {"args": ["sh"], "cwd": "/"},
                  "linux": {"namespaces": [{"type": "uts"}, {"type": "network"}]}})");
    s.edit(doc, paths);
    ASSERT_TRUE(doc.IsObject()) << s.id;
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    doc.Accept(writer);
    std::string config = buffer.GetString();
    if (s.id == "ns-duplicate") {
      EXPECT_THAT(config, HasSubstr(R"({"type":"uts"},{"type":"uts"})"));
    }
    if (s.id == "ns-path-wrong-type") {
      EXPECT_THAT(config, HasSubstr(R"({"type":"network","path":"/proc/42/ns/uts"})"));
    }
    if (s.id == "hooks") {
      EXPECT_THAT(config, HasSubstr(R"("path":"/oci-lint-probe-helper")"));  // startContainer
      EXPECT_THAT(config, HasSubstr("/b/rootfs/oci-lint-hooks.log"));
    }
  }
}

TEST(ConformanceSpecTest, AMustErrorPassesOnlyWhenTheRuntimeFailedAndNothingRan) {
  const SpecScenario& s = Find("ns-duplicate");
  EXPECT_EQ(Verdicts(s.judge(Ran(1))), std::vector<Verdict>{Verdict::kPass});
  std::vector<Requirement> ran = s.judge(Ran(0, R"({"CapEff": "0"})"));
  EXPECT_EQ(ran[0].verdict, Verdict::kFail);
  EXPECT_THAT(ran[0].summary, HasSubstr("instead of generating an error"));
  EXPECT_EQ(s.judge(Ran(0))[0].verdict, Verdict::kFail);  // exit 0, the process silent
  SpecObservation hung = Ran(-1);
  hung.steps[0].timed_out = true;
  EXPECT_EQ(s.judge(hung)[0].verdict, Verdict::kFail);
  EXPECT_EQ(s.judge(Ran(1))[0].id, "config-linux/namespaces/8");
  EXPECT_THAT(s.judge(Ran(1))[0].evidence, ::testing::Contains(HasSubstr("runtime run")));
}

TEST(ConformanceSpecTest, AppliedSettingsCompareWhatTheProcessReported) {
  EXPECT_EQ(
      Find("hostname").judge(Ran(0, R"({"CapEff": "0", "hostname": "oci-lint-spec"})"))[0].verdict,
      Verdict::kPass);
  std::vector<Requirement> wrong =
      Find("hostname").judge(Ran(0, R"({"CapEff": "0", "hostname": "runc"})"));
  EXPECT_EQ(wrong[0].verdict, Verdict::kFail);
  EXPECT_THAT(wrong[0].summary, HasSubstr("\"runc\""));
  // The runtime refused a config it should have applied: the requirement fails.
  EXPECT_EQ(Find("hostname").judge(Ran(1))[0].verdict, Verdict::kFail);

  std::string user = R"({"CapEff": "0", "Uid": "1000", "Gid": "1001", "Groups": "1001 1002 1003",
                         "Umask": "0022"})";
  EXPECT_EQ(Verdicts(Find("user").judge(Ran(0, user))),
            (std::vector<Verdict>{Verdict::kPass, Verdict::kPass, Verdict::kPass, Verdict::kFail}));

  std::string limits = R"({"CapEff": "0", "rlimits": {"RLIMIT_NOFILE": [123, 456],
      "RLIMIT_CORE": [0, 0], "RLIMIT_MSGQUEUE": [4096, 4096]}})";
  EXPECT_EQ(Verdicts(Find("rlimits").judge(Ran(0, limits))),
            (std::vector<Verdict>{Verdict::kPass, Verdict::kPass, Verdict::kFail}));

  std::string masked = R"({"CapEff": "0", "checks": {"read:/oci-lint-masked-file": "ok:",
      "read:/oci-lint-masked-dir/inner": "errno:ENOENT"}})";
  EXPECT_EQ(Find("masked-paths").judge(Ran(0, masked))[0].verdict, Verdict::kPass);
  std::string leaked = R"({"CapEff": "0", "checks": {"read:/oci-lint-masked-file": "ok:secret\n",
      "read:/oci-lint-masked-dir/inner": "errno:ENOENT"}})";
  EXPECT_EQ(Find("masked-paths").judge(Ran(0, leaked))[0].verdict, Verdict::kFail);

  SpecObservation unset = Ran(0, R"({"CapEff": "0", "oomScoreAdj": "7"})");
  unset.runner_oom_score_adj = "7";
  EXPECT_EQ(Find("oom-score-adj-unset").judge(unset)[0].verdict, Verdict::kPass);
  unset.runner_oom_score_adj = "0";
  EXPECT_EQ(Find("oom-score-adj-unset").judge(unset)[0].verdict, Verdict::kFail);
}

std::string Hook(const std::string& name, const std::string& mnt, const std::string& status,
                 const std::string& comm = "") {
  std::string state = R"({\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\")" + status +
                      R"(\",\"pid\":7,\"bundle\":\"/b\"})";
  return R"({"hook": ")" + name + R"(", "mnt": ")" + mnt + R"(", "comm": ")" + comm +
         R"(", "stdin": ")" + state + R"("})";
}

SpecObservation HooksRun(const std::vector<std::string>& order) {
  SpecObservation o = Ran(0, R"({"CapEff": "0", "ns": {"mnt": "mnt:[2]"}})");
  for (const std::string& name : order) {
    std::string type = name.substr(0, name.rfind('-'));
    bool inside = type == "createContainer" || type == "startContainer";
    std::string status = type == "poststop" ? "stopped" : "created";
    o.hooks.push_back(Json(Hook(name, inside ? "mnt:[2]" : "mnt:[1]", status,
                                type == "poststart" ? "oci-lint-probe-" : "runc:[2:INIT]")));
  }
  return o;
}

TEST(ConformanceSpecTest, HooksAreJudgedByNamespaceOrderAndState) {
  const std::vector<std::string> conforming = {
      "prestart-1",        "prestart-2",        "createRuntime-1",  "createRuntime-2",
      "createContainer-1", "createContainer-2", "startContainer-1", "startContainer-2",
      "poststart-1",       "poststart-2",       "poststop-1",       "poststop-2"};
  std::vector<Requirement> good = Find("hooks").judge(HooksRun(conforming));
  for (const Requirement& r : good) EXPECT_EQ(r.verdict, Verdict::kPass) << r.id << r.summary;

  // runc 1.1.5 and crun 1.8.1: poststart before the process is executed.
  std::vector<std::string> early = conforming;
  std::swap(early[6], early[8]);
  std::swap(early[7], early[9]);
  SpecObservation o = HooksRun(early);
  std::vector<Requirement> reqs = Find("hooks").judge(o);
  auto find = [&](const std::string& id) {
    for (const Requirement& r : reqs) {
      if (r.id == id) return r;
    }
    return Requirement{};
  };
  EXPECT_EQ(find("config/poststart/1").verdict, Verdict::kFail);
  EXPECT_EQ(find("config/posix-platform-hooks/20").verdict, Verdict::kPass);

  // A hook in the wrong namespace, a hook type that never ran, hooks out of listed order.
  SpecObservation wrong = HooksRun({"prestart-2", "prestart-1", "createRuntime-1"});
  reqs = Find("hooks").judge(wrong);
  EXPECT_EQ(find("config/posix-platform-hooks/6").verdict, Verdict::kPass);
  EXPECT_EQ(find("config/posix-platform-hooks/13").verdict, Verdict::kFail);
  EXPECT_EQ(find("config/posix-platform-hooks/20").verdict, Verdict::kFail);
  wrong.hooks[0] = Json(Hook("prestart-1", "mnt:[2]", "created"));
  reqs = Find("hooks").judge(wrong);
  EXPECT_EQ(find("config/posix-platform-hooks/6").verdict, Verdict::kFail);

  // runsc: poststop's state has pid -1, which the state schema forbids.
  SpecObservation bad_state = HooksRun(conforming);
  bad_state.hooks.back() = Json(R"({"hook": "poststop-2", "mnt": "mnt:[1]", "stdin":
      "{\"ociVersion\":\"1.0.2\",\"id\":\"c\",\"status\":\"stopped\",\"pid\":-1,\"bundle\":\"/b\"}"})");
  reqs = Find("hooks").judge(bad_state);
  EXPECT_EQ(find("config/posix-platform-hooks/21").verdict, Verdict::kFail);
}

SpecObservation Lifecycle(const std::vector<Step>& steps, bool reported = true) {
  SpecObservation o;
  o.ran = true;
  o.steps = steps;
  if (reported) o.report = Json(R"({"CapEff": "0"})");
  return o;
}

std::string State(const std::string& status, int pid = 7) {
  return R"({"ociVersion": "1.0.2", "id": "c", "status": ")" + status + R"(", "pid": )" +
         std::to_string(pid) + R"(, "bundle": "/b"})";
}

TEST(ConformanceSpecTest, TheLifecycleIsJudgedStepByStep) {
  std::vector<Step> conforming = {MakeStep("create", 0),
                                  MakeStep("state after create", 0, State("created")),
                                  MakeStep("start", 0),
                                  MakeStep("state after start", 0, State("running")),
                                  MakeStep("delete while running", 1),
                                  MakeStep("state after delete while running", 0, State("running")),
                                  MakeStep("kill", 0),
                                  MakeStep("state after kill", 0, State("stopped", 0)),
                                  MakeStep("start again", 1),
                                  MakeStep("delete", 0),
                                  MakeStep("state after delete", 1)};
  std::vector<Requirement> reqs = Find("state-lifecycle").judge(Lifecycle(conforming));
  for (const Requirement& r : reqs) EXPECT_EQ(r.verdict, Verdict::kPass) << r.id << r.summary;
  ASSERT_EQ(reqs.size(), 8u);

  std::vector<Step> broken = conforming;
  broken[0].out = R"({"CapEff": "0"})";  // the process ran at create
  broken[7].out = State("stopped", -1);  // runsc: pid -1
  broken[4].exit_code = 0;               // deleted while running
  broken[10].exit_code = 0;              // still answers after delete
  reqs = Find("state-lifecycle").judge(Lifecycle(broken));
  EXPECT_EQ(Verdicts(reqs),
            (std::vector<Verdict>{Verdict::kFail, Verdict::kPass, Verdict::kFail, Verdict::kPass,
                                  Verdict::kFail, Verdict::kPass, Verdict::kPass, Verdict::kFail}));
  EXPECT_THAT(reqs[0].evidence, ::testing::Contains(HasSubstr("/pid")));
}

TEST(ConformanceSpecTest, AFailingPoststartHookMustFailTheOperationAndStopTheContainer) {
  const SpecScenario& s = Find("poststart-failure");
  SpecObservation o =
      Lifecycle({MakeStep("create", 0), MakeStep("state after create", 0), MakeStep("start", 1),
                 MakeStep("state after start", 0, State("stopped", 0))});
  o.hooks.push_back(Json(Hook("poststart-1", "mnt:[1]", "running")));
  EXPECT_EQ(s.judge(o)[0].verdict, Verdict::kPass);
  o.steps[2].exit_code = 0;  // crun 1.8.1, runsc: start succeeds
  EXPECT_EQ(s.judge(o)[0].verdict, Verdict::kFail);
  o.steps[3].out = State("running");
  EXPECT_THAT(s.judge(o)[0].summary, HasSubstr("still running"));
  // runc 1.1.5 runs poststart hooks in create, which then fails and removes the container.
  SpecObservation at_create =
      Lifecycle({MakeStep("create", 1), MakeStep("state after create", 1)}, false);
  at_create.hooks = o.hooks;
  std::vector<Requirement> reqs = s.judge(at_create);
  EXPECT_EQ(reqs[0].verdict, Verdict::kPass);
  EXPECT_THAT(reqs[0].summary, HasSubstr("during create"));
  at_create.hooks.clear();
  EXPECT_EQ(s.judge(at_create)[0].verdict, Verdict::kFail);
}

TEST(ConformanceSpecTest, FeaturesAreValidatedAndComparedWithTheHooksThatRan) {
  const SpecScenario& s = Find("features");
  SpecObservation hooks = HooksRun({"prestart-1", "poststart-1"});
  SpecObservation o;
  o.ran = true;
  o.hooks_run = &hooks;
  o.steps.push_back(MakeStep(
      "features", 0,
      R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.1.0", "hooks": ["prestart", "poststart"]})"));
  EXPECT_EQ(Verdicts(s.judge(o)), (std::vector<Verdict>{Verdict::kPass, Verdict::kPass}));
  o.steps[0].out = R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.1.0", "hooks": ["poststop"],
                      "extra": 1})";
  EXPECT_EQ(Verdicts(s.judge(o)), (std::vector<Verdict>{Verdict::kFail, Verdict::kFail}));
  o.steps[0] = MakeStep("features", 1, "", "unknown command features");
  std::vector<Requirement> none = s.judge(o);
  EXPECT_EQ(Verdicts(none), (std::vector<Verdict>{Verdict::kSkip, Verdict::kSkip}));
  EXPECT_THAT(none[0].summary, HasSubstr("no features subcommand"));
}

}  // namespace
}  // namespace ocilint
