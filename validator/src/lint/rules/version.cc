// The version-*: config.md "Specification version", "Extensibility", "Valid values", judged with
// the table of what each release added, removed and deprecated (version_table.cc).

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/rule_family.h"
#include "lint/rules/version_table.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;
using json::Document;
using json::NodeId;
using json::Type;

constexpr std::string_view kAnchor = "config.md#specification-version";
constexpr std::string_view kVersionSentence =
    "config.md, Specification version: \"ociVersion (string, REQUIRED) MUST be in SemVer v2.0.0 "
    "format and specifies the version of the Open Container Initiative Runtime Specification "
    "with which the bundle complies.\"";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "version-member-too-new",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a member or value that a release newer than the declared ociVersion added",
     .explanation =
         "ociVersion says which release of the spec the config complies with, and a runtime "
         "that implements that release knows only that release's members and values. A member "
         "added later (domainname in 1.1.0, linux.netDevices in 1.3.0) is an unknown property "
         "to it, which the spec tells it to ignore, so the setting silently does nothing; a "
         "value added later (the namespace type \"time\", the seccomp action "
         "SCMP_ACT_KILL_PROCESS) is an unsupported value, which it has to refuse. The rule "
         "names the release that added the member and what a runtime of the declared version "
         "does with it. Declare the release the config is written for, or drop the member. A "
         "pre-release is judged as the release it precedes, a version between releases as the "
         "release before it, and one of the spec's development versions (\"1.0.2-dev\", "
         "\"1.1.0+dev\") may use the members of the release after it (version-prerelease). Members "
         "of a member that is itself too new are not listed "
         "again. The table behind the rule (docs/spec-versions.md) comes from each release's "
         "text and ChangeLog, not only its schema: intelRdt is in the 1.0.0 text though the "
         "upstream schema got it in 1.0.1.",
     .spec_text = kVersionSentence,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.0.2", "domainname": "example.org", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.1.0", "domainname": "example.org", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "version-member-removed",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a member that the declared release, or an earlier one, removed from the spec",
     .explanation =
         "Some members left the spec: linux.intelRdt.enableCMT and enableMBM were replaced by "
         "enableMonitoring in 1.3.0, and z/OS devices were dropped in 1.2.1. A runtime that "
         "implements the declared release does not know the member and ignores it, so the "
         "setting does nothing. The rule also catches the blockIO names "
         "throttleReadIopsDevice and throttleWriteIopsDevice, which only the upstream schema "
         "of 1.0.0 had (a misspelling fixed in 1.0.1): the text of every release and every "
         "runtime read throttleReadIOPSDevice and throttleWriteIOPSDevice, so those limits "
         "never applied, whatever the declared version. A config declaring a release from "
         "before the removal is not reported.",
     .spec_text = kVersionSentence,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"intelRdt": {"enableCMT": true}}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "linux": {"intelRdt": {"enableMonitoring": true}}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "version-member-deprecated",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a member or value that the declared release marks deprecated",
     .explanation =
         "The spec keeps some members and values only for old configs and marks them "
         "deprecated. The rule reports the ones no other rule covers, such as the mount option "
         "\"mand\", which the 1.1.0 table of Linux mount options marks deprecated (Linux 5.15 "
         "removed mandatory locking, so the option does nothing). hooks.prestart, "
         "memory.kernel and memory.kernelTCP, and relative mount destinations have rules of "
         "their own (hook-prestart-deprecated, resource-memory-kernel-limit, "
         "mount-destination-relative) with advice for each; docs/spec-versions.md lists them "
         "all. A config declaring a release from before the deprecation is not reported.",
     .spec_text = "config.md, Linux mount options: \"`mand` | MAY | (Deprecated in kernel "
                  "5.15, util-linux 2.38)\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "/data", "type": "tmpfs", "source": "tmpfs", "options": ["mand"]}], "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "mounts": [{"destination": "/data", "type": "tmpfs", "source": "tmpfs", "options": ["nosuid"]}], "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "version-unknown",
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "an ociVersion that is not a runtime-spec release oci-lint knows",
     .explanation =
         "oci-lint knows the releases 1.0.0, 1.0.1, 1.0.2, 1.1.0, 1.2.0, 1.2.1 and 1.3.0. A "
         "config declaring a later version is judged as 1.3.0: members and values a later "
         "release added are reported as unknown or not checked at all. A version between "
         "releases (\"1.0.3\") is judged as the release before it, and one older than 1.0.0 "
         "as 1.0.0. A pre-release such as \"1.4.0-rc.1\" counts by its numbers. Runtimes do "
         "not agree on such versions either: runc 1.1.5 runs a config declaring \"2.1.0\", "
         "and crun 1.8.1 runs any version that contains \"1.0\" and refuses the others, 1.3.0 "
         "included.",
     .spec_text = kVersionSentence,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.4.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "version-prerelease",
     .default_severity = Severity::kNote,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "an ociVersion that is a pre-release (-rc.1) or development version (-dev)",
     .explanation =
         "A pre-release version such as \"1.1.0-rc.1\" comes before the release it names, "
         "and oci-lint judges the config as that release. The spec's own development versions "
         "are the exception: until 1.1.0 they carried -dev after the release they followed "
         "(specs-go said \"1.0.2-dev\" from 1.0.2 until 1.1.0-rc.1, and runc spec 1.1 still "
         "writes it), and since 1.1.0 they carry +dev (\"1.1.0+dev\"), which gets no note. "
         "Tools built on such a version may write members of the next release (podman and "
         "containerd configs declaring \"1.0.2-dev\" carry seccomp errnoRet, added in "
         "1.1.0), so for a development version members and values up to the next release are "
         "accepted, and removals and deprecations are judged as of the release it follows. "
         "Either way a config meant for a release is clearer when it declares the release.",
     .spec_text = kVersionSentence,
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.1.0-rc.1", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})",
     .example_silent =
         R"({"ociVersion": "1.1.0+dev", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

