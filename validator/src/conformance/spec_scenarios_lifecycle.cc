// The spec battery's scenarios for the lifecycle (runtime.md) and hooks (config.md): the order
// and namespace of every hook, what a failing poststart hook does, the state at each step of
// create/start/kill/delete, and the runtime's features document.

#include <rapidjson/pointer.h>

#include <algorithm>

#include "conformance/spec_judge.h"
#include "conformance/spec_scenarios.h"
#include "diag/document_kind.h"
#include "lint/linter.h"
#include "schema/schema.h"

namespace ocilint::conformance::spec {

namespace {

using Doc = rapidjson::Document;

constexpr const char* kHookTypes[] = {"prestart",       "createRuntime", "createContainer",
                                      "startContainer", "poststart",     "poststop"};

bool InContainerNamespace(std::string_view type) {
  return type == "createContainer" || type == "startContainer";
}

/// The schema and rule errors of a state or features document, one line each; nullopt when
/// there are none.
std::vector<std::string> DocumentErrors(const std::string& text, diag::DocumentKind kind) {
  static const auto config_schema = schema::SchemaSet::Embedded();
  if (!config_schema) return {"the embedded schema did not compile"};
  auto make = [](diag::DocumentKind k) {
    lint::LintOptions options;
    options.kind = k;
    return std::make_unique<lint::Linter>(config_schema.value(), options);
  };
  static const std::unique_ptr<lint::Linter> state = make(diag::DocumentKind::kState);
  static const std::unique_ptr<lint::Linter> features = make(diag::DocumentKind::kFeatures);
  const lint::Linter* linter = kind == diag::DocumentKind::kState ? state.get() : features.get();
  diag::FileReport report = linter->LintText(std::string(diag::DocumentKindName(kind)), text);
  std::vector<std::string> errors;
  for (const diag::Diagnostic& d : report.diagnostics) {
    if (d.severity != diag::Severity::kError) continue;
    errors.push_back(d.rule + " at " + (d.pointer.empty() ? "/" : d.pointer) + ": " + d.message);
  }
  return errors;
}

/// The hooks of `type` in the order they ran, with their position in the log.
std::vector<std::pair<size_t, const rapidjson::Value*>> HooksOf(const SpecObservation& o,
                                                                std::string_view type) {
  std::vector<std::pair<size_t, const rapidjson::Value*>> found;
  for (size_t i = 0; i < o.hooks.size(); ++i) {
    const rapidjson::Value* name = rapidjson::Pointer("/hook").Get(*o.hooks[i]);
    if (!name || !name->IsString()) continue;
    std::string_view n(name->GetString());
    if (n.substr(0, n.rfind('-')) == type) found.emplace_back(i, o.hooks[i].get());
  }
  return found;
}

std::string Member(const rapidjson::Value& object, const char* key) {
  auto it = object.FindMember(key);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

SpecScenario Hooks() {
  SpecScenario s;
  s.id = "hooks";
  s.title = "Every hook type: namespace, order and state";
  s.description =
      "Two hooks of each type (prestart, createRuntime, createContainer, startContainer, "
      "poststart, poststop), each the probe helper appending its name, mount namespace and "
      "standard input to a log.";
  s.args = {"sleep", "1"};
  s.edit = [](Doc& doc, const BundlePaths& paths) {
    doc.RemoveMember("hooks");
    for (const char* type : kHookTypes) {
      bool inside = std::string_view(type) == "startContainer";
      const std::string& path = inside ? std::string("/oci-lint-probe-helper") : paths.helper;
      const std::string& log = inside ? paths.hooks_log_in_container : paths.hooks_log;
      for (int n = 1; n <= 2; ++n) {
        rapidjson::Value hook(rapidjson::kObjectType);
        auto& a = doc.GetAllocator();
        hook.AddMember("path", rapidjson::Value(path.c_str(), a), a);
        rapidjson::Value args(rapidjson::kArrayType);
        std::string name = std::string(type) + "-" + std::to_string(n);
        for (const std::string& arg :
             {std::string("oci-lint-probe-helper"), std::string("hook"), name, log}) {
          args.PushBack(rapidjson::Value(arg.c_str(), a), a);
        }
        hook.AddMember("args", args, a);
        Append(doc, (std::string("/hooks/") + type).c_str(), std::move(hook));
      }
    }
  };
  s.judge = [](const SpecObservation& o) {
    std::vector<Requirement> reqs;
    std::string container_mnt = Reported(o, "/ns/mnt").value_or("");
    const char* ns_ids[] = {"config/posix-platform-hooks/6",  "config/posix-platform-hooks/11",
                            "config/posix-platform-hooks/13", "config/posix-platform-hooks/15",
                            "config/posix-platform-hooks/17", "config/posix-platform-hooks/19"};
    for (size_t t = 0; t < 6; ++t) {
      std::string_view type = kHookTypes[t];
      Requirement r = SpecRequirement(ns_ids[t], "", "", "config.md, POSIX-platform Hooks");
      if (!NeedReport(o, r)) {
        reqs.push_back(r);
        continue;
      }
      r.evidence = {"the container's mount namespace: " + container_mnt};
      auto hooks = HooksOf(o, type);
      bool ok = !hooks.empty();
      for (const auto& [index, hook] : hooks) {
        std::string mnt = Member(*hook, "mnt");
        bool same = mnt == container_mnt;
        ok &= InContainerNamespace(type) == same;
        r.evidence.push_back(Member(*hook, "hook") + " ran in " + mnt);
      }
      std::string where = InContainerNamespace(type) ? "the container's" : "the runtime's";
      if (hooks.empty()) {
        r.verdict = Verdict::kFail;
        r.summary = "no " + std::string(type) + " hook ran";
      } else {
        SetVerdict(r, ok, "every " + std::string(type) + " hook ran in " + where + " namespace",
                   "a " + std::string(type) + " hook did not run in " + where + " namespace");
      }
      reqs.push_back(r);
    }

    Requirement order = SpecRequirement("config/posix-platform-hooks/20", "", "",
                                        "config.md, POSIX-platform Hooks");
    if (NeedReport(o, order)) {
      order.evidence.clear();
      std::string sequence;
      for (const auto& hook : o.hooks)
        sequence += (sequence.empty() ? "" : ", ") + Member(*hook, "hook");
      order.evidence.push_back("hooks in the order they ran: " + sequence);
      bool ok = true;
      for (const char* type : kHookTypes) {
        auto hooks = HooksOf(o, type);
        for (size_t i = 0; i + 1 < hooks.size(); ++i) {
          ok &= Member(*hooks[i].second, "hook") < Member(*hooks[i + 1].second, "hook");
        }
      }
      SetVerdict(order, ok, "the hooks of each type ran in the listed order",
                 "hooks of one type ran out of the listed order");
      reqs.push_back(order);
    } else {
      reqs.push_back(order);
    }

    auto before = [&](const char* id, const char* source, std::string_view first,
                      std::string_view then) {
      Requirement r = SpecRequirement(id, "", "", source);
      if (!NeedReport(o, r)) return r;
      auto a = HooksOf(o, first), b = HooksOf(o, then);
      if (a.empty() || b.empty()) {
        r.verdict = Verdict::kFail;
        r.summary = "the " + std::string(a.empty() ? first : then) + " hooks did not run";
        return r;
      }
      r.evidence = {std::string(first) + " last at position " + std::to_string(a.back().first + 1) +
                    ", " + std::string(then) + " first at " + std::to_string(b.front().first + 1)};
      SetVerdict(r, a.back().first < b.front().first,
                 std::string(first) + " hooks ran before " + std::string(then) + " hooks",
                 std::string(then) + " hooks ran before a " + std::string(first) + " hook");
      return r;
    };
    reqs.push_back(before("config/prestart/2", "config.md, Prestart", "prestart", "createRuntime"));
    reqs.push_back(before("config/createcontainer-hooks/2", "config.md, CreateContainer Hooks",
                          "createRuntime", "createContainer"));

    Requirement after_exec = SpecRequirement("config/poststart/1", "", "", "config.md, Poststart");
    if (NeedReport(o, after_exec)) {
      auto hooks = HooksOf(o, "poststart");
      std::string comm = hooks.empty() ? "" : Member(*hooks.front().second, "comm");
      std::string status;
      if (!hooks.empty()) {
        Doc state;
        state.Parse(Member(*hooks.front().second, "stdin").c_str());
        if (state.IsObject()) status = Member(state, "status");
      }
      after_exec.evidence = {"the first poststart hook got status \"" + status +
                             "\"; the state's pid was running \"" +
                             (comm.empty() ? std::string("(gone or unreadable)") : comm) +
                             "\" (the program's command name is \"oci-lint-probe-\")"};
      std::string sequence;
      for (const auto& hook : o.hooks) {
        sequence += (sequence.empty() ? "" : ", ") + Member(*hook, "hook");
      }
      after_exec.evidence.push_back("hooks in the order they ran: " + sequence);
      if (hooks.empty()) {
        after_exec.verdict = Verdict::kFail;
        after_exec.summary = "no poststart hook ran";
      } else {
        auto start = HooksOf(o, "startContainer");
        bool after_start = start.empty() || start.back().first < hooks.front().first;
        SetVerdict(after_exec, comm == "oci-lint-probe-" && after_start,
                   "the container process had executed the user-specified program",
                   after_start ? "the container process had not executed the user-specified "
                                 "program yet"
                               : "the poststart hooks ran before the startContainer hooks, so "
                                 "before the user-specified program was executed");
      }
    }
    reqs.push_back(after_exec);

    Requirement stdin_state = SpecRequirement("config/posix-platform-hooks/21", "", "",
                                              "config.md, POSIX-platform Hooks");
    if (NeedReport(o, stdin_state)) {
      stdin_state.evidence.clear();
      bool ok = !o.hooks.empty();
      for (const auto& hook : o.hooks) {
        std::string state = Member(*hook, "stdin");
        std::vector<std::string> errors = state.empty()
                                              ? std::vector<std::string>{"nothing on stdin"}
                                              : DocumentErrors(state, diag::DocumentKind::kState);
        ok &= errors.empty();
        stdin_state.evidence.push_back(Member(*hook, "hook") + ": " +
                                       (errors.empty() ? "a valid state, status " +
                                                             [&] {
                                                               Doc d;
                                                               d.Parse(state.c_str());
                                                               return d.IsObject()
                                                                          ? Member(d, "status")
                                                                          : std::string();
                                                             }()
                                                       : errors.front()));
      }
      SetVerdict(stdin_state, ok, "every hook read a valid state on its standard input",
                 "a hook did not get a valid state on its standard input");
    }
    reqs.push_back(stdin_state);
    return reqs;
  };
  return s;
}

/// Lines of the state documents the lifecycle steps printed, judged against the state schema.
Requirement StatusAfter(const SpecObservation& o, const char* step, const char* want,
                        Requirement r) {
  r.evidence = StepEvidence(o);
  if (!o.ran) {
    r.verdict = Verdict::kSkip;
    r.summary = o.not_run_reason;
    return r;
  }
  const Step* state = o.FindStep(step);
  if (!state) {
    r.verdict = Verdict::kFail;
    r.summary = std::string("the lifecycle stopped before \"") + step + "\"";
    return r;
  }
  Doc d;
  d.Parse(state->out.c_str());
  std::string status = d.IsObject() ? Member(d, "status") : "";
  r.evidence = {state->command, "  exit status " + std::to_string(state->exit_code) +
                                    ", status \"" + status + "\""};
  if (std::string(want).empty()) {
    SetVerdict(r, state->exit_code != 0, "the runtime generated an error",
               "the runtime answered for a container that no longer exists");
  } else {
    SetVerdict(r, state->exit_code == 0 && status == want, std::string("the status is ") + want,
               "the status is \"" + status + "\", not " + want);
  }
  return r;
}

SpecScenario StateLifecycle() {
  SpecScenario s;
  s.id = "state-lifecycle";
  s.title = "state through create, start, kill and delete";
  s.description =
      "create, state, start, state, delete while running, kill KILL, state, start again, "
      "delete, state; the process sleeps 30 s.";
  s.mode = SpecScenario::Mode::kLifecycle;
  s.args = {"sleep", "30"};
  s.judge = [](const SpecObservation& o) {
    std::vector<Requirement> reqs;
    Requirement valid = SpecRequirement("runtime/state/10", "", "", "runtime.md, State");
    valid.evidence.clear();
    bool any = false, ok = true;
    for (const Step& step : o.steps) {
      if (step.name.rfind("state after", 0) != 0 || step.exit_code != 0) continue;
      any = true;
      std::vector<std::string> errors = DocumentErrors(step.out, diag::DocumentKind::kState);
      ok &= errors.empty();
      valid.evidence.push_back(step.name + ": " + (errors.empty() ? "valid" : errors.front()));
    }
    if (!o.ran) {
      valid.verdict = Verdict::kSkip;
      valid.summary = o.not_run_reason;
    } else if (!any) {
      valid.verdict = Verdict::kFail;
      valid.summary = "the runtime printed no state";
    } else {
      SetVerdict(valid, ok, "every state document is valid against the state schema",
                 "a state document is not valid against the state schema");
    }
    reqs.push_back(valid);
    reqs.push_back(StatusAfter(o, "state after create", "created",
                               SpecRequirement("runtime/create/3", "", "", "runtime.md, Create")));
    {
      Requirement not_yet = SpecRequirement("runtime/create/5", "", "", "runtime.md, Create");
      const Step* create = o.FindStep("create");
      const Step* started = o.FindStep("start");
      if (!o.ran || !create) {
        not_yet.verdict = Verdict::kSkip;
        not_yet.summary = o.not_run_reason;
      } else {
        bool early = create->out.find("\"CapEff\"") != std::string::npos;
        not_yet.evidence = {
            "output of the container after create: " +
            (create->out.empty() ? std::string("(none)") : create->out.substr(0, 200))};
        SetVerdict(not_yet, !early, "the process did not run before start",
                   "the process ran before start");
        if (started && !o.report) {
          not_yet.evidence.push_back("the process did not report after start either");
        }
      }
      reqs.push_back(not_yet);
    }
    reqs.push_back(StatusAfter(o, "state after start", "running",
                               SpecRequirement("runtime/start/3", "", "", "runtime.md, Start")));
    {
      Requirement busy = SpecRequirement("runtime/delete/2", "", "", "runtime.md, Delete");
      const Step* del = o.FindStep("delete while running");
      const Step* after = o.FindStep("state after delete while running");
      if (!o.ran || !del || !after) {
        busy.verdict = Verdict::kSkip;
        busy.summary = o.ran ? "the container did not reach running" : o.not_run_reason;
      } else {
        Doc d;
        d.Parse(after->out.c_str());
        std::string status = d.IsObject() ? Member(d, "status") : "";
        busy.evidence = {del->command, "  exit status " + std::to_string(del->exit_code),
                         after->command, "  status \"" + status + "\""};
        SetVerdict(busy, del->exit_code != 0 && status == "running",
                   "delete failed and the container kept running",
                   del->exit_code == 0 ? "delete of a running container succeeded"
                                       : "the container did not keep running");
      }
      reqs.push_back(busy);
    }
    reqs.push_back(StatusAfter(o, "state after kill", "stopped",
                               SpecRequirement("runtime/kill/3", "", "", "runtime.md, Kill")));
    {
      Requirement again = SpecRequirement("runtime/start/2", "", "", "runtime.md, Start");
      const Step* step = o.FindStep("start again");
      if (!o.ran || !step) {
        again.verdict = Verdict::kSkip;
        again.summary = o.ran ? "the container did not stop" : o.not_run_reason;
      } else {
        again.evidence = {step->command, "  exit status " + std::to_string(step->exit_code)};
        SetVerdict(again, step->exit_code != 0, "start of a stopped container failed",
                   "start of a stopped container succeeded");
      }
      reqs.push_back(again);
    }
    reqs.push_back(
        StatusAfter(o, "state after delete", "",
                    SpecRequirement("runtime/query-state/2", "", "", "runtime.md, Query State")));
    return reqs;
  };
  return s;
}

SpecScenario PoststartFailure() {
  SpecScenario s;
  s.id = "poststart-failure";
  s.title = "A failing poststart hook";
  s.description =
      "One poststart hook that exits 1; the process sleeps 30 s. Since runtime-spec 1.3.0 the "
      "runtime must generate an error and stop the container.";
  s.mode = SpecScenario::Mode::kLifecycle;
  s.args = {"sleep", "30"};
  s.edit = [](Doc& doc, const BundlePaths& paths) {
    doc.RemoveMember("hooks");
    std::string hook = R"({"path": ")" + paths.helper +
                       R"(", "args": ["oci-lint-probe-helper", "hook", "poststart-1", ")" +
                       paths.hooks_log + R"(", "fail"]})";
    Append(doc, "/hooks/poststart", Parse(doc, hook.c_str()));
  };
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement("runtime/lifecycle/15", "", "", "runtime.md, Lifecycle");
    r.evidence = StepEvidence(o);
    const Step* create = o.FindStep("create");
    const Step* start = o.FindStep("start");
    const Step* state = o.FindStep(start ? "state after start" : "state after create");
    if (!o.ran || !create || !state) {
      r.verdict = Verdict::kSkip;
      r.summary =
          o.not_run_reason.empty() ? "the lifecycle did not get that far" : o.not_run_reason;
      return std::vector<Requirement>{r};
    }
    bool hook_ran = !o.hooks.empty();
    Doc d;
    d.Parse(state->out.c_str());
    std::string status = d.IsObject() ? Member(d, "status") : "";
    bool failed = create->exit_code != 0 || (start && start->exit_code != 0);
    bool stopped = state->exit_code != 0 || status == "stopped";
    r.evidence.push_back(std::string("the failing hook ") + (hook_ran ? "ran" : "did not run") +
                         (create->exit_code != 0 && hook_ran ? ", during create" : ""));
    if (!hook_ran) {
      r.verdict = Verdict::kFail;
      r.summary = "the poststart hook did not run";
    } else {
      SetVerdict(
          r, failed && stopped,
          std::string("the runtime generated an error and the container is ") +
              (state->exit_code != 0 ? "gone" : "stopped") +
              (create->exit_code != 0 ? " (the hook ran during create)" : ""),
          std::string(failed ? "the runtime generated an error" : "the operation succeeded") +
              (stopped ? "" : " and the container is still " + status));
    }
    return std::vector<Requirement>{r};
  };
  return s;
}

