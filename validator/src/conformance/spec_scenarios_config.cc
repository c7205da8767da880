// The spec battery's scenarios for what config.md and config-linux.md ask of a runtime when it
// creates the container: the errors it MUST generate, and the settings it MUST apply, each seen
// from inside the container by the probe helper.

#include <rapidjson/pointer.h>

#include "conformance/spec_judge.h"
#include "conformance/spec_scenarios.h"

namespace ocilint::conformance::spec {

namespace {

using Doc = rapidjson::Document;

constexpr const char* kNamespaces = "config-linux.md, Namespaces";

/// Removes the namespace entries of `type`, then appends `entry`.
void ReplaceNamespace(Doc& doc, const char* type, const char* entry) {
  rapidjson::Value* list = rapidjson::Pointer("/linux/namespaces").Get(doc);
  if (list && list->IsArray()) {
    for (auto it = list->Begin(); it != list->End();) {
      const rapidjson::Value& t = (*it)["type"];
      if (it->IsObject() && t.IsString() && std::string(t.GetString()) == type) {
        it = list->Erase(it);
      } else {
        ++it;
      }
    }
  }
  Append(doc, "/linux/namespaces", Parse(doc, entry));
}

std::vector<Requirement> One(Requirement r) {
  return {std::move(r)};
}

SpecScenario NsDuplicate() {
  SpecScenario s;
  s.id = "ns-duplicate";
  s.title = "Two namespaces of the same type";
  s.description = "linux.namespaces lists the uts namespace twice.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    ReplaceNamespace(doc, "uts", R"({"type": "uts"})");
    Append(doc, "/linux/namespaces", Parse(doc, R"({"type": "uts"})"));
  };
  s.judge = [](const SpecObservation& o) {
    return One(Refused(o, SpecRequirement("config-linux/namespaces/8", "MUST", "", kNamespaces)));
  };
  return s;
}

SpecScenario NsPathWrongType() {
  SpecScenario s;
  s.id = "ns-path-wrong-type";
  s.title = "A namespace path of another type";
  s.description =
      "The network namespace entry's path is the runner's UTS namespace (/proc/PID/ns/uts).";
  s.edit = [](Doc& doc, const BundlePaths& paths) {
    std::string entry = R"({"type": "network", "path": "/proc/)" +
                        std::to_string(paths.runner_pid) + R"(/ns/uts"})";
    ReplaceNamespace(doc, "network", entry.c_str());
  };
  s.judge = [](const SpecObservation& o) {
    return One(Refused(o, SpecRequirement("config-linux/namespaces/5", "MUST", "", kNamespaces)));
  };
  return s;
}

SpecScenario DevicePathConflict() {
  SpecScenario s;
  s.id = "device-path-conflict";
  s.title = "A device whose path holds a different file";
  s.description =
      "linux.devices asks for the character device 1:3 at /oci-lint-device, where the rootfs "
      "has a regular file.";
  s.prepare = [](int rootfs) { return MakeFile(rootfs, "oci-lint-device", "not a device\n"); };
  s.edit = [](Doc& doc, const BundlePaths&) {
    Append(doc, "/linux/devices",
           Parse(doc, R"({"path": "/oci-lint-device", "type": "c", "major": 1, "minor": 3,
                          "fileMode": 438, "uid": 0, "gid": 0})"));
  };
  s.args = {"report", "stat:/oci-lint-device"};
  s.judge = [](const SpecObservation& o) {
    Requirement r = Refused(
        o, SpecRequirement("config-linux/devices/4", "MUST", "", "config-linux.md, Devices"));
    if (auto seen = Reported(o, "/checks/stat:~1oci-lint-device")) {
      r.evidence.push_back("inside the container, /oci-lint-device: " + *seen);
    }
    return One(r);
  };
  return s;
}

SpecScenario RlimitUnmappable() {
  SpecScenario s;
  s.id = "rlimit-unmappable";
  s.title = "An rlimit type no kernel interface maps";
  s.description = "process.rlimits has the type RLIMIT_OCI_LINT.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    Append(doc, "/process/rlimits",
           Parse(doc, R"({"type": "RLIMIT_OCI_LINT", "soft": 1, "hard": 1})"));
  };
  s.judge = [](const SpecObservation& o) {
    return One(Refused(
        o, SpecRequirement("config/posix-process/2", "MUST", "", "config.md, POSIX process")));
  };
  return s;
}

