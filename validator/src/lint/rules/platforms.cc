// The platform rules: config.md "Platform-specific configuration" (which platform objects a
// config may carry), config-windows.md "Devices", config-vm.md, config-freebsd.md.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/platform.h"
#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr std::string_view kPlatformAnchor = "config.md#platform-specific-configuration";
constexpr std::string_view kTargetExplanation =
    "A config is written for one target platform, and the platform's runtime reads only its own "
    "object: everything in another platform's object is ignored, so settings that look "
    "effective are not. The target is read from the config itself. A windows object makes it "
    "Windows, where a linux object is legitimate too: that is a Linux container on Windows "
    "(LCOW), which Windows runtimes such as hcsshim run in a utility VM. Without a windows "
    "object, two or more of linux, solaris, zos and freebsd leave the target undecided, and "
    "each of them is reported, naming the others. vm is not a platform of its own and is never "
    "reported.";

constexpr diag::RuleInfo kRules[] =
    {
        {.slug = "linux-object-other-platform",
         .default_severity = Severity::kNote,
         .level = Level::kMay,
         .spec_anchor = kPlatformAnchor,
         .summary = "a linux object beside the object of another POSIX platform",
         .explanation = kTargetExplanation,
         .spec_text = "config.md, Platform-specific configuration: \"linux (object, OPTIONAL) ... "
                      "This MAY be set if the target platform of this spec is linux.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "linux": {"namespaces": [{"type": "pid"}]}, "solaris": {"milestone": "svc:/milestone/container:default"}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "linux": {"namespaces": [{"type": "pid"}]}, "windows": {"layerFolders": ["C:\\layers\\base"], "hyperv": {}}})"},
        {.slug = "solaris-object-other-platform",
         .default_severity = Severity::kNote,
         .level = Level::kMay,
         .spec_anchor = kPlatformAnchor,
         .summary = "a solaris object in a config for another platform",
         .explanation = kTargetExplanation,
         .spec_text =
             "config.md, Platform-specific configuration: \"solaris (object, OPTIONAL) ... "
             "This MAY be set if the target platform of this spec is solaris.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "process": {"cwd": "C:\\", "commandLine": "cmd.exe"}, "windows": {"layerFolders": ["C:\\layers\\base"]}, "solaris": {"milestone": "svc:/milestone/container:default"}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "solaris": {"milestone": "svc:/milestone/container:default"}})"},
        {.slug = "zos-object-other-platform",
         .default_severity = Severity::kNote,
         .level = Level::kMay,
         .spec_anchor = kPlatformAnchor,
         .summary = "a zos object in a config for another platform",
         .explanation = kTargetExplanation,
         .spec_text = "config.md, Platform-specific configuration: \"zos (object, OPTIONAL) ... "
                      "This MAY be set if the target platform of this spec is zos.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "linux": {"namespaces": [{"type": "pid"}]}, "zos": {"namespaces": [{"type": "pid"}]}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}], "zos": {"namespaces": [{"type": "pid"}, {"type": "mount"}]}})"},
        {.slug = "freebsd-object-other-platform",
         .default_severity = Severity::kNote,
         .level = Level::kMay,
         .spec_anchor = kPlatformAnchor,
         .summary = "a freebsd object in a config for another platform",
         .explanation = kTargetExplanation,
         .spec_text =
             "config.md, Platform-specific configuration: \"freebsd (object, OPTIONAL) ... "
             "This MAY be set if the target platform of this spec is freebsd.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "linux": {"namespaces": [{"type": "pid"}]}, "freebsd": {"jail": {"host": "new"}}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/dev", "type": "devfs", "source": "devfs"}], "freebsd": {"jail": {"host": "new"}}})"},
        {.slug = "windows-object-missing",
         .default_severity = Severity::kError,
         .level = Level::kMust,
         .spec_anchor = kPlatformAnchor,
         .summary = "a config for Windows without a windows object",
         .explanation =
             "A config whose target is Windows has to carry a windows object: it holds "
             "layerFolders, the container's image layers, without which a Windows runtime has "
             "nothing to build the container from. The rule fires when the config has no platform "
             "object at all (no windows, linux, solaris, zos or freebsd) and yet shows that it is "
             "for Windows by something that exists only there: process.commandLine, a Windows user "
             "(process.user.username without uid or gid), a volume GUID root.path "
             "(\\\\?\\Volume{...}\\) or a working directory with a drive letter (C:\\). A config "
             "with a linux object or another platform's object is not judged: its target is that "
             "platform, or a Linux container on Windows.",
         .spec_text =
             "config.md, Platform-specific configuration: \"windows (object, OPTIONAL) ... "
             "This MUST be set if the target platform of this spec is windows.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "process": {"cwd": "C:\\", "commandLine": "cmd.exe"}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "process": {"cwd": "C:\\", "commandLine": "cmd.exe"}, "windows": {"layerFolders": ["C:\\layers\\base"]}})"},
        {.slug = "windows-device-id-not-guid",
         .default_severity = Severity::kError,
         .level = Level::kMust,
         .spec_anchor = "config-windows.md#devices",
         .summary = "a windows.devices entry of idType class whose id is not a GUID",
         .explanation =
             "Each windows.devices entry names a device the runtime must make available, and its "
             "idType says how to read its id. The only idType the spec defines is \"class\", which "
             "makes id a device interface class GUID: 32 hexadecimal digits grouped 8-4-4-4-12, "
             "such as 5175d334-c371-4806-b3ba-71fd53c9258d (either case; the registry form in "
             "braces, "
             "{...}, is accepted too). Anything else, a device name or instance path for one, "
             "names "
             "no interface class, so the runtime cannot find the device. Entries with another "
             "idType "
             "are left to the schema.",
         .spec_text = "config-windows.md, Devices: \"id (string, REQUIRED) - specifies the device "
                      "which the runtime MUST make available in the container. idType (string, "
                      "REQUIRED) - tells the runtime how to interpret id. Today, Windows only "
                      "supports a value of class, which identifies id as a device interface class "
                      "GUID.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "process": {"cwd": "C:\\", "commandLine": "cmd.exe"}, "windows": {"layerFolders": ["C:\\layers\\base"], "devices": [{"id": "GPU0", "idType": "class"}]}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "\\\\?\\Volume{ec84d99e-3f02-11e7-ac6c-00155d7682cf}\\"}, "process": {"cwd": "C:\\", "commandLine": "cmd.exe"}, "windows": {"layerFolders": ["C:\\layers\\base"], "devices": [{"id": "5175d334-c371-4806-b3ba-71fd53c9258d", "idType": "class"}]}})"},
        {.slug = "vm-path-not-absolute",
         .default_severity = Severity::kError,
         .level = Level::kMust,
         .spec_anchor = "config-vm.md#hypervisor-object",
         .summary = "a vm hypervisor, kernel, initrd or image path that does not start with /",
         .explanation =
             "The four files a virtual-machine runtime starts the container's VM from, "
             "vm.hypervisor.path, vm.kernel.path, vm.kernel.initrd and vm.image.path, are named in "
             "the runtime's mount namespace and have to be absolute. A relative path is resolved "
             "against whatever directory the runtime happens to run in (the bundle, or not), so "
             "the "
             "VM boots a different kernel or image, or none, depending on how the runtime was "
             "started. Write the absolute path.",
         .spec_text = "config-vm.md, Hypervisor Object, Kernel Object, Image Object: \"This value "
                      "MUST be an absolute path in the runtime mount namespace.\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "vm": {"kernel": {"path": "vmlinuz"}}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "vm": {"kernel": {"path": "/var/lib/vm/vmlinuz"}}})"},
        {.slug = "freebsd-device-path-not-relative",
         .default_severity = Severity::kError,
         .level = Level::kMust,
         .spec_anchor = "config-freebsd.md#devices",
         .summary = "a freebsd.devices path that is not relative to /dev",
         .explanation =
             "A freebsd.devices entry names a device below the container's /dev, relative to it: "
             "\"pf\" is /dev/pf. An absolute path such as /dev/pf is not what the field holds, and "
             "a runtime that joins it to /dev looks for /dev/dev/pf; a path with a .. component "
             "climbs out of /dev. Write the path below /dev.",
         .spec_text = "config-freebsd.md, Devices: \"path (string, REQUIRED) - the device path "
                      "relative to /dev\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/dev", "type": "devfs", "source": "devfs"}], "freebsd": {"devices": [{"path": "/dev/pf", "mode": 448}]}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/dev", "type": "devfs", "source": "devfs"}], "freebsd": {"devices": [{"path": "pf", "mode": 448}]}})"},
        {.slug = "freebsd-jail-network-inconsistent",
         .default_severity = Severity::kWarning,
         .level = Level::kShould,
         .spec_anchor = "config-freebsd.md#jail",
         .summary = "jail ip4 or ip6 set against the jail's vnet choice",
         .explanation =
             "A jail either gets a network stack of its own (vnet \"new\") or shares its parent's "
             "(vnet unset or \"inherit\"). ip4 and ip6, with ip4Addr and ip6Addr, are about the "
             "shared stack: which of its addresses the jail may use. So with vnet \"new\" the spec "
             "asks to leave ip4 and ip6 unset, and the rule reports each that is set. A jail "
             "sharing "
             "the stack should set them to \"inherit\"; \"disable\" and \"new\" with an address "
             "list are deliberate restrictions and are not reported (nor is leaving them unset, "
             "the "
             "jail(8) default), but \"new\" without addresses restricts the jail to no address at "
             "all, and is.",
         .spec_text =
             "config-freebsd.md, Jail: \"A container which needs its own network namespace "
             "SHOULD set \"vnet\" to \"new\" and leave \"ip4\" and \"ip6\" unchanged. A "
             "container which shares the parent/host vnet SHOULD leave \"vnet\" unchanged "
             "and set \"ip4\" and \"ip6\" to \"inherit\".\"",
         .example_flags = kNoTargetFlags,
         .example_fires =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/dev", "type": "devfs", "source": "devfs"}], "freebsd": {"jail": {"vnet": "new", "ip4": "inherit"}}})",
         .example_silent =
             R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}, "mounts": [{"destination": "/dev", "type": "devfs", "source": "devfs"}], "freebsd": {"jail": {"vnet": "new"}}})"},
};

