// The mount-*: config.md "Mounts", "Linux mount options", "POSIX-platform Mounts".

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lint/rules/mount_options.h"
#include "lint/rules/platform.h"
#include "lint/rules/rule_family.h"
#include "util/string_set.h"

namespace ocilint::lint {

namespace {

constexpr std::string_view kOptionsAnchor = "config.md#linux-mount-options";
constexpr std::string_view kIdmapSpec =
    "config.md, Linux mount options (idmap, ridmap): \"If there are no `uidMappings` and "
    "`gidMappings` specified and the container isn't using user namespaces, an [error MUST be "
    "returned](runtime.md#errors).\"";
constexpr std::string_view kUnknownOptionSpec =
    "config.md, Linux mount options: \"Runtimes SHOULD treat unknown options as "
    "[filesystem-specific ones][mount.8-filesystem-specific]) and pass those as a "
    "comma-separated string to the fifth (`const void *data`) argument of [`mount(2)`][mount.2].\"";

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "mount-destination-relative",
     .default_severity = Severity::kWarning,
     .level = Level::kShould,
     .spec_anchor = "config.md#mounts",
     .summary = "a relative mount destination (allowed on Linux, but deprecated)",
     .explanation =
         "On Linux a mount destination should be absolute. A relative one is still allowed for "
         "old tools and configurations and is taken relative to \"/\", but it has been "
         "deprecated since runtime-spec 1.2.0, so this is a warning and never an error "
         "(runtime-tools wrongly rejects it). runc 1.1.5 mounts it and warns that support for "
         "non-absolute destinations will be removed; crun 1.8.1 mounts it silently. Configs "
         "with a windows section are not checked here: there the destination is a Windows path "
         "(unless a linux section makes the config a Linux container on Windows).",
     .spec_text =
         "config.md, Mounts: \"Linux: This value SHOULD be an absolute path. For compatibility "
         "with old tools and configurations, it MAY be a relative path, in which case it MUST be "
         "interpreted as relative to \"/\". Relative paths are **deprecated**.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "tmp", "type": "tmpfs", "source": "tmpfs"}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("mounts": [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs"}])"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "mount-idmap-without-mappings",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kOptionsAnchor,
     .summary = "an idmap or ridmap mount with no mappings and no user namespace",
     .explanation =
         "The idmap and ridmap options ask for an idmapped mount. Its mapping comes from the "
         "mount's uidMappings and gidMappings or, when those are absent, may come from the "
         "container's user namespace; with neither, the spec requires the runtime to fail. "
         "crun 1.8.1 does, with mount_setattr: Operation not permitted. runc 1.1.5 predates "
         "idmapped mounts: it ignores the option and makes a plain bind mount, so the files "
         "keep their host owners. Add uidMappings and gidMappings to the mount, or a user "
         "namespace with mappings to linux.namespaces.",
     .spec_text = kIdmapSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "/data", "type": "none", "source": "/srv/data", "options": ["bind", "idmap"]}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("mounts": [{"destination": "/data", "type": "none", "source": "/srv/data", )"
         R"("options": ["bind", "idmap"], "uidMappings": [{"containerID": 0, "hostID": 100000, )"
         R"("size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, )"
         R"("size": 65536}]}])"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "mount-idmap-option-missing",
     .default_severity = Severity::kWarning,
     .level = Level::kShould,
     .spec_anchor = "config.md#posix-platform-mounts",
     .summary = "mount uidMappings or gidMappings without the idmap or ridmap option",
     .explanation =
         "A mount with uidMappings or gidMappings should also list idmap or ridmap among its "
         "options. The option says whether the mapping applies to the submounts of an rbind "
         "mount as well (ridmap) or not (idmap), and it makes the intent visible to a runtime "
         "that predates idmapped mounts: such a runtime (runc 1.1.5, for one) ignores the "
         "unknown mapping members and mounts the files with their host owners, without a "
         "word.",
     .spec_text =
         "config.md, POSIX-platform Mounts: \"If specified, the `options` field of the `mounts` "
         "structure SHOULD contain either `idmap` or `ridmap` to specify whether the mapping "
         "should be applied recursively for `rbind` mounts, as well as to ensure that older "
         "runtimes will not silently ignore this field.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "/data", "type": "none", "source": "/srv/data", "options": ["bind"], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("mounts": [{"destination": "/data", "type": "none", "source": "/srv/data", )"
         R"("options": ["bind", "idmap"], "uidMappings": [{"containerID": 0, "hostID": 100000, )"
         R"("size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, )"
         R"("size": 65536}]}])"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "mount-option-unknown",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kOptionsAnchor,
     .summary = "a mount option the filesystem gets as data and may refuse",
     .explanation =
         "The option is not a key=value pair and is neither in config.md's table of Linux mount "
         "options (including the recursive r* forms, nosymfollow, idmap and ridmap) nor a "
         "filesystem-independent option of mount(8) (auto, nofail, user, x-*, ...) nor a "
         "well-known filesystem-specific flag such as devpts's newinstance or crun's "
         "tmpcopyup. Runtimes pass unknown options to mount(2) as filesystem data, so the "
         "filesystem decides: tmpfs refuses an option it does not know, and runc 1.1.5 and crun "
         "1.8.1 both fail with Invalid argument. It is a warning because filesystems have flags "
         "of their own that oci-lint does not list; on a bind mount, where no filesystem reads "
         "the data, mount-option-ignored-on-bind reports it instead.",
     .spec_text = kUnknownOptionSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", "options": ["nosiud"]}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("mounts": [{"destination": "/tmp", "type": "tmpfs", "source": "tmpfs", )"
         R"("options": ["nosuid", "rnosuid", "mode=1777"]}])"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "mount-option-ignored-on-bind",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kOptionsAnchor,
     .summary = "an unknown mount option on a bind mount, where it does nothing",
     .explanation =
         "The option is unknown in the sense of mount-option-unknown, and the mount is a bind "
         "mount (bind or rbind among its options). Runtimes pass unknown options to mount(2) as "
         "filesystem data, which a bind mount ignores: runc 1.1.5 and crun 1.8.1 start the "
         "container and the option has no effect. It is usually a misspelt flag (nosiud, "
         "readonly) whose protection the author believes is in place.",
     .spec_text = kUnknownOptionSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "/data", "type": "none", "source": "/srv/data", "options": ["rbind", "readonly"]}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("mounts": [{"destination": "/data", "type": "none", "source": "/srv/data", )"
         R"("options": ["rbind", "ro"]}])"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "mount-option-not-portable",
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = kOptionsAnchor,
     .summary = "a known mount option that config.md's table of Linux mount options omits",
     .explanation =
         "config.md lists the option strings runtimes MUST, SHOULD or MAY implement on Linux; "
         "anything else is passed to the filesystem as data. This note names options that "
         "oci-lint knows but the table does not list, so that a runtime following only the spec "
         "may treat them as filesystem data or refuse them: rnodev (the table lists rdev and "
         "rnosuid but not rnodev; runc 1.1.5 and crun 1.8.1 implement it), the options mount(8) "
         "handles itself and never hands to mount(2) (auto, nofail, user, _netdev, x-*, ...: "
         "runc 1.1.5 passes them to the filesystem, where tmpfs refuses them), and crun "
         "extensions (copy-symlink, src-nofollow, dest-nofollow, which crun 1.8.1 does not know "
         "yet). Options that are not known at all are reported by mount-option-unknown (or "
         "mount-option-ignored-on-bind) instead, and key=value data and filesystem-specific "
         "flags such as devpts's newinstance, which the spec says to pass as data, are left "
         "alone.",
     .spec_text = "config.md, Linux mount options: \"Runtimes MUST/SHOULD/MAY implement the "
                  "following option strings for Linux\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/data", )"
         R"("type": "none", "source": "/srv/data", "options": ["rbind", "rnodev"]}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/data", )"
         R"("type": "none", "source": "/srv/data", "options": ["rbind", "rnosuid", "rro"]}]})"},
    {.slug = "mount-destination-nested-windows",
     .default_severity = Severity::kError,
     .level = Level::kMustNot,
     .spec_anchor = "config.md#mounts",
     .summary = "a Windows mount destination nested within another mount's destination",
     .explanation =
         "On Windows one mount destination may not lie inside another, as c:\\foo\\bar inside "
         "c:\\foo. The rule applies to configs with a windows section and compares destinations "
         "without regard to case, with / and \\ alike and trailing separators dropped. Move one "
         "of the mounts, or mount the parent only.",
     .spec_text =
         "config.md, Mounts: \"Windows: ... One mount destination MUST NOT be nested within "
         "another mount (e.g., c:\\\\foo and c:\\\\foo\\\\bar).\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "windows": {"layerFolders": ["C:\\layers\\1"]}, "mounts": [{"destination": "C:\\foo", "source": "C:\\a"}, {"destination": "C:\\foo\\bar", "source": "C:\\b"}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "windows": {"layerFolders": ["C:\\layers\\1"]}, "mounts": [{"destination": "C:\\foo", "source": "C:\\a"}, {"destination": "C:\\foobar", "source": "C:\\b"}]})"},
    {.slug = "mount-destination-not-absolute",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config.md#mounts",
     .summary = "a relative mount destination in a Windows or Solaris config",
     .explanation =
         "Outside Linux a mount destination has to be absolute; only Linux keeps relative "
         "destinations, deprecated, for old configs (mount-destination-relative). The rule "
         "applies to configs with a windows section, where an absolute path starts with a drive "
         "letter and a separator (C:\\data) or is a UNC or device path (\\\\?\\...), and to "
         "configs with a solaris section, where it starts with /. A Linux config (no such "
         "section) is left to mount-destination-relative, and so is a Linux container on "
         "Windows (a linux section beside the windows one), whose destinations are Linux paths.",
     .spec_text =
         "config.md, Mounts: \"Windows: This value MUST be an absolute path. ... Solaris: This "
         "value MUST be an absolute path.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "windows": {"layerFolders": ["C:\\layers\\1"]}, "mounts": [{"destination": "data", "source": "C:\\a"}]})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "windows": {"layerFolders": ["C:\\layers\\1"]}, "mounts": [{"destination": "C:\\data", "source": "C:\\a"}]})"},
};