SpecScenario Hostname() {
  SpecScenario s;
  s.id = "hostname";
  s.title = "hostname in a new UTS namespace";
  s.description = "hostname is oci-lint-spec, with a new uts namespace.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    ReplaceNamespace(doc, "uts", R"({"type": "uts"})");
    Set(doc, "/hostname", rapidjson::Value("oci-lint-spec"));
  };
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement(
        "config/hostname", "FIELD",
        "hostname (string, OPTIONAL) specifies the container's hostname as seen by processes "
        "running inside the container.",
        "config.md, Hostname");
    return One(Compared(o, r, "the hostname", Reported(o, "/hostname"), "oci-lint-spec"));
  };
  return s;
}

SpecScenario User() {
  SpecScenario s;
  s.id = "user";
  s.title = "process.user: uid, gid, additionalGids and umask";
  s.description = "process.user is uid 1000, gid 1001, additionalGids [1002, 1003], umask 027.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/process/user",
        Parse(doc, R"({"uid": 1000, "gid": 1001, "additionalGids": [1002, 1003], "umask": 23})"));
  };
  s.judge = [](const SpecObservation& o) {
    const char* source = "config.md, POSIX-platform User";
    std::vector<Requirement> reqs;
    reqs.push_back(Compared(o, SpecRequirement("config/posix-platform-user/1", "", "", source),
                            "the uid", Reported(o, "/Uid"), "1000"));
    reqs.push_back(Compared(o, SpecRequirement("config/posix-platform-user/2", "", "", source),
                            "the gid", Reported(o, "/Gid"), "1001"));
    std::optional<std::string> groups = Reported(o, "/Groups");
    // The kernel lists the supplementary groups; the primary gid may be among them.
    if (groups && (*groups == "1001 1002 1003")) groups = "1002 1003";
    reqs.push_back(Compared(
        o,
        SpecRequirement("config/posix-platform-user", "FIELD",
                        "additionalGids (array of ints, OPTIONAL) specifies additional group IDs "
                        "in the container namespace to be added to the process.",
                        source),
        "the supplementary groups", groups, "1002 1003"));
    reqs.push_back(
        Compared(o,
                 SpecRequirement("config/posix-platform-user", "FIELD",
                                 "umask (int, OPTIONAL) specifies the umask of the user.", source),
                 "the umask", Reported(o, "/Umask"), "0027"));
    return reqs;
  };
  return s;
}

SpecScenario Cwd() {
  SpecScenario s;
  s.id = "cwd";
  s.title = "process.cwd";
  s.description = "process.cwd is /oci-lint-cwd, a directory of the rootfs.";
  s.prepare = [](int rootfs) { return MakeDirectory(rootfs, "oci-lint-cwd"); };
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/process/cwd", rapidjson::Value("/oci-lint-cwd"));
  };
  s.judge = [](const SpecObservation& o) {
    return One(Compared(o, SpecRequirement("config/process/5", "", "", "config.md, Process"),
                        "the working directory", Reported(o, "/cwd"), "/oci-lint-cwd"));
  };
  return s;
}

SpecScenario Env() {
  SpecScenario s;
  s.id = "env";
  s.title = "process.env";
  s.description =
      "process.env is PATH=/usr/bin:/bin, OCI_LINT_ONE=1 and OCI_LINT_TWO=a b=c, in that "
      "order.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/process/env",
        Parse(doc, R"(["PATH=/usr/bin:/bin", "OCI_LINT_ONE=1", "OCI_LINT_TWO=a b=c"])"));
  };
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement(
        "config/process", "FIELD",
        "env (array of strings, OPTIONAL) with the same semantics as IEEE Std 1003.1-2008's "
        "environ.",
        "config.md, Process");
    r.evidence = StepEvidence(o);
    if (!NeedReport(o, r)) return One(r);
    std::vector<std::string> seen;
    if (const auto* env = rapidjson::Pointer("/env").Get(*o.report); env && env->IsArray()) {
      for (const auto& e : env->GetArray()) {
        if (e.IsString()) seen.emplace_back(e.GetString());
      }
    }
    std::vector<std::string> missing;
    for (const char* want : {"PATH=/usr/bin:/bin", "OCI_LINT_ONE=1", "OCI_LINT_TWO=a b=c"}) {
      if (std::find(seen.begin(), seen.end(), want) == seen.end()) missing.push_back(want);
    }
    std::string list;
    for (const std::string& e : seen) list += (list.empty() ? "" : ", ") + e;
    r.evidence.push_back("environment seen: " + list);
    std::string absent;
    for (const std::string& m : missing) absent += (absent.empty() ? "" : ", ") + m;
    SetVerdict(r, missing.empty(), "every configured variable is in the environment",
               "missing from the environment: " + absent);
    return One(r);
  };
  return s;
}

