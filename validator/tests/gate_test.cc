// oci-lint-runtime (docs/runtime-gate.md): its command line, settings, log lines, the adapt
// rewrite, the enforce decision, and a live run of runc through it as root.

#include "gate/gate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "caps/table.h"
#include "gate/answer_cache.h"
#include "gate/argv.h"
#include "json/parser.h"
#include "test_util.h"

namespace ocilint {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

gate::ParsedArgs Parse(const std::vector<std::string>& args) {
  gate::ParsedArgs parsed;
  EXPECT_EQ(gate::ParseArgs(args, &parsed), "");
  return parsed;
}

TEST(GateArgs, OwnFlagsAreRemovedInBothSpellings) {
  gate::ParsedArgs p =
      Parse({"--oci-lint-runtime", "/usr/sbin/runc", "--root", "/run/x", "--oci-lint-policy=adapt",
             "--log=/l", "--oci-lint-config", "/c.toml", "create", "--bundle", "/b", "id"});
  EXPECT_EQ(p.own.runtime, "/usr/sbin/runc");
  EXPECT_EQ(p.own.policy, "adapt");
  EXPECT_EQ(p.own.config, "/c.toml");
  EXPECT_THAT(p.runtime_args,
              ElementsAre("--root", "/run/x", "--log=/l", "create", "--bundle", "/b", "id"));
  EXPECT_EQ(p.subcommand, "create");
  EXPECT_EQ(p.subcommand_index, 3u);
  EXPECT_EQ(p.log_file, "/l");
  EXPECT_EQ(p.bundle, "/b");
  EXPECT_EQ(p.container_id, "id");
}

TEST(GateArgs, RuncGlobalFlagsAndUnknownFlagsAreKept) {
  gate::ParsedArgs p =
      Parse({"--debug", "--log", "/var/log/x", "--log-format", "json", "--systemd-cgroup",
             "--criu=/c", "--rootless", "auto", "--unknown-flag", "--other=1", "-x", "run", "-b",
             "bundle", "--detach", "ctr"});
  EXPECT_THAT(p.runtime_args,
              ElementsAre("--debug", "--log", "/var/log/x", "--log-format", "json",
                          "--systemd-cgroup", "--criu=/c", "--rootless", "auto", "--unknown-flag",
                          "--other=1", "-x", "run", "-b", "bundle", "--detach", "ctr"));
  EXPECT_EQ(p.subcommand, "run");
  EXPECT_EQ(p.log_file, "/var/log/x");
  EXPECT_EQ(p.log_format, "json");
  EXPECT_EQ(p.bundle, "bundle");
  EXPECT_EQ(p.container_id, "ctr");
  EXPECT_FALSE(p.own.policy.has_value());
}

TEST(GateArgs, CrunLogDestinations) {
  gate::ParsedArgs p = Parse({"--log=file:/var/log/c.log", "create", "c"});
  EXPECT_EQ(p.log_file, "/var/log/c.log");
  EXPECT_THAT(p.runtime_args, ElementsAre("--log=file:/var/log/c.log", "create", "c"));
  EXPECT_EQ(Parse({"--log", "journald:crun", "create", "c"}).log_file, "");
  EXPECT_EQ(Parse({"--log=syslog", "create", "c"}).log_file, "");
}

TEST(GateArgs, BundleSpellingsAndDefault) {
  EXPECT_EQ(Parse({"create", "--bundle=/x", "c"}).bundle, "/x");
  EXPECT_EQ(Parse({"create", "-b=/y", "c"}).bundle, "/y");
  EXPECT_EQ(Parse({"create", "--pid-file", "-b", "c"}).bundle, std::nullopt);
  gate::ParsedArgs p = Parse({"run", "--console-socket", "/s", "c"});
  EXPECT_EQ(p.bundle, std::nullopt);
  EXPECT_EQ(p.container_id, "c");
}

TEST(GateArgs, ExecProcess) {
  EXPECT_EQ(Parse({"exec", "--process", "/p.json", "c"}).process, "/p.json");
  EXPECT_EQ(Parse({"exec", "-p=/q.json", "--detach", "c"}).process, "/q.json");
  gate::ParsedArgs p =
      Parse({"--root", "/r", "exec", "--cwd", "-p", "--tty", "--env", "A=1", "-u", "0", "c"});
  EXPECT_EQ(p.process, std::nullopt);  // "-p" is --cwd's value
  // Flags end at the container id: what follows is the command and its arguments.
  EXPECT_EQ(Parse({"exec", "-t", "c", "sh", "-p", "/x"}).process, std::nullopt);
  EXPECT_EQ(Parse({"run", "--process", "/p.json", "c"}).process, std::nullopt);
}

TEST(GateArgs, DoubleDash) {
  // Before the subcommand it ends the global flags and is kept; the next word is the subcommand.
  gate::ParsedArgs p = Parse({"--oci-lint-policy", "enforce", "--", "create", "c"});
  EXPECT_THAT(p.runtime_args, ElementsAre("--", "create", "c"));
  EXPECT_EQ(p.subcommand, "create");
  EXPECT_EQ(p.own.policy, "enforce");
  // After it, an own flag is not one; in create, it ends the flags: -b is the container id.
  p = Parse({"--", "--oci-lint-policy=adapt"});
  EXPECT_EQ(p.subcommand, "--oci-lint-policy=adapt");
  EXPECT_FALSE(p.own.policy.has_value());
  p = Parse({"create", "--", "-b"});
  EXPECT_EQ(p.bundle, std::nullopt);
  EXPECT_EQ(p.container_id, "-b");
}

TEST(GateArgs, OwnFlagsAfterTheSubcommandAreTheSubcommands) {
  gate::ParsedArgs p = Parse({"state", "--oci-lint-policy=adapt", "c"});
  EXPECT_THAT(p.runtime_args, ElementsAre("state", "--oci-lint-policy=adapt", "c"));
  EXPECT_FALSE(p.own.policy.has_value());
}

TEST(GateArgs, NoSubcommandAndMissingValue) {
  gate::ParsedArgs p = Parse({"--oci-lint-runtime=runc", "--version"});
  EXPECT_EQ(p.subcommand, "");
  EXPECT_THAT(p.runtime_args, ElementsAre("--version"));
  gate::ParsedArgs bad;
  EXPECT_THAT(gate::ParseArgs({"--oci-lint-policy"}, &bad), HasSubstr("needs a value"));
}

TEST(GateSettings, FileFlagsAndDefaults) {
  testing::TempDir dir;
  std::string file = dir.Write("runtime.toml", "runtime = \"/opt/crun\"\npolicy = \"adapt\"\n");
  gate::Settings partial;
  Result<gate::Settings> s = gate::ResolveSettings({}, file.c_str(), &partial);
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_EQ(s->runtime, "/opt/crun");
  EXPECT_EQ(s->policy, gate::Policy::kAdapt);
  EXPECT_EQ(s->config_path, file);
  // Flags win over the file; --oci-lint-config wins over the environment variable.
  std::string other = dir.Write("other.toml", "policy = \"enforce\"\n");
  gate::OwnFlags flags;
  flags.config = other;
  s = gate::ResolveSettings(flags, file.c_str(), &partial);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->runtime, "runc");
  EXPECT_EQ(s->policy, gate::Policy::kEnforce);
  flags.policy = "warn";
  flags.runtime = "/x/runc";
  s = gate::ResolveSettings(flags, file.c_str(), &partial);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->runtime, "/x/runc");
  EXPECT_EQ(s->policy, gate::Policy::kWarn);
}