/// config.md's table of Linux mount options.
constexpr std::string_view kTableOptions[] = {
    "async",          "atime",      "bind",         "defaults",    "dev",
    "diratime",       "dirsync",    "exec",         "iversion",    "lazytime",
    "loud",           "mand",       "noatime",      "nodev",       "nodiratime",
    "noexec",         "noiversion", "nolazytime",   "nomand",      "norelatime",
    "nostrictatime",  "nosuid",     "nosymfollow",  "private",     "ratime",
    "rbind",          "rdev",       "rdiratime",    "relatime",    "remount",
    "rexec",          "rnoatime",   "rnodiratime",  "rnoexec",     "rnorelatime",
    "rnostrictatime", "rnosuid",    "rnosymfollow", "ro",          "rprivate",
    "rrelatime",      "rro",        "rrw",          "rshared",     "rslave",
    "rstrictatime",   "rsuid",      "rsymfollow",   "runbindable", "rw",
    "shared",         "silent",     "slave",        "strictatime", "suid",
    "symfollow",      "sync",       "tmpcopyup",    "unbindable",  "idmap",
    "ridmap"};

/// Options that are known but missing from the table, with why a runtime may not implement them.
struct UnlistedOption {
  std::string_view name;
  std::string_view why;
};

constexpr std::string_view kMountCommandOnly =
    "mount(8) handles it in user space and never passes it to mount(2)";