SpecScenario NoNewPrivileges() {
  SpecScenario s;
  s.id = "no-new-privileges-flag";
  s.title = "process.noNewPrivileges";
  s.description = "process.noNewPrivileges is true.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/process/noNewPrivileges", rapidjson::Value(true));
  };
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement(
        "config/linux-process", "FIELD",
        "noNewPrivileges (bool, OPTIONAL) setting noNewPrivileges to true prevents the process "
        "from gaining additional privileges.",
        "config.md, Linux Process");
    return One(Compared(o, r, "no_new_privs", Reported(o, "/NoNewPrivs"), "1"));
  };
  return s;
}

SpecScenario RootReadonly() {
  SpecScenario s;
  s.id = "root-readonly";
  s.title = "root.readonly";
  s.description = "root.readonly is true; the process tries to create /oci-lint-write.";
  s.args = {"report", "write:/oci-lint-write"};
  s.edit = [](Doc& doc, const BundlePaths&) { Set(doc, "/root/readonly", rapidjson::Value(true)); };
  s.judge = [](const SpecObservation& o) {
    return One(Compared(o, SpecRequirement("config/root/8", "", "", "config.md, Root"),
                        "creating /oci-lint-write", Reported(o, "/checks/write:~1oci-lint-write"),
                        "errno:EROFS"));
  };
  return s;
}

SpecScenario MaskedPaths() {
  SpecScenario s;
  s.id = "masked-paths";
  s.title = "linux.maskedPaths";
  s.description =
      "linux.maskedPaths lists the file /oci-lint-masked-file and the directory "
      "/oci-lint-masked-dir (holding the file inner), both of the rootfs.";
  s.prepare = [](int rootfs) -> Result<bool> {
    if (auto made = MakeFile(rootfs, "oci-lint-masked-file", "secret\n"); !made) return made;
    if (auto made = MakeDirectory(rootfs, "oci-lint-masked-dir"); !made) return made;
    return MakeFile(rootfs, "oci-lint-masked-dir/inner", "secret\n");
  };
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/linux/maskedPaths",
        Parse(doc, R"(["/oci-lint-masked-file", "/oci-lint-masked-dir"])"));
  };
  s.args = {"report", "read:/oci-lint-masked-file", "read:/oci-lint-masked-dir/inner"};
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement(
        "config-linux/masked-paths", "FIELD",
        "maskedPaths (array of strings, OPTIONAL) will mask over the provided paths inside the "
        "container so that they cannot be read.",
        "config-linux.md, Masked Paths");
    r.evidence = StepEvidence(o);
    if (!NeedReport(o, r)) return One(r);
    std::string file = Reported(o, "/checks/read:~1oci-lint-masked-file").value_or("nothing");
    std::string inner = Reported(o, "/checks/read:~1oci-lint-masked-dir~1inner").value_or("");
    r.evidence.push_back("reading /oci-lint-masked-file: " + file);
    r.evidence.push_back("reading /oci-lint-masked-dir/inner: " + inner);
    bool hidden =
        file.find("secret") == std::string::npos && inner.find("secret") == std::string::npos;
    SetVerdict(r, hidden, "neither masked path can be read",
               "the content of a masked path can be read");
    return One(r);
  };
  return s;
}

SpecScenario ReadonlyPaths() {
  SpecScenario s;
  s.id = "readonly-paths";
  s.title = "linux.readonlyPaths";
  s.description =
      "linux.readonlyPaths lists /oci-lint-ro (a directory of a writable rootfs); the process "
      "tries to create a file in it and one in /.";
  s.prepare = [](int rootfs) { return MakeDirectory(rootfs, "oci-lint-ro"); };
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/linux/readonlyPaths", Parse(doc, R"(["/oci-lint-ro"])"));
  };
  s.args = {"report", "write:/oci-lint-ro/file", "write:/oci-lint-rw"};
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement(
        "config-linux/readonly-paths", "FIELD",
        "readonlyPaths (array of strings, OPTIONAL) will set the provided paths as readonly "
        "inside the container.",
        "config-linux.md, Readonly Paths");
    r = Compared(o, r, "creating /oci-lint-ro/file",
                 Reported(o, "/checks/write:~1oci-lint-ro~1file"), "errno:EROFS");
    if (auto rw = Reported(o, "/checks/write:~1oci-lint-rw")) {
      r.evidence.push_back("creating /oci-lint-rw (outside the read-only path): " + *rw);
    }
    return One(r);
  };
  return s;
}