TEST(GateSettings, LintConfigSetsTheRules) {
  testing::TempDir dir;
  dir.Write("rules/gate.toml",
            "disable = [\"annotation-reserved-key\"]\n[severity]\ncap-unknown = \"note\"\n");
  std::string file = dir.Write("runtime.toml", "lint-config = \"rules/gate.toml\"\n");
  gate::Settings partial;
  Result<gate::Settings> s = gate::ResolveSettings({}, file.c_str(), &partial);
  ASSERT_TRUE(s) << s.error().message();
  EXPECT_TRUE(s->rules.disabled.count("annotation-reserved-key"));
  EXPECT_EQ(s->rules.severity.at("cap-unknown"), diag::Severity::kNote);
  // A lint-config that names an unknown rule is an error of runtime.toml, with the line.
  dir.Write("rules/gate.toml", "disable = [\"no-such-rule\"]\n");
  s = gate::ResolveSettings({}, file.c_str(), &partial);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message(), HasSubstr(file + ": lint-config: "));
  EXPECT_THAT(s.error().message(), HasSubstr("no-such-rule"));
}

TEST(GateSettings, Errors) {
  testing::TempDir dir;
  gate::Settings partial;
  std::string bad = dir.Write("bad.toml", "policy = \"strict\"\n");
  Result<gate::Settings> s = gate::ResolveSettings({}, bad.c_str(), &partial);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message(), HasSubstr("strict"));
  std::string unknown = dir.Write("unknown.toml", "runtimes = \"x\"\n");
  s = gate::ResolveSettings({}, unknown.c_str(), &partial);
  ASSERT_FALSE(s);
  EXPECT_THAT(s.error().message(), HasSubstr("unknown key runtimes"));
  s = gate::ResolveSettings({}, (dir.path() + "/missing.toml").c_str(), &partial);
  EXPECT_FALSE(s);  // a named file must exist
  gate::OwnFlags flags;
  flags.policy = "enforce";
  s = gate::ResolveSettings(flags, bad.c_str(), &partial);
  EXPECT_FALSE(s);
  EXPECT_EQ(partial.policy, gate::Policy::kEnforce);  // what fails closed
  if (access(std::string(gate::kDefaultConfigPath).c_str(), F_OK) != 0) {
    s = gate::ResolveSettings({}, nullptr, &partial);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->runtime, "runc");
    EXPECT_EQ(s->policy, gate::Policy::kWarn);
  }
}

