#include "conformance/battery.h"

#include <fcntl.h>
#include <linux/magic.h>
#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "caps/proc_status.h"
#include "caps/table.h"
#include "conformance/launcher.h"
#include "conformance/scenario.h"
#include "conformance/spec_runner.h"
#include "gate/argv.h"
#include "gate/gate.h"
#include "json/parser.h"
#include "lint/target.h"
#include "probe/plan.h"
#include "util/private_dir.h"
#include "util/process.h"
#include "util/secure_fs.h"
#include "util/signals.h"
#include "version.h"

namespace ocilint::conformance {

namespace fs = std::filesystem;

namespace {

std::string CgroupMode() {
  struct statfs st;
  if (statfs("/sys/fs/cgroup", &st) != 0) return "unknown";
  if (st.f_type == CGROUP2_SUPER_MAGIC) return "unified (cgroup v2)";
  std::error_code ec;
  if (fs::exists("/sys/fs/cgroup/unified", ec)) return "hybrid (cgroup v1 + v2)";
  return "legacy (cgroup v1)";
}

std::string NowUtc() {
  std::time_t now = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return buffer;
}

caps::CapMask OwnBounding() {
  auto sets = caps::ParseProcStatus(ReadText("/proc/self/status"), "/proc/self/status");
  return sets ? *sets.value().bounding : 0;
}

/// Sets process.* of the runtime's own `spec` output (or a minimal config) for a scenario.
std::string ScenarioConfig(const std::string& base, const Scenario& s,
                           const std::vector<std::string>& normalize = {}) {
  rapidjson::Document doc;
  doc.Parse(base.c_str());
  auto& a = doc.GetAllocator();
  auto set = [&](rapidjson::Value& object, const char* key, rapidjson::Value value) {
    if (object.HasMember(key)) {
      object[key] = value;
    } else {
      object.AddMember(rapidjson::Value(key, a), value, a);
    }
  };
  if (!doc.IsObject()) doc.SetObject();
  if (!doc.HasMember("process") || !doc["process"].IsObject()) {
    set(doc, "process", rapidjson::Value(rapidjson::kObjectType));
  }
  rapidjson::Value& process = doc["process"];
  rapidjson::Value args(rapidjson::kArrayType);
  args.PushBack("/oci-lint-probe-helper", a);
  set(process, "args", std::move(args));
  set(process, "terminal", rapidjson::Value(false));
  set(process, "cwd", rapidjson::Value("/", a));
  set(process, "noNewPrivileges", rapidjson::Value(s.no_new_privileges));
  rapidjson::Value user(rapidjson::kObjectType);
  user.AddMember("uid", s.uid, a);
  user.AddMember("gid", s.gid, a);
  set(process, "user", std::move(user));
  rapidjson::Value capabilities(rapidjson::kObjectType);
  const char* names[] = {"bounding", "effective", "inheritable", "permitted", "ambient"};
  for (size_t i = 0; i < 5; ++i) {
    rapidjson::Value list(rapidjson::kArrayType);
    for (const std::string& entry : s.sets[i]) {
      bool map = std::find(normalize.begin(), normalize.end(), entry) != normalize.end();
      std::string value = map ? caps::Normalize(entry) : entry;
      list.PushBack(rapidjson::Value(value.c_str(), a), a);
    }
    capabilities.AddMember(rapidjson::StringRef(names[i]), list, a);
  }
  set(process, "capabilities", std::move(capabilities));
  rapidjson::Value root(rapidjson::kObjectType);
  root.AddMember("path", "rootfs", a);
  root.AddMember("readonly", true, a);
  set(doc, "root", std::move(root));
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

constexpr const char* kMinimalConfig = R"({
  "ociVersion": "1.0.2",
  "process": {"user": {"uid": 0, "gid": 0}, "args": ["sh"], "cwd": "/",
              "env": ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"]},
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "oci-lint",
  "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}],
  "linux": {"namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"}, {"type": "mount"}]}
})";

