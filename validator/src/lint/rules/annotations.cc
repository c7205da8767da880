// The annotation-*: config.md "Annotations".

#include <array>
#include <string>
#include <string_view>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

constexpr std::string_view kAnchor = "config.md#annotations";

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "annotation-reserved-key",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "an annotation key in the reserved org.opencontainers namespace",
     .explanation =
         "Annotation keys in the org.opencontainers namespace belong to the specification, and "
         "a config may use only the ones it defines: since runtime-spec 1.2.0 these are the "
         "eight image keys org.opencontainers.image.os, .os.version, .os.features, "
         ".architecture, .variant, .author, .created and .stopSignal, which carry the image's "
         "properties into the container. This rule fires on any other key of the namespace "
         "(org.opencontainers.foo, org.opencontainers.image.homepage) except the image-spec's own "
         "keys (below); the eight image keys never fire it, although runtime-tools rejects every "
         "org.opencontainers key. runc and crun ignore annotations they do not know, as the "
         "spec asks, so they start such a config; the problem is that a future version of the "
         "spec may give the key a meaning. The keys the image-spec defines for images "
         "(org.opencontainers.image.title, .base.name, ...) are the separate warning "
         "annotation-image-spec-key.",
     .spec_text =
         "config.md, Annotations: \"The `org.opencontainers` namespace for keys is reserved for "
         "use by this specification, annotations using keys in this namespace MUST be as "
         "described in this section.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"org.opencontainers.owner": "me"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"org.opencontainers.image.os": "linux", "com.example.owner": "me"})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "annotation-image-spec-key",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "an image-spec annotation key that the runtime-spec does not list for configs",
     .explanation =
         "The image-spec defines its own annotation keys for image manifests and indexes "
         "(org.opencontainers.image.created, .authors, .url, .documentation, .source, .version, "
         ".revision, .vendor, .licenses, .ref.name, .title, .description, .base.digest and "
         ".base.name); the runtime-spec lets a config use only the eight keys of its own table "
         "in the org.opencontainers namespace. Container engines copy an image's annotations "
         "into the config they generate (podman, for one, writes .base.name and .base.digest), "
         "so this is usually the engine's doing, not a mistake of the "
         "config's author: a warning, where any other key of the namespace is the error "
         "annotation-reserved-key. runc and crun ignore the keys, as the spec asks of unknown "
         "annotations. org.opencontainers.image.created is in both tables and never fires "
         "this rule.",
     .spec_text =
         "config.md, Annotations: \"The `org.opencontainers` namespace for keys is reserved for "
         "use by this specification, annotations using keys in this namespace MUST be as "
         "described in this section.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"org.opencontainers.image.base.name": "docker.io/library/debian:12"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"org.opencontainers.image.created": "2024-01-02T03:04:05Z"})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "annotation-key-not-reverse-domain",
     .default_severity = Severity::kWarning,
     .level = Level::kShould,
     .spec_anchor = kAnchor,
     .summary = "an annotation key that is not in reverse domain notation",
     .explanation =
         "Annotation keys should start with a reversed domain name that the author controls, "
         "such as com.example.myKey, so that keys of different tools cannot collide. The check "
         "is lenient: a key passes when it has at least two dot-separated parts and its first "
         "part could be a top-level domain (letters, digits and hyphens), so "
         "io.kubernetes.cri.container-type, run.oci.keep_original_groups and com.example.x pass "
         "while foo, myKey, .hidden or my_tool.key do not. Runtimes accept any key.",
     .spec_text =
         "config.md, Annotations: \"Keys SHOULD be named using a reverse domain notation - e.g. "
         "`com.example.myKey`.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"owner": "me"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"com.example.owner": "me"})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "annotation-image-value-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "an org.opencontainers.image.created value that is not an RFC 3339 date-time",
     .explanation =
         "The value of org.opencontainers.image.created has to be a valid value of the image "
         "configuration's created property, which the image-spec defines as an RFC 3339 (section "
         "5.6) date and time: 2024-01-02T03:04:05Z, with optional fractional seconds and a Z or "
         "+hh:mm offset. A date alone, a time without an offset or a Unix timestamp is not one. "
         "Only this key is checked: the image-spec gives the values of os and architecture as a "
         "SHOULD (Go's GOOS and GOARCH) and leaves os.version, os.features, variant, author and "
         "stopSignal loose, so no value of theirs can be called invalid with certainty. runc and "
         "crun do not read the annotation.",
     .spec_text =
         "config.md, Annotations (org.opencontainers.image.created): \"The annotation value MUST "
         "have a valid value for the `created` property as defined in [the OCIimage "
         "specification][oci-image-config-properties].\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"org.opencontainers.image.created": "2024-01-02"}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "annotations": {"org.opencontainers.image.created": "2024-01-02T03:04:05.5+01:00"})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

constexpr std::string_view kReservedPrefix = "org.opencontainers";

constexpr std::array<std::string_view, 8> kImageKeys = {
    "org.opencontainers.image.os",          "org.opencontainers.image.os.version",
    "org.opencontainers.image.os.features", "org.opencontainers.image.architecture",
    "org.opencontainers.image.variant",     "org.opencontainers.image.author",
    "org.opencontainers.image.created",     "org.opencontainers.image.stopSignal",
};