TEST(GateLog, LineFormatsAsRuncWritesThem) {
  EXPECT_EQ(
      gate::LogLine("json", "warning", "a \"b\"\\c", 86400),
      "{\"level\":\"warning\",\"msg\":\"a \\\"b\\\"\\\\c\",\"time\":\"1970-01-02T00:00:00Z\"}\n");
  EXPECT_EQ(gate::LogLine("text", "error", "x \"y\"\n", 0),
            "time=\"1970-01-01T00:00:00Z\" level=error msg=\"x \\\"y\\\"\\n\"\n");
  rapidjson::Document doc;
  doc.Parse(gate::LogLine("json", "warning", "tab\there \x01", 0).c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_STREQ(doc["msg"].GetString(), "tab\there \x01");
}

// podman's conmon runs the runtime with the container's stderr: a warning written there at
// create becomes the first lines of `podman logs`. With a log file only errors (the wrapper
// refuses or fails, the engine shows its stderr) go to stderr as well, as with runc.
TEST(GateLog, WithALogFileOnlyErrorsAlsoGoToStderr) {
  testing::TempDir dir;
  std::string file = dir.path() + "/oci-log";
  std::ostringstream err;
  gate::Log log(file, "json", err);
  log.Write("warning", "w1");
  log.Write("info", "i1");
  EXPECT_EQ(err.str(), "");
  log.Write("error", "e1");
  EXPECT_EQ(err.str(), "oci-lint-runtime: error: e1\n");
  std::string text = testing::ReadFile(file);
  EXPECT_THAT(text, HasSubstr("\"level\":\"warning\",\"msg\":\"w1\""));
  EXPECT_THAT(text, HasSubstr("\"level\":\"info\",\"msg\":\"i1\""));
  EXPECT_THAT(text, HasSubstr("\"level\":\"error\",\"msg\":\"e1\""));
  // Without a log file, or one that cannot be opened, stderr gets everything.
  std::ostringstream err2;
  gate::Log none("", "text", err2);
  none.Write("warning", "w2");
  EXPECT_EQ(err2.str(), "oci-lint-runtime: warning: w2\n");
  std::ostringstream err3;
  gate::Log broken(dir.path() + "/no/such/dir/log", "text", err3);
  broken.Write("warning", "w3");
  EXPECT_EQ(err3.str(), "oci-lint-runtime: warning: w3\n");
}

/// A target without CAP_SYS_TIME in the environment's bounding set and a hard RLIMIT_NOFILE of
/// 20000 without CAP_SYS_RESOURCE, on a 5.4 kernel (no CAP_BPF).
lint::Target RestrictedTarget() {
  lint::Target target;
  target.kernel.source = lint::KernelTarget::Source::kVersion;
  target.kernel.release = "5.4";
  target.kernel.version = caps::KernelVersion::Parse("5.4");
  target.environment.source = lint::EnvironmentTarget::Source::kFile;
  target.environment.path = "test";
  caps::CapMask all = (caps::CapMask(1) << 41) - 1;
  target.environment.bounding = all & ~(caps::CapMask(1) << 25) & ~(caps::CapMask(1) << 24);
  caps::ProcessLimits limits;
  limits.limits[7] = caps::RlimitPair{20000, 20000};
  target.environment.limits = limits;
  target.environment.limits_path = "test limits";
  return target;
}

constexpr const char* kConfig = R"({
  "ociVersion": "1.3.0",
  "process": {
    "user": {"uid": 0, "gid": 0},
    "args": ["/bin/true"],
    "cwd": "/",
    "capabilities": {
      "bounding": ["CAP_KILL", "CAP_SYS_TIME", "CAP_BPF", "CAP_NO_SUCH"],
      "effective": ["CAP_SYS_TIME", "CAP_KILL"],
      "permitted": ["CAP_KILL", "CAP_SYS_TIME"],
      "ambient": ["CAP_SYS_TIME"]
    },
    "rlimits": [
      {"type": "RLIMIT_NOFILE", "hard": 1048576, "soft": 1048576},
      {"type": "RLIMIT_CORE", "hard": 5, "soft": 1}
    ],
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "gate",
  "annotations": {"x": "1.50"}
})";

constexpr const char* kAdapted = R"({
  "ociVersion": "1.3.0",
  "process": {
    "user": {"uid": 0, "gid": 0},
    "args": ["/bin/true"],
    "cwd": "/",
    "capabilities": {
      "bounding": ["CAP_KILL"],
      "effective": ["CAP_KILL"],
      "permitted": ["CAP_KILL"],
      "ambient": []
    },
    "rlimits": [
      {"type": "RLIMIT_NOFILE", "hard": 20000, "soft": 20000},
      {"type": "RLIMIT_CORE", "hard": 5, "soft": 1}
    ],
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs", "readonly": true},
  "hostname": "gate",
  "annotations": {"x": "1.50"}
})";

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST(GateAdapt, RemovesUngrantableCapsFromEverySetAndLowersRlimitsOnly) {
  json::ParseResult parsed = json::Parse(kConfig);
  gate::Adaptation a = gate::Adapt(*parsed.document, RestrictedTarget());
  // Only the changed bytes change: white space, order and number spellings stay.
  EXPECT_EQ(a.text, kAdapted);
  std::vector<std::string> rules;
  for (const gate::Change& c : a.changes) rules.push_back(c.rule + " " + c.pointer);
  EXPECT_THAT(rules, ::testing::UnorderedElementsAre(
                         "cap-unavailable /process/capabilities/bounding/1",
                         "cap-unsupported-kernel /process/capabilities/bounding/2",
                         "cap-unknown /process/capabilities/bounding/3",
                         "cap-unavailable /process/capabilities/effective/0",
                         "cap-unavailable /process/capabilities/permitted/1",
                         "cap-unavailable /process/capabilities/ambient/0",
                         "process-rlimit-unavailable /process/rlimits/0/hard"));
  for (const gate::Change& c : a.changes) {
    if (c.rule == "process-rlimit-unavailable") {
      EXPECT_EQ(c.description,
                "lowered RLIMIT_NOFILE hard 1048576 to 20000 (and soft 1048576 to 20000)");
    }
  }
}

TEST(GateAdapt, AOneLineConfigStaysOneLine) {
  // podman writes config.json on one line.
  std::string config =
      R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"args":["/bin/true"],"cwd":"/",)"
      R"("capabilities":{"bounding":["CAP_NO_SUCH","CAP_KILL","CAP_SYS_TIME"],"effective":["CAP_KILL"]},)"
      R"("rlimits":[{"type":"RLIMIT_NOFILE","hard":1048576,"soft":1048576}]},"root":{"path":"rootfs"}})";
  json::ParseResult parsed = json::Parse(config);
  gate::Adaptation a = gate::Adapt(*parsed.document, RestrictedTarget());
  EXPECT_EQ(
      a.text,
      R"({"ociVersion":"1.3.0","process":{"user":{"uid":0,"gid":0},"args":["/bin/true"],"cwd":"/",)"
      R"("capabilities":{"bounding":["CAP_KILL"],"effective":["CAP_KILL"]},)"
      R"("rlimits":[{"type":"RLIMIT_NOFILE","hard":20000,"soft":20000}]},"root":{"path":"rootfs"}})");
}

