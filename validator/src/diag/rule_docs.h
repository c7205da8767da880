#pragma once

// The long-form documentation of every rule: what `oci-lint explain RULE` prints and what
// docs/rules.md is generated from. Only diag/rules.cc includes this; everything else reads the
// fields through diag::RuleInfo.

#include <string_view>

namespace ocilint::diag::docs {

struct RuleDocs {
  std::string_view slug;
  std::string_view explanation;
  std::string_view spec_text;
  std::string_view example_flags;
  std::string_view example_fires;
  std::string_view example_silent;
};

inline constexpr std::string_view kCapSpec =
    "config.md, Linux Process: \"Any value which cannot be mapped to a relevant kernel interface, "
    "or cannot be granted otherwise MUST be logged as a warning by the runtime. Runtimes SHOULD "
    "NOT fail if the container configuration requests capabilities that cannot be granted, for "
    "example, if the runtime operates in a restricted environment with a limited set of "
    "capabilities.\"";
inline constexpr std::string_view kCapFlags = "--kernel none --environment none";

inline constexpr RuleDocs kDocs[] = {
    {"json-syntax",
     "A runtime decodes config.json with a JSON parser before it looks at any field, so a file "
     "that is not JSON is refused as a whole. oci-lint parses the input itself as RFC 8259 JSON in "
     "UTF-8 and reports the exact line and column where the text stops being JSON, with what was "
     "expected there. It is stricter than lenient parsers on purpose: an empty file, a UTF-8 byte "
     "order mark, invalid UTF-8, comments, single quotes, trailing commas, NaN and Infinity, data "
     "after the top-level value and nesting deeper than 1000 levels are all errors. A file that "
     "does not parse has no document, so neither the schema nor the capability rules judge it.",
     "", "", R"({"ociVersion": "1.3.0",})", R"({"ociVersion": "1.3.0"})"},
    {"json-duplicate-key",
     "JSON leaves the meaning of a repeated name inside one object to the parser. Go-based "
     "runtimes and tools (runc, containerd) and Python keep the last value and drop the earlier "
     "ones without a word, so a config with two \"process\" keys silently loses the first. "
     "oci-lint warns at every repetition and, like those runtimes, lets the schema and every other "
     "rule judge only the last value. The usual cause is a hand merge or a template that appends a "
     "key instead of replacing it.",
     "RFC 8259, section 4: \"The names within an object SHOULD be unique.\"", "",
     R"({"ociVersion": "1.0.2", "ociVersion": "1.3.0"})", R"({"ociVersion": "1.3.0"})"},
    {"schema",
     "The runtime-spec publishes a JSON Schema for config.json next to its prose. oci-lint "
     "validates every document that parses against the embedded v1.3.0 schema, or against the "
     "schema files of another release given with --schema-dir, and reports one finding per real "
     "problem in plain words: a missing required property such as ociVersion, a value of the wrong "
     "type, a string that does not match its pattern. Runtimes decode the file into typed "
     "structures, so a wrong type typically makes them refuse the config, while other violations "
     "can pass unnoticed until the container misbehaves. The schema does not constrain capability "
     "names (any string is valid there), which is what the cap-* rules are for.",
     "config.md, Specification version: \"ociVersion (string, REQUIRED) MUST be in SemVer v2.0.0 "
     "format and specifies the version of the Open Container Initiative Runtime Specification "
     "with which the bundle complies.\" (one of the requirements the schema encodes)",
     "", R"({"ociVersion": 1.3})", R"({"ociVersion": "1.3.0"})"},
    {"cap-unknown",
     "Every entry of the five capability sets (bounding, effective, inheritable, permitted, "
     "ambient) has to name a Linux capability; the spec refers to capabilities(7) for the valid "
     "values, but its schema accepts any string. This rule fires on an entry that is not a "
     "capability in any spelling, even after trimming white space, upper-casing and reducing "
     "repeated CAP_ prefixes; it is usually a typo, and the help suggests the closest name. Since "
     "runtime-spec 1.1.0 a runtime MUST warn about such a value and SHOULD NOT fail. runc does: it "
     "logs \"ignoring unknown or unavailable capabilities\" and drops the entry, and crun up to "
     "1.28 only warns (1.8.1 shows it only with --debug). crun 1.29 and later and youki refuse "
     "the whole config, so the typo that one runtime skips breaks the container on another. "
     "runtime-spec 1.0.x required an error here; for such an ociVersion the finding says so.",
     kCapSpec, kCapFlags,
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_SYS_ADMN"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_SYS_ADMIN"]}}})"},
    {"cap-malformed",
     "The entry becomes a capability name once white space is trimmed, it is upper-cased and "
     "repeated CAP_ prefixes are reduced to one, but it is not written canonically: cap_net_raw, "
     "NET_ADMIN, CAP_CAP_SYS_ADMIN or \" CAP_KILL\". Runtimes disagree on such spellings: runc "
     "treats it as an unknown name, warns and drops it, so the process runs without the "
     "capability, while youki accepts lower case and strips repeated prefixes. containerd "
     "produces CAP_CAP_ names itself when a CRI client already adds the prefix. Writing the "
     "canonical name makes every runtime grant the same capability.",
     kCapSpec, kCapFlags,
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["cap_net_raw"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_NET_RAW"]}}})"},
    {"cap-unsupported-kernel",
     "The entry is a canonical capability that the target kernel does not have yet: CAP_BPF and "
     "CAP_PERFMON came in Linux 5.8, CAP_CHECKPOINT_RESTORE in 5.9 (not 5.8, as the spec change "
     "that introduced the warning says), CAP_AUDIT_READ in 3.16. The target kernel is --kernel: "
     "a release such as 5.4, the host's cap_last_cap by default, or none to skip the check. Such a "
     "value cannot be mapped to a kernel interface, so a runtime MUST warn and SHOULD NOT fail; "
     "runc warns and drops it, and crun and youki leave it to the kernel, which clears bits above "
     "its last capability without a word. Either way the process does not get it.",
     kCapSpec, "--kernel 5.4 --environment none",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_BPF"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"]}}})"},
    {"cap-unavailable",
     "The kernel has the capability, but the environment the runtime runs in does not: it is "
     "missing from that environment's bounding set, as in docker-in-docker with Docker's 14 "
     "default capabilities or in a restricted CI sandbox. --environment names the environment: "
     "the bounding set of oci-lint's own process by default, or a /proc/PID/status capture taken "
     "there. The spec says a runtime SHOULD NOT fail on a capability that cannot be granted, but "
     "runc and crun both fail with EPERM from capset(2) (\"unable to apply caps: operation not "
     "permitted\"), so this warning predicts a failed start. Remove the capability, or grant it to "
     "the outer environment (docker run --cap-add). cap-unsupported-kernel takes precedence.",
     kCapSpec, "--kernel none --environment testdata/caps/environments/docker-default.status",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_SYS_ADMIN"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"]}}})"},
    {"cap-unsupported-runtime",
     "The entry is a canonical capability that the target runtime does not list among the names "
     "it recognizes. A runtime publishes that list in its features document (runc features, "
     "linux.capabilities, since runtime-spec 1.1.0); give it with --runtime-features FILE or let "
     "oci-lint run --runtime NAME. A missing or null list means unknown, and then nothing is "
     "reported. A runtime that does not know a name cannot map it: runc warns and drops it, "
     "while crun 1.29 and later and youki refuse the config. This rule is independent of the "
     "kernel and environment checks: it can fire together with them.",
     "features-linux.md, Capabilities: \"The runtime MUST recognize the elements in this array in "
     "the process.capabilities object of config.json.\"",
     "--kernel none --environment none --runtime-features testdata/caps/features/no-bpf.json",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_BPF"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"]}}})"},
    {"cap-duplicate",
     "The entry names the same capability as an earlier entry of the same set, after the "
     "normalisation cap-malformed uses (CAP_KILL and cap_kill are the same). A repetition grants "
     "nothing more, and when spellings differ the two entries can be treated differently: runc "
     "keeps CAP_KILL and drops cap_kill. It is reported at every later repetition, in addition to "
     "any other finding on that entry. The same capability in different sets is not a duplicate.",
     "", kCapFlags,
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL", "CAP_KILL"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "permitted": ["CAP_KILL"]}}})"},
    {"cap-inheritable-not-bounding",
     "The entry is an inheritable capability, valid for the target, that is not a valid entry of "
     "the bounding set. Runtimes drop the bounding set first, and capset(2) then refuses an "
     "inheritable capability outside it with EPERM; runc and crun fail to start the container "
     "here. The spec does not name this case, but it is a capability that cannot be granted. "
     "oci-lint probe found the gap: such configs passed the linter and then failed with capset: "
     "EPERM. An inheritable entry outside bounding does not count as inheritable for "
     "cap-ambient-not-granted either.",
     kCapSpec, kCapFlags,
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "inheritable": ["CAP_KILL", "CAP_NET_RAW"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL", "CAP_NET_RAW"], "inheritable": ["CAP_KILL", "CAP_NET_RAW"]}}})"},
    {"cap-ambient-not-granted",
     "The entry is an ambient capability, valid for the target, that is not a valid entry of both "
     "permitted and inheritable (an inheritable entry outside bounding does not count). The "
     "kernel raises an ambient capability only when it is both permitted and inheritable; "
     "otherwise prctl(PR_CAP_AMBIENT_RAISE) fails with EPERM, and the process runs without it, "
     "which matters for a non-root process that relies on ambient capabilities after execve. The "
     "output of runc spec and crun spec has this problem: an ambient set but no (or an empty) "
     "inheritable set. Add the capability to both sets, or remove it from ambient.",
     kCapSpec, kCapFlags,
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "permitted": ["CAP_KILL"], "ambient": ["CAP_KILL"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "permitted": ["CAP_KILL"], "inheritable": ["CAP_KILL"], "ambient": ["CAP_KILL"]}}})"},
    {"cap-effective-not-permitted",
     "The entry is an effective capability, valid for the target, that is not a valid entry of "
     "the permitted set. The effective set is the part of the permitted set that is switched on, "
     "and capset(2) refuses an effective capability outside the permitted set, so the request "
     "cannot be granted as written. A missing permitted set counts as empty. Add the capability "
     "to permitted, or remove it from effective.",
     kCapSpec, kCapFlags,
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"]}}})",
     R"({"ociVersion": "1.3.0", "process": {"cwd": "/", "capabilities": {"bounding": ["CAP_KILL"], "effective": ["CAP_KILL"], "permitted": ["CAP_KILL"]}}})"},
    {"io-error",
     "The input could not be read: the path does not exist, permission is denied, reading failed "
     "part-way, or a directory holds no *.json file. Nothing is known about such an input, so no "
     "other rule judges it, but the other inputs of the same run are still linted and reported. "
     "The finding has no location (pointer \"\", line and column 0), and the run exits with code "
     "3, which wins over 1.",
     "", "", "oci-lint lint does-not-exist.json", "oci-lint lint config.json  # a readable file"},
    {"input-too-large",
     "oci-lint refuses an input larger than --max-size (default 64M; K, M and G are powers of "
     "1024) without reading it whole, so a wrong path such as a disk image or a log cannot "
     "exhaust memory. Real configs are a few kilobytes. The file is not judged by any other rule, "
     "the finding has no location, and the run exits with code 3. Raise the limit if the file "
     "really is a config.",
     "", "--max-size 32", R"({"ociVersion": "1.3.0", "process": {"cwd": "/"}})",
     R"({"ociVersion": "1.3.0"})"},
    {"unused-suppression",
     "A config can suppress findings of its own with the annotation dev.oci-lint.ignore, a "
     "comma-separated list of rule slugs, each optionally followed by :/json/pointer to limit it "
     "to that value and what is below it (configs are JSON and cannot hold comments; kube-linter "
     "uses the same idea). An entry that suppresses nothing is reported as a note: the finding it "
     "was written for is gone, the slug is misspelt, or the pointer is wrong. Remove the entry, "
     "or correct it.",
     "", "--kernel none --environment none",
     R"({"ociVersion": "1.3.0", "annotations": {"dev.oci-lint.ignore": "cap-unknown"}})",
     R"({"ociVersion": "1.3.0", "annotations": {"dev.oci-lint.ignore": "cap-unknown"}, )"
     R"("process": {"cwd": "/", "capabilities": {"bounding": ["CAP_NOPE"]}}})"},
};

}  // namespace ocilint::diag::docs
