#include "cli/caps_command.h"

#include <cerrno>
#include <iomanip>
#include <set>

#include "caps/exec_model.h"
#include "caps/proc_status.h"
#include "caps/table.h"
#include "cli/cli.h"
#include "cli/lint_command.h"
#include "json/parser.h"
#include "json/writer.h"
#include "lint/cap_strip.h"
#include "lint/input.h"
#include "probe/plan.h"
#include "report/json_writer.h"

namespace ocilint::cli {

namespace {

/// What this host and this process have, for the table.
struct HostCapabilities {
  std::optional<int> last_cap;
  caps::ProcessCapSets sets;
};

HostCapabilities ReadHost(const lint::HostProbe& host) {
  HostCapabilities result;
  if (Result<std::string> last = host.ReadFile("/proc/sys/kernel/cap_last_cap")) {
    result.last_cap = caps::ParseCapLastCap(last.value());
  }
  if (Result<std::string> status = host.ReadFile("/proc/self/status")) {
    if (auto sets = caps::ParseProcStatus(status.value(), "/proc/self/status")) {
      result.sets = sets.value();
    }
  }
  return result;
}

std::optional<bool> In(const std::optional<caps::CapMask>& mask, int number) {
  if (!mask) return std::nullopt;
  return caps::Contains(*mask, number);
}

std::string_view YesNo(std::optional<bool> value) {
  return !value ? "?" : (*value ? "yes" : "no");
}

}  // namespace

void CapsCommand::Register(CLI::App& app, bool with_options) {
  command_ = app.add_subcommand(
      "caps",
      "Show the capability table with what this host supports, or strip a config's warned "
      "capability entries (--strip)");
  if (!with_options) return;
  command_->add_option("CONFIG", predict_,
                       "Print the sets CONFIG's process gets (requested minus warned) and what "
                       "capabilities(7) predicts after execve, without running anything");
  command_->add_option("--format", format_, "Output format: text|json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command_
      ->add_option("--strip", strip_,
                   "Print CONFIG with every capability entry that draws a cap-* warning for the "
                   "target removed (what a conforming runtime applies); - reads standard input")
      ->type_name("CONFIG");
  AddTargetOptions(*command_, &target_);
}

int CapsCommand::Execute(std::ostream& out, std::ostream& err) {
  if (strip_.empty() && predict_.empty()) return PrintTable(out, err);
  if (!strip_.empty() && !predict_.empty()) {
    err << "oci-lint: caps takes CONFIG or --strip CONFIG, not both\n";
    return kExitUsage;
  }
  Result<lint::Target> target = lint::ResolveTarget(target_, lint::HostProbe());
  if (!target) return ReportTargetError(target.error(), err);
  return strip_.empty() ? Predict(target.value(), out, err) : Strip(target.value(), out, err);
}

int CapsCommand::Predict(const lint::Target& target, std::ostream& out, std::ostream& err) {
  lint::Input input{predict_ == "-" ? "<stdin>" : predict_, predict_ == "-" ? "" : predict_, ""};
  Result<std::string> text = lint::ReadInput(input, 64 * 1024 * 1024);
  if (!text) {
    err << "oci-lint: " << text.error().message() << '\n';
    return kExitUnreadable;
  }
  json::ParseResult parsed = json::Parse(std::move(text.value()));
  if (parsed.document->empty()) {
    err << "oci-lint: " << input.display_path << " is not valid JSON; run `oci-lint lint` on it\n";
    return kExitFindings;
  }
  probe::ProbePlan plan = probe::MakePlan(*parsed.document, target);
  caps::CapState expected = plan.Expected();
  bool root = plan.uid == 0;
  caps::CapState after = caps::PredictAfterExec(expected, {root, root, plan.no_new_privileges});
  auto pick = [](const caps::CapState& s, size_t set) {
    const caps::CapMask masks[] = {s.bounding, s.effective, s.inheritable, s.permitted, s.ambient};
    return masks[set];
  };
  if (format_ == "json") {
    json::BufferedOStream stream(out);
    report::JsonWriter w(stream);
    w.SetIndent(' ', 2);
    w.StartObject();
    w.Key("path");
    report::String(w, input.display_path);
    w.Key("uid");
    w.Uint(plan.uid);
    w.Key("noNewPrivileges");
    w.Bool(plan.no_new_privileges);
    w.Key("sets");
    w.StartObject();
    for (size_t set = 0; set < probe::kSetNames.size(); ++set) {
      report::Key(w, probe::kSetNames[set]);
      w.StartObject();
      for (auto [key, mask] : {std::pair{"expected", pick(expected, set)},
                               std::pair{"predictedAfterExec", pick(after, set)}}) {
        w.Key(key);
        w.StartArray();
        for (const caps::Capability& cap : caps::AllCapabilities()) {
          if (caps::Contains(mask, cap.number)) {
            report::String(w, cap.name);
          }
        }
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndObject();
    w.EndObject();
    stream.Flush();
    out << '\n';
    return kExitClean;
  }
  out << input.display_path << ": uid " << plan.uid << ", noNewPrivileges "
      << (plan.no_new_privileges ? "true" : "false") << "\n";
  for (size_t set = 0; set < probe::kSetNames.size(); ++set) {
    out << "  " << probe::kSetNames[set] << ": applied [" << caps::MaskToNames(pick(expected, set))
        << "] -> after execve [" << caps::MaskToNames(pick(after, set)) << "]\n";
  }
  return kExitClean;
}

int CapsCommand::PrintTable(std::ostream& out, std::ostream&) {
  HostCapabilities host = ReadHost(lint::HostProbe());
  if (format_ == "json") {
    json::BufferedOStream stream(out);
    report::JsonWriter w(stream);
    w.SetIndent(' ', 2);
    auto optional_bool = [&](std::optional<bool> value) {
      if (value) {
        w.Bool(*value);
      } else {
        w.Null();
      }
    };
    w.StartObject();
    w.Key("capLastCap");
    if (host.last_cap) {
      w.Int(*host.last_cap);
    } else {
      w.Null();
    }
    w.Key("capabilities");
    w.StartArray();
    for (const caps::Capability& cap : caps::AllCapabilities()) {
      w.StartObject();
      w.Key("number");
      w.Int(cap.number);
      w.Key("name");
      report::String(w, cap.name);
      w.Key("since");
      report::String(w, cap.since.ToString());
      w.Key("kernel");
      optional_bool(host.last_cap ? std::optional<bool>(cap.number <= *host.last_cap)
                                  : std::nullopt);
      w.Key("bounding");
      optional_bool(In(host.sets.bounding, cap.number));
      w.Key("effective");
      optional_bool(In(host.sets.effective, cap.number));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    stream.Flush();
    out << '\n';
    return kExitClean;
  }
  out << std::left << std::setw(4) << "#" << std::setw(24) << "name" << std::setw(8) << "since"
      << std::setw(8) << "kernel" << std::setw(10) << "bounding"
      << "effective\n";
  for (const caps::Capability& cap : caps::AllCapabilities()) {
    std::optional<bool> kernel =
        host.last_cap ? std::optional<bool>(cap.number <= *host.last_cap) : std::nullopt;
    out << std::setw(4) << cap.number << std::setw(24) << cap.name << std::setw(8)
        << cap.since.ToString() << std::setw(8) << YesNo(kernel) << std::setw(10)
        << YesNo(In(host.sets.bounding, cap.number)) << YesNo(In(host.sets.effective, cap.number))
        << '\n';
  }
  out << "kernel: this kernel has it (cap_last_cap "
      << (host.last_cap ? std::to_string(*host.last_cap) : "unknown")
      << "); bounding, effective: this oci-lint process has it\n";
  return kExitClean;
}

int CapsCommand::Strip(const lint::Target& target, std::ostream& out, std::ostream& err) {
  lint::Input input{strip_ == "-" ? "<stdin>" : strip_, strip_ == "-" ? "" : strip_, ""};
  Result<std::string> text = lint::ReadInput(input, 64 * 1024 * 1024);
  if (!text) {
    err << "oci-lint: " << text.error().message() << '\n';
    return kExitUnreadable;
  }
  json::ParseResult parsed = json::Parse(std::move(text.value()));
  const json::Document& doc = *parsed.document;
  if (doc.empty()) {
    for (const json::ParseIssue& issue : parsed.issues) {
      json::Position p = json::SourceMap(doc.source()).Locate(issue.offset);
      err << input.display_path << ':' << p.line << ':' << p.column << ": error: " << issue.message
          << " [json-syntax]\n";
    }
    return kExitFindings;
  }
  // Every warned entry goes (the removal is shared with oci-lint-runtime's adapt policy).
  std::set<json::NodeId> omit;
  json::SourceMap map(doc.source());
  for (const lint::CapabilityRemoval& r : lint::CapabilityRemovals(
           doc, target, [](std::string_view) { return true; }, true)) {
    omit.insert(r.node);
    json::Position p = map.Locate(*r.finding.offset);
    err << input.display_path << ':' << p.line << ':' << p.column << ": removed "
        << json::Excerpt(doc, r.node) << " at " << r.finding.pointer << " [" << r.finding.rule
        << "]\n";
  }
  json::WriteDocument(doc, out, omit, json::DetectIndent(doc.source()));
  return kExitClean;
}

}  // namespace ocilint::cli