/// The sets a conforming runtime gives the process, and their capabilities(7) prediction.
void Predict(const std::string& config, caps::CapMask environment, Observation* o, bool mapped) {
  json::ParseResult parsed = json::Parse(config);
  lint::Target target;
  target.kernel.source = lint::KernelTarget::Source::kHost;
  target.kernel.last_cap = caps::RunningCapLastCap();
  target.environment.source = lint::EnvironmentTarget::Source::kHost;
  target.environment.bounding = environment;
  probe::ProbePlan plan = probe::MakePlan(*parsed.document, target);
  caps::CapState expected = plan.Expected();
  bool root = plan.uid == 0;
  caps::CapState predicted = caps::PredictAfterExec(expected, {root, root, plan.no_new_privileges});
  if (mapped) {
    o->predicted_if_mapped = predicted;
  } else {
    o->expected = expected;
    o->predicted = predicted;
  }
}

/// The helper's JSON line in the container's output.
void ReadHelperOutput(Observation* o) {
  std::istringstream lines(o->stdout_text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{' || line.find("CapEff") == std::string::npos) continue;
    json::ParseResult parsed = json::Parse(line);
    const json::Document& doc = *parsed.document;
    if (doc.empty()) continue;
    auto field = [&](const char* key) -> std::string {
      json::NodeId id = doc.Find(doc.node(doc.root()), key);
      return id == json::kNoNode ? "" : std::string(doc.node(id).text);
    };
    auto inh = caps::ParseCapMask(field("CapInh")), prm = caps::ParseCapMask(field("CapPrm")),
         eff = caps::ParseCapMask(field("CapEff")), bnd = caps::ParseCapMask(field("CapBnd")),
         amb = caps::ParseCapMask(field("CapAmb"));
    // gVisor's /proc/self/status has no CapAmb line.
    o->ambient_reported = !field("CapAmb").empty();
    if (!inh || !prm || !eff || !bnd || (!amb && o->ambient_reported)) continue;
    o->sets = caps::CapState{*inh, *prm, *eff, *bnd, amb ? *amb : 0};
    std::string uid = field("Uid");
    if (!uid.empty()) o->uid = static_cast<uint32_t>(std::strtoul(uid.c_str(), nullptr, 10));
    return;
  }
}

/// oci-lint-runtime and the runtime it runs.
struct Wrapped {
  WrapperInfo wrapper;
  std::string runtime;  ///< the wrapped runtime's path
};

/// What the wrapper at `path`, given `runtime_args` before its subcommand, runs: resolved by the
/// wrapper's own code (gate::ParseArgs, ResolveSettings, FindOnPath), with this process's
/// environment, which is the one the wrapper gets.
Result<Wrapped> ResolveWrapper(const std::string& path,
                               const std::vector<std::string>& runtime_args) {
  gate::ParsedArgs parsed;
  if (std::string problem = gate::ParseArgs(runtime_args, &parsed); !problem.empty()) {
    return Error{"--runtime-arg: " + problem, EINVAL};
  }
  if (!parsed.subcommand.empty()) {
    return Error{"--runtime-arg " + parsed.subcommand +
                     ": not a flag, so oci-lint-runtime would take it for the subcommand",
                 EINVAL};
  }
  gate::Settings partial;
  Result<gate::Settings> settings =
      gate::ResolveSettings(parsed.own, std::getenv("OCI_LINT_RUNTIME_CONFIG"), &partial);
  if (!settings) {
    int code = settings.error().errno_value;
    return Error{"oci-lint-runtime's settings: " + settings.error().context, code ? code : EINVAL};
  }
  std::string runtime = gate::FindOnPath(settings->runtime, std::getenv("PATH"));
  if (runtime.empty() || access(runtime.c_str(), X_OK) != 0) {
    return Error{"oci-lint-runtime's runtime " + settings->runtime +
                     ": not found or not executable (give "
                     "--runtime-arg=--oci-lint-runtime=PATH)",
                 ENOENT};
  }
  if (runtime[0] != '/') {
    return Error{"oci-lint-runtime's runtime " + runtime +
                     ": a relative path, not found from the bundles' directory where the battery "
                     "runs it (give an absolute path)",
                 EINVAL};
  }
  Wrapped wrapped;
  wrapped.wrapper.name = fs::path(path).filename().string();
  wrapped.wrapper.path = path;
  wrapped.wrapper.policy = gate::PolicyName(settings->policy);
  wrapped.wrapper.config = settings->config_path;
  wrapped.runtime = runtime;
  return wrapped;
}

}  // namespace

std::vector<std::string> ScenarioIds() {
  std::vector<std::string> ids;
  for (const Scenario& s : Battery(40)) ids.push_back(s.id);
  for (const SpecScenario& s : SpecBattery()) ids.push_back(s.id);
  return ids;
}

