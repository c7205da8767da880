// The features-*: features.md and features-linux.md, on a runtime's Features structure
// (`runc features`, lint --kind features or a document with ociVersionMin/ociVersionMax).

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "caps/table.h"
#include "lint/rules/rule_family.h"
#include "lint/spec_version.h"
#include "schema/embedded.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;
using json::Document;
using json::NodeId;
using json::Type;

constexpr std::string_view kFeatures =
    R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "hooks": ["prestart", "poststop"]})";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "features-version-not-semver",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = "features.md#specification-version",
     .summary = "an ociVersionMin or ociVersionMax that is not a SemVer 2.0.0 version",
     .explanation =
         "ociVersionMin and ociVersionMax are the oldest and newest runtime-spec versions the "
         "runtime accepts as a config's ociVersion, and a config's ociVersion has to be SemVer "
         "2.0.0. A bound that is not (\"1.0\", \"v1.1.0\") cannot be compared with a config's "
         "version, so callers cannot tell which configs the runtime takes.",
     .spec_text = "features.md, Specification version: \"ociVersionMin (string, REQUIRED) The "
                  "minimum recognized version [...] The runtime MUST accept this value as the "
                  "ociVersion property of config.json.\"",
     .example_flags = "--kind features",
     .example_fires = R"({"ociVersionMin": "1.0", "ociVersionMax": "1.3.0"})",
     .example_silent = kFeatures},
    {.slug = "features-version-range",
     .default_severity = Severity::kError,
     .level = Level::kMustNot,
     .spec_anchor = "features.md#specification-version",
     .summary = "an ociVersionMax below ociVersionMin",
     .explanation =
         "The range of versions the runtime accepts is empty when ociVersionMax comes before "
         "ociVersionMin in SemVer order (pre-releases before their release: 1.1.0-rc.2 is "
         "below 1.1.0). The bounds are probably swapped.",
     .spec_text = "features.md, Specification version: \"ociVersionMax [...] The value MUST NOT "
                  "be less than the value of the ociVersionMin property.\"",
     .example_flags = "--kind features",
     .example_fires = R"({"ociVersionMin": "1.1.0", "ociVersionMax": "1.1.0-rc.2"})",
     .example_silent = kFeatures},
    {.slug = "features-property-unknown",
     .default_severity = Severity::kError,
     .level = Level::kMustNot,
     .spec_anchor = "features.md#specification-version",
     .summary = "a member that no runtime-spec release defines in the Features structure",
     .explanation =
         "A features document may hold only the members the spec defines: ociVersionMin, "
         "ociVersionMax, hooks, mountOptions, linux, annotations and "
         "potentiallyUnsafeConfigAnnotations at the top, and the members of features-linux.md "
         "below linux. Anything else (a misspelling such as \"mountOption\", or a runtime's "
         "own extension) is not a feature callers can rely on: a runtime's own facts belong "
         "in annotations.",
     .spec_text = "features.md, Specification version: \"The Features structure MUST NOT "
                  "contain properties that are not defined in this version of the Open "
                  "Container Initiative Runtime Specification.\"",
     .example_flags = "--kind features",
     .example_fires =
         R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "mountOption": ["ro"]})",
     .example_silent = kFeatures},
    {.slug = "features-list-duplicate",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features.md",
     .summary = "a name listed twice in one features list",
     .explanation =
         "Each list of the Features structure (hooks, mountOptions, namespaces, capabilities, "
         "seccomp actions and the like) names what the runtime recognizes; a name listed "
         "twice says nothing more and usually comes from merging two lists by hand or from a "
         "build that registers a name twice.",
     .example_flags = "--kind features",
     .example_fires =
         R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "hooks": ["prestart", "prestart"]})",
     .example_silent = kFeatures},
    {.slug = "features-value-unknown",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md",
     .summary = "a hook, namespace, capability, seccomp or memory-policy name the spec does not "
                "define",
     .explanation =
         "The lists of hooks, namespaces, capabilities, seccomp actions, operators, "
         "architectures and flags, and memory-policy modes and flags name values of config.json "
         "members whose values the spec enumerates. A name outside that enumeration "
         "(\"SCMP_ACT_KILL_ALL\", \"CAP_FOO\", a hook \"prestop\") cannot appear in a valid "
         "config, so the runtime claims to recognize something no config can ask for: often "
         "a misspelling. Mount options are not checked: runtimes rightly recognize options "
         "outside the spec's table (acl, noacl).",
     .example_flags = "--kind features",
     .example_fires =
         R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "linux": {"seccomp": {"actions": ["SCMP_ACT_ALLOW", "SCMP_ACT_KILL_ALL"]}}})",
     .example_silent =
         R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "linux": {"seccomp": {"actions": ["SCMP_ACT_ALLOW", "SCMP_ACT_KILL_PROCESS"]}}})"},
    {.slug = "features-flag-supported-not-known",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "features-linux.md#seccomp",
     .summary = "a seccomp flag in supportedFlags but not in knownFlags",
     .explanation =
         "supportedFlags lists the seccomp flags the runtime recognizes and can use with this "
         "kernel and libseccomp, and so may be a subset of knownFlags, the flags it "
         "recognizes at all. A supported flag that is not known contradicts that. The rule "
         "applies when both lists are given.",
     .spec_text = "features-linux.md, Seccomp: \"supportedFlags [...] This list may be a subset "
                  "of knownFlags due to some flags not supported by the current kernel and/or "
                  "libseccomp.\"",
     .example_flags = "--kind features",
     .example_fires =
         R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "linux": {"seccomp": {"knownFlags": ["SECCOMP_FILTER_FLAG_LOG"], "supportedFlags": ["SECCOMP_FILTER_FLAG_TSYNC"]}}})",
     .example_silent =
         R"({"ociVersionMin": "1.0.0", "ociVersionMax": "1.3.0", "linux": {"seccomp": {"knownFlags": ["SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_TSYNC"], "supportedFlags": ["SECCOMP_FILTER_FLAG_TSYNC"]}}})"},
};

