// The built-in rules: whether an input is a JSON document the schema accepts, and what is said
// about an input as a whole (it could not be read, or its suppressions matched nothing). The
// pipeline reports them itself (lint/linter.cc, lint/policy.cc), so their families have no check.

#include "lint/rules/input_rules.h"

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kDocument[] = {
    {.slug = rule::kJsonSyntax,
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config.md#configuration",
     .summary = "the file is not well-formed UTF-8 JSON (RFC 8259)",
     .explanation =
         "A runtime decodes config.json with a JSON parser before it looks at any field, so a file "
         "that is not JSON is refused as a whole. oci-lint parses the input itself as RFC 8259 "
         "JSON in UTF-8 and reports the exact line and column where the text stops being JSON, "
         "with what was expected there. It is stricter than lenient parsers on purpose: an empty "
         "file, a UTF-8 byte order mark, invalid UTF-8, comments, single quotes, trailing commas, "
         "NaN and Infinity, data after the top-level value, nesting deeper than 1000 levels "
         "and more than a million values (which bounds the memory a file takes) are all "
         "errors. A file that does not parse has no document, so neither the schema nor "
         "the capability rules judge it.",
     .example_fires = R"({"ociVersion": "1.3.0",})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = rule::kJsonDuplicateKey,
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config.md#configuration",
     .summary = "an object repeats a key; runtimes keep the last value",
     .explanation =
         "JSON leaves the meaning of a repeated name inside one object to the parser. Go-based "
         "runtimes and tools (runc, containerd) and Python keep the last value and drop the "
         "earlier ones without a word, so a config with two \"process\" keys silently loses the "
         "first. oci-lint warns at every repetition and, like those runtimes, lets the schema and "
         "every other rule judge only the last value. The usual cause is a hand merge or a "
         "template that appends a key instead of replacing it.",
     .spec_text = "RFC 8259, section 4: \"The names within an object SHOULD be unique.\"",
     .example_fires =
         R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "ociVersion": "1.3.0"})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = rule::kSchema,
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "config.md#configuration",
     .summary = "the config violates the runtime-spec JSON schema",
     .explanation =
         "The runtime-spec publishes a JSON Schema for config.json next to its prose. oci-lint "
         "validates every document that parses against the embedded v1.3.0 schema, or against "
         "the schema files of another release given with --schema-dir, and reports one finding "
         "per real problem in plain words: a missing required property such as ociVersion, a "
         "value of the wrong type, a string that does not match its pattern. Runtimes decode the "
         "file into typed structures, so a wrong type typically makes them refuse the config, "
         "while other violations can pass unnoticed until the container misbehaves. The schema "
         "does not constrain capability names (any string is valid there), which is what the "
         "cap-* rules are for.",
     .spec_text =
         "config.md, Specification version: \"ociVersion (string, REQUIRED) MUST be in SemVer "
         "v2.0.0 format and specifies the version of the Open Container Initiative Runtime "
         "Specification with which the bundle complies.\" (one of the requirements the schema "
         "encodes)",
     .example_fires = R"({"ociVersion": 1.3})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

constexpr diag::RuleInfo kInput[] = {
    {.slug = rule::kIoError,
     .default_severity = Severity::kError,
     .level = Level::kNone,
     .spec_anchor = "",
     .summary = "the input could not be read",
     .explanation =
         "The input could not be read: the path does not exist, permission is denied, reading "
         "failed part-way, or a directory holds no *.json file. Nothing is known about such an "
         "input, so no other rule judges it, but the other inputs of the same run are still "
         "linted and reported. The finding has no location (pointer \"\", line and column 0), and "
         "the run exits with code 3, which wins over 1.",
     .example_fires = "oci-lint lint does-not-exist.json",
     .example_silent = "oci-lint lint config.json  # a readable file",
     .exemption = "no spec sentence covers reading a file, and only a path that cannot be read "
                  "fires it, so its examples are command lines"},
    {.slug = rule::kInputTooLarge,
     .default_severity = Severity::kError,
     .level = Level::kNone,
     .spec_anchor = "",
     .summary = "the input is larger than --max-size and was not read",
     .explanation =
         "oci-lint refuses an input larger than --max-size (default 64M; K, M and G are powers "
         "of 1024) without reading it whole, so a wrong path such as a disk image or a log cannot "
         "exhaust memory. Real configs are a few kilobytes. The file is not judged by any other "
         "rule, the finding has no location, and the run exits with code 3. Raise the limit if "
         "the file really is a config.",
     .example_flags = "--max-size 128",
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}, "env": ["PATH=/usr/bin:/bin"]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", )"
         R"("args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .exemption = "the size limit is oci-lint's own, not the spec's"},
    {.slug = rule::kUnusedSuppression,
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = "",
     .summary = "a dev.oci-lint.ignore annotation entry that suppresses nothing",
     .explanation =
         "A config can suppress findings of its own with the annotation dev.oci-lint.ignore, a "
         "comma-separated list of rule slugs, each optionally followed by :/json/pointer to "
         "limit it to that value and what is below it (configs are JSON and cannot hold "
         "comments; kube-linter uses the same idea). An entry that suppresses nothing is "
         "reported as a note: the finding it was written for is gone, the slug is misspelt, or "
         "the pointer is wrong. Remove the entry, or correct it.",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"dev.oci-lint.ignore": "cap-unknown"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": )"
         R"({"dev.oci-lint.ignore": "cap-unknown"}, "process": {"cwd": "/", "args": ["sh"], )"
         R"("user": {"uid": 0, "gid": 0}, "capabilities": {"bounding": ["CAP_NOPE"]}}})",
     .exemption = "the annotation is oci-lint's own, not the spec's"},
};

}  // namespace

extern constinit const RuleFamily kDocumentRules{"document", nullptr, kDocument};
extern constinit const RuleFamily kInputRules{"input", nullptr, kInput};

}  // namespace ocilint::lint
