// What crun 1.8.1 (Debian 12) does with configs that oci-lint's rules flag, observed by
// scripts/semantic-truth.sh (testdata/semantic/observed-crun-1.8.1.tsv). One section per rule
// family. crun 1.8.1 was run with --cgroup-manager=disabled (the host has hybrid cgroups), so it
// says nothing about linux.resources; and it refuses every ociVersion that does not contain "1.0".

#include "lint/runtimes/runtime_knowledge.h"

namespace ocilint::lint {

namespace {

using enum RuntimeOutcome;

constexpr RuntimeBehaviour kBehaviour[] = {
    // process
    {"process-cwd-not-absolute", kAccepts, "ran \"bin\" in /bin"},
    {"process-missing", kRefuses, "\"internal error: max number of capabilities not initialized\""},
    {"process-args-absent", kRefuses, "\"executable path not specified\""},
    {"process-user-missing", kAccepts, "ran the process as uid 0, gid 0"},
    {"process-args-missing", kRefuses, "\"open executable: Invalid argument\""},
    {"process-env-malformed", kAccepts, "dropped the entry and started the process without it"},
    {"process-rlimit-unknown", kRefuses, "\"invalid rlimit `RLIMIT_...`\" (the unknown type)"},
    {"process-rlimit-duplicate", kAccepts, "the last entry wins: the process saw the second value"},
    {"process-rlimit-soft-above-hard", kRefuses, "\"setrlimit `RLIMIT_NOFILE`: Invalid argument\""},
    {"process-oom-score-adj-range", kRefuses,
     "\"write to /proc/self/oom_score_adj: Invalid argument\""},
    {"process-scheduler-nice-range", kAccepts, "it ignores process.scheduler"},
    {"process-scheduler-priority-policy", kAccepts, "it ignores process.scheduler"},
    {"process-io-priority-range", kAccepts, "it ignores process.ioPriority"},
    {"process-exec-cpu-affinity-malformed", kAccepts, "it ignores process.execCPUAffinity"},
    {"process-user-id-invalid", kAccepts,
     "with uid and gid 4294967295 the process ran as uid 0, gid 0: root; 4294967295 in "
     "additionalGids it refuses: \"setgroups: Invalid argument\""},
    {"process-user-id-above-int32", kAccepts, "started"},
    {"process-user-id-unmapped", kRefuses, "\"cannot setresuid to 70000: Invalid argument\""},
    {"oci-version-semver", kAccepts, "ran ociVersion \"1.0\": crun only looks for \"1.0\" in it"},
    {"version-unknown", kAccepts, "ran ociVersion \"2.1.0\": crun only looks for \"1.0\" in it"},

    // root
    {"path-not-absolute", kAccepts, "container printed: /proc/cpuinfo masked"},

    // mounts
    {"mount-destination-relative", kAccepts, "started"},
    {"mount-idmap-without-mappings", kRefuses,
     "mount_setattr `<case>/bundle/rootfs/bin`: Operation not permitted"},
    {"mount-option-unknown", kRefuses, "mount `tmpfs` to `tmp`: Invalid argument"},
    {"mount-option-ignored-on-bind", kAccepts, "started; the bind mount ignored the option"},

    // namespaces
    {"ns-duplicate", kAccepts, "started"},
    {"ns-path-not-absolute", kRefuses, "open `proc/1/ns/net`: No such file or directory"},
    {"ns-hostname-without-uts", kRefuses, "hostname requires the UTS namespace"},
    {"ns-domainname-without-uts", kRefuses, "domainname requires the UTS namespace"},
    {"ns-mappings-without-user", kAccepts, "started"},
    {"ns-user-path-with-mappings", kRefuses, "setresuid to 0: Invalid argument"},
    {"ns-time-offsets-without-time", kAccepts,
     "container printed: initial time namespace / no boottime offset"},

    // sysctl
    {"sysctl-namespace-missing", kRefuses,
     "the sysctl `net.ipv4.ip_unprivileged_port_start` requires a new network namespace"},
    {"sysctl-uts-key", kRefuses,
     "the sysctl `kernel.hostname` conflicts with OCI field `hostname`"},
    {"sysctl-not-namespaced", kRefuses, "the sysctl `vm.swappiness` is not namespaced"},

    // devices
    {"device-path-not-absolute", kRefuses, "mknod `dev/semtruth0`: No such file or directory"},
    {"device-duplicate-path", kAccepts,
     "started; container printed: character special file 1:3 (the second entry was lost)"},
    {"device-duplicate-number", kAccepts,
     "started; container printed: character special file 1:3 / character special file 1:3"},
    {"device-fifo-with-numbers", kAccepts, "started"},
    {"device-filemode-type-bits", kAccepts,
     "started; container printed: character special file 1:3 666"},
    {"device-filemode-type-conflict", kAccepts,
     "started, but container printed: block special file 1:3 666 (the mode bits win)"},

    // resources

    // hooks
    {"hook-path-not-in-rootfs", kRefuses,
     "\"error executing hook `/usr/bin/semtruth-hook` (exit code: 1)\""},
    {"hook-path-not-absolute", kAccepts, "started, for each of the six hook lists"},

    // annotations
    {"annotation-reserved-key", kAccepts, "started"},

    // seccomp
    {"seccomp-errno-ret-unsupported-action", kRefuses,
     "\"errno value specified for action `SCMP_ACT_KILL`\""},
    {"seccomp-notify-without-listener-path", kAccepts, ""},
    {"seccomp-syscall-unknown", kWarns, "\"unknown seccomp syscall `semtruth_nosuch` ignored\""},

    // linux-other
    {"linux-personality-flags-unsupported", kAccepts, "drops the flags"},
    {"linux-memory-policy-nodes", kAccepts, "does not apply memoryPolicy"},
    {"linux-intel-rdt-closid-invalid", kAccepts, ""},

    {"", kAccepts, ""},  // end
};

}  // namespace

extern constinit const RuntimeKnowledge kCrunKnowledge{
    "crun", "1.8.1", std::span(kBehaviour).first(std::size(kBehaviour) - 1)};

}  // namespace ocilint::lint
