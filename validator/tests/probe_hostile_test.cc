// `oci-lint probe` on hostile configs (100,000 capability entries, uid 4294967295, control
// characters, huge and negative numbers, deep nesting), run in-process as root and as nobody:
// the caller's credentials never change, no test process is left, and each config gets a
// verdict with a reason; the binary gives a verdict line and an exit code, not a crash; and a
// hung test process, even one that started another, ends at --timeout.

#include <dirent.h>
#include <gmock/gmock.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "probe_test_util.h"
#include "util/signals.h"

namespace ocilint {
namespace {

using ::testing::AnyOf;
using ::testing::HasSubstr;
using testing::PlanFor;
using testing::ProbeOptions;
using testing::ReadFile;
using testing::TargetFor;
using testing::TempDir;

constexpr uid_t kNobody = 65534;

std::string Config(const std::string& process) {
  return R"({"ociVersion": "1.2.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], )" +
         process + "}}";
}

std::string Capabilities(const std::string& list) {
  std::string sets;
  for (const char* set : {"bounding", "effective", "inheritable", "permitted", "ambient"}) {
    sets += std::string(sets.empty() ? "" : ", ") + "\"" + set + "\": " + list;
  }
  return R"("user": {"uid": 0, "gid": 0}, "capabilities": {)" + sets + "}";
}

std::string ManyCapabilities(size_t count) {
  const char* names[] = {"CAP_CHOWN", "CAP_KILL", "cap_net_raw", "CAP_NO_SUCH", "SYS_ADMIN",
                         "CAP_BPF",   "",         "CAP_CHOWN"};
  std::string list = "[";
  for (size_t i = 0; i < count; ++i) {
    list += std::string(i ? ", \"" : "\"") + names[i % std::size(names)] + "\"";
  }
  return list + "]";
}

std::string Nested(int depth) {
  return std::string(static_cast<size_t>(depth), '[') + "0" +
         std::string(static_cast<size_t>(depth), ']');
}

std::vector<std::pair<std::string, std::string>> HostileConfigs() {
  std::string control = R"(["CAP_CHOWN\u0000", "\u001b[31mCAP_KILL", "CAP_\n_X", "\u0007"])";
  return {
      {"100000 capability entries", Config(Capabilities(ManyCapabilities(100000)))},
      {"uid 4294967295", Config(R"("user": {"uid": 4294967295, "gid": 0})")},
      {"gid 4294967295", Config(R"("user": {"uid": 0, "gid": 4294967295})")},
      {"uid above int32", Config(R"("user": {"uid": 3000000000, "gid": 3000000000})")},
      {"negative uid and gid", Config(R"("user": {"uid": -1, "gid": -2})")},
      {"uid 1e400", Config(R"("user": {"uid": 1e400, "gid": 0.5})")},
      {"control characters", Config(Capabilities(control))},
      {"a 1 MB capability name", Config(Capabilities("[\"" + std::string(1 << 20, 'A') + "\"]"))},
      {"huge rlimits",
       Config(
           R"("user": {"uid": 0, "gid": 0}, "rlimits": [)"
           R"({"type": "RLIMIT_NOFILE", "soft": 18446744073709551615, "hard": 18446744073709551615},)"
           R"({"type": "RLIMIT_AS", "soft": 1e300, "hard": 99999999999999999999999},)"
           R"({"type": "RLIMIT_CORE", "soft": 10, "hard": 1},)"
           R"({"type": "RLIMIT_STACK", "soft": -1, "hard": -1},)"
           R"({"type": "RLIMIT_\u0000\u001b", "soft": 0, "hard": 0}])")},
      {"10000 rlimits",
       [] {
         std::string list;
         for (int i = 0; i < 10000; ++i) {
           list += std::string(i ? "," : "") + R"({"type": "RLIMIT_NOFILE", "soft": )" +
                   std::to_string(i) + R"(, "hard": 1048576})";
         }
         return Config(R"("user": {"uid": 0, "gid": 0}, "rlimits": [)" + list + "]");
       }()},
      {"deep nesting", Config(R"("user": {"uid": 0, "gid": 0}, "x": )" + Nested(200))},
      {"deeper nesting than the parser takes",
       Config(R"("user": {"uid": 0, "gid": 0}, "x": )" + Nested(100000))},
      {"wrong types everywhere",
       Config(R"("user": "root", "capabilities": [1, 2], "rlimits": {"a": null},)"
              R"( "noNewPrivileges": "yes")")},
  };
}

/// The lines of /proc/self/status that name the process's credentials.
std::string Credentials() {
  std::istringstream in(ReadFile("/proc/self/status"));
  std::string out;
  for (std::string line; std::getline(in, line);) {
    for (const char* key : {"Uid:", "Gid:", "Groups:", "Cap", "NoNewPrivs:", "Seccomp:"}) {
      if (line.rfind(key, 0) == 0) out += line + "\n";
    }
  }
  return out;
}

/// Probes `config` in this process; returns what went wrong, or "".
std::string ProbeAndCheck(const std::string& name, const std::string& config) {
  std::string before = Credentials();
  probe::ProbeOptions options = ProbeOptions();
  options.timeout_seconds = 20;
  auto start = std::chrono::steady_clock::now();
  probe::ProbeOutcome outcome =
      probe::RunProbe(PlanFor(config, TargetFor("host", "host")), options);
  auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - start)
          .count();
  std::string problems;
  if (Credentials() != before) problems += name + ": credentials changed\n";
  errno = 0;
  if (waitpid(-1, nullptr, WNOHANG) != -1 || errno != ECHILD)
    problems += name + ": a test process was not reaped\n";
  if (outcome.reason.empty()) problems += name + ": a verdict without a reason\n";
  if (seconds > 60) problems += name + ": took " + std::to_string(seconds) + " s\n";
  return problems;
}

