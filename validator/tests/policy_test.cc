// Project configuration (.oci-lint.toml), --severity/--disable, path ignores and the
// dev.oci-lint.ignore annotation.

#include "lint/policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace ocilint {
namespace {

using testing::CliResult;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunInProcess;
using testing::TempDir;

/// runc spec declaring the release 1.0.2 instead of its "1.0.2-dev" (which version-prerelease
/// notes): three cap-ambient-not-granted warnings, nothing else with --kernel/--environment none.
std::string RuncSpec() {
  std::string text = testing::ReadFile(testing::SourcePath("testdata/harvested/runc-spec.json"));
  size_t dev = text.find("\"1.0.2-dev\"");
  if (dev != std::string::npos) text.replace(dev, 11, "\"1.0.2\"");
  return text;
}

TEST(PolicyTest, LoadsEveryKey) {
  TempDir dir;
  std::string path = dir.Write(".oci-lint.toml", R"(
fail-on = "warning"
disable = ["cap-duplicate"]
[target]
kernel = "5.4"
environment = "env.status"
runtime-features = "runc.json"
[severity]
cap-ambient-not-granted = "note"
[[ignore]]
path = "vendor/*"
rules = ["schema"]
)");
  auto policy = lint::LoadPolicy(path);
  ASSERT_TRUE(policy.ok()) << policy.error().message();
  EXPECT_EQ(policy->fail_on, "warning");
  EXPECT_TRUE(policy->disabled.count("cap-duplicate"));
  EXPECT_EQ(policy->kernel, "5.4");
  EXPECT_EQ(policy->environment, dir.path() + "/env.status") << "relative to the config file";
  EXPECT_EQ(policy->severity.at("cap-ambient-not-granted"), diag::Severity::kNote);
  ASSERT_EQ(policy->ignores.size(), 1u);
  EXPECT_EQ(policy->ignores[0].glob, "vendor/*");
}

TEST(PolicyTest, BadKeysValuesAndRulesNameTheFileAndLine) {
  TempDir dir;
  struct Case {
    const char* text;
    const char* message;
  } cases[] = {
      {"fail-on = \"sometimes\"\n", ":1: fail-on must be"},
      {"\n\nunknown = 1\n", ":3: unknown key \"unknown\""},
      {"[severity]\ncap-nope = \"note\"\n", ":2: unknown rule \"cap-nope\""},
      {"[severity]\nschema = \"loud\"\n", ":2: severity.schema must be error, warning or note"},
      {"[target]\nkernal = \"5.4\"\n", ":2: unknown key target.kernal"},
      {"disable = \"schema\"\n", ":1: disable must be an array"},
      {"[[ignore]]\nrules = [\"schema\"]\n", "needs a path"},
      {"fail-on = \n", ":1:"},
  };
  for (const Case& c : cases) {
    std::string path = dir.Write("bad.toml", c.text);
    auto policy = lint::LoadPolicy(path);
    ASSERT_FALSE(policy.ok()) << c.text;
    EXPECT_EQ(policy.error().errno_value, EINVAL);
    EXPECT_THAT(policy.error().context, HasSubstr(c.message)) << c.text;
    CliResult r = RunInProcess({"--config", path, dir.Write("c.json", RuncSpec())});
    EXPECT_EQ(r.exit_code, 2) << c.text;
    EXPECT_THAT(r.err, HasSubstr("bad.toml:")) << c.text;
  }
  EXPECT_EQ(RunInProcess({"--config", dir.path() + "/missing.toml", "x.json"}).exit_code, 3);
}

// Found by the policy fuzzer (validator/fuzz/policy_fuzzer.cc): a table header whose key starts
// with a character no key starts with tripped an assertion inside toml++ 3.3.0 and aborted any
// build without NDEBUG (the sanitizer build is one).
TEST(PolicyTest, ATableHeaderWithoutAKeyIsAnErrorNotAnAbort) {
  TempDir dir;
  for (const char* text :
       {"[;]\n", "[[;]]\n", "[ ;", "[;;;;;;;;seveq\n\"cap-unknown\" = \"error\"\n"}) {
    std::string path = dir.Write("header.toml", text);
    auto policy = lint::LoadPolicy(path);
    ASSERT_FALSE(policy.ok()) << text;
    EXPECT_EQ(policy.error().errno_value, EINVAL);
    EXPECT_THAT(policy.error().context, HasSubstr("header.toml:1:")) << text;
    EXPECT_THAT(policy.error().context, HasSubstr("saw ';'")) << text;
  }
}

// Found by the policy fuzzer: toml++ 3.3.0 asked whether U+00A1 to U+0499 are whitespace by
// reaching __builtin_unreachable() (undefined behaviour; UBSan stops the sanitizer build there).
TEST(PolicyTest, ACyrillicOrLatinLetterWhereWhitespaceMayComeIsAnError) {
  TempDir dir;
  std::string path = dir.Write("letter.toml", "\xd1\x91t\n");
  auto policy = lint::LoadPolicy(path);
  ASSERT_FALSE(policy.ok());
  EXPECT_THAT(policy.error().context, HasSubstr("letter.toml:1:"));
  EXPECT_THAT(policy.error().context, HasSubstr("saw '\xd1\x91'"));
  path = dir.Write("comments.toml", "# caf\xc3\xa9 \xd1\x91\nfail-on = \"error\" # \xc3\xa9\n");
  policy = lint::LoadPolicy(path);
  ASSERT_TRUE(policy.ok()) << policy.error().message();
  EXPECT_EQ(policy->fail_on, "error");
}

TEST(PolicyTest, TheConfigIsFoundUpwardAndFlagsOverrideIt) {
  TempDir dir;
  dir.Write(".oci-lint.toml",
            "fail-on = \"warning\"\n[target]\nkernel = \"none\"\nenvironment = \"none\"\n");
  std::string config = dir.Write("deep/er/config.json", RuncSpec());
  CliResult r = RunInProcess({"--color", "never", "--verbose", config});
  EXPECT_EQ(r.exit_code, 1) << "fail-on = warning from the file: " << r.out;
  EXPECT_THAT(r.out, HasSubstr("target kernel:      any")) << "the target comes from the file";
  EXPECT_EQ(RunInProcess({"--fail-on", "error", config}).exit_code, 0) << "the flag wins";
  r = RunInProcess({"--color", "never", "--verbose", "--kernel", "5.4", config});
  EXPECT_THAT(r.out, HasSubstr("target kernel:      Linux 5.4"));
  r = RunInProcess({"--severity", "cap-ambient-not-granted=note", config});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("0 warnings, 3 notes"));
  r = RunInProcess({"--disable", "cap-ambient-not-granted", config});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("0 errors, 0 warnings, 0 notes;")) << "disabled, not counted";
  EXPECT_EQ(RunInProcess({"--disable", "cap-nope", config}).exit_code, 2);
  EXPECT_EQ(RunInProcess({"--severity", "schema", config}).exit_code, 2);
}

