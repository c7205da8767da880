// The bundle rules (bundle-*, hook-path-not-in-rootfs): bundle.md and config.md "Root",
// "Process", "startContainer". They read the bundle's
// files, so they run only when a config is linted as a bundle (lint --bundle DIR); every path is
// resolved inside the root filesystem, never outside it (lint/rules/rootfs.h).

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "lint/rules/rootfs.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kFlags = "--bundle DIR";
constexpr std::string_view kExemption =
    "needs a bundle directory, not a config alone: validator/tests/bundle_rules_test.cc builds "
    "the bundles that fire it and stay silent";
constexpr std::string_view kRootSpec =
    "config.md, Root: \"path (string, REQUIRED) Specifies the path to the root filesystem for the "
    "container. [...] If defined, a directory MUST exist at the path declared by the field.\"";
constexpr std::string_view kArgsSpec =
    "config.md, Process: \"args (array of strings, OPTIONAL) with similar semantics to IEEE Std "
    "1003.1-2008 execvp's argv. This specification extends the IEEE standard in that at least one "
    "entry is REQUIRED (non-Windows), and that entry is used with the same semantics as execvp's "
    "file.\"";
/// Where execvp(3) looks when the environment has no PATH, widened to the usual sbin and local
/// directories so that a runtime's own default cannot make the rule fire wrongly.
constexpr std::string_view kDefaultPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "bundle-root-missing",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config.md#root",
     .summary = "root.path names nothing in the bundle (lint --bundle)",
     .explanation =
         "In bundle mode oci-lint resolves root.path against the bundle directory, as runtimes "
         "do, and checks that the root filesystem is there. A missing rootfs is the most common "
         "reason a freshly written bundle does not start: an image that was never unpacked, a "
         "relative path written from another working directory, a typo. runc and crun both "
         "refuse such a bundle at create. Unpack the image into the directory root.path names, "
         "or correct root.path.",
     .spec_text = kRootSpec,
     .example_flags = kFlags,
     .example_fires = "oci-lint lint --bundle DIR   # DIR/config.json: \"root\": {\"path\": "
                      "\"rootfs\"}, and DIR/rootfs does not exist",
     .example_silent = "oci-lint lint --bundle DIR   # DIR/rootfs is a directory",
     .exemption = kExemption},
    {.slug = "bundle-root-not-directory",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config.md#root",
     .summary = "root.path names a file that is not a directory (lint --bundle)",
     .explanation =
         "root.path exists in the bundle but is not a directory: a tar archive that was not "
         "unpacked, a disk image, a file left by an earlier step. A runtime pivots into the root "
         "filesystem, which must be a directory; runc and crun refuse the bundle at create.",
     .spec_text = kRootSpec,
     .example_flags = kFlags,
     .example_fires = "oci-lint lint --bundle DIR   # DIR/rootfs is a regular file (rootfs.tar "
                      "renamed)",
     .example_silent = "oci-lint lint --bundle DIR   # DIR/rootfs is a directory",
     .exemption = kExemption},
    {.slug = "bundle-root-symlink",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = "bundle.md#container-format",
     .summary = "root.path is a symbolic link, so the rootfs may lie outside the bundle",
     .explanation =
         "bundle.md wants config.json and the root filesystem present together in one directory, "
         "so that the bundle can be moved, archived and handed to another runtime as a whole. A "
         "rootfs that is a symbolic link breaks that: copying or archiving the bundle copies the "
         "link, not the files, and the link may point anywhere on the host. Runtimes follow it, so "
         "the container starts here and fails elsewhere. Replace the link with the directory, or "
         "bind-mount it there.",
     .spec_text = "bundle.md, Container Format: \"While these artifacts MUST all be present in a "
                  "single directory on the local filesystem, that directory itself is not part of "
                  "the bundle.\"",
     .example_flags = kFlags,
     .example_fires = "oci-lint lint --bundle DIR   # DIR/rootfs -> /var/lib/images/alpine",
     .example_silent = "oci-lint lint --bundle DIR   # DIR/rootfs is a directory",
     .exemption = kExemption},
    {.slug = "bundle-args-not-found",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config.md#process",
     .summary = "process.args[0] is not an executable file inside the rootfs (lint --bundle)",
     .explanation =
         "The first entry of process.args is the program the container runs, found the way "
         "execvp(3) finds it: a name with a slash is a path (relative ones from process.cwd), a "
         "bare name is searched in the PATH of process.env. In bundle mode oci-lint looks it up "
         "inside the root filesystem, following symbolic links the way the container will (an "
         "absolute link stays inside the rootfs), and reports a program that is not there, not a "
         "regular file, or has no execute bit. runc and crun both refuse such a config at create "
         "(\"executable file not found in $PATH\", \"executable file `x` not found\"), often long "
         "after the bundle was written. A program under a mount destination is not judged: the "
         "mount may provide it.",
     .spec_text = kArgsSpec,
     .example_flags = kFlags,
     .example_fires = "oci-lint lint --bundle DIR   # \"args\": [\"bash\"], and the rootfs has no "
                      "bash in PATH",
     .example_silent = "oci-lint lint --bundle DIR   # \"args\": [\"sh\"], and rootfs/bin/sh is "
                       "an executable file",
     .exemption = kExemption},
    {.slug = "bundle-cwd-not-directory",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config.md#process",
     .summary = "process.cwd names a file inside the rootfs that is not a directory",
     .explanation =
         "process.cwd is the working directory of the container's process. A runtime creates it "
         "when it is missing (runc and crun both do), but when the path already exists as a file "
         "the runtime cannot change into it and the container does not start. In bundle mode "
         "oci-lint looks the path up inside the root filesystem, links followed the way the "
         "container will.",
     .spec_text = "config.md, Process: \"cwd (string, REQUIRED) is the working directory that "
                  "will be set for the executable. This value MUST be an absolute path.\"",
     .example_flags = kFlags,
     .example_fires = "oci-lint lint --bundle DIR   # \"cwd\": \"/etc/hostname\", a file in the "
                      "rootfs",
     .example_silent = "oci-lint lint --bundle DIR   # \"cwd\": \"/srv\", missing or a directory",
     .exemption = kExemption},
    {.slug = "hook-path-not-in-rootfs",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = "config.md#startcontainer-hooks",
     .summary = "a startContainer hook path that is not in the rootfs (lint --bundle)",
     .explanation =
         "startContainer hooks run inside the container, after pivot_root, so their path is "
         "looked up in the container's filesystem, not on the host. A hook written with a host "
         "path (/usr/libexec/oci/hooks.d/...) that the image does not have cannot run. In bundle "
         "mode oci-lint looks the path up inside the root filesystem, links followed the way the "
         "container will (an absolute link stays inside the rootfs), and reports a path that "
         "is missing or is not an executable file. A path under a mount destination is not "
         "judged: the mount may provide it. runc 1.1.5 and crun 1.8.1 both fail at start when "
         "the hook is missing (\"fork/exec /usr/bin/setup: no such file or directory\", "
         "\"error executing hook `/usr/bin/setup` (exit code: 1)\"). It is a warning because "
         "the rootfs may still change before the container starts.",
     .spec_text = "config.md, startContainer: \"The startContainer hooks' path MUST resolve in "
                  "the container namespace.\"",
     .example_flags = kFlags,
     .example_fires = "oci-lint lint --bundle DIR   # \"startContainer\": [{\"path\": "
                      "\"/usr/bin/setup\"}], and the rootfs has no usr/bin/setup",
     .example_silent = "oci-lint lint --bundle DIR   # \"startContainer\": [{\"path\": "
                       "\"/bin/sh\"}], and rootfs/bin/sh is an executable file",
     .exemption = kExemption},
};

