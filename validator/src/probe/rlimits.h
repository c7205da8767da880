#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "caps/proc_limits.h"
#include "json/document.h"
#include "lint/target.h"

namespace ocilint::probe {

/// What setrlimit(2) does with one rlimits entry: sets it, or refuses it with an errno.
enum class RlimitOutcome { kApplied, kEinval, kEperm, kNotProbed };
std::string_view RlimitOutcomeName(RlimitOutcome outcome);

/// One entry of process.rlimits and what the linter's findings predict the kernel does with it.
struct RlimitEntryPlan {
  uint32_t index = 0;
  std::string type{};  ///< as written
  int resource = -1;   ///< the RLIMIT_* number; -1 when the entry is not probed
  uint64_t soft = 0, hard = 0;
  RlimitOutcome predicted = RlimitOutcome::kNotProbed;
  std::string rule{};        ///< the finding that predicts the refusal; "" for kApplied
  std::string not_probed{};  ///< why, for kNotProbed
};

/// Why a plan cannot be judged when `rule` reached the linter's per-file cap of findings.
std::string TooManyFindings(std::string_view rule);

/// The config's rlimits and the environment the test process starts from.
struct RlimitPlan {
  std::vector<RlimitEntryPlan> entries;
  /// Why the linter's findings cannot predict these entries (a rule hit its per-file cap), or "".
  std::string unjudgeable;
  /// The environment's limits, per resource, when it lacks CAP_SYS_RESOURCE and they are known:
  /// the test process sets them before it enters its user namespace.
  std::optional<caps::RlimitPair> environment[16];
  /// The environment may raise hard limits (CAP_SYS_RESOURCE, or its bounding set is unknown):
  /// the test process starts with every hard limit at the kernel's maximum, which needs root.
  bool environment_can_raise = true;
  /// Why a resource without `environment` limits starts from the caller's own limits.
  std::string unknown_environment;
  /// The target kernel's fs.nr_open, when the linter knows it (--kernel host).
  std::optional<uint64_t> nr_open;
};

/// Runs the process rules on `doc` for `target` and turns their rlimit findings into predictions.
RlimitPlan MakeRlimitPlan(const json::Document& doc, const lint::Target& target);

/// What the kernel did with one entry, next to the prediction.
struct RlimitResult {
  RlimitEntryPlan entry;
  std::string observed{};  ///< "applied", "EPERM", "EINVAL", "errno N"; "" when not run
  std::optional<caps::RlimitPair> before{};     ///< the limits in force before the entry
  std::optional<caps::RlimitPair> read_back{};  ///< getrlimit(2) after an applied entry
  enum class Judgement { kMatch, kMismatch, kSkip };
  Judgement judgement = Judgement::kSkip;
  std::string note{};  ///< why it was skipped or what differed
};
std::string_view JudgementName(RlimitResult::Judgement judgement);

/// The test process's side, before it unshares its user namespace (still with the caller's
/// credentials): sets the environment's limits, or raises every hard limit when the environment
/// can. Writes "start RESOURCE ERRNO" for each resource it set.
void EmulateEnvironmentLimits(const RlimitPlan& plan, int fd);

/// The test process's side in its user namespace, without CAP_SYS_RESOURCE in the initial one:
/// applies every probed entry in order with prlimit(2), as runtimes do, and writes
/// "entry INDEX BEFORE_SOFT BEFORE_HARD ERRNO AFTER_SOFT AFTER_HARD" for each, then "done". It
/// allocates nothing once the first entry is applied (RLIMIT_AS or RLIMIT_DATA may be tiny).
[[noreturn]] void ApplyRlimits(const RlimitPlan& plan, int fd);

/// Compares what the test process wrote with the plan. `problems` gets one sentence per mismatch.
std::vector<RlimitResult> JudgeRlimits(const RlimitPlan& plan, std::string_view output,
                                       std::vector<std::string>* problems);

}  // namespace ocilint::probe