/// The members each object of the Features structure may have ("" is the top level).
struct KnownMembers {
  std::string_view object;
  std::vector<std::string_view> members;
};

const std::vector<KnownMembers>& Known() {
  static const auto* known = new std::vector<KnownMembers>{
      {"",
       {"ociVersionMin", "ociVersionMax", "hooks", "mountOptions", "linux", "annotations",
        "potentiallyUnsafeConfigAnnotations"}},
      {"/linux",
       {"namespaces", "capabilities", "cgroup", "seccomp", "apparmor", "selinux", "intelRdt",
        "memoryPolicy", "mountExtensions", "netDevices"}},
      {"/linux/cgroup", {"v1", "v2", "systemd", "systemdUser", "rdma"}},
      {"/linux/seccomp",
       {"enabled", "actions", "operators", "archs", "knownFlags", "supportedFlags"}},
      {"/linux/apparmor", {"enabled"}},
      {"/linux/selinux", {"enabled"}},
      {"/linux/intelRdt", {"enabled", "schemata", "monitoring"}},
      {"/linux/memoryPolicy", {"modes", "flags"}},
      {"/linux/mountExtensions", {"idmap"}},
      {"/linux/mountExtensions/idmap", {"enabled"}},
      {"/linux/netDevices", {"enabled"}},
  };
  return *known;
}

/// The values of an enum of the embedded config schema (defs-linux.json#/definitions/NAME).
std::vector<std::string_view> SchemaEnum(std::string_view definition) {
  std::vector<std::string_view> values;
  for (const schema::EmbeddedFile& file : schema::EmbeddedSchemaFiles()) {
    if (file.name != "defs-linux.json") continue;
    Document doc(file.text, file.nodes, file.elements, file.members, file.root);
    NodeId definitions = doc.FindOfType(doc.root(), "definitions", Type::kObject);
    NodeId def = doc.FindOfType(definitions, definition, Type::kObject);
    NodeId list = doc.FindOfType(def, "enum", Type::kArray);
    if (list == json::kNoNode) break;
    const json::Node& array = doc.node(list);
    for (uint32_t i = 0; i < array.count; ++i) {
      const json::Node& value = doc.node(doc.element(array, i));
      if (value.type == Type::kString) values.push_back(value.text);
    }
  }
  return values;
}

void CheckMembers(const RuleContext& context, NodeId object, const std::string& pointer) {
  const Document& doc = context.doc();
  const json::Node& node = doc.node(object);
  if (node.type != Type::kObject) return;
  const KnownMembers* known = nullptr;
  for (const KnownMembers& k : Known()) {
    if (k.object == pointer) known = &k;
  }
  if (!known) return;
  for (uint32_t i = 0; i < node.count; ++i) {
    const json::Member& member = doc.member(node, i);
    std::string child = pointer + "/" + json::EscapePointerToken(member.key);
    bool ok =
        std::find(known->members.begin(), known->members.end(), member.key) != known->members.end();
    if (!ok) {
      std::string where = pointer.empty() ? "the Features structure" : pointer.substr(1);
      std::replace(where.begin(), where.end(), '/', '.');
      context.Report(
          "features-property-unknown", member.value, child,
          json::Quote(member.key) + " is not a member of " + where + " in any runtime-spec release",
          "remove it, or move what it says into annotations");
      continue;
    }
    CheckMembers(context, member.value, child);
  }
}

