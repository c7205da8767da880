#include "conformance/spec_runner.h"

#include <fcntl.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <sstream>
#include <thread>

#include "conformance/spec_judge.h"
#include "conformance/spec_scenarios.h"
#include "util/secure_fs.h"
#include "util/signals.h"

namespace ocilint::conformance {

const std::vector<SpecScenario>& SpecBattery() {
  static const std::vector<SpecScenario> battery = [] {
    std::vector<SpecScenario> all = spec::ConfigScenarios();
    for (SpecScenario& s : spec::LifecycleScenarios()) all.push_back(std::move(s));
    return all;
  }();
  return battery;
}

namespace {

/// The base config with the helper as the process, a writable rootfs, then the scenario's edit.
std::string ScenarioConfig(const std::string& base, const SpecScenario& s,
                           const BundlePaths& paths) {
  rapidjson::Document doc;
  doc.Parse(base.c_str());
  if (!doc.IsObject()) doc.SetObject();
  rapidjson::Value args(rapidjson::kArrayType);
  args.PushBack("/oci-lint-probe-helper", doc.GetAllocator());
  for (const std::string& arg : s.args) {
    args.PushBack(rapidjson::Value(arg.c_str(), doc.GetAllocator()), doc.GetAllocator());
  }
  spec::Set(doc, "/process/args", std::move(args));
  spec::Set(doc, "/process/terminal", rapidjson::Value(false));
  spec::Set(doc, "/process/cwd", rapidjson::Value("/"));
  spec::Set(doc, "/root", spec::Parse(doc, R"({"path": "rootfs", "readonly": false})"));
  if (s.edit) s.edit(doc, paths);
  rapidjson::StringBuffer buffer;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> writer(buffer);
  doc.Accept(writer);
  return buffer.GetString();
}

/// The helper's report: the first line of `text` that is a JSON object with CapEff.
std::shared_ptr<const rapidjson::Document> FindReport(const std::string& text) {
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] != '{') continue;
    auto doc = std::make_shared<rapidjson::Document>();
    doc->Parse(line.c_str());
    if (!doc->HasParseError() && doc->IsObject() && doc->HasMember("CapEff")) return doc;
  }
  return nullptr;
}

std::vector<std::shared_ptr<const rapidjson::Document>> ReadHooks(const std::string& path) {
  std::vector<std::shared_ptr<const rapidjson::Document>> hooks;
  std::istringstream lines(ReadText(path));
  for (std::string line; std::getline(lines, line);) {
    auto doc = std::make_shared<rapidjson::Document>();
    doc->Parse(line.c_str());
    if (!doc->HasParseError() && doc->IsObject()) hooks.push_back(doc);
  }
  return hooks;
}

class StepRunner {
 public:
  StepRunner(const SpecRunContext& context, SpecObservation* o) : context_(context), o_(o) {}

  /// Runs the runtime with `args`; stdout and stderr go to `output_fd` when it is valid (the
  /// container of `create` keeps them open), else they are captured.
  Step& Run(const std::string& name, const std::vector<std::string>& args, int output_fd = -1) {
    Step step;
    step.name = name;
    std::vector<std::string> argv = context_.launcher->Command(args);
    step.command = JoinCommand(argv);
    CommandSetup setup = context_.launcher->Setup();
    auto inner = setup.before_exec;
    setup.before_exec = [inner, output_fd]() {
      int fd = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
      if (fd >= 0) {
        [[maybe_unused]] ssize_t n = write(fd, "7", 1);
        close(fd);
      }
      if (output_fd >= 0 && (dup2(output_fd, 1) < 0 || dup2(output_fd, 2) < 0)) return false;
      return inner();
    };
    if (TerminationSignals::Pending()) setup.interruptible = false;
    auto run = RunCommand(argv, context_.timeout_seconds, 1 << 20, setup);
    if (!run) {
      step.err = run.error().message();
    } else {
      step.exit_code = run->exit_code;
      step.timed_out = run->timed_out;
      step.out = run->out;
      step.err = run->err;
      if (run->exit_code == 126 && !o_->ran) {
        o_->not_run_reason = "the runner could not prepare the runtime's environment";
      }
    }
    o_->steps.push_back(std::move(step));
    return o_->steps.back();
  }
  /// Forgets the last step (a poll that is repeated).
  void Discard() { o_->steps.pop_back(); }