/// "/mounts/2/options/0" as "mounts[2].options[0]", for messages.
std::string Dotted(std::string_view pointer, const std::vector<bool>& indices) {
  std::string out;
  size_t token = 0;
  for (size_t start = 1; start <= pointer.size(); ++token) {
    size_t slash = pointer.find('/', start);
    if (slash == std::string_view::npos) slash = pointer.size();
    std::string_view part = pointer.substr(start, slash - start);
    if (token < indices.size() && indices[token]) {
      out += "[" + std::string(part) + "]";
    } else if (part.find('.') != std::string_view::npos) {
      out += "[\"" + std::string(part) + "\"]";
    } else {
      if (!out.empty()) out += '.';
      out += part;
    }
    start = slash + 1;
  }
  return out;
}

/// A node that an entry's path matched: the value, its pointer, and which tokens are indices.
struct Match {
  const VersionedItem* item;
  NodeId node;
  std::string pointer;
  std::vector<bool> indices;
};

/// One step of the walk down an entry's path: an array index or an object key.
struct Step {
  std::string_view key;
  uint32_t index = 0;
  bool is_index = false;
};

/// Finds the nodes at `rest` (the path the `items` share) below `at` that one of them names:
/// any node for a member entry, a string equal to its value for a value entry. Pointers are
/// built only for the nodes found.
void Collect(const Document& doc, NodeId at, std::string_view rest,
             std::span<const VersionedItem* const> items, std::vector<Step>& steps,
             std::vector<Match>* out) {
  if (rest.empty()) {
    const json::Node& node = doc.node(at);
    const VersionedItem* found = nullptr;
    for (const VersionedItem* item : items) {
      if (item->value.empty() || (node.type == Type::kString && node.text == item->value)) {
        found = item;
        break;
      }
    }
    if (!found) return;
    Match& match = out->emplace_back(Match{found, at, {}, {}});
    for (const Step& step : steps) {
      match.pointer += '/';
      match.pointer +=
          step.is_index ? std::to_string(step.index) : json::EscapePointerToken(step.key);
      match.indices.push_back(step.is_index);
    }
    return;
  }
  size_t slash = rest.find('/', 1);
  std::string_view token = rest.substr(1, slash == std::string_view::npos ? slash : slash - 1);
  std::string_view after =
      slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  const json::Node& node = doc.node(at);
  auto descend = [&](NodeId child, Step step) {
    steps.push_back(step);
    Collect(doc, child, after, items, steps, out);
    steps.pop_back();
  };
  if (token == "[]") {
    if (node.type != Type::kArray) return;
    for (uint32_t i = 0; i < node.count; ++i) descend(doc.element(node, i), Step{{}, i, true});
  } else if (token == "*") {
    if (node.type != Type::kObject) return;
    for (uint32_t i = 0; i < node.count; ++i) {
      const json::Member& member = doc.member(node, i);
      descend(member.value, Step{member.key, 0, false});
    }
  } else if (node.type == Type::kObject) {
    NodeId child = doc.Find(node, token);
    if (child != json::kNoNode) descend(child, Step{token, 0, false});
  }
}

