#pragma once

#include <string>
#include <vector>

#include "util/error.h"
#include "util/private_dir.h"
#include "util/process.h"

namespace ocilint::conformance {

/// How to start the runtime under test: its path, its global arguments, and what the child does
/// before it execs the runtime.
struct Launcher {
  std::string path;
  std::string name;  ///< the file name: "runc", "crun", "runsc"
  /// Arguments before the subcommand: the battery's own (log format, debug) and --runtime-arg.
  std::vector<std::string> global_flags;
  bool private_cgroup2 = false;  ///< crun on a hybrid host: a private cgroup2 mount

  std::vector<std::string> Command(const std::vector<std::string>& args) const;
  /// `drops`: capabilities the child removes from its bounding set first.
  CommandSetup Setup(std::vector<int> drops = {}) const;
};

/// `name` searched in PATH, or `name` itself when it holds a '/'; "" when not found.
std::string FindInPath(const std::string& name);

/// The whole file, or "" when it cannot be read.
std::string ReadText(const std::string& path);

/// argv as one line, for the evidence.
std::string JoinCommand(const std::vector<std::string>& argv);

/// The container id of `scenario` in the run of process `pid`: a sweep can name a leftover's.
std::string ContainerId(pid_t pid, const std::string& scenario);

/// `work`/NAME/{config.json, rootfs/oci-lint-probe-helper}, each created fresh (never an existing
/// path) from the already-checked helper descriptor. Returns the bundle's path.
Result<std::string> MakeBundle(const PrivateDir& work, const std::string& name, int helper,
                               const std::string& config);

}  // namespace ocilint::conformance