SpecScenario Sysctl() {
  SpecScenario s;
  s.id = "sysctl";
  s.title = "linux.sysctl";
  s.description = "linux.sysctl sets kernel.msgmax (IPC namespace) to 12345.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    ReplaceNamespace(doc, "ipc", R"({"type": "ipc"})");
    Set(doc, "/linux/sysctl", Parse(doc, R"({"kernel.msgmax": "12345"})"));
  };
  s.args = {"report", "read:/proc/sys/kernel/msgmax"};
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement(
        "config-linux/sysctl", "FIELD",
        "sysctl (object, OPTIONAL) allows kernel parameters to be modified at runtime for the "
        "container.",
        "config-linux.md, Sysctl");
    return One(Compared(o, r, "kernel.msgmax",
                        Reported(o, "/checks/read:~1proc~1sys~1kernel~1msgmax"), "ok:12345"));
  };
  return s;
}

SpecScenario MountsOrder() {
  SpecScenario s;
  s.id = "mounts-order";
  s.title = "mounts in the listed order";
  s.description =
      "Bind mounts of the rootfs's directories a and b (each with a file marker) on "
      "/oci-lint-order, a then b; then a on /oci-lint-nest and b on /oci-lint-nest/inner. In "
      "the listed order /oci-lint-order/marker and /oci-lint-nest/inner/marker are b's.";
  s.prepare = [](int rootfs) -> Result<bool> {
    for (const char* dir :
         {"oci-lint-a", "oci-lint-a/inner", "oci-lint-b", "oci-lint-order", "oci-lint-nest"}) {
      if (auto made = MakeDirectory(rootfs, dir); !made) return made;
    }
    if (auto made = MakeFile(rootfs, "oci-lint-a/marker", "a\n"); !made) return made;
    if (auto made = MakeFile(rootfs, "oci-lint-a/inner/marker", "a/inner\n"); !made) return made;
    return MakeFile(rootfs, "oci-lint-b/marker", "b\n");
  };
  s.edit = [](Doc& doc, const BundlePaths& paths) {
    std::string a = paths.bundle + "/rootfs/oci-lint-a", b = paths.bundle + "/rootfs/oci-lint-b";
    for (const auto& [source, destination] :
         {std::pair{a, "/oci-lint-order"}, std::pair{b, "/oci-lint-order"},
          std::pair{a, "/oci-lint-nest"}, std::pair{b, "/oci-lint-nest/inner"}}) {
      std::string mount = R"({"destination": ")" + std::string(destination) +
                          R"(", "type": "bind", "source": ")" + source +
                          R"(", "options": ["bind"]})";
      Append(doc, "/mounts", Parse(doc, mount.c_str()));
    }
  };
  s.args = {"report", "read:/oci-lint-order/marker", "read:/oci-lint-nest/inner/marker"};
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement("config/mounts/1", "", "", "config.md, Mounts");
    r.evidence = StepEvidence(o);
    if (!NeedReport(o, r)) return One(r);
    std::string order = Reported(o, "/checks/read:~1oci-lint-order~1marker").value_or("nothing");
    std::string inner =
        Reported(o, "/checks/read:~1oci-lint-nest~1inner~1marker").value_or("nothing");
    r.evidence.push_back("/oci-lint-order/marker: " + order + " (in order: ok:b)");
    r.evidence.push_back("/oci-lint-nest/inner/marker: " + inner + " (in order: ok:b)");
    SetVerdict(r, order == "ok:b" && inner == "ok:b",
               "the later mounts are on top of the earlier ones",
               "what the process sees does not follow the listed order");
    return One(r);
  };
  return s;
}

