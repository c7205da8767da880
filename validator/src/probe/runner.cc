#include "probe/runner.h"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/capability.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "caps/proc_status.h"
#include "util/signals.h"

namespace ocilint::probe {

namespace {

using caps::CapMask;
using caps::CapState;

constexpr uint32_t kNoId = 4294967295;  ///< (uid_t)-1 and (gid_t)-1: "no change" to setresuid

constexpr CapMask Bit(int cap) {
  return CapMask{1} << cap;
}

CapMask Existing(int last_cap) {
  return last_cap >= 63 ? ~CapMask{0} : Bit(last_cap + 1) - 1;
}

std::string FormatSets(const CapState& s) {
  char buffer[128];
  std::snprintf(
      buffer, sizeof buffer, "%016llx %016llx %016llx %016llx %016llx",
      static_cast<unsigned long long>(s.inheritable), static_cast<unsigned long long>(s.permitted),
      static_cast<unsigned long long>(s.effective), static_cast<unsigned long long>(s.bounding),
      static_cast<unsigned long long>(s.ambient));
  return buffer;
}

bool ReadOwnSets(CapState* out) {
  std::ifstream in("/proc/self/status");
  std::stringstream text;
  text << in.rdbuf();
  auto sets = caps::ParseProcStatus(text.str(), "/proc/self/status");
  if (!sets || !sets.value().inheritable || !sets.value().permitted || !sets.value().effective ||
      !sets.value().ambient) {
    return false;
  }
  *out = {*sets.value().inheritable, *sets.value().permitted, *sets.value().effective,
          *sets.value().bounding, *sets.value().ambient};
  return true;
}

void WriteLine(int fd, const std::string& line) {
  std::string text = line + "\n";
  for (size_t done = 0; done < text.size();) {
    ssize_t n = write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

/// capset(2) through libcap: the three sets at once. Returns 0 or the errno.
int SetCaps(CapMask inheritable, CapMask permitted, CapMask effective, int last_cap) {
  cap_t c = cap_init();
  if (!c) return errno;
  for (int cap = 0; cap <= last_cap; ++cap) {
    cap_value_t value = cap;
    if (inheritable & Bit(cap)) cap_set_flag(c, CAP_INHERITABLE, 1, &value, CAP_SET);
    if (permitted & Bit(cap)) cap_set_flag(c, CAP_PERMITTED, 1, &value, CAP_SET);
    if (effective & Bit(cap)) cap_set_flag(c, CAP_EFFECTIVE, 1, &value, CAP_SET);
  }
  int rc = cap_set_proc(c);
  int saved = errno;
  cap_free(c);
  return rc == 0 ? 0 : saved;
}

/// The test process's side. Every failure is written to `fd` and ends the process.
class TestProcess {
 public:
  TestProcess(const ProbePlan& plan, int fd)
      : plan_(plan), fd_(fd), last_cap_(caps::RunningCapLastCap()) {}

  [[noreturn]] void Fail(const char* operation, int error, int cap) {
    WriteLine(fd_, "fail " + std::string(operation) + " " + std::to_string(error) + " " +
                       std::to_string(cap));
    _exit(1);
  }

  /// Step 3: a fresh user namespace has every capability; drop what the target lacks.
  void EmulateTarget() {
    CapMask keep = plan_.target_caps & Existing(last_cap_);
    for (int cap = 0; cap <= last_cap_; ++cap) {
      if (!(keep & Bit(cap)) && prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
        Fail("emulate:prctl(PR_CAPBSET_DROP)", errno, cap);
      }
    }
    if (int error = SetCaps(0, keep, keep, last_cap_)) Fail("emulate:capset", error, -1);
  }

  /// Step 4, up to (not including) no_new_privs: what runtimes do, in their order.
  void ApplyExpected() {
    CapState want = Wanted();
    for (int cap = 0; cap <= last_cap_; ++cap) {
      if (!(want.bounding & Bit(cap)) && prctl(PR_CAPBSET_READ, cap, 0, 0, 0) == 1 &&
          prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) {
        Fail("prctl(PR_CAPBSET_DROP)", errno, cap);
      }
    }
    if (plan_.uid != 0 || plan_.gid != 0) {
      if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) Fail("prctl(PR_SET_KEEPCAPS)", errno, -1);
      if (setresgid(plan_.gid, plan_.gid, plan_.gid) != 0) Fail("setresgid", errno, -1);
      if (setresuid(plan_.uid, plan_.uid, plan_.uid) != 0) Fail("setresuid", errno, -1);
      if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) != 0) Fail("prctl(PR_SET_KEEPCAPS)", errno, -1);
    }
    if (int error = SetCaps(want.inheritable, want.permitted, want.effective, last_cap_)) {
      Fail("capset", error, Culprit(want));
    }
    for (int cap = 0; cap <= last_cap_; ++cap) {
      if ((want.ambient & Bit(cap)) &&
          prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap, 0, 0) != 0) {
        Fail("prctl(PR_CAP_AMBIENT_RAISE)", errno, cap);
      }
    }
  }

