// The command line, in-process through ocilint::cli::Run: exit codes, inputs, text output.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "cli/byte_size.h"
#include "test_util.h"
#include "version.h"

namespace ocilint {
namespace {

using testing::CliResult;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::RunInProcess;
using testing::SourcePath;
using ::testing::StartsWith;
using testing::TempDir;

constexpr const char* kDebianSchemaDir =
    "/usr/share/gocode/src/github.com/opencontainers/runtime-spec/schema";
constexpr const char* kMinimal = "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}}\n";

std::string Example(const std::string& name) {
  return SourcePath("testdata/examples/" + name);
}

/// Lines of the text output that start a diagnostic ("path:line:col: severity: ...").
std::vector<std::string> HeaderLines(const std::string& out, const std::string& prefix) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    std::string line = out.substr(start, end - start);
    if (line.rfind(prefix, 0) == 0) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

constexpr const char* kNoTargetHeader =
    "target kernel:      any (--kernel none: no kernel limits checked)\n"
    "target environment: not restricted (--environment none)\n"
    "target runtime:     not specified (see --runtime-features, --runtime)\n";
constexpr const char* kCleanSummary =
    "1 file checked: 0 errors, 0 warnings, 0 notes; schema: embedded runtime-spec v1.3.0\n";

TEST(CliTest, CleanConfigExitsZeroWithOneSummaryLine) {
  CliResult r = RunInProcess(
      {"--color", "never", "--kernel", "none", "--environment", "none", Example("clean.oci.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, kCleanSummary);
  EXPECT_EQ(r.err, "");
  // The host target too: a clean run says one line, whatever the host lacks.
  r = RunInProcess({"--color", "never", Example("clean.oci.json")});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_EQ(r.out, kCleanSummary);
}

TEST(CliTest, VerboseStatesTheTargetFirstAndQuietPrintsFindingsOnly) {
  CliResult verbose = RunInProcess({"--color", "never", "-v", "--kernel", "none", "--environment",
                                    "none", Example("clean.oci.json")});
  EXPECT_EQ(verbose.exit_code, 0);
  EXPECT_EQ(verbose.out, std::string(kNoTargetHeader) + kCleanSummary);
  CliResult quiet = RunInProcess({"--color", "never", "--quiet", Example("clean.oci.json")});
  EXPECT_EQ(quiet.exit_code, 0);
  EXPECT_EQ(quiet.out, "");
  CliResult normal = RunInProcess({"--color", "never", Example("schema-errors.oci.json")});
  quiet = RunInProcess({"--color", "never", "-q", Example("schema-errors.oci.json")});
  EXPECT_EQ(quiet.exit_code, 1) << "quiet changes the output, not the verdict";
  ASSERT_THAT(normal.out, HasSubstr("1 file checked: "));
  EXPECT_EQ(quiet.out, normal.out.substr(0, normal.out.find("1 file checked: ")));
  EXPECT_THAT(quiet.out, HasSubstr("[schema]"));
  CliResult github = RunInProcess({"--format", "github", "-q", Example("schema-errors.oci.json")});
  EXPECT_THAT(github.out, HasSubstr("::error file="));
  EXPECT_THAT(github.out, Not(HasSubstr("files checked")));
  EXPECT_EQ(RunInProcess({"-q", "-v", Example("clean.oci.json")}).exit_code, 2)
      << "--quiet and --verbose exclude each other";
}

/// The "target ..." lines of a text report.
std::vector<std::string> TargetLines(const std::string& out) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("target ", 0) == 0) lines.push_back(line.substr(0, line.find(':')));
  }
  return lines;
}

TEST(CliTest, TheTargetIsNamedWhenAFindingDependsOnIt) {
  TempDir dir;
  std::string caps = dir.Write(
      "caps.json", R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
                   R"("args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": )"
                   R"(["CAP_SYS_ADMIN", "CAP_CHECKPOINT_RESTORE"]}}})");
  std::string env = SourcePath("testdata/caps/environments/docker-default.status");
  CliResult r = RunInProcess({"--color", "never", "--kernel", "none", "--environment", env, caps});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_THAT(r.out, HasSubstr("[cap-unavailable]"));
  EXPECT_THAT(TargetLines(r.out), ElementsAre("target environment")) << r.out;
  EXPECT_LT(r.out.find("[cap-unavailable]"), r.out.find("target environment: the bounding set in"))
      << "named after the findings, before the summary";
  r = RunInProcess({"--color", "never", "--kernel", "5.4", "--environment", env, caps});
  EXPECT_THAT(TargetLines(r.out), ElementsAre("target kernel", "target environment")) << r.out;
  r = RunInProcess({"--color", "never", "--kernel", "5.4", "--environment", "none", caps});
  EXPECT_THAT(TargetLines(r.out), ElementsAre("target kernel")) << r.out;
  r = RunInProcess({"--color", "never", "--kernel", "none", "--environment", "none", caps});
  EXPECT_THAT(TargetLines(r.out), IsEmpty()) << r.out;
  r = RunInProcess(
      {"--color", "never", "--kernel", "5.4", "--environment", env, "--format", "github", caps});
  EXPECT_THAT(TargetLines(r.out), IsEmpty()) << "only the text format names the target";
}

TEST(CliTest, LintSubcommandIsTheDefault) {
  CliResult implicit = RunInProcess({"--color", "never", Example("schema-errors.oci.json")});
  CliResult explicit_ =
      RunInProcess({"lint", "--color", "never", Example("schema-errors.oci.json")});
  EXPECT_EQ(implicit.exit_code, 1);
  EXPECT_EQ(explicit_.exit_code, 1);
  EXPECT_EQ(implicit.out, explicit_.out);
}

TEST(CliTest, SchemaErrorsExitOne) {
  CliResult r = RunInProcess({"--color", "never", Example("schema-errors.oci.json")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(HeaderLines(r.out, Example("schema-errors.oci.json") + ":").size(), 4u) << r.out;
  EXPECT_THAT(r.out, HasSubstr("4 errors, 0 warnings"));
  CliResult explicit_error =
      RunInProcess({"--fail-on", "error", Example("schema-errors.oci.json")});
  EXPECT_EQ(explicit_error.exit_code, 1);
}

TEST(CliTest, FailOnDecidesTheExitCode) {
  const std::string dup = Example("duplicate-key.oci.json");
  EXPECT_EQ(RunInProcess({dup}).exit_code, 0) << "a warning alone does not fail by default";
  EXPECT_EQ(RunInProcess({"--fail-on", "warning", dup}).exit_code, 1);
  EXPECT_EQ(RunInProcess({"--fail-on", "never", Example("schema-errors.oci.json")}).exit_code, 0);
  EXPECT_EQ(RunInProcess({"--fail-on", "warning", Example("clean.oci.json")}).exit_code, 0);
}

TEST(CliTest, MaxSizeTakesBytesAndPowersOf1024) {
  using cli::ParseByteSize;
  EXPECT_EQ(ParseByteSize("4096"), 4096u);
  EXPECT_EQ(ParseByteSize("0"), 0u);
  EXPECT_EQ(ParseByteSize("12b"), 12u);
  for (const char* kib : {"1K", "1k", "1KB", "1kib", "1 KiB", " 1K "}) {
    EXPECT_EQ(ParseByteSize(kib), 1024u) << kib;
  }
  EXPECT_EQ(ParseByteSize("64M"), size_t{64} << 20);
  EXPECT_EQ(ParseByteSize("3GiB"), size_t{3} << 30);
  EXPECT_EQ(ParseByteSize("2t"), size_t{2} << 40);
  EXPECT_EQ(ParseByteSize("18446744073709551615"), SIZE_MAX);
  for (const char* bad : {"", "K", "lots", "1.5K", "-1", "1 Q", "1KK", "1 K B", "1E",
                          "18446744073709551616", "17179869184G", "0x10"}) {
    EXPECT_FALSE(ParseByteSize(bad).has_value()) << bad;
  }
  const std::string clean = Example("clean.oci.json");
  EXPECT_EQ(RunInProcess({"--max-size", "1 mib", clean}).exit_code, 0);
  CliResult r = RunInProcess({"--max-size", "1.5K", clean});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("\"1.5K\" is not a size")) << r.err;
}

TEST(CliTest, UsageErrorsExitTwo) {
  const std::string clean = Example("clean.oci.json");
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"--bogus", clean},
                                             {"--format", "xml", clean},
                                             {"--fail-on", "sometimes", clean},
                                             {"--color", "sometimes", clean},
                                             {"--max-size", "lots", clean},
                                             {},
                                             {"lint"},
                                             {"--format"}}) {
    CliResult r = RunInProcess(args);
    std::string shown;
    for (const std::string& a : args) shown += a + " ";
    EXPECT_EQ(r.exit_code, 2) << shown;
    EXPECT_THAT(r.err, StartsWith("oci-lint: ")) << shown;
    EXPECT_THAT(r.err, HasSubstr("oci-lint --help")) << shown;
    EXPECT_EQ(r.out, "") << shown;
  }
  EXPECT_THAT(RunInProcess({}).err, HasSubstr("no PATH given"));
  EXPECT_THAT(RunInProcess({"--format", "xml", clean}).err, HasSubstr("xml"));
}