/// One platform object and the rule that reports it when it is for another target.
struct PlatformObject {
  std::string_view name;
  std::string_view rule;
  json::NodeId node;
};

/// Joins names as "a", "a and b", "a, b and c".
std::string ListOf(const std::vector<std::string_view>& names) {
  std::string text;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? " and " : ", ";
    text += names[i];
  }
  return text;
}

void CheckOtherPlatforms(const RuleContext& context, const PlatformObjects& platforms) {
  std::array<PlatformObject, 4> posix = {{
      {"linux", "linux-object-other-platform", platforms.linux_object},
      {"solaris", "solaris-object-other-platform", platforms.solaris},
      {"zos", "zos-object-other-platform", platforms.zos},
      {"freebsd", "freebsd-object-other-platform", platforms.freebsd},
  }};
  if (platforms.windows != json::kNoNode) {
    for (const PlatformObject& object : posix) {
      if (object.node == json::kNoNode || object.name == "linux") continue;
      context.Report(object.rule, object.node, "/" + std::string(object.name),
                     std::string(object.name) +
                         " object in a config for Windows (it has a windows object): a Windows "
                         "runtime ignores it",
                     "remove the " + std::string(object.name) + " object, or the windows object " +
                         "if the container is for " + std::string(object.name));
    }
    return;
  }
  std::vector<std::string_view> present;
  for (const PlatformObject& object : posix) {
    if (object.node != json::kNoNode) present.push_back(object.name);
  }
  if (present.size() < 2) return;
  for (const PlatformObject& object : posix) {
    if (object.node == json::kNoNode) continue;
    std::vector<std::string_view> others;
    for (std::string_view name : present) {
      if (name != object.name) others.push_back(name);
    }
    context.Report(object.rule, object.node, "/" + std::string(object.name),
                   std::string(object.name) + " object beside " + ListOf(others) +
                       (others.size() > 1 ? " objects" : " object") +
                       ": a config has one target platform, whose runtime ignores the other "
                       "platforms' objects",
                   "keep only the object of the platform the container runs on");
  }
}

