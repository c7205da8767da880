// The device-* and resource-devices-allow-unlisted: config-linux.md "Devices", "Default Devices".

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

constexpr std::string_view kAnchor = "config-linux.md#devices";
constexpr std::string_view kFileModeSpec =
    "config-linux.md, Devices: \"**`fileMode`** *(uint32, OPTIONAL)* - file mode for the device. "
    "Note it is a decimal (not an octal) number.\"";

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "device-path-not-absolute",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a device path that is not a full path inside the container",
     .explanation =
         "Each entry of linux.devices names where the node appears in the container with "
         "`path`, which the spec requires to be the full path. A relative path has no defined "
         "base, and runtimes disagree about it: runc 1.1.5 joins it to the rootfs and creates "
         "the node, while crun 1.8.1 resolves it against its own working directory and fails "
         "with mknod: No such file or directory.",
     .spec_text =
         "config-linux.md, Devices: \"**`path`** *(string, REQUIRED)* - full path to device "
         "inside container.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"devices": [{"path": "dev/fuse", "type": "c", "major": 10, "minor": 229}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"devices": [{"path": "/dev/fuse", "type": "c", "major": 10, )"
         R"("minor": 229}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "device-duplicate-path",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "two different devices at the same path",
     .explanation =
         "Two entries of linux.devices create a node at the same path (after repeated and "
         "trailing slashes are dropped) but differ in type or numbers. When the runtime comes to "
         "the later entry, a file that does not match the requested device already exists there, "
         "and for that case the spec requires an error. Neither runc 1.1.5 nor crun 1.8.1 "
         "reports one: both start the container with the first device (1:3 in the probe) and "
         "silently drop the second, so one of the two requests is lost. Entries that are "
         "identical in path, type and numbers are left to device-duplicate-number.",
     .spec_text =
         "config-linux.md, Devices: \"If a [file][] already exists at `path` that does not match "
         "the requested device, the runtime MUST generate an error.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"devices": [{"path": "/dev/x", "type": "c", "major": 1, "minor": 3}, {"path": "/dev/x", "type": "c", "major": 1, "minor": 5}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"devices": [{"path": "/dev/x", "type": "c", "major": 1, "minor": 3}, )"
         R"({"path": "/dev/y", "type": "c", "major": 1, "minor": 5}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "device-duplicate-number",
     .default_severity = Severity::kWarning,
     .level = Level::kShouldNot,
     .spec_anchor = kAnchor,
     .summary = "the same type, major and minor used for two devices",
     .explanation =
         "Two entries of linux.devices have the same type, major and minor number (FIFOs, type "
         "p, have no numbers and are not compared). The spec advises against it. Both runc and "
         "crun create both nodes, which then give access to the same device; usually one entry "
         "is a copy left over from an edit, or a path was meant to be a symlink. Minor number 0 "
         "is an ordinary minor (/dev/tty is 5:0, /dev/sda 8:0) and is never reported by itself.",
     .spec_text =
         "config-linux.md, Devices: \"The same `type`, `major` and `minor` SHOULD NOT be used "
         "for multiple devices.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"devices": [{"path": "/dev/a", "type": "c", "major": 1, "minor": 3}, {"path": "/dev/b", "type": "c", "major": 1, "minor": 3}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"devices": [{"path": "/dev/tty", "type": "c", "major": 5, "minor": 0}, )"
         R"({"path": "/dev/sda", "type": "b", "major": 8, "minor": 0}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "device-fifo-with-numbers",
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "major or minor numbers on a FIFO (type p), where they mean nothing",
     .explanation =
         "A FIFO (type p) is not a device and has no device number; the spec requires major and "
         "minor for every other type only. mknod(2) ignores the numbers of a FIFO, and runc and "
         "crun create a plain FIFO. The numbers are harmless but suggest a mistake: perhaps the "
         "entry was meant to be a character device.",
     .spec_text =
         "config-linux.md, Devices: \"**`major, minor`** *(int64, REQUIRED unless `type` is "
         "`p`)* - [major, minor numbers][devices] for the device.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"devices": [{"path": "/dev/pipe", "type": "p", "major": 1, "minor": 3}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"devices": [{"path": "/dev/pipe", "type": "p"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 1.0},
    {.slug = "device-filemode-type-bits",
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a device fileMode that carries file-type bits matching its type",
     .explanation =
         "fileMode holds the file-type bits of st_mode (S_IFCHR 0o20000, S_IFBLK 0o60000, "
         "S_IFIFO 0o10000) besides the permission bits, and they agree with `type`: podman "
         "writes 8630 (0o20666) for a character device, for example. This is harmless, and runc "
         "and crun create the device as asked, but the spec describes fileMode as the mode of "
         "the node and `type` as its kind, so writing the permission bits only (438 = 0o666) "
         "leaves no room for a contradiction. When the bits contradict `type`, "
         "device-filemode-type-conflict reports it instead. The note is given once per config, at "
         "the first such device, with the number of others.",
     .spec_text = kFileModeSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"devices": [{"path": "/dev/null", "type": "c", "major": 1, "minor": 3, "fileMode": 8630}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"devices": [{"path": "/dev/null", "type": "c", "major": 1, "minor": 3, )"
         R"("fileMode": 438}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 1.0},
    {.slug = "device-filemode-type-conflict",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a device fileMode whose file-type bits contradict its type",
     .explanation =
         "fileMode carries file-type bits that name a different kind of file than `type`, such "
         "as S_IFBLK (0o60000) on a character device. Runtimes disagree on which one wins: runc "
         "1.1.5 takes `type` and creates a character device, but crun 1.8.1 passes fileMode to "
         "mknod(2) as it is, so the type bits win and the container gets a block device 1:3 "
         "instead of the character device the config asks for. Keep only the permission bits in "
         "fileMode (e.g. 438 for 0o666).",
     .spec_text = kFileModeSpec,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"devices": [{"path": "/dev/null", "type": "c", "major": 1, "minor": 3, "fileMode": 25014}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, )"
         R"("linux": {"devices": [{"path": "/dev/null", "type": "c", "major": 1, "minor": 3, )"
         R"("fileMode": 438}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .security_severity = 4.0},
    {.slug = "resource-devices-allow-unlisted",
     .default_severity = Severity::kNote,
     .level = Level::kMay,
     .spec_anchor = kAnchor,
     .summary = "the device cgroup allows devices the config neither lists nor gets by default",
     .explanation =
         "linux.resources.devices is the device cgroup's allow list. An entry with allow true "
         "and read or write access to a device that is neither in linux.devices nor one of the "
         "default devices (/dev/null, zero, full, random, urandom, tty, console, ptmx and the "
         "/dev/pts terminals) lets the container use a host device node it obtains some other "
         "way: a bind mount, mknod with CAP_MKNOD, a device node in the image. The allow-all "
         "entry {\"allow\": true, \"access\": \"rwm\"} without type, major or minor grants every "
         "device, as podman --privileged writes it. The spec leaves such access to the runtime "
         "(containers MAY NOT access unlisted devices); runc 1.1.5 and crun 1.8.1 apply the "
         "rule as written. It is a note: privileged containers mean it. Entries that only grant "
         "mknod (access \"m\") are left alone.",
     .spec_text = "config-linux.md, Devices: \"Containers MAY NOT access any device node that is "
                  "not either explicitly referenced in the devices array or listed as being part "
                  "of the default devices.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, )"
         R"("linux": {"resources": {"devices": [{"allow": false, "access": "rwm"}, )"
         R"({"allow": true, "access": "rwm"}]}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}, )"
         R"("linux": {"devices": [{"path": "/dev/fuse", "type": "c", "major": 10, )"
         R"("minor": 229}], "resources": {"devices": [{"allow": false, "access": "rwm"}, )"
         R"({"allow": true, "type": "c", "major": 10, "minor": 229, "access": "rw"}]}}})",
     .security_severity = 6.5},
};

constexpr uint64_t kTypeMask = 0170000;

/// The st_mode file-type bits a device of `type` has, or 0 for an unknown type.
uint64_t TypeBitsOf(std::string_view type) {
  if (type == "c" || type == "u") return 0020000;
  if (type == "b") return 0060000;
  if (type == "p") return 0010000;
  return 0;
}

std::string_view KindOfTypeBits(uint64_t bits) {
  switch (bits) {
    case 0010000:
      return "a FIFO (S_IFIFO)";
    case 0020000:
      return "a character device (S_IFCHR)";
    case 0040000:
      return "a directory (S_IFDIR)";
    case 0060000:
      return "a block device (S_IFBLK)";
    case 0100000:
      return "a regular file (S_IFREG)";
    case 0120000:
      return "a symlink (S_IFLNK)";
    case 0140000:
      return "a socket (S_IFSOCK)";
    default:
      return "an invalid file type";
  }
}

/// `path` without repeated or trailing slashes, so "/dev//x/" and "/dev/x" compare equal.
std::string CleanPath(std::string_view path) {
  std::string clean;
  clean.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !clean.empty() && clean.back() == '/') continue;
    clean.push_back(c);
  }
  if (clean.size() > 1 && clean.back() == '/') clean.pop_back();
  return clean;
}

std::string OctalOf(uint64_t value) {
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + (value & 7)));
    value >>= 3;
  } while (value != 0);
  return "0o" + digits;
}