/// The image-spec's pre-defined annotation keys that the runtime-spec's table does not list.
constexpr std::array<std::string_view, 13> kImageSpecOnlyKeys = {
    "org.opencontainers.image.authors",       "org.opencontainers.image.url",
    "org.opencontainers.image.documentation", "org.opencontainers.image.source",
    "org.opencontainers.image.version",       "org.opencontainers.image.revision",
    "org.opencontainers.image.vendor",        "org.opencontainers.image.licenses",
    "org.opencontainers.image.ref.name",      "org.opencontainers.image.title",
    "org.opencontainers.image.description",   "org.opencontainers.image.base.digest",
    "org.opencontainers.image.base.name",
};

bool InReservedNamespace(std::string_view key) {
  return key == kReservedPrefix ||
         (key.starts_with(kReservedPrefix) && key.size() > kReservedPrefix.size() &&
          key[kReservedPrefix.size()] == '.');
}

bool LooksReverseDomain(std::string_view key) {
  size_t dot = key.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot + 1 >= key.size()) return false;
  if (key[dot + 1] == '.') return false;
  for (char c : key.substr(0, dot)) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

void ReportReserved(const RuleContext& context, const json::Member& member) {
  std::string_view key = member.key;
  for (std::string_view image_spec_key : kImageSpecOnlyKeys) {
    if (key != image_spec_key) continue;
    context.Report("annotation-image-spec-key", member.value,
                   "/annotations/" + json::EscapePointerToken(key),
                   "annotation key " + json::Quote(key) +
                       " is an image annotation of the image-spec; the runtime-spec does not "
                       "list it for configs",
                   "usually copied from the image by the engine; runtimes ignore it. Use a "
                   "prefix of your own to keep it in the config on purpose");
    return;
  }
  context.Report("annotation-reserved-key", member.value,
                 "/annotations/" + json::EscapePointerToken(key),
                 "annotation key " + json::Quote(key) +
                     " is in the reserved org.opencontainers namespace, and the spec does "
                     "not define it",
                 "use a prefix of your own (e.g. com.example.); of this namespace only "
                 "org.opencontainers.image.{os,os.version,os.features,architecture,variant,"
                 "author,created,stopSignal} may be used");
}

/// True for an RFC 3339 (section 5.6) date-time such as 2024-01-02T03:04:05.25+01:00.
bool IsRfc3339DateTime(std::string_view text) {
  size_t at = 0;
  auto number = [&](size_t digits, int low, int high) {
    if (text.size() < at + digits) return -1;
    int value = 0;
    for (size_t i = 0; i < digits; ++i) {
      char c = text[at + i];
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    at += digits;
    return value >= low && value <= high ? value : -1;
  };
  auto expect = [&](std::string_view allowed) {
    if (at >= text.size() || allowed.find(text[at]) == std::string_view::npos) return false;
    ++at;
    return true;
  };
  int year = number(4, 0, 9999);
  if (year < 0 || !expect("-")) return false;
  int month = number(2, 1, 12);
  if (month < 0 || !expect("-")) return false;
  constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int day = number(2, 1, month == 2 && !leap ? 28 : kDays[month - 1]);
  if (day < 0 || !expect("Tt") || number(2, 0, 23) < 0 || !expect(":") || number(2, 0, 59) < 0 ||
      !expect(":") || number(2, 0, 60) < 0)
    return false;
  if (at < text.size() && text[at] == '.') {
    ++at;
    size_t digits_start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits_start) return false;
  }
  if (expect("Zz")) return at == text.size();
  if (!expect("+-") || number(2, 0, 23) < 0 || !expect(":") || number(2, 0, 59) < 0) return false;
  return at == text.size();
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  json::NodeId annotations_id = doc.Find(doc.node(doc.root()), "annotations");
  if (annotations_id == json::kNoNode || doc.node(annotations_id).type != json::Type::kObject)
    return;
  const json::Node& annotations = doc.node(annotations_id);
  for (uint32_t m = 0; m < annotations.count; ++m) {
    const json::Member& member = doc.member(annotations, m);
    std::string_view key = member.key;
    if (key.empty()) continue;  // the schema's business
    if (InReservedNamespace(key)) {
      bool allowed = false;
      for (std::string_view image_key : kImageKeys) allowed = allowed || key == image_key;
      if (!allowed) {
        ReportReserved(context, member);
        continue;
      }
      const json::Node& value = doc.node(member.value);
      if (key == "org.opencontainers.image.created" && value.type == json::Type::kString &&
          !IsRfc3339DateTime(value.text)) {
        context.Report("annotation-image-value-invalid", member.value,
                       "/annotations/" + json::EscapePointerToken(key),
                       "org.opencontainers.image.created " + json::Quote(value.text) +
                           " is not an RFC 3339 date-time",
                       "write it like \"2024-01-02T03:04:05Z\"");
      }
      continue;
    }
    if (LooksReverseDomain(key)) continue;
    context.Report("annotation-key-not-reverse-domain", member.value,
                   "/annotations/" + json::EscapePointerToken(key),
                   "annotation key " + json::Quote(key) + " is not in reverse domain notation",
                   "prefix it with a reversed domain you control, e.g. " +
                       json::Quote("com.example." + std::string(key.substr(0, 40))));
  }
}

}  // namespace

extern constinit const RuleFamily kAnnotationRules{"annotations", Check, kRules};

}  // namespace ocilint::lint
