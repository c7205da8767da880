#include <algorithm>
#include <sstream>

#include "caps/table.h"
#include "conformance/scenario.h"

namespace ocilint::conformance {

namespace {

constexpr const char* kLinuxProcess = "config.md, Linux Process (process.capabilities)";
constexpr const char* kSetsSentence =
    "`capabilities` (object, OPTIONAL) is an object containing arrays that specifies the sets of "
    "capabilities for the process.";
constexpr const char* kWarnSentence =
    "Any value which cannot be mapped to a relevant kernel interface, or cannot be granted "
    "otherwise MUST be logged as a warning by the runtime.";
constexpr const char* kNoFailSentence =
    "Runtimes SHOULD NOT fail if the container configuration requests capabilities that cannot "
    "be granted, for example, if the runtime operates in a restricted environment with a "
    "limited set of capabilities.";
constexpr const char* kContinueSentence =
    "Unless otherwise stated, logging a warning does not change the flow of the operation; it "
    "MUST continue as if the warning had not been logged.";
constexpr const char* kContinueId = "runtime/warnings/1";
constexpr const char* kRunId = "runtime/lifecycle/13";
constexpr const char* kRunSentence =
    "The runtime MUST run the user-specified program, as specified by `process`.";

std::string Names(caps::CapMask mask) {
  std::string names = caps::MaskToNames(mask);
  return "[" + names + "]";
}

/// The observed sets next to the expected ones, one evidence line per set.
std::vector<std::string> SetEvidence(const caps::CapState& observed,
                                     const caps::CapState& expected) {
  std::vector<std::string> lines;
  auto one = [&](const char* name, caps::CapMask got, caps::CapMask want) {
    lines.push_back(std::string(got == want ? "  " : "≠ ") + name + ": observed " + Names(got) +
                    (got == want ? "" : ", expected " + Names(want)));
  };
  one("bounding", observed.bounding, expected.bounding);
  one("effective", observed.effective, expected.effective);
  one("inheritable", observed.inheritable, expected.inheritable);
  one("permitted", observed.permitted, expected.permitted);
  one("ambient", observed.ambient, expected.ambient);
  return lines;
}

std::string Tail(const std::string& text, size_t lines) {
  std::vector<std::string> all;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) all.push_back(line);
  }
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) {
    out += (out.empty() ? "" : "\n") + all[i];
  }
  return out;
}

std::vector<std::string> ExitEvidence(const Observation& o) {
  std::vector<std::string> lines = {
      "command: " + o.command,
      o.timed_out ? "killed after the timeout" : "exit status: " + std::to_string(o.exit_code)};
  if (std::string err = Tail(o.stderr_text, 3); !err.empty()) lines.push_back("stderr: " + err);
  return lines;
}

/// Lines of the runtime's stderr and log that name `entry`.
std::vector<std::string> WarningsAbout(const Observation& o, const std::string& entry) {
  std::vector<std::string> found;
  for (const std::string* text : {&o.stderr_text, &o.log_text}) {
    std::istringstream in(*text);
    for (std::string line; std::getline(in, line);) {
      if (line.find(entry) != std::string::npos) found.push_back(line.substr(0, 300));
    }
  }
  return found;
}

Requirement Make(const char* id, const char* level, const char* text, const char* source) {
  Requirement r;
  r.id = id;
  r.level = level;
  r.text = text;
  r.source = source;
  return r;
}

bool Started(const Observation& o) {
  return o.ran && !o.timed_out && o.exit_code == 0 && o.sets;
}

}  // namespace

std::vector<std::string> MappedEntries(const Scenario& scenario, const caps::CapState& observed) {
  std::vector<std::string> mapped;
  for (const std::string& entry : scenario.malformed) {
    const caps::Capability* cap = caps::FindByName(caps::Normalize(entry));
    if (cap && caps::Contains(observed.permitted | observed.bounding, cap->number)) {
      mapped.push_back(entry);
    }
  }
  return mapped;
}

