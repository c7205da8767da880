// The spec battery against Debian's runc, crun and runsc, as root: what these versions really
// do with the configs the battery gives them. Skipped, saying why, without root or without the
// runtime; CI runs as root and scripts/setup.sh installs all three.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "test_util.h"

namespace ocilint {
namespace {

using ::testing::HasSubstr;

rapidjson::Document RunConformance(std::vector<std::string> args, const std::string& out) {
  args.insert(args.begin(), "conformance");
  args.insert(args.end(), {"--out", out});
  testing::CliResult r = testing::RunBinary(args, "", "", 600);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err << r.out;
  rapidjson::Document doc;
  doc.Parse(testing::ReadFile(out + "/report.json").c_str());
  EXPECT_FALSE(doc.HasParseError()) << r.err;
  return doc;
}

/// The verdict of requirement `id` of scenario `scenario` ("none" when absent).
std::string Verdict(const rapidjson::Document& doc, const std::string& scenario,
                    const std::string& id) {
  if (!doc.IsObject() || !doc.HasMember("scenarios")) return "none";
  for (const auto& s : doc["scenarios"].GetArray()) {
    if (scenario != s["id"].GetString()) continue;
    if (id.empty()) return s["verdict"].GetString();
    for (const auto& r : s["requirements"].GetArray()) {
      if (id == r["id"].GetString()) return r["verdict"].GetString();
    }
  }
  return "none";
}

std::string Evidence(const rapidjson::Document& doc, const std::string& scenario) {
  std::string all;
  for (const auto& s : doc["scenarios"].GetArray()) {
    if (scenario != s["id"].GetString()) continue;
    for (const auto& r : s["requirements"].GetArray()) {
      for (const auto& line : r["evidence"].GetArray()) all += std::string(line.GetString()) + "\n";
    }
  }
  return all;
}

class SpecBatteryIntegrationTest : public ::testing::TestWithParam<const char*> {};

TEST_P(SpecBatteryIntegrationTest, DebianRuntimeThroughTheSpecBattery) {
  std::string runtime = GetParam();
  if (geteuid() != 0) GTEST_SKIP() << "conformance runs runtimes as root";
  if (!testing::OnPath(runtime)) GTEST_SKIP() << runtime << " is not installed";
  testing::TempDir dir;
  rapidjson::Document doc = RunConformance({"--runtime", runtime, "--battery", "spec"}, dir.path());
  ASSERT_TRUE(doc.IsObject());
  ASSERT_EQ(doc["scenarios"].Size(), 21u);
  for (const auto& s : doc["scenarios"].GetArray()) {
    EXPECT_STREQ(s["battery"].GetString(), "spec");
    for (const auto& r : s["requirements"].GetArray()) {
      EXPECT_FALSE(std::string(r["summary"].GetString()).empty()) << s["id"].GetString();
      EXPECT_FALSE(std::string(r["text"].GetString()).empty()) << s["id"].GetString();
      if (std::string(r["verdict"].GetString()) != "skip") {
        EXPECT_GT(r["evidence"].Size(), 0u) << s["id"].GetString();
      }
    }
  }
  // runc refuses duplicate namespaces, as config-linux.md requires; crun 1.8.1 runs them.
  EXPECT_EQ(Verdict(doc, "ns-duplicate", "config-linux/namespaces/8"),
            runtime == "runc" ? "pass" : "fail");
  for (const char* applied :
       {"ns-path-wrong-type", "rlimit-unmappable", "hostname", "user", "cwd", "env",
        "no-new-privileges-flag", "root-readonly", "masked-paths", "readonly-paths", "sysctl",
        "mounts-order", "oom-score-adj", "oom-score-adj-unset", "rlimits", "state-lifecycle"}) {
    EXPECT_EQ(Verdict(doc, applied, ""), "pass") << applied << "\n" << Evidence(doc, applied);
  }
  // Both keep a regular file where a device was asked for.
  EXPECT_EQ(Verdict(doc, "device-path-conflict", ""), "fail");
  EXPECT_EQ(Verdict(doc, "features", ""), runtime == "runc" ? "pass" : "skip");
  std::string markdown = testing::ReadFile(dir.path() + "/report.md");
  EXPECT_THAT(markdown, HasSubstr("## Summary by section of the spec"));
  EXPECT_THAT(markdown, HasSubstr("| config-linux.md, Namespaces |"));
}

INSTANTIATE_TEST_SUITE_P(Runtimes, SpecBatteryIntegrationTest, ::testing::Values("runc", "crun"));

TEST(SpecBatteryIntegrationTest, RunscNeedsItsGlobalArgumentsAndFailsOnAnUnknownName) {
  if (geteuid() != 0) GTEST_SKIP() << "conformance runs runtimes as root";
  if (!testing::OnPath("runsc")) GTEST_SKIP() << "runsc is not installed";
  testing::TempDir dir;
  rapidjson::Document doc = RunConformance(
      {"--runtime", "runsc", "--runtime-arg=--network=none", "--runtime-arg", "--ignore-cgroups",
       "--battery", "all", "--scenario", "baseline", "--scenario", "unknown-name", "--scenario",
       "environment-unavailable", "--scenario", "hostname"},
      dir.path());
  ASSERT_TRUE(doc.IsObject());
  if (Verdict(doc, "baseline", "") != "pass") {
    GTEST_SKIP() << "runsc cannot run a plain container on this machine:\n"
                 << Evidence(doc, "baseline");
  }
  const auto& args = doc["environment"]["runtimeArgs"];
  ASSERT_EQ(args.Size(), 2u);
  EXPECT_STREQ(args[0].GetString(), "--network=none");
  EXPECT_STREQ(args[1].GetString(), "--ignore-cgroups");
  // An unknown name: runsc cannot create the sandbox, where the spec says SHOULD NOT fail.
  EXPECT_EQ(Verdict(doc, "unknown-name", "config/linux-process/2"), "fail");
  EXPECT_THAT(Evidence(doc, "unknown-name"), HasSubstr("exit status: 128"));
  // A capability missing from its own bounding set: runsc starts and grants it anyway.
  EXPECT_EQ(Verdict(doc, "environment-unavailable", "config/linux-process/2"), "pass");
  EXPECT_THAT(Evidence(doc, "environment-unavailable"), HasSubstr("exit status: 0"));
  EXPECT_EQ(Verdict(doc, "environment-unavailable", "runtime/warnings/1"), "fail");
  EXPECT_EQ(Verdict(doc, "hostname", ""), "pass");
}

}  // namespace
}  // namespace ocilint