constexpr std::string_view kRootMissing = kRules[0].slug;
constexpr std::string_view kRootNotDirectory = kRules[1].slug;
constexpr std::string_view kRootSymlink = kRules[2].slug;
constexpr std::string_view kArgsNotFound = kRules[3].slug;
constexpr std::string_view kCwdNotDirectory = kRules[4].slug;
constexpr std::string_view kHookNotInRootfs = kRules[5].slug;

const json::Node* Member(const json::Document& doc, const json::Node& object, const char* key,
                         json::Type type, json::NodeId* id = nullptr) {
  if (object.type != json::Type::kObject) return nullptr;
  json::NodeId found = doc.Find(object, key);
  if (found == json::kNoNode || doc.node(found).type != type) return nullptr;
  if (id) *id = found;
  return &doc.node(found);
}

/// True when `path` is at or below a mount destination of the config: a mount may provide it.
bool UnderMount(const std::vector<std::string>& destinations, const std::string& path) {
  for (const std::string& d : destinations) {
    std::string dir = d.size() > 1 && d.back() == '/' ? d.substr(0, d.size() - 1) : d;
    if (path == dir || (path.rfind(dir, 0) == 0 && path.size() > dir.size() &&
                        (dir == "/" || path[dir.size()] == '/'))) {
      return true;
    }
  }
  return false;
}