std::string Display(const VersionedItem& item, const Match& match, const Document& doc) {
  std::string where = Dotted(match.pointer, match.indices);
  if (item.value.empty()) return where;
  return where + " " + json::Quote(doc.node(match.node).text);
}

void CheckDeclaredVersion(const RuleContext& context, NodeId version_id,
                          const DeclaredVersion& declared) {
  std::string_view text = context.doc().node(version_id).text;
  std::string judged = declared.judged_as.ToString();
  std::string newest = KnownSpecReleases().back().ToString();
  if (declared.newer_than_known) {
    context.Report("version-unknown", version_id, "/ociVersion",
                   "ociVersion " + json::Quote(text) + " is newer than runtime-spec " + newest +
                       ", the newest release oci-lint knows: the config is judged as " + newest,
                   "members and values added after " + newest + " are not checked");
  } else if (declared.older_than_known) {
    context.Report("version-unknown", version_id, "/ociVersion",
                   "ociVersion " + json::Quote(text) + " is older than runtime-spec " + judged +
                       ", the oldest release oci-lint knows: the config is judged as " + judged,
                   "declare the release the config is written for, e.g. \"" + newest + "\"");
  } else if (!declared.known_release) {
    context.Report("version-unknown", version_id, "/ociVersion",
                   "ociVersion " + json::Quote(text) +
                       " is not a runtime-spec release: the config is judged as " + judged +
                       ", the release before it",
                   "declare a release, e.g. \"" + judged + "\"");
  } else if (declared.development_after && !declared.semver.prerelease.empty()) {
    std::string next = declared.members_up_to.ToString();
    context.Report("version-prerelease", version_id, "/ociVersion",
                   "ociVersion " + json::Quote(text) + " is a development version between " +
                       judged + " and " + next + ": members and values up to " + next +
                       " are accepted, and removals and deprecations judged as of " + judged,
                   "declare the release the config is written for, e.g. \"" + next + "\"");
  } else if (!declared.semver.prerelease.empty()) {
    context.Report("version-prerelease", version_id, "/ociVersion",
                   "ociVersion " + json::Quote(text) + " is a pre-release of " + judged +
                       ": the config is judged as " + judged,
                   "declare the release itself, \"" + judged + "\"");
  }
}

/// Which entries of the table apply to a config: those newer than the members it may use, and
/// those removed or deprecated as of the release it is judged as.
struct ReleaseJudgement {
  SpecRelease judged;
  SpecRelease members_up_to;

  bool TooNew(const VersionedItem& item) const {
    return item.added != SpecRelease{} && members_up_to < item.added;
  }
  bool Removed(const VersionedItem& item) const {
    return !item.misspelling_of.empty() ||
           (item.removed != SpecRelease{} && item.removed <= judged);
  }
  bool Deprecated(const VersionedItem& item) const {
    return item.deprecated != SpecRelease{} && item.deprecated <= judged &&
           item.reported_by.empty();
  }
  bool Applies(const VersionedItem& item) const {
    return !item.informational && (TooNew(item) || Removed(item) || Deprecated(item));
  }
  bool operator==(const ReleaseJudgement&) const = default;
};

/// The entries of one path that apply, in table order.
using ItemGroup = std::vector<const VersionedItem*>;

