// The battery against Debian's runc and crun, as root. Skipped, saying why, without root or
// without the runtime; CI runs as root and scripts/setup.sh installs both.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "test_util.h"

namespace ocilint {
namespace {

using ::testing::HasSubstr;

/// Runs the battery and returns {scenario id -> {requirement level -> verdicts}} plus the JSON.
rapidjson::Document RunBattery(const std::string& runtime, const std::string& out) {
  testing::CliResult r =
      testing::RunBinary({"conformance", "--runtime", runtime, "--out", out}, "", "", 300);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err << r.out;
  for (const char* file :
       {"report.md", "report.json", "report.junit.xml", "report.tap", "report.html"}) {
    EXPECT_TRUE(std::filesystem::exists(out + "/" + file)) << file;
  }
  rapidjson::Document doc;
  doc.Parse(testing::ReadFile(out + "/report.json").c_str());
  EXPECT_FALSE(doc.HasParseError());
  return doc;
}

const rapidjson::Value& Scenario(const rapidjson::Document& doc, const std::string& id) {
  for (const auto& s : doc["scenarios"].GetArray()) {
    if (id == s["id"].GetString()) return s;
  }
  ADD_FAILURE() << "no scenario " << id;
  return doc["scenarios"][0];
}

std::string VerdictOf(const rapidjson::Value& scenario, const std::string& level) {
  for (const auto& r : scenario["requirements"].GetArray()) {
    if (level == r["level"].GetString()) return r["verdict"].GetString();
  }
  return "none";
}

void CheckEveryScenarioIsJudgedAndEvidenced(const rapidjson::Document& doc) {
  ASSERT_EQ(doc["scenarios"].Size(), 8u);
  for (const auto& s : doc["scenarios"].GetArray()) {
    ASSERT_GT(s["requirements"].Size(), 0u) << s["id"].GetString();
    for (const auto& r : s["requirements"].GetArray()) {
      std::string verdict = r["verdict"].GetString();
      EXPECT_TRUE(verdict == "pass" || verdict == "fail" || verdict == "skip");
      EXPECT_FALSE(std::string(r["summary"].GetString()).empty()) << s["id"].GetString();
      if (verdict != "skip") {
        EXPECT_GT(r["evidence"].Size(), 0u) << s["id"].GetString();
      }
    }
  }
}

/// What these versions really do: an unknown name is warned about and skipped without failing;
/// a capability missing from the runtime's own bounding set makes it exit non-zero.
void CheckKnownBehaviour(const rapidjson::Document& doc) {
  EXPECT_STREQ(Scenario(doc, "baseline")["verdict"].GetString(), "pass");
  const auto& unknown = Scenario(doc, "unknown-name");
  EXPECT_EQ(VerdictOf(unknown, "MUST"), "pass");
  EXPECT_EQ(VerdictOf(unknown, "SHOULD NOT"), "pass");
  const auto& environment = Scenario(doc, "environment-unavailable");
  EXPECT_EQ(VerdictOf(environment, "SHOULD NOT"), "fail");
  EXPECT_STREQ(environment["verdict"].GetString(), "fail");
  EXPECT_STREQ(Scenario(doc, "non-root-ambient")["verdict"].GetString(), "pass");
  EXPECT_STREQ(Scenario(doc, "no-new-privileges")["verdict"].GetString(), "pass");
}

class ConformanceIntegrationTest : public ::testing::TestWithParam<const char*> {};

TEST_P(ConformanceIntegrationTest, DebianRuntimeThroughTheBattery) {
  std::string runtime = GetParam();
  if (geteuid() != 0) GTEST_SKIP() << "conformance runs runtimes as root";
  if (!testing::OnPath(runtime)) GTEST_SKIP() << runtime << " is not installed";
  testing::TempDir dir;
  rapidjson::Document doc = RunBattery(runtime, dir.path() + "/" + runtime);
  EXPECT_STREQ(doc["runtime"]["name"].GetString(), runtime.c_str());
  CheckEveryScenarioIsJudgedAndEvidenced(doc);
  CheckKnownBehaviour(doc);
  std::string markdown = testing::ReadFile(dir.path() + "/" + runtime + "/report.md");
  EXPECT_THAT(markdown, HasSubstr("SHOULD NOT"));
  EXPECT_THAT(markdown, HasSubstr("Runtimes SHOULD NOT fail"));
}

INSTANTIATE_TEST_SUITE_P(Runtimes, ConformanceIntegrationTest, ::testing::Values("runc", "crun"));

TEST(ConformanceCliTest, NeedsRootAndAKnownRuntime) {
  if (geteuid() == 0) {
    testing::CliResult missing =
        testing::RunBinary({"conformance", "--runtime", "/no/such/runtime"});
    EXPECT_EQ(missing.exit_code, 3);
    EXPECT_THAT(missing.err, HasSubstr("not found or not executable"));
  } else {
    testing::CliResult r = testing::RunBinary({"conformance", "--runtime", "runc"});
    EXPECT_EQ(r.exit_code, 3);
    EXPECT_THAT(r.err, HasSubstr("as root"));
  }
  EXPECT_EQ(
      testing::RunBinary({"conformance", "--runtime", "runc", "--scenario", "nope"}).exit_code, 2);
  EXPECT_EQ(
      testing::RunBinary({"conformance", "--runtime", "runc", "--battery", "everything"}).exit_code,
      2);
  testing::CliResult other = testing::RunBinary(
      {"conformance", "--runtime", "runc", "--battery", "caps", "--scenario", "hostname"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_THAT(other.err, HasSubstr("--scenario hostname is in the spec battery"));
}

}  // namespace
}  // namespace ocilint