/// One device entry's identity, for the duplicate checks.
struct Seen {
  uint32_t index;
  std::string_view type;
  std::optional<int64_t> major;
  std::optional<int64_t> minor;
};

std::string DevicePointer(uint32_t index, std::string_view member) {
  return "/linux/devices/" + std::to_string(index) + "/" + std::string(member);
}

/// The first device whose fileMode has type bits that agree with its type, and how many have.
struct AgreeingTypeBits {
  json::NodeId node = json::kNoNode;
  uint32_t index = 0;
  uint64_t mode = 0;
  std::string_view type;
  uint32_t count = 0;
};

void CheckFileMode(const RuleContext& context, uint32_t index, std::string_view type,
                   json::NodeId mode_id, AgreeingTypeBits& agreeing) {
  std::optional<uint64_t> mode = context.doc().IntegerAt<uint64_t>(mode_id);
  uint64_t expected = TypeBitsOf(type);
  if (!mode || expected == 0) return;
  uint64_t bits = *mode & kTypeMask;
  if (bits == 0) return;
  if (bits == expected) {
    if (agreeing.count++ == 0) agreeing = {mode_id, index, *mode, type, 1};
    return;
  }
  context.Report("device-filemode-type-conflict", mode_id, DevicePointer(index, "fileMode"),
                 "fileMode " + std::to_string(*mode) + " (" + OctalOf(*mode) +
                     ") carries the file-type bits of " + std::string(KindOfTypeBits(bits)) +
                     " but type is " + json::Quote(type) +
                     ": runc creates the type, crun 1.8.1 passes the bits to mknod and creates "
                     "what they say",
                 "write the permission bits only: " + std::to_string(*mode & 07777) + " (" +
                     OctalOf(*mode & 07777) + ")");
}

