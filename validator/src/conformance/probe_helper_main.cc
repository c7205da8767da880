// oci-lint-probe-helper: the only program in a conformance bundle's rootfs. Statically linked.
//
//   oci-lint-probe-helper
//       prints the capability sets, uid and no_new_privs of its own process as one JSON object
//       (the capability battery).
//   oci-lint-probe-helper report [CHECK...]
//       prints one JSON object with what the process sees: credentials, umask, hostname, cwd,
//       environment, oom_score_adj, rlimits, namespaces, mounts, and one result per CHECK:
//       read:PATH (the first bytes, or the errno), write:PATH (creates and removes PATH),
//       stat:PATH (file type, mode, device numbers).
//   oci-lint-probe-helper sleep SECONDS
//       prints the report, then sleeps (the process of a lifecycle scenario).
//   oci-lint-probe-helper hook NAME FILE [fail]
//       a lifecycle hook: appends one JSON line to FILE with NAME, its namespaces, what it read
//       on standard input (the container's state) and the executable and command name of the
//       state's pid; exits 1 with "fail".

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>

extern char** environ;

namespace {

std::string Quote(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c >= 0x7f) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string ReadFile(const char* path, size_t limit) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "";
  std::string text;
  char buffer[4096];
  ssize_t n;
  while (text.size() < limit && (n = read(fd, buffer, sizeof buffer)) > 0) {
    text.append(buffer, static_cast<size_t>(n));
  }
  close(fd);
  if (text.size() > limit) text.resize(limit);
  return text;
}

std::string Link(const std::string& path) {
  char buffer[256];
  ssize_t n = readlink(path.c_str(), buffer, sizeof buffer - 1);
  return n < 0 ? "" : std::string(buffer, static_cast<size_t>(n));
}

std::string Trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

/// The capability, credential and no_new_privs lines of /proc/self/status as JSON members.
std::string StatusMembers(bool with_groups) {
  static const char* const kKeys[] = {"CapInh", "CapPrm", "CapEff",     "CapBnd", "CapAmb",
                                      "Uid",    "Gid",    "NoNewPrivs", "Groups", "Umask"};
  std::string status = ReadFile("/proc/self/status", 1 << 16);
  std::string out;
  size_t start = 0;
  while (start < status.size()) {
    size_t end = status.find('\n', start);
    if (end == std::string::npos) end = status.size();
    std::string line = status.substr(start, end - start);
    start = end + 1;
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    bool wanted = false;
    for (const char* k : kKeys) wanted |= key == k;
    if (!wanted || (!with_groups && (key == "Gid" || key == "Groups" || key == "Umask"))) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    // Uid and Gid: the real id only.
    if (key == "Uid" || key == "Gid") value = value.substr(0, value.find('\t'));
    for (char& c : value) c = c == '\t' ? ' ' : c;
    out += (out.empty() ? "" : ", ") + Quote(key) + ": " + Quote(Trim(value));
  }
  return out;
}

std::string Check(const std::string& check) {
  size_t colon = check.find(':');
  std::string kind = check.substr(0, colon);
  std::string path = colon == std::string::npos ? "" : check.substr(colon + 1);
  auto error = [](int e) { return std::string("errno:") + strerrorname_np(e); };
  if (kind == "read") {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return error(errno);
    char buffer[65];
    ssize_t n = read(fd, buffer, 64);
    int e = errno;
    close(fd);
    if (n < 0) return error(e);
    return "ok:" + std::string(buffer, static_cast<size_t>(n));
  }
  if (kind == "write") {
    int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return error(errno);
    close(fd);
    unlink(path.c_str());
    return "ok";
  }
  if (kind == "stat") {
    struct stat st;
    if (lstat(path.c_str(), &st) != 0) return error(errno);
    const char* type = S_ISREG(st.st_mode)    ? "file"
                       : S_ISDIR(st.st_mode)  ? "dir"
                       : S_ISCHR(st.st_mode)  ? "char"
                       : S_ISBLK(st.st_mode)  ? "block"
                       : S_ISLNK(st.st_mode)  ? "link"
                       : S_ISFIFO(st.st_mode) ? "fifo"
                                              : "other";
    char buffer[96];
    std::snprintf(buffer, sizeof buffer, "ok:%s %04o %u:%u", type, st.st_mode & 07777,
                  major(st.st_rdev), minor(st.st_rdev));
    return buffer;
  }
  return "unknown check";
}