SpecScenario OomScoreAdj() {
  SpecScenario s;
  s.id = "oom-score-adj";
  s.title = "process.oomScoreAdj set";
  s.description = "process.oomScoreAdj is 123.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/process/oomScoreAdj", rapidjson::Value(123));
  };
  s.judge = [](const SpecObservation& o) {
    return One(
        Compared(o, SpecRequirement("config/linux-process/3", "", "", "config.md, Linux Process"),
                 "oom_score_adj", Reported(o, "/oomScoreAdj"), "123"));
  };
  return s;
}

SpecScenario OomScoreAdjUnset() {
  SpecScenario s;
  s.id = "oom-score-adj-unset";
  s.title = "process.oomScoreAdj unset";
  s.description =
      "process.oomScoreAdj is absent; the runtime is started with oom_score_adj 7, which the "
      "process must inherit.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    if (doc.HasMember("process") && doc["process"].IsObject()) {
      doc["process"].RemoveMember("oomScoreAdj");
    }
  };
  s.judge = [](const SpecObservation& o) {
    Requirement r = SpecRequirement("config/linux-process/4", "", "", "config.md, Linux Process");
    r = Compared(o, r, "oom_score_adj", Reported(o, "/oomScoreAdj"), o.runner_oom_score_adj);
    return One(r);
  };
  return s;
}

SpecScenario Rlimits() {
  SpecScenario s;
  s.id = "rlimits";
  s.title = "process.rlimits";
  s.description =
      "process.rlimits: RLIMIT_NOFILE 123/456, RLIMIT_CORE 0/0, RLIMIT_MSGQUEUE 4096/8192.";
  s.edit = [](Doc& doc, const BundlePaths&) {
    Set(doc, "/process/rlimits", Parse(doc, R"([
          {"type": "RLIMIT_NOFILE", "soft": 123, "hard": 456},
          {"type": "RLIMIT_CORE", "soft": 0, "hard": 0},
          {"type": "RLIMIT_MSGQUEUE", "soft": 4096, "hard": 8192}])"));
  };
  s.judge = [](const SpecObservation& o) {
    const char* source = "config.md, POSIX process";
    struct Want {
      const char* type;
      uint64_t soft, hard;
    };
    const Want wants[] = {
        {"RLIMIT_NOFILE", 123, 456}, {"RLIMIT_CORE", 0, 0}, {"RLIMIT_MSGQUEUE", 4096, 8192}};
    std::vector<Requirement> reqs;
    for (const char* id :
         {"config/posix-process/3", "config/posix-process/5", "config/posix-process/7"}) {
      Requirement r = SpecRequirement(id, "", "", source);
      if (!NeedReport(o, r)) {
        reqs.push_back(r);
        continue;
      }
      bool ok = true;
      for (const Want& want : wants) {
        const rapidjson::Value* seen =
            rapidjson::Pointer(("/rlimits/" + std::string(want.type)).c_str()).Get(*o.report);
        bool have = seen && seen->IsArray() && seen->Size() == 2 && (*seen)[0].IsUint64() &&
                    (*seen)[1].IsUint64();
        std::string line = std::string(want.type) + ": ";
        if (!have) {
          line += "getrlimit failed";
          ok = false;
        } else {
          uint64_t soft = (*seen)[0].GetUint64(), hard = (*seen)[1].GetUint64();
          line += "soft " + std::to_string(soft) + ", hard " + std::to_string(hard) +
                  " (configured " + std::to_string(want.soft) + "/" + std::to_string(want.hard) +
                  ")";
          if (std::string(id) == "config/posix-process/5") ok &= soft == want.soft;
          if (std::string(id) == "config/posix-process/7") ok &= hard == want.hard;
        }
        r.evidence.push_back(line);
      }
      SetVerdict(r, ok, "every configured rlimit is as the sentence requires",
                 "an rlimit is not as configured");
      reqs.push_back(r);
    }
    return reqs;
  };
  return s;
}

}  // namespace

std::vector<SpecScenario> ConfigScenarios() {
  return {NsDuplicate(),
          NsPathWrongType(),
          DevicePathConflict(),
          RlimitUnmappable(),
          Hostname(),
          User(),
          Cwd(),
          Env(),
          NoNewPrivileges(),
          RootReadonly(),
          MaskedPaths(),
          ReadonlyPaths(),
          Sysctl(),
          MountsOrder(),
          OomScoreAdj(),
          OomScoreAdjUnset(),
          Rlimits()};
}

}  // namespace ocilint::conformance::spec
