#pragma once

#include <string>
#include <vector>

#include "lint/target.h"

namespace ocilint::gate {

/// A HostProbe that keeps a runtime's answers to `features` and `--version` in `dir`, so that
/// a create does not start the runtime an extra time just to ask (runc features takes longer
/// than the rest of the gate). An answer is keyed by the question and the runtime binary's
/// path, device, inode, size, modification and change times: a runtime replaced or upgraded is
/// asked again. `dir` is created 0700 and used only while it is a directory of the effective
/// user that nobody else can write; files in it are read only when they are regular files of
/// that user (no symbolic links), and written under a fresh name then renamed. Whatever goes
/// wrong with the cache, the runtime is simply asked. Other questions go to `host`.
class CachingProbe : public lint::HostProbe {
 public:
  CachingProbe(const lint::HostProbe& host, std::string dir) : host_(host), dir_(std::move(dir)) {}
  Result<std::string> ReadFile(const std::string& path) const override;
  Result<std::string> KernelRelease() const override;
  Result<CommandOutput> Run(const std::vector<std::string>& argv) const override;

 private:
  const lint::HostProbe& host_;
  std::string dir_;
};

/// Where the answers are kept: /run/oci-lint-runtime for root, $XDG_RUNTIME_DIR/oci-lint-runtime
/// for anyone else (`xdg_runtime_dir` may be null), "" (no cache) when there is neither.
std::string DefaultCacheDir(const char* xdg_runtime_dir);

}  // namespace ocilint::gate