TEST(ProbeHostileTest, RootsCredentialsNeverChangeAndEveryTestProcessIsReaped) {
  SKIP_WITHOUT_USER_NAMESPACES();
  for (const auto& [name, config] : HostileConfigs()) {
    EXPECT_EQ(ProbeAndCheck(name, config), "");
  }
}

TEST(ProbeHostileTest, NobodysCredentialsNeverChangeAndEveryTestProcessIsReaped) {
  if (geteuid() != 0) GTEST_SKIP() << "switching to nobody needs root";
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    if (setgroups(0, nullptr) != 0 || setresgid(kNobody, kNobody, kNobody) != 0 ||
        setresuid(kNobody, kNobody, kNobody) != 0) {
      _exit(126);
    }
    // As a user started as nobody would be: changing uid made this process non-dumpable, which
    // leaves its children's /proc/PID/uid_map to root.
    prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
    probe::ProbeOutcome trivial = probe::RunProbe(probe::ProbePlan{}, ProbeOptions());
    if (trivial.verdict == probe::Verdict::kSkip) _exit(77);
    std::string problems;
    for (const auto& [name, config] : HostileConfigs()) problems += ProbeAndCheck(name, config);
    if (write(fds[1], problems.data(), problems.size()) < 0) _exit(125);
    _exit(0);
  }
  close(fds[1]);
  std::string problems;
  char buffer[4096];
  for (ssize_t n; (n = read(fds[0], buffer, sizeof buffer)) > 0;) problems.append(buffer, n);
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "the nobody process died of signal " << WTERMSIG(status);
  if (WEXITSTATUS(status) == 126) GTEST_SKIP() << "cannot switch to nobody here";
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "nobody cannot create user namespaces here";
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_EQ(problems, "");
}

TEST(ProbeHostileTest, TheBinaryGivesAVerdictNotACrashAsRootAndAsNobody) {
  SKIP_WITHOUT_USER_NAMESPACES();
  TempDir dir;
  chmod(dir.path().c_str(), 0755);
  std::vector<std::string> users = {"root"};
  if (geteuid() == 0) users.push_back("nobody");
  for (const auto& [name, config] : HostileConfigs()) {
    std::string path = dir.Write("hostile.json", config);
    chmod(path.c_str(), 0644);
    for (const std::string& user : users) {
      testing::CliResult r = testing::RunBinary({"probe", "--timeout", "20", path}, "", "", 120,
                                                user == "root" ? -1 : static_cast<int>(kNobody));
      if (user == "nobody" && (r.exit_code == 126 || r.exit_code == 127)) continue;
      EXPECT_THAT(r.exit_code, AnyOf(0, 1, 3)) << name << " as " << user << "\n" << r.err;
      EXPECT_THAT(r.out, HasSubstr("1 configs probed")) << name << " as " << user;
      EXPECT_THAT(r.out, AnyOf(HasSubstr("hostile.json: pass: "), HasSubstr("hostile.json: fail: "),
                               HasSubstr("hostile.json: skip: ")))
          << name << " as " << user;
      bool control = std::any_of(r.out.begin(), r.out.end(), [](char c) {
        return (c >= 0 && c < ' ' && c != '\n') || c == 0x7f;
      });
      EXPECT_FALSE(control) << name << " as " << user << ": a control character reached the output";
    }
  }
}

TEST(ProbeHostileTest, TheInvalidIdIsNamedNotMistakenForMissingUserNamespaces) {
  SKIP_WITHOUT_USER_NAMESPACES();
  for (const char* user :
       {R"("user": {"uid": 4294967295, "gid": 0})", R"("user": {"uid": 0, "gid": 4294967295})"}) {
    probe::ProbeOutcome outcome =
        probe::RunProbe(PlanFor(Config(user), TargetFor("host", "host")), ProbeOptions());
    EXPECT_EQ(outcome.verdict, probe::Verdict::kSkip);
    EXPECT_THAT(outcome.reason, HasSubstr("is 4294967295, (uid_t)-1"));
    EXPECT_THAT(outcome.reason, ::testing::Not(HasSubstr("user namespaces are not available")));
  }
}