constexpr std::string_view kCrunExtension = "it is a crun extension that newer crun releases know";

constexpr UnlistedOption kUnlistedOptions[] = {
    {"rnodev", "the table lists rdev but not rnodev, which runc and crun implement"},
    {"auto", kMountCommandOnly},
    {"noauto", kMountCommandOnly},
    {"nofail", kMountCommandOnly},
    {"user", kMountCommandOnly},
    {"nouser", kMountCommandOnly},
    {"users", kMountCommandOnly},
    {"owner", kMountCommandOnly},
    {"group", kMountCommandOnly},
    {"_netdev", kMountCommandOnly},
    {"copy-symlink", kCrunExtension},
    {"src-nofollow", kCrunExtension},
    {"dest-nofollow", kCrunExtension}};

/// Filesystem-specific flags seen in generated configs: passed as data, as the spec says.
constexpr std::string_view kFilesystemFlags[] = {
    "newinstance", "acl", "noacl", "user_xattr", "nouser_xattr", "discard", "nodiscard"};

/// Why a known `option` is missing from config.md's table (it is not filesystem data), or "".
std::string_view WhyUnlisted(std::string_view option) {
  if (option.starts_with("x-")) return kMountCommandOnly;
  for (const UnlistedOption& unlisted : kUnlistedOptions) {
    if (unlisted.name == option) return unlisted.why;
  }
  return {};
}

