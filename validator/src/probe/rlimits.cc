#include "probe/rlimits.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "lint/rules/process_checks.h"

namespace ocilint::probe {

namespace {

constexpr int kResources = 16;

bool HasFinding(const std::vector<diag::Diagnostic>& findings, std::string_view rule,
                const std::string& pointer) {
  for (const diag::Diagnostic& d : findings) {
    if (d.rule == rule && d.pointer == pointer) return true;
  }
  return false;
}

rlim_t ToRlim(const caps::RlimitValue& value) {
  return value ? static_cast<rlim_t>(*value) : RLIM_INFINITY;
}

caps::RlimitValue FromRlim(rlim_t value) {
  if (value == RLIM_INFINITY) return std::nullopt;
  return static_cast<uint64_t>(value);
}

std::string ErrnoName(int error) {
  if (error == EPERM) return "EPERM";
  if (error == EINVAL) return "EINVAL";
  return "errno " + std::to_string(error);
}

std::string LimitText(const caps::RlimitValue& value) {
  return value ? std::to_string(*value) : "unlimited";
}

/// Writes `text` whole, retrying after EINTR; allocation-free.
void WriteAll(int fd, const char* text, size_t size) {
  for (size_t done = 0; done < size;) {
    ssize_t n = write(fd, text + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

std::optional<uint64_t> LiveNrOpen() {
  std::ifstream in("/proc/sys/fs/nr_open");
  uint64_t value = 0;
  if (in >> value) return value;
  return std::nullopt;
}

/// One "entry ..." line the test process wrote.
struct EntryReport {
  uint32_t index = 0;
  uint64_t before_soft = 0, before_hard = 0;
  int error = 0;
  uint64_t after_soft = 0, after_hard = 0;
};

}  // namespace

std::string_view RlimitOutcomeName(RlimitOutcome outcome) {
  switch (outcome) {
    case RlimitOutcome::kApplied:
      return "applied";
    case RlimitOutcome::kEinval:
      return "EINVAL";
    case RlimitOutcome::kEperm:
      return "EPERM";
    case RlimitOutcome::kNotProbed:
      return "not probed";
  }
  return "not probed";
}

std::string_view JudgementName(RlimitResult::Judgement judgement) {
  switch (judgement) {
    case RlimitResult::Judgement::kMatch:
      return "match";
    case RlimitResult::Judgement::kMismatch:
      return "mismatch";
    case RlimitResult::Judgement::kSkip:
      return "skip";
  }
  return "skip";
}

std::string TooManyFindings(std::string_view rule) {
  return "the linter lists at most 1000 findings of " + std::string(rule) +
         " in a config, and this one has as many or more: the entries past them cannot be "
         "judged; probe a smaller config";
}

RlimitPlan MakeRlimitPlan(const json::Document& doc, const lint::Target& target) {
  RlimitPlan plan;
  const lint::EnvironmentTarget& env = target.environment;
  plan.environment_can_raise =
      !env.bounding || caps::Contains(*env.bounding, caps::kCapSysResource);
  plan.nr_open = target.kernel.nr_open;
  if (!plan.environment_can_raise) {
    if (env.limits) {
      for (int r = 0; r < kResources; ++r) plan.environment[r] = env.limits->limits[r];
      plan.unknown_environment = "the environment's limits (" + env.limits_path + ") lack it";
    } else {
      plan.unknown_environment =
          "the environment's limits are unknown (give --environment-limits FILE)";
    }
  }
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return plan;
  json::NodeId process = doc.Find(doc.node(doc.root()), "process");
  if (process == json::kNoNode || doc.node(process).type != json::Type::kObject) return plan;
  json::NodeId rlimits = doc.Find(doc.node(process), "rlimits");
  if (rlimits == json::kNoNode || doc.node(rlimits).type != json::Type::kArray) return plan;

  std::vector<diag::Diagnostic> findings;
  lint::RuleContext context(doc, target, &findings);
  lint::CheckProcess(context);
  for (const char* rule : {"process-rlimit-soft-above-hard", "process-rlimit-unavailable"}) {
    if (context.Full(rule)) plan.unjudgeable = TooManyFindings(rule);
  }
  const json::Node& array = doc.node(rlimits);
  for (uint32_t i = 0; i < array.count; ++i) {
    const json::Node& entry = doc.node(doc.element(array, i));
    RlimitEntryPlan e{.index = i};
    std::string at = "/process/rlimits/" + std::to_string(i) + "/";
    json::NodeId type = entry.type == json::Type::kObject ? doc.Find(entry, "type") : json::kNoNode;
    std::optional<uint64_t> soft, hard;
    if (entry.type == json::Type::kObject) {
      soft = doc.IntegerAt<uint64_t>(doc.Find(entry, "soft"));
      hard = doc.IntegerAt<uint64_t>(doc.Find(entry, "hard"));
    }
    const caps::RlimitType* known = nullptr;
    if (type != json::kNoNode && doc.node(type).type == json::Type::kString) {
      e.type = doc.node(type).text;
      known = caps::FindRlimit(e.type);
    }
    if (!known) {
      e.not_probed =
          "its type is not a Linux resource limit (process-rlimit-unknown, or a schema "
          "error): runtimes refuse it before setrlimit(2)";
    } else if (!soft || !hard) {
      e.not_probed = "its soft or hard value is not a uint64 (a schema error)";
    } else {
      e.resource = known->number;
      e.soft = *soft;
      e.hard = *hard;
      if (HasFinding(findings, "process-rlimit-soft-above-hard", at + "soft")) {
        e.predicted = RlimitOutcome::kEinval;
        e.rule = "process-rlimit-soft-above-hard";
      } else if (HasFinding(findings, "process-rlimit-unavailable", at + "hard")) {
        e.predicted = RlimitOutcome::kEperm;
        e.rule = "process-rlimit-unavailable";
      } else {
        e.predicted = RlimitOutcome::kApplied;
      }
    }
    plan.entries.push_back(std::move(e));
  }
  return plan;
}

void EmulateEnvironmentLimits(const RlimitPlan& plan, int fd) {
  std::optional<uint64_t> nr_open = LiveNrOpen();
  for (int r = 0; r < kResources; ++r) {
    rlimit limit{};
    if (plan.environment_can_raise) {
      if (getrlimit(r, &limit) != 0) continue;
      limit.rlim_max = r == caps::kRlimitNofile && nr_open ? *nr_open : RLIM_INFINITY;
      if (limit.rlim_cur > limit.rlim_max) limit.rlim_cur = limit.rlim_max;
    } else if (plan.environment[r]) {
      limit = {ToRlim(plan.environment[r]->soft), ToRlim(plan.environment[r]->hard)};
    } else {
      continue;
    }
    int error = setrlimit(r, &limit) == 0 ? 0 : errno;
    char line[64];
    int n = std::snprintf(line, sizeof line, "start %d %d\n", r, error);
    WriteAll(fd, line, static_cast<size_t>(n));
  }
}

void ApplyRlimits(const RlimitPlan& plan, int fd) {
  for (const RlimitEntryPlan& e : plan.entries) {
    if (e.resource < 0) continue;
    auto resource = static_cast<__rlimit_resource>(e.resource);
    rlimit before{}, after{};
    getrlimit(resource, &before);
    rlimit wanted{static_cast<rlim_t>(e.soft), static_cast<rlim_t>(e.hard)};
    int error = prlimit(0, resource, &wanted, nullptr) == 0 ? 0 : errno;
    getrlimit(resource, &after);
    char line[160];
    int n = std::snprintf(line, sizeof line, "entry %u %llu %llu %d %llu %llu\n", e.index,
                          static_cast<unsigned long long>(before.rlim_cur),
                          static_cast<unsigned long long>(before.rlim_max), error,
                          static_cast<unsigned long long>(after.rlim_cur),
                          static_cast<unsigned long long>(after.rlim_max));
    WriteAll(fd, line, static_cast<size_t>(n));
  }
  WriteAll(fd, "done\n", 5);
  _exit(0);
}

std::vector<RlimitResult> JudgeRlimits(const RlimitPlan& plan, std::string_view output,
                                       std::vector<std::string>* problems) {
  int start_error[kResources];
  std::fill(std::begin(start_error), std::end(start_error), -1);
  std::vector<EntryReport> reports;
  bool done = false;
  std::istringstream lines{std::string(output)};
  for (std::string line; std::getline(lines, line);) {
    std::istringstream fields(line);
    std::string word;
    fields >> word;
    if (word == "start") {
      int resource = -1, error = 0;
      if (fields >> resource >> error && resource >= 0 && resource < kResources) {
        start_error[resource] = error;
      }
    } else if (word == "entry") {
      EntryReport r;
      if (fields >> r.index >> r.before_soft >> r.before_hard >> r.error >> r.after_soft >>
          r.after_hard) {
        reports.push_back(r);
      }
    } else if (word == "done") {
      done = true;
    }
  }
  std::optional<uint64_t> live_nr_open = LiveNrOpen();
  bool set_by_config[kResources] = {};
  std::vector<RlimitResult> results;
  for (const RlimitEntryPlan& e : plan.entries) {
    RlimitResult result{.entry = e};
    std::string what = "rlimits entry " + std::to_string(e.index) + " (" + e.type + " soft " +
                       std::to_string(e.soft) + " hard " + std::to_string(e.hard) + ")";
    if (e.resource < 0) {
      result.note = "not probed: " + e.not_probed;
      results.push_back(std::move(result));
      continue;
    }
    const EntryReport* report = nullptr;
    for (const EntryReport& r : reports) {
      if (r.index == e.index) report = &r;
    }
    if (!report) {
      result.judgement = RlimitResult::Judgement::kMismatch;
      result.note = done ? "the test process did not report it"
                         : "the test process ended before it (" +
                               std::string(output.empty() ? "no output" : "output cut short") + ")";
      problems->push_back(what + ": " + result.note);
      results.push_back(std::move(result));
      continue;
    }
    result.before = caps::RlimitPair{FromRlim(report->before_soft), FromRlim(report->before_hard)};
    RlimitOutcome observed = RlimitOutcome::kNotProbed;
    if (report->error == 0) {
      observed = RlimitOutcome::kApplied;
      result.observed = "applied";
      result.read_back =
          caps::RlimitPair{FromRlim(report->after_soft), FromRlim(report->after_hard)};
    } else {
      result.observed = ErrnoName(report->error);
      if (report->error == EPERM) observed = RlimitOutcome::kEperm;
      if (report->error == EINVAL) observed = RlimitOutcome::kEinval;
    }
    bool read_back_equal = observed != RlimitOutcome::kApplied ||
                           (report->after_soft == e.soft && report->after_hard == e.hard);
    // Whether the hard limit in force before the entry is the one the runtime would have.
    bool started = start_error[e.resource] == 0;
    bool faithful = plan.environment_can_raise ? started && !set_by_config[e.resource]
                                               : started || set_by_config[e.resource];
    bool raised = e.hard > report->before_hard;
    if (observed == e.predicted && read_back_equal) {
      result.judgement = RlimitResult::Judgement::kMatch;
    } else if (observed == RlimitOutcome::kEperm && e.predicted == RlimitOutcome::kApplied &&
               raised && !faithful) {
      std::string why;
      if (plan.environment_can_raise) {
        why = started ? "the environment may raise hard limits (CAP_SYS_RESOURCE), which a "
                        "process in a user namespace cannot do once an earlier entry lowered one"
                      : "the environment may raise hard limits, which only a caller with "
                        "CAP_SYS_RESOURCE can emulate";
      } else {
        why = plan.environment[e.resource] ? "setting the environment's limits failed with " +
                                                 ErrnoName(start_error[e.resource])
                                           : plan.unknown_environment;
      }
      result.note = "not judged: the test process could not start from the target's hard limit (" +
                    why + "); it had " + LimitText(FromRlim(report->before_hard));
    } else if (observed == RlimitOutcome::kEperm && e.predicted == RlimitOutcome::kApplied &&
               e.resource == caps::kRlimitNofile && !plan.nr_open && live_nr_open &&
               e.hard > *live_nr_open) {
      result.note = "not judged: above this kernel's fs.nr_open " + std::to_string(*live_nr_open) +
                    ", which the linter reads only with --kernel host";
    } else {
      result.judgement = RlimitResult::Judgement::kMismatch;
      if (!read_back_equal && observed == e.predicted) {
        result.note = "read back soft " + std::to_string(report->after_soft) + " hard " +
                      std::to_string(report->after_hard);
      } else {
        result.note = "the linter predicted " + std::string(RlimitOutcomeName(e.predicted)) +
                      (e.rule.empty() ? "" : " (" + e.rule + ")") + ", the kernel answered " +
                      result.observed +
                      (e.predicted == RlimitOutcome::kApplied ? " (a linter false negative)"
                       : observed == RlimitOutcome::kApplied  ? " (a linter false positive)"
                                                              : "");
      }
      problems->push_back(what + ": " + result.note);
    }
    if (observed == RlimitOutcome::kApplied) set_by_config[e.resource] = true;
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace ocilint::probe