TEST(CliTest, HelpAndVersion) {
  CliResult version = RunInProcess({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, StartsWith(std::string("oci-lint ") + kVersion + "\n"));
  EXPECT_THAT(version.out, HasSubstr("\ncommit: "));
  EXPECT_THAT(version.out, HasSubstr("\nspec: 1.3.0 (the embedded runtime-spec schema)"));
  EXPECT_THAT(version.out, HasSubstr(std::string("\nbuild: ") + kBuildType));
  CliResult help = RunInProcess({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("Exit codes:"));
  EXPECT_THAT(RunInProcess({"lint", "--help"}).out, HasSubstr("--fail-on"));
}

TEST(CliTest, MissingFileExitsThreeAndTheOthersAreStillLinted) {
  const std::string missing = "/nonexistent/oci-lint/config.json";
  CliResult r = RunInProcess(
      {"--color", "never", missing, Example("schema-errors.oci.json"), Example("clean.oci.json")});
  EXPECT_EQ(r.exit_code, 3) << "unreadable beats findings";
  EXPECT_THAT(r.out, HasSubstr(missing + ": error: cannot open " + missing +
                               ": No such file or directory [io-error]"));
  EXPECT_EQ(HeaderLines(r.out, Example("schema-errors.oci.json") + ":").size(), 4u);
  EXPECT_THAT(r.out, HasSubstr("3 files checked (1 unreadable): 5 errors"));
}

TEST(CliTest, DirectoryWithoutConfigsExitsThree) {
  TempDir dir;
  dir.Write("notes.txt", "not a config");
  dir.Write("sub/readme.md", "nor this");
  CliResult r = RunInProcess({"--color", "never", dir.path()});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr("no *.json files found below directory " + dir.path()));
  EXPECT_THAT(r.out, HasSubstr("[io-error]"));
}

TEST(CliTest, UnreadableFileExitsThree) {
  TempDir dir;
  std::string locked = dir.Write("locked.json", kMinimal);
  std::string readable = dir.Write("readable.json", kMinimal);
  ASSERT_EQ(chmod(locked.c_str(), 0), 0);
  CliResult r;
  if (geteuid() == 0) {
    // Root reads a chmod 000 file anyway: run the binary as nobody instead.
    constexpr int kNobody = 65534;
    ASSERT_EQ(chmod(dir.path().c_str(), 0755), 0);
    r = testing::RunBinary({"--color", "never", locked, readable}, "", "", 20, kNobody);
    if (r.exit_code == 126 || r.exit_code == 127) {
      GTEST_SKIP() << "cannot run " << testing::BinaryPath() << " as uid " << kNobody << " (exit "
                   << r.exit_code << "): a parent directory is not searchable";
    }
  } else {
    r = RunInProcess({"--color", "never", locked, readable});
  }
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr(locked + ": error: cannot open " + locked +
                               ": Permission denied [io-error]"));
  EXPECT_THAT(r.out, HasSubstr("2 files checked (1 unreadable)"));
}

