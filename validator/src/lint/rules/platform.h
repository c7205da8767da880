#pragma once

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

}  // namespace ocilint::lint
