#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "caps/exec_model.h"
#include "json/document.h"
#include "lint/target.h"
#include "probe/rlimits.h"

namespace ocilint::probe {

/// The sets in the order of runtime-spec's process.capabilities.
inline constexpr std::array<std::string_view, 5> kSetNames = {
    "bounding", "effective", "inheritable", "permitted", "ambient"};
enum SetIndex { kBounding, kEffective, kInheritable, kPermitted, kAmbient };

/// One set of the config: what it asks for, what the linter warned about, what must result.
struct SetPlan {
  std::vector<std::string> requested;  ///< entries as written
  std::vector<std::string> warned;     ///< entries as written that drew a cap-* warning
  caps::CapMask expected = 0;          ///< requested minus warned, canonical
};

/// A warned capability that a test process must fail to obtain.
struct UngrantableCheck {
  int cap;
  std::string rule;  ///< the warning that predicts the failure
  SetIndex set;
};

/// What the probe will do for one config.
struct ProbePlan {
  std::array<SetPlan, 5> sets;
  uint32_t uid = 0;
  uint32_t gid = 0;
  bool no_new_privileges = false;
  /// Capabilities the emulated target has: the test process drops every other one first.
  caps::CapMask target_caps = 0;
  std::vector<UngrantableCheck> ungrantable;
  RlimitPlan rlimits;
  /// Why the linter's findings cannot predict this config (a rule hit its per-file cap), or "".
  std::string unjudgeable;

  caps::CapState Expected() const;
};

/// Builds the plan from a parsed config and the cap-* findings the linter made for `target`.
ProbePlan MakePlan(const json::Document& doc, const lint::Target& target);

/// The capability mask of every capability the target's kernel and environment have.
caps::CapMask TargetCapabilities(const lint::Target& target);

}  // namespace ocilint::probe
