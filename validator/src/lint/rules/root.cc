// The root-*: config.md "Root"; path-*: config-linux.md "Masked Paths", "Readonly Paths".

#include <string>
#include <string_view>

#include "lint/rules/platform.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kRootAnchor = "config.md#root";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "root-missing",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kRootAnchor,
     .summary = "no root, which every container but a Windows Hyper-V one needs",
     .explanation =
         "root names the container's root filesystem. The schema lets it out because a Windows "
         "Hyper-V container must not have one, but every other container needs it: on Linux and "
         "the other POSIX platforms, and for Windows Server containers (a windows object "
         "without hyperv). The rule fires when root is absent and windows.hyperv is not set. "
         "runc and crun cannot start a container without a root filesystem.",
     .spec_text = "config.md, Root: \"On all other platforms, this field is REQUIRED.\"",
     .example_flags = kNoTargetFlags,
     .example_fires = R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "args": ["sh"]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("user": {"uid": 0, "gid": 0}, "args": ["sh"]}})"},
    {.slug = "root-with-hyperv",
     .default_severity = Severity::kError,
     .level = Level::kMustNot,
     .spec_anchor = kRootAnchor,
     .summary = "root set for a Windows Hyper-V container",
     .explanation =
         "A Hyper-V container (windows.hyperv set) boots its own utility VM image and gets its "
         "root filesystem from windows.layerFolders, so the spec forbids root for it. The rule "
         "fires when both root and windows.hyperv are present; remove root. A config with a "
         "linux object beside the windows one is a Linux container on Windows (LCOW), whose "
         "root is the Linux root filesystem inside the utility VM, and is not reported.",
     .spec_text = "config.md, Root: \"For Hyper-V Containers, this field MUST NOT be set.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "windows": {"layerFolders": ["C:\\layers\\base"], "hyperv": {}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "windows": {"layerFolders": ["C:\\layers\\base"], "hyperv": {}}})"},
    {.slug = "root-path-empty",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kRootAnchor,
     .summary = "root.path is the empty string",
     .explanation =
         "root.path names the directory of the root filesystem, absolute or relative to the "
         "bundle. An empty string names no directory; runtimes that join it to the bundle "
         "directory end up using the bundle itself, config.json included, as the container's "
         "root filesystem, which is almost never what was meant. Write the directory, "
         "conventionally \"rootfs\".",
     .spec_text = "config.md, Root: \"A directory MUST exist at the path declared by the "
                  "field.\"",
     .example_flags = kNoTargetFlags,
     .example_fires = R"({"ociVersion": "1.3.0", "root": {"path": ""}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "root-path-not-rootfs",
     .default_severity = Severity::kWarning,
     .level = Level::kShould,
     .spec_anchor = kRootAnchor,
     .summary = "a relative root.path other than the conventional \"rootfs\"",
     .explanation =
         "On POSIX platforms root.path SHOULD be the conventional \"rootfs\", the directory "
         "beside config.json. Tools that unpack, copy or archive bundles expect that name, and "
         "a relative path that differs (\"root\", \"../image\") often comes from a bundle "
         "assembled by hand. Only relative paths are judged: an absolute root.path is how "
         "engines such as podman and containerd point at a rootfs kept outside the bundle, and "
         "is common and legitimate. \"./rootfs\" and \"rootfs/\" count as \"rootfs\". runc "
         "1.1.5 and crun 1.8.1 accept any directory.",
     .spec_text = "config.md, Root: \"path (string, REQUIRED) [...] On POSIX platforms, path is "
                  "either an absolute path or a relative path to the bundle. [...] The value "
                  "SHOULD be the conventional rootfs.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "image"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "/var/lib/containers/abc/rootfs"}, )"
         R"("process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "root-path-windows-volume-guid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kRootAnchor,
     .summary = "a Windows root.path that is not a volume GUID path",
     .explanation =
         "On Windows the root filesystem is a mounted volume, named by its volume GUID path: "
         "\\\\?\\Volume{GUID}\\, the GUID written as 8-4-4-4-12 hexadecimal digits. A drive "
         "letter or directory such as C:\\rootfs is not such a path. The rule applies to a config "
         "with a windows object and without windows.hyperv (a Hyper-V container has no root), "
         "unless a linux object makes it a Linux container on Windows, with a Linux root. "
         "A missing final backslash is tolerated.",
     .spec_text = "config.md, Root: \"On Windows, path MUST be a volume GUID path.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "C:\\rootfs"}, "windows": {"layerFolders": ["C:\\layers\\base"]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "windows": {"layerFolders": ["C:\\layers\\base"]}})"},
    {.slug = "root-readonly-windows",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kRootAnchor,
     .summary = "root.readonly true in a Windows config",
     .explanation =
         "Windows containers cannot have a read-only root filesystem through this field, so the "
         "spec requires root.readonly to be omitted or false when the config has a windows "
         "object. The rule fires on root.readonly true there; remove it. A Linux container on "
         "Windows (a linux object beside the windows one) has a Linux root and is not "
         "reported.",
     .spec_text = "config.md, Root: \"On Windows, this field MUST be omitted or false.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\", "readonly": true}, "windows": {"layerFolders": ["C:\\layers\\base"]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\", "readonly": false}, "windows": {"layerFolders": ["C:\\layers\\base"]}})"},
    {.slug = "path-not-absolute",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config-linux.md#masked-paths",
     .summary = "a maskedPaths or readonlyPaths entry that does not start with /",
     .explanation =
         "Every entry of linux.maskedPaths and linux.readonlyPaths has to be an absolute path in "
         "the container. runc 1.1.5 and crun 1.8.1 both accept a relative entry without a word "
         "and treat it as relative to the container's root (proc/cpuinfo is masked as "
         "/proc/cpuinfo), but the spec gives it no meaning, and another runtime may resolve it "
         "against its own working directory or refuse it. Write the absolute path.",
     .spec_text = "config-linux.md, Masked Paths: \"The values MUST be absolute paths in the "
                  "container namespace.\" (Readonly Paths says the same)",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"maskedPaths": ["proc/kcore"]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"maskedPaths": ["/proc/kcore"]}, "process": {"cwd": "/", "args": ["sh"], )"
         R"("user": {"uid": 0, "gid": 0}}})"},
};

