#pragma once

#include <rapidjson/document.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "conformance/model.h"
#include "util/error.h"

namespace ocilint::conformance {

/// Where a spec scenario's bundle is, as the runtime and the container see it.
struct BundlePaths {
  std::string bundle;     ///< the bundle directory (host path)
  std::string helper;     ///< the probe helper, host path (for runtime-namespace hooks)
  std::string hooks_log;  ///< the file hooks append to, host path (inside the rootfs)
  /// The hooks log as the container sees it after pivot_root (startContainer hooks).
  std::string hooks_log_in_container = "/oci-lint-hooks.log";
  pid_t runner_pid = 0;  ///< a live process of the runtime namespace (this one)
};

/// One command of a scenario: `run`, or a step of create/state/start/kill/delete.
struct Step {
  std::string name;  ///< "run", "create", "state after create", ...
  std::string command;
  int exit_code = -1;
  bool timed_out = false;
  std::string out, err;
};

/// What the runner saw for one spec scenario.
struct SpecObservation {
  bool ran = false;  ///< the runtime was started
  std::string not_run_reason;
  std::vector<Step> steps;
  std::string log;  ///< the runtime's --log file
  /// The probe helper's report from inside the container; null when it printed none.
  std::shared_ptr<const rapidjson::Document> report;
  /// One line per hook that ran, in the order they wrote them.
  std::vector<std::shared_ptr<const rapidjson::Document>> hooks;
  std::string runner_mnt_ns;         ///< the runtime namespace's mount namespace, "mnt:[...]"
  std::string runner_oom_score_adj;  ///< what the runtime inherited
  /// The scenarios judged before this one (the features scenario compares with them).
  const std::vector<ScenarioResult>* earlier = nullptr;
  const SpecObservation* hooks_run = nullptr;  ///< the observation of the hooks scenario

  const Step* FindStep(std::string_view name) const;
};

/// One scenario of the spec battery: a config that provokes a requirement, and the judgement
/// of what the runtime did.
struct SpecScenario {
  enum class Mode {
    kRun,        ///< `run`: the helper reports what the process sees
    kLifecycle,  ///< create, state, start, state, kill, state, delete, state
    kFeatures,   ///< `features`
  };
  std::string id;
  std::string title;
  std::string description;
  Mode mode = Mode::kRun;
  /// The process's arguments after /oci-lint-probe-helper ("report", checks...).
  std::vector<std::string> args = {"report"};
  /// Changes the base config (the runtime's own `spec` output, root writable).
  std::function<void(rapidjson::Document&, const BundlePaths&)> edit;
  /// Creates what the config refers to inside the rootfs (a directory descriptor).
  std::function<Result<bool>(int rootfs)> prepare;
  std::function<std::vector<Requirement>(const SpecObservation&)> judge;
};

/// The spec battery, in order (the features scenario last).
const std::vector<SpecScenario>& SpecBattery();

/// A requirement on the matrix row `id` (its level, text and section); the given level, text
/// and section when the matrix has no such row (a field's meaning, "<document>/<anchor>").
Requirement SpecRequirement(const std::string& id, const char* level, const char* text,
                            const char* source);

/// The verdict of a scenario from its requirements (fail if any fails, skip if all skip).
Verdict Overall(const std::vector<Requirement>& requirements);

}  // namespace ocilint::conformance