/// One note for all the devices whose type bits agree: generated configs have them on every one.
void ReportAgreeingTypeBits(const RuleContext& context, const AgreeingTypeBits& agreeing) {
  if (agreeing.count == 0) return;
  std::string others = agreeing.count == 1 ? std::string()
                                           : " (and so do " + std::to_string(agreeing.count - 1) +
                                                 " more devices of this config)";
  context.Report(
      "device-filemode-type-bits", agreeing.node, DevicePointer(agreeing.index, "fileMode"),
      "fileMode " + std::to_string(agreeing.mode) + " (" + OctalOf(agreeing.mode) +
          ") carries the file-type bits of " +
          std::string(KindOfTypeBits(agreeing.mode & kTypeMask)) + ", which agree with type " +
          json::Quote(agreeing.type) + others,
      "harmless; the permission bits alone would be " + std::to_string(agreeing.mode & 07777) +
          " (" + OctalOf(agreeing.mode & 07777) + ")");
}

/// A character device every container gets (config-linux.md, Default Devices).
struct DefaultDevice {
  int64_t major;
  int64_t minor;
};

constexpr DefaultDevice kDefaultDevices[] = {
    {1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9},  // null, zero, full, random, urandom
    {5, 0}, {5, 1}, {5, 2},                  // tty, console, ptmx
};

/// The majors of the /dev/pts terminals (UNIX98 pty slaves), which devpts provides.
constexpr int64_t kFirstPtsMajor = 136;
constexpr int64_t kLastPtsMajor = 143;

/// A device number as a linux.resources.devices entry matches it: nullopt is any.
struct DeviceMatch {
  std::string_view type;  ///< "c", "b", or "a" (and empty) for any
  std::optional<int64_t> major;
  std::optional<int64_t> minor;
};

