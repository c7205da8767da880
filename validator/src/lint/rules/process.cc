// The process-*, oci-version-semver: config.md "Process", "POSIX process", "Linux Process",
// "POSIX-platform User", "Specification version". The checks are in process_checks.cc.

#include "lint/rules/process_checks.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo
    kRules[] =
        {
            {.slug = "oci-version-semver",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#specification-version",
             .summary = "ociVersion that is not a SemVer 2.0.0 version",
             .explanation =
                 "ociVersion has to be a complete SemVer 2.0.0 version: three dot-separated "
                 "numbers "
                 "without leading zeros, optionally followed by a pre-release (-rc.1, -dev) and "
                 "build "
                 "metadata (+abc). \"1.0\", \"v1.3.0\" and \"1.03.0\" are not; \"1.0.2-dev\", "
                 "which "
                 "runc itself declares, is. The schema only asks for a string. Neither runtime "
                 "checks "
                 "the format: runc 1.1.5 runs any ociVersion, even a missing one, and crun 1.8.1 "
                 "only "
                 "looks for the substring \"1.0\", so \"1.0\" runs on both. Tools that compare "
                 "versions to decide which fields apply cannot order a value that is not SemVer.",
             .spec_text =
                 "config.md, Specification version: \"ociVersion (string, REQUIRED) MUST be "
                 "in SemVer v2.0.0 format and specifies the version of the Open Container "
                 "Initiative Runtime Specification with which the bundle complies.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
             .example_silent =
                 R"({"ociVersion": "1.1.0+dev", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-console-size-without-terminal",
             .default_severity = Severity::kNote,
             .level = Level::kMust,
             .spec_anchor = "config.md#process",
             .summary = "consoleSize without terminal true, which runtimes ignore",
             .explanation =
                 "process.consoleSize sets the size of the terminal attached to the process, but "
                 "terminal is false or unset, so there is none: a runtime has to ignore the size. "
                 "The "
                 "config is valid; the setting only looks as if it did something. Set terminal to "
                 "true "
                 "if a terminal was meant, or drop consoleSize.",
             .spec_text =
                 "config.md, Process: \"Runtimes MUST ignore consoleSize if terminal is false "
                 "or unset.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "consoleSize": {"height": 25, "width": 80}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"terminal": true, "cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "consoleSize": {"height": 25, "width": 80}}})"},
            {.slug = "process-cwd-not-absolute",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#process",
             .summary = "process.cwd that is not an absolute path",
             .explanation =
                 "process.cwd has to be absolute: it starts with / on POSIX platforms, and with a "
                 "drive (C:\\) or a UNC prefix (\\\\) on Windows. A relative value has no defined "
                 "base. The runtimes disagree: runc refuses the config (\"Cwd must be an absolute "
                 "path\"), while crun 1.8.1 starts the process in a directory of its own choosing "
                 "(the "
                 "fixture's \"bin\" became /bin), so the same bundle fails on one runtime and "
                 "silently "
                 "runs elsewhere on the other.",
             .spec_text =
                 "config.md, Process: \"cwd (string, REQUIRED) is the working directory that "
                 "will be set for the executable. This value MUST be an absolute path.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "app", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/app", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-args-missing",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#process",
             .summary = "process without args (or, on Windows, without args or commandLine)",
             .explanation =
                 "Outside Windows, process.args needs at least one entry: the first names the "
                 "program, "
                 "found as execvp(3) finds it. On Windows args may be left out when commandLine is "
                 "set. The schema accepts an empty args, but there is then nothing to execute: "
                 "runc "
                 "refuses the config (\"args must not be empty\") and crun fails to open the "
                 "executable (EINVAL). Only an explicit empty array is an error: a config without "
                 "args "
                 "is usually a template (ctr oci spec writes one) whose caller adds the command, "
                 "and "
                 "process-args-absent reports it as a warning. A "
                 "config counts as Windows when it has a windows object and no linux object.",
             .spec_text =
                 "config.md, Process: \"This specification extends the IEEE standard in that "
                 "at least one entry is REQUIRED (non-Windows), and that entry is used with "
                 "the same semantics as execvp's file. This field is OPTIONAL on Windows, and "
                 "commandLine is REQUIRED if this field is omitted.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": [], "user": {"uid": 0, "gid": 0}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-env-malformed",
             .default_severity = Severity::kWarning,
             .level = Level::kNone,
             .spec_anchor = "config.md#process",
             .summary = "a process.env entry that is not NAME=value",
             .explanation = "process.env has the semantics of environ, whose entries have the form "
                            "name=value. An "
                            "entry without = (\"DEBUG\") or with an empty name (\"=1\") is not a "
                            "variable. The "
                            "spec puts no keyword on the format, but runtimes act on it in "
                            "opposite ways: runc "
                            "refuses the container (\"invalid environment variable\"), while crun "
                            "drops the entry "
                            "and starts the process without it. Write NAME= for a variable with an "
                            "empty value.",
             .spec_text = "config.md, Process: \"env (array of strings, OPTIONAL) with the same "
                          "semantics as IEEE Std 1003.1-2008's environ.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "env": ["DEBUG"], "user": {"uid": 0, "gid": 0}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "env": ["DEBUG="], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-user-id-missing",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#posix-platform-user",
             .summary = "process without user.uid or user.gid on a POSIX platform",
             .explanation =
                 "On POSIX platforms process.user must have uid and gid. The schema cannot require "
                 "them, because a Windows user has only a username, so this rule does for every "
                 "config "
                 "that is not a Windows one (a windows object and no linux object). A process "
                 "without "
                 "any user is reported by process-user-missing instead. Runtimes written in "
                 "Go read a missing id as 0 and run the process as root, which is rarely what a "
                 "config "
                 "that names one id but not the other meant.",
             .spec_text =
                 "config.md, POSIX-platform User: \"uid (int, REQUIRED) specifies the user ID "
                 "in the container namespace. gid (int, REQUIRED) specifies the group ID in "
                 "the container namespace.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 1000}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 1000, "gid": 1000}}})"},
            {.slug = "process-missing",
             .default_severity = Severity::kWarning,
             .level = Level::kMust,
             .spec_anchor = "config.md#process",
             .summary =
                 "no process on a POSIX platform: the container can be created but not started",
             .explanation =
                 "process is OPTIONAL for create but REQUIRED when start is called: without it "
                 "there "
                 "is no program to run. A config without process is usually a template whose "
                 "caller "
                 "adds the process, which is why this is a warning and not an error. runc 1.1.5 "
                 "refuses such a config (\"process property must not be empty\"); crun 1.8.1 "
                 "refuses "
                 "it too, with a message that does not name the cause (\"internal error: max "
                 "number of "
                 "capabilities not initialized\"). A config counts as Windows, and is left alone, "
                 "when "
                 "it has a windows object and no linux object.",
             .spec_text =
                 "config.md, Process: \"process (object, OPTIONAL) specifies the container "
                 "process. This property is REQUIRED when start is called.\"",
             .example_flags = kNoTargetFlags,
             .example_fires = R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-args-absent",
             .default_severity = Severity::kWarning,
             .level = Level::kMust,
             .spec_anchor = "config.md#process",
             .summary = "a POSIX process without args, so there is no program to run",
             .explanation =
                 "Outside Windows, process.args needs at least one entry, the program to run. "
                 "process-args-missing reports an explicit empty array as an error; this rule "
                 "reports "
                 "a process that has no args at all, as a warning, because templates (ctr oci spec "
                 "writes one) leave the command to their caller. A runtime cannot start such a "
                 "process: runc 1.1.5 refuses it (\"args must not be empty\") and so does crun "
                 "1.8.1 "
                 "(\"executable path not specified\"). A config counts as Windows, and is left "
                 "alone, "
                 "when it has a windows object and no linux object.",
             .spec_text =
                 "config.md, Process: \"This specification extends the IEEE standard in that "
                 "at least one entry is REQUIRED (non-Windows), and that entry is used with "
                 "the same semantics as execvp's file.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
                 R"("user": {"uid": 0, "gid": 0}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-user-missing",
             .default_severity = Severity::kWarning,
             .level = Level::kMust,
             .spec_anchor = "config.md#posix-platform-user",
             .summary = "a POSIX process without user, so uid and gid are left to the runtime",
             .explanation =
                 "On POSIX platforms the user of the process has a REQUIRED uid and gid. A process "
                 "without any user object names neither; process-user-id-missing reports a user "
                 "that "
                 "has only one of them. Templates often leave the user to their caller, so this is "
                 "a "
                 "warning. The runtimes do not refuse it: runc 1.1.5 and crun 1.8.1 run the "
                 "process "
                 "as uid 0 and gid 0, root in the container, which is rarely a deliberate choice "
                 "when "
                 "it is not written down. A config counts as Windows, and is left alone, when it "
                 "has "
                 "a windows object and no linux object.",
             .spec_text =
                 "config.md, POSIX-platform User: \"uid (int, REQUIRED) specifies the user ID "
                 "in the container namespace. gid (int, REQUIRED) specifies the group ID in "
                 "the container namespace.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
                 R"("args": ["sh"]}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
            {.slug = "process-rlimit-unknown",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#posix-process",
             .summary = "an rlimit type that is not a Linux resource limit",
             .explanation =
                 "The type of an rlimits entry has to be one of the 16 resource limits of "
                 "getrlimit(2), RLIMIT_CPU to RLIMIT_RTTIME; the schema only checks the "
                 "RLIMIT_ prefix. RLIMIT_LOCKS counts: the kernel no longer enforces it, "
                 "but getrlimit(2) and setrlimit(2) accept it (runtime-tools wrongly "
                 "rejected it). runc refuses an unknown type (\"wrong rlimit value\") and "
                 "so does crun (\"invalid rlimit\"), as the spec demands.",
             .spec_text = "config.md, POSIX process: \"The runtime MUST generate an error for any "
                          "values which cannot be mapped to a relevant kernel interface.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILES", "soft": 1024, "hard": 1024}]}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 1024}]}})"},
            {.slug = "process-rlimit-duplicate",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#posix-process",
             .summary = "two rlimits entries of the same type",
             .explanation =
                 "Each resource limit may appear once in process.rlimits. A runtime must refuse a "
                 "repetition, but neither runc 1.1.5 nor crun 1.8.1 does: both apply the entries "
                 "in "
                 "order, so the last one silently wins (the fixture's process saw 512, the second "
                 "value). Reported at every later entry of a type.",
             .spec_text = "config.md, POSIX process: \"If rlimits contains duplicated entries with "
                          "same type, the runtime MUST generate an error.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 1024}, {"type": "RLIMIT_NOFILE", "soft": 512, "hard": 512}]}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 1024}, {"type": "RLIMIT_NPROC", "soft": 512, "hard": 512}]}})"},
            {.slug = "process-rlimit-soft-above-hard",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#posix-process",
             .summary = "an rlimit whose soft value is above its hard value",
             .explanation =
                 "The hard limit is the ceiling of the soft limit, so soft has to be at "
                 "most hard. setrlimit(2) refuses a soft value above the hard one with "
                 "EINVAL, whoever calls it, so the runtime cannot apply the limits as "
                 "written and must fail: runc and crun both do (\"error setting rlimit type "
                 "7: invalid argument\", \"setrlimit `RLIMIT_NOFILE`: Invalid argument\").",
             .spec_text =
                 "config.md, POSIX process: \"hard (uint64, REQUIRED) the ceiling for the "
                 "soft limit that could be set by an unprivileged process. rlim.rlim_max MUST "
                 "match the configured value.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 2048, "hard": 1024}]}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 2048}]}})"},
            {.slug = "process-rlimit-unavailable",
             .default_severity = Severity::kWarning,
             .level = Level::kMust,
             .spec_anchor = "config.md#posix-process",
             .summary = "an rlimit hard value the runtime cannot set: above the hard limit it has "
                        "without CAP_SYS_RESOURCE, or RLIMIT_NOFILE above fs.nr_open",
             .explanation =
                 "Runtimes apply process.rlimits in order, before the container's user namespace "
                 "exists (runc with prlimit(2) from its own process, crun with setrlimit(2)), so "
                 "with "
                 "the environment's credentials. Without CAP_SYS_RESOURCE a process cannot raise a "
                 "hard limit: an entry whose hard value is above the hard limit in force (the "
                 "environment's, or the one an earlier entry of the same type set) fails with "
                 "EPERM, "
                 "and so does an RLIMIT_NOFILE hard value above the kernel's fs.nr_open, whatever "
                 "the "
                 "capabilities. runc then reports \"error setting rlimit type 7: operation not "
                 "permitted\" at create. This is what happens to every podman run inside a sandbox "
                 "whose open-files hard limit is below podman's 1048576. A soft value above the "
                 "environment's hard limit alone is not reported here: with hard within it, soft "
                 "is "
                 "above hard and the kernel answers EINVAL (process-rlimit-soft-above-hard). "
                 "--environment FILE gives the environment: a /proc/PID/status capture followed by "
                 "a "
                 "/proc/PID/limits table (or --environment-limits FILE); with --environment host, "
                 "oci-lint's own limits and bounding set. fs.nr_open is read only with --kernel "
                 "host. "
                 "Without a known bounding set lacking CAP_SYS_RESOURCE only fs.nr_open is "
                 "checked; "
                 "without the environment's limits, only the entries that raise an earlier one.",
             .spec_text =
                 "config.md, POSIX process: \"rlim.rlim_max MUST match the configured value. "
                 "Only a privileged process (e.g. one with the CAP_SYS_RESOURCE capability) "
                 "can raise a hard limit.\"",
             .example_flags =
                 "--kernel none --environment testdata/rules/process-rlimit-unavailable/env",
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1048576, "hard": 1048576}]}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 20000}]}})",
             .target_aspects = diag::kTargetEnvironment | diag::kTargetKernel},
            {.slug = "process-oom-score-adj-range",
             .default_severity = Severity::kError,
             .level = Level::kMust,
             .spec_anchor = "config.md#linux-process",
             .summary = "oomScoreAdj outside -1000..1000",
             .explanation =
                 "The kernel accepts oom_score_adj values from -1000 (never kill) to 1000 (kill "
                 "first) "
                 "and refuses others with EINVAL. The spec requires the runtime to set the given "
                 "value, so an out-of-range one makes it fail: runc (\"failed to update "
                 "/proc/self/oom_score_adj: Invalid argument\") and crun both refuse the config. "
                 "The "
                 "schema only says integer, so this is the rule's job.",
             .spec_text = "config.md, Linux Process: \"If oomScoreAdj is set, the runtime MUST set "
                          "oom_score_adj to the given value.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "oomScoreAdj": 1001}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "oomScoreAdj": -1000}})"},
            {.slug = "process-scheduler-nice-range",
             .default_severity = Severity::kWarning,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary = "scheduler nice outside -20..19",
             .explanation = "Linux nice values run from -20 (highest priority) to 19 (lowest); "
                            "sched_setattr(2) "
                            "refuses others with EINVAL, so a runtime that applies the scheduler "
                            "cannot set the "
                            "value and has to fail (runtime.md, Create). runc 1.2 and later "
                            "validate the range up "
                            "front. runc 1.1.5 and crun 1.8.1 predate process.scheduler and ignore "
                            "it, so they "
                            "ran the fixture with nice 40 at the default priority.",
             .spec_text =
                 "config.md, Linux Process: \"nice (int32, OPTIONAL) is the nice value for "
                 "the process, affecting its priority. A lower nice value corresponds to a "
                 "higher priority.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "scheduler": {"policy": "SCHED_OTHER", "nice": 40}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "scheduler": {"policy": "SCHED_OTHER", "nice": 19}}})"},
            {.slug = "process-scheduler-priority-policy",
             .default_severity = Severity::kWarning,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary = "a static priority that does not fit the scheduling policy",
             .explanation =
                 "Only the real-time policies SCHED_FIFO and SCHED_RR use the static priority, and "
                 "they need it in 1..99; every other policy needs 0. sched_setattr(2) refuses "
                 "other "
                 "combinations with EINVAL. The rule fires on a non-zero priority with another "
                 "policy, "
                 "and on SCHED_FIFO or SCHED_RR with a priority outside 1..99, or none at all (an "
                 "unset priority means 0). runc 1.2 and later refuse a priority with another "
                 "policy; "
                 "runc 1.1.5 and crun 1.8.1 ignore the scheduler and ran such a config.",
             .spec_text =
                 "config.md, Linux Process: \"priority (int32, OPTIONAL) represents the "
                 "static priority of the process, used by real-time policies like SCHED_FIFO "
                 "and SCHED_RR. If not set, the runtime must use the value 0.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "scheduler": {"policy": "SCHED_OTHER", "priority": 10}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "scheduler": {"policy": "SCHED_FIFO", "priority": 10}}})"},
            {.slug = "process-scheduler-deadline-fields",
             .default_severity = Severity::kWarning,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary =
                 "scheduler runtime, deadline or period with a policy other than SCHED_DEADLINE",
             .explanation =
                 "runtime, deadline and period are the parameters of the deadline scheduler and "
                 "mean "
                 "nothing to any other policy. A non-zero value with another policy is a leftover "
                 "or a "
                 "policy typo: the process does not get the deadline scheduling the values "
                 "describe. "
                 "runc 1.2 and later refuse it (\"can only be specified for SchedDeadline\").",
             .spec_text =
                 "config.md, Linux Process: \"runtime (uint64, OPTIONAL) represents the "
                 "amount of time in nanoseconds during which the process is allowed to run in "
                 "a given period, used by the deadline scheduler.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "scheduler": {"policy": "SCHED_BATCH", "runtime": 10000000}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "scheduler": {"policy": "SCHED_DEADLINE", "runtime": 10000000, "deadline": 20000000, "period": 20000000}}})"},
            {.slug = "process-io-priority-range",
             .default_severity = Severity::kWarning,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary = "ioPriority priority outside 0..7",
             .explanation =
                 "The level within an I/O scheduling class runs from 0 (highest) to 7 (lowest); "
                 "ioprio_set(2) refuses other levels for the real-time and best-effort classes "
                 "with "
                 "EINVAL, so a runtime that applies ioPriority fails. The spec says so only in "
                 "lower "
                 "case (\"should be\"), hence a warning. runc 1.1.5 and crun 1.8.1 predate "
                 "ioPriority "
                 "and ran the fixture with level 8 at the default I/O priority.",
             .spec_text =
                 "config.md, Linux Process: \"priority (int, REQUIRED) specifies the priority "
                 "level within the class. The value should be an integer ranging from 0 "
                 "(highest) to 7 (lowest).\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 8}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "ioPriority": {"class": "IOPRIO_CLASS_BE", "priority": 7}}})"},
            {.slug = "process-exec-cpu-affinity-malformed",
             .default_severity = Severity::kWarning,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary = "execCPUAffinity initial or final that is not a CPU list",
             .explanation =
                 "initial and final are CPU lists: comma-separated CPU numbers and ascending "
                 "ranges, "
                 "as in \"0-3,7\"; an empty final means the kernel decides. The schema only limits "
                 "the "
                 "characters, so \"0-\", \"3-1\" or \"1,,2\" pass it. A runtime that supports "
                 "execCPUAffinity (runc 1.2 and later) refuses such a list when it parses the "
                 "config. "
                 "runc 1.1.5 and crun 1.8.1 predate the property and ignore it. It applies to "
                 "processes started with exec, not to the container's init.",
             .spec_text =
                 "config.md, Linux Process: \"initial (string, OPTIONAL) is a list of CPUs a "
                 "runtime parent process to be run on initially, before the transition to "
                 "container's cgroup. This is a a comma-separated list, with dashes to "
                 "represent ranges. For example, 0-3,7 represents CPUs 0,1,2,3, and 7.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "execCPUAffinity": {"initial": "0-"}}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "execCPUAffinity": {"initial": "0-3,7"}}})"},
            {.slug = "process-apparmor-profile-malformed",
             .default_severity = Severity::kNote,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary = "apparmorProfile with surrounding spaces or control characters",
             .explanation =
                 "apparmorProfile names an AppArmor profile loaded on the host. A name with "
                 "leading or "
                 "trailing spaces, a line feed or another control character is almost certainly a "
                 "templating mistake: no loaded profile is named so, and the kernel refuses to "
                 "change "
                 "to it when the process starts (runc: \"unable to apply apparmor profile\"). "
                 "Whether "
                 "the profile exists on the host is not checked.",
             .spec_text =
                 "config.md, Linux Process: \"apparmorProfile (string, OPTIONAL) specifies "
                 "the name of the AppArmor profile for the process.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "apparmorProfile": "docker-default\n"}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "apparmorProfile": "docker-default"}})"},
            {.slug = "process-selinux-label-malformed",
             .default_severity = Severity::kNote,
             .level = Level::kNone,
             .spec_anchor = "config.md#linux-process",
             .summary = "selinuxLabel that is not an SELinux context user:role:type[:level]",
             .explanation =
                 "selinuxLabel is an SELinux security context: user, role and type separated by "
                 "colons, optionally followed by an MLS level that may itself contain colons "
                 "(system_u:system_r:container_t:s0:c1,c2). A label with fewer fields, an empty "
                 "field "
                 "or white space cannot be a context, and the kernel refuses it when the runtime "
                 "writes it. Whether the host has SELinux is not checked: on a host without it "
                 "runc "
                 "refuses any label and crun fails to write it.",
             .spec_text =
                 "config.md, Linux Process: \"selinuxLabel (string, OPTIONAL) specifies the "
                 "SELinux label for the process.\"",
             .example_flags = kNoTargetFlags,
             .example_fires =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "selinuxLabel": "container_t"}})",
             .example_silent =
                 R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}, "selinuxLabel": "system_u:system_r:container_t:s0:c1,c2"}})"},
};

}  // namespace

extern constinit const RuleFamily kProcessRules{"process", CheckProcess, kRules};

}  // namespace ocilint::lint
