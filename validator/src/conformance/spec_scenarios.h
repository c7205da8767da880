#pragma once

#include <vector>

#include "conformance/spec_battery.h"

namespace ocilint::conformance::spec {

/// config.md and config-linux.md: the errors a runtime must generate, the settings it applies.
std::vector<SpecScenario> ConfigScenarios();
/// runtime.md and the hooks: lifecycle, state, features (last).
std::vector<SpecScenario> LifecycleScenarios();

}  // namespace ocilint::conformance::spec
