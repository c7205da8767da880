#include "cli/conformance_command.h"

#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

#include "cli/cli.h"
#include "conformance/battery.h"
#include "util/secure_fs.h"
#include "util/signals.h"

namespace ocilint::cli {

namespace fs = std::filesystem;

namespace {

/// The static probe helper: beside this binary in a build tree, or in libexec when installed.
std::string DefaultHelper() {
  std::error_code ec;
  fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "oci-lint-probe-helper";
  fs::path dir = self.parent_path();
  for (fs::path candidate :
       {dir / "oci-lint-probe-helper",
        dir.parent_path() / "libexec" / "oci-lint" / "oci-lint-probe-helper"}) {
    if (access(candidate.c_str(), R_OK) == 0) return candidate.string();
  }
  return (dir / "oci-lint-probe-helper").string();
}

/// A termination signal while the reports were written: those already in place stay, the one
/// being written is not put in place (its temporary file is removed), the rest are not written.
int InterruptedWritingReports(const fs::path& dir, const char* name, std::ostream& err) {
  err << "oci-lint: interrupted by SIG" << sigabbrev_np(TerminationSignals::Pending())
      << " while writing " << (dir / name).string() << "; cleaned up\n";
  return TerminationSignals::ExitCode();
}

}  // namespace

void ConformanceCommand::Register(CLI::App& app, bool with_options) {
  command_ = app.add_subcommand(
      "conformance",
      "Run a real OCI runtime (runc, crun, runsc, any OCI CLI) through the spec's requirements "
      "and write reports for its vendor (needs root)");
  if (!with_options) return;
  // Not ->required(): `conformance compare` runs no runtime; Execute checks it instead.
  command_->add_option("--runtime", runtime_, "The runtime to test (required to run the battery)")
      ->type_name("NAME|PATH");
  command_
      ->add_option("--runtime-arg", runtime_args_,
                   "A global argument of the runtime, placed before its subcommand (repeatable; "
                   "e.g. --runtime-arg=--network=none for runsc)")
      ->type_name("ARG")
      ->allow_extra_args(false);
  command_
      ->add_option("--battery", battery_,
                   "Which requirements: caps (the capability sentences), spec (errors, process "
                   "settings, mounts, hooks, state, features) or all")
      ->check(CLI::IsMember({"caps", "spec", "all"}))
      ->capture_default_str();
  command_
      ->add_option("--out", out_dir_,
                   "Where to write report.{md,json,junit.xml,tap,html} (default: "
                   "reports/<runtime>-<version>)")
      ->type_name("DIR");
  command_->add_option("--format", format_, "What to print on standard output: text|json")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  std::vector<std::string> ids = conformance::ScenarioIds();
  command_
      ->add_option("--scenario", scenarios_,
                   "Run only this scenario (repeatable; without --battery, whichever battery "
                   "holds it)")
      ->check(CLI::IsMember(ids))
      ->type_name("ID");
  command_->add_flag("--keep", keep_, "Keep the bundles (their paths are printed)");
  command_
      ->add_option("--helper", helper_,
                   "The static probe helper to put in each rootfs (default: the "
                   "oci-lint-probe-helper installed with oci-lint)")
      ->type_name("PATH");
  command_
      ->add_option("--timeout", timeout_seconds_,
                   "Kill a runtime that has not finished a scenario after this many seconds")
      ->check(CLI::Range(1, 3600))
      ->capture_default_str();
}

int ConformanceCommand::Execute(std::ostream& out, std::ostream& err) {
  if (runtime_.empty()) {  // as CLI11 says it of a required option
    err << "oci-lint: --runtime is required\nRun 'oci-lint --help' for more information.\n";
    return kExitUsage;
  }
  conformance::BatteryOptions options;
  options.runtime = runtime_;
  options.helper = helper_.empty() ? DefaultHelper() : helper_;
  options.only = scenarios_;
  options.runtime_args = runtime_args_;
  options.battery = battery_;
  // --scenario alone runs the scenarios named, whichever battery holds them.
  if (!scenarios_.empty() && command_->count("--battery") == 0) options.battery = "all";
  for (const std::string& id : scenarios_) {
    std::string battery = conformance::BatteryOf(id);
    if (options.battery != "all" && battery != options.battery) {
      err << "oci-lint conformance: --scenario " << id << " is in the " << battery
          << " battery, not in --battery " << options.battery << "\n";
      return kExitUsage;
    }
  }
  options.keep = keep_;
  options.timeout_seconds = timeout_seconds_;
  TerminationSignals signals;
  Result<conformance::ConformanceReport> report = conformance::RunBattery(options, err);
  if (!report) {
    err << "oci-lint: " << report.error().context << (TerminationSignals::Pending() ? "" : ": ")
        << (TerminationSignals::Pending() ? "" : std::strerror(report.error().errno_value)) << '\n';
    return TerminationSignals::Pending() ? TerminationSignals::ExitCode() : kExitUnreadable;
  }
  const conformance::ConformanceReport& r = report.value();
  // Debian's "1.1.5+ds1" names the upstream release 1.1.5: the directory uses that. Its
  // "0.0~20221219.0" (runsc, whose releases are dates) keeps the date: runsc-0.0-20221219.0.
  // Through oci-lint-runtime: runc-1.1.5+oci-lint-runtime-adapt, beside runc-1.1.5.
  std::string release = r.runtime.version.substr(0, r.runtime.version.find('+'));
  std::replace(release.begin(), release.end(), '~', '-');
  std::string name = r.runtime.name + "-" + release;
  if (const conformance::WrapperInfo& wrapper = r.runtime.wrapper; !wrapper.name.empty()) {
    name += "+" + wrapper.name + "-" + wrapper.policy;
  }
  fs::path dir = out_dir_.empty() ? fs::path("reports") / name : fs::path(out_dir_);
  Result<UniqueFd> opened = securefs::OpenDirectory(dir.string(), true);
  if (!opened) {
    err << "oci-lint: cannot write the reports: " << opened.error().message() << '\n';
    return kExitUnreadable;
  }
  struct File {
    const char* name;
    void (*write)(std::ostream&, const conformance::ConformanceReport&);
  };
  for (const File& file :
       {File{"report.md", conformance::WriteMarkdown}, File{"report.json", conformance::WriteJson},
        File{"report.junit.xml", conformance::WriteJunit},
        File{"report.tap", conformance::WriteTap}, File{"report.html", conformance::WriteHtml}}) {
    if (TerminationSignals::Pending()) return InterruptedWritingReports(dir, file.name, err);
    Result<securefs::ReplacementFile> stream =
        securefs::ReplacementFile::Open((dir / file.name).string());
    if (stream) {
      file.write(stream->stream(), r);
      if (TerminationSignals::Pending()) return InterruptedWritingReports(dir, file.name, err);
      if (Result<bool> done = stream->Commit(); !done) stream = done.error();
    }
    if (TerminationSignals::Pending()) return InterruptedWritingReports(dir, file.name, err);
    if (!stream) {
      err << "oci-lint: " << stream.error().message() << '\n';
      return kExitUnreadable;
    }
  }
  conformance::Summary s = r.Summarize();
  if (format_ == "json") {
    conformance::WriteJson(out, r);
  } else {
    out << r.runtime.Label() << ": scenarios " << s.scenarios_passed << " pass, "
        << s.scenarios_failed << " fail, " << s.scenarios_skipped << " skipped; requirements "
        << s.requirements_failed << " of " << s.requirements << " failed; reports in "
        << dir.string() << "/\n";
  }
  return s.scenarios_failed > 0 ? kExitFindings : kExitClean;
}

}  // namespace ocilint::cli