TEST(PolicyTest, PathIgnores) {
  TempDir dir;
  dir.Write(".oci-lint.toml",
            "[target]\nkernel = \"none\"\nenvironment = \"none\"\n"
            "[[ignore]]\npath = \"vendor/*\"\nrules = [\"cap-ambient-not-granted\"]\n");
  std::string vendored = dir.Write("vendor/x/config.json", RuncSpec());
  std::string own = dir.Write("own/config.json", RuncSpec());
  CliResult r = RunInProcess({"--color", "never", "--format", "json", vendored, own});
  EXPECT_THAT(r.out, HasSubstr("\"suppressed\": 3"));
  EXPECT_THAT(r.out, HasSubstr("\"warnings\": 3"));
}

std::string Annotated(const std::string& value) {
  std::string text = RuncSpec();
  size_t at = text.find("\"ociVersion\"");
  return text.insert(at, "\"annotations\": {\"dev.oci-lint.ignore\": \"" + value + "\"},\n\t");
}

TEST(PolicyTest, SuppressionAnnotations) {
  TempDir dir;
  std::vector<std::string> none = {"--color", "never", "--kernel", "none", "--environment", "none"};
  auto run = [&](const std::string& value) {
    std::vector<std::string> args = none;
    args.push_back(dir.Write("c.json", Annotated(value)));
    return RunInProcess(args);
  };
  CliResult all = run("cap-ambient-not-granted");
  EXPECT_THAT(all.out, HasSubstr("0 warnings, 0 notes (3 suppressed)"));
  CliResult one = run("cap-ambient-not-granted:/process/capabilities/ambient/1");
  EXPECT_THAT(one.out, HasSubstr("2 warnings, 0 notes (1 suppressed)"));
  EXPECT_THAT(one.out, Not(HasSubstr("ambient/1\n")));
  CliResult unused = run("cap-unknown, cap-ambient-not-granted");
  EXPECT_THAT(unused.out, HasSubstr("the suppression \"cap-unknown\" in dev.oci-lint.ignore "
                                    "matches no finding [unused-suppression]"));
  EXPECT_THAT(unused.out, HasSubstr("0 warnings, 1 note (3 suppressed)"));
  CliResult bogus = run("no-such-rule");
  EXPECT_THAT(bogus.out, HasSubstr("\"no-such-rule\" is not a rule"));
  // A pointer suppresses the findings at and below it, not at a sibling sharing its prefix.
  CliResult parent = run("cap-ambient-not-granted:/process/capabilities/ambient");
  EXPECT_THAT(parent.out, HasSubstr("0 warnings, 0 notes (3 suppressed)"));
  CliResult prefix = run("cap-ambient-not-granted:/process/capabilities/amb");
  EXPECT_THAT(prefix.out, HasSubstr("3 warnings, 1 note"));
  // Thousands of entries: each finding is looked up, and unused ones are listed up to 1000.
  std::string many = "cap-ambient-not-granted:/process/capabilities/ambient/2";
  for (int i = 0; i < 3000; ++i) many += ",cap-unknown:/x/" + std::to_string(i);
  CliResult crowd = run(many);
  EXPECT_THAT(crowd.out, HasSubstr("2 warnings, 1001 notes (1 suppressed)"));
  EXPECT_THAT(crowd.out, HasSubstr("... and 2000 more unused-suppression findings, not listed"));
}

}  // namespace
}  // namespace ocilint