  /// Steps 4 (no_new_privs) and 5: report the applied sets, then exec the helper.
  [[noreturn]] void ReportAndExec(const std::string& helper) {
    if (plan_.no_new_privileges && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
      Fail("prctl(PR_SET_NO_NEW_PRIVS)", errno, -1);
    }
    CapState applied;
    if (!ReadOwnSets(&applied)) Fail("read /proc/self/status", EIO, -1);
    WriteLine(fd_, "applied " + FormatSets(applied));
    int flags = fcntl(fd_, F_GETFD);
    fcntl(fd_, F_SETFD, flags & ~FD_CLOEXEC);
    std::string fd_text = std::to_string(fd_);
    const char* argv[] = {"oci-lint", "__probe-report", fd_text.c_str(), nullptr};
    execv(helper.c_str(), const_cast<char* const*>(argv));
    Fail("execve", errno, -1);
  }

  /// Step 6: try the operation that would grant a warned capability; it must be refused.
  [[noreturn]] void TryToGrant(const UngrantableCheck& check) {
    CapState now;
    if (!ReadOwnSets(&now)) Fail("read /proc/self/status", EIO, -1);
    CapMask bit = Bit(check.cap);
    int error = 0;
    std::string operation;
    if (check.set == kAmbient || check.rule == "cap-ambient-not-granted") {
      operation = "prctl(PR_CAP_AMBIENT_RAISE)";
      error = prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, check.cap, 0, 0) == 0 ? 0 : errno;
    } else if (check.set == kInheritable) {
      operation = "capset(inheritable)";
      error = SetCaps(now.inheritable | bit, now.permitted, now.effective, last_cap_);
    } else if (check.set == kEffective) {
      operation = "capset(effective)";
      error = SetCaps(now.inheritable, now.permitted, now.effective | bit, last_cap_);
    } else {
      operation = "capset(permitted)";
      error = SetCaps(now.inheritable, now.permitted | bit, now.effective, last_cap_);
    }
    WriteLine(fd_, (error ? "refused " + std::to_string(error) : std::string("granted")) + " " +
                       operation);
    _exit(0);
  }

 private:
  CapState Wanted() const {
    CapState want = plan_.Expected();
    CapMask existing = Existing(last_cap_);
    want.inheritable &= existing;
    want.permitted &= existing;
    want.effective &= existing;
    want.bounding &= existing;
    want.ambient &= existing;
    return want;
  }

  /// The first capability whose addition capset refuses, to name it in the verdict.
  int Culprit(const CapState& want) {
    CapState now;
    if (!ReadOwnSets(&now)) return -1;
    for (int cap = 0; cap <= last_cap_; ++cap) {
      CapMask bit = Bit(cap);
      if (!((want.inheritable | want.permitted | want.effective) & bit)) continue;
      CapState trial = now;
      trial.inheritable |= want.inheritable & bit;
      trial.permitted = (trial.permitted & want.permitted) | (want.permitted & bit);
      trial.effective = (trial.effective & want.effective) | (want.effective & bit);
      if (SetCaps(trial.inheritable, trial.permitted, trial.effective, last_cap_) != 0) return cap;
    }
    return -1;
  }

  const ProbePlan& plan_;
  int fd_;
  int last_cap_;
};

long long NowMs() {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

bool WriteFile(const std::string& path, const std::string& text) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  close(fd);
  return ok;
}

enum class Wait { kReady, kTimedOut, kInterrupted };

/// Waits until `fd` has input or end of file, the deadline passes, or a termination signal came.
Wait WaitForInput(int fd, long long deadline) {
  while (true) {
    long long left = deadline - NowMs();
    if (left <= 0) return Wait::kTimedOut;
    if (TerminationSignals::Pending()) return Wait::kInterrupted;
    // Bounded, so a signal that lands just before poll is seen within a second.
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(std::min(left, 1000LL))) > 0) return Wait::kReady;
  }
}

