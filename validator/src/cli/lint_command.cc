#include "cli/lint_command.h"

#include <sched.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/byte_size.h"
#include "cli/cli.h"
#include "cli/lint_in_order.h"
#include "lint/linter.h"
#include "lint/rules/catalogue.h"
#include "report/report.h"
#include "util/secure_fs.h"
#include "version.h"

namespace ocilint::cli {

namespace {

bool UseColor(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string_view(term) == "dumb") return false;
  return isatty(STDOUT_FILENO) == 1;
}

std::string FormatNames() {
  std::string names;
  for (const report::Format& f : report::AllFormats()) {
    if (!names.empty()) names += "|";
    names += f.name;
  }
  return names;
}

unsigned AvailableCpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

int ReportTargetError(const Error& error, std::ostream& err) {
  bool usage = error.errno_value == EINVAL;
  err << "oci-lint: " << (usage ? error.context : error.message()) << '\n';
  return usage ? kExitUsage : kExitUnreadable;
}

void AddTargetOptions(CLI::App& command, lint::TargetOptions* target) {
  command
      .add_option("--kernel", target->kernel,
                  "The kernel the config will run on: a version (5.4, 5.15.0-91-generic), host "
                  "(this kernel's release, cap_last_cap and fs.nr_open) or none")
      ->type_name("VERSION|host|none")
      ->capture_default_str();
  command
      .add_option("--environment", target->environment,
                  "Where the runtime will run: host (this process's bounding set), none, or a "
                  "/proc/PID/status capture from that environment (its CapBnd line is used)")
      ->type_name("host|none|FILE")
      ->capture_default_str();
  command
      .add_option("--environment-limits", target->environment_limits,
                  "A /proc/PID/limits capture from that environment: rlimit hard values above "
                  "its hard limits (or above an earlier entry's) are reported when it lacks "
                  "CAP_SYS_RESOURCE (default: the host's with --environment host, or a limits "
                  "table in the --environment file)")
      ->type_name("FILE");
  command
      .add_option("--runtime-features", target->runtime_features,
                  "A runtime's features document (e.g. `runc features > f.json`): what the "
                  "config uses that it does not list (capabilities, namespaces, hooks, mount "
                  "options, seccomp, cgroup, LSM, ...) is reported")
      ->type_name("FILE");
  command
      .add_option("--runtime", target->runtime,
                  "Run `<runtime> features` to learn what it implements (e.g. runc)")
      ->type_name("NAME|PATH");
}

void LintCommand::Register(CLI::App& app, bool with_options) {
  command_ = app.add_subcommand("lint",
                                "Check configs against the runtime-spec schema and the spec's "
                                "semantic rules, for a target kernel, environment and runtime "
                                "(the default command)");
  if (!with_options) return;
  command_->add_option("PATH", paths_,
                       "A config file, a directory (every *.json below it, sorted), or - for "
                       "standard input");
  command_
      ->add_option("--bundle", bundles_,
                   "Lint DIR/config.json as a bundle (repeatable): also check that root.path is "
                   "a directory there and that process.args[0] and cwd exist inside it")
      ->type_name("DIR")
      ->allow_extra_args(false);
  std::vector<std::string> formats;
  for (const report::Format& f : report::AllFormats()) formats.emplace_back(f.name);
  command_->add_option("--format", format_, "Output format: " + FormatNames())
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
  command_
      ->add_option("--fail-on", fail_on_,
                   "Exit 1 when a finding of this severity or worse is found")
      ->check(CLI::IsMember({"error", "warning", "never"}))
      ->capture_default_str();
  command_
      ->add_option("--schema-dir", schema_dir_,
                   "Validate against the schema files in DIR (an upstream runtime-spec "
                   "schema/ directory; the root is config-, features- or state-schema.json by "
                   "the input's kind) instead of the embedded v1.3.0 schemas")
      ->type_name("DIR");
  command_
      ->add_option("--kind", kind_,
                   "What the inputs are: config (config.json), features (a runtime's features "
                   "document, e.g. `runc features`), state (a container's state, e.g. `runc "
                   "state ID`), or auto: each file by its own content")
      ->check(CLI::IsMember({"auto", "config", "features", "state"}))
      ->capture_default_str();
  command_
      ->add_option("--color", color_,
                   "Colour the text output: auto (on a terminal, unless "
                   "NO_COLOR is set), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  CLI::Option* quiet = command_->add_flag(
      "-q,--quiet", quiet_, "Print the findings only: no summary line (text and github formats)");
  command_
      ->add_flag("-v,--verbose", verbose_,
                 "Print the whole target (kernel, environment, runtime) before the findings "
                 "(text format); by default only the parts a finding depends on are named, "
                 "before the summary line")
      ->excludes(quiet);
  command_
      ->add_option("--stdin-filename", stdin_filename_,
                   "The name reports give to standard input (-)")
      ->capture_default_str();
  AddTargetOptions(*command_, &target_);
  command_
      ->add_option("--config", config_,
                   "Project configuration (default: the nearest .oci-lint.toml above the first "
                   "PATH, else in the working directory)")
      ->type_name("FILE");
  command_
      ->add_option("--severity", severities_,
                   "Report RULE at LEVEL (error, warning or note); repeatable, overrides the "
                   "config file")
      ->type_name("RULE=LEVEL")
      ->allow_extra_args(false);
  command_->add_option("--disable", disabled_, "Do not report RULE; repeatable")
      ->type_name("RULE")
      ->allow_extra_args(false);
  command_->add_option("--output", output_, "Write the report to FILE instead of standard output")
      ->type_name("FILE");
  command_
      ->add_option("-j,--jobs", jobs_,
                   "Lint this many files at once (default: one per CPU this process may use)")
      ->type_name("N")
      ->check(CLI::Range(1u, 1024u));
  command_
      ->add_option("--max-size", max_size_,
                   "Refuse inputs larger than this, without reading them whole "
                   "(bytes; K, M, G suffixes are powers of 1024)")
      ->transform(ByteSizeValidator())
      ->type_name("SIZE")
      ->default_str("64M");
  memory_budget_ = DefaultMemoryBudget();
  command_
      ->add_option("--max-memory", memory_budget_,
                   "Start another input only while the memory the inputs being linted may take "
                   "(at most 2 x size + 160 bytes a value, a million values at most) fits in "
                   "SIZE; one is always linted (default: a quarter of physical memory)")
      ->transform(ByteSizeValidator())
      ->type_name("SIZE");
}

Result<lint::Policy> LintCommand::MakePolicy() const {
  lint::Policy policy;
  std::optional<std::string> file = config_.empty() ? std::nullopt : std::optional(config_);
  if (!file) {
    std::string first = !paths_.empty()     ? (paths_[0] == "-" ? "." : paths_[0])
                        : !bundles_.empty() ? bundles_[0] + "/config.json"
                                            : ".";
    std::error_code ec;
    std::string dir = std::filesystem::is_directory(first, ec)
                          ? first
                          : std::filesystem::path(first).parent_path().string();
    file = lint::FindConfigFile(dir);
  }
  if (file) {
    Result<lint::Policy> loaded = lint::LoadPolicy(*file);
    if (!loaded) return loaded.error();
    policy = std::move(loaded.value());
  }
  for (const std::string& value : severities_) {
    auto parsed = lint::ParseSeverityFlag(value);
    if (!parsed) return parsed.error();
    policy.severity[parsed->first] = parsed->second;
  }
  for (const std::string& rule : disabled_) {
    Result<std::string> known = lint::CheckRuleName(rule, "--disable");
    if (!known) return known.error();
    policy.disabled.insert(rule);
  }
  return policy;
}

int LintCommand::Execute(std::ostream& out, std::ostream& err) {
  if (paths_.empty() && bundles_.empty()) {
    err << "oci-lint: lint needs a PATH or --bundle DIR\nUsage: oci-lint [lint] [OPTIONS] "
           "PATH...\nRun 'oci-lint --help' for more information.\n";
    return kExitUsage;
  }
  std::optional<diag::DocumentKind> kind = diag::ParseDocumentKind(kind_);
  std::optional<lint::KindSchemas> directory_schemas;
  if (!schema_dir_.empty()) directory_schemas = lint::KindSchemas::FromDirectory(schema_dir_);
  Result<std::shared_ptr<const schema::SchemaSet>> schema =
      directory_schemas ? directory_schemas->sets[0] : schema::SchemaSet::Embedded();
  if (!schema) {
    err << "oci-lint: " << schema.error().message() << '\n';
    return kExitUnreadable;
  }
  if (kind && directory_schemas && !directory_schemas->sets[static_cast<size_t>(*kind)]) {
    err << "oci-lint: " << directory_schemas->sets[static_cast<size_t>(*kind)].error().message()
        << '\n';
    return kExitUnreadable;
  }
  if (std::count(paths_.begin(), paths_.end(), "-") > 1) {
    err << "oci-lint: standard input (-) can be given only once\n";
    return kExitUsage;
  }
  Result<lint::Policy> policy = MakePolicy();
  if (!policy) return ReportTargetError(policy.error(), err);
  lint::TargetOptions target_options = target_;
  if (command_->count("--kernel") == 0 && policy->kernel) target_options.kernel = *policy->kernel;
  if (command_->count("--environment") == 0 && policy->environment) {
    target_options.environment = *policy->environment;
  }
  if (command_->count("--runtime-features") == 0 && command_->count("--runtime") == 0 &&
      policy->runtime_features) {
    target_options.runtime_features = *policy->runtime_features;
  }
  std::string fail_on = fail_on_;
  if (command_->count("--fail-on") == 0 && policy->fail_on) fail_on = *policy->fail_on;
  Result<lint::Target> target = lint::ResolveTarget(target_options, lint::HostProbe());
  if (!target) return ReportTargetError(target.error(), err);
  lint::LintOptions options;
  options.max_size = max_size_;
  options.kind = kind;
  lint::Linter linter(schema.value(), options, target.value(), policy.value());
  if (directory_schemas) linter.SetKindSchemas(*directory_schemas);

  std::vector<lint::InputItem> items = lint::ExpandPaths(paths_, stdin_filename_);
  for (lint::InputItem& bundle : lint::ExpandBundles(bundles_)) items.push_back(std::move(bundle));
  std::optional<securefs::ReplacementFile> file;
  if (!output_.empty()) {
    Result<securefs::ReplacementFile> opened = securefs::ReplacementFile::Open(output_);
    if (!opened) {
      err << "oci-lint: " << opened.error().message() << '\n';
      return kExitUnreadable;
    }
    file.emplace(std::move(*opened));
  }
  std::ostream& sink = file ? file->stream() : out;
  report::ReportContext context{kVersion,
                                linter.schema().description(),
                                format_ == "text" && output_.empty() && UseColor(color_),
                                lint::DescribeTarget(linter.target()),
                                lint::AllRules(),
                                quiet_     ? report::Verbosity::kQuiet
                                : verbose_ ? report::Verbosity::kVerbose
                                           : report::Verbosity::kNormal};
  // Each file is written as soon as it and the ones before it are linted, then dropped.
  std::unique_ptr<report::ReportStream> stream = report::FindFormat(format_)->open(sink, context);
  // In a GitHub Actions job without an explicit --format, the annotations follow the report.
  const char* github = std::getenv("GITHUB_ACTIONS");
  std::ostringstream annotations;
  std::unique_ptr<report::ReportStream> github_stream;
  if (command_->count("--format") == 0 && github && std::string_view(github) == "true") {
    github_stream = report::OpenGithub(annotations, context);
  }
  diag::Summary summary;
  stream->Begin(items.size());
  if (github_stream) github_stream->Begin(items.size());
  LintInOrder(linter, items, {jobs_ > 0 ? jobs_ : AvailableCpus(), memory_budget_, max_size_},
              [&](const diag::FileReport& report) {
                summary.Add(report);
                stream->File(report);
                if (github_stream) github_stream->File(report);
              });
  stream->End(summary);
  if (github_stream) {
    github_stream->End(summary);
    sink << annotations.view();
  }
  sink.flush();
  if (!sink) {
    err << "oci-lint: cannot write the report\n";
    return kExitUnreadable;
  }
  if (file) {
    if (Result<bool> done = file->Commit(); !done) {
      err << "oci-lint: " << done.error().message() << '\n';
      return kExitUnreadable;
    }
  }

  if (summary.unreadable > 0) return kExitUnreadable;
  if (fail_on == "error" && summary.errors > 0) return kExitFindings;
  if (fail_on == "warning" && summary.errors + summary.warnings > 0) return kExitFindings;
  return kExitClean;
}

}  // namespace ocilint::cli
