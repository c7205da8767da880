// The capability front doors end to end: exit codes of capability warnings, the target in
// reports, --runtime-features / --runtime with the real runc and crun, and `oci-lint caps`.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <set>
#include <string>

#include "json/parser.h"
#include "test_util.h"

namespace ocilint {
namespace {

using testing::CliResult;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunInProcess;
using testing::SourcePath;
using testing::TempDir;

/// `runc spec` asks for ambient capabilities without inheritable ones: three real warnings.
std::string RuncSpec() {
  return SourcePath("testdata/harvested/runc-spec.json");
}

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text.substr(0, 400);
  return doc;
}

TEST(CliCapsTest, CapabilityWarningsAloneExitZeroUnlessFailOnWarning) {
  std::vector<std::string> base = {"--kernel", "none", "--environment", "none", RuncSpec()};
  CliResult r = RunInProcess(base);
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("0 errors, 3 warnings"));
  EXPECT_THAT(r.out, HasSubstr("[cap-ambient-not-granted]"));
  base.insert(base.begin(), {"--fail-on", "warning"});
  EXPECT_EQ(RunInProcess(base).exit_code, 1);
}

TEST(CliCapsTest, EveryCapFindingIsAWarningWithItsPointerAndTheTargetIsReported) {
  TempDir dir;
  std::string config = dir.Write(
      "c.json",
      R"({"ociVersion":"1.0.2","root":{"path":"rootfs"},"process":{"cwd":"/","args":["sh"],)"
      R"("user":{"uid":0,"gid":0},"capabilities":{)"
      R"("bounding":["CAP_SYS_ADMN","cap_kill","CAP_BPF","CAP_SYS_ADMIN","CAP_BPF"],)"
      R"("effective":["CAP_CHOWN"],"permitted":[],"ambient":["CAP_KILL"]}}})");
  std::string env = SourcePath("testdata/caps/environments/docker-default.status");
  CliResult r = RunInProcess({"--format", "json", "--kernel", "5.4", "--environment", env, config});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc = ParseJson(r.out);
  const auto& target = doc["target"];
  EXPECT_STREQ(target["kernel"]["source"].GetString(), "version");
  EXPECT_STREQ(target["kernel"]["version"].GetString(), "5.4");
  EXPECT_STREQ(target["environment"]["source"].GetString(), "file");
  EXPECT_EQ(target["environment"]["bounding"].Size(), 14u);
  EXPECT_TRUE(target["runtime"]["capabilities"].IsNull());
  std::multiset<std::pair<std::string, std::string>> found;
  for (const auto& d : doc["files"][0]["diagnostics"].GetArray()) {
    EXPECT_STREQ(d["severity"].GetString(), "warning") << d["rule"].GetString();
    found.insert({d["rule"].GetString(), d["pointer"].GetString()});
  }
  std::multiset<std::pair<std::string, std::string>> expected = {
      {"cap-unknown", "/process/capabilities/bounding/0"},
      {"cap-malformed", "/process/capabilities/bounding/1"},
      {"cap-unsupported-kernel", "/process/capabilities/bounding/2"},
      {"cap-unavailable", "/process/capabilities/bounding/3"},
      {"cap-unsupported-kernel", "/process/capabilities/bounding/4"},
      {"cap-duplicate", "/process/capabilities/bounding/4"},
      {"cap-effective-not-permitted", "/process/capabilities/effective/0"},
      {"cap-ambient-not-granted", "/process/capabilities/ambient/0"},
  };
  EXPECT_EQ(found, expected);
  std::string text =
      RunInProcess({"--color", "never", "--kernel", "5.4", "--environment", env, config}).out;
  EXPECT_THAT(text, HasSubstr("target kernel:      Linux 5.4\n"));
  EXPECT_THAT(text, HasSubstr("14 of 41 capabilities"));
  EXPECT_THAT(text, HasSubstr("did you mean \"CAP_SYS_ADMIN\"?"));
  EXPECT_THAT(text, HasSubstr("CAP_BPF was added in Linux 5.8"));
  EXPECT_THAT(text, HasSubstr("runtime-spec 1.0.x required runtimes to fail"));
}

