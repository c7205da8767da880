#pragma once

#include <string>
#include <string_view>

#include "json/document.h"

namespace ocilint::lint {

/// The platform objects a config carries (config.md "Platform-specific configuration"), each
/// kNoNode when absent or not an object. vm is left out: it adds to a platform, it names none.
struct PlatformObjects {
  json::NodeId linux_object = json::kNoNode;
  json::NodeId windows = json::kNoNode;
  json::NodeId solaris = json::kNoNode;
  json::NodeId zos = json::kNoNode;
  json::NodeId freebsd = json::kNoNode;

  /// A Windows container: a windows object and no linux one. With both, the config is for a
  /// Linux container on Windows (LCOW): Linux paths, a Linux root, a Linux process.
  bool IsWindowsContainer() const {
    return windows != json::kNoNode && linux_object == json::kNoNode;
  }
  bool IsLinuxOnWindows() const {
    return windows != json::kNoNode && linux_object != json::kNoNode;
  }
};

/// A drive-letter path: C:\\dir or C:/dir.
inline bool IsWindowsDrivePath(std::string_view path) {
  bool letter = path.size() >= 3 &&
                ((path[0] >= 'A' && path[0] <= 'Z') || (path[0] >= 'a' && path[0] <= 'z'));
  return letter && path[1] == ':' && (path[2] == '\\' || path[2] == '/');
}

inline PlatformObjects FindPlatformObjects(const json::Document& doc) {
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return {};
  auto object = [&doc](std::string_view key) {
    return doc.FindOfType(doc.root(), key, json::Type::kObject);
  };
  return {.linux_object = object("linux"),
          .windows = object("windows"),
          .solaris = object("solaris"),
          .zos = object("zos"),
          .freebsd = object("freebsd")};
}

/// `\\?\Volume{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}`, with or without a final backslash.
inline bool IsVolumeGuidPath(std::string_view path) {
  constexpr std::string_view kPrefix = "\\\\?\\Volume{";
  if (!path.starts_with(kPrefix)) return false;
  path.remove_prefix(kPrefix.size());
  if (path.ends_with('\\')) path.remove_suffix(1);
  constexpr std::string_view kShape = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}";
  if (path.size() != kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    char c = path[i];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (kShape[i] == 'x' ? !hex : c != kShape[i]) return false;
  }
  return true;
}

/// What shows that a config without any platform object is meant for Windows: the value, its
/// pointer and a phrase saying why; node is kNoNode when nothing does.
struct WindowsEvidence {
  json::NodeId node = json::kNoNode;
  std::string pointer;
  std::string what;
};

/// Windows-only content (process.commandLine, a volume GUID root.path, a drive-letter cwd, a
/// user with a username and no ids) in a config that has no platform object at all.
inline WindowsEvidence FindWindowsEvidence(const json::Document& doc,
                                           const PlatformObjects& platforms) {
  if (doc.empty() || platforms.windows != json::kNoNode ||
      platforms.linux_object != json::kNoNode || platforms.solaris != json::kNoNode ||
      platforms.zos != json::kNoNode || platforms.freebsd != json::kNoNode) {
    return {};
  }
  json::NodeId process = doc.FindOfType(doc.root(), "process", json::Type::kObject);
  json::NodeId user = doc.FindOfType(process, "user", json::Type::kObject);
  json::NodeId root = doc.FindOfType(doc.root(), "root", json::Type::kObject);
  if (json::NodeId id = doc.FindOfType(process, "commandLine", json::Type::kString);
      id != json::kNoNode) {
    return {id, "/process/commandLine", "process.commandLine, which only Windows has, is set"};
  }
  if (json::NodeId path = doc.FindOfType(root, "path", json::Type::kString);
      path != json::kNoNode && IsVolumeGuidPath(doc.node(path).text)) {
    return {path, "/root/path",
            "root.path " + json::Quote(doc.node(path).text) + " is a Windows volume GUID path"};
  }
  if (json::NodeId cwd = doc.FindOfType(process, "cwd", json::Type::kString);
      cwd != json::kNoNode && IsWindowsDrivePath(doc.node(cwd).text)) {
    return {cwd, "/process/cwd",
            "process.cwd " + json::Quote(doc.node(cwd).text) + " is a Windows path"};
  }
  if (json::NodeId name = doc.FindOfType(user, "username", json::Type::kString);
      name != json::kNoNode && doc.Find(doc.node(user), "uid") == json::kNoNode &&
      doc.Find(doc.node(user), "gid") == json::kNoNode) {
    return {name, "/process/user/username",
            "process.user has a username and no uid or gid, as a Windows user has"};
  }
  return {};
}

}  // namespace ocilint::lint
