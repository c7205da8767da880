#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "util/error.h"
#include "util/unique_fd.h"

namespace ocilint {

/// The directory temporary work goes under: $TMPDIR when set, else /tmp.
std::string TemporaryRoot();

/// A fresh working directory that only the effective user can enter, created as
/// `<TemporaryRoot>/oci-lint-<purpose>-<pid>-<random>` (mode 0700, never an existing path) after
/// checking that no other user can rename or replace what is inside TemporaryRoot. A marker file
/// names the process, so that a later run can tell a leftover from a directory in use. Removed
/// with everything in it on destruction, unless kept.
class PrivateDir {
 public:
  static Result<PrivateDir> Create(const std::string& purpose);
  PrivateDir(PrivateDir&&) noexcept;
  PrivateDir& operator=(PrivateDir&&) noexcept;
  ~PrivateDir();

  const std::string& path() const { return path_; }
  int fd() const { return fd_.get(); }
  /// Leaves the directory in place, now and for later sweeps (--keep).
  void Keep();
  /// Removes the directory and everything in it now.
  Result<bool> Remove();

 private:
  PrivateDir() = default;
  std::string path_;
  std::string name_;
  UniqueFd parent_;
  UniqueFd fd_;
  bool kept_ = false;
};

/// A directory that SweepStale removed, or could not.
struct SweptDir {
  std::string path;
  pid_t pid = 0;
  std::string problem;  ///< empty: removed
};

/// Removes the `oci-lint-<purpose>-<pid>-*` directories under TemporaryRoot that earlier runs
/// left behind (killed before they could clean up): only directories, never a link, owned by the
/// effective user, holding the marker of a process that no longer exists, and not kept.
std::vector<SweptDir> SweepStale(const std::string& purpose);

}  // namespace ocilint