TEST(GateAdapt, NothingToChangeGivesNoText) {
  json::ParseResult parsed = json::Parse(kAdapted);
  gate::Adaptation a = gate::Adapt(*parsed.document, RestrictedTarget());
  EXPECT_TRUE(a.changes.empty());
  EXPECT_EQ(a.text, "");
}

TEST(GateAdapt, SoftBelowTheCeilingStays) {
  json::ParseResult parsed = json::Parse(
      R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "args": ["x"], "user": {"uid": 0, "gid": 0},)"
      R"( "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 30000, "soft": 1024}]}, "root": {"path": "r"}})");
  gate::Adaptation a = gate::Adapt(*parsed.document, RestrictedTarget());
  ASSERT_EQ(a.changes.size(), 1u);
  rapidjson::Document doc = ParseJson(a.text);
  EXPECT_EQ(doc["process"]["rlimits"][0]["hard"].GetUint64(), 20000u);
  EXPECT_EQ(doc["process"]["rlimits"][0]["soft"].GetUint64(), 1024u);
}

struct Bundle {
  testing::TempDir dir;
  std::string config;
  explicit Bundle(const std::string& text) {
    config = dir.Write("config.json", text);
    dir.Write("rootfs/bin/true", "");
    chmod((dir.path() + "/rootfs/bin/true").c_str(), 0755);
  }
};

