#include "util/secure_fs.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <streambuf>
#include <vector>

namespace ocilint::securefs {

namespace {

constexpr int kMaxLinks = 40;   ///< as the kernel's MAXSYMLINKS
constexpr int kMaxDepth = 256;  ///< directory levels RemoveTreeAt descends

std::deque<std::string> Components(std::string_view path) {
  std::deque<std::string> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::string OctalMode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

Result<std::string> ReadLinkAt(int fd) {
  std::string target(4096, '\0');
  ssize_t n = readlinkat(fd, "", target.data(), target.size());
  if (n < 0) return SystemError("readlink");
  target.resize(static_cast<size_t>(n));
  return target;
}

}  // namespace

std::string RandomSuffix() {
  unsigned char bytes[6];
  if (getrandom(bytes, sizeof bytes, 0) != sizeof bytes) {
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(std::rand());
  }
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string suffix;
  for (unsigned char b : bytes) suffix += kDigits[b % 36];
  return suffix;
}

namespace {

bool IsMountRoot(int dir, const std::string& name) {
  struct statx sx;
  if (statx(dir, name.c_str(), AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT, STATX_BASIC_STATS, &sx) != 0)
    return false;
  return (sx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT) &&
         (sx.stx_attributes & STATX_ATTR_MOUNT_ROOT);
}

Result<bool> RemoveBelow(int dir, const std::string& name, dev_t device, int depth,
                         const std::string& shown) {
  struct stat st;
  if (fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return true;
    return SystemError("cannot remove " + shown);
  }
  if (!S_ISDIR(st.st_mode)) {
    if (unlinkat(dir, name.c_str(), 0) != 0 && errno != ENOENT) {
      return SystemError("cannot remove " + shown);
    }
    return true;
  }
  if (st.st_dev != device || IsMountRoot(dir, name)) {
    return Error{shown + " is a mount point; left in place", EBUSY};
  }
  if (depth > kMaxDepth) return Error{shown + " is nested too deeply; left in place", ELOOP};
  int fd = openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return SystemError("cannot open " + shown);
  DIR* stream = fdopendir(fd);
  if (!stream) {
    int saved = errno;
    close(fd);
    return SystemError("cannot read " + shown, saved);
  }
  std::vector<std::string> entries;
  while (dirent* entry = readdir(stream)) {
    std::string_view n = entry->d_name;
    if (n != "." && n != "..") entries.emplace_back(n);
  }
  Result<bool> outcome = true;
  for (const std::string& entry : entries) {
    Result<bool> removed = RemoveBelow(fd, entry, device, depth + 1, shown + "/" + entry);
    if (!removed && outcome) outcome = removed.error();
  }
  closedir(stream);
  if (!outcome) return outcome;
  if (unlinkat(dir, name.c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
    return SystemError("cannot remove " + shown);
  }
  return true;
}

/// A streambuf over a file descriptor that it does not own.
class FdBuf : public std::streambuf {
 public:
  explicit FdBuf(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }

 protected:
  int_type overflow(int_type ch) override {
    if (!Drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(ch, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(ch);
      pbump(1);
    }
    return traits_type::not_eof(ch);
  }
  int sync() override { return Drain() ? 0 : -1; }

 private:
  bool Drain() {
    for (char* p = pbase(); p < pptr();) {
      ssize_t n = write(fd_, p, static_cast<size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      p += n;
    }
    setp(buffer_, buffer_ + sizeof buffer_);
    return true;
  }

  int fd_;
  char buffer_[1 << 16];
};

}  // namespace

bool TrustedOwner(uid_t uid) {
  if (uid == 0 || uid == geteuid()) return true;
  if (geteuid() != 0) return false;
  const char* sudo = std::getenv("SUDO_UID");
  if (!sudo || !*sudo) return false;
  char* end = nullptr;
  unsigned long value = std::strtoul(sudo, &end, 10);
  return *end == '\0' && value == uid;
}

Result<UniqueFd> OpenDirectory(const std::string& path, bool create, mode_t mode) {
  if (path.empty()) return Error{"empty directory name", ENOENT};
  bool absolute = path[0] == '/';
  UniqueFd current(open(absolute ? "/" : ".", O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!current.valid()) return SystemError("cannot open " + std::string(absolute ? "/" : "."));
  std::deque<std::string> todo = Components(path);
  std::string walked = absolute ? "" : ".";
  int links = 0;
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part == ".") continue;
    std::string here = walked + "/" + part;
    UniqueFd next(openat(current.get(), part.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!next.valid() && errno == ENOENT && create) {
      if (mkdirat(current.get(), part.c_str(), mode) != 0 && errno != EEXIST) {
        return SystemError("cannot create " + here);
      }
      next.Reset(openat(current.get(), part.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    }
    if (!next.valid()) return SystemError("cannot open " + here);
    struct stat st;
    if (fstat(next.get(), &st) != 0) return SystemError("cannot stat " + here);
    if (S_ISLNK(st.st_mode)) {
      if (!TrustedOwner(st.st_uid)) {
        return Error{here + " is a symbolic link owned by uid " + std::to_string(st.st_uid) +
                         "; oci-lint does not follow another user's links",
                     EPERM};
      }
      if (++links > kMaxLinks) return Error{"too many symbolic links in " + path, ELOOP};
      Result<std::string> target = ReadLinkAt(next.get());
      if (!target) return Error{"cannot read the link " + here, target.error().errno_value};
      std::deque<std::string> more = Components(*target);
      todo.insert(todo.begin(), more.begin(), more.end());
      if (!target->empty() && (*target)[0] == '/') {
        current.Reset(open("/", O_PATH | O_DIRECTORY | O_CLOEXEC));
        walked = "";
      }
      continue;
    }
    if (!S_ISDIR(st.st_mode)) return Error{here + " is not a directory", ENOTDIR};
    current = std::move(next);
    walked = here;
  }
  return current;
}

Result<bool> CreateFileAt(int dir, const std::string& name, std::string_view data, mode_t mode) {
  UniqueFd fd(
      openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (!fd.valid()) return SystemError("cannot create " + name);
  for (size_t done = 0; done < data.size();) {
    ssize_t n = write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return SystemError("cannot write " + name);
    done += static_cast<size_t>(n);
  }
  return true;
}

Result<bool> CopyFileAt(int source, int dir, const std::string& name, mode_t mode) {
  UniqueFd fd(
      openat(dir, name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (!fd.valid()) return SystemError("cannot create " + name);
  char buffer[1 << 16];
  for (off_t offset = 0;;) {
    ssize_t got = pread(source, buffer, sizeof buffer, offset);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) return SystemError("cannot read the source of " + name);
    if (got == 0) return true;
    offset += got;
    for (ssize_t done = 0; done < got;) {
      ssize_t n = write(fd.get(), buffer + done, static_cast<size_t>(got - done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return SystemError("cannot write " + name);
      done += n;
    }
  }
}

Result<std::string> TrustedDirectory(const std::string& path) {
  char* resolved = realpath(path.c_str(), nullptr);
  if (!resolved) return SystemError("cannot resolve " + path);
  std::string real = resolved;
  std::free(resolved);
  std::vector<std::string> chain = {"/"};
  std::string walked;
  for (const std::string& part : Components(real)) chain.push_back(walked += "/" + part);
  for (const std::string& prefix : chain) {
    struct stat st;
    if (lstat(prefix.c_str(), &st) != 0) return SystemError("cannot stat " + prefix);
    if (!S_ISDIR(st.st_mode)) return Error{prefix + " is not a directory", ENOTDIR};
    if (!TrustedOwner(st.st_uid)) {
      return Error{prefix + " belongs to uid " + std::to_string(st.st_uid) +
                       ", who could replace what oci-lint puts there",
                   EPERM};
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) && !(st.st_mode & S_ISVTX)) {
      return Error{
          prefix + " is writable by others (mode " + OctalMode(st.st_mode) + ") and not sticky",
          EPERM};
    }
  }
  return real;
}

Result<UniqueFd> OpenTrustedExecutable(const std::string& path) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (!fd.valid()) return SystemError(path);
  struct stat st;
  if (fstat(fd.get(), &st) != 0) return SystemError(path);
  if (!S_ISREG(st.st_mode)) return Error{path + " is not a regular file", EINVAL};
  if (!TrustedOwner(st.st_uid)) {
    return Error{path + " belongs to uid " + std::to_string(st.st_uid) +
                     "; oci-lint runs only root's or your own files as root",
                 EPERM};
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    return Error{path + " is writable by others (mode " + OctalMode(st.st_mode) +
                     "); oci-lint does not run it as root",
                 EPERM};
  }
  return fd;
}

Result<bool> RemoveTreeAt(int dir, const std::string& name) {
  struct stat st;
  if (fstat(dir, &st) != 0) return SystemError("cannot stat the directory holding " + name);
  struct stat self;
  if (fstatat(dir, name.c_str(), &self, AT_SYMLINK_NOFOLLOW) != 0) {
    return errno == ENOENT ? Result<bool>(true) : SystemError("cannot stat " + name);
  }
  return RemoveBelow(dir, name, self.st_dev, 0, name);
}

struct ReplacementFile::State {
  UniqueFd dir;
  UniqueFd fd;
  std::string name;
  std::string temporary;  ///< empty: written in place (a device or FIFO)
  std::string shown;
  std::unique_ptr<FdBuf> buffer;
  std::ostream stream{nullptr};
  bool committed = false;

  ~State() {
    if (!committed && !temporary.empty()) unlinkat(dir.get(), temporary.c_str(), 0);
  }
};

ReplacementFile::ReplacementFile(std::unique_ptr<State> state) : state_(std::move(state)) {}
ReplacementFile::ReplacementFile(ReplacementFile&&) noexcept = default;
ReplacementFile& ReplacementFile::operator=(ReplacementFile&&) noexcept = default;
ReplacementFile::~ReplacementFile() = default;

std::ostream& ReplacementFile::stream() {
  return state_->stream;
}

Result<ReplacementFile> ReplacementFile::Open(const std::string& path, mode_t mode) {
  std::string target = path;
  for (int links = 0;; ++links) {
    size_t slash = target.find_last_of('/');
    std::string dir_name = slash == std::string::npos ? "." : target.substr(0, slash + 1);
    std::string name = slash == std::string::npos ? target : target.substr(slash + 1);
    if (name.empty() || name == "." || name == "..") {
      return Error{"cannot write " + path + ": not a file name", EISDIR};
    }
    Result<UniqueFd> dir = OpenDirectory(dir_name, false);
    if (!dir)
      return Error{"cannot write " + path + ": " + dir.error().context, dir.error().errno_value};
    auto state = std::make_unique<State>();
    state->dir = std::move(*dir);
    state->name = name;
    state->shown = path;
    struct stat st;
    bool exists = fstatat(state->dir.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
    if (exists && S_ISLNK(st.st_mode)) {
      if (!TrustedOwner(st.st_uid)) {
        return Error{"cannot write " + path + ": it is a symbolic link owned by uid " +
                         std::to_string(st.st_uid) +
                         "; oci-lint does not follow another user's links",
                     EPERM};
      }
      if (links >= kMaxLinks) return Error{"cannot write " + path + ": too many links", ELOOP};
      struct stat pointed;
      bool special = fstatat(state->dir.get(), name.c_str(), &pointed, 0) == 0 &&
                     !S_ISREG(pointed.st_mode) && !S_ISDIR(pointed.st_mode);
      if (!special) {
        UniqueFd link(openat(state->dir.get(), name.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        Result<std::string> points_to = link.valid() ? ReadLinkAt(link.get()) : SystemError(path);
        if (!points_to) return Error{"cannot read the link " + path, points_to.error().errno_value};
        target = !points_to->empty() && (*points_to)[0] == '/' ? *points_to : dir_name + *points_to;
        continue;
      }
      // A trusted link to a device or pipe (/dev/stdout): write to what it names.
      state->fd.Reset(openat(state->dir.get(), name.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
      if (!state->fd.valid()) return SystemError("cannot write " + path);
    } else if (exists && S_ISDIR(st.st_mode)) {
      return Error{"cannot write " + path + ": it is a directory", EISDIR};
    } else if (exists && !S_ISREG(st.st_mode)) {
      state->fd.Reset(
          openat(state->dir.get(), name.c_str(), O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
      if (!state->fd.valid()) return SystemError("cannot write " + path);
    } else {
      for (int attempt = 0; attempt < 100 && !state->fd.valid(); ++attempt) {
        state->temporary = "." + name + ".oci-lint-" + RandomSuffix();
        state->fd.Reset(openat(state->dir.get(), state->temporary.c_str(),
                               O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
        if (!state->fd.valid() && errno != EEXIST) break;
      }
      if (!state->fd.valid()) {
        int saved = errno;
        state->temporary.clear();
        return SystemError("cannot write " + path, saved);
      }
    }
    state->buffer = std::make_unique<FdBuf>(state->fd.get());
    state->stream.rdbuf(state->buffer.get());
    return ReplacementFile(std::move(state));
  }
}

Result<bool> ReplacementFile::Commit() {
  State& s = *state_;
  s.stream.flush();
  if (!s.stream) return SystemError("cannot write " + s.shown);
  if (!s.temporary.empty()) {
    if (renameat(s.dir.get(), s.temporary.c_str(), s.dir.get(), s.name.c_str()) != 0) {
      return SystemError("cannot put " + s.shown + " in place");
    }
  }
  s.committed = true;
  return true;
}

}  // namespace ocilint::securefs
