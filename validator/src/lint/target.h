#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "caps/features.h"
#include "caps/kernel_version.h"
#include "caps/proc_limits.h"
#include "caps/table.h"
#include "json/document.h"
#include "report/report.h"
#include "util/error.h"
#include "util/process.h"

namespace ocilint::lint {

/// The kernel the config will run on: what capabilities it has.
struct KernelTarget {
  enum class Source { kNone, kHost, kVersion };
  Source source = Source::kNone;
  std::string release;  ///< as given or as uname reports it
  std::optional<caps::KernelVersion> version;
  std::optional<int> last_cap;  ///< /proc/sys/kernel/cap_last_cap, for the host
  /// /proc/sys/fs/nr_open, for the host: the ceiling of RLIMIT_NOFILE, even with CAP_SYS_RESOURCE.
  std::optional<uint64_t> nr_open;

  /// False when the kernel certainly lacks `cap`; true when it has it or nothing is known.
  bool Supports(const caps::Capability& cap) const;
  std::string Describe() const;
};

/// The environment the runtime will run in: its bounding set limits what it can grant.
struct EnvironmentTarget {
  enum class Source { kNone, kHost, kFile };
  Source source = Source::kNone;
  std::string path;  ///< the status file, for kFile
  std::optional<caps::CapMask> bounding;
  /// The environment's resource limits, when known: the host's, or a /proc/PID/limits capture
  /// (in the --environment file after its status lines, or in --environment-limits FILE).
  std::optional<caps::ProcessLimits> limits;
  std::string limits_path;  ///< where `limits` came from

  bool Has(const caps::Capability& cap) const;
  std::string Describe() const;
  /// Short form for messages: "this host's bounding set".
  std::string Label() const;
};

/// The runtime that will read the config: which capability names it knows.
struct RuntimeTarget {
  enum class Source { kNone, kFeaturesFile, kCommand };
  Source source = Source::kNone;
  std::string origin;  ///< the features file, or the runtime command
  std::string name, version;
  std::optional<std::vector<std::string>> capabilities;
  /// Its whole features document (null when there is none): the runtime-* rules read it.
  std::shared_ptr<const json::Document> features;
  std::string note;  ///< why nothing is known, when the runtime could not say

  bool Knows(std::string_view canonical_name) const;
  std::string Describe() const;
  /// Short form for messages: "runc 1.1.5".
  std::string Label() const;
};

struct Target {
  KernelTarget kernel;
  EnvironmentTarget environment;
  RuntimeTarget runtime;
};

/// The command-line spelling of a target.
struct TargetOptions {
  std::string kernel = "host";       ///< VERSION | host | none
  std::string environment = "host";  ///< host | none | FILE
  std::string runtime_features;      ///< FILE, or empty
  std::string runtime;               ///< NAME | PATH, or empty
  std::string environment_limits;    ///< FILE (a /proc/PID/limits capture), or empty
};

/// Where host facts come from; tests substitute their own.
class HostProbe {
 public:
  virtual ~HostProbe() = default;
  virtual Result<std::string> ReadFile(const std::string& path) const;
  virtual Result<std::string> KernelRelease() const;
  virtual Result<CommandOutput> Run(const std::vector<std::string>& argv) const;
};

/// The target as reports state it.
report::TargetReport DescribeTarget(const Target& target);

/// Builds the target. A malformed value (a kernel version that is not one, a status file without
/// CapBnd, a features file that is not JSON) is an Error with errno EINVAL; a file that cannot be
/// read keeps its errno.
Result<Target> ResolveTarget(const TargetOptions& options, const HostProbe& host);

}  // namespace ocilint::lint
