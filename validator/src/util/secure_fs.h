#pragma once

// Files and directories that oci-lint creates, often as root, in places other users may share
// (/tmp, a report directory). Every function here works on directory descriptors and refuses to
// follow a symbolic link that belongs to somebody else, so a link or file planted by another
// user can neither redirect a write nor be written through. docs/security.md says where each
// command writes.

#include <sys/types.h>

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "util/error.h"
#include "util/unique_fd.h"

namespace ocilint::securefs {

/// Root, the effective user, and (when root runs through sudo) the user who ran sudo: the
/// owners whose links are followed and whose files may be run as root.
bool TrustedOwner(uid_t uid);

/// Six random characters [0-9a-z] for a fresh file or directory name.
std::string RandomSuffix();

/// Opens the directory `path` (O_PATH, for *at calls), creating missing components with `mode`
/// when `create`. A symbolic link on the way is followed only when a trusted owner made it.
Result<UniqueFd> OpenDirectory(const std::string& path, bool create, mode_t mode = 0755);

/// Creates `name` inside `dir` (O_CREAT | O_EXCL | O_NOFOLLOW, so never an existing path) with
/// `mode` (less the umask) and writes `data` into it.
Result<bool> CreateFileAt(int dir, const std::string& name, std::string_view data, mode_t mode);

/// Creates `name` inside `dir` as CreateFileAt does, with the contents of the open file `source`.
Result<bool> CopyFileAt(int source, int dir, const std::string& name, mode_t mode);

/// `path` resolved, after checking that no other user can change it: it and every parent are
/// directories owned by a trusted owner and not writable by group or others unless sticky.
Result<std::string> TrustedDirectory(const std::string& path);

/// Opens `path` for reading after checking that it may be run as root: a regular file owned by
/// a trusted owner and not writable by group or others. Use the descriptor, not the path.
Result<UniqueFd> OpenTrustedExecutable(const std::string& path);

/// Removes `name` inside `dir` and everything below it without following symbolic links and
/// without entering another mount (a mount point is left where it is, and reported).
Result<bool> RemoveTreeAt(int dir, const std::string& name);

/// A file written under a fresh temporary name in the target's directory and renamed over the
/// target on Commit(): whatever stood there (another user's file or link) is replaced, never
/// written through. A character device or FIFO (/dev/stdout, a pipe) is written directly.
class ReplacementFile {
 public:
  static Result<ReplacementFile> Open(const std::string& path, mode_t mode = 0644);
  ReplacementFile(ReplacementFile&&) noexcept;
  ReplacementFile& operator=(ReplacementFile&&) noexcept;
  ~ReplacementFile();

  std::ostream& stream();
  /// Flushes and puts the file in place; false with the reason when that fails.
  Result<bool> Commit();

 private:
  struct State;
  explicit ReplacementFile(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace ocilint::securefs