std::string BatteryOf(const std::string& id) {
  for (const Scenario& s : Battery(40)) {
    if (s.id == id) return "caps";
  }
  for (const SpecScenario& s : SpecBattery()) {
    if (s.id == id) return "spec";
  }
  return "";
}

const std::vector<std::string>& ScenariosJudging(const std::string& id) {
  static const std::map<std::string, std::vector<std::string>> by_row = [] {
    std::map<std::string, std::vector<std::string>> rows;
    auto add = [&](const std::string& scenario, const std::vector<Requirement>& reqs) {
      for (const Requirement& r : reqs) {
        std::vector<std::string>& list = rows[r.id];
        if (list.empty() || list.back() != scenario) list.push_back(scenario);
      }
    };
    Observation not_run;
    for (const Scenario& s : Battery(40)) add(s.id, Judge(s, not_run).requirements);
    SpecObservation spec_not_run;
    for (const SpecScenario& s : SpecBattery()) add(s.id, s.judge(spec_not_run));
    return rows;
  }();
  static const std::vector<std::string> none;
  auto found = by_row.find(id);
  return found == by_row.end() ? none : found->second;
}

namespace {

bool Selected(const BatteryOptions& options, const std::string& id) {
  return options.only.empty() ||
         std::find(options.only.begin(), options.only.end(), id) != options.only.end();
}

/// Runs the spec battery's scenarios into `report`.
void RunSpecBattery(const BatteryOptions& options, const SpecRunContext& context,
                    ConformanceReport& report, std::ostream& progress) {
  std::optional<SpecObservation> hooks_run;
  for (const SpecScenario& scenario : SpecBattery()) {
    if (TerminationSignals::Pending()) break;
    if (!Selected(options, scenario.id)) continue;
    progress << "scenario " << scenario.id << "... " << std::flush;
    SpecObservation o = ObserveSpecScenario(scenario, context);
    o.earlier = &report.scenarios;
    if (hooks_run) o.hooks_run = &*hooks_run;
    if (TerminationSignals::Pending()) {
      progress << "interrupted\n";
      break;
    }
    ScenarioResult result;
    result.id = scenario.id;
    result.battery = "spec";
    result.title = scenario.title;
    result.description = scenario.description;
    result.requirements = scenario.judge(o);
    result.verdict = Overall(result.requirements);
    if (result.verdict == Verdict::kSkip && !result.requirements.empty()) {
      result.skip_reason = result.requirements.front().summary;
    }
    progress << VerdictName(result.verdict) << "\n";
    report.scenarios.push_back(std::move(result));
    if (scenario.id == "hooks") hooks_run = std::move(o);
    if (options.keep) {
      if (scenario.mode != SpecScenario::Mode::kFeatures) {
        progress << "  kept " << context.work->path() << "/" << scenario.id << "\n";
      }
    } else if (scenario.mode != SpecScenario::Mode::kFeatures) {
      securefs::RemoveTreeAt(context.work->fd(), scenario.id);
    }
  }
}

}  // namespace

