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
#include <sstream>

#include "caps/proc_status.h"
#include "caps/table.h"
#include "conformance/scenario.h"
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

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string FindInPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/sbin:/usr/bin:/sbin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

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

/// How to start the runtime: its path, extra global flags, and what the child does first.
struct Launcher {
  std::string path;
  std::string name;
  std::vector<std::string> global_flags;
  bool private_cgroup2 = false;  ///< crun on a hybrid host: a private cgroup2 mount

  std::vector<std::string> Command(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {path};
    argv.insert(argv.end(), global_flags.begin(), global_flags.end());
    argv.insert(argv.end(), args.begin(), args.end());
    return argv;
  }

  CommandSetup Setup(std::vector<int> drops) const {
    CommandSetup setup;
    bool cgroup2 = private_cgroup2;
    setup.before_exec = [drops, cgroup2]() {
      for (int cap : drops) {
        if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) return false;
      }
      if (cgroup2) {
        if (unshare(CLONE_NEWNS) != 0) return false;
        if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
        umount2("/sys/fs/cgroup", MNT_DETACH);
        if (mount("none", "/sys/fs/cgroup", "cgroup2", 0, nullptr) != 0) return false;
      }
      return true;
    };
    return setup;
  }
};

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
    if (!inh || !prm || !eff || !bnd || !amb) continue;
    o->sets = caps::CapState{*inh, *prm, *eff, *bnd, *amb};
    std::string uid = field("Uid");
    if (!uid.empty()) o->uid = static_cast<uint32_t>(std::strtoul(uid.c_str(), nullptr, 10));
    return;
  }
}

std::string Join(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

/// The container id of `scenario` in the run of process `pid`: a sweep can name a leftover's.
std::string ContainerId(pid_t pid, const std::string& scenario) {
  return "oci-lint-" + std::to_string(pid) + "-" + scenario;
}

/// `work`/NAME/{config.json, rootfs/oci-lint-probe-helper}, each created fresh (never an existing
/// path) from the already-checked helper descriptor. Returns the bundle's path.
Result<std::string> MakeBundle(const PrivateDir& work, const std::string& name, int helper,
                               const std::string& config) {
  std::string bundle = work.path() + "/" + name;
  if (mkdirat(work.fd(), name.c_str(), 0700) != 0) return SystemError("cannot create " + bundle);
  UniqueFd dir(openat(work.fd(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir.valid()) return SystemError("cannot open " + bundle);
  if (mkdirat(dir.get(), "rootfs", 0755) != 0)
    return SystemError("cannot create " + bundle + "/rootfs");
  UniqueFd rootfs(openat(dir.get(), "rootfs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!rootfs.valid()) return SystemError("cannot open " + bundle + "/rootfs");
  Result<bool> copied = securefs::CopyFileAt(helper, rootfs.get(), "oci-lint-probe-helper", 0755);
  if (!copied)
    return Error{bundle + "/rootfs: " + copied.error().context, copied.error().errno_value};
  Result<bool> written = securefs::CreateFileAt(dir.get(), "config.json", config, 0600);
  if (!written) return Error{bundle + ": " + written.error().context, written.error().errno_value};
  return bundle;
}

}  // namespace

std::vector<std::string> ScenarioIds() {
  std::vector<std::string> ids;
  for (const Scenario& s : Battery(40)) ids.push_back(s.id);
  return ids;
}

Result<ConformanceReport> RunBattery(const BatteryOptions& options, std::ostream& progress) {
  if (geteuid() != 0) {
    return Error{"conformance runs runtimes as root; run it as root (sudo)", EPERM};
  }
  Launcher launcher;
  launcher.path = FindInPath(options.runtime);
  if (launcher.path.empty() || access(launcher.path.c_str(), X_OK) != 0) {
    return Error{"--runtime " + options.runtime + ": not found or not executable", ENOENT};
  }
  launcher.name = fs::path(launcher.path).filename().string();
  ConformanceReport report;
  report.runtime.name = launcher.name;
  report.runtime.path = launcher.path;
  if (auto version = RunCommand({launcher.path, "--version"}, 10);
      version && version->exit_code == 0) {
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
  bool runc_like = launcher.name.find("runc") != std::string::npos;
  if (runc_like) {
    launcher.global_flags = {"--log-format", "json"};
  } else {
    launcher.global_flags = {"--debug"};  // crun 1.8 logs its warnings only at debug level
  }
  if (launcher.name.find("crun") != std::string::npos &&
      report.environment.cgroup_mode.rfind("hybrid", 0) == 0) {
    launcher.private_cgroup2 = true;
    launcher.global_flags.push_back("--cgroup-manager=disabled");
    report.environment.notes =
        "crun refuses hybrid cgroup hosts, so it ran with --cgroup-manager=disabled in a private "
        "mount namespace whose /sys/fs/cgroup is a cgroup2 mount. ";
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
    base = ReadText(fs::path(work.path()) / "config.json");
    report.environment.notes += " Configs start from `" + launcher.name + " spec`.";
  } else {
    report.environment.notes += " `" + launcher.name +
                                " spec` failed: configs start from a "
                                "built-in minimal config.";
  }

  for (const Scenario& scenario : Battery(caps::RunningCapLastCap())) {
    if (TerminationSignals::Pending()) break;
    if (!options.only.empty() &&
        std::find(options.only.begin(), options.only.end(), scenario.id) == options.only.end()) {
      continue;
    }
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
      o.command = Join(argv);
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
      o.log_text = ReadText(log);
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
    progress << VerdictName(result.verdict) << "\n";
    report.scenarios.push_back(std::move(result));
    if (options.keep) {
      if (!bundle->empty()) progress << "  kept " << *bundle << "\n";
    } else if (bundle && !bundle->empty()) {
      securefs::RemoveTreeAt(work.fd(), scenario.id);
    }
  }
  if (int signal = TerminationSignals::Pending()) {
    return Error{std::string("interrupted by SIG") + sigabbrev_np(signal) +
                     (options.keep ? "; kept " + work.path() : "; cleaned up"),
                 EINTR};
  }
  return report;
}

}  // namespace ocilint::conformance
