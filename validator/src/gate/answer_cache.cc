#include "gate/answer_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cinttypes>
#include <climits>
#include <cstdio>
#include <cstdlib>

#include "util/unique_fd.h"

namespace ocilint::gate {

namespace {

constexpr std::string_view kMagic = "oci-lint-runtime answer 1\n";

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

/// The key of a question: argv and the identity of the binary argv[0] names; "" when it cannot
/// be had (then nothing is cached).
std::string KeyOf(const std::vector<std::string>& argv) {
  if (argv.size() != 2 || (argv[1] != "features" && argv[1] != "--version")) return "";
  char resolved[PATH_MAX];
  if (!realpath(argv[0].c_str(), resolved)) return "";
  struct stat st;
  if (stat(resolved, &st) != 0 || !S_ISREG(st.st_mode)) return "";
  char identity[256];
  std::snprintf(identity, sizeof identity,
                " dev=%" PRIu64 " ino=%" PRIu64 " size=%" PRId64 " mtime=%" PRId64
                ".%09ld"
                " ctime=%" PRId64 ".%09ld",
                static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                static_cast<int64_t>(st.st_size), static_cast<int64_t>(st.st_mtim.tv_sec),
                st.st_mtim.tv_nsec, static_cast<int64_t>(st.st_ctim.tv_sec), st.st_ctim.tv_nsec);
  return std::string(resolved) + " " + argv[1] + identity;
}

/// The cache directory, opened, when it is the effective user's and nobody else can write it.
UniqueFd OpenCacheDir(const std::string& dir, bool create) {
  if (dir.empty()) return UniqueFd();
  if (create) mkdir(dir.c_str(), 0700);
  UniqueFd fd(open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  struct stat st;
  if (!fd.valid() || fstat(fd.get(), &st) != 0 || st.st_uid != geteuid() ||
      (st.st_mode & 022) != 0) {
    return UniqueFd();
  }
  return fd;
}

/// "exit\nout-size\nerr-size\n" + out + err, after the magic line and the key line.
std::string Serialise(const std::string& key, const CommandOutput& output) {
  return std::string(kMagic) + key + "\n" + std::to_string(output.exit_code) + "\n" +
         std::to_string(output.out.size()) + "\n" + std::to_string(output.err.size()) + "\n" +
         output.out + output.err;
}

bool Deserialise(std::string_view text, const std::string& key, CommandOutput* output) {
  if (!text.starts_with(kMagic)) return false;
  text.remove_prefix(kMagic.size());
  auto line = [&](std::string* value) {
    size_t newline = text.find('\n');
    if (newline == std::string_view::npos) return false;
    *value = std::string(text.substr(0, newline));
    text.remove_prefix(newline + 1);
    return true;
  };
  std::string stored_key, exit_code, out_size, err_size;
  if (!line(&stored_key) || stored_key != key || !line(&exit_code) || !line(&out_size) ||
      !line(&err_size)) {
    return false;
  }
  char* end = nullptr;
  unsigned long long out_n = std::strtoull(out_size.c_str(), &end, 10);
  unsigned long long err_n = std::strtoull(err_size.c_str(), &end, 10);
  if (out_n > text.size() || err_n != text.size() - out_n) return false;
  output->exit_code = std::atoi(exit_code.c_str());
  output->out = std::string(text.substr(0, out_n));
  output->err = std::string(text.substr(out_n));
  return true;
}

std::string ReadCached(int dir, const std::string& name) {
  UniqueFd fd(openat(dir, name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY));
  struct stat st;
  if (!fd.valid() || fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
      st.st_size > 16 * 1024 * 1024) {
    return "";
  }
  std::string text(static_cast<size_t>(st.st_size), '\0');
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = read(fd.get(), text.data() + done, text.size() - done);
    if (n <= 0) return "";
    done += static_cast<size_t>(n);
  }
  return text;
}

void WriteCached(int dir, const std::string& name, const std::string& text) {
  char temporary[64];
  std::snprintf(temporary, sizeof temporary, ".%s.%d", name.c_str(), static_cast<int>(getpid()));
  UniqueFd fd(openat(dir, temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!fd.valid()) return;
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = write(fd.get(), text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  if (done != text.size() || renameat(dir, temporary, dir, name.c_str()) != 0) {
    unlinkat(dir, temporary, 0);
  }
}

}  // namespace

Result<std::string> CachingProbe::ReadFile(const std::string& path) const {
  return host_.ReadFile(path);
}

Result<std::string> CachingProbe::KernelRelease() const {
  return host_.KernelRelease();
}

Result<CommandOutput> CachingProbe::Run(const std::vector<std::string>& argv) const {
  std::string key = dir_.empty() ? "" : KeyOf(argv);
  if (key.empty()) return host_.Run(argv);
  char name[32];
  std::snprintf(name, sizeof name, "%016" PRIx64, Fnv1a(key));
  UniqueFd dir = OpenCacheDir(dir_, false);
  CommandOutput cached;
  if (dir.valid() && Deserialise(ReadCached(dir.get(), name), key, &cached)) return cached;
  Result<CommandOutput> answer = host_.Run(argv);
  if (!answer || answer.value().timed_out || answer.value().interrupted ||
      answer.value().exit_code < 0) {
    return answer;
  }
  if (!dir.valid()) dir = OpenCacheDir(dir_, true);
  if (dir.valid()) WriteCached(dir.get(), name, Serialise(key, answer.value()));
  return answer;
}

std::string DefaultCacheDir(const char* xdg_runtime_dir) {
  if (geteuid() == 0) return "/run/oci-lint-runtime";
  if (xdg_runtime_dir && *xdg_runtime_dir == '/') {
    return std::string(xdg_runtime_dir) + "/oci-lint-runtime";
  }
  return "";
}

}  // namespace ocilint::gate