TEST(GateBundle, AdaptRewritesAtomicallyKeepingTheMode) {
  Bundle b(kConfig);
  chmod(b.config.c_str(), 0640);
  std::ostringstream err;
  std::string log_file = b.dir.path() + "/log.json";
  gate::Log log(log_file, "json", err);
  gate::Decision d = gate::CheckBundle(b.dir.path(), gate::Policy::kAdapt, RestrictedTarget(), log);
  EXPECT_TRUE(d.run);
  EXPECT_EQ(ParseJson(testing::ReadFile(b.config)), ParseJson(kAdapted));
  struct stat st;
  ASSERT_EQ(stat(b.config.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  std::istringstream lines(testing::ReadFile(log_file));
  int adapted = 0;
  for (std::string line; std::getline(lines, line);) {
    rapidjson::Document entry = ParseJson(line);
    EXPECT_STREQ(entry["level"].GetString(), "warning") << line;
    if (std::string(entry["msg"].GetString()).find("adapted removed") != std::string::npos) {
      ++adapted;
    }
  }
  EXPECT_EQ(adapted, 6);
  std::string text = testing::ReadFile(log_file);
  EXPECT_THAT(text, HasSubstr("adapted lowered RLIMIT_NOFILE hard 1048576 to 20000"));
  EXPECT_THAT(text, HasSubstr("[cap-unavailable]"));
  EXPECT_EQ(err.str(), "");  // warnings go to the log file only
  // No temporary file is left in the bundle.
  for (const auto& entry : std::filesystem::directory_iterator(b.dir.path())) {
    EXPECT_THAT(entry.path().filename().string(), Not(HasSubstr(".oci-lint-")));
  }
}

TEST(GateBundle, SymlinkedConfigIsNotRewritten) {
  Bundle b("{}");
  std::string real = b.dir.Write("real/config.json", kConfig);
  std::filesystem::remove(b.config);
  std::filesystem::create_symlink(real, b.config);
  std::ostringstream err;
  gate::Log log("", "text", err);
  gate::Decision d = gate::CheckBundle(b.dir.path(), gate::Policy::kAdapt, RestrictedTarget(), log);
  EXPECT_TRUE(d.run);
  EXPECT_EQ(testing::ReadFile(real), kConfig);
  EXPECT_TRUE(std::filesystem::is_symlink(b.config));
  EXPECT_THAT(err.str(), HasSubstr("not adapted (it is a symbolic link): would have removed"));
}

TEST(GateBundle, EnforceRefusesWhatTheRuntimeCannotStart) {
  Bundle b(kConfig);
  std::ostringstream err;
  std::string log_file = b.dir.path() + "/log.txt";
  gate::Log log(log_file, "text", err);
  gate::Decision d =
      gate::CheckBundle(b.dir.path(), gate::Policy::kEnforce, RestrictedTarget(), log);
  EXPECT_FALSE(d.run);
  EXPECT_EQ(d.exit_code, 1);
  EXPECT_EQ(testing::ReadFile(b.config), kConfig);
  std::string text = testing::ReadFile(log_file);
  EXPECT_THAT(text, HasSubstr("level=error msg=\"oci-lint: " + b.config));
  EXPECT_THAT(text, HasSubstr(": cap-unavailable: "));
  EXPECT_THAT(text, HasSubstr(": process-rlimit-unavailable: "));
  EXPECT_THAT(text, HasSubstr("refused (policy enforce)"));
  // The refusal comes first, its findings next, warnings last: engines may cut the end off.
  EXPECT_EQ(text.find("level=error"),
            text.find("level=error msg=\"oci-lint: " + b.config + ": refused (policy enforce)"));
  ASSERT_NE(text.find("level=warning"), std::string::npos);
  EXPECT_GT(text.find("level=warning"), text.rfind("level=error"));
  // The adapted config passes.
  testing::WriteFile(b.config, kAdapted);
  std::ostringstream err2;
  gate::Log log2("", "text", err2);
  d = gate::CheckBundle(b.dir.path(), gate::Policy::kEnforce, RestrictedTarget(), log2);
  EXPECT_TRUE(d.run) << err2.str();
}

TEST(GateBundle, TheConfigCannotSuppressTheGatesFindings) {
  // A container's author can set annotations (podman run --annotation): enforce must not let
  // them switch its rules off.
  std::string config = kConfig;
  config.replace(config.find("\"annotations\": {"), 16,
                 "\"annotations\": {\"dev.oci-lint.ignore\": \"cap-unavailable, "
                 "process-rlimit-unavailable, cap-unknown, cap-unsupported-kernel\", ");
  Bundle b(config);
  std::ostringstream err;
  gate::Log log("", "text", err);
  gate::Decision d =
      gate::CheckBundle(b.dir.path(), gate::Policy::kEnforce, RestrictedTarget(), log);
  EXPECT_FALSE(d.run) << err.str();
  EXPECT_THAT(err.str(), HasSubstr(": cap-unavailable: "));
  EXPECT_THAT(err.str(), HasSubstr("annotation is not honoured here"));
  // The operator's lint-config is what decides.
  lint::Policy rules;
  for (const char* rule :
       {"cap-unavailable", "process-rlimit-unavailable", "cap-unknown", "cap-unsupported-kernel"}) {
    rules.disabled.insert(rule);
  }
  std::ostringstream err2;
  gate::Log log2("", "text", err2);
  d = gate::CheckBundle(b.dir.path(), gate::Policy::kEnforce, RestrictedTarget(), log2, rules);
  EXPECT_TRUE(d.run) << err2.str();
}

TEST(GateBundle, EnforceLetsTheEnginesImageAnnotationsThrough) {
  // podman copies an image's annotations into the config; the image-spec keys are a warning.
  std::string config = kAdapted;
  config.replace(config.find("\"annotations\": {"), 16,
                 "\"annotations\": {\"org.opencontainers.image.base.name\": \"debian:12\", "
                 "\"org.opencontainers.image.base.digest\": \"sha256:00\", ");
  Bundle b(config);
  std::ostringstream err;
  gate::Log log("", "text", err);
  gate::Decision d =
      gate::CheckBundle(b.dir.path(), gate::Policy::kEnforce, RestrictedTarget(), log);
  EXPECT_TRUE(d.run) << err.str();
  EXPECT_THAT(err.str(), HasSubstr("warning: oci-lint: "));
  EXPECT_THAT(err.str(), HasSubstr(": annotation-image-spec-key: "));
}

TEST(GateBundle, WarnRunsAndFailureIsOpenExceptForEnforce) {
  Bundle b(kConfig);
  std::ostringstream err;
  gate::Log log("", "text", err);
  EXPECT_TRUE(gate::CheckBundle(b.dir.path(), gate::Policy::kWarn, RestrictedTarget(), log).run);
  EXPECT_EQ(testing::ReadFile(b.config), kConfig);
  EXPECT_THAT(err.str(), HasSubstr("warning: oci-lint: " + b.config));
  testing::TempDir empty;
  for (gate::Policy p : {gate::Policy::kWarn, gate::Policy::kAdapt, gate::Policy::kEnforce}) {
    std::ostringstream e;
    gate::Log l("", "text", e);
    gate::Decision d = gate::CheckBundle(empty.path(), p, RestrictedTarget(), l);
    EXPECT_EQ(d.run, p != gate::Policy::kEnforce);
    EXPECT_THAT(e.str(), HasSubstr("oci-lint cannot check"));
  }
  // Not JSON: a finding, not a failure; enforce refuses it, adapt leaves it.
  testing::WriteFile(b.config, "{not json");
  std::ostringstream e;
  gate::Log l("", "text", e);
  EXPECT_FALSE(gate::CheckBundle(b.dir.path(), gate::Policy::kEnforce, RestrictedTarget(), l).run);
  EXPECT_TRUE(gate::CheckBundle(b.dir.path(), gate::Policy::kAdapt, RestrictedTarget(), l).run);
  EXPECT_EQ(testing::ReadFile(b.config), "{not json");
}

/// The process document podman and runc exec pass: the process object alone, on one line.
constexpr const char* kProcess =
    R"({"user":{"uid":0,"gid":0},"args":["/bin/true"],"cwd":"/","capabilities":{"bounding":)"
    R"(["CAP_KILL","CAP_SYS_TIME","CAP_NO_SUCH"],"effective":["CAP_KILL","CAP_SYS_TIME"]},)"
    R"("rlimits":[{"type":"RLIMIT_NOFILE","hard":1048576,"soft":1024}],"terminal":false})";

TEST(GateProcess, ExecProcessDocumentIsCheckedLikeAConfigsProcess) {
  testing::TempDir dir;
  std::string file = dir.Write("process.json", kProcess);
  std::ostringstream err;
  std::string log_file = dir.path() + "/log.txt";
  gate::Log log(log_file, "text", err);
  gate::Decision d = gate::CheckProcessFile(file, gate::Policy::kEnforce, RestrictedTarget(), log);
  EXPECT_FALSE(d.run);
  EXPECT_EQ(d.exit_code, 1);
  std::string text = testing::ReadFile(log_file);
  // Locations are the document's own: line 1, the column of "CAP_SYS_TIME" in it.
  size_t column = std::string(kProcess).find("\"CAP_SYS_TIME\"") + 1;
  EXPECT_THAT(text, HasSubstr(file + ":1:" + std::to_string(column) + ": cap-unavailable: "));
  EXPECT_THAT(text, HasSubstr(": cap-unknown: "));
  EXPECT_THAT(text, HasSubstr(": process-rlimit-unavailable: "));
  // What a config needs besides its process (ociVersion, root) is not the document's business.
  EXPECT_THAT(text, Not(HasSubstr("ociVersion")));
  EXPECT_THAT(text, Not(HasSubstr("[schema]")));
  EXPECT_EQ(testing::ReadFile(file), kProcess);

  std::ostringstream err2;
  gate::Log log2("", "text", err2);
  d = gate::CheckProcessFile(file, gate::Policy::kAdapt, RestrictedTarget(), log2);
  EXPECT_TRUE(d.run);
  EXPECT_EQ(
      testing::ReadFile(file),
      R"({"user":{"uid":0,"gid":0},"args":["/bin/true"],"cwd":"/","capabilities":{"bounding":)"
      R"(["CAP_KILL"],"effective":["CAP_KILL"]},)"
      R"("rlimits":[{"type":"RLIMIT_NOFILE","hard":20000,"soft":1024}],"terminal":false})");
  EXPECT_THAT(err2.str(),
              HasSubstr("adapted removed \"CAP_SYS_TIME\" at /capabilities/bounding/1"));
  EXPECT_THAT(err2.str(), HasSubstr("adapted lowered RLIMIT_NOFILE hard 1048576 to 20000 at "
                                    "/rlimits/0/hard"));

  // Not JSON: the syntax finding at its own place; enforce refuses, warn runs.
  testing::WriteFile(file, "{\"args\": [}");
  std::ostringstream err3;
  gate::Log log3("", "text", err3);
  EXPECT_FALSE(gate::CheckProcessFile(file, gate::Policy::kEnforce, RestrictedTarget(), log3).run);
  EXPECT_THAT(err3.str(), HasSubstr(file + ":1:11: json-"));
  EXPECT_TRUE(gate::CheckProcessFile(file, gate::Policy::kWarn, RestrictedTarget(), log3).run);
}

TEST(GatePrepare, PassThroughAndSettingsFailure) {
  testing::TempDir dir;
  std::string fake = dir.Write("bin/fakert", "#!/bin/sh\n");
  chmod(fake.c_str(), 0755);
  std::string path_env = dir.path() + "/bin";
  std::ostringstream err;
  std::string exec_path;
  std::vector<std::string> exec_args;
  std::string none = dir.path() + "/none.toml";
  std::string bad = dir.Write("bad.toml", "policy = 3\n");
  int status =
      gate::Prepare({"--oci-lint-runtime=fakert", "--root", "/r", "state", "c"}, bad.c_str(),
                    path_env.c_str(), lint::HostProbe(), err, &exec_path, &exec_args);
  EXPECT_EQ(status, gate::kExec);  // not create or run: no lint, the file is not even needed
  EXPECT_EQ(exec_path, fake);
  EXPECT_THAT(exec_args, ElementsAre(fake, "--root", "/r", "state", "c"));
  status = gate::Prepare(
      {"--oci-lint-runtime=fakert", "--oci-lint-policy=enforce", "create", "-b", dir.path(), "c"},
      bad.c_str(), path_env.c_str(), lint::HostProbe(), err, &exec_path, &exec_args);
  EXPECT_EQ(status, 1);
  EXPECT_THAT(err.str(), HasSubstr("fails closed"));
  status = gate::Prepare({"--oci-lint-runtime=absent", "state", "c"}, none.c_str(),
                         path_env.c_str(), lint::HostProbe(), err, &exec_path, &exec_args);
  EXPECT_EQ(status, 127);
  // The wrapper never execs itself (here: the test program stands for it).
  std::string self = std::filesystem::read_symlink("/proc/self/exe").string();
  status = gate::Prepare({"--oci-lint-runtime=" + self, "state", "c"}, none.c_str(),
                         path_env.c_str(), lint::HostProbe(), err, &exec_path, &exec_args);
  EXPECT_EQ(status, 127);
  EXPECT_THAT(err.str(), HasSubstr("is oci-lint-runtime itself"));
}

/// Answers every command with its argv joined, and counts the commands.
class CountingProbe : public lint::HostProbe {
 public:
  mutable int runs = 0;
  Result<CommandOutput> Run(const std::vector<std::string>& argv) const override {
    ++runs;
    CommandOutput out;
    out.exit_code = argv.back() == "features" ? 0 : 3;
    for (const std::string& arg : argv) out.out += arg + " ";
    out.err = "e\nrr";
    return out;
  }
};

TEST(GateCache, RuntimeAnswersAreKeptPerBinaryAndQuestion) {
  testing::TempDir dir;
  std::string runtime = dir.Write("bin/rt", "#!/bin/sh\n");
  chmod(runtime.c_str(), 0755);
  std::string cache = dir.path() + "/cache";
  CountingProbe host;
  gate::CachingProbe probe(host, cache);
  Result<CommandOutput> first = probe.Run({runtime, "features"});
  ASSERT_TRUE(first);
  Result<CommandOutput> second = probe.Run({runtime, "features"});
  ASSERT_TRUE(second);
  EXPECT_EQ(host.runs, 1);
  EXPECT_EQ(second.value().out, first.value().out);
  EXPECT_EQ(second.value().err, "e\nrr");
  EXPECT_EQ(second.value().exit_code, 0);
  struct stat st;
  ASSERT_EQ(stat(cache.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  // Another question, and a failed answer, are kept too.
  EXPECT_EQ(probe.Run({runtime, "--version"}).value().exit_code, 3);
  EXPECT_EQ(probe.Run({runtime, "--version"}).value().exit_code, 3);
  EXPECT_EQ(host.runs, 2);
  // Other commands are never cached.
  probe.Run({runtime, "state", "x"});
  probe.Run({runtime, "state", "x"});
  EXPECT_EQ(host.runs, 4);
  // A runtime changed in place is asked again.
  testing::WriteFile(runtime, "#!/bin/sh\n# upgraded\n");
  probe.Run({runtime, "features"});
  EXPECT_EQ(host.runs, 5);
  probe.Run({runtime, "features"});
  EXPECT_EQ(host.runs, 5);
}

TEST(GateCache, ACacheOthersCanWriteIsNotUsed) {
  testing::TempDir dir;
  std::string runtime = dir.Write("bin/rt", "#!/bin/sh\n");
  chmod(runtime.c_str(), 0755);
  std::string cache = dir.path() + "/cache";
  std::filesystem::create_directories(cache);
  chmod(cache.c_str(), 0777);
  CountingProbe host;
  gate::CachingProbe probe(host, cache);
  probe.Run({runtime, "features"});
  probe.Run({runtime, "features"});
  EXPECT_EQ(host.runs, 2);
  EXPECT_TRUE(std::filesystem::is_empty(cache));
  // A planted link in a good directory is not read, and answers still come.
  chmod(cache.c_str(), 0700);
  probe.Run({runtime, "features"});
  ASSERT_EQ(host.runs, 3);
  for (const auto& entry : std::filesystem::directory_iterator(cache)) {
    std::string planted = entry.path().string();
    std::filesystem::remove(planted);
    std::string fake = dir.Write("fake", "oci-lint-runtime answer 1\nforged\n");
    std::filesystem::create_symlink(fake, planted);
  }
  Result<CommandOutput> answer = probe.Run({runtime, "features"});
  EXPECT_EQ(host.runs, 4);
  EXPECT_THAT(answer.value().out, HasSubstr("features"));
  EXPECT_EQ(gate::DefaultCacheDir(nullptr).empty(), geteuid() != 0);
}

// ---- live, as root --------------------------------------------------------------------------

/// A config for the live tests: CAP_SYS_TIME (which the tests drop from the bounding set), an
/// unknown name and, when the kernel lacks it, the newest capability oci-lint knows. ociVersion
/// 1.0.2: crun 1.8 refuses 1.2.0 and later ("unknown version specified").
std::string LiveConfig(const std::string& newer_cap) {
  std::string caps = "\"CAP_KILL\", \"CAP_SYS_TIME\", \"CAP_NO_SUCH\"";
  if (!newer_cap.empty()) caps += ", \"" + newer_cap + "\"";
  return R"({
  "ociVersion": "1.0.2",
  "process": {
    "user": {"uid": 0, "gid": 0},
    "args": ["/bin/busybox", "grep", "^Cap", "/proc/self/status"],
    "env": ["PATH=/bin"],
    "cwd": "/",
    "capabilities": {
      "bounding": [)" +
         caps + R"(],
      "effective": [)" +
         caps + R"(],
      "permitted": [)" +
         caps + R"(]
    },
    "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
    "noNewPrivileges": true
  },
  "root": {"path": "rootfs"},
  "hostname": "gate",
  "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}],
  "linux": {"namespaces": [{"type": "pid"}, {"type": "ipc"}, {"type": "uts"},
                           {"type": "mount"}, {"type": "network"}]}
})";
}

/// The Cap* lines of /proc/self/status in `out`, by name ("CapEff"), as masks.
std::map<std::string, uint64_t> CapLines(const std::string& out) {
  std::map<std::string, uint64_t> sets;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("Cap") && line.size() > 8 && line.find(":\t") == 6) {
      sets[line.substr(0, 6)] = std::stoull(line.substr(8), nullptr, 16);
    }
  }
  return sets;
}