/// Reports duplicates in the string list at `pointer`, and names outside `known` (unless empty).
void CheckList(const RuleContext& context, std::string_view pointer,
               const std::vector<std::string_view>& known, std::string_view what) {
  const Document& doc = context.doc();
  NodeId list = doc.Resolve(pointer);
  if (list == json::kNoNode || doc.node(list).type != Type::kArray) return;
  const json::Node& array = doc.node(list);
  std::vector<std::string_view> seen;
  for (uint32_t i = 0; i < array.count; ++i) {
    NodeId id = doc.element(array, i);
    if (doc.node(id).type != Type::kString) continue;
    std::string_view name = doc.node(id).text;
    std::string at = std::string(pointer) + "/" + std::to_string(i);
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      context.Report("features-list-duplicate", id, at,
                     json::Quote(name) + " is listed twice in " + std::string(pointer.substr(1)),
                     "list each name once");
      continue;
    }
    seen.push_back(name);
    if (!known.empty() && std::find(known.begin(), known.end(), name) == known.end()) {
      context.Report(
          "features-value-unknown", id, at,
          json::Quote(name) + " is not a " + std::string(what) + " the runtime-spec defines",
          "check the spelling against the spec's list");
    }
  }
}

void CheckVersions(const RuleContext& context) {
  const Document& doc = context.doc();
  std::optional<Semver> bounds[2];
  const char* names[2] = {"ociVersionMin", "ociVersionMax"};
  NodeId ids[2] = {json::kNoNode, json::kNoNode};
  for (int i = 0; i < 2; ++i) {
    ids[i] = doc.FindOfType(doc.root(), names[i], Type::kString);
    if (ids[i] == json::kNoNode) continue;
    bounds[i] = ParseSemver(doc.node(ids[i]).text);
    if (!bounds[i]) {
      context.Report("features-version-not-semver", ids[i], "/" + std::string(names[i]),
                     std::string(names[i]) + " " + json::Quote(doc.node(ids[i]).text) +
                         " is not a SemVer 2.0.0 version",
                     "write a full version such as \"1.3.0\"");
    }
  }
  if (bounds[0] && bounds[1] && CompareSemver(*bounds[1], *bounds[0]) < 0) {
    context.Report("features-version-range", ids[1], "/ociVersionMax",
                   "ociVersionMax " + json::Quote(doc.node(ids[1]).text) +
                       " is below ociVersionMin " + json::Quote(doc.node(ids[0]).text) +
                       ": the runtime would accept no version",
                   "swap the two bounds");
  }
}

void CheckSupportedFlags(const RuleContext& context) {
  const Document& doc = context.doc();
  NodeId known = doc.Resolve("/linux/seccomp/knownFlags");
  NodeId supported = doc.Resolve("/linux/seccomp/supportedFlags");
  if (known == json::kNoNode || supported == json::kNoNode ||
      doc.node(known).type != Type::kArray || doc.node(supported).type != Type::kArray)
    return;
  const json::Node& k = doc.node(known);
  const json::Node& s = doc.node(supported);
  for (uint32_t i = 0; i < s.count; ++i) {
    NodeId id = doc.element(s, i);
    if (doc.node(id).type != Type::kString) continue;
    bool listed = false;
    for (uint32_t j = 0; j < k.count && !listed; ++j) {
      const json::Node& flag = doc.node(doc.element(k, j));
      listed = flag.type == Type::kString && flag.text == doc.node(id).text;
    }
    if (!listed) {
      context.Report("features-flag-supported-not-known", id,
                     "/linux/seccomp/supportedFlags/" + std::to_string(i),
                     json::Quote(doc.node(id).text) + " is in supportedFlags but not in knownFlags",
                     "add it to knownFlags, or remove it from supportedFlags");
    }
  }
}

void Check(const RuleContext& context) {
  const Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != Type::kObject) return;
  CheckVersions(context);
  CheckMembers(context, doc.root(), "");
  static const std::vector<std::string_view> kHooks = {
      "prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"};
  CheckList(context, "/hooks", kHooks, "hook");
  CheckList(context, "/mountOptions", {}, "");
  CheckList(context, "/potentiallyUnsafeConfigAnnotations", {}, "");
  std::vector<std::string_view> capabilities;
  for (const caps::Capability& cap : caps::AllCapabilities()) capabilities.push_back(cap.name);
  CheckList(context, "/linux/capabilities", capabilities, "capability");
  CheckList(context, "/linux/namespaces", SchemaEnum("NamespaceType"), "namespace type");
  CheckList(context, "/linux/seccomp/actions", SchemaEnum("SeccompAction"), "seccomp action");
  CheckList(context, "/linux/seccomp/operators", SchemaEnum("SeccompOperator"), "seccomp operator");
  CheckList(context, "/linux/seccomp/archs", SchemaEnum("SeccompArch"), "seccomp architecture");
  CheckList(context, "/linux/seccomp/knownFlags", SchemaEnum("SeccompFlag"), "seccomp flag");
  CheckList(context, "/linux/seccomp/supportedFlags", SchemaEnum("SeccompFlag"), "seccomp flag");
  CheckList(context, "/linux/memoryPolicy/modes", SchemaEnum("MemoryPolicyMode"),
            "memory policy mode");
  CheckList(context, "/linux/memoryPolicy/flags", SchemaEnum("MemoryPolicyFlag"),
            "memory policy flag");
  CheckSupportedFlags(context);
}

}  // namespace

extern constinit const RuleFamily kFeaturesDocumentRules{"features", Check, kRules,
                                                         diag::DocumentKind::kFeatures};

}  // namespace ocilint::lint