std::string Join(const std::string& dir, const std::string& name) {
  return dir.empty() || dir.back() == '/' ? dir + name : dir + "/" + name;
}

void CheckProgram(const RuleContext& context, const RootFs& rootfs, const json::Node& process,
                  const std::vector<std::string>& mounts) {
  const json::Document& doc = context.doc();
  const json::Node* args = Member(doc, process, "args", json::Type::kArray);
  if (!args || args->count == 0) return;
  json::NodeId first = doc.element(*args, 0);
  if (doc.node(first).type != json::Type::kString) return;
  std::string program(doc.node(first).text);
  if (program.empty()) return;
  std::string cwd = "/";
  if (const json::Node* c = Member(doc, process, "cwd", json::Type::kString)) cwd = c->text;
  std::string path_variable(kDefaultPath);
  bool from_env = false;
  if (const json::Node* env = Member(doc, process, "env", json::Type::kArray)) {
    for (size_t i = 0; i < env->count; ++i) {
      const json::Node& entry = doc.node(doc.element(*env, i));
      if (entry.type == json::Type::kString && entry.text.rfind("PATH=", 0) == 0) {
        path_variable = entry.text.substr(5);
        from_env = true;
      }
    }
  }
  std::vector<std::string> candidates;
  if (program.find('/') != std::string::npos) {
    candidates.push_back(program[0] == '/' ? program : Join(cwd, program));
  } else {
    for (size_t start = 0; start <= path_variable.size();) {
      size_t end = std::min(path_variable.find(':', start), path_variable.size());
      std::string dir = path_variable.substr(start, end - start);
      candidates.push_back(Join(dir.empty() ? cwd : dir, program));
      start = end + 1;
    }
  }
  std::string problem;
  for (const std::string& candidate : candidates) {
    if (UnderMount(mounts, candidate)) return;
    std::optional<struct stat> st = rootfs.Stat(candidate);
    if (!st) continue;
    if (S_ISREG(st->st_mode) && (st->st_mode & 0111)) return;
    if (problem.empty()) {
      problem = candidate +
                (S_ISREG(st->st_mode) ? " has no execute permission" : " is not a regular file");
    }
  }
  std::string where = program.find('/') != std::string::npos
                          ? "the rootfs"
                          : "the PATH " + std::string(from_env ? "of process.env" : "execvp uses") +
                                " (" + path_variable + ") inside the rootfs";
  context.Report(kArgsNotFound, first, "/process/args/0",
                 "process.args[0] " + json::Quote(program) +
                     (problem.empty() ? " is not found in " + where : ": " + problem),
                 "Install it in the image, or name a program the rootfs has.");
}

