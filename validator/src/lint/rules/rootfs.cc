#include "lint/rules/rootfs.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <vector>

namespace ocilint::lint {

namespace {

constexpr int kMaxLinks = 40;

void Split(std::string_view path, std::deque<std::string>* into, bool front) {
  std::vector<std::string> parts;
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    if (end > start) parts.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (front) {
    into->insert(into->begin(), parts.begin(), parts.end());
  } else {
    into->insert(into->end(), parts.begin(), parts.end());
  }
}

}  // namespace

std::optional<RootFs> RootFs::Open(const std::string& path) {
  UniqueFd fd(open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!fd.valid()) return std::nullopt;
  return RootFs(std::move(fd));
}

std::optional<struct stat> RootFs::Stat(std::string_view path) const {
  std::deque<std::string> todo;
  Split(path, &todo, false);
  // The directories walked so far, from the root: ".." pops one, and never the root itself.
  std::vector<UniqueFd> walked;
  auto current = [&] { return walked.empty() ? root_.get() : walked.back().get(); };
  int links = 0;
  struct stat st;
  if (fstat(root_.get(), &st) != 0) return std::nullopt;
  while (!todo.empty()) {
    std::string part = std::move(todo.front());
    todo.pop_front();
    if (part == ".") continue;
    if (part == "..") {
      if (!walked.empty()) walked.pop_back();
      if (fstat(current(), &st) != 0) return std::nullopt;
      continue;
    }
    UniqueFd next(openat(current(), part.c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
    if (!next.valid() || fstat(next.get(), &st) != 0) return std::nullopt;
    if (S_ISLNK(st.st_mode)) {
      if (++links > kMaxLinks) {
        errno = ELOOP;
        return std::nullopt;
      }
      char target[4096];
      ssize_t n = readlinkat(next.get(), "", target, sizeof target);
      if (n <= 0) return std::nullopt;
      std::string_view text(target, static_cast<size_t>(n));
      if (text.front() == '/') walked.clear();
      Split(text, &todo, true);
      if (fstat(current(), &st) != 0) return std::nullopt;
      continue;
    }
    if (!todo.empty() && !S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) walked.push_back(std::move(next));
  }
  return st;
}

}  // namespace ocilint::lint