std::string Report(int argc, char** argv) {
  std::string out = "{" + StatusMembers(true);
  // From the syscalls too: a kernel's /proc (gVisor's) may not list them.
  if (out.find("\"NoNewPrivs\"") == std::string::npos) {
    int nnp = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
    if (nnp >= 0) out += ", \"NoNewPrivs\": " + Quote(std::to_string(nnp));
  }
  if (out.find("\"Umask\"") == std::string::npos) {
    mode_t mask = umask(0);
    umask(mask);
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04o", mask);
    out += ", \"Umask\": " + Quote(buffer);
  }
  utsname uts;
  if (uname(&uts) == 0) out += ", \"hostname\": " + Quote(uts.nodename);
  char cwd[4096];
  if (getcwd(cwd, sizeof cwd)) out += ", \"cwd\": " + Quote(cwd);
  out += ", \"env\": [";
  for (char** e = environ; e && *e; ++e) out += (e == environ ? "" : ", ") + Quote(*e);
  out += "], \"oomScoreAdj\": " + Quote(Trim(ReadFile("/proc/self/oom_score_adj", 64)));
  static const struct {
    const char* name;
    int resource;
  } kLimits[] = {{"RLIMIT_CORE", RLIMIT_CORE},       {"RLIMIT_NOFILE", RLIMIT_NOFILE},
                 {"RLIMIT_NPROC", RLIMIT_NPROC},     {"RLIMIT_STACK", RLIMIT_STACK},
                 {"RLIMIT_MEMLOCK", RLIMIT_MEMLOCK}, {"RLIMIT_MSGQUEUE", RLIMIT_MSGQUEUE}};
  out += ", \"rlimits\": {";
  for (size_t i = 0; i < sizeof kLimits / sizeof kLimits[0]; ++i) {
    rlimit limit;
    if (getrlimit(kLimits[i].resource, &limit) != 0) continue;
    out += std::string(i ? ", " : "") + Quote(kLimits[i].name) + ": [" +
           std::to_string(limit.rlim_cur) + ", " + std::to_string(limit.rlim_max) + "]";
  }
  out += "}, \"ns\": {";
  bool first = true;
  for (const char* ns : {"mnt", "pid", "uts", "ipc", "net", "user", "cgroup"}) {
    std::string link = Link(std::string("/proc/self/ns/") + ns);
    if (link.empty()) continue;
    out += std::string(first ? "" : ", ") + Quote(ns) + ": " + Quote(link);
    first = false;
  }
  out += "}, \"mountinfo\": " + Quote(ReadFile("/proc/self/mountinfo", 1 << 15));
  out += ", \"checks\": {";
  for (int i = 0; i < argc; ++i) {
    out += std::string(i ? ", " : "") + Quote(argv[i]) + ": " + Quote(Check(argv[i]));
  }
  return out + "}}";
}

int Hook(int argc, char** argv) {
  if (argc < 2) return 2;
  std::string state;
  char buffer[4096];
  ssize_t n;
  while (state.size() < (1 << 16) && (n = read(0, buffer, sizeof buffer)) > 0) {
    state.append(buffer, static_cast<size_t>(n));
  }
  std::string exe, comm;
  if (size_t at = state.find("\"pid\""); at != std::string::npos) {
    at = state.find_first_of("0123456789", at);
    if (at != std::string::npos) {
      std::string proc = "/proc/" + std::to_string(std::strtol(state.c_str() + at, nullptr, 10));
      exe = Link(proc + "/exe");
      comm = Trim(ReadFile((proc + "/comm").c_str(), 64));
    }
  }
  std::string line =
      "{\"hook\": " + Quote(argv[0]) + ", \"mnt\": " + Quote(Link("/proc/self/ns/mnt")) +
      ", \"pidns\": " + Quote(Link("/proc/self/ns/pid")) + ", \"exe\": " + Quote(exe) +
      ", \"comm\": " + Quote(comm) + ", \"stdin\": " + Quote(state) + "}\n";
  int fd = open(argv[1], O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    ssize_t written = write(fd, line.data(), line.size());
    close(fd);
    if (written != static_cast<ssize_t>(line.size())) return 3;
  }
  return argc > 2 && std::strcmp(argv[2], "fail") == 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "hook") == 0) return Hook(argc - 2, argv + 2);
  if (argc > 1 && std::strcmp(argv[1], "report") == 0) {
    std::printf("%s\n", Report(argc - 2, argv + 2).c_str());
    return 0;
  }
  if (argc > 2 && std::strcmp(argv[1], "sleep") == 0) {
    std::printf("%s\n", Report(0, nullptr).c_str());
    std::fflush(stdout);
    timespec rest = {std::atoi(argv[2]), 0};
    while (nanosleep(&rest, &rest) != 0 && errno == EINTR) {
    }
    return 0;
  }
  if (access("/proc/self/status", R_OK) != 0) {
    std::perror("oci-lint-probe-helper: /proc/self/status");
    return 1;
  }
  std::printf("{%s}\n", StatusMembers(false).c_str());
  return 0;
}
