#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lint/linter.h"
#include "lint/target.h"
#include "report/report.h"

namespace ocilint::fuzz {

/// The fuzzer's bytes as text.
inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Files served from memory in place of the host's: a target resolved through it reads nothing
/// from the disk and runs no command.
class MemoryHost : public lint::HostProbe {
 public:
  std::map<std::string, std::string> files;

  Result<std::string> ReadFile(const std::string& path) const override;
  Result<std::string> KernelRelease() const override;
  Result<CommandOutput> Run(const std::vector<std::string>& argv) const override;
};

/// A private directory made under $TMPDIR (or /tmp) for the life of the process; the only place
/// a fuzz target writes. Removed with its contents at exit.
const std::string& ScratchDir();

/// Replaces `name` in ScratchDir() with `text`; returns its path. Aborts if it cannot.
std::string WriteScratchFile(const std::string& name, std::string_view text);

/// A config that touches most rule families: capabilities, rlimits, namespaces, mounts,
/// devices, seccomp, sysctls, hooks, annotations.
std::string_view RichConfig();

/// A features document as `runc features` prints it, and a /proc/PID/status capture with a
/// /proc/PID/limits table after it.
std::string_view RuncFeatures();
std::string_view StatusWithLimits();

/// Renders `files` in every output format; aborts when a JSON-based format is not valid JSON
/// or a format writes nothing.
void RenderEveryFormat(const std::vector<diag::FileReport>& files, const lint::Target& target,
                       std::string_view schema_description, bool color,
                       report::Verbosity verbosity);

/// Aborts unless every finding has a message, and one with an offset points inside `text` with
/// a line and column from 1.
void CheckPositions(const diag::FileReport& report, std::string_view text);

}  // namespace ocilint::fuzz