void CheckWindowsObjectMissing(const RuleContext& context) {
  const WindowsEvidence& evidence = context.windows_evidence();
  if (evidence.node == json::kNoNode) return;
  context.Report("windows-object-missing", evidence.node, evidence.pointer,
                 "the config is for Windows (" + evidence.what +
                     ") but has no windows object, which Windows requires",
                 "add \"windows\": {\"layerFolders\": [...]} with the container's layers");
}

/// 8-4-4-4-12 hexadecimal digits, optionally in braces.
bool IsGuid(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  }
  constexpr std::string_view kShape = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";
  if (text.size() != kShape.size()) return false;
  for (size_t i = 0; i < kShape.size(); ++i) {
    char c = text[i];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (kShape[i] == 'x' ? !hex : c != '-') return false;
  }
  return true;
}

void CheckWindowsDevices(const RuleContext& context, json::NodeId windows) {
  const json::Document& doc = context.doc();
  json::NodeId devices = doc.FindOfType(windows, "devices", json::Type::kArray);
  if (devices == json::kNoNode) return;
  const json::Node& array = doc.node(devices);
  for (uint32_t i = 0; i < array.count; ++i) {
    json::NodeId entry = doc.element(array, i);
    json::NodeId id_type = doc.FindOfType(entry, "idType", json::Type::kString);
    json::NodeId id = doc.FindOfType(entry, "id", json::Type::kString);
    if (id_type == json::kNoNode || doc.node(id_type).text != "class" || id == json::kNoNode ||
        IsGuid(doc.node(id).text)) {
      continue;
    }
    if (context.Full("windows-device-id-not-guid")) {
      context.Report("windows-device-id-not-guid", id, {}, {});
      continue;
    }
    context.Report(
        "windows-device-id-not-guid", id, "/windows/devices/" + std::to_string(i) + "/id",
        "windows.devices[" + std::to_string(i) + "].id " + json::Quote(doc.node(id).text) +
            " is not a GUID, but idType \"class\" makes it a device interface class "
            "GUID",
        "write the interface class GUID, such as "
        "\"5175d334-c371-4806-b3ba-71fd53c9258d\"");
  }
}