TEST(CliTest, FileOverMaxSizeIsRefused) {
  TempDir dir;
  std::string config = std::string(kMinimal);
  std::string exact = dir.Write("exact.json", config + std::string(1024 - config.size(), ' '));
  std::string over = dir.Write("over.json", config + std::string(1025 - config.size(), ' '));
  CliResult r = RunInProcess({"--color", "never", "--max-size", "1K", exact, over});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr(over + ": error: " + over +
                               " is 1025 bytes, more than --max-size 1024 [input-too-large]"));
  EXPECT_THAT(r.out, Not(HasSubstr(exact + ": error")));
  EXPECT_EQ(RunInProcess({"--max-size", "1K", exact}).exit_code, 0) << "the limit is inclusive";
  EXPECT_EQ(RunInProcess({"--max-size", "2K", over}).exit_code, 0);
}

TEST(CliTest, DirectoriesExpandToSortedJsonFiles) {
  TempDir dir;
  dir.Write("b.json", kMinimal);
  dir.Write("a/c.json", "{}");  // missing ociVersion: one error, to see it reported
  dir.Write("a.json", kMinimal);
  dir.Write("a/deeper/d.json", kMinimal);
  dir.Write("z.txt", "ignored");
  dir.Write("ignored.json.bak", "ignored");
  std::filesystem::create_directories(dir.path() + "/dir.json");  // a directory, not a file
  for (const std::string& arg : {dir.path(), dir.path() + "/", dir.path() + "//"}) {
    CliResult r = RunInProcess({"--format", "json", arg});
    EXPECT_EQ(r.exit_code, 1) << arg << r.err;
    std::vector<std::string> paths;
    for (size_t at = r.out.find("\"path\": \""); at != std::string::npos;
         at = r.out.find("\"path\": \"", at + 1)) {
      size_t start = at + 9;
      paths.push_back(r.out.substr(start, r.out.find('"', start) - start));
    }
    const std::string& d = dir.path();
    EXPECT_EQ(paths, (std::vector<std::string>{d + "/a.json", d + "/a/c.json",
                                               d + "/a/deeper/d.json", d + "/b.json"}))
        << arg;
  }
}