Result<ConformanceReport> RunBattery(const BatteryOptions& options, std::ostream& progress) {
  if (geteuid() != 0) {
    return Error{"conformance runs runtimes as root; run it as root (sudo)", EPERM};
  }
  Launcher launcher;
  launcher.path = FindInPath(options.runtime);
  if (launcher.path.empty() || access(launcher.path.c_str(), X_OK) != 0) {
    return Error{"--runtime " + options.runtime + ": not found or not executable", ENOENT};
  }
  // Absolute: `spec` and the spec battery run the runtime in the bundles' directory.
  launcher.path = fs::absolute(launcher.path).lexically_normal().string();
  launcher.name = fs::path(launcher.path).filename().string();
  ConformanceReport report;
  report.runtime.name = launcher.name;
  report.runtime.path = launcher.path;
  // oci-lint-runtime runs the runtime its flags (the --runtime-arg ones), runtime.toml or PATH
  // name, as it resolves them itself; the report is that runtime's, through the wrapper.
  std::vector<std::string> version_command = {launcher.path, "--version"};
  if (launcher.name == "oci-lint-runtime") {
    Result<Wrapped> wrapped = ResolveWrapper(launcher.path, options.runtime_args);
    if (!wrapped) return wrapped.error();
    report.runtime.wrapper = wrapped->wrapper;
    report.runtime.path = wrapped->runtime;
    report.runtime.name = fs::path(wrapped->runtime).filename().string();
    // --version passes through the wrapper, which must be told which runtime it wraps.
    version_command = {launcher.path};
    version_command.insert(version_command.end(), options.runtime_args.begin(),
                           options.runtime_args.end());
    version_command.push_back("--version");
  }
  if (auto version = RunCommand(version_command, 10); version && version->exit_code == 0) {
    std::istringstream words(version->out.substr(0, version->out.find('\n')));
    for (std::string word; words >> word;) {
      if (!word.empty() && std::isdigit(static_cast<unsigned char>(word[0]))) {
        report.runtime.version = word;
        break;
      }
    }
  }
  if (report.runtime.version.empty()) report.runtime.version = "unknown";

  utsname uts;
  uname(&uts);
  report.environment.kernel = uts.release;
  report.environment.cgroup_mode = CgroupMode();
  caps::CapMask bounding = OwnBounding();
  caps::CapMask all = 0;
  for (const caps::Capability& cap : caps::AllCapabilities()) all |= caps::CapMask{1} << cap.number;
  int have = __builtin_popcountll(bounding & all);
  report.environment.bounding =
      std::to_string(have) + " of " + std::to_string(caps::AllCapabilities().size()) +
      " capabilities" +
      ((all & ~bounding) ? "; lacks " + caps::MaskToNames(all & ~bounding) : std::string()) + " (" +
      caps::MaskToNames(bounding) + ")";
  report.environment.date = NowUtc();
  report.environment.tool_version = kVersion;
  // Through the wrapper, the runtime it runs decides the flags: the wrapper logs where it logs.
  const std::string& runtime_name = report.runtime.name;
  bool runc_like = runtime_name.find("runc") != std::string::npos;
  if (runc_like) {
    launcher.global_flags = {"--log-format", "json"};
  } else {
    launcher.global_flags = {"--debug"};  // crun 1.8 logs its warnings only at debug level
  }
  if (runtime_name.find("crun") != std::string::npos &&
      report.environment.cgroup_mode.rfind("hybrid", 0) == 0) {
    launcher.private_cgroup2 = true;
    launcher.global_flags.push_back("--cgroup-manager=disabled");
    report.environment.notes =
        "crun refuses hybrid cgroup hosts, so it ran with --cgroup-manager=disabled in a private "
        "mount namespace whose /sys/fs/cgroup is a cgroup2 mount. ";
  }
  launcher.global_flags.insert(launcher.global_flags.end(), options.runtime_args.begin(),
                               options.runtime_args.end());
  report.environment.runtime_args = options.runtime_args;
  if (const WrapperInfo& wrapper = report.runtime.wrapper; !wrapper.name.empty()) {
    std::string does =
        wrapper.policy == "adapt"
            ? "rewrites config.json where the runtime cannot grant what it asks and logs each "
              "change and finding as a warning"
        : wrapper.policy == "enforce"
            ? "refuses (exit 1) a bundle the runtime cannot start as written and logs the "
              "findings"
            : "logs its findings as warnings";
    report.environment.notes +=
        runtime_name + " ran through " + wrapper.name + " (policy " + wrapper.policy +
        (wrapper.config.empty() ? "" : ", settings from " + wrapper.config) +
        "), which lints each bundle at create and run, " + does +
        " in the runtime's log (errors on stderr too), then execs " + report.runtime.path +
        "; the runtime arguments hold the wrapper's own flags. ";
  }
  report.environment.notes += runc_like ? "runc ran with --log FILE --log-format json."
                                        : "The runtime ran with --debug --log FILE.";

  Result<UniqueFd> helper = securefs::OpenTrustedExecutable(options.helper);
  if (!helper)
    return Error{"the probe helper: " + helper.error().context, helper.error().errno_value};
  for (const SweptDir& leftover : SweepStale("conformance")) {
    for (const std::string& id : ScenarioIds()) {
      CommandSetup quiet = launcher.Setup({});
      quiet.interruptible = false;
      RunCommand(launcher.Command({"delete", "-f", ContainerId(leftover.pid, id)}), 10, 1 << 20,
                 quiet);
    }
    progress << (leftover.problem.empty() ? "removed " : "could not remove ") << leftover.path
             << ", left by process " << leftover.pid << " which no longer exists"
             << (leftover.problem.empty() ? "" : ": " + leftover.problem) << "\n";
  }
  Result<PrivateDir> created = PrivateDir::Create("conformance");
  if (!created) return created.error();
  PrivateDir& work = *created;
  if (options.keep) work.Keep();
  progress << "bundles in " << work.path() << "\n";
  std::string base = kMinimalConfig;
  if (auto spec = RunCommand(launcher.Command({"spec"}), 10, 1 << 20, {work.path(), {}});
      spec && spec->exit_code == 0 && fs::exists(fs::path(work.path()) / "config.json")) {
    base = ReadText(work.path() + "/config.json");
    report.environment.notes += " Configs start from `" + runtime_name + " spec`.";
  } else {
    report.environment.notes += " `" + runtime_name +
                                " spec` failed: configs start from a "
                                "built-in minimal config.";
  }

  bool caps_battery = options.battery != "spec";
  for (const Scenario& scenario : Battery(caps::RunningCapLastCap())) {
    if (TerminationSignals::Pending() || !caps_battery) break;
    if (!Selected(options, scenario.id)) continue;
    progress << "scenario " << scenario.id << "... " << std::flush;
    Observation o;
    std::string id = ContainerId(getpid(), scenario.id);
    std::string config = ScenarioConfig(base, scenario);
    caps::CapMask environment = bounding;
    for (int cap : scenario.runner_drops) environment &= ~(caps::CapMask{1} << cap);
    Predict(config, environment, &o, false);
    Result<std::string> bundle = scenario.skip_reason.empty()
                                     ? MakeBundle(work, scenario.id, helper->get(), config)
                                     : Result<std::string>(std::string());
    if (!bundle) {
      o.not_run_reason = bundle.error().message();
    } else if (scenario.skip_reason.empty()) {
      fs::path log = fs::path(*bundle) / "runtime.log";
      std::vector<std::string> argv =
          launcher.Command({"--log", log.string(), "run", "--bundle", *bundle, id});
      o.command = JoinCommand(argv);
      auto run =
          RunCommand(argv, options.timeout_seconds, 1 << 20, launcher.Setup(scenario.runner_drops));
      if (!run) {
        o.not_run_reason = run.error().message();
      } else {
        o.ran = run->exit_code != 126;
        if (!o.ran) o.not_run_reason = "the runner could not prepare the runtime's environment";
        o.exit_code = run->exit_code;
        o.timed_out = run->timed_out;
        o.stdout_text = run->out;
        o.stderr_text = run->err;
      }
      o.log_text = ReadText(log.string());
      ReadHelperOutput(&o);
      if (o.sets) {
        std::vector<std::string> mapped = MappedEntries(scenario, *o.sets);
        if (!mapped.empty()) Predict(ScenarioConfig(base, scenario, mapped), environment, &o, true);
      }
      CommandSetup cleanup = launcher.Setup({});
      cleanup.interruptible = false;
      RunCommand(launcher.Command({"delete", "-f", id}), 10, 1 << 20, cleanup);
    } else {
      o.not_run_reason = scenario.skip_reason;
    }
    if (TerminationSignals::Pending()) {
      progress << "interrupted\n";
      break;
    }
    ScenarioResult result = Judge(scenario, o);
    result.battery = "caps";
    progress << VerdictName(result.verdict) << "\n";
    report.scenarios.push_back(std::move(result));
    if (options.keep) {
      if (!bundle->empty()) progress << "  kept " << *bundle << "\n";
    } else if (bundle && !bundle->empty()) {
      securefs::RemoveTreeAt(work.fd(), scenario.id);
    }
  }
  if (options.battery != "caps") {
    SpecRunContext context;
    context.launcher = &launcher;
    context.work = &work;
    context.helper = helper->get();
    context.base = base;
    context.timeout_seconds = options.timeout_seconds;
    context.keep = options.keep;
    RunSpecBattery(options, context, report, progress);
  }
  if (int signal = TerminationSignals::Pending()) {
    return Error{std::string("interrupted by SIG") + sigabbrev_np(signal) +
                     (options.keep ? "; kept " + work.path() : "; cleaned up"),
                 EINTR};
  }
  return report;
}

}  // namespace ocilint::conformance