bool IsDefaultDevice(const DeviceMatch& match) {
  if (match.type != "c" || !match.major) return false;
  if (*match.major >= kFirstPtsMajor && *match.major <= kLastPtsMajor) return true;
  if (!match.minor) return false;
  for (const DefaultDevice& device : kDefaultDevices) {
    if (device.major == *match.major && device.minor == *match.minor) return true;
  }
  return false;
}

std::string DescribeMatch(const DeviceMatch& match) {
  auto number = [](const std::optional<int64_t>& value) {
    return value ? std::to_string(*value) : std::string("*");
  };
  std::string type = match.type.empty() || match.type == "a" ? "a" : std::string(match.type);
  return type + " " + number(match.major) + ":" + number(match.minor);
}

/// Reports allow entries of linux.resources.devices that reach beyond linux.devices and the
/// default devices.
void CheckDeviceAllowList(const RuleContext& context, const json::Node& linux_node) {
  const json::Document& doc = context.doc();
  const json::Node* resources = ObjectMember(doc, linux_node, "resources");
  if (!resources) return;
  json::NodeId rules_id = doc.Find(*resources, "devices");
  if (rules_id == json::kNoNode || doc.node(rules_id).type != json::Type::kArray) return;
  const json::Node& rules = doc.node(rules_id);

  std::vector<DeviceMatch> listed;
  json::NodeId devices_id = doc.Find(linux_node, "devices");
  if (devices_id != json::kNoNode && doc.node(devices_id).type == json::Type::kArray) {
    const json::Node& devices = doc.node(devices_id);
    for (uint32_t i = 0; i < devices.count; ++i) {
      const json::Node& device = doc.node(doc.element(devices, i));
      if (device.type != json::Type::kObject) continue;
      json::NodeId type_id = doc.Find(device, "type");
      if (type_id == json::kNoNode || doc.node(type_id).type != json::Type::kString) continue;
      std::string_view type = doc.node(type_id).text;
      listed.push_back({.type = type == "u" ? "c" : type,
                        .major = doc.IntegerAt<int64_t>(doc.Find(device, "major")),
                        .minor = doc.IntegerAt<int64_t>(doc.Find(device, "minor"))});
    }
  }

  for (uint32_t i = 0; i < rules.count; ++i) {
    const json::Node& rule = doc.node(doc.element(rules, i));
    if (rule.type != json::Type::kObject) continue;
    json::NodeId allow_id = doc.Find(rule, "allow");
    if (allow_id == json::kNoNode || doc.node(allow_id).type != json::Type::kBool ||
        !doc.node(allow_id).boolean)
      continue;
    json::NodeId access_id = doc.Find(rule, "access");
    std::string_view access =
        access_id != json::kNoNode && doc.node(access_id).type == json::Type::kString
            ? doc.node(access_id).text
            : std::string_view("rwm");
    if (access.find_first_of("rw") == std::string_view::npos) continue;
    json::NodeId type_id = doc.Find(rule, "type");
    DeviceMatch match{
        .type = type_id != json::kNoNode && doc.node(type_id).type == json::Type::kString
                    ? doc.node(type_id).text
                    : std::string_view{},
        .major = doc.IntegerAt<int64_t>(doc.Find(rule, "major")),
        .minor = doc.IntegerAt<int64_t>(doc.Find(rule, "minor"))};
    if (match.major == -1) match.major.reset();
    if (match.minor == -1) match.minor.reset();
    bool any_type = match.type.empty() || match.type == "a";
    if (!any_type && match.major && match.minor) {
      if (IsDefaultDevice(match)) continue;
      bool is_listed = false;
      for (const DeviceMatch& device : listed) {
        is_listed = is_listed || (device.type == match.type && device.major == match.major &&
                                  device.minor == match.minor);
      }
      if (is_listed) continue;
    } else if (IsDefaultDevice(match)) {
      continue;
    }
    std::string what = any_type && !match.major && !match.minor
                           ? "every device (no type, major or minor)"
                           : DescribeMatch(match) +
                                 (match.major && match.minor
                                      ? ", which is neither in linux.devices nor a default device"
                                      : ", a wildcard that reaches beyond linux.devices and the "
                                        "default devices");
    context.Report("resource-devices-allow-unlisted", allow_id,
                   "/linux/resources/devices/" + std::to_string(i) + "/allow",
                   "linux.resources.devices[" + std::to_string(i) + "] allows " +
                       json::Quote(access) + " access to " + what,
                   "list the devices the container needs in linux.devices and allow only those, "
                   "unless the container is meant to be privileged");
  }
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  json::NodeId linux_id = context.platforms().linux_object;
  if (linux_id == json::kNoNode) return;
  CheckDeviceAllowList(context, doc.node(linux_id));
  json::NodeId devices_id = doc.Find(doc.node(linux_id), "devices");
  if (devices_id == json::kNoNode || doc.node(devices_id).type != json::Type::kArray) return;
  const json::Node& devices = doc.node(devices_id);

  std::unordered_map<std::string, Seen> by_path;
  std::unordered_map<std::string, uint32_t> by_number;
  AgreeingTypeBits agreeing;
  for (uint32_t i = 0; i < devices.count; ++i) {
    const json::Node& device = doc.node(doc.element(devices, i));
    if (device.type != json::Type::kObject) continue;
    json::NodeId type_id = doc.Find(device, "type");
    json::NodeId path_id = doc.Find(device, "path");
    json::NodeId major_id = doc.Find(device, "major");
    json::NodeId minor_id = doc.Find(device, "minor");
    std::string_view type =
        type_id != json::kNoNode && doc.node(type_id).type == json::Type::kString
            ? doc.node(type_id).text
            : std::string_view{};
    Seen seen{i, type, doc.IntegerAt<int64_t>(major_id), doc.IntegerAt<int64_t>(minor_id)};

    if (type == "p" && (major_id != json::kNoNode || minor_id != json::kNoNode)) {
      json::NodeId at = major_id != json::kNoNode ? major_id : minor_id;
      context.Report("device-fifo-with-numbers", at,
                     DevicePointer(i, major_id != json::kNoNode ? "major" : "minor"),
                     "device " + std::to_string(i) +
                         " is a FIFO (type \"p\"): FIFOs have no device number, so major and "
                         "minor are ignored",
                     "remove major and minor, or use type \"c\" if a character device was meant");
    }
    json::NodeId mode_id = doc.Find(device, "fileMode");
    if (mode_id != json::kNoNode) CheckFileMode(context, i, type, mode_id, agreeing);

    bool same_path_reported = false;
    if (path_id != json::kNoNode && doc.node(path_id).type == json::Type::kString) {
      std::string_view path = doc.node(path_id).text;
      if (!path.starts_with('/')) {
        context.Report("device-path-not-absolute", path_id, DevicePointer(i, "path"),
                       "linux.devices[" + std::to_string(i) + "].path " + json::Quote(path) +
                           " is not a full path: crun fails to create it",
                       "write " + json::Quote("/" + std::string(path)));
      }
      auto [first, inserted] = by_path.try_emplace(CleanPath(path), seen);
      if (!inserted) {
        const Seen& earlier = first->second;
        bool identical =
            earlier.type == seen.type && earlier.major == seen.major && earlier.minor == seen.minor;
        if (!identical) {
          same_path_reported = true;
          context.Report("device-duplicate-path", path_id, DevicePointer(i, "path"),
                         "device " + std::to_string(i) + " is created at " + json::Quote(path) +
                             ", where device " + std::to_string(earlier.index) +
                             " (a different device) already is: runc and crun keep the first "
                             "one and silently drop this one",
                         "give one of them another path, or remove one");
        }
      }
    }
    if (same_path_reported || type.empty() || type == "p" || !seen.major || !seen.minor) continue;
    std::string number =
        std::string(type) + ":" + std::to_string(*seen.major) + ":" + std::to_string(*seen.minor);
    auto [first, inserted] = by_number.try_emplace(number, i);
    if (inserted) continue;
    context.Report("device-duplicate-number", major_id, DevicePointer(i, "major"),
                   "device " + std::to_string(i) + " repeats type " + json::Quote(type) +
                       ", major " + std::to_string(*seen.major) + " and minor " +
                       std::to_string(*seen.minor) + " of device " + std::to_string(first->second),
                   "remove one entry, or use a symlink for the second path");
  }
  ReportAgreeingTypeBits(context, agreeing);
}

}  // namespace

extern constinit const RuleFamily kDeviceRules{"devices", Check, kRules};

}  // namespace ocilint::lint
