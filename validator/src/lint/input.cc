#include "lint/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>

namespace ocilint::lint {

namespace fs = std::filesystem;

namespace {

std::string TrimTrailingSlashes(std::string path) {
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

void ExpandDirectory(const std::string& arg, std::vector<InputItem>* out) {
  std::string root = TrimTrailingSlashes(arg);
  std::vector<std::string> found;
  std::vector<InputFailure> failures;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, ec), end;
  if (ec) {
    out->push_back(InputFailure{arg, SystemError("cannot open directory " + arg, ec.value())});
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      failures.push_back({arg, SystemError("cannot read below directory " + arg, ec.value())});
      break;
    }
    std::error_code type_ec;
    if (it->path().extension() != ".json" || it->is_directory(type_ec)) continue;
    // Lexical: the iterator's paths all start with `root`, and fs::relative would resolve
    // every component of every path with readlink and stat.
    found.push_back(it->path().lexically_relative(root).generic_string());
  }
  std::sort(found.begin(), found.end());
  for (const std::string& relative : found) {
    std::string path = root == "/" ? "/" + relative : root + "/" + relative;
    out->push_back(Input{path, path, ""});
  }
  for (InputFailure& failure : failures) out->push_back(std::move(failure));
  if (found.empty() && failures.empty()) {
    out->push_back(InputFailure{arg, Error{"no *.json files found below directory " + arg}});
  }
}

}  // namespace

std::vector<InputItem> ExpandPaths(const std::vector<std::string>& paths,
                                   const std::string& stdin_name) {
  std::vector<InputItem> items;
  for (const std::string& path : paths) {
    if (path == "-") {
      items.push_back(Input{stdin_name, "", ""});
      continue;
    }
    struct stat st;
    if (stat(path.c_str(), &st) != 0) {
      items.push_back(InputFailure{path, SystemError("cannot open " + path)});
    } else if (S_ISDIR(st.st_mode)) {
      ExpandDirectory(path, &items);
    } else {
      items.push_back(Input{path, path, ""});
    }
  }
  return items;
}

std::vector<InputItem> ExpandBundles(const std::vector<std::string>& dirs) {
  std::vector<InputItem> items;
  for (const std::string& dir : dirs) {
    std::string config = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + "config.json";
    struct stat st;
    if (stat(dir.c_str(), &st) != 0) {
      items.push_back(InputFailure{dir, SystemError("--bundle " + dir)});
    } else if (!S_ISDIR(st.st_mode)) {
      items.push_back(InputFailure{dir, Error{"--bundle " + dir + ": not a directory", ENOTDIR}});
    } else if (stat(config.c_str(), &st) != 0) {
      items.push_back(
          InputFailure{config, SystemError("--bundle " + dir +
                                           ": a bundle holds its config.json at its root "
                                           "(bundle.md), and " +
                                           config)});
    } else {
      items.push_back(Input{config, config, dir});
    }
  }
  return items;
}

Result<std::string> ReadInput(const Input& input, size_t max_size) {
  int fd = STDIN_FILENO;
  bool owned = !input.fs_path.empty();
  if (owned) {
    // O_NONBLOCK keeps a FIFO without a writer from blocking the whole run.
    fd = open(input.fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) return SystemError("cannot open " + input.display_path);
  }
  struct Closer {
    int fd;
    bool owned;
    ~Closer() {
      if (owned) close(fd);
    }
  } closer{fd, owned};
  struct stat st;
  if (fstat(fd, &st) != 0) return SystemError("cannot stat " + input.display_path);
  if (S_ISDIR(st.st_mode)) return SystemError("cannot read " + input.display_path, EISDIR);
  if (owned && !S_ISREG(st.st_mode)) {
    // Only the open needed O_NONBLOCK: a pipe or a device is read the usual, blocking way.
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  }
  if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > max_size) {
    return Error{input.display_path + " is " + std::to_string(st.st_size) +
                     " bytes, more than --max-size " + std::to_string(max_size),
                 kTooLarge};
  }
  // Read straight into the string: a regular file sized from fstat, with a byte to spare so that
  // the read which finds the end needs no second buffer; a pipe or a device in growing steps.
  std::string text;
  size_t length = 0;
  size_t limit = max_size < SIZE_MAX ? max_size + 1 : max_size;
  text.resize(std::min(limit, S_ISREG(st.st_mode) ? static_cast<size_t>(st.st_size) + 1 : 4096));
  while (true) {
    if (length == text.size()) {
      if (text.size() >= limit) {
        return Error{input.display_path + " is larger than --max-size " + std::to_string(max_size) +
                         " bytes; reading stopped there",
                     kTooLarge};
      }
      text.resize(std::min(limit, std::max<size_t>(text.size() * 2, 4096)));
    }
    ssize_t n = read(fd, text.data() + length, text.size() - length);
    if (n < 0) {
      if (errno == EINTR) continue;
      return SystemError("cannot read " + input.display_path);
    }
    if (n == 0) break;
    length += static_cast<size_t>(n);
  }
  text.resize(length);
  return text;
}

}  // namespace ocilint::lint