/// The table's entries that apply under `judgement`, grouped by path. Batches mostly declare
/// one version: each thread keeps the groups of the last judgement it saw.
const std::vector<ItemGroup>& ApplicableGroups(const ReleaseJudgement& judgement) {
  thread_local std::optional<ReleaseJudgement> cached_for;
  thread_local std::vector<ItemGroup> groups;
  if (cached_for == judgement) return groups;
  groups.clear();
  std::span<const VersionedItem> items = VersionedItems();
  for (size_t first = 0, end = 0; first < items.size(); first = end) {
    ItemGroup group;
    for (end = first; end < items.size() && items[end].path == items[first].path; ++end) {
      if (judgement.Applies(items[end])) group.push_back(&items[end]);
    }
    if (!group.empty()) groups.push_back(std::move(group));
  }
  cached_for = judgement;
  return groups;
}

void Check(const RuleContext& context) {
  const Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != Type::kObject) return;
  NodeId version_id = doc.FindOfType(doc.root(), "ociVersion", Type::kString);
  if (version_id == json::kNoNode) return;
  const std::optional<DeclaredVersion>& declared = context.declared_version();
  if (!declared) return;
  CheckDeclaredVersion(context, version_id, *declared);

  const SpecRelease judged = declared->judged_as;
  const std::string declared_text = json::Quote(doc.node(version_id).text);
  const std::string judged_text = judged.ToString();
  std::vector<std::string> reported;  ///< pointers of too-new members: their subtrees are done
  std::vector<Match> matches;
  std::vector<Step> steps;
  const ReleaseJudgement judgement{judged, declared->members_up_to};
  for (const ItemGroup& group : ApplicableGroups(judgement)) {
    matches.clear();
    Collect(doc, doc.root(), group.front()->path, group, steps, &matches);
    for (const Match& match : matches) {
      const VersionedItem& item = *match.item;
      bool inside = false;
      for (const std::string& done : reported)
        inside = inside || (match.pointer.starts_with(done) && match.pointer.size() > done.size() &&
                            match.pointer[done.size()] == '/');
      if (inside) continue;
      std::string what = Display(item, match, doc);
      std::string note = item.note.empty() ? "" : "; " + std::string(item.note);
      if (judgement.TooNew(item)) {
        std::string effect = !item.effect.empty() ? std::string(item.effect) + note
                             : item.value.empty()
                                 ? "does not know the member and ignores it" + note
                                 : "does not know the value and has to refuse the config" + note;
        std::string added = item.added.ToString();
        context.Report("version-member-too-new", match.node, match.pointer,
                       what + " was added in runtime-spec " + added +
                           ", after the declared ociVersion " + declared_text +
                           ": a runtime that implements " + judged_text + " " + effect,
                       "declare ociVersion \"" + added +
                           "\" or later if the config is meant "
                           "for such runtimes, or remove it");
        if (item.value.empty()) reported.push_back(match.pointer);
      } else if (!item.misspelling_of.empty()) {
        context.Report("version-member-removed", match.node, match.pointer,
                       what +
                           " is a misspelling that only the upstream schema of runtime-spec "
                           "1.0.0 had: the spec text and runtimes read " +
                           std::string(item.misspelling_of) + ", so no runtime applies it",
                       "rename it to " + std::string(item.misspelling_of));
      } else if (judgement.Removed(item)) {
        context.Report("version-member-removed", match.node, match.pointer,
                       what + " was removed in runtime-spec " + item.removed.ToString() +
                           " (the config declares " + declared_text +
                           "): a runtime that implements " + judged_text +
                           " does not know it and ignores it",
                       item.note.empty() ? "remove it" : std::string(item.note));
      } else {
        context.Report("version-member-deprecated", match.node, match.pointer,
                       what + " is deprecated since runtime-spec " + item.deprecated.ToString() +
                           " (the config declares " + declared_text + ")",
                       item.note.empty() ? "remove it" : std::string(item.note));
      }
    }
  }
}

}  // namespace

extern constinit const RuleFamily kVersionRules{"version", Check, kRules};

}  // namespace ocilint::lint
