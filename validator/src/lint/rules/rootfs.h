#pragma once

#include <sys/stat.h>

#include <optional>
#include <string>
#include <string_view>

#include "util/unique_fd.h"

namespace ocilint::lint {

/// A container's root filesystem on the host, read the way the container will see it: every
/// path is resolved inside it, with absolute symbolic links and ".." kept within the root (as
/// openat2's RESOLVE_IN_ROOT does), so nothing outside the rootfs is ever looked at.
class RootFs {
 public:
  /// Opens the directory at `path`; nullopt when it is not one.
  static std::optional<RootFs> Open(const std::string& path);

  /// What `path` (absolute or relative to "/", inside the rootfs) names, following its links
  /// inside the root; nullopt when it does not exist (errno says why).
  std::optional<struct stat> Stat(std::string_view path) const;

 private:
  explicit RootFs(UniqueFd root) : root_(std::move(root)) {}
  UniqueFd root_;
};

}  // namespace ocilint::lint
