#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace ocilint::conformance {

enum class Verdict { kPass, kFail, kSkip };
std::string_view VerdictName(Verdict verdict);

/// One normative sentence of the spec, judged against what the runtime did.
struct Requirement {
  /// The sentence's row in the spec-coverage matrix ("config-linux/namespaces/8"), or, for a
  /// field whose meaning the spec states without an RFC 2119 keyword, "<document>/<anchor>".
  std::string id;
  std::string level;   ///< RFC 2119: "MUST", "SHOULD NOT", ...
  std::string text;    ///< the spec sentence, quoted
  std::string source;  ///< where it is: "config.md, Linux Process"
  Verdict verdict = Verdict::kSkip;
  std::string summary;                ///< one line: why this verdict
  std::vector<std::string> evidence;  ///< exit status, warning line, observed vs expected sets...
};

/// One scenario of the battery and its judged requirements.
struct ScenarioResult {
  std::string id;       ///< fixed: "baseline", "unknown-name", "ns-duplicate", ...
  std::string battery;  ///< "caps" or "spec"
  std::string title;    ///< one line
  std::string description;
  Verdict verdict = Verdict::kSkip;  ///< fail if any requirement fails; skip if all skip
  std::string skip_reason;
  std::vector<Requirement> requirements;
};

/// A wrapper the battery ran the runtime through (oci-lint-runtime, docs/runtime-gate.md): the
/// battery started the wrapper, the wrapper started the runtime.
struct WrapperInfo {
  std::string name;    ///< "oci-lint-runtime"; "" when the battery started the runtime itself
  std::string path;    ///< the wrapper the battery started
  std::string policy;  ///< the wrapper's policy: "warn", "enforce" or "adapt"
  std::string config;  ///< the runtime.toml the wrapper reads, or "" (flags and defaults only)
};

struct RuntimeInfo {
  std::string name;     ///< the runtime that ran the containers: "runc", also through a wrapper
  std::string version;  ///< its --version
  std::string path;
  WrapperInfo wrapper = {};

  /// "runc 1.1.5+ds1", or "runc 1.1.5+ds1 through oci-lint-runtime (adapt)".
  std::string Label() const;
  /// "oci-lint-runtime (/usr/bin/oci-lint-runtime), policy adapt"; "" without a wrapper.
  std::string Through() const;
};

/// Where the battery ran: what a vendor needs to reproduce it.
struct EnvironmentInfo {
  std::string kernel;       ///< uname -r
  std::string cgroup_mode;  ///< "unified (cgroup v2)", "hybrid", "legacy (cgroup v1)"
  std::string bounding;     ///< the runner's bounding set, as capability names
  std::string notes;        ///< e.g. how crun was started on a hybrid host
  /// --runtime-arg: the global arguments placed before every subcommand of the runtime.
  std::vector<std::string> runtime_args;
  std::string date;  ///< ISO 8601, UTC
  std::string tool_version;
};

/// How many of one scenario's requirements passed, failed and were skipped.
struct RequirementCounts {
  size_t passed = 0, failed = 0, skipped = 0;
};
RequirementCounts CountRequirements(const ScenarioResult& scenario);

struct Summary {
  size_t scenarios = 0, scenarios_passed = 0, scenarios_failed = 0, scenarios_skipped = 0;
  size_t requirements = 0, requirements_passed = 0, requirements_failed = 0,
         requirements_skipped = 0;
};

/// The requirements judged against one section of the spec (a Requirement's `source`).
struct SectionSummary {
  std::string section;  ///< "config-linux.md, Namespaces"
  RequirementCounts counts;
};

struct ConformanceReport {
  RuntimeInfo runtime;
  EnvironmentInfo environment;
  std::vector<ScenarioResult> scenarios;

  Summary Summarize() const;
  /// One entry per section, in the order of the spec's documents (config.md, config-linux.md,
  /// runtime.md, ...) and then of first appearance.
  std::vector<SectionSummary> SummarizeBySection() const;
};

/// The report files, one writer each (reports/<runtime>-<version>/report.*).
void WriteMarkdown(std::ostream& out, const ConformanceReport& report);
void WriteJson(std::ostream& out, const ConformanceReport& report);
void WriteJunit(std::ostream& out, const ConformanceReport& report);
void WriteTap(std::ostream& out, const ConformanceReport& report);
void WriteHtml(std::ostream& out, const ConformanceReport& report);

}  // namespace ocilint::conformance
