// What runc 1.1.5 (Debian 12) does with configs that oci-lint's rules flag, observed by
// scripts/semantic-truth.sh (testdata/semantic/observed-runc-1.1.5.tsv). One section per rule
// family.

#include "lint/runtimes/runtime_knowledge.h"

namespace ocilint::lint {

namespace {

using enum RuntimeOutcome;

constexpr RuntimeBehaviour kBehaviour[] = {
    // process
    {"process-cwd-not-absolute", kRefuses, "\"Cwd must be an absolute path\""},
    {"process-missing", kRefuses, "\"process property must not be empty\""},
    {"process-args-absent", kRefuses, "\"args must not be empty\""},
    {"process-user-missing", kAccepts, "ran the process as uid 0, gid 0"},
    {"process-args-missing", kRefuses, "\"args must not be empty\""},
    {"process-env-malformed", kRefuses,
     "\"invalid environment variable: ...\" (the entry without '=')"},
    {"process-rlimit-unknown", kRefuses, "\"wrong rlimit value: RLIMIT_...\" (the unknown type)"},
    {"process-rlimit-duplicate", kAccepts, "the last entry wins: the process saw the second value"},
    {"process-rlimit-soft-above-hard", kRefuses,
     "\"error setting rlimit type 7: invalid argument\""},
    {"process-oom-score-adj-range", kRefuses,
     "\"failed to update /proc/self/oom_score_adj: Invalid argument\""},
    {"process-scheduler-nice-range", kAccepts, "it ignores process.scheduler"},
    {"process-scheduler-priority-policy", kAccepts, "it ignores process.scheduler"},
    {"process-io-priority-range", kAccepts, "it ignores process.ioPriority"},
    {"process-exec-cpu-affinity-malformed", kAccepts, "it ignores process.execCPUAffinity"},
    {"process-user-id-invalid", kRefuses,
     "\"unable to setup user: uids and gids must be in range 0-2147483647\""},
    {"process-user-id-above-int32", kRefuses,
     "\"unable to setup user: uids and gids must be in range 0-2147483647\""},
    {"process-user-id-unmapped", kRefuses, "\"cannot set uid to unmapped user in user namespace\""},
    {"oci-version-semver", kAccepts, "it runs any ociVersion, even none"},
    {"version-unknown", kAccepts, "ran ociVersion \"2.1.0\""},

    // root
    {"path-not-absolute", kAccepts, "container printed: /proc/cpuinfo masked"},

    // mounts
    {"mount-destination-relative", kWarns,
     "mount destination tmp is not absolute. Support for non-absolute mount destinations will be "
     "removed"},
    {"mount-idmap-without-mappings", kAccepts,
     "started: 1.1.5 has no idmapped mounts and made a plain bind mount"},
    {"mount-option-unknown", kRefuses,
     "error mounting \"tmpfs\" to rootfs at \"/tmp\": ... data: semtruthopt: invalid argument"},
    {"mount-option-ignored-on-bind", kAccepts, "started; the bind mount ignored the option"},

    // namespaces
    {"ns-duplicate", kRefuses, "malformed spec file: duplicated ns {\"network\" \"\"}"},
    {"ns-path-not-absolute", kRefuses,
     "namespace path: lstat proc/1/ns/net: no such file or directory"},
    {"ns-hostname-without-uts", kRefuses, "unable to set hostname without a private UTS namespace"},
    {"ns-domainname-without-uts", kAccepts, "started"},
    {"ns-mappings-without-user", kAccepts, "started"},
    {"ns-user-path-with-mappings", kRefuses, "nsexec-2[<pid>]: setuid failed: Invalid argument"},
    {"ns-time-offsets-without-time", kAccepts,
     "container printed: initial time namespace / no boottime offset"},

    // sysctl
    {"sysctl-namespace-missing", kRefuses,
     "sysctl \"net.ipv4.ip_unprivileged_port_start\" not allowed in host network namespace"},
    {"sysctl-uts-key", kRefuses,
     "sysctl \"kernel.hostname\" is not allowed as it conflicts with the OCI \"hostname\" field"},
    {"sysctl-not-namespaced", kRefuses,
     "sysctl \"vm.swappiness\" is not in a separate kernel namespace"},

    // devices
    {"device-path-not-absolute", kAccepts, "started: created the node relative to the rootfs"},
    {"device-duplicate-path", kAccepts,
     "started; container printed: character special file 1:3 (the second entry was lost)"},
    {"device-duplicate-number", kAccepts,
     "started; container printed: character special file 1:3 / character special file 1:3"},
    {"device-fifo-with-numbers", kAccepts, "started"},
    {"device-filemode-type-bits", kAccepts,
     "started; container printed: character special file 1:3 666"},
    {"device-filemode-type-conflict", kAccepts,
     "started; container printed: character special file 1:3 666 (type wins)"},

    // resources
    {"resource-memory-swap-below-limit", kRefuses,
     "\"failed to write \"67108864\": write .../memory.memsw.limit_in_bytes: invalid argument\""},
    {"resource-memory-reservation-above-limit", kAccepts, ""},
    {"resource-cpu-burst-above-quota", kAccepts, "does not apply burst"},
    {"resource-hugepage-size-not-power-of-two", kRefuses,
     "\"cannot set hugetlb limit: container could not join or create cgroup\""},

    // hooks
    {"hook-path-not-in-rootfs", kRefuses,
     "\"error running hook #0: fork/exec /usr/bin/semtruth-hook: no such file or directory\""},
    {"hook-path-not-absolute", kAccepts, "started, for each of the six hook lists"},

    // annotations
    {"annotation-reserved-key", kAccepts, "started"},

    // seccomp
    {"seccomp-errno-ret-unsupported-action", kAccepts, "ignores the errno value"},
    {"seccomp-notify-without-listener-path", kRefuses,
     "\"unable to start container process: listenerPath is not set\""},
    {"seccomp-syscall-unknown", kAccepts, "skips the name silently"},

    // linux-other
    {"linux-personality-flags-unsupported", kAccepts, "drops the flags"},
    {"linux-memory-policy-nodes", kAccepts, "does not apply memoryPolicy"},
    {"linux-intel-rdt-closid-invalid", kRefuses, "\"invalid intelRdt.ClosID \"semtruth/x\"\""},

    {"", kAccepts, ""},  // end
};

}  // namespace

extern constinit const RuntimeKnowledge kRuncKnowledge{
    "runc", "1.1.5", std::span(kBehaviour).first(std::size(kBehaviour) - 1)};

}  // namespace ocilint::lint
