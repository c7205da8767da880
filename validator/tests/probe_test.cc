// Real probes in new user namespaces. They skip themselves, saying why, where the kernel does not
// allow user namespaces; CI runs them as root.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cerrno>
#include <chrono>
#include <random>
#include <thread>

#include "json/parser.h"
#include "lint/target.h"
#include "probe/plan.h"
#include "probe/runner.h"
#include "probe_test_util.h"
#include "test_util.h"
#include "util/signals.h"

namespace ocilint {
namespace {

using ::testing::HasSubstr;
using testing::JsonFilesIn;
using testing::PlanFor;
using testing::ProbeOptions;
using testing::ReadFile;
using testing::SourcePath;
using testing::TargetFor;
using testing::TempDir;

void ExpectNoChildrenLeft() {
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD) << "a test process was not reaped";
}

/// Every parsable config of the corpus whose uid this caller can map.
std::vector<std::pair<std::string, std::string>> Corpus() {
  std::vector<std::pair<std::string, std::string>> configs;
  for (const char* dir : {"testdata/harvested", "testdata/caps/fire", "testdata/caps/silent",
                          "testdata/schema/valid", "testdata/examples"}) {
    for (const std::string& name : JsonFilesIn(SourcePath(dir))) {
      std::string path = std::string(dir) + "/" + name;
      std::string text = ReadFile(SourcePath(path));
      if (json::Parse(text).document->empty()) continue;
      configs.emplace_back(path, text);
    }
  }
  return configs;
}

TEST(ProbeTest, EveryConfigOfTheCorpusPasses) {
  SKIP_WITHOUT_USER_NAMESPACES();
  lint::Target target = TargetFor("host", "host");
  size_t probed = 0;
  for (const auto& [path, text] : Corpus()) {
    probe::ProbePlan plan = PlanFor(text, target);
    if (geteuid() != 0 && plan.uid != 0) continue;                   // needs root to map that uid
    if (plan.uid == UINT32_MAX || plan.gid == UINT32_MAX) continue;  // (uid_t)-1: unmappable
    probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
    EXPECT_EQ(outcome.verdict, probe::Verdict::kPass) << path << ": " << outcome.reason;
    ++probed;
  }
  EXPECT_GT(probed, 50u);
  ExpectNoChildrenLeft();
}

TEST(ProbeTest, EmulatedRestrictedEnvironmentAndOldKernel) {
  SKIP_WITHOUT_USER_NAMESPACES();
  lint::Target target = TargetFor(
      "5.4", SourcePath("testdata/caps/environments/no-sys-admin-no-sys-resource.status"));
  std::string privileged = ReadFile(SourcePath("testdata/harvested/podman-privileged.json"));
  probe::ProbePlan plan = PlanFor(privileged, target);
  std::vector<std::string> warned = plan.sets[probe::kBounding].warned;
  for (const char* cap : {"CAP_SYS_ADMIN", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"}) {
    EXPECT_THAT(warned, ::testing::Contains(std::string(cap)));
  }
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  EXPECT_EQ(outcome.verdict, probe::Verdict::kPass) << outcome.reason;
  ASSERT_FALSE(outcome.ungrantable.empty());
  for (const probe::UngrantableResult& u : outcome.ungrantable) {
    EXPECT_EQ(u.errno_name, "EPERM") << u.cap << " " << u.operation;
  }
  // A config asking for every capability: both missing caps and the post-5.4 ones are warned.
  probe::ProbePlan all = PlanFor(
      ReadFile(SourcePath("testdata/caps/silent/cap-unsupported-kernel-distro-suffix.json")),
      target);
  for (const char* cap :
       {"CAP_SYS_ADMIN", "CAP_SYS_RESOURCE", "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE"}) {
    EXPECT_THAT(all.sets[probe::kBounding].warned, ::testing::Contains(std::string(cap)));
  }
  EXPECT_EQ(probe::RunProbe(all, ProbeOptions()).verdict, probe::Verdict::kPass);
  for (const auto& [path, text] : Corpus()) {
    probe::ProbePlan p = PlanFor(text, target);
    if (geteuid() != 0 && p.uid != 0) continue;
    if (p.uid == UINT32_MAX || p.gid == UINT32_MAX) continue;
    probe::ProbeOutcome o = probe::RunProbe(p, ProbeOptions());
    EXPECT_EQ(o.verdict, probe::Verdict::kPass) << path << ": " << o.reason;
  }
  ExpectNoChildrenLeft();
}

TEST(ProbeTest, NonRootWithAmbientKeepsItAcrossExecve) {
  SKIP_WITHOUT_USER_NAMESPACES();
  if (geteuid() != 0) GTEST_SKIP() << "mapping uid 1000 into the namespace needs root";
  probe::ProbePlan plan = PlanFor(
      R"({"ociVersion":"1.3.0","process":{"cwd":"/","user":{"uid":1000,"gid":1000},)"
      R"("capabilities":{"bounding":["CAP_NET_BIND_SERVICE","CAP_KILL"],)"
      R"("inheritable":["CAP_NET_BIND_SERVICE"],"permitted":["CAP_NET_BIND_SERVICE","CAP_KILL"],)"
      R"("effective":["CAP_NET_BIND_SERVICE","CAP_KILL"],"ambient":["CAP_NET_BIND_SERVICE"]}}})",
      TargetFor("none", "none"));
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  ASSERT_EQ(outcome.verdict, probe::Verdict::kPass) << outcome.reason;
  EXPECT_EQ(outcome.after_exec.permitted, caps::CapMask{1} << 10) << "only NET_BIND_SERVICE";
  EXPECT_EQ(outcome.after_exec.effective, caps::CapMask{1} << 10);
}

TEST(ProbeTest, ALinterThatMissesACapabilityMakesTheVerdictFail) {
  SKIP_WITHOUT_USER_NAMESPACES();
  lint::Target target =
      TargetFor("none", SourcePath("testdata/caps/environments/no-sys-admin.status"));
  probe::ProbePlan plan =
      PlanFor(R"({"ociVersion":"1.3.0","process":{"cwd":"/","capabilities":{)"
              R"("bounding":["CAP_KILL","CAP_SYS_ADMIN"],"permitted":["CAP_KILL","CAP_SYS_ADMIN"],)"
              R"("effective":["CAP_KILL"]}}})",
              target);
  ASSERT_THAT(plan.sets[probe::kPermitted].warned, ::testing::Contains("CAP_SYS_ADMIN"));
  ASSERT_EQ(probe::RunProbe(plan, ProbeOptions()).verdict, probe::Verdict::kPass);
  // Pretend the linter had not warned: the kernel refuses, and the probe says so.
  plan.sets[probe::kPermitted].warned.clear();
  plan.sets[probe::kPermitted].expected |= caps::CapMask{1} << 21;
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  EXPECT_EQ(outcome.verdict, probe::Verdict::kFail);
  EXPECT_THAT(outcome.reason, HasSubstr("capset failed with EPERM for CAP_SYS_ADMIN"));
  EXPECT_THAT(outcome.reason, HasSubstr("false negative"));
}

TEST(ProbeTest, AWarningThatIsNotRealIsReportedAsAFalsePositive) {
  SKIP_WITHOUT_USER_NAMESPACES();
  probe::ProbePlan plan =
      PlanFor(R"({"ociVersion":"1.3.0","process":{"cwd":"/","capabilities":{)"
              R"("bounding":["CAP_KILL"],"permitted":["CAP_KILL"],"inheritable":["CAP_KILL"]}}})",
              TargetFor("none", "none"));
  // Claim CAP_KILL cannot be raised into ambient although it is permitted and inheritable.
  plan.ungrantable.push_back({5, "cap-ambient-not-granted", probe::kAmbient});
  probe::ProbeOutcome outcome = probe::RunProbe(plan, ProbeOptions());
  EXPECT_EQ(outcome.verdict, probe::Verdict::kFail);
  EXPECT_THAT(outcome.reason, HasSubstr("CAP_KILL was granted by prctl(PR_CAP_AMBIENT_RAISE)"));
  EXPECT_THAT(outcome.reason, HasSubstr("false positive"));
}

/// A helper that never reports, in `dir` (made reachable for a mapped non-root uid).
std::string HangingHelper(const TempDir& dir) {
  std::string helper = dir.Write("hang.sh", "#!/bin/sh\nexec sleep 60\n");
  EXPECT_EQ(chmod(helper.c_str(), 0755), 0);
  EXPECT_EQ(chmod(dir.path().c_str(), 0755), 0);
  return helper;
}

TEST(ProbeTest, AHungTestProcessIsKilledAndReaped) {
  SKIP_WITHOUT_USER_NAMESPACES();
  TempDir dir;
  probe::ProbeOptions options;
  options.helper = HangingHelper(dir);
  options.timeout_seconds = 1;
  probe::ProbeOutcome outcome = probe::RunProbe(probe::ProbePlan{}, options);
  EXPECT_EQ(outcome.verdict, probe::Verdict::kFail);
  EXPECT_THAT(outcome.reason, HasSubstr("did not finish within 1 s"));
  ExpectNoChildrenLeft();
}

TEST(ProbeTest, ATerminationSignalKillsAndReapsTheTestProcess) {
  SKIP_WITHOUT_USER_NAMESPACES();
  TempDir dir;
  probe::ProbeOptions options;
  options.helper = HangingHelper(dir);
  options.timeout_seconds = 50;
  TerminationSignals signals;
  std::thread sender([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(getpid(), SIGTERM);
  });
  auto start = std::chrono::steady_clock::now();
  probe::ProbeOutcome outcome = probe::RunProbe(probe::ProbePlan{}, options);
  sender.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(TerminationSignals::Pending(), SIGTERM);
  EXPECT_EQ(TerminationSignals::ExitCode(), 128 + SIGTERM);
  EXPECT_EQ(outcome.verdict, probe::Verdict::kSkip);
  EXPECT_THAT(outcome.reason, HasSubstr("interrupted"));
  ExpectNoChildrenLeft();
}

TEST(ProbeTest, TheParentsCredentialsNeverChange) {
  SKIP_WITHOUT_USER_NAMESPACES();
  std::string before = ReadFile("/proc/self/status");
  probe::RunProbe(
      PlanFor(ReadFile(SourcePath("testdata/harvested/runc-spec.json")), TargetFor("host", "host")),
      ProbeOptions());
  std::string after = ReadFile("/proc/self/status");
  auto caps_lines = [](const std::string& status) {
    std::string out;
    std::istringstream in(status);
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("Cap", 0) == 0 || line.rfind("Uid", 0) == 0 || line.rfind("Gid", 0) == 0 ||
          line.rfind("NoNewPrivs", 0) == 0) {
        out += line + "\n";
      }
    }
    return out;
  };
  EXPECT_EQ(caps_lines(before), caps_lines(after));
}

}  // namespace
}  // namespace ocilint

