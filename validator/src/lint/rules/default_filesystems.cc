// The mount-default-filesystem-missing rule: config-linux.md "Default Filesystems",
// config-zos.md "z/OS Container Configuration", config-freebsd.md "Devices".

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/platform.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "mount-default-filesystem-missing",
     .default_severity = Severity::kWarning,
     .level = Level::kShould,
     .spec_anchor = "config-linux.md#default-filesystems",
     .summary = "mounts that manage /proc, /sys or /dev but leave out a default filesystem",
     .explanation =
         "Applications expect the Linux special filesystems: the spec asks for proc at /proc, "
         "sysfs at /sys, devpts at /dev/pts and tmpfs at /dev/shm in every container (every "
         "generator, runc spec, crun spec, ctr and podman, also mounts a tmpfs at /dev, which "
         "the spec does not ask for and this rule does not either). Runtimes "
         "do not add them: runc 1.1.5 and crun 1.8.1 mount exactly the mounts list, so a "
         "missing entry means a container without ps, without a pseudo-terminal or without "
         "POSIX shared memory. To stay clear of configs that leave these mounts to another "
         "layer, the rule only judges a mounts list that already mounts something at or below "
         "/proc, /sys or /dev, and names the default paths none of its destinations covers. "
         "With a zos or a freebsd object and no linux one it asks for /proc only (z/OS) or for "
         "a devfs at /dev (FreeBSD), and judges any mounts list; a Windows or Solaris config "
         "is not judged. A mount without a readable destination makes the rule judge nothing.",
     .spec_text = "config-linux.md, Default Filesystems: \"The following filesystems SHOULD be "
                  "made available in each container's filesystem: /proc proc, /sys sysfs, "
                  "/dev/pts devpts, /dev/shm tmpfs.\" config-zos.md says the same of /proc; "
                  "config-freebsd.md, Devices: \"Each container SHOULD have a devfs filesystem "
                  "mounted into its /dev directory.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/proc", )"
         R"("type": "proc", "source": "proc"}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/proc", )"
         R"("type": "proc", "source": "proc"}, {"destination": "/dev", "type": "tmpfs", )"
         R"("source": "tmpfs"}, {"destination": "/dev/pts", "type": "devpts", )"
         R"("source": "devpts"}, {"destination": "/dev/shm", "type": "tmpfs", "source": "shm"}, )"
         R"({"destination": "/sys", "type": "sysfs", "source": "sysfs"}]})"},
};

/// A filesystem a container is expected to have, and the type that usually provides it.
struct DefaultFilesystem {
  std::string_view path;
  std::string_view type;
};

constexpr DefaultFilesystem kLinuxDefaults[] = {
    {"/proc", "proc"},
    {"/sys", "sysfs"},
    {"/dev/pts", "devpts"},
    {"/dev/shm", "tmpfs"},
};
constexpr DefaultFilesystem kZosDefaults[] = {{"/proc", "proc"}};
constexpr DefaultFilesystem kFreeBsdDefaults[] = {{"/dev", "devfs"}};

/// `destination` as an absolute path without trailing slashes (a relative one is taken from /).
std::string CleanDestination(std::string_view destination) {
  std::string path =
      destination.starts_with('/') ? std::string(destination) : "/" + std::string(destination);
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  return path;
}

/// True when `path` is `dir` or lies below it.
bool AtOrBelow(std::string_view path, std::string_view dir) {
  return path == dir ||
         (path.starts_with(dir) && path.size() > dir.size() && path[dir.size()] == '/');
}

std::string ListMissing(const std::vector<const DefaultFilesystem*>& missing) {
  std::string text;
  for (size_t i = 0; i < missing.size(); ++i) {
    if (i > 0) text += i + 1 == missing.size() ? " and " : ", ";
    text += std::string(missing[i]->path) + " (" + std::string(missing[i]->type) + ")";
  }
  return text;
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  const json::Node& root = doc.node(doc.root());
  json::NodeId mounts_id = doc.Find(root, "mounts");
  if (mounts_id == json::kNoNode || doc.node(mounts_id).type != json::Type::kArray) return;
  const PlatformObjects& platforms = context.platforms();
  bool linux_object = platforms.linux_object != json::kNoNode;
  if (platforms.IsWindowsContainer() || (platforms.solaris != json::kNoNode && !linux_object))
    return;
  bool zos = platforms.zos != json::kNoNode && !linux_object;
  bool freebsd = !zos && platforms.freebsd != json::kNoNode && !linux_object;
  std::span<const DefaultFilesystem> defaults = kLinuxDefaults;
  if (zos) defaults = kZosDefaults;
  if (freebsd) defaults = kFreeBsdDefaults;

  const json::Node& mounts = doc.node(mounts_id);
  std::vector<std::string> destinations;
  bool manages_special_paths = zos || freebsd;
  for (uint32_t i = 0; i < mounts.count; ++i) {
    const json::Node& mount = doc.node(doc.element(mounts, i));
    json::NodeId destination =
        mount.type == json::Type::kObject ? doc.Find(mount, "destination") : json::kNoNode;
    // A mount without a readable destination may be the missing one: judge nothing.
    if (destination == json::kNoNode || doc.node(destination).type != json::Type::kString) return;
    std::string path = CleanDestination(doc.node(destination).text);
    manages_special_paths = manages_special_paths || AtOrBelow(path, "/proc") ||
                            AtOrBelow(path, "/sys") || AtOrBelow(path, "/dev");
    destinations.push_back(std::move(path));
  }
  if (!manages_special_paths) return;

  std::vector<const DefaultFilesystem*> missing;
  for (const DefaultFilesystem& filesystem : defaults) {
    bool mounted = false;
    for (const std::string& destination : destinations)
      mounted = mounted || destination == filesystem.path;
    if (!mounted) missing.push_back(&filesystem);
  }
  if (missing.empty()) return;
  std::string platform = zos ? "z/OS " : (freebsd ? "FreeBSD " : "");
  context.Report(
      "mount-default-filesystem-missing", mounts_id, "/mounts",
      "mounts has no " + ListMissing(missing) + ", which " + platform +
          "containers are expected to have",
      "add a mount for each, for example {\"destination\": " + json::Quote(missing.front()->path) +
          ", \"type\": " + json::Quote(missing.front()->type) +
          ", \"source\": " + json::Quote(missing.front()->type) + "}");
}

}  // namespace

extern constinit const RuleFamily kDefaultFilesystemRules{"default-filesystems", Check, kRules};

}  // namespace ocilint::lint