TEST(CliTest, SchemaDirWithDebiansUpstreamCopy) {
  if (!std::filesystem::is_directory(kDebianSchemaDir)) {
    GTEST_SKIP() << kDebianSchemaDir << " is absent (golang-github-opencontainers-specs-dev)";
  }
  // memoryPolicy is new in v1.3.0: the embedded schema checks it, Debian's older copy does not.
  std::string fixture = SourcePath("testdata/schema/invalid/memoryPolicy-mode-unknown.json");
  if (!std::filesystem::exists(fixture)) GTEST_SKIP() << fixture << " is absent";
  CliResult upstream =
      RunInProcess({"--color", "never", "--schema-dir", kDebianSchemaDir, fixture});
  EXPECT_EQ(upstream.exit_code, 0) << upstream.out << upstream.err;
  EXPECT_THAT(upstream.out, HasSubstr(std::string("schema: directory ") + kDebianSchemaDir));
  CliResult embedded = RunInProcess({"--color", "never", fixture});
  EXPECT_EQ(embedded.exit_code, 1);
  EXPECT_THAT(embedded.out, HasSubstr("schema: embedded runtime-spec v1.3.0"));
}

TEST(CliTest, SchemaDirThatCannotBeLoadedExitsThree) {
  TempDir dir;
  CliResult none =
      RunInProcess({"--schema-dir", dir.path() + "/missing", Example("clean.oci.json")});
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_THAT(none.err, HasSubstr("not a readable directory"));
  CliResult empty = RunInProcess({"--schema-dir", dir.path(), Example("clean.oci.json")});
  EXPECT_EQ(empty.exit_code, 3);
  EXPECT_THAT(empty.err, HasSubstr("no config-schema.json"));
  dir.Write("config-schema.json", R"({"$ref": "defs.json#/definitions/nothing"})");
  CliResult broken = RunInProcess({"--schema-dir", dir.path(), Example("clean.oci.json")});
  EXPECT_EQ(broken.exit_code, 3);
  EXPECT_THAT(broken.err, HasSubstr("defs.json"));
}

TEST(CliTest, TextOutputLayout) {
  TempDir dir;
  std::string path =
      dir.Write("t.json",
                "{\n\t\"ociVersion\": 1,\n\t\"root\": {\"path\": \"rootfs\"},\n\t\"process\": "
                "{\"cwd\": \"/\", \"args\": [\"sh\"], \"user\": {\"uid\": 0, \"gid\": 0}}\n}\n");
  CliResult r =
      RunInProcess({"--color", "never", "--kernel", "none", "--environment", "none", path});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, path + ":2:16: error: expected a string, found an integer 1 [schema]\n" +
                       " 2 |         \"ociVersion\": 1,\n" + "   |                       ^\n" +
                       "   = at: /ociVersion\n" +
                       "   = spec: https://github.com/opencontainers/runtime-spec/blob/v1.3.0/"
                       "config.md#specification-version\n" +
                       "1 file checked: 1 error, 0 warnings, 0 notes; schema: embedded "
                       "runtime-spec v1.3.0\n");
}

