#pragma once

// Test-only helpers shared by the suites: where the sources and the binary are, running the
// CLI in-process or as a real process, and scratch directories.

#include <string>
#include <vector>

#include "lint/target.h"

namespace ocilint::testing {

/// The repository root (testdata/, schema/ live below it).
std::string SourceDir();
/// The built oci-lint executable.
std::string BinaryPath();
/// Path below the repository root.
std::string SourcePath(const std::string& relative);

std::string ReadFile(const std::string& path);
void WriteFile(const std::string& path, const std::string& text);
/// Sorted file names (not paths) of the *.json files directly in `dir`; empty when absent.
std::vector<std::string> JsonFilesIn(const std::string& dir);

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

/// Runs ocilint::cli::Run in-process with argv = {"oci-lint", args...}.
CliResult RunInProcess(const std::vector<std::string>& args);

/// Runs the real binary (fork + exec), feeding `stdin_text` to its standard input unless
/// `stdin_path` names a file to open as standard input instead. Gives up after
/// `timeout_seconds` (the child is killed and exit_code is -2).
/// `run_as_uid` >= 0: the child switches to that uid (and gid) before exec; needs root.
CliResult RunBinary(const std::vector<std::string>& args, const std::string& stdin_text = "",
                    const std::string& stdin_path = "", int timeout_seconds = 20,
                    int run_as_uid = -1);

/// Whether `program` is found on PATH (`command -v`).
bool OnPath(const std::string& program);

/// `command` run by /bin/sh, its stderr joined to its stdout: the exit status (128 + the signal
/// when a signal ended it) and the output.
struct ShellResult {
  int status = -1;
  std::string out;
};
ShellResult RunShell(const std::string& command);

/// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  /// Writes `text` to path()/relative (creating parent directories) and returns the full path.
  std::string Write(const std::string& relative, const std::string& text) const;

 private:
  std::string path_;
};

/// Sets an environment variable for the lifetime of the object, then restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

/// Changes the working directory for the lifetime of the object.
class ScopedChdir {
 public:
  explicit ScopedChdir(const std::string& dir);
  ~ScopedChdir();
  ScopedChdir(const ScopedChdir&) = delete;
  ScopedChdir& operator=(const ScopedChdir&) = delete;

 private:
  std::string old_;
};

/// The target options for --kernel, --environment, --runtime-features, --runtime and
/// --environment-limits.
lint::TargetOptions TargetOptionsOf(std::string kernel, std::string environment,
                                    std::string runtime_features, std::string runtime,
                                    std::string environment_limits = "");

/// True when `text` is well-formed UTF-8.
bool IsValidUtf8(const std::string& text);

}  // namespace ocilint::testing
