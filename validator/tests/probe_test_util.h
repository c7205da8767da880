#pragma once

// What the probe tests (probe_test.cc, probe_rlimits_test.cc) share: the options that run the
// real helper, a target from --kernel/--environment values, a plan from a config's text, and the
// skip for machines without user namespaces.

#include <gtest/gtest.h>

#include <string>

#include "json/parser.h"
#include "lint/target.h"
#include "probe/plan.h"
#include "probe/runner.h"
#include "test_util.h"

namespace ocilint::testing {

inline probe::ProbeOptions ProbeOptions() {
  probe::ProbeOptions options;
  options.helper = BinaryPath();
  return options;
}

inline lint::Target TargetFor(const std::string& kernel, const std::string& environment) {
  auto target =
      lint::ResolveTarget(TargetOptionsOf(kernel, environment, "", ""), lint::HostProbe());
  EXPECT_TRUE(target.ok()) << target.error().message();
  return target.value();
}

inline probe::ProbePlan PlanFor(const std::string& config, const lint::Target& target) {
  json::ParseResult parsed = json::Parse(config);
  return probe::MakePlan(*parsed.document, target);
}

}  // namespace ocilint::testing

/// Skips the test when this machine cannot create user namespaces.
#define SKIP_WITHOUT_USER_NAMESPACES()                                                          \
  do {                                                                                          \
    probe::ProbePlan trivial;                                                                   \
    probe::ProbeOutcome o = probe::RunProbe(trivial, ::ocilint::testing::ProbeOptions());       \
    if (o.verdict == probe::Verdict::kSkip) GTEST_SKIP() << "no user namespaces: " << o.reason; \
  } while (0)