TEST(CliTest, TextCaretCountsCodePoints) {
  TempDir dir;
  std::string path =
      dir.Write("u.json",
                "{\"ociVersion\": \"1.3.0\", \"hostname\": \"\xE6\x97\xA5\", \"x\": 1, "
                "\"process\": 2}");
  CliResult r = RunInProcess({"--color", "never", path});
  EXPECT_THAT(r.out, HasSubstr(path + ":1:61: error: expected an object, found an integer 2"));
  // The caret sits under the 2: 60 cells of source before it.
  EXPECT_THAT(r.out, HasSubstr("\n   | " + std::string(60, ' ') + "^\n"));
}

TEST(CliTest, ColorFollowsTheFlagAndNoColor) {
  const std::string file = Example("schema-errors.oci.json");
  CliResult never = RunInProcess({"--color", "never", file});
  EXPECT_THAT(never.out, Not(HasSubstr("\033[")));
  CliResult always = RunInProcess({"--color", "always", file});
  EXPECT_THAT(always.out, HasSubstr("\033[1;31merror:\033[0m"));
  {
    testing::ScopedEnv no_color("NO_COLOR", "1");
    EXPECT_THAT(RunInProcess({"--color", "auto", file}).out, Not(HasSubstr("\033[")));
    EXPECT_THAT(RunInProcess({file}).out, Not(HasSubstr("\033[")));
  }
  // Colour never leaks into the JSON format.
  EXPECT_THAT(RunInProcess({"--color", "always", "--format", "json", file}).out,
              Not(HasSubstr("\033[")));
}

TEST(CliTest, UnreadableInputsAndFilesMix) {
  TempDir dir;
  std::string bad = dir.Write("bad.json", "{\"ociVersion\": \"1.3.0\",}");
  CliResult r = RunInProcess({"--color", "never", bad, dir.path() + "/none.json"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr(bad + ":1:23: error: trailing comma before '}'"));
  EXPECT_THAT(r.out, HasSubstr("[json-syntax]"));
}

}  // namespace
}  // namespace ocilint
