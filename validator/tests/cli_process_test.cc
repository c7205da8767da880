// The real oci-lint binary: process exit codes, standard input, devices and FIFOs that must not
// hang it, and colour decided by whether standard output is a terminal.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pty.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "test_util.h"

namespace ocilint {
namespace {

using testing::BinaryPath;
using testing::CliResult;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::RunBinary;
using testing::SourcePath;
using testing::TempDir;

constexpr const char* kMinimal = "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}}\n";

std::string Example(const std::string& name) {
  return SourcePath("testdata/examples/" + name);
}

TEST(CliProcessTest, ExitCodes) {
  EXPECT_EQ(RunBinary({Example("clean.oci.json")}).exit_code, 0);
  EXPECT_EQ(RunBinary({Example("schema-errors.oci.json")}).exit_code, 1);
  EXPECT_EQ(RunBinary({Example("syntax-error.oci.json")}).exit_code, 1);
  EXPECT_EQ(RunBinary({"--fail-on", "warning", Example("duplicate-key.oci.json")}).exit_code, 1);
  EXPECT_EQ(RunBinary({"--fail-on", "never", Example("schema-errors.oci.json")}).exit_code, 0);
  CliResult usage = RunBinary({"--no-such-flag", Example("clean.oci.json")});
  EXPECT_EQ(usage.exit_code, 2);
  EXPECT_THAT(usage.err, HasSubstr("--no-such-flag"));
  EXPECT_EQ(RunBinary({}).exit_code, 2);
  CliResult missing = RunBinary({"/nonexistent.json", Example("clean.oci.json")});
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_THAT(missing.out, HasSubstr("2 files checked (1 unreadable)"));
}

// The shipped binary is linked statically; its patterns must still match code points (glibc's
// matcher in the C.UTF-8 locale), not bytes: "^.$" accepts one two-byte character.
TEST(CliProcessTest, StaticBinaryMatchesPatternsByCodePoint) {
  TempDir dir;
  dir.Write("config-schema.json",
            R"({"type": "object", "properties": {"hostname": {"pattern": "^.$"}}})");
  EXPECT_EQ(RunBinary({"--schema-dir", dir.path(), "-"},
                      "{\"root\": {\"path\": \"r\"}, \"hostname\": \"\xC3\xA9\"}")
                .exit_code,
            0);
  EXPECT_EQ(RunBinary({"--schema-dir", dir.path(), "-"}, "{\"hostname\": \"ab\"}").exit_code, 1);
}

// Files are linted on several threads; the report must not depend on how many or on which
// finished first: same text, order and exit code as one thread, for every format.
TEST(CliProcessTest, JobsDoNotChangeTheReport) {
  std::vector<std::string> args = {SourcePath("testdata/harvested"), SourcePath("testdata/invalid"),
                                   SourcePath("testdata/caps/fire"), "/nonexistent.json",
                                   Example("schema-errors.oci.json")};
  for (const char* format :
       {"text", "json", "sarif", "github", "gitlab", "junit", "tap", "checkstyle"}) {
    auto run = [&](const char* jobs) {
      std::vector<std::string> argv = {"--format", format, "--color", "never", "--jobs", jobs};
      argv.insert(argv.end(), args.begin(), args.end());
      return RunBinary(argv);
    };
    CliResult one = run("1");
    EXPECT_EQ(one.exit_code, 3) << "the missing file";
    EXPECT_THAT(one.out, HasSubstr("schema-errors.oci.json"));
    for (const char* jobs : {"2", "7"}) {
      CliResult many = run(jobs);
      EXPECT_EQ(many.exit_code, one.exit_code) << format << " -j " << jobs;
      EXPECT_EQ(many.out, one.out) << format << " -j " << jobs;
    }
  }
  EXPECT_EQ(RunBinary({"--jobs", "0", Example("clean.oci.json")}).exit_code, 2);
}

// Reports are written as files finish, in input order, with at most 64 per thread waiting:
// a batch far larger than that window, where some files take much longer than the others,
// gives the same report on two threads as on one.
TEST(CliProcessTest, ManyMoreFilesThanTheWriteWindowKeepTheirOrder) {
  TempDir dir;
  for (int i = 0; i < 400; ++i) {
    std::string caps;
    int count = i % 9 == 0 ? 3000 : 1;  // every ninth file is slow to lint
    for (int k = 0; k < count; ++k)
      caps += std::string(k ? "," : "") + "\"CAP_FOO_" + std::to_string(k % 50) + "\"";
    char name[32];
    std::snprintf(name, sizeof name, "c%03d.json", i);
    dir.Write(name,
              R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
              R"("args": ["sh"], "user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": [)" +
                  caps + "]}}, \"hostname\": \"h" + std::to_string(i) + "\"}");
  }
  for (const char* format : {"json", "tap"}) {
    CliResult one = RunBinary(
        {"--format", format, "--fail-on", "warning", "--jobs", "1", dir.path()}, "", "", 120);
    CliResult two = RunBinary(
        {"--format", format, "--fail-on", "warning", "--jobs", "2", dir.path()}, "", "", 120);
    EXPECT_EQ(one.exit_code, 1) << one.err;
    EXPECT_EQ(two.exit_code, one.exit_code);
    EXPECT_TRUE(two.out == one.out) << format << ": the -j 2 report differs from -j 1";
    EXPECT_THAT(one.out, HasSubstr("c399.json"));
  }
}

TEST(CliProcessTest, StandardInput) {
  CliResult clean = RunBinary({"--color", "never", "-"}, kMinimal);
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_THAT(clean.out, HasSubstr("1 file checked: 0 errors"));

  CliResult bad = RunBinary({"--color", "never", "-"}, "{\"ociVersion\": 1}");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_THAT(bad.out, HasSubstr("<stdin>:1:16: error: expected a string"));

  CliResult named =
      RunBinary({"--color", "never", "--stdin-filename", "bundle/config.json", "-"}, "{}");
  EXPECT_EQ(named.exit_code, 1);
  EXPECT_THAT(named.out,
              HasSubstr("bundle/config.json:1:1: error: missing required property \"ociVersion\""));
  EXPECT_THAT(named.out, Not(HasSubstr("<stdin>")));

  CliResult from_file = RunBinary({"--format", "json", "-"}, "", Example("schema-errors.oci.json"));
  EXPECT_EQ(from_file.exit_code, 1);
  EXPECT_THAT(from_file.out, HasSubstr("\"path\": \"<stdin>\""));
}

TEST(CliProcessTest, StandardInputOverMaxSize) {
  std::string big = std::string(kMinimal) + std::string(3000, ' ');
  CliResult r = RunBinary({"--color", "never", "--max-size", "1K", "-"}, big);
  EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("[input-too-large]"));
  EXPECT_THAT(r.out, HasSubstr("--max-size 1024"));
  EXPECT_EQ(RunBinary({"--max-size", "4K", "-"}, big).exit_code, 0);
}

TEST(CliProcessTest, DevZeroDoesNotHang) {
  CliResult r = RunBinary({"--color", "never", "--max-size", "1K", "/dev/zero"}, "", "", 20);
  ASSERT_NE(r.exit_code, -2) << "oci-lint hung reading /dev/zero";
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.out, HasSubstr("/dev/zero"));
  EXPECT_THAT(r.out, HasSubstr("[input-too-large]"));
  // Standard input that never ends is cut off the same way.
  CliResult stdin_zero = RunBinary({"--max-size", "64K", "-"}, "", "/dev/zero", 20);
  ASSERT_NE(stdin_zero.exit_code, -2) << "oci-lint hung reading /dev/zero as standard input";
  EXPECT_EQ(stdin_zero.exit_code, 3);
}

