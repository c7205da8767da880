// The runtime-*: features.md and features-linux.md, on a config judged against the target
// runtime's features document (--runtime-features FILE, --runtime NAME). The checks are in
// runtime_features_checks.cc.

#include "lint/rules/runtime_features.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

/// A runtime that lacks features, made up for the examples (testdata/runtimes/README.md).
constexpr std::string_view kRestricted =
    "--kernel none --environment none --runtime-features "
    "testdata/runtimes/restricted-features.json";

/// A complete config for runtime-spec 1.3.0 with `members` added (a string literal).
#define OCI_LINT_CONFIG(members)                                                                                                         \
  R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}})" members \
  "}"

constexpr diag::RuleInfo kRules[] = {
    {.slug = "runtime-version-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features.md#specification-version",
     .summary = "an ociVersion outside the runtime's ociVersionMin..ociVersionMax",
     .explanation =
         "A runtime's features document says which versions of the spec it accepts as a "
         "config's ociVersion: ociVersionMin to ociVersionMax, in SemVer order. A config "
         "outside that range relies on what the runtime has not promised: runc 1.1.5 says "
         "1.0.0 to 1.0.2-dev, so a config declaring 1.3.0 may use members it does not know "
         "(see the version-* rules for which). Build metadata (+dev) does not count in the "
         "comparison.",
     .spec_text = "features.md, Specification version: \"ociVersionMax (string, REQUIRED) The "
                  "maximum recognized version of the Open Container Initiative Runtime "
                  "Specification. The runtime MUST accept this value as the ociVersion "
                  "property of config.json.\"",
     .example_flags = "--kernel none --environment none --runtime-features "
                      "testdata/caps/features/runc-1.1.5.json",
     .example_fires =
         R"({"ociVersion": "1.1.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-hook-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features.md#hooks",
     .summary = "a hook list the runtime does not list in its features hooks",
     .explanation =
         "features.hooks names the hook lists the runtime runs. A config with hooks in "
         "another list (createContainer for a runtime that only knows prestart, createRuntime, "
         "poststart and poststop) gets them silently skipped: a missing member is just an "
         "unknown property to that runtime.",
     .spec_text = "features.md, Hooks: \"hooks (array of strings, OPTIONAL) The recognized "
                  "names of the hooks. The runtime MUST support the elements in this array as "
                  "the hooks property of config.json.\"",
     .example_flags = kRestricted,
     .example_fires =
         OCI_LINT_CONFIG(R"(, "hooks": {"createContainer": [{"path": "/usr/bin/setup"}]})"),
     .example_silent =
         OCI_LINT_CONFIG(R"(, "hooks": {"createRuntime": [{"path": "/usr/bin/setup"}]})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-mount-option-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features.md#mount-options",
     .summary = "a mount option of the spec's table that the runtime does not list",
     .explanation =
         "features.mountOptions names the mount options the runtime recognizes. An option "
         "from config.md's table of Linux mount options that it does not list (ridmap for "
         "crun 1.29.1, idmap for runc 1.1.5) is taken for a filesystem's own data option and "
         "handed to mount(2), which usually fails with EINVAL or ignores it. Options outside "
         "the table (mode=755, size=64k, newinstance) are filesystem data by design and are "
         "not checked.",
     .spec_text = "features.md, Mount Options: \"mountOptions (array of strings, OPTIONAL) The "
                  "recognized names of the mount options [...] The runtime MUST recognize the "
                  "elements in this array as the options of mounts objects in config.json.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(
         R"(, "mounts": [{"destination": "/data", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "lazytime"]}])"),
     .example_silent = OCI_LINT_CONFIG(
         R"(, "mounts": [{"destination": "/data", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid", "size=64k"]}])"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-namespace-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#namespaces",
     .summary = "a namespace type the runtime does not list",
     .explanation =
         "features.linux.namespaces names the namespace types the runtime recognizes. A "
         "linux.namespaces entry of another type is one it does not know how to create or "
         "join: runc 1.1.5 and crun 1.29.1 list no time namespace. The container would run "
         "in the runtime's own namespace of that type, or not at all.",
     .spec_text = "features-linux.md, Namespaces: \"The runtime MUST recognize the elements in "
                  "this array as the type of linux.namespaces objects in config.json.\"",
     .example_flags = kRestricted,
     .example_fires =
         OCI_LINT_CONFIG(R"(, "linux": {"namespaces": [{"type": "mount"}, {"type": "time"}]})"),
     .example_silent =
         OCI_LINT_CONFIG(R"(, "linux": {"namespaces": [{"type": "mount"}, {"type": "pid"}]})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-cgroup-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#cgroup",
     .summary = "cgroup settings the runtime's cgroup managers cannot apply",
     .explanation =
         "features.linux.cgroup says which cgroup managers the runtime implements. The rule "
         "fires on linux.resources.unified (cgroup v2 files) when v2 is false, on "
         "linux.resources.rdma when rdma is false, and on a systemd-style cgroupsPath "
         "(slice:prefix:name) when both systemd and systemdUser are false. A field that is "
         "missing or null says nothing and gets no finding.",
     .spec_text = "features-linux.md, Cgroup: \"cgroup (object, OPTIONAL) represents the "
                  "runtime's implementation status of cgroup managers.\"",
     .example_flags = kRestricted,
     .example_fires =
         OCI_LINT_CONFIG(R"(, "linux": {"resources": {"unified": {"memory.high": "1073741824"}}})"),
     .example_silent =
         OCI_LINT_CONFIG(R"(, "linux": {"resources": {"memory": {"limit": 1073741824}}})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-seccomp-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#seccomp",
     .summary = "a seccomp filter, action, operator or architecture the runtime does not list",
     .explanation =
         "features.linux.seccomp says whether the runtime implements seccomp at all (enabled) "
         "and which actions, argument operators and architectures it recognizes. A config "
         "with linux.seccomp for a runtime built without it, or with an action "
         "(SCMP_ACT_NOTIFY), operator (SCMP_CMP_MASKED_EQ) or architecture (SCMP_ARCH_RISCV64 "
         "for runc 1.1.5) outside its lists, does not get the filter it asks for.",
     .spec_text = "features-linux.md, Seccomp: \"actions (array of strings, OPTIONAL) The "
                  "recognized names of the seccomp actions. The runtime MUST recognize the "
                  "elements in this array in the syscalls[].action property of the "
                  "linux.seccomp object in config.json.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(
         R"(, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_KILL_PROCESS", "syscalls": [{"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}})"),
     .example_silent = OCI_LINT_CONFIG(
         R"(, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_KILL_THREAD", "syscalls": [{"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-seccomp-flag-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#seccomp",
     .summary = "a seccomp flag the runtime does not know, or knows but cannot use",
     .explanation =
         "features.linux.seccomp.knownFlags names the seccomp flags the runtime recognizes, "
         "and supportedFlags those it can also use with this kernel and libseccomp. A flag "
         "outside knownFlags is unknown to the runtime; a flag in knownFlags but not in "
         "supportedFlags is known, but the runtime cannot set it here, and the message says "
         "which of the two it is.",
     .spec_text = "features-linux.md, Seccomp: \"supportedFlags (array of strings, OPTIONAL) "
                  "The recognized and supported names of the seccomp flags. This list may be a "
                  "subset of knownFlags due to some flags not supported by the current kernel "
                  "and/or libseccomp.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(
         R"(, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "flags": ["SECCOMP_FILTER_FLAG_LOG"], "syscalls": [{"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}})"),
     .example_silent = OCI_LINT_CONFIG(
         R"(, "linux": {"seccomp": {"defaultAction": "SCMP_ACT_ERRNO", "flags": ["SECCOMP_FILTER_FLAG_TSYNC"], "syscalls": [{"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"}]}})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-lsm-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#apparmor",
     .summary = "an AppArmor profile or SELinux label for a runtime without that LSM",
     .explanation =
         "features.linux.apparmor.enabled and features.linux.selinux.enabled say whether the "
         "runtime was built with AppArmor and SELinux support. A process.apparmorProfile for "
         "a runtime without AppArmor, or a process.selinuxLabel or linux.mountLabel for one "
         "without SELinux, is not applied: the container runs unconfined by that LSM.",
     .spec_text = "features-linux.md, AppArmor: \"enabled (bool, OPTIONAL) represents whether "
                  "the runtime supports AppArmor.\"",
     .example_flags = kRestricted,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "apparmorProfile": "docker-default"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-intelrdt-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#intel-rdt",
     .summary = "Intel RDT settings the runtime does not implement",
     .explanation =
         "features.linux.intelRdt says whether the runtime implements linux.intelRdt at all "
         "(enabled), its schemata member (schemata) and its enableMonitoring member "
         "(monitoring). A setting whose switch is false is not applied.",
     .spec_text = "features-linux.md, Intel RDT: \"enabled (bool, OPTIONAL) represents whether "
                  "the runtime supports Intel RDT.\"",
     .example_flags = kRestricted,
     .example_fires =
         OCI_LINT_CONFIG(R"(, "linux": {"intelRdt": {"closID": "gold", "schemata": ["L3:0=ff"]}})"),
     .example_silent = OCI_LINT_CONFIG(
         R"(, "linux": {"intelRdt": {"closID": "gold", "l3CacheSchema": "L3:0=ff"}})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-idmap-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#mountextensions",
     .summary = "an ID-mapped mount for a runtime without ID-mapped mounts",
     .explanation =
         "features.linux.mountExtensions.idmap.enabled says whether the runtime reads the "
         "uidMappings and gidMappings of a mount. When it is false, a mount that has them is "
         "made without the mapping, so files show the IDs they have on the host.",
     .spec_text = "features-linux.md, MountExtensions: \"enabled (bool, OPTIONAL) represents "
                  "whether the runtime parses and attempts to use the uidMappings and "
                  "gidMappings properties of mounts if provided.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(
         R"(, "mounts": [{"destination": "/data", "type": "bind", "source": "/srv/data", "options": ["rbind"], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}], "linux": {"namespaces": [{"type": "user"}, {"type": "mount"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]})"),
     .example_silent = OCI_LINT_CONFIG(
         R"(, "mounts": [{"destination": "/data", "type": "bind", "source": "/srv/data", "options": ["rbind"]}])"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-netdevices-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#netdevices",
     .summary = "linux.netDevices for a runtime that cannot move network devices",
     .explanation =
         "features.linux.netDevices.enabled says whether the runtime can move network "
         "devices into the container's network namespace. When it is false, the devices of "
         "linux.netDevices stay on the host and the container does not get them.",
     .spec_text = "features-linux.md, NetDevices: \"enabled (bool, OPTIONAL) represents whether "
                  "the runtime supports the capability to move Linux network devices into the "
                  "container's network namespace.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(
         R"(, "linux": {"namespaces": [{"type": "network"}], "netDevices": {"eth1": {"name": "eth1"}}})"),
     .example_silent = OCI_LINT_CONFIG(R"(, "linux": {"namespaces": [{"type": "network"}]})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-memory-policy-unsupported",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#memorypolicy",
     .summary = "a memory policy mode or flag the runtime does not list",
     .explanation =
         "features.linux.memoryPolicy.modes and flags name the NUMA memory policy modes and "
         "flags the runtime recognizes. A linux.memoryPolicy with another mode or flag is one "
         "it cannot set for the container.",
     .spec_text = "features-linux.md, MemoryPolicy: \"modes (array of strings, OPTIONAL). "
                  "Recognized memory policies. [...] The runtime MUST recognize the elements in "
                  "this array as the mode of linux.memoryPolicy objects in config.json.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(
         R"(, "linux": {"memoryPolicy": {"mode": "MPOL_INTERLEAVE", "nodes": "0-1"}})"),
     .example_silent =
         OCI_LINT_CONFIG(R"(, "linux": {"memoryPolicy": {"mode": "MPOL_BIND", "nodes": "0-1"}})"),
     .target_aspects = diag::kTargetRuntime},
    {.slug = "runtime-annotation-unsafe",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features.md#unsafe-annotations-in-configjson",
     .summary = "an annotation the runtime says can change what it does",
     .explanation =
         "features.potentiallyUnsafeConfigAnnotations lists annotation keys, and key prefixes "
         "(ending in \".\"), that change the runtime's behaviour: crun 1.29.1 lists "
         "run.oci. and krun., among others. An engine that passes its users' annotations "
         "through to the config should filter these; the rule shows which of the config's "
         "annotations are such keys, so that one is there on purpose.",
     .spec_text = "features.md, Unsafe annotations in config.json: \"potentiallyUnsafeConfig"
                  "Annotations (array of strings, OPTIONAL) contains values of annotations "
                  "property of config.json that may potentially change the behavior of the "
                  "runtime. A value that ends with \".\" is interpreted as a prefix of "
                  "annotations.\"",
     .example_flags = kRestricted,
     .example_fires = OCI_LINT_CONFIG(R"(, "annotations": {"org.example.restricted.debug": "1"})"),
     .example_silent = OCI_LINT_CONFIG(R"(, "annotations": {"org.example.owner": "ops"})"),
     .target_aspects = diag::kTargetRuntime},
};

#undef OCI_LINT_CONFIG

}  // namespace

extern constinit const RuleFamily kRuntimeFeatureRules{"runtime", CheckRuntimeFeatures, kRules};

}  // namespace ocilint::lint
