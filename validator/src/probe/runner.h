#pragma once

#include <string>
#include <vector>

#include "caps/exec_model.h"
#include "probe/plan.h"

namespace ocilint::probe {

/// A warned capability that a test process tried to obtain.
struct UngrantableResult {
  int cap;
  std::string rule;
  std::string operation;   ///< e.g. "capset(permitted)", "prctl(PR_CAP_AMBIENT_RAISE)"
  std::string errno_name;  ///< "EPERM", "EINVAL"...; empty when the kernel granted it
};

enum class Verdict { kPass, kFail, kSkip };
std::string_view VerdictName(Verdict verdict);

/// What happened when the plan was carried out in a new user namespace.
struct ProbeOutcome {
  Verdict verdict = Verdict::kSkip;
  std::string reason;
  bool ran = false;           ///< applied and after_exec are observations
  caps::CapState expected;    ///< from the plan, limited to what this kernel has
  caps::CapState applied;     ///< read back before execve
  caps::CapState predicted;   ///< capabilities(7) applied to `applied`
  caps::CapState after_exec;  ///< reported by the helper after execve
  std::vector<UngrantableResult> ungrantable;
  std::vector<RlimitResult> rlimits;  ///< one per process.rlimits entry, once the sets were proved
};

struct ProbeOptions {
  int timeout_seconds = 10;
  /// The program the test process executes to report its sets (this binary).
  std::string helper = "/proc/self/exe";
};

/// Forks test processes that unshare a user namespace, reproduce the target, apply the plan's
/// expected sets the way runtimes do, and exec the helper. The caller's own credentials and
/// capabilities never change; every child is reaped, a hung one killed after the timeout.
ProbeOutcome RunProbe(const ProbePlan& plan, const ProbeOptions& options);

/// The helper's side (`oci-lint __probe-report FD`): writes this process's five sets to FD.
int ReportSetsToFd(int fd);

/// Parses "I P E B A" (hex masks), as the test processes write them.
bool ParseSets(std::string_view text, caps::CapState* sets);

}  // namespace ocilint::probe