TEST(CliCapsTest, BadTargetsAreUsageErrorsAndUnreadableOnesExitThree) {
  EXPECT_EQ(RunInProcess({"--kernel", "latest", RuncSpec()}).exit_code, 2);
  EXPECT_EQ(
      RunInProcess({"--environment", SourcePath("testdata/caps/environments/no-capbnd-line.status"),
                    RuncSpec()})
          .exit_code,
      2);
  EXPECT_EQ(RunInProcess({"--runtime-features", SourcePath("testdata/caps/features/not-json.json"),
                          RuncSpec()})
                .exit_code,
            2);
  CliResult missing = RunInProcess({"--environment", "/no/such.status", RuncSpec()});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.err, HasSubstr("/no/such.status"));
}

TEST(CliCapsTest, RuncFeaturesFileAndRuntimeRunc) {
  if (!testing::OnPath("runc"))
    GTEST_SKIP() << "runc is not installed (scripts/setup.sh installs it)";
  TempDir dir;
  std::string features = dir.path() + "/runc-features.json";
  ASSERT_EQ(std::system(("runc features > " + features).c_str()), 0);
  std::string config = dir.Write("c.json", R"({"ociVersion":"1.3.0","root":{"path":"rootfs"},)"
                                           R"("process":{"cwd":"/","args":["sh"],)"
                                           R"("user":{"uid":0,"gid":0},"capabilities":{)"
                                           R"("bounding":["CAP_KILL","CAP_NOT_A_REAL_ONE"]}}})");
  for (const std::vector<std::string>& how :
       {std::vector<std::string>{"--runtime-features", features},
        std::vector<std::string>{"--runtime", "runc"}}) {
    std::vector<std::string> args = {"--format", "json",          "--kernel",
                                     "none",     "--environment", "none"};
    args.insert(args.end(), how.begin(), how.end());
    args.push_back(config);
    CliResult r = RunInProcess(args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    rapidjson::Document doc = ParseJson(r.out);
    const auto& runtime = doc["target"]["runtime"];
    EXPECT_STREQ(runtime["name"].GetString(), "runc");
    ASSERT_TRUE(runtime["capabilities"].IsArray());
    EXPECT_GE(runtime["capabilities"].Size(), 37u);
    // Debian's runc 1.1.5 accepts ociVersion up to "1.0.2-dev" (runtime-version-unsupported).
    const auto& diagnostics = doc["files"][0]["diagnostics"];
    std::multiset<std::string> rules;
    for (const auto& d : diagnostics.GetArray()) rules.insert(d["rule"].GetString());
    EXPECT_EQ(rules.count("cap-unknown"), 1u) << r.out;
    EXPECT_EQ(rules.size(), 1u + rules.count("runtime-version-unsupported")) << r.out;
  }
}

TEST(CliCapsTest, RuntimeWithoutFeaturesSubcommandIsANote) {
  if (!testing::OnPath("crun"))
    GTEST_SKIP() << "crun is not installed (scripts/setup.sh installs it)";
  CliResult r = RunInProcess({"--color", "never", "--verbose", "--kernel", "none", "--environment",
                              "none", "--runtime", "crun", RuncSpec()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // crun 1.8 has no `features`; newer crun has one, and then the list is used.
  EXPECT_THAT(r.out, HasSubstr("target runtime:     crun"));
  EXPECT_THAT(RunInProcess({"--runtime", "/no/such/runtime", RuncSpec()}).exit_code, 3);
}

TEST(CliCapsTest, CapsTableListsEveryCapabilityForThisHost) {
  CliResult text = RunInProcess({"caps"});
  EXPECT_EQ(text.exit_code, 0);
  EXPECT_THAT(text.out, HasSubstr("40  CAP_CHECKPOINT_RESTORE  5.9"));
  CliResult json = RunInProcess({"caps", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0);
  rapidjson::Document doc = ParseJson(json.out);
  ASSERT_EQ(doc["capabilities"].Size(), 41u);
  EXPECT_STREQ(doc["capabilities"][21]["name"].GetString(), "CAP_SYS_ADMIN");
  EXPECT_STREQ(doc["capabilities"][29]["since"].GetString(), "2.6.11");
  EXPECT_TRUE(doc["capabilities"][0]["bounding"].IsBool()) << "this process's sets are read";
}

// `caps --format json CONFIG`: the sets the config gets, under a path that stays valid JSON
// even when the file name is not UTF-8 (the byte becomes U+FFFD).
TEST(CliCapsTest, CapsOfAConfigAsJson) {
  TempDir dir;
  std::string path = dir.Write("odd\xFF.json", testing::ReadFile(RuncSpec()));
  CliResult r = RunInProcess({"caps", "--format", "json", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(json::Parse(r.out).clean_syntax) << r.out;
  rapidjson::Document doc = ParseJson(r.out);
  EXPECT_THAT(doc["path"].GetString(), HasSubstr("odd\xEF\xBF\xBD.json"));
  EXPECT_TRUE(doc["sets"]["bounding"]["expected"].IsArray());
  EXPECT_TRUE(doc["sets"]["ambient"]["predictedAfterExec"].IsArray());
}

TEST(CliCapsTest, StripRemovesWarnedEntriesAndKeepsOrderAndIndentation) {
  TempDir dir;
  std::string config = dir.Write("c.json",
                                 "{\n\t\"ociVersion\": \"1.3.0\",\n\t\"process\": {\n"
                                 "\t\t\"cwd\": \"/\",\n\t\t\"capabilities\": {\n"
                                 "\t\t\t\"bounding\": [\" CAP_KILL\", \"CAP_KILL\", \"CAP_BPF\", "
                                 "\"CAP_KILL\", \"CAP_FOO\"],\n"
                                 "\t\t\t\"permitted\": [\"CAP_KILL\"],\n"
                                 "\t\t\t\"ambient\": [\"CAP_KILL\"]\n\t\t}\n\t},\n"
                                 "\t\"hostname\": \"h\"\n}\n");
  CliResult r =
      RunInProcess({"caps", "--strip", config, "--kernel", "5.4", "--environment", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\n\t\"ociVersion\": \"1.3.0\",\n\t\"process\": {\n\t\t\"cwd\": \"/\",\n"
            "\t\t\"capabilities\": {\n\t\t\t\"bounding\": [\n\t\t\t\t\"CAP_KILL\"\n\t\t\t],\n"
            "\t\t\t\"permitted\": [\n\t\t\t\t\"CAP_KILL\"\n\t\t\t],\n"
            "\t\t\t\"ambient\": []\n\t\t}\n\t},\n\t\"hostname\": \"h\"\n}\n");
  EXPECT_THAT(r.err, HasSubstr("removed \" CAP_KILL\" at /process/capabilities/bounding/0 "
                               "[cap-malformed]"));
  EXPECT_THAT(r.err, HasSubstr("removed \"CAP_KILL\" at /process/capabilities/bounding/3 "
                               "[cap-duplicate]"));
  EXPECT_THAT(r.err, Not(HasSubstr("bounding/1 ")))
      << "the repetition of a removed entry is what runc applies, so it stays";
  EXPECT_THAT(r.err, HasSubstr("[cap-ambient-not-granted]"));
  std::string stripped = dir.Write("stripped.json", r.out);
  CliResult relint =
      RunInProcess({"--fail-on", "warning", "--kernel", "5.4", "--environment", "none", stripped});
  EXPECT_THAT(relint.out, Not(HasSubstr("[cap-")))
      << "a stripped config draws no capability warning: " << relint.out;
}

TEST(CliCapsTest, StripOfBrokenJsonFailsClearly) {
  TempDir dir;
  std::string config = dir.Write("c.json", "{\"ociVersion\": ");
  CliResult r = RunInProcess({"caps", "--strip", config, "--kernel", "none"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.err, HasSubstr(config + ":1:16: error:"));
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(RunInProcess({"caps", "--strip", "/no/such.json"}).exit_code, 3);
}

}  // namespace
}  // namespace ocilint
