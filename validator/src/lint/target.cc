#include "lint/target.h"

#include <fcntl.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>

#include "caps/proc_status.h"

namespace ocilint::lint {

namespace {

constexpr int kRuntimeTimeoutSeconds = 10;
constexpr size_t kMaxNamesShown = 8;

std::string CountOfAll(caps::CapMask mask) {
  size_t have = 0, total = caps::AllCapabilities().size();
  std::string missing;
  size_t missing_count = 0;
  for (const caps::Capability& cap : caps::AllCapabilities()) {
    if (caps::Contains(mask, cap.number)) {
      ++have;
    } else if (++missing_count <= kMaxNamesShown) {
      missing += (missing.empty() ? "" : ", ") + std::string(cap.name);
    }
  }
  std::string out = std::to_string(have) + " of " + std::to_string(total) + " capabilities";
  if (missing_count > 0) {
    out += " (lacks " + missing;
    if (missing_count > kMaxNamesShown) {
      out += " and " + std::to_string(missing_count - kMaxNamesShown) + " more";
    }
    out += ")";
  }
  return out;
}

std::string Basename(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string FirstLine(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.size() > 200 ? line.substr(0, 200) + "..." : line;
}

Result<KernelTarget> ResolveKernel(const std::string& value, const HostProbe& host) {
  KernelTarget kernel;
  if (value == "none") return kernel;
  if (value == "host") {
    kernel.source = KernelTarget::Source::kHost;
    if (Result<std::string> release = host.KernelRelease()) {
      kernel.release = release.value();
      kernel.version = caps::KernelVersion::Parse(kernel.release);
    }
    if (Result<std::string> last = host.ReadFile("/proc/sys/kernel/cap_last_cap")) {
      kernel.last_cap = caps::ParseCapLastCap(last.value());
    }
    if (Result<std::string> nr_open = host.ReadFile("/proc/sys/fs/nr_open")) {
      uint64_t limit = 0;
      const std::string& text = nr_open.value();
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
      if (ec == std::errc() && end != text.data()) kernel.nr_open = limit;
    }
    if (!kernel.version && !kernel.last_cap) {
      return Error{"--kernel host: cannot read the running kernel's release or cap_last_cap",
                   EINVAL};
    }
    return kernel;
  }
  kernel.source = KernelTarget::Source::kVersion;
  kernel.release = value;
  kernel.version = caps::KernelVersion::Parse(value);
  if (!kernel.version) {
    return Error{"--kernel: \"" + value +
                     "\" is not a kernel version (expected e.g. 5.4, 2.6.32 or "
                     "5.15.0-91-generic), host or none",
                 EINVAL};
  }
  return kernel;
}

Result<EnvironmentTarget> ResolveEnvironment(const TargetOptions& options, const HostProbe& host) {
  EnvironmentTarget environment;
  const std::string& value = options.environment;
  if (value != "none") {
    environment.source =
        value == "host" ? EnvironmentTarget::Source::kHost : EnvironmentTarget::Source::kFile;
    std::string path = value == "host" ? "/proc/self/status" : value;
    environment.path = path;
    Result<std::string> text = host.ReadFile(path);
    if (!text) return text.error();
    Result<caps::ProcessCapSets> sets =
        caps::ParseProcStatus(text.value(), "--environment " + path);
    if (!sets) return sets.error();
    environment.bounding = sets.value().bounding;
    if (value == "host") {
      if (Result<std::string> limits = host.ReadFile("/proc/self/limits")) {
        if (auto parsed = caps::ParseProcLimits(limits.value(), "/proc/self/limits")) {
          environment.limits = parsed.value();
          environment.limits_path = "/proc/self/limits";
        }
      }
    } else if (caps::LooksLikeProcLimits(text.value())) {
      Result<caps::ProcessLimits> parsed =
          caps::ParseProcLimits(text.value(), "--environment " + path);
      if (!parsed) return parsed.error();
      environment.limits = parsed.value();
      environment.limits_path = path;
    }
  }
  if (!options.environment_limits.empty()) {
    const std::string& path = options.environment_limits;
    Result<std::string> text = host.ReadFile(path);
    if (!text) return text.error();
    Result<caps::ProcessLimits> parsed =
        caps::ParseProcLimits(text.value(), "--environment-limits " + path);
    if (!parsed) return parsed.error();
    environment.limits = parsed.value();
    environment.limits_path = path;
  }
  return environment;
}

Result<RuntimeTarget> ResolveRuntime(const TargetOptions& options, const HostProbe& host) {
  RuntimeTarget runtime;
  if (!options.runtime_features.empty() && !options.runtime.empty()) {
    return Error{"give --runtime-features or --runtime, not both", EINVAL};
  }
  if (!options.runtime_features.empty()) {
    runtime.source = RuntimeTarget::Source::kFeaturesFile;
    runtime.origin = options.runtime_features;
    Result<std::string> text = host.ReadFile(options.runtime_features);
    if (!text) return text.error();
    Result<caps::RuntimeFeatures> features =
        caps::ParseFeatures(std::move(text.value()), "--runtime-features " + runtime.origin);
    if (!features) return features.error();
    runtime.name = features.value().name;
    runtime.version = features.value().version;
    runtime.capabilities = features.value().capabilities;
    runtime.features = features.value().document;
    return runtime;
  }
  if (options.runtime.empty()) return runtime;
  runtime.source = RuntimeTarget::Source::kCommand;
  runtime.origin = options.runtime;
  runtime.name = Basename(options.runtime);
  Result<CommandOutput> run = host.Run({options.runtime, "features"});
  if (!run) return Error{"--runtime " + options.runtime + ": " + run.error().message(), 0};
  if (run.value().exit_code == 127) {
    return Error{"--runtime " + options.runtime + ": cannot run it (not found or not executable)",
                 ENOENT};
  }
  if (run.value().timed_out || run.value().exit_code != 0) {
    std::string why =
        run.value().timed_out
            ? "did not answer within " + std::to_string(kRuntimeTimeoutSeconds) + " s"
            : "exit " + std::to_string(run.value().exit_code) + ": " +
                  FirstLine(run.value().err.empty() ? run.value().out : run.value().err);
    if (Result<CommandOutput> version = host.Run({options.runtime, "--version"});
        version && version.value().exit_code == 0) {
      // "crun version 1.8.1": keep the first word that starts with a digit.
      std::string line = FirstLine(version.value().out);
      for (size_t at = 0; at < line.size(); at = line.find(' ', at) + 1) {
        if (std::isdigit(static_cast<unsigned char>(line[at]))) {
          runtime.version = line.substr(at, line.find(' ', at) - at);
          break;
        }
        if (line.find(' ', at) == std::string::npos) break;
      }
    }
    runtime.note = "`" + options.runtime + " features` failed (" + why +
                   "): this runtime does not report the capabilities it knows, so none are "
                   "checked against it";
    return runtime;
  }
  Result<caps::RuntimeFeatures> features =
      caps::ParseFeatures(run.value().out, "`" + options.runtime + " features`");
  if (!features) {
    runtime.note = features.error().message() + "; capability names are not checked against it";
    return runtime;
  }
  if (!features.value().name.empty()) runtime.name = features.value().name;
  runtime.version = features.value().version;
  runtime.capabilities = features.value().capabilities;
  runtime.features = features.value().document;
  return runtime;
}

}  // namespace

bool KernelTarget::Supports(const caps::Capability& cap) const {
  switch (source) {
    case Source::kNone:
      return true;
    case Source::kHost:
      if (last_cap) return cap.number <= *last_cap;
      return !version || cap.since <= *version;
    case Source::kVersion:
      return cap.since <= *version;
  }
  return true;
}

std::string KernelTarget::Describe() const {
  switch (source) {
    case Source::kNone:
      return "any (--kernel none: no kernel limits checked)";
    case Source::kHost:
      return "host kernel " + release +
             (last_cap ? " (cap_last_cap " + std::to_string(*last_cap) + ")" : "");
    case Source::kVersion:
      return "Linux " + version->ToString() +
             (release != version->ToString() ? " (" + release + ")" : "");
  }
  return "";
}

bool EnvironmentTarget::Has(const caps::Capability& cap) const {
  return !bounding || caps::Contains(*bounding, cap.number);
}

std::string EnvironmentTarget::Describe() const {
  switch (source) {
    case Source::kNone:
      return "not restricted (--environment none)";
    case Source::kHost:
      return "this host's bounding set, " + CountOfAll(*bounding);
    case Source::kFile:
      return "the bounding set in " + path + ", " + CountOfAll(*bounding);
  }
  return "";
}

std::string EnvironmentTarget::Label() const {
  return source == Source::kFile ? "the bounding set in " + path : "this host's bounding set";
}

std::string RuntimeTarget::Label() const {
  std::string who = name.empty() ? origin : name;
  return version.empty() ? who : who + " " + version;
}

bool RuntimeTarget::Knows(std::string_view canonical_name) const {
  if (!capabilities) return true;
  for (const std::string& known : *capabilities) {
    if (known == canonical_name) return true;
  }
  return false;
}

std::string RuntimeTarget::Describe() const {
  if (source == Source::kNone) return "not specified (see --runtime-features, --runtime)";
  std::string who = Label();
  if (!note.empty()) return who + ": " + note;
  std::string from =
      source == Source::kFeaturesFile ? "features from " + origin : "`" + origin + " features`";
  if (!capabilities) return who + " (" + from + "): does not list its capabilities";
  return who + " (" + from + "): knows " + std::to_string(capabilities->size()) +
         " capability names";
}

Result<std::string> HostProbe::ReadFile(const std::string& path) const {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return SystemError("cannot read " + path);
  std::string text;
  char chunk[4096];
  while (true) {
    ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int saved = errno;
      close(fd);
      return SystemError("cannot read " + path, saved);
    }
    if (n == 0) break;
    text.append(chunk, static_cast<size_t>(n));
  }
  close(fd);
  return text;
}

Result<std::string> HostProbe::KernelRelease() const {
  utsname name;
  if (uname(&name) != 0) return SystemError("uname");
  return std::string(name.release);
}

Result<CommandOutput> HostProbe::Run(const std::vector<std::string>& argv) const {
  return RunCommand(argv, kRuntimeTimeoutSeconds);
}

report::TargetReport DescribeTarget(const Target& target) {
  report::TargetReport r;
  r.kernel_text = target.kernel.Describe();
  r.environment_text = target.environment.Describe();
  r.runtime_text = target.runtime.Describe();
  const KernelTarget& k = target.kernel;
  r.kernel_source = k.source == KernelTarget::Source::kNone   ? "none"
                    : k.source == KernelTarget::Source::kHost ? "host"
                                                              : "version";
  if (!k.release.empty()) r.kernel_release = k.release;
  if (k.version) r.kernel_version = k.version->ToString();
  r.cap_last_cap = k.last_cap;
  const EnvironmentTarget& e = target.environment;
  r.environment_source = e.source == EnvironmentTarget::Source::kNone   ? "none"
                         : e.source == EnvironmentTarget::Source::kHost ? "host"
                                                                        : "file";
  if (e.source == EnvironmentTarget::Source::kFile) r.environment_path = e.path;
  if (e.bounding) {
    r.bounding.emplace();
    for (const caps::Capability& cap : caps::AllCapabilities()) {
      if (caps::Contains(*e.bounding, cap.number)) r.bounding->emplace_back(cap.name);
    }
  }
  const RuntimeTarget& rt = target.runtime;
  r.runtime_source = rt.source == RuntimeTarget::Source::kNone           ? "none"
                     : rt.source == RuntimeTarget::Source::kFeaturesFile ? "features-file"
                                                                         : "command";
  if (!rt.origin.empty()) r.runtime_origin = rt.origin;
  if (!rt.name.empty()) r.runtime_name = rt.name;
  if (!rt.version.empty()) r.runtime_version = rt.version;
  if (!rt.note.empty()) r.runtime_note = rt.note;
  r.runtime_capabilities = rt.capabilities;
  return r;
}

Result<Target> ResolveTarget(const TargetOptions& options, const HostProbe& host) {
  Target target;
  Result<KernelTarget> kernel = ResolveKernel(options.kernel, host);
  if (!kernel) return kernel.error();
  target.kernel = std::move(kernel.value());
  Result<EnvironmentTarget> environment = ResolveEnvironment(options, host);
  if (!environment) return environment.error();
  target.environment = std::move(environment.value());
  Result<RuntimeTarget> runtime = ResolveRuntime(options, host);
  if (!runtime) return runtime.error();
  target.runtime = std::move(runtime.value());
  return target;
}

}  // namespace ocilint::lint