SpecScenario Features() {
  SpecScenario s;
  s.id = "features";
  s.title = "The features document";
  s.description =
      "`features`, when the runtime has it: valid against the features schema, and the hooks "
      "it lists are those the hooks scenario saw run.";
  s.mode = SpecScenario::Mode::kFeatures;
  s.judge = [](const SpecObservation& o) {
    std::vector<Requirement> reqs;
    Requirement valid = SpecRequirement(
        "features/features-structure", "MUST",
        "The Features structure MUST NOT contain properties that are not defined in this "
        "version of the Open Container Initiative Runtime Specification.",
        "features.md, Features structure");
    Requirement hooks = SpecRequirement(
        "features/features-structure", "MUST",
        "[hooks] The runtime MUST support the elements in this array as the hooks property of "
        "config.json.",
        "features.md, Features structure");
    const Step* step = o.FindStep("features");
    if (!o.ran || !step || step->exit_code != 0) {
      std::string why = !o.ran || !step ? o.not_run_reason
                                        : "the runtime has no features subcommand (exit status " +
                                              std::to_string(step->exit_code) + ")";
      for (Requirement* r : {&valid, &hooks}) {
        r->verdict = Verdict::kSkip;
        r->summary = why;
        r->evidence = StepEvidence(o);
      }
      return std::vector<Requirement>{valid, hooks};
    }
    std::vector<std::string> errors = DocumentErrors(step->out, diag::DocumentKind::kFeatures);
    valid.evidence = {step->command};
    for (const std::string& e : errors) valid.evidence.push_back(e);
    SetVerdict(valid, errors.empty(), "the document is valid against the features schema",
               "the document is not valid against the features schema");
    Doc d;
    d.Parse(step->out.c_str());
    const rapidjson::Value* listed = d.IsObject() ? rapidjson::Pointer("/hooks").Get(d) : nullptr;
    const SpecObservation* run = o.hooks_run;
    if (!listed || !listed->IsArray()) {
      hooks.verdict = Verdict::kSkip;
      hooks.summary = "the document lists no hooks";
    } else if (!run || !run->report) {
      hooks.verdict = Verdict::kSkip;
      hooks.summary = "the hooks scenario did not run, so there is nothing to compare with";
    } else {
      bool ok = true;
      for (const auto& name : listed->GetArray()) {
        if (!name.IsString()) continue;
        bool ran = !HooksOf(*run, name.GetString()).empty();
        ok &= ran;
        hooks.evidence.push_back(std::string(name.GetString()) + ": listed, " +
                                 (ran ? "ran in the hooks scenario" : "did not run"));
      }
      SetVerdict(hooks, ok, "every hook type the document lists ran",
                 "a hook type the document lists did not run");
    }
    return std::vector<Requirement>{valid, hooks};
  };
  return s;
}

}  // namespace

std::vector<SpecScenario> LifecycleScenarios() {
  return {Hooks(), PoststartFailure(), StateLifecycle(), Features()};
}

}  // namespace ocilint::conformance::spec