namespace ocilint {
namespace {

TEST(ProbeCliTest, JsonContractAndExitCodes) {
  SKIP_WITHOUT_USER_NAMESPACES();
  testing::CliResult r = testing::RunBinary(
      {"probe", "--format", "json", SourcePath("testdata/harvested/runc-spec.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  const auto& file = doc["files"][0];
  EXPECT_STREQ(file["verdict"].GetString(), "pass");
  EXPECT_TRUE(file["reason"].IsString());
  EXPECT_EQ(file["uid"].GetUint(), 0u);
  EXPECT_TRUE(file["noNewPrivileges"].GetBool());
  EXPECT_TRUE(file["target"].IsObject());
  for (const char* set : {"bounding", "effective", "inheritable", "permitted", "ambient"}) {
    for (const char* list :
         {"requested", "warned", "expected", "applied", "predictedAfterExec", "afterExec"}) {
      EXPECT_TRUE(file["sets"][set][list].IsArray()) << set << "." << list;
    }
  }
  EXPECT_EQ(file["sets"]["ambient"]["warned"].Size(), 3u);
  ASSERT_EQ(file["ungrantable"].Size(), 3u);
  EXPECT_STREQ(file["ungrantable"][0]["errno"].GetString(), "EPERM");

  TempDir dir;
  // A file name that is not UTF-8 still gives valid JSON: the byte becomes U+FFFD.
  std::string odd_name =
      dir.Write("odd\xFF.json", testing::ReadFile(SourcePath("testdata/harvested/runc-spec.json")));
  testing::CliResult odd = testing::RunBinary({"probe", "--format", "json", odd_name});
  ASSERT_EQ(odd.exit_code, 0) << odd.err;
  json::ParseResult odd_json = json::Parse(odd.out);
  EXPECT_TRUE(odd_json.clean_syntax) << odd.out;
  EXPECT_THAT(odd.out, ::testing::HasSubstr("odd\xEF\xBF\xBD.json"));

  std::string broken = dir.Write("broken.json", "{");
  EXPECT_EQ(testing::RunBinary({"probe", broken}).exit_code, 3) << "nothing could be probed";
  EXPECT_EQ(testing::RunBinary({"probe"}).exit_code, 2);
}

TEST(ProbeCliTest, UnprivilegedUserProbesRuncSpec) {
  SKIP_WITHOUT_USER_NAMESPACES();
  if (geteuid() != 0) {
    testing::CliResult r =
        testing::RunBinary({"probe", SourcePath("testdata/harvested/runc-spec.json")});
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return;
  }
  constexpr int kNobody = 65534;
  testing::CliResult r = testing::RunBinary(
      {"probe", SourcePath("testdata/harvested/runc-spec.json")}, "", "", 20, kNobody);
  if (r.exit_code == 126 || r.exit_code == 127) {
    GTEST_SKIP() << "cannot run the binary as uid " << kNobody << " here";
  }
  if (r.out.find(": skip:") != std::string::npos) {
    GTEST_SKIP() << "unprivileged user namespaces are not allowed here: " << r.out;
  }
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("runc-spec.json: pass"));
}

}  // namespace
}  // namespace ocilint

namespace ocilint {
namespace {

/// Random capability requests (canonical, malformed, unknown, newer than the kernel, missing
/// from the environment; root and uid 1000; with and without no_new_privs): the linter's
/// warnings and the capabilities(7) model must agree with the kernel on every one.
TEST(ProbeTest, RandomRequestsAgreeWithTheKernel) {
  SKIP_WITHOUT_USER_NAMESPACES();
  const char* names[] = {"CAP_CHOWN", "CAP_KILL",         "CAP_NET_RAW", "CAP_SYS_ADMIN",
                         "CAP_BPF",   "CAP_SYS_RESOURCE", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
                         "cap_kill",  "CAP_FOO",          " CAP_CHOWN",  "CAP_SETUID"};
  std::mt19937 rng(20261128);
  std::vector<lint::Target> targets = {
      TargetFor("none", "none"),
      TargetFor("5.4", SourcePath("testdata/caps/environments/docker-default.status"))};
  for (int i = 0; i < 60; ++i) {
    std::string caps;
    for (const char* set : {"bounding", "effective", "inheritable", "permitted", "ambient"}) {
      if (rng() % 10 == 0) continue;
      caps += std::string(caps.empty() ? "" : ",") + "\"" + set + "\":[";
      for (unsigned n = rng() % 6, k = 0; k < n; ++k) {
        caps += std::string(k ? "," : "") + "\"" + names[rng() % std::size(names)] + "\"";
      }
      caps += "]";
    }
    bool root = geteuid() == 0;
    unsigned uid = root && rng() % 3 == 0 ? 1000 : 0;
    std::string config = R"({"ociVersion":"1.3.0","process":{"cwd":"/","noNewPrivileges":)" +
                         std::string(rng() % 2 ? "true" : "false") + R"(,"user":{"uid":)" +
                         std::to_string(uid) + R"(,"gid":0},"capabilities":{)" + caps + "}}}";
    for (const lint::Target& target : targets) {
      probe::ProbeOutcome outcome = probe::RunProbe(PlanFor(config, target), ProbeOptions());
      EXPECT_EQ(outcome.verdict, probe::Verdict::kPass) << config << "\n" << outcome.reason;
    }
  }
  ExpectNoChildrenLeft();
}

}  // namespace
}  // namespace ocilint

namespace ocilint {
namespace {

TEST(ProbeCliTest, WithoutUserNamespacesEveryConfigIsSkippedWithTheReason) {
  SKIP_WITHOUT_USER_NAMESPACES();
  // Inside a user namespace whose max_user_namespaces is 0, no nested one can be created.
  std::string command =
      "unshare -U -r sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && "
      "exec \"" +
      testing::BinaryPath() + "\" probe \"" + SourcePath("testdata/harvested/runc-spec.json") +
      "\"' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  int status = pclose(pipe);
  if (out.find("probed") == std::string::npos) {
    GTEST_SKIP() << "cannot set up a namespace without user namespaces here: " << out;
  }
  EXPECT_EQ(WEXITSTATUS(status), 3) << "nothing could be probed: " << out;
  EXPECT_THAT(out, HasSubstr("runc-spec.json: skip: unshare(CLONE_NEWUSER) failed"));
  EXPECT_THAT(out, HasSubstr("user.max_user_namespaces is 0"));
}

}  // namespace
}  // namespace ocilint