/// Which test process to run.
struct Mode {
  const UngrantableCheck* check = nullptr;  ///< null: the main apply-and-exec process
  bool rlimits = false;                     ///< the holder that applies the plan's rlimits
};

/// Forks one test process, maps its user namespace, and collects what it writes.
std::string RunTestProcess(const ProbePlan& plan, const ProbeOptions& options, Mode mode) {
  int sync_pipe[2], go_pipe[2], result_pipe[2];
  if (pipe2(sync_pipe, O_CLOEXEC) != 0) return "error pipe " + std::to_string(errno);
  if (pipe2(go_pipe, O_CLOEXEC) != 0) {
    close(sync_pipe[0]);
    close(sync_pipe[1]);
    return "error pipe " + std::to_string(errno);
  }
  if (pipe2(result_pipe, O_CLOEXEC) != 0) {
    for (int fd : {sync_pipe[0], sync_pipe[1], go_pipe[0], go_pipe[1]}) close(fd);
    return "error pipe " + std::to_string(errno);
  }
  uid_t caller_uid = geteuid();
  gid_t caller_gid = getegid();
  pid_t pid = fork();
  if (pid < 0) {
    for (int fd :
         {sync_pipe[0], sync_pipe[1], go_pipe[0], go_pipe[1], result_pipe[0], result_pipe[1]}) {
      close(fd);
    }
    return "error fork " + std::to_string(errno);
  }
  if (pid == 0) {
    setpgid(0, 0);
    close(sync_pipe[0]);
    close(go_pipe[1]);
    close(result_pipe[0]);
    int out = result_pipe[1];
    if (mode.rlimits) EmulateEnvironmentLimits(plan.rlimits, out);
    if (unshare(CLONE_NEWUSER) != 0) {
      WriteLine(out, "skip unshare(CLONE_NEWUSER) " + std::to_string(errno));
      _exit(0);
    }
    char byte = 1;
    if (write(sync_pipe[1], &byte, 1) != 1) _exit(1);
    if (read(go_pipe[0], &byte, 1) != 1) _exit(1);
    if (mode.rlimits) ApplyRlimits(plan.rlimits, out);
    TestProcess test(plan, out);
    test.EmulateTarget();
    test.ApplyExpected();
    if (mode.check) test.TryToGrant(*mode.check);
    test.ReportAndExec(options.helper);
  }
  setpgid(pid, pid);  // as the child does: the group exists before a kill
  close(sync_pipe[1]);
  close(go_pipe[0]);
  close(result_pipe[1]);
  long long deadline = NowMs() + options.timeout_seconds * 1000LL;
  std::string output;
  char byte = 0;
  // A child stopped or hung before it unshared is bound by the timeout as well.
  Wait ready = WaitForInput(sync_pipe[0], deadline);
  if (ready == Wait::kReady && read(sync_pipe[0], &byte, 1) == 1) {
    std::string proc = "/proc/" + std::to_string(pid);
    std::string uid_map = "0 " + std::to_string(caller_uid) + " 1\n";
    std::string gid_map = "0 " + std::to_string(caller_gid) + " 1\n";
    if (caller_uid == 0 && plan.uid != 0)
      uid_map += std::to_string(plan.uid) + " " + std::to_string(plan.uid) + " 1\n";
    if (caller_uid == 0 && plan.gid != 0)
      gid_map += std::to_string(plan.gid) + " " + std::to_string(plan.gid) + " 1\n";
    bool mapped = (caller_uid == 0 || WriteFile(proc + "/setgroups", "deny")) &&
                  WriteFile(proc + "/uid_map", uid_map) && WriteFile(proc + "/gid_map", gid_map);
    if (mapped) {
      byte = 1;
      if (write(go_pipe[1], &byte, 1) != 1) mapped = false;
    } else {
      output = "skip uid_map " + std::to_string(errno) + "\n";
    }
  }
  close(go_pipe[1]);
  close(sync_pipe[0]);

  while (ready == Wait::kReady) {
    ready = WaitForInput(result_pipe[0], deadline);
    if (ready != Wait::kReady) break;
    char buffer[4096];
    ssize_t got = read(result_pipe[0], buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    if (output.size() < 65536) output.append(buffer, static_cast<size_t>(got));
  }
  close(result_pipe[0]);
  if (ready != Wait::kReady) {
    // The whole group: whatever the test process started goes too. The leader is not reaped
    // yet, so its group ID cannot have been reused.
    kill(-pid, SIGKILL);
    output += ready == Wait::kTimedOut ? "timeout\n" : "interrupted\n";
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return output;
}

std::string ErrnoName(int error) {
  switch (error) {
    case EPERM:
      return "EPERM";
    case EINVAL:
      return "EINVAL";
    case EACCES:
      return "EACCES";
    case ENOSPC:
      return "ENOSPC";
    case ENOMEM:
      return "ENOMEM";
    default:
      return "errno " + std::to_string(error);
  }
}

std::string CapName(int cap) {
  if (cap < 0) return "";
  const caps::Capability* c = caps::FindByNumber(cap);
  return c ? std::string(c->name) : "CAP_" + std::to_string(cap);
}

std::string DescribeSetDifference(const CapState& want, const CapState& got) {
  std::string out;
  auto one = [&](std::string_view name, CapMask a, CapMask b) {
    if (a == b) return;
    if (!out.empty()) out += "; ";
    out += std::string(name) + ": missing [" + caps::MaskToNames(a & ~b) + "], extra [" +
           caps::MaskToNames(b & ~a) + "]";
  };
  one("bounding", want.bounding, got.bounding);
  one("effective", want.effective, got.effective);
  one("inheritable", want.inheritable, got.inheritable);
  one("permitted", want.permitted, got.permitted);
  one("ambient", want.ambient, got.ambient);
  return out;
}

std::string RlimitSummary(const std::vector<RlimitResult>& rlimits) {
  if (rlimits.empty()) return "";
  size_t skipped = 0;
  for (const RlimitResult& r : rlimits) skipped += r.judgement == RlimitResult::Judgement::kSkip;
  if (skipped == rlimits.size()) return ", no rlimit could be judged";
  return ", every judged rlimit as predicted" +
         (skipped ? " (" + std::to_string(skipped) + " not judged)" : std::string());
}

}  // namespace

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

bool ParseSets(std::string_view text, CapState* sets) {
  CapMask* fields[] = {&sets->inheritable, &sets->permitted, &sets->effective, &sets->bounding,
                       &sets->ambient};
  for (CapMask* field : fields) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    size_t end = std::min(text.find(' '), text.size());
    auto mask = caps::ParseCapMask(text.substr(0, end));
    if (!mask) return false;
    *field = *mask;
    text.remove_prefix(end);
  }
  return true;
}