/// Through the wrapper with adapt, `runtime` starts a config asking for a capability missing
/// from the bounding set, an unknown one and (on a kernel older than oci-lint's table) one the
/// kernel lacks; the container's sets are exactly what is left, and the log names each removal.
/// With enforce nothing starts; the runtime alone fails.
void LiveAdaptAndEnforce(const std::string& runtime_name) {
  if (geteuid() != 0) GTEST_SKIP() << runtime_name << " runs containers as root only here";
  if (!testing::OnPath(runtime_name)) GTEST_SKIP() << runtime_name << " is not installed";
  if (!testing::OnPath("setpriv")) GTEST_SKIP() << "setpriv (util-linux) is not installed";
  if (access("/bin/busybox", X_OK) != 0) GTEST_SKIP() << "no /bin/busybox (busybox-static)";
  std::string runtime = testing::RunShell("command -v " + runtime_name).out;
  runtime.erase(runtime.find_last_not_of('\n') + 1);
  // The newest capability oci-lint knows, when this kernel does not have it.
  std::string newer;
  int last_cap = std::stoi(testing::ReadFile("/proc/sys/kernel/cap_last_cap"));
  const caps::Capability& newest = caps::AllCapabilities().back();
  if (newest.number > last_cap) {
    newer = std::string(newest.name);
  } else {
    std::cerr
        << "note: this kernel (cap_last_cap " << last_cap << ") has every capability "
        << "oci-lint knows; the newer-than-the-kernel case is left to "
           "GateAdapt.RemovesUngrantableCapsFromEverySetAndLowersRlimitsOnly (a 5.4 target)\n";
  }
  std::string config = LiveConfig(newer);
  testing::TempDir dir;
  std::string bundle = dir.path() + "/bundle";
  dir.Write("bundle/config.json", config);
  std::filesystem::create_directories(bundle + "/rootfs/bin");
  std::filesystem::create_directories(bundle + "/rootfs/proc");
  std::filesystem::create_directories(bundle + "/rootfs/dev");  // crun does not create it
  std::filesystem::copy_file("/bin/busybox", bundle + "/rootfs/bin/busybox");
  chmod((bundle + "/rootfs/bin/busybox").c_str(), 0755);
  std::string root = dir.path() + "/state";
  std::string id = "oci-lint-gate-" + std::to_string(getpid());
  std::string drop = "setpriv --bounding-set -sys_time ";
  std::string log_file = dir.path() + "/log.json";
  std::string common = " --root " + root + " --log " + log_file + " --log-format json";
  // crun 1.8 refuses a host whose cgroup v2 mount sits beside v1 controllers ("cgroups in
  // hybrid mode not supported"): there it runs without cgroups in a private mount namespace
  // with a fresh cgroup2 mount, as the conformance battery does.
  if (runtime_name == "crun" &&
      testing::RunShell("stat -fc %T /sys/fs/cgroup").out != "cgroup2fs\n") {
    drop += "unshare -m sh -c 'mount -t cgroup2 none /sys/fs/cgroup && exec \"$0\" \"$@\"' ";
    common += " --cgroup-manager=disabled";
  }

  testing::ShellResult plain =
      testing::RunShell(drop + runtime + common + " run --bundle " + bundle + " " + id + "-a");
  EXPECT_NE(plain.status, 0) << runtime << " alone started a config it cannot grant:\n"
                             << plain.out;
  // ... for the capability (runc: "unable to apply caps: operation not permitted"; crun:
  // "capset: Operation not permitted"), not for something else in the setup.
  std::string lower = plain.out;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  EXPECT_THAT(lower, HasSubstr("operation not permitted")) << plain.out;
  testing::RunShell(runtime + " --root " + root + " delete --force " + id + "-a");

  std::string wrapper = OCI_LINT_RUNTIME_BINARY;
  testing::ShellResult enforce = testing::RunShell(
      drop + wrapper + " --oci-lint-runtime=" + runtime + " --oci-lint-policy=enforce" + common +
      " run --bundle " + bundle + " " + id + "-b");
  EXPECT_EQ(enforce.status, 1) << enforce.out;
  EXPECT_THAT(enforce.out, HasSubstr("refused (policy enforce)"));
  EXPECT_THAT(testing::ReadFile(log_file), HasSubstr("cap-unavailable"));
  EXPECT_EQ(testing::ReadFile(bundle + "/config.json"), config);
  EXPECT_NE(testing::RunShell(runtime + " --root " + root + " state " + id + "-b").status, 0)
      << "enforce let a container be created";

  std::filesystem::remove(log_file);
  testing::ShellResult adapt = testing::RunShell(drop + wrapper + " --oci-lint-runtime=" + runtime +
                                                 " --oci-lint-policy=adapt" + common +
                                                 " run --bundle " + bundle + " " + id + "-c");
  testing::RunShell(runtime + " --root " + root + " delete --force " + id + "-c");
  ASSERT_EQ(adapt.status, 0) << adapt.out;
  std::map<std::string, uint64_t> sets = CapLines(adapt.out);
  uint64_t kill_only = uint64_t(1) << 5;  // CAP_KILL
  for (const char* set : {"CapBnd", "CapPrm", "CapEff"}) {
    ASSERT_TRUE(sets.count(set)) << adapt.out;
    EXPECT_EQ(sets[set], kill_only) << set << " in\n" << adapt.out;
  }
  std::string log = testing::ReadFile(log_file);
  EXPECT_THAT(log, HasSubstr("\"level\":\"warning\""));
  for (std::string set : {"bounding", "effective", "permitted"}) {
    EXPECT_THAT(log, HasSubstr("adapted removed \\\"CAP_SYS_TIME\\\" at /process/capabilities/" +
                               set + "/1 [cap-unavailable]"));
    EXPECT_THAT(log, HasSubstr("adapted removed \\\"CAP_NO_SUCH\\\" at /process/capabilities/" +
                               set + "/2 [cap-unknown]"));
    if (!newer.empty()) {
      EXPECT_THAT(log, HasSubstr("adapted removed \\\"" + newer + "\\\" at /process/capabilities/" +
                                 set + "/3 [cap-unsupported-kernel]"));
    }
  }
  // Nothing but the removals changed.
  std::string expected = LiveConfig("");
  size_t at;
  while ((at = expected.find(", \"CAP_SYS_TIME\", \"CAP_NO_SUCH\"")) != std::string::npos) {
    expected.erase(at, 31);
  }
  EXPECT_EQ(testing::ReadFile(bundle + "/config.json"), expected);
}