json::NodeId Member(const json::Document& doc, json::NodeId object, std::string_view key) {
  if (object == json::kNoNode || doc.node(object).type != json::Type::kObject) return json::kNoNode;
  return doc.Find(doc.node(object), key);
}

bool IsObject(const json::Document& doc, json::NodeId id) {
  return id != json::kNoNode && doc.node(id).type == json::Type::kObject;
}

/// A relative root.path that is not "rootfs" ("./rootfs" and "rootfs/" count as "rootfs").
bool IsUnconventionalRelativePath(std::string_view path) {
  if (path.empty() || path.front() == '/') return false;
  while (path.starts_with("./")) path.remove_prefix(2);
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  return path != "rootfs";
}

void CheckPathList(const RuleContext& context, json::NodeId linux, std::string_view list_name) {
  const json::Document& doc = context.doc();
  json::NodeId list = Member(doc, linux, list_name);
  if (list == json::kNoNode || doc.node(list).type != json::Type::kArray) return;
  const json::Node& array = doc.node(list);
  for (uint32_t i = 0; i < array.count; ++i) {
    json::NodeId entry = doc.element(array, i);
    const json::Node& node = doc.node(entry);
    if (node.type != json::Type::kString || node.text.starts_with('/')) continue;
    if (context.Full("path-not-absolute")) {
      context.Report("path-not-absolute", entry, {}, {});
      continue;
    }
    context.Report("path-not-absolute", entry,
                   "/linux/" + std::string(list_name) + "/" + std::to_string(i),
                   "linux." + std::string(list_name) + " entry " + json::Quote(node.text) +
                       " is not an absolute path",
                   "write " + json::Quote("/" + std::string(node.text)));
  }
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  json::NodeId root = Member(doc, doc.root(), "root");
  const PlatformObjects& platforms = context.platforms();
  bool hyperv = Member(doc, platforms.windows, "hyperv") != json::kNoNode;
  bool is_windows = platforms.IsWindowsContainer();
  // Windows content without any platform object: windows-object-missing reports it, and the
  // POSIX rules below stay out of the way.
  bool posix = !is_windows && context.windows_evidence().node == json::kNoNode;

  if (root == json::kNoNode) {
    if (!hyperv) {
      context.Report("root-missing", doc.root(), "",
                     "the config has no root: every container but a Windows Hyper-V one needs "
                     "a root filesystem",
                     "add \"root\": {\"path\": \"rootfs\"}");
    }
  } else if (hyperv && is_windows) {
    context.Report("root-with-hyperv", root, "/root",
                   "root is set for a Hyper-V container (windows.hyperv): the spec forbids it",
                   "remove root; the container's layers come from windows.layerFolders");
  } else if (IsObject(doc, root)) {
    json::NodeId path = Member(doc, root, "path");
    if (is_windows && path != json::kNoNode && doc.node(path).type == json::Type::kString &&
        !IsVolumeGuidPath(doc.node(path).text)) {
      context.Report("root-path-windows-volume-guid", path, "/root/path",
                     "root.path " + json::Quote(doc.node(path).text) +
                         " is not a volume GUID path, which Windows requires",
                     "write the volume's path, \\\\?\\Volume{GUID}\\ (mountvol lists them)");
    }
    json::NodeId readonly = Member(doc, root, "readonly");
    if (is_windows && readonly != json::kNoNode && doc.node(readonly).type == json::Type::kBool &&
        doc.node(readonly).boolean) {
      context.Report("root-readonly-windows", readonly, "/root/readonly",
                     "root.readonly is true in a Windows config: Windows requires it omitted or "
                     "false",
                     "remove root.readonly");
    }
    if (posix && path != json::kNoNode && doc.node(path).type == json::Type::kString &&
        doc.node(path).text.empty()) {
      context.Report("root-path-empty", path, "/root/path",
                     "root.path is empty: it names no directory, and runtimes that resolve it "
                     "against the bundle use the bundle itself as the root filesystem",
                     "write the root filesystem's directory, conventionally \"rootfs\"");
    }
    if (posix && path != json::kNoNode && doc.node(path).type == json::Type::kString &&
        IsUnconventionalRelativePath(doc.node(path).text)) {
      context.Report("root-path-not-rootfs", path, "/root/path",
                     "root.path " + json::Quote(doc.node(path).text) +
                         " is relative but not the conventional \"rootfs\"",
                     "rename the directory to rootfs and write \"rootfs\", or use an absolute "
                     "path for a root filesystem kept outside the bundle");
    }
  }

  json::NodeId linux = Member(doc, doc.root(), "linux");
  if (!IsObject(doc, linux)) return;
  CheckPathList(context, linux, "maskedPaths");
  CheckPathList(context, linux, "readonlyPaths");
}

}  // namespace

extern constinit const RuleFamily kRootRules{"root", Check, kRules};

}  // namespace ocilint::lint