void CheckVmPaths(const RuleContext& context, json::NodeId vm) {
  const json::Document& doc = context.doc();
  struct VmPath {
    std::string_view object;
    std::string_view key;
  };
  constexpr std::array<VmPath, 4> kPaths = {{
      {"hypervisor", "path"},
      {"kernel", "path"},
      {"kernel", "initrd"},
      {"image", "path"},
  }};
  for (const VmPath& field : kPaths) {
    json::NodeId object = doc.FindOfType(vm, field.object, json::Type::kObject);
    json::NodeId path = doc.FindOfType(object, field.key, json::Type::kString);
    if (path == json::kNoNode || doc.node(path).text.starts_with('/')) continue;
    std::string name = "vm." + std::string(field.object) + "." + std::string(field.key);
    context.Report("vm-path-not-absolute", path,
                   "/vm/" + std::string(field.object) + "/" + std::string(field.key),
                   name + " " + json::Quote(doc.node(path).text) +
                       " is not absolute: it would be resolved against the runtime's working "
                       "directory",
                   "write the absolute path of the file in the runtime's mount namespace");
  }
}

bool HasParentComponent(std::string_view path) {
  while (!path.empty()) {
    size_t slash = path.find('/');
    if (path.substr(0, slash) == "..") return true;
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return false;
}

void CheckFreebsdDevices(const RuleContext& context, json::NodeId freebsd) {
  const json::Document& doc = context.doc();
  json::NodeId devices = doc.FindOfType(freebsd, "devices", json::Type::kArray);
  if (devices == json::kNoNode) return;
  const json::Node& array = doc.node(devices);
  for (uint32_t i = 0; i < array.count; ++i) {
    json::NodeId path = doc.FindOfType(doc.element(array, i), "path", json::Type::kString);
    if (path == json::kNoNode) continue;
    std::string_view text = doc.node(path).text;
    bool absolute = text.starts_with('/');
    if (!absolute && !HasParentComponent(text)) continue;
    if (context.Full("freebsd-device-path-not-relative")) {
      context.Report("freebsd-device-path-not-relative", path, {}, {});
      continue;
    }
    std::string name = "freebsd.devices[" + std::to_string(i) + "].path " + json::Quote(text);
    std::string pointer = "/freebsd/devices/" + std::to_string(i) + "/path";
    if (absolute) {
      std::string_view below = text;
      while (below.starts_with('/')) below.remove_prefix(1);
      if (below.starts_with("dev/")) below.remove_prefix(4);
      context.Report("freebsd-device-path-not-relative", path, pointer,
                     name + " is absolute, but the path is taken relative to /dev",
                     "write " + json::Quote(below));
    } else {
      context.Report("freebsd-device-path-not-relative", path, pointer,
                     name + " climbs out of /dev with ..",
                     "name a device below /dev, such as \"pf\" for /dev/pf");
    }
  }
}

void CheckJailNetwork(const RuleContext& context, json::NodeId freebsd) {
  const json::Document& doc = context.doc();
  json::NodeId jail = doc.FindOfType(freebsd, "jail", json::Type::kObject);
  if (jail == json::kNoNode) return;
  json::NodeId vnet = doc.FindOfType(jail, "vnet", json::Type::kString);
  bool own_stack = vnet != json::kNoNode && doc.node(vnet).text == "new";
  for (std::string_view family : {"ip4", "ip6"}) {
    json::NodeId mode = doc.FindOfType(jail, family, json::Type::kString);
    if (mode == json::kNoNode) continue;
    std::string_view value = doc.node(mode).text;
    std::string name = "freebsd.jail." + std::string(family);
    std::string pointer = "/freebsd/jail/" + std::string(family);
    if (own_stack) {
      context.Report("freebsd-jail-network-inconsistent", mode, pointer,
                     name + " is " + json::Quote(value) +
                         " but vnet is \"new\": the jail has a network stack of its own, and "
                         "the spec asks to leave ip4 and ip6 unset then",
                     "remove " + std::string(family) +
                         ", or vnet if the jail is to share its "
                         "parent's network stack");
      continue;
    }
    json::NodeId addresses = doc.FindOfType(jail, std::string(family) + "Addr", json::Type::kArray);
    if (value == "new" && (addresses == json::kNoNode || doc.node(addresses).count == 0)) {
      context.Report("freebsd-jail-network-inconsistent", mode, pointer,
                     name + " is \"new\" without " + std::string(family) +
                         "Addr: the jail shares its parent's network stack but may use none of "
                         "its addresses",
                     "set " + std::string(family) + " to \"inherit\" (or \"disable\"), or list " +
                         "the addresses in " + std::string(family) + "Addr");
    }
  }
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  const PlatformObjects& platforms = context.platforms();
  CheckOtherPlatforms(context, platforms);
  CheckWindowsObjectMissing(context);
  if (platforms.windows != json::kNoNode) CheckWindowsDevices(context, platforms.windows);
  json::NodeId vm = doc.FindOfType(doc.root(), "vm", json::Type::kObject);
  if (vm != json::kNoNode) CheckVmPaths(context, vm);
  if (platforms.freebsd != json::kNoNode) {
    CheckFreebsdDevices(context, platforms.freebsd);
    CheckJailNetwork(context, platforms.freebsd);
  }
}

}  // namespace

extern constinit const RuleFamily kPlatformRules{"platforms", Check, kRules};

}  // namespace ocilint::lint
