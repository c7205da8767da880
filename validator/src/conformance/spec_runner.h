#pragma once

#include <string>

#include "conformance/launcher.h"
#include "conformance/spec_battery.h"

namespace ocilint::conformance {

/// What every spec scenario of one run shares.
struct SpecRunContext {
  const Launcher* launcher = nullptr;
  const PrivateDir* work = nullptr;
  int helper = -1;   ///< the checked probe helper, copied into each rootfs
  std::string base;  ///< the runtime's `spec` output, or a built-in minimal config
  int timeout_seconds = 30;
  bool keep = false;
};

/// Runs `scenario` (bundle, runtime commands, clean-up) and returns what was seen; the caller
/// judges it with scenario.judge.
SpecObservation ObserveSpecScenario(const SpecScenario& scenario, const SpecRunContext& context);

}  // namespace ocilint::conformance
