// Golden outputs: the whole text and JSON reports over testdata/examples and testdata/invalid,
// compared with testdata/golden/. Set OCI_LINT_UPDATE_GOLDEN=1 to rewrite them after a
// deliberate change, then review the diff before committing.

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"
#include "version.h"

namespace ocilint {
namespace {

using testing::CliResult;
using testing::RunInProcess;
using testing::SourcePath;

bool Updating() {
  const char* update = std::getenv("OCI_LINT_UPDATE_GOLDEN");
  return update && std::string(update) == "1";
}

/// Replaces the version so that a release does not churn every golden file.
std::string Normalize(std::string text) {
  const std::string version = std::string("\"version\": \"") + kVersion + "\"";
  for (size_t at = text.find(version); at != std::string::npos; at = text.find(version, at)) {
    text.replace(at, version.size(), "\"version\": \"VERSION\"");
  }
  return text;
}

std::string FirstDifference(const std::string& want, const std::string& got) {
  std::istringstream a(want), b(got);
  std::string x, y;
  for (int line = 1;; ++line) {
    bool more_a = static_cast<bool>(std::getline(a, x));
    bool more_b = static_cast<bool>(std::getline(b, y));
    if (!more_a && !more_b) return "identical";
    if (!more_a || !more_b || x != y) {
      return "first difference at line " + std::to_string(line) +
             ":\n  golden: " + (more_a ? x : "<end>") + "\n  actual: " + (more_b ? y : "<end>");
    }
  }
}

struct GoldenCase {
  const char* name;    ///< golden file name, without extension
  const char* dir;     ///< relative to the source root
  const char* format;  ///< text or json
  const char* extension;
};

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.dir << " as " << c.format;
}

class GoldenTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenTest, MatchesTheCommittedOutput) {
  const GoldenCase& c = GetParam();
  if (!std::filesystem::is_directory(SourcePath(c.dir))) {
    GTEST_SKIP() << c.dir << " does not exist yet";
  }
  CliResult r;
  {
    // Relative paths and a fixed target keep the goldens independent of where the repository
    // is checked out and of the machine's kernel and bounding set.
    testing::ScopedChdir chdir(testing::SourceDir());
    r = RunInProcess({"--format", c.format, "--color", "never", "--kernel", "5.15.0-91-generic",
                      "--environment", "none", c.dir});
  }
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1 || r.exit_code == 3) << r.err;
  EXPECT_EQ(r.err, "");
  std::string actual = Normalize(r.out);
  std::string golden_path =
      SourcePath(std::string("testdata/golden/") + c.name + "." + c.extension);
  if (Updating()) {
    std::filesystem::create_directories(SourcePath("testdata/golden"));
    testing::WriteFile(golden_path, actual);
    std::cout << "[ updated  ] " << golden_path << "\n";
    return;
  }
  if (!std::filesystem::exists(golden_path)) {
    FAIL() << golden_path << " is missing; create it with OCI_LINT_UPDATE_GOLDEN=1";
  }
  std::string want = testing::ReadFile(golden_path);
  EXPECT_TRUE(want == actual) << golden_path << " is out of date (" << FirstDifference(want, actual)
                              << ")\nIf the change is intended, rerun with "
                                 "OCI_LINT_UPDATE_GOLDEN=1 and review the diff.";
}

INSTANTIATE_TEST_SUITE_P(
    Outputs, GoldenTest,
    ::testing::Values(GoldenCase{"examples", "testdata/examples", "text", "txt"},
                      GoldenCase{"examples", "testdata/examples", "json", "json"},
                      GoldenCase{"invalid", "testdata/invalid", "text", "txt"},
                      GoldenCase{"invalid", "testdata/invalid", "json", "json"}),
    [](const auto& case_info) {
      return std::string(case_info.param.name) + "_" + case_info.param.format;
    });

TEST(GoldenNormalizeTest, ReplacesOnlyTheToolVersion) {
  std::string text =
      std::string("{\"version\": \"") + kVersion + "\", \"ociVersion\": \"" + kVersion + "\"}";
  std::string normalized = Normalize(text);
  EXPECT_EQ(normalized.find(std::string("\"version\": \"") + kVersion), std::string::npos);
  EXPECT_NE(normalized.find("\"version\": \"VERSION\""), std::string::npos);
  EXPECT_NE(normalized.find(std::string("\"ociVersion\": \"") + kVersion), std::string::npos);
}

}  // namespace
}  // namespace ocilint