namespace ocilint {
namespace {

TEST(OutputTest, GithubActionsAddsAnnotationsToTheTextReportOnly) {
  TempDir dir;
  std::string config = dir.Write("c.json", RuncSpec());
  setenv("GITHUB_ACTIONS", "true", 1);
  CliResult text =
      RunInProcess({"--color", "never", "--kernel", "none", "--environment", "none", config});
  CliResult json =
      RunInProcess({"--format", "json", "--kernel", "none", "--environment", "none", config});
  unsetenv("GITHUB_ACTIONS");
  EXPECT_THAT(text.out, HasSubstr("warning: ambient CAP_AUDIT_WRITE"));
  EXPECT_THAT(text.out, HasSubstr("::warning file=" + config + ",line=34,col=5"));
  EXPECT_THAT(json.out, Not(HasSubstr("::warning"))) << "an explicit --format is left alone";
  CliResult plain = RunInProcess({"--kernel", "none", "--environment", "none", config});
  EXPECT_THAT(plain.out, Not(HasSubstr("::warning")));
}

TEST(OutputTest, OutputFileGetsTheReport) {
  TempDir dir;
  std::string config = dir.Write("c.json", RuncSpec());
  std::string out = dir.path() + "/report.sarif";
  CliResult r = RunInProcess({"--format", "sarif", "--output", out, config});
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(testing::ReadFile(out), HasSubstr("\"version\": \"2.1.0\""));
  EXPECT_EQ(RunInProcess({"--output", "/no/such/dir/r.txt", config}).exit_code, 3);
}

}  // namespace
}  // namespace ocilint

namespace ocilint {
namespace {

TEST(OutputTest, ExitCodesFollowFailOnInEveryFormat) {
  TempDir dir;
  std::string config = dir.Write("c.json", RuncSpec());  // three warnings, no error
  for (const char* format :
       {"text", "json", "sarif", "github", "gitlab", "junit", "tap", "checkstyle"}) {
    std::vector<std::string> base = {"--format", format,          "--kernel",
                                     "none",     "--environment", "none"};
    auto run = [&](const char* fail_on) {
      std::vector<std::string> args = base;
      args.insert(args.end(), {"--fail-on", fail_on, config});
      return RunInProcess(args).exit_code;
    };
    EXPECT_EQ(run("error"), 0) << format;
    EXPECT_EQ(run("warning"), 1) << format;
    EXPECT_EQ(run("never"), 0) << format;
  }
}

}  // namespace
}  // namespace ocilint
