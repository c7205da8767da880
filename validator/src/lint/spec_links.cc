#include "lint/spec_links.h"

#include <array>
#include <utility>

namespace ocilint::lint {

namespace {

/// Most specific prefix first.
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kAnchors = {{
    {"/process/capabilities", "config.md#linux-process"},
    {"/process/rlimits", "config.md#posix-process"},
    {"/process/user", "config.md#user"},
    {"/process/apparmorProfile", "config.md#linux-process"},
    {"/process/oomScoreAdj", "config.md#linux-process"},
    {"/process/selinuxLabel", "config.md#linux-process"},
    {"/process/noNewPrivileges", "config.md#linux-process"},
    {"/process/ioPriority", "config.md#linux-process"},
    {"/process/scheduler", "config.md#linux-process"},
    {"/process/execCPUAffinity", "config.md#linux-process"},
    {"/process", "config.md#process"},
    {"/ociVersion", "config.md#specification-version"},
    {"/root", "config.md#root"},
    {"/mounts", "config.md#mounts"},
    {"/hostname", "config.md#hostname"},
    {"/domainname", "config.md#domainname"},
    {"/hooks", "config.md#posix-platform-hooks"},
    {"/annotations", "config.md#annotations"},
    {"/linux/namespaces", "config-linux.md#namespaces"},
    {"/linux/uidMappings", "config-linux.md#user-namespace-mappings"},
    {"/linux/gidMappings", "config-linux.md#user-namespace-mappings"},
    {"/linux/devices", "config-linux.md#devices"},
    {"/linux/resources", "config-linux.md#control-groups"},
    {"/linux/seccomp", "config-linux.md#seccomp"},
    {"/linux", "config-linux.md"},
    {"/windows", "config-windows.md"},
    {"/solaris", "config-solaris.md"},
    {"/vm", "config-vm.md"},
}};

}  // namespace

std::string SpecAnchorFor(diag::DocumentKind kind, std::string_view pointer) {
  if (kind == diag::DocumentKind::kState) return "runtime.md#state";
  if (kind == diag::DocumentKind::kFeatures) {
    if (pointer.starts_with("/linux")) return "features-linux.md";
    if (pointer.starts_with("/ociVersion")) return "features.md#specification-version";
    return "features.md";
  }
  for (const auto& [prefix, anchor] : kAnchors) {
    if (pointer.substr(0, prefix.size()) == prefix &&
        (pointer.size() == prefix.size() || pointer[prefix.size()] == '/')) {
      return std::string(anchor);
    }
  }
  for (std::string_view platform : {"/zos", "/freebsd"}) {
    if (pointer.substr(0, platform.size()) == platform) {
      return "config-" + std::string(platform.substr(1)) + ".md";
    }
  }
  return pointer.empty() ? "config.md#configuration" : "";
}

}  // namespace ocilint::lint