bool IsKnownOption(std::string_view option) {
  if (option.find('=') != std::string_view::npos) return true;  // filesystem data, key=value
  static constexpr auto kTable = util::MakeStringSet(kTableOptions);
  static constexpr auto kFilesystemFlagSet = util::MakeStringSet(kFilesystemFlags);
  return kTable.contains(option) || kFilesystemFlagSet.contains(option) ||
         !WhyUnlisted(option).empty();
}

bool HasUserNamespace(const json::Document& doc, const json::Node& root) {
  json::NodeId linux_id = doc.Find(root, "linux");
  if (linux_id == json::kNoNode || doc.node(linux_id).type != json::Type::kObject) return false;
  json::NodeId namespaces = doc.Find(doc.node(linux_id), "namespaces");
  if (namespaces == json::kNoNode || doc.node(namespaces).type != json::Type::kArray) return false;
  const json::Node& list = doc.node(namespaces);
  for (uint32_t i = 0; i < list.count; ++i) {
    const json::Node& ns = doc.node(doc.element(list, i));
    if (ns.type != json::Type::kObject) continue;
    json::NodeId type = doc.Find(ns, "type");
    if (type != json::kNoNode && doc.node(type).text == "user" &&
        doc.node(type).type == json::Type::kString)
      return true;
  }
  return false;
}

/// C:\\x, C:/x, \\\\server\\share or \\\\?\\Volume{...}\\.
bool IsAbsoluteWindowsPath(std::string_view path) {
  auto separator = [](char c) { return c == '\\' || c == '/'; };
  if (path.size() >= 2 && separator(path[0]) && separator(path[1])) return true;
  bool letter = path.size() >= 3 &&
                ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  return letter && path[1] == ':' && separator(path[2]);
}

std::string MountPointer(uint32_t index, std::string_view rest) {
  return "/mounts/" + std::to_string(index) + std::string(rest);
}

/// A Windows destination folded for comparison: lower case, '\' separators, no trailing one.
std::string FoldWindowsPath(std::string_view path) {
  std::string folded;
  folded.reserve(path.size());
  for (char c : path) {
    if (c == '/') c = '\\';
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    folded.push_back(c);
  }
  while (folded.size() > 1 && folded.back() == '\\') folded.pop_back();
  return folded;
}