/// Reports startContainer hooks whose absolute path is not an executable file in the rootfs.
void CheckStartContainerHooks(const RuleContext& context, const RootFs& rootfs,
                              const json::Node& config, const std::vector<std::string>& mounts) {
  const json::Document& doc = context.doc();
  const json::Node* hooks = Member(doc, config, "hooks", json::Type::kObject);
  const json::Node* list =
      hooks ? Member(doc, *hooks, "startContainer", json::Type::kArray) : nullptr;
  if (!list) return;
  for (uint32_t i = 0; i < list->count; ++i) {
    const json::Node& hook = doc.node(doc.element(*list, i));
    json::NodeId path_id = json::kNoNode;
    const json::Node* path = Member(doc, hook, "path", json::Type::kString, &path_id);
    if (!path || !path->text.starts_with('/')) continue;
    std::string program(path->text);
    if (UnderMount(mounts, program)) continue;
    std::optional<struct stat> st = rootfs.Stat(program);
    if (st && S_ISREG(st->st_mode) && (st->st_mode & 0111)) continue;
    std::string problem = !st                     ? "does not exist in the rootfs"
                          : !S_ISREG(st->st_mode) ? "is not a regular file in the rootfs"
                                                  : "has no execute permission in the rootfs";
    context.Report(kHookNotInRootfs, path_id,
                   "/hooks/startContainer/" + std::to_string(i) + "/path",
                   "hooks.startContainer[" + std::to_string(i) + "].path " + json::Quote(program) +
                       " " + problem + ": startContainer hooks run inside the container",
                   "Install the hook in the image, or run it as a createRuntime hook if it is a "
                   "host program.");
  }
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (context.bundle().empty() || doc.empty()) return;
  const json::Node& config = doc.node(doc.root());
  json::NodeId path_id = json::kNoNode;
  const json::Node* root = Member(doc, config, "root", json::Type::kObject);
  const json::Node* path =
      root ? Member(doc, *root, "path", json::Type::kString, &path_id) : nullptr;
  if (!path || path->text.empty()) return;
  std::string rootfs_path = path->text.front() == '/'
                                ? std::string(path->text)
                                : Join(context.bundle(), std::string(path->text));
  struct stat st;
  if (lstat(rootfs_path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    context.Report(kRootSymlink, path_id, "/root/path",
                   "root.path " + json::Quote(path->text) + " is a symbolic link (" + rootfs_path +
                       "); a copy or archive of the bundle will not hold the rootfs",
                   "Put the root filesystem itself in the bundle directory.");
  }
  if (stat(rootfs_path.c_str(), &st) != 0) {
    context.Report(kRootMissing, path_id, "/root/path",
                   "root.path " + json::Quote(path->text) + ": " + rootfs_path + " " +
                       (errno == ENOENT ? "does not exist" : std::strerror(errno)),
                   "Unpack the image there, or correct root.path.");
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    context.Report(
        kRootNotDirectory, path_id, "/root/path",
        "root.path " + json::Quote(path->text) + ": " + rootfs_path + " is not a directory",
        "The root filesystem must be an unpacked directory tree.");
    return;
  }
  std::optional<RootFs> rootfs = RootFs::Open(rootfs_path);
  if (!rootfs) return;
  std::vector<std::string> mounts;
  if (const json::Node* list = Member(doc, config, "mounts", json::Type::kArray)) {
    for (size_t i = 0; i < list->count; ++i) {
      const json::Node& mount = doc.node(doc.element(*list, i));
      if (const json::Node* d = Member(doc, mount, "destination", json::Type::kString)) {
        mounts.emplace_back(d->text.empty() || d->text.front() != '/' ? "/" + std::string(d->text)
                                                                      : std::string(d->text));
      }
    }
  }
  CheckStartContainerHooks(context, *rootfs, config, mounts);
  const json::Node* process = Member(doc, config, "process", json::Type::kObject);
  if (!process) return;
  CheckProgram(context, *rootfs, *process, mounts);
  json::NodeId cwd_id = json::kNoNode;
  if (const json::Node* cwd = Member(doc, *process, "cwd", json::Type::kString, &cwd_id)) {
    std::string dir(cwd->text);
    if (!dir.empty() && dir.front() == '/' && !UnderMount(mounts, dir)) {
      std::optional<struct stat> found = rootfs->Stat(dir);
      if (found && !S_ISDIR(found->st_mode)) {
        context.Report(
            kCwdNotDirectory, cwd_id, "/process/cwd",
            "process.cwd " + json::Quote(dir) + " is a file inside the rootfs, not a directory",
            "Name a directory (a missing one is created by the runtime).");
      }
    }
  }
}

}  // namespace

extern constinit const RuleFamily kBundleRules{"bundle", Check, kRules};

}  // namespace ocilint::lint