TEST(GateLive, AdaptStartsWhatRuncRefusesAndEnforceRefusesIt) {
  LiveAdaptAndEnforce("runc");
}

TEST(GateLive, AdaptStartsWhatCrunRefusesAndEnforceRefusesIt) {
  LiveAdaptAndEnforce("crun");
}

TEST(GateLive, PassThroughIsTheRuntimes) {
  if (!testing::OnPath("runc")) GTEST_SKIP() << "runc is not installed";
  std::string runc = testing::RunShell("command -v runc").out;
  runc.erase(runc.find_last_not_of('\n') + 1);
  std::string wrapper = OCI_LINT_RUNTIME_BINARY;
  testing::TempDir dir;
  std::string root = dir.path() + "/state";
  std::string id = "oci-lint-gate-" + std::to_string(getpid());
  // Pass-through: runc's own --version and its state error, status and all.
  testing::ShellResult version =
      testing::RunShell(wrapper + " --oci-lint-runtime=" + runc + " --version");
  testing::ShellResult runc_version = testing::RunShell(runc + " --version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out, runc_version.out);
  testing::ShellResult state = testing::RunShell(wrapper + " --oci-lint-runtime=" + runc +
                                                 " --root " + root + " state no-such-" + id);
  testing::ShellResult runc_state =
      testing::RunShell(runc + " --root " + root + " state no-such-" + id);
  EXPECT_NE(state.status, 0);
  EXPECT_EQ(state.status, runc_state.status);
  // runc stamps its error with the second it was written: the two runs may straddle one.
  auto without_time = [](std::string text) {
    return std::regex_replace(text, std::regex("^time=\"[^\"]*\" "), "time=\"T\" ");
  };
  EXPECT_THAT(state.out, ::testing::StartsWith("time=\""));
  EXPECT_EQ(without_time(state.out), without_time(runc_state.out));
}

}  // namespace
}  // namespace ocilint