TEST(ProbeHostileTest, PastTheLintersCapOfFindingsTheVerdictIsASkipNotAFalseFailure) {
  lint::Target target =
      TargetFor("none", testing::SourcePath("testdata/caps/environments/no-sys-admin.status"));
  std::string list = "[";
  for (int i = 0; i < 1500; ++i) list += std::string(i ? ", " : "") + "\"CAP_SYS_ADMIN\"";
  probe::ProbePlan caps = PlanFor(Config(Capabilities(list + "]")), target);
  EXPECT_THAT(caps.unjudgeable, HasSubstr("at most 1000 findings of cap-unavailable"));
  std::string rlimits;
  for (int i = 0; i < 1500; ++i) {
    rlimits += std::string(i ? ", " : "") + R"({"type": "RLIMIT_CORE", "soft": 2, "hard": 1})";
  }
  probe::ProbePlan soft_above_hard =
      PlanFor(Config(R"("user": {"uid": 0, "gid": 0}, "rlimits": [)" + rlimits + "]"), target);
  EXPECT_THAT(soft_above_hard.unjudgeable,
              HasSubstr("at most 1000 findings of process-rlimit-soft-above-hard"));
  probe::ProbeOutcome outcome = probe::RunProbe(caps, ProbeOptions());
  EXPECT_EQ(outcome.verdict, probe::Verdict::kSkip);
  EXPECT_THAT(outcome.reason, HasSubstr("probe a smaller config"));
}

/// Whether a process whose command line is exactly `argv` (NUL-separated) exists.
bool ProcessWithCommandLine(const std::string& argv) {
  DIR* proc = opendir("/proc");
  bool found = false;
  while (dirent* e = proc ? readdir(proc) : nullptr) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    std::ifstream in(std::string("/proc/") + e->d_name + "/cmdline", std::ios::binary);
    std::ostringstream cmdline;
    cmdline << in.rdbuf();
    found |= cmdline.str() == argv;  // one that just ended reads as empty
  }
  if (proc) closedir(proc);
  return found;
}

TEST(ProbeHostileTest, AHungTestProcessAndWhatItStartedEndAtTheTimeout) {
  SKIP_WITHOUT_USER_NAMESPACES();
  TempDir dir;
  // Not exec: the shell waits for a sleep of its own, which the timeout must end as well.
  std::string helper = dir.Write("hang.sh", "#!/bin/sh\nsleep 4321.5\necho never\n");
  chmod(helper.c_str(), 0755);
  chmod(dir.path().c_str(), 0755);
  probe::ProbeOptions options;
  options.helper = helper;
  options.timeout_seconds = 1;
  auto start = std::chrono::steady_clock::now();
  probe::ProbeOutcome outcome = probe::RunProbe(
      PlanFor(Config(Capabilities(ManyCapabilities(500))), TargetFor("host", "host")), options);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1 + 5));
  EXPECT_EQ(outcome.verdict, probe::Verdict::kFail);
  EXPECT_THAT(outcome.reason, HasSubstr("did not finish within 1 s and was killed"));
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
  std::string sleep_argv(
      "sleep\0"
      "4321.5\0",
      13);
  for (int i = 0; i < 250 && ProcessWithCommandLine(sleep_argv); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(ProcessWithCommandLine(sleep_argv)) << "the hung helper's own child was left";
}

TEST(ProbeHostileTest, SigintKillsAndReapsTheTestProcessAndWhatItStarted) {
  SKIP_WITHOUT_USER_NAMESPACES();
  TempDir dir;
  std::string helper = dir.Write("hang.sh", "#!/bin/sh\nsleep 4322.5\necho never\n");
  chmod(helper.c_str(), 0755);
  chmod(dir.path().c_str(), 0755);
  probe::ProbeOptions options;
  options.helper = helper;
  options.timeout_seconds = 50;
  TerminationSignals signals;
  std::thread sender([] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    kill(getpid(), SIGINT);
  });
  auto start = std::chrono::steady_clock::now();
  probe::ProbeOutcome outcome = probe::RunProbe(probe::ProbePlan{}, options);
  sender.join();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_EQ(TerminationSignals::ExitCode(), 128 + SIGINT);
  EXPECT_THAT(outcome.reason, HasSubstr("interrupted"));
  errno = 0;
  EXPECT_EQ(waitpid(-1, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
  std::string sleep_argv(
      "sleep\0"
      "4322.5\0",
      13);
  for (int i = 0; i < 250 && ProcessWithCommandLine(sleep_argv); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_FALSE(ProcessWithCommandLine(sleep_argv)) << "the hung helper's own child was left";
}

}  // namespace
}  // namespace ocilint