/// hashes[k] is a hash of text[0, k), for k in [0, length]: every prefix in one pass.
std::vector<uint64_t> PrefixHash(std::string_view text, size_t length) {
  std::vector<uint64_t> hashes;
  hashes.reserve(length + 1);
  uint64_t hash = 1469598103934665603ULL;
  hashes.push_back(hash);
  for (size_t k = 0; k < length; ++k) {
    hash = (hash ^ static_cast<unsigned char>(text[k])) * 1099511628211ULL;
    hashes.push_back(hash);
  }
  return hashes;
}

void CheckOptions(const RuleContext& context, uint32_t index, const json::Node& mount,
                  bool user_namespace) {
  const json::Document& doc = context.doc();
  json::NodeId options_id = doc.Find(mount, "options");
  bool has_uid = doc.Find(mount, "uidMappings") != json::kNoNode;
  bool has_gid = doc.Find(mount, "gidMappings") != json::kNoNode;
  bool bind = false;
  bool idmap = false;
  const json::Node* options = nullptr;
  if (options_id != json::kNoNode && doc.node(options_id).type == json::Type::kArray) {
    options = &doc.node(options_id);
    for (uint32_t i = 0; i < options->count; ++i) {
      const json::Node& option = doc.node(doc.element(*options, i));
      if (option.type != json::Type::kString) continue;
      bind = bind || option.text == "bind" || option.text == "rbind";
      idmap = idmap || option.text == "idmap" || option.text == "ridmap";
    }
  }
  if ((has_uid || has_gid) && !idmap) {
    json::NodeId at = doc.Find(mount, has_uid ? "uidMappings" : "gidMappings");
    context.Report("mount-idmap-option-missing", at,
                   MountPointer(index, has_uid ? "/uidMappings" : "/gidMappings"),
                   "mount " + std::to_string(index) +
                       " has ID mappings but neither idmap nor ridmap among its options: older "
                       "runtimes ignore the mappings silently",
                   "add \"idmap\" (or \"ridmap\" to map the submounts of an rbind mount too) to "
                   "its options");
  }
  if (!options) return;
  for (uint32_t i = 0; i < options->count; ++i) {
    json::NodeId option_id = doc.element(*options, i);
    const json::Node& option = doc.node(option_id);
    if (option.type != json::Type::kString) continue;
    auto pointer = [&] { return MountPointer(index, "/options/" + std::to_string(i)); };
    if ((option.text == "idmap" || option.text == "ridmap") && !has_uid && !has_gid &&
        !user_namespace) {
      context.Report("mount-idmap-without-mappings", option_id, pointer(),
                     "mount " + std::to_string(index) + " asks for " + json::Quote(option.text) +
                         " but has no uidMappings/gidMappings and the container has no user "
                         "namespace to take a mapping from",
                     "add uidMappings and gidMappings to the mount, or a user namespace to "
                     "linux.namespaces.");
    }
    if (IsKnownOption(option.text)) {
      std::string_view why = WhyUnlisted(option.text);
      if (why.empty()) continue;
      context.Report("mount-option-not-portable", option_id, pointer(),
                     "mount option " + json::Quote(option.text) +
                         " is not in config.md's table of Linux mount options: " + std::string(why),
                     "a runtime that follows only the spec passes it to the filesystem as data, "
                     "which may refuse it; drop it unless the target runtime is known to "
                     "implement it");
      continue;
    }
    if (bind) {
      context.Report("mount-option-ignored-on-bind", option_id, pointer(),
                     "mount option " + json::Quote(option.text) +
                         " is not a known mount flag: on a bind mount it is passed as "
                         "filesystem data, which is ignored, so it has no effect",
                     "check its spelling (known flags: ro, nosuid, nodev, noexec, rro, ...), or "
                     "remove it");
    } else {
      context.Report("mount-option-unknown", option_id, pointer(),
                     "mount option " + json::Quote(option.text) +
                         " is not a known mount flag: it is passed to the filesystem as data, "
                         "and a filesystem that does not know it (tmpfs, for one) refuses the "
                         "mount",
                     "check its spelling, or that the filesystem has such an option");
    }
  }
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  const json::Node& root = doc.node(doc.root());
  json::NodeId mounts_id = doc.Find(root, "mounts");
  if (mounts_id == json::kNoNode || doc.node(mounts_id).type != json::Type::kArray) return;
  const json::Node& mounts = doc.node(mounts_id);
  const PlatformObjects& platforms = context.platforms();
  bool windows = platforms.IsWindowsContainer();
  bool solaris = !windows && platforms.solaris != json::kNoNode;
  bool user_namespace = HasUserNamespace(doc, root);

  /// Windows only: each mount's folded destination, and the first mount of each folded hash.
  std::vector<std::string> folded(windows ? mounts.count : 0);
  std::unordered_map<uint64_t, uint32_t> first_of_hash;
  for (uint32_t i = 0; i < mounts.count; ++i) {
    const json::Node& mount = doc.node(doc.element(mounts, i));
    if (mount.type != json::Type::kObject) continue;
    json::NodeId destination_id = doc.Find(mount, "destination");
    if (destination_id != json::kNoNode && doc.node(destination_id).type == json::Type::kString) {
      std::string_view destination = doc.node(destination_id).text;
      if (windows && !IsAbsoluteWindowsPath(destination)) {
        context.Report(
            "mount-destination-not-absolute", destination_id, MountPointer(i, "/destination"),
            "Windows mount destination " + json::Quote(destination) + " is not absolute",
            "write it with its drive, e.g. " + json::Quote("C:\\" + std::string(destination)));
      } else if (solaris && !destination.starts_with('/')) {
        context.Report("mount-destination-not-absolute", destination_id,
                       MountPointer(i, "/destination"),
                       "Solaris mount destination " + json::Quote(destination) + " is not absolute",
                       "write " + json::Quote("/" + std::string(destination)));
      }
      if (windows) {
        folded[i] = FoldWindowsPath(destination);
        first_of_hash.try_emplace(PrefixHash(folded[i], folded[i].size()).back(), i);
      } else if (!solaris && !destination.starts_with('/')) {
        context.Report("mount-destination-relative", destination_id,
                       MountPointer(i, "/destination"),
                       "mount destination " + json::Quote(destination) +
                           " is relative: it is taken relative to \"/\", but relative "
                           "destinations are deprecated (runc warns)",
                       "write " + json::Quote("/" + std::string(destination)));
      }
    }
    if (!windows) CheckOptions(context, i, mount, user_namespace);
  }
  if (!windows) return;
  for (uint32_t i = 0; i < mounts.count; ++i) {
    const std::string& path = folded[i];
    if (path.empty()) continue;
    std::vector<uint64_t> hashes = PrefixHash(path, path.size());
    for (size_t cut = path.find('\\'); cut != std::string::npos && cut + 1 < path.size();
         cut = path.find('\\', cut + 1)) {
      auto found = first_of_hash.find(hashes[cut]);
      if (found == first_of_hash.end() || found->second == i ||
          std::string_view(path).substr(0, cut) != folded[found->second])
        continue;
      json::NodeId destination_id = doc.Find(doc.node(doc.element(mounts, i)), "destination");
      context.Report(
          "mount-destination-nested-windows", destination_id, MountPointer(i, "/destination"),
          "mount destination " + json::Quote(doc.node(destination_id).text) +
              " is nested within the destination of mount " + std::to_string(found->second),
          "mount one of them elsewhere, or only the outer one");
      break;
    }
  }
}

}  // namespace

bool IsSpecMountOption(std::string_view option) {
  static constexpr auto kTable = util::MakeStringSet(kTableOptions);
  return kTable.contains(option);
}

extern constinit const RuleFamily kMountRules{"mounts", Check, kRules};

}  // namespace ocilint::lint
