// `oci-lint conformance` runs as root and builds bundles that a runtime then starts. These tests
// plant, as nobody, a directory or link at every path an attacker could predict, and check that
// nothing is written through them; kill the command with SIGTERM, SIGHUP and SIGINT at several
// points and find no container, bundle or process left; and check that after a SIGKILL the next
// run sweeps the leftover. They need root and runc, and skip saying why without them.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "test_util.h"
#include "util/process.h"

namespace ocilint {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr uid_t kNobody = 65534;

/// Runs `command` as nobody through sh; true when it exits 0.
bool AsNobody(const std::string& command) {
  pid_t pid = fork();
  if (pid == 0) {
    if (setgid(kNobody) != 0 || setuid(kNobody) != 0) _exit(126);
    execl("/bin/sh", "sh", "-c", command.c_str(), nullptr);
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::vector<std::string> Entries(const std::string& dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

class ConformanceSecurityTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (geteuid() != 0) GTEST_SKIP() << "conformance runs runtimes as root";
    if (!testing::OnPath("runc")) GTEST_SKIP() << "runc is not installed";
    // A shared temporary directory like /tmp: root's, world-writable, sticky.
    fs::permissions(scratch_.path(), fs::perms(0755));
    tmp_ = scratch_.path() + "/tmp";
    fs::create_directory(tmp_);
    fs::permissions(tmp_, fs::perms(01777));
    victim_ = scratch_.path() + "/victim";
    fs::create_directory(victim_);
    testing::WriteFile(victim_ + "/passwd", "root:x:0:0\n");
  }

  CommandOutput Run(std::vector<std::string> args, bool own_pid_namespace = false) {
    std::vector<std::string> argv = {"env", "TMPDIR=" + tmp_};
    if (own_pid_namespace) argv.insert(argv.end(), {"unshare", "-p", "-f", "--mount-proc"});
    argv.push_back(testing::BinaryPath());
    argv.insert(argv.end(), args.begin(), args.end());
    Result<CommandOutput> r = RunCommand(argv, 120);
    EXPECT_TRUE(r) << r.error().message();
    return r ? *r : CommandOutput{};
  }

  void ExpectVictimUntouched() {
    EXPECT_EQ(Entries(victim_), std::vector<std::string>{"passwd"});
    EXPECT_EQ(testing::ReadFile(victim_ + "/passwd"), "root:x:0:0\n");
  }

  testing::TempDir scratch_;
  std::string tmp_;
  std::string victim_;
};

TEST_F(ConformanceSecurityTest, PlantedWorkDirectoriesAreNeverUsed) {
  // In a PID namespace of its own the command is PID 1: every name an attacker can predict.
  std::string stem = tmp_ + "/oci-lint-conformance-1";
  ASSERT_TRUE(AsNobody("mkdir -m 0777 " + stem + " " + stem + "-aaaaaa && ln -s " + victim_ + " " +
                       stem + "-bbbbbb"));
  CommandOutput r = Run({"conformance", "--runtime", "runc", "--scenario", "baseline", "--out",
                         scratch_.path() + "/reports"},
                        true);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("scenario baseline... pass"));
  EXPECT_TRUE(Entries(stem).empty());
  EXPECT_TRUE(Entries(stem + "-aaaaaa").empty());
  ExpectVictimUntouched();
  // Only the plants are left: the command's own directory is gone.
  EXPECT_EQ(Entries(tmp_),
            (std::vector<std::string>{"oci-lint-conformance-1", "oci-lint-conformance-1-aaaaaa",
                                      "oci-lint-conformance-1-bbbbbb"}));
}

TEST_F(ConformanceSecurityTest, KeptBundlesArePrivate) {
  CommandOutput r = Run({"conformance", "--runtime", "runc", "--scenario", "baseline", "--keep",
                         "--out", scratch_.path() + "/reports"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> made = Entries(tmp_);
  ASSERT_EQ(made.size(), 1u);
  std::string work = tmp_ + "/" + made[0];
  EXPECT_THAT(r.err, HasSubstr("kept " + work + "/baseline"));
  struct stat st;
  ASSERT_EQ(stat(work.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(st.st_uid, 0u);
  ASSERT_EQ(stat((work + "/baseline/config.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  ASSERT_EQ(stat((work + "/baseline/rootfs/oci-lint-probe-helper").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
}

TEST_F(ConformanceSecurityTest, ReportsAreNeverWrittenThroughAnotherUsersLinks) {
  std::string linked = tmp_ + "/reports";
  ASSERT_TRUE(AsNobody("ln -s " + victim_ + " " + linked));
  CommandOutput r =
      Run({"conformance", "--runtime", "runc", "--scenario", "baseline", "--out", linked});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("does not follow another user's links"));

  std::string shared = tmp_ + "/shared";
  ASSERT_TRUE(AsNobody("mkdir -m 0777 " + shared + " && ln -s " + victim_ + "/passwd " + shared +
                       "/report.md"));
  r = Run({"conformance", "--runtime", "runc", "--scenario", "baseline", "--out", shared});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("symbolic link owned by uid 65534"));

  std::string sarif = tmp_ + "/lint.sarif";
  ASSERT_TRUE(AsNobody("ln -s " + victim_ + "/passwd " + sarif));
  r = Run({"lint", "--format", "sarif", "--output", sarif,
           testing::SourcePath("testdata/examples/clean.oci.json")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("symbolic link owned by uid 65534"));
  ExpectVictimUntouched();
}

TEST_F(ConformanceSecurityTest, RefusesAHelperOrTemporaryDirectoryOthersCanChange) {
  std::string helper = scratch_.path() + "/helper";
  fs::copy_file(fs::path(testing::BinaryPath()).parent_path() / "oci-lint-probe-helper", helper);
  fs::permissions(helper, fs::perms(0777));
  CommandOutput r = Run({"conformance", "--runtime", "runc", "--helper", helper, "--out",
                         scratch_.path() + "/reports"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("writable by others (mode 0777)"));

  fs::permissions(tmp_, fs::perms(0777));
  r = Run({"conformance", "--runtime", "runc", "--out", scratch_.path() + "/reports"});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_THAT(r.err, HasSubstr("not sticky"));
  EXPECT_TRUE(Entries(tmp_).empty());
  EXPECT_FALSE(fs::exists(scratch_.path() + "/reports"));
}

/// A child process whose standard error is read as it comes.
struct Spawned {
  pid_t pid = -1;
  int err_fd = -1;
  std::string err;

  /// Reads until `text` has appeared or `timeout_ms` passed; true when it appeared.
  bool WaitFor(const std::string& text, int timeout_ms = 30000) {
    for (int waited = 0; err.find(text) == std::string::npos; waited += 50) {
      if (waited > timeout_ms) return false;
      pollfd p{err_fd, POLLIN, 0};
      if (poll(&p, 1, 50) > 0) {
        char buffer[4096];
        ssize_t n = read(err_fd, buffer, sizeof buffer);
        if (n <= 0) return err.find(text) != std::string::npos;
        err.append(buffer, static_cast<size_t>(n));
      }
    }
    return true;
  }

  /// The exit code (128 + signal when killed), after reading the rest of standard error.
  int Finish() {
    WaitFor("\x01never", 30000);
    close(err_fd);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
};

Spawned Spawn(const std::vector<std::string>& argv) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return {};
  Spawned s;
  s.pid = fork();
  if (s.pid == 0) {
    int null = open("/dev/null", O_RDWR);
    dup2(null, STDIN_FILENO);
    dup2(null, STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
  }
  close(fds[1]);
  s.err_fd = fds[0];
  return s;
}

class ConformanceSignalTest : public ConformanceSecurityTest {
 protected:
  void SetUp() override {
    ConformanceSecurityTest::SetUp();
    if (IsSkipped()) return;
    fs::permissions(tmp_, fs::perms(0755));
    // runc whose `run` of scenario $SLOW_SCENARIO creates the container, says so in a file, and
    // waits before starting it: a signal then finds a container that only `delete -f` removes.
    bin_ = scratch_.path() + "/bin";
    fs::create_directory(bin_);
    testing::WriteFile(bin_ + "/slow-runc", R"(#!/bin/bash
args=("$@")
for i in "${!args[@]}"; do
  if [[ ${args[$i]} == run && ${args[-1]} == *-$SLOW_SCENARIO ]]; then
    globals=("${args[@]:0:$i}")
    rest=("${args[@]:$((i + 1))}")
    id=${rest[-1]}
    runc "${globals[@]}" create "${rest[@]}" || exit $?
    : >")" + scratch_.path() + R"(/created-$id"
    read -r -t 20 <>")" + scratch_.path() + R"(/fifo"
    exec runc "${globals[@]}" start "$id"
  fi
done
exec runc "$@"
)");
    fs::permissions(bin_ + "/slow-runc", fs::perms(0755));
    ASSERT_EQ(mkfifo((scratch_.path() + "/fifo").c_str(), 0600), 0);
  }

  /// Starts the battery on slow-runc, which holds the container of scenario `slow`.
  Spawned Start(const std::string& slow) {
    return Spawn({"env", "TMPDIR=" + tmp_, "SLOW_SCENARIO=" + slow, testing::BinaryPath(),
                  "conformance", "--runtime", bin_ + "/slow-runc", "--out",
                  scratch_.path() + "/reports"});
  }

  /// Waits until slow-runc has created the container of `scenario` in the run `pid`.
  bool WaitForContainer(pid_t pid, const std::string& scenario) {
    std::string created =
        scratch_.path() + "/created-oci-lint-" + std::to_string(pid) + "-" + scenario;
    for (int i = 0; i < 400 && !fs::exists(created); ++i) usleep(50000);
    return fs::exists(created);
  }

  /// No directory, container or process of the run `pid` is left.
  void ExpectNothingLeft(pid_t pid, const std::string& where) {
    EXPECT_TRUE(Entries(tmp_).empty()) << where;
    Result<CommandOutput> list = RunCommand({"runc", "list", "-q"}, 20);
    ASSERT_TRUE(list);
    EXPECT_THAT(list->out, Not(HasSubstr("oci-lint-" + std::to_string(pid) + "-"))) << where;
    Result<CommandOutput> ps = RunCommand({"pgrep", "-f", tmp_}, 20);
    ASSERT_TRUE(ps);
    EXPECT_EQ(ps->out, "") << where;
  }

  std::string bin_;
};

TEST_F(ConformanceSignalTest, CleansUpAfterTermHupAndIntAtEveryPoint) {
  for (int signal : {SIGTERM, SIGHUP, SIGINT}) {
    std::string name = std::string("SIG") + sigabbrev_np(signal);
    // Before the first scenario, while the first container exists, and while a later one does
    // after earlier bundles were removed.
    for (int point = 0; point < 3; ++point) {
      std::string where = name + " at point " + std::to_string(point);
      std::string slow = point == 2 ? "non-root-ambient" : "baseline";
      Spawned run = Start(slow);
      ASSERT_GT(run.pid, 0);
      if (point == 0) {
        ASSERT_TRUE(run.WaitFor("bundles in ")) << run.err;
      } else {
        ASSERT_TRUE(WaitForContainer(run.pid, slow)) << run.err;
      }
      kill(run.pid, signal);
      EXPECT_EQ(run.Finish(), 128 + signal) << where << "\n" << run.err;
      EXPECT_THAT(run.err, HasSubstr("interrupted by " + name)) << where;
      ExpectNothingLeft(run.pid, where);
    }
  }
}

TEST_F(ConformanceSignalTest, NextRunSweepsWhatASigkillLeft) {
  Spawned killed = Start("baseline");
  ASSERT_GT(killed.pid, 0);
  ASSERT_TRUE(WaitForContainer(killed.pid, "baseline")) << killed.err;
  kill(killed.pid, SIGKILL);
  EXPECT_EQ(killed.Finish(), 128 + SIGKILL);
  ASSERT_EQ(Entries(tmp_).size(), 1u);
  std::string leftover = tmp_ + "/" + Entries(tmp_)[0];
  RunCommand({"pkill", "-KILL", "-f", tmp_}, 20);  // the orphaned slow-runc wrapper

  CommandOutput next = Run({"conformance", "--runtime", "runc", "--scenario", "baseline", "--out",
                            scratch_.path() + "/reports"});
  EXPECT_EQ(next.exit_code, 0) << next.err;
  EXPECT_THAT(next.err, HasSubstr("removed " + leftover + ", left by process " +
                                  std::to_string(killed.pid) + " which no longer exists"));
  ExpectNothingLeft(killed.pid, "after the sweep");
}

}  // namespace
}  // namespace ocilint
