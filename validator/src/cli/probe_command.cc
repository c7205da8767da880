#include "cli/probe_command.h"

#include <algorithm>
#include <cstring>

#include "cli/cli.h"
#include "cli/lint_command.h"
#include "json/parser.h"
#include "lint/input.h"
#include "probe/runner.h"
#include "report/json_target.h"
#include "report/json_writer.h"
#include "util/signals.h"
#include "version.h"

namespace ocilint::cli {

namespace {

using report::JsonWriter;
using report::Key;
using report::String;
using report::StringOrNull;

struct FileResult {
  std::string path;
  probe::ProbePlan plan;
  probe::ProbeOutcome outcome;
};

std::vector<std::string> Names(caps::CapMask mask) {
  std::vector<std::string> names;
  for (const caps::Capability& cap : caps::AllCapabilities()) {
    if (caps::Contains(mask, cap.number)) names.emplace_back(cap.name);
  }
  return names;
}

caps::CapMask Pick(const caps::CapState& s, int set) {
  switch (set) {
    case probe::kBounding:
      return s.bounding;
    case probe::kEffective:
      return s.effective;
    case probe::kInheritable:
      return s.inheritable;
    case probe::kPermitted:
      return s.permitted;
    default:
      return s.ambient;
  }
}

void StringList(JsonWriter& w, const std::vector<std::string>& names) {
  w.StartArray();
  for (const std::string& n : names) String(w, n);
  w.EndArray();
}

void LimitsJson(JsonWriter& w, const std::optional<caps::RlimitPair>& limits) {
  if (!limits) {
    w.Null();
    return;
  }
  w.StartObject();
  for (auto [key, value] : {std::pair{"soft", &limits->soft}, std::pair{"hard", &limits->hard}}) {
    Key(w, key);
    w.Uint64(value->value_or(UINT64_MAX));
  }
  w.EndObject();
}

void RlimitsJson(JsonWriter& w, const std::vector<probe::RlimitResult>& results) {
  w.StartArray();
  for (const probe::RlimitResult& r : results) {
    w.StartObject();
    Key(w, "index");
    w.Uint(r.entry.index);
    Key(w, "type");
    String(w, r.entry.type);
    Key(w, "soft");
    w.Uint64(r.entry.soft);
    Key(w, "hard");
    w.Uint64(r.entry.hard);
    Key(w, "predicted");
    String(w, probe::RlimitOutcomeName(r.entry.predicted));
    Key(w, "rule");
    StringOrNull(w, r.entry.rule);
    Key(w, "observed");
    StringOrNull(w, r.observed);
    Key(w, "before");
    LimitsJson(w, r.before);
    Key(w, "readBack");
    LimitsJson(w, r.read_back);
    Key(w, "result");
    String(w, probe::JudgementName(r.judgement));
    Key(w, "note");
    String(w, r.note);
    w.EndObject();
  }
  w.EndArray();
}

/// A name from the config as text output shows it: as written when it is short printable ASCII,
/// else quoted with JSON escapes and shortened, so no control character reaches the terminal.
std::string Shown(std::string_view name) {
  bool plain = !name.empty() && name.size() <= 60 &&
               std::all_of(name.begin(), name.end(), [](char c) { return c > ' ' && c < 0x7f; });
  return plain ? std::string(name) : json::Quote(name);
}

std::string RlimitLine(const probe::RlimitResult& r) {
  std::string line = "rlimit " + std::to_string(r.entry.index) + " " + Shown(r.entry.type);
  if (r.entry.resource < 0) return line + ": " + r.note;
  line += " soft " + std::to_string(r.entry.soft) + " hard " + std::to_string(r.entry.hard) +
          ": predicted " + std::string(probe::RlimitOutcomeName(r.entry.predicted));
  if (!r.entry.rule.empty()) line += " (" + r.entry.rule + ")";
  if (!r.observed.empty()) line += ", kernel " + r.observed;
  line += " -> " + std::string(probe::JudgementName(r.judgement));
  if (!r.note.empty()) line += ": " + r.note;
  return line;
}

void WriteJson(std::ostream& out, const std::vector<FileResult>& results,
               const report::TargetReport& target) {
  json::BufferedOStream stream(out);
  JsonWriter w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  Key(w, "tool");
  w.StartObject();
  Key(w, "name");
  String(w, "oci-lint");
  Key(w, "version");
  String(w, kVersion);
  w.EndObject();
  Key(w, "files");
  w.StartArray();
  for (const FileResult& r : results) {
    w.StartObject();
    Key(w, "path");
    String(w, r.path);
    Key(w, "verdict");
    String(w, probe::VerdictName(r.outcome.verdict));
    Key(w, "reason");
    String(w, r.outcome.reason);
    Key(w, "uid");
    w.Uint(r.plan.uid);
    Key(w, "noNewPrivileges");
    w.Bool(r.plan.no_new_privileges);
    report::WriteTargetJson(w, target);
    Key(w, "sets");
    w.StartObject();
    for (size_t s = 0; s < probe::kSetNames.size(); ++s) {
      Key(w, probe::kSetNames[s]);
      w.StartObject();
      Key(w, "requested");
      StringList(w, r.plan.sets[s].requested);
      Key(w, "warned");
      StringList(w, r.plan.sets[s].warned);
      Key(w, "expected");
      StringList(w, Names(Pick(r.outcome.expected, static_cast<int>(s))));
      for (auto [key, state] : {std::pair{"applied", &r.outcome.applied},
                                std::pair{"predictedAfterExec", &r.outcome.predicted},
                                std::pair{"afterExec", &r.outcome.after_exec}}) {
        Key(w, key);
        if (r.outcome.ran) {
          StringList(w, Names(Pick(*state, static_cast<int>(s))));
        } else {
          w.Null();
        }
      }
      w.EndObject();
    }
    w.EndObject();
    Key(w, "ungrantable");
    w.StartArray();
    for (const probe::UngrantableResult& u : r.outcome.ungrantable) {
      w.StartObject();
      Key(w, "cap");
      std::string name(caps::FindByNumber(u.cap)->name);
      String(w, name);
      Key(w, "rule");
      String(w, u.rule);
      Key(w, "operation");
      String(w, u.operation);
      Key(w, "errno");
      if (u.errno_name.empty()) {
        w.Null();
      } else {
        String(w, u.errno_name);
      }
      w.EndObject();
    }
    w.EndArray();
    Key(w, "rlimits");
    RlimitsJson(w, r.outcome.rlimits);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

void WriteText(std::ostream& out, const std::vector<FileResult>& results,
               const report::TargetReport& target) {
  report::WriteTargetLines(out, target);
  size_t counts[3] = {0, 0, 0};
  for (const FileResult& r : results) {
    ++counts[static_cast<int>(r.outcome.verdict)];
    out << r.path << ": " << probe::VerdictName(r.outcome.verdict) << ": " << r.outcome.reason
        << '\n';
    out << "  uid " << r.plan.uid << ", noNewPrivileges "
        << (r.plan.no_new_privileges ? "true" : "false") << '\n';
    for (size_t s = 0; s < probe::kSetNames.size(); ++s) {
      std::string expected = caps::MaskToNames(Pick(r.outcome.expected, static_cast<int>(s)));
      out << "  " << probe::kSetNames[s] << ": expected [" << expected << "]";
      if (!r.plan.sets[s].warned.empty()) {
        out << ", warned [";
        for (size_t i = 0; i < r.plan.sets[s].warned.size(); ++i) {
          out << (i ? " " : "") << Shown(r.plan.sets[s].warned[i]);
        }
        out << "]";
      }
      if (r.outcome.ran) {
        out << ", after execve ["
            << caps::MaskToNames(Pick(r.outcome.after_exec, static_cast<int>(s))) << "]";
      }
      out << '\n';
    }
    for (const probe::UngrantableResult& u : r.outcome.ungrantable) {
      out << "  " << caps::FindByNumber(u.cap)->name << " (" << u.rule << "): " << u.operation
          << " -> " << (u.errno_name.empty() ? "granted" : u.errno_name) << '\n';
    }
    for (const probe::RlimitResult& rl : r.outcome.rlimits) out << "  " << RlimitLine(rl) << '\n';
  }
  out << results.size() << " configs probed: " << counts[0] << " pass, " << counts[1] << " fail, "
      << counts[2] << " skip\n";
}

}  // namespace

void ProbeCommand::Register(CLI::App& app, bool with_options) {
  command_ = app.add_subcommand(
      "probe",
      "Prove on this kernel, in new user namespaces, that the sets a config gets equal requested "
      "minus warned and match capabilities(7) after execve, and that each of its rlimits is "
      "applied or refused (EINVAL, EPERM) as the linter predicts");
  if (!with_options) return;
  command_->footer(
      "Each config's process.rlimits are applied in order, as runc and crun do, by a test\n"
      "process in a new user namespace (so without CAP_SYS_RESOURCE) that starts from the\n"
      "environment's limits; each answer (applied and read back, EINVAL, EPERM) must be the\n"
      "linter's prediction.\n\n"
      "Exit codes:\n"
      "  0  every config passed\n"
      "  1  a config failed: the kernel did not do what the linter predicted\n"
      "  2  usage error (unknown option, bad value, no CONFIG)\n"
      "  3  nothing could be probed (no user namespaces, unreadable or invalid configs)\n\n"
      "Documentation: README.md in the source tree.");
  command_->add_option("CONFIG", configs_, "Config files to probe")->required();
  command_->add_option("--format", format_, "Output format: text|json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command_
      ->add_option("--timeout", timeout_seconds_,
                   "Kill a test process that has not finished after this many seconds")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
  AddTargetOptions(*command_, &target_);
}

int ProbeCommand::Execute(std::ostream& out, std::ostream& err) {
  Result<lint::Target> target = lint::ResolveTarget(target_, lint::HostProbe());
  if (!target) return ReportTargetError(target.error(), err);
  std::vector<FileResult> results;
  probe::ProbeOptions options;
  options.timeout_seconds = timeout_seconds_;
  TerminationSignals signals;
  for (const std::string& path : configs_) {
    if (TerminationSignals::Pending()) break;
    FileResult r;
    r.path = path;
    Result<std::string> text = lint::ReadInput({path, path == "-" ? "" : path, ""}, 64 << 20);
    if (!text) {
      r.outcome.reason = text.error().message();
      results.push_back(std::move(r));
      continue;
    }
    json::ParseResult parsed = json::Parse(std::move(text.value()));
    if (parsed.document->empty()) {
      r.outcome.reason = "not valid JSON; run `oci-lint lint` on it first";
      results.push_back(std::move(r));
      continue;
    }
    r.plan = probe::MakePlan(*parsed.document, target.value());
    r.outcome = probe::RunProbe(r.plan, options);
    results.push_back(std::move(r));
  }
  if (int signal = TerminationSignals::Pending()) {
    err << "oci-lint: interrupted by SIG" << sigabbrev_np(signal) << "; every test process was "
        << "killed and reaped\n";
    return TerminationSignals::ExitCode();
  }
  report::TargetReport described = lint::DescribeTarget(target.value());
  if (format_ == "json") {
    WriteJson(out, results, described);
  } else {
    WriteText(out, results, described);
  }
  bool any_pass = false;
  for (const FileResult& r : results) {
    if (r.outcome.verdict == probe::Verdict::kFail) return kExitFindings;
    any_pass |= r.outcome.verdict == probe::Verdict::kPass;
  }
  return any_pass ? kExitClean : kExitUnreadable;
}

}  // namespace ocilint::cli
