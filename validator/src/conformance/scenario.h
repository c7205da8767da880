#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "caps/exec_model.h"
#include "conformance/model.h"

namespace ocilint::conformance {

/// One scenario of the battery: the capabilities a config asks for, and how the runner sets up
/// the runtime's environment.
struct Scenario {
  std::string id;
  std::string title;
  std::string description;
  /// bounding, effective, inheritable, permitted, ambient (probe::kSetNames order).
  std::array<std::vector<std::string>, 5> sets;
  uint32_t uid = 0;
  uint32_t gid = 0;
  bool no_new_privileges = false;
  /// Capabilities the runner drops from its own bounding set before it execs the runtime.
  std::vector<int> runner_drops;
  /// Entries the runtime cannot grant as written: the spec requires a warning for each, and that
  /// the runtime goes on.
  std::vector<std::string> ungrantable;
  /// Entries that are not canonical names: the runtime may map them or drop them with a warning.
  std::vector<std::string> malformed;
  std::string skip_reason;  ///< set when this machine cannot run the scenario
};

/// The fixed battery, for a kernel whose highest capability is `cap_last_cap`.
std::vector<Scenario> Battery(int cap_last_cap);

/// What the runner saw when the runtime ran one scenario.
struct Observation {
  bool ran = false;  ///< the runtime was started
  std::string not_run_reason;
  std::string command;  ///< the command line, for the evidence
  int exit_code = -1;
  bool timed_out = false;
  std::string stdout_text, stderr_text, log_text;
  std::optional<caps::CapState> sets;  ///< what the helper reported from inside the container
  bool ambient_reported = true;        ///< false: the container's /proc has no CapAmb line
  std::optional<uint32_t> uid;
  caps::CapState expected;   ///< what a conforming runtime applies: requested minus ungrantable
  caps::CapState predicted;  ///< capabilities(7) after execve of the helper
  /// For malformed names: the prediction for the entries the runtime was seen to map.
  std::optional<caps::CapState> predicted_if_mapped;
};

/// The malformed entries the runtime mapped to canonical names, judging by the sets the process
/// got (the canonical capability is in its permitted or bounding set).
std::vector<std::string> MappedEntries(const Scenario& scenario, const caps::CapState& observed);

/// Judges every requirement of `scenario` against `observation`.
ScenarioResult Judge(const Scenario& scenario, const Observation& observation);

}  // namespace ocilint::conformance