 private:
  const SpecRunContext& context_;
  SpecObservation* o_;
};

/// Polls `state ID` until it prints `status` (at most five seconds); the last one is a step.
void StateUntil(StepRunner& runner, const std::string& name, const std::string& id,
                const std::string& status) {
  for (int attempt = 0; attempt < 50; ++attempt) {
    Step& step = runner.Run(name, {"state", id});
    rapidjson::Document d;
    d.Parse(step.out.c_str());
    bool done =
        step.exit_code != 0 || (d.IsObject() && d.HasMember("status") && d["status"].IsString() &&
                                status == d["status"].GetString());
    if (done || attempt == 49 || TerminationSignals::Pending()) return;
    runner.Discard();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

SpecObservation ObserveSpecScenario(const SpecScenario& s, const SpecRunContext& context) {
  SpecObservation o;
  o.runner_mnt_ns = [] {
    char buffer[128];
    ssize_t n = readlink("/proc/self/ns/mnt", buffer, sizeof buffer);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  }();
  o.runner_oom_score_adj = "7";
  StepRunner runner(context, &o);
  if (s.mode == SpecScenario::Mode::kFeatures) {
    o.ran = true;
    runner.Run("features", {"features"});
    return o;
  }
  const PrivateDir& work = *context.work;
  BundlePaths paths;
  paths.bundle = work.path() + "/" + s.id;
  paths.helper = paths.bundle + "/rootfs/oci-lint-probe-helper";
  paths.hooks_log = paths.bundle + "/rootfs/oci-lint-hooks.log";
  paths.runner_pid = getpid();
  std::string config = ScenarioConfig(context.base, s, paths);
  Result<std::string> bundle = MakeBundle(work, s.id, context.helper, config);
  if (!bundle) {
    o.not_run_reason = bundle.error().message();
    return o;
  }
  UniqueFd bundle_fd(
      openat(work.fd(), s.id.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  UniqueFd rootfs(openat(bundle_fd.get(), "rootfs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (s.prepare) {
    if (Result<bool> prepared = s.prepare(rootfs.get()); !prepared) {
      o.not_run_reason = "cannot prepare the rootfs: " + prepared.error().message();
      return o;
    }
  }
  std::string id = ContainerId(getpid(), s.id);
  std::string log = paths.bundle + "/runtime.log";
  o.ran = true;
  if (s.mode == SpecScenario::Mode::kRun) {
    Step& run = runner.Run("run", {"--log", log, "run", "--bundle", paths.bundle, id});
    o.report = FindReport(run.out);
  } else {
    UniqueFd output(openat(bundle_fd.get(), "output.txt",
                           O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
    Step& create =
        runner.Run("create", {"--log", log, "create", "--bundle", paths.bundle, id}, output.get());
    create.out = ReadText(paths.bundle + "/output.txt");
    if (create.exit_code == 0 && !TerminationSignals::Pending()) {
      runner.Run("state after create", {"state", id});
      runner.Run("start", {"--log", log, "start", id});
      // The process prints its report first thing: give it a moment.
      for (int i = 0; i < 20 && !FindReport(ReadText(paths.bundle + "/output.txt")); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      runner.Run("state after start", {"state", id});
      runner.Run("delete while running", {"delete", id});
      runner.Run("state after delete while running", {"state", id});
      runner.Run("kill", {"kill", id, "KILL"});
      StateUntil(runner, "state after kill", id, "stopped");
      runner.Run("start again", {"start", id});
      runner.Run("delete", {"delete", id});
      runner.Run("state after delete", {"state", id});
    } else if (!TerminationSignals::Pending()) {
      runner.Run("state after create", {"state", id});
    }
    o.report = FindReport(ReadText(paths.bundle + "/output.txt"));
  }
  o.log = ReadText(log);
  o.hooks = ReadHooks(paths.hooks_log);
  CommandSetup cleanup = context.launcher->Setup();
  cleanup.interruptible = false;
  RunCommand(context.launcher->Command({"delete", "-f", id}), 10, 1 << 20, cleanup);
  return o;
}

}  // namespace ocilint::conformance