int ReportSetsToFd(int fd) {
  CapState sets;
  if (!ReadOwnSets(&sets)) return 1;
  WriteLine(fd, "after " + FormatSets(sets));
  return 0;
}

ProbeOutcome RunProbe(const ProbePlan& plan, const ProbeOptions& options) {
  ProbeOutcome outcome;
  int last_cap = caps::RunningCapLastCap();
  CapMask existing = Existing(last_cap);
  CapState expected = plan.Expected();
  outcome.expected = {expected.inheritable & existing, expected.permitted & existing,
                      expected.effective & existing, expected.bounding & existing,
                      expected.ambient & existing};
  for (auto [field, id] : {std::pair{"uid", plan.uid}, std::pair{"gid", plan.gid}}) {
    if (id != kNoId) continue;
    outcome.reason = "process.user." + std::string(field) +
                     " is 4294967295, (uid_t)-1, the kernel's \"no id\" "
                     "(process-user-id-invalid): no process can have it, so there is nothing "
                     "to probe";
    return outcome;
  }
  if (!plan.unjudgeable.empty()) {
    outcome.reason = plan.unjudgeable;
    return outcome;
  }
  if (geteuid() != 0 && plan.uid != 0) {
    outcome.reason = "process.user.uid is " + std::to_string(plan.uid) +
                     ": only root can map that uid into the test user namespace";
    return outcome;
  }
  std::string output = RunTestProcess(plan, options, {});
  bool have_applied = false, have_after = false;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    std::string_view rest(line);
    std::string word(rest.substr(0, rest.find(' ')));
    rest.remove_prefix(std::min(rest.size(), word.size() + 1));
    if (word == "applied") {
      have_applied = ParseSets(rest, &outcome.applied);
    } else if (word == "after") {
      have_after = ParseSets(rest, &outcome.after_exec);
    } else if (word == "skip") {
      std::istringstream fields{std::string(rest)};
      std::string what;
      int error = 0;
      fields >> what >> error;
      outcome.reason = what + " failed with " + ErrnoName(error) + " (" + std::strerror(error) +
                       "): user namespaces are not available here";
      std::ifstream max("/proc/sys/user/max_user_namespaces");
      if (long long limit = -1; max >> limit && limit == 0) {
        outcome.reason += " (user.max_user_namespaces is 0)";
      }
      return outcome;
    } else if (word == "fail") {
      std::istringstream fields{std::string(rest)};
      std::string operation;
      int error = 0, cap = -1;
      fields >> operation >> error >> cap;
      outcome.verdict = Verdict::kFail;
      bool emulation = operation.rfind("emulate:", 0) == 0;
      outcome.reason = operation + " failed with " + ErrnoName(error) +
                       (cap >= 0 ? " for " + CapName(cap) : "") +
                       (emulation ? ": the target could not be emulated"
                                  : ": the linter did not warn about this (a false negative)");
      return outcome;
    } else if (word == "interrupted") {
      outcome.reason = "interrupted by a termination signal";
      return outcome;
    } else if (word == "timeout") {
      outcome.verdict = Verdict::kFail;
      outcome.reason = "the test process did not finish within " +
                       std::to_string(options.timeout_seconds) + " s and was killed";
      return outcome;
    } else if (word == "error") {
      outcome.verdict = Verdict::kFail;
      outcome.reason = "could not start a test process: " + std::string(rest);
      return outcome;
    }
  }
  if (!have_applied || !have_after) {
    outcome.verdict = Verdict::kFail;
    outcome.reason = have_applied ? "the helper did not report its sets after execve"
                                  : "the test process ended without reporting its sets";
    return outcome;
  }
  outcome.ran = true;
  outcome.predicted = caps::PredictAfterExec(
      outcome.applied, {plan.uid == 0, plan.uid == 0, plan.no_new_privileges});

  for (const UngrantableCheck& check : plan.ungrantable) {
    if (TerminationSignals::Pending()) {
      outcome.ran = false;
      outcome.reason = "interrupted by a termination signal";
      return outcome;
    }
    UngrantableResult result{check.cap, check.rule, "", ""};
    std::string text = RunTestProcess(plan, options, {&check});
    std::istringstream fields(text);
    std::string word;
    fields >> word;
    if (word == "refused") {
      int error = 0;
      fields >> error >> result.operation;
      result.errno_name = ErrnoName(error);
    } else if (word == "granted") {
      fields >> result.operation;
    } else if (text.find("timeout") != std::string::npos) {
      result.operation = "the test process did not finish within " +
                         std::to_string(options.timeout_seconds) + " s and was killed";
      result.errno_name = "?";
    } else {
      result.operation = "test process failed: " + text.substr(0, text.find('\n'));
      result.errno_name = "?";
    }
    outcome.ungrantable.push_back(std::move(result));
  }

  std::vector<std::string> problems;
  if (!plan.rlimits.entries.empty()) {
    if (TerminationSignals::Pending()) {
      outcome.ran = false;
      outcome.reason = "interrupted by a termination signal";
      return outcome;
    }
    std::string text = RunTestProcess(plan, options, {.rlimits = true});
    outcome.rlimits = JudgeRlimits(plan.rlimits, text, &problems);
    if (text.find("timeout") != std::string::npos) {
      problems.push_back("the rlimit test process did not finish within " +
                         std::to_string(options.timeout_seconds) + " s and was killed");
    }
  }
  if (!(outcome.applied == outcome.expected)) {
    problems.push_back("applied sets differ from expected (" +
                       DescribeSetDifference(outcome.expected, outcome.applied) + ")");
  }
  if (!(outcome.after_exec == outcome.predicted)) {
    problems.push_back("sets after execve differ from the capabilities(7) prediction (" +
                       DescribeSetDifference(outcome.predicted, outcome.after_exec) + ")");
  }
  for (const UngrantableResult& r : outcome.ungrantable) {
    if (r.errno_name.empty()) {
      problems.push_back(CapName(r.cap) + " was granted by " + r.operation + " although " + r.rule +
                         " warned (a linter false positive)");
    } else if (r.errno_name == "?") {
      problems.push_back("could not check " + CapName(r.cap) + ": " + r.operation);
    }
  }
  if (problems.empty()) {
    outcome.verdict = Verdict::kPass;
    outcome.reason =
        "applied = expected, after execve = predicted" +
        std::string(outcome.ungrantable.empty() ? "" : ", every warned capability was refused") +
        RlimitSummary(outcome.rlimits);
  } else {
    outcome.verdict = Verdict::kFail;
    for (const std::string& p : problems) {
      outcome.reason += (outcome.reason.empty() ? "" : "; ") + p;
    }
  }
  return outcome;
}

}  // namespace ocilint::probe
