#include "util/private_dir.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>

#include "util/secure_fs.h"

namespace ocilint {

namespace {

constexpr const char* kMarker = ".oci-lint-owner";
constexpr const char* kKeptMarker = ".oci-lint-kept";

/// The start time of process `pid` in clock ticks since boot (field 22 of /proc/PID/stat), or
/// "" when there is no such process.
std::string StartTime(pid_t pid) {
  UniqueFd fd(open(("/proc/" + std::to_string(pid) + "/stat").c_str(), O_RDONLY | O_CLOEXEC));
  char buffer[1024];
  ssize_t n = fd.valid() ? read(fd.get(), buffer, sizeof buffer - 1) : -1;
  std::string stat(buffer, n > 0 ? static_cast<size_t>(n) : 0);
  size_t close = stat.rfind(')');
  if (close == std::string::npos) return "";
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
  }
  return field;
}

/// The PID namespace of this process: PIDs in markers mean something only inside it.
std::string PidNamespace() {
  char target[64];
  ssize_t n = readlink("/proc/self/ns/pid", target, sizeof target - 1);
  return n > 0 ? std::string(target, static_cast<size_t>(n)) : "unknown";
}

std::string Marker(const std::string& purpose, pid_t pid) {
  return "oci-lint " + purpose + "\npid " + std::to_string(pid) + "\npidns " + PidNamespace() +
         "\nstart " + StartTime(pid) + "\n";
}

/// Reads the marker inside `dir` without following a link; empty when it is not oci-lint's.
std::string ReadMarker(int dir) {
  UniqueFd fd(openat(dir, kMarker, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  struct stat st;
  if (!fd.valid() || fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
      st.st_size > 4096) {
    return "";
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  ssize_t n = read(fd.get(), text.data(), text.size());
  text.resize(n > 0 ? static_cast<size_t>(n) : 0);
  return text;
}

}  // namespace

std::string TemporaryRoot() {
  const char* tmpdir = std::getenv("TMPDIR");
  return tmpdir && *tmpdir ? tmpdir : "/tmp";
}

Result<PrivateDir> PrivateDir::Create(const std::string& purpose) {
  Result<std::string> root = securefs::TrustedDirectory(TemporaryRoot());
  if (!root) {
    return Error{"cannot use the temporary directory " + TemporaryRoot() + ": " +
                     root.error().message() + " (set TMPDIR to a directory only you can change)",
                 root.error().errno_value};
  }
  PrivateDir dir;
  dir.parent_.Reset(open(root->c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir.parent_.valid()) return SystemError("cannot open " + *root);
  std::string prefix = "oci-lint-" + purpose + "-" + std::to_string(getpid()) + "-";
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = prefix + securefs::RandomSuffix();
    if (mkdirat(dir.parent_.get(), name.c_str(), 0700) == 0) {
      dir.name_ = name;
      break;
    }
    if (errno != EEXIST) return SystemError("cannot create a directory in " + *root);
  }
  if (dir.name_.empty()) return Error{"cannot create a fresh directory in " + *root, EEXIST};
  dir.path_ = (*root == "/" ? "" : *root) + "/" + dir.name_;
  dir.fd_.Reset(openat(dir.parent_.get(), dir.name_.c_str(),
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  struct stat st;
  if (!dir.fd_.valid() || fstat(dir.fd_.get(), &st) != 0 || st.st_uid != geteuid() ||
      (st.st_mode & 077) != 0) {
    return Error{dir.path_ + " is not the private directory oci-lint just made", EPERM};
  }
  Result<bool> marked =
      securefs::CreateFileAt(dir.fd_.get(), kMarker, Marker(purpose, getpid()), 0600);
  if (!marked) return Error{dir.path_ + ": " + marked.error().context, marked.error().errno_value};
  return dir;
}

PrivateDir::PrivateDir(PrivateDir&&) noexcept = default;
PrivateDir& PrivateDir::operator=(PrivateDir&&) noexcept = default;

PrivateDir::~PrivateDir() {
  if (!kept_ && fd_.valid()) Remove();
}

void PrivateDir::Keep() {
  if (!kept_ && fd_.valid()) securefs::CreateFileAt(fd_.get(), kKeptMarker, "", 0600);
  kept_ = true;
}

Result<bool> PrivateDir::Remove() {
  if (!fd_.valid()) return true;
  fd_.Reset();
  return securefs::RemoveTreeAt(parent_.get(), name_);
}

std::vector<SweptDir> SweepStale(const std::string& purpose) {
  std::vector<SweptDir> swept;
  Result<std::string> root = securefs::TrustedDirectory(TemporaryRoot());
  if (!root) return swept;
  UniqueFd parent(open(root->c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!parent.valid()) return swept;
  DIR* listing = fdopendir(dup(parent.get()));
  if (!listing) return swept;
  std::string prefix = "oci-lint-" + purpose + "-";
  std::vector<std::string> names;
  while (dirent* entry = readdir(listing)) {
    if (std::string_view(entry->d_name).substr(0, prefix.size()) == prefix) {
      names.emplace_back(entry->d_name);
    }
  }
  closedir(listing);
  for (const std::string& name : names) {
    std::string rest = name.substr(prefix.size());
    char* end = nullptr;
    long pid = std::strtol(rest.c_str(), &end, 10);
    if (pid <= 0 || end == rest.c_str() || *end != '-' || pid == getpid()) continue;
    struct stat st;
    if (fstatat(parent.get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISDIR(st.st_mode) || st.st_uid != geteuid()) {
      continue;
    }
    UniqueFd dir(
        openat(parent.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dir.valid()) continue;
    std::string marker = ReadMarker(dir.get());
    std::string expected_head =
        "oci-lint " + purpose + "\npid " + std::to_string(pid) + "\npidns " + PidNamespace() + "\n";
    if (marker.rfind(expected_head, 0) != 0) continue;
    if (faccessat(dir.get(), kKeptMarker, F_OK, AT_SYMLINK_NOFOLLOW) == 0) continue;
    std::string started = marker.substr(expected_head.size());
    std::string now = StartTime(static_cast<pid_t>(pid));
    if (!now.empty() && started == "start " + now + "\n") continue;  // still running
    dir.Reset();
    SweptDir result{*root + "/" + name, static_cast<pid_t>(pid), ""};
    if (Result<bool> removed = securefs::RemoveTreeAt(parent.get(), name); !removed) {
      result.problem = removed.error().message();
    }
    swept.push_back(std::move(result));
  }
  return swept;
}

}  // namespace ocilint