TEST(CliProcessTest, FifoWithoutWriterDoesNotHang) {
  TempDir dir;
  std::string fifo = dir.path() + "/config.json";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  CliResult r = RunBinary({"--color", "never", fifo, Example("clean.oci.json")}, "", "", 20);
  ASSERT_NE(r.exit_code, -2) << "oci-lint hung opening a FIFO nobody writes to";
  // Nothing was written: an empty input.
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr(fifo + ":1:1: error: the file is empty"));
  EXPECT_THAT(r.out, HasSubstr("2 files checked"));
}

/// Runs the binary with standard output on a pseudo-terminal; `env` entries are NAME=VALUE
/// (an empty value unsets NAME).
std::string RunOnTerminal(const std::vector<std::string>& args,
                          const std::vector<std::pair<std::string, std::string>>& env) {
  int master = -1;
  pid_t pid = forkpty(&master, nullptr, nullptr, nullptr);
  if (pid < 0) return "<forkpty failed>";
  if (pid == 0) {
    for (const auto& [name, value] : env) {
      if (value.empty()) {
        unsetenv(name.c_str());
      } else {
        setenv(name.c_str(), value.c_str(), 1);
      }
    }
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDERR_FILENO);
    std::string binary = BinaryPath();
    std::vector<std::string> copies(args);
    std::vector<char*> argv{binary.data()};
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  std::string out;
  char buffer[4096];
  while (true) {
    ssize_t n = read(master, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<size_t>(n));
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      break;  // EIO once the child has exited and closed the terminal
    }
  }
  close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  return out;
}

TEST(CliProcessTest, ColourOnATerminalUnlessNoColorOrDumb) {
  const std::vector<std::string> args{Example("schema-errors.oci.json")};
  std::string coloured = RunOnTerminal(args, {{"NO_COLOR", ""}, {"TERM", "xterm"}});
  if (coloured.find("schema-errors.oci.json") == std::string::npos) {
    GTEST_SKIP() << "no output through a pseudo-terminal here: " << coloured;
  }
  EXPECT_THAT(coloured, HasSubstr("\033[1;31merror:"));
  EXPECT_THAT(RunOnTerminal(args, {{"NO_COLOR", "1"}, {"TERM", "xterm"}}), Not(HasSubstr("\033[")));
  EXPECT_THAT(RunOnTerminal(args, {{"NO_COLOR", ""}, {"TERM", "dumb"}}), Not(HasSubstr("\033[")));
  EXPECT_THAT(RunOnTerminal({"--color", "never", args[0]}, {{"NO_COLOR", ""}, {"TERM", "xterm"}}),
              Not(HasSubstr("\033[")));
  // Not a terminal: no colour unless asked for.
  EXPECT_THAT(RunBinary(args).out, Not(HasSubstr("\033[")));
  EXPECT_THAT(RunBinary({"--color", "always", args[0]}).out, HasSubstr("\033["));
}

}  // namespace
}  // namespace ocilint
