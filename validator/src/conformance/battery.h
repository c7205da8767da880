#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "conformance/model.h"
#include "util/error.h"

namespace ocilint::conformance {

struct BatteryOptions {
  std::string runtime;  ///< NAME (searched in PATH) or PATH
  /// Global arguments placed before every subcommand of the runtime (--runtime-arg).
  std::vector<std::string> runtime_args;
  std::string battery = "caps";   ///< "caps", "spec" or "all"
  std::string helper;             ///< the static probe helper copied into each rootfs
  std::vector<std::string> only;  ///< scenario ids to run; empty: all
  bool keep = false;              ///< keep the bundles (their paths go to `progress`)
  int timeout_seconds = 30;
};

/// Runs the battery against a real runtime, as root: a bundle per scenario in a temporary
/// directory, the runtime's CLI with its log captured, then delete and cleanup, even after a
/// failure or a timeout.
Result<ConformanceReport> RunBattery(const BatteryOptions& options, std::ostream& progress);

/// The ids of both batteries, the capability one first, in order.
std::vector<std::string> ScenarioIds();

/// "caps" or "spec": the battery scenario `id` belongs to; "" for no such scenario.
std::string BatteryOf(const std::string& id);

/// The scenarios (of either battery) that judge the spec-coverage row `id`, in battery order.
const std::vector<std::string>& ScenariosJudging(const std::string& id);

}  // namespace ocilint::conformance