ScenarioResult Judge(const Scenario& scenario, const Observation& o) {
  ScenarioResult result;
  result.id = scenario.id;
  result.title = scenario.title;
  result.description = scenario.description;
  std::vector<Requirement>& reqs = result.requirements;
  bool restricted = !scenario.ungrantable.empty() || !scenario.malformed.empty();

  if (!restricted) {
    Requirement run = Make(kRunId, "MUST", kRunSentence, "runtime.md, Lifecycle");
    run.evidence = ExitEvidence(o);
    run.verdict = Started(o) ? Verdict::kPass : Verdict::kFail;
    run.summary = Started(o) ? "the container process ran and reported its sets"
                             : "the container process did not run to completion";
    reqs.push_back(run);
  }

  std::vector<std::string> must_warn = scenario.ungrantable;
  std::vector<std::string> mapped;
  if (o.sets) mapped = MappedEntries(scenario, *o.sets);
  for (const std::string& entry : scenario.malformed) {
    if (std::find(mapped.begin(), mapped.end(), entry) == mapped.end()) must_warn.push_back(entry);
  }

  if (!must_warn.empty() || !scenario.malformed.empty()) {
    Requirement warn = Make("config/linux-process/1", "MUST", kWarnSentence, kLinuxProcess);
    std::vector<std::string> missing;
    for (const std::string& entry : must_warn) {
      std::vector<std::string> lines = WarningsAbout(o, entry);
      if (lines.empty()) {
        missing.push_back(entry);
        warn.evidence.push_back("no line of stderr or the log names \"" + entry + "\"");
      }
      for (const std::string& line : lines) warn.evidence.push_back("warning: " + line);
    }
    for (const std::string& entry : mapped) {
      warn.evidence.push_back("\"" + entry + "\" was mapped to its canonical name and granted");
    }
    if (!o.ran) {
      warn.verdict = Verdict::kSkip;
      warn.summary = o.not_run_reason;
    } else if (missing.empty()) {
      warn.verdict = Verdict::kPass;
      warn.summary = must_warn.empty() ? "every malformed name was mapped, so nothing needed a "
                                         "warning"
                                       : "the runtime named every capability it could not grant";
    } else {
      warn.verdict = Verdict::kFail;
      std::string list;
      for (const std::string& m : missing) list += (list.empty() ? "" : ", ") + m;
      warn.summary = "no warning names " + list;
    }
    reqs.push_back(warn);

    Requirement no_fail =
        Make("config/linux-process/2", "SHOULD NOT", kNoFailSentence, kLinuxProcess);
    no_fail.evidence = ExitEvidence(o);
    if (!o.ran) {
      no_fail.verdict = Verdict::kSkip;
      no_fail.summary = o.not_run_reason;
    } else if (Started(o)) {
      no_fail.verdict = Verdict::kPass;
      no_fail.summary = "the runtime went on and the container process ran";
    } else {
      no_fail.verdict = Verdict::kFail;
      no_fail.summary =
          o.timed_out ? "the runtime hung and was killed"
                      : "the runtime failed (exit status " + std::to_string(o.exit_code) + ")";
    }
    reqs.push_back(no_fail);
  }

  Requirement sets = restricted
                         ? Make(kContinueId, "MUST", kContinueSentence, "runtime.md, Warnings")
                         : Make("config/linux-process", "MUST", kSetsSentence, kLinuxProcess);
  if (!o.sets) {
    sets.verdict = Verdict::kSkip;
    sets.summary = o.ran ? "the container process did not report its sets, so they cannot be "
                           "compared"
                         : o.not_run_reason;
  } else {
    const caps::CapState& want =
        (!mapped.empty() && o.predicted_if_mapped) ? *o.predicted_if_mapped : o.predicted;
    caps::CapState seen = *o.sets;
    if (!o.ambient_reported) seen.ambient = want.ambient;
    sets.evidence = SetEvidence(seen, want);
    if (!o.ambient_reported) {
      sets.evidence.back() =
          "  ambient: not reported (the container's /proc/self/status has no CapAmb line), so "
          "not compared";
    }
    sets.verdict = seen == want ? Verdict::kPass : Verdict::kFail;
    sets.summary = seen == want ? "the sets after execve match the capabilities(7) prediction"
                                : "the sets after execve differ from the capabilities(7) "
                                  "prediction";
    if (o.uid) sets.evidence.push_back("  uid: " + std::to_string(*o.uid));
  }
  reqs.push_back(sets);

  if (!scenario.skip_reason.empty()) {
    for (Requirement& r : reqs) {
      r.verdict = Verdict::kSkip;
      r.summary = scenario.skip_reason;
      r.evidence.clear();
    }
    result.skip_reason = scenario.skip_reason;
  }
  bool any_fail = false, any_pass = false;
  for (const Requirement& r : reqs) {
    any_fail |= r.verdict == Verdict::kFail;
    any_pass |= r.verdict == Verdict::kPass;
  }
  result.verdict = any_fail ? Verdict::kFail : (any_pass ? Verdict::kPass : Verdict::kSkip);
  if (result.verdict == Verdict::kSkip && result.skip_reason.empty()) {
    result.skip_reason = o.not_run_reason;
  }
  return result;
}

}  // namespace ocilint::conformance
