#include "conformance/launcher.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/secure_fs.h"

namespace ocilint::conformance {

namespace fs = std::filesystem;

std::vector<std::string> Launcher::Command(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {path};
  argv.insert(argv.end(), global_flags.begin(), global_flags.end());
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

CommandSetup Launcher::Setup(std::vector<int> drops) const {
  CommandSetup setup;
  bool cgroup2 = private_cgroup2;
  setup.before_exec = [drops, cgroup2]() {
    for (int cap : drops) {
      if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0) return false;
    }
    if (cgroup2) {
      if (unshare(CLONE_NEWNS) != 0) return false;
      if (mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return false;
      umount2("/sys/fs/cgroup", MNT_DETACH);
      if (mount("none", "/sys/fs/cgroup", "cgroup2", 0, nullptr) != 0) return false;
    }
    return true;
  };
  return setup;
}

std::string FindInPath(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/sbin:/usr/bin:/sbin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    fs::path candidate = fs::path(dir) / name;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string JoinCommand(const std::vector<std::string>& argv) {
  std::string out;
  for (const std::string& a : argv) out += (out.empty() ? "" : " ") + a;
  return out;
}

std::string ContainerId(pid_t pid, const std::string& scenario) {
  return "oci-lint-" + std::to_string(pid) + "-" + scenario;
}

Result<std::string> MakeBundle(const PrivateDir& work, const std::string& name, int helper,
                               const std::string& config) {
  std::string bundle = work.path() + "/" + name;
  if (mkdirat(work.fd(), name.c_str(), 0700) != 0) return SystemError("cannot create " + bundle);
  UniqueFd dir(openat(work.fd(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir.valid()) return SystemError("cannot open " + bundle);
  if (mkdirat(dir.get(), "rootfs", 0755) != 0)
    return SystemError("cannot create " + bundle + "/rootfs");
  UniqueFd rootfs(openat(dir.get(), "rootfs", O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!rootfs.valid()) return SystemError("cannot open " + bundle + "/rootfs");
  Result<bool> copied = securefs::CopyFileAt(helper, rootfs.get(), "oci-lint-probe-helper", 0755);
  if (!copied)
    return Error{bundle + "/rootfs: " + copied.error().context, copied.error().errno_value};
  Result<bool> written = securefs::CreateFileAt(dir.get(), "config.json", config, 0600);
  if (!written) return Error{bundle + ": " + written.error().context, written.error().errno_value};
  return bundle;
}

}  // namespace ocilint::conformance
