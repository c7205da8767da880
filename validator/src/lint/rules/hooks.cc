// The hook-*: config.md "POSIX-platform Hooks".

#include <array>
#include <string>
#include <string_view>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

constexpr std::string_view kAnchor = "config.md#posix-platform-hooks";

using diag::Level;
using diag::Severity;

constexpr diag::RuleInfo kRules[] = {
    {.slug = "hook-path-not-absolute",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a hook path that is not absolute",
     .explanation =
         "Every hook of the six lists (prestart, createRuntime, createContainer, startContainer, "
         "poststart, poststop) names the program to run in `path`, and the spec departs from "
         "execv(3) there: the path has to be absolute, no search of PATH and no resolution "
         "against a working directory. This rule checks all six lists (runtime-tools checks only "
         "three). runc 1.1.5 and crun 1.8.1 both start such a config: they hand the relative path "
         "to exec, so whether the hook runs depends on the runtime's own working directory, "
         "which differs between a shell, containerd and a systemd unit, and a hook that ran in a "
         "test can silently fail elsewhere.",
     .spec_text =
         "config.md, POSIX-platform Hooks: \"This specification extends the IEEE standard in "
         "that **`path`** MUST be absolute.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hooks": {"poststop": [{"path": "bin/cleanup"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hooks": {"poststop": [{"path": "/usr/bin/cleanup"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "hook-prestart-deprecated",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = "config.md#prestart",
     .summary = "prestart hooks, deprecated in favour of createRuntime and its siblings",
     .explanation =
         "The config has a non-empty hooks.prestart list. The prestart hooks are deprecated: the "
         "spec keeps them for old tools and asks for createRuntime (runtime namespace, during "
         "create), createContainer (container namespace, before pivot_root) or startContainer "
         "(container namespace, before the user process) instead, which say precisely when and "
         "where the hook runs. runc and crun still run prestart hooks, right before the "
         "createRuntime hooks, so moving a hook to createRuntime keeps its timing. A config "
         "declaring 1.0.0 or 1.0.1 is not reported: those releases have only prestart, and "
         "deprecated it in 1.0.2 together with adding the other three.",
     .spec_text = "config.md, Prestart: \"Note: `prestart` hooks were deprecated in favor of "
                  "`createRuntime`, `createContainer` and `startContainer` hooks, which allow more "
                  "granular hook control during the create and start phase.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hooks": {"prestart": [{"path": "/usr/bin/netsetup"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hooks": {"createRuntime": [{"path": "/usr/bin/netsetup"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
    {.slug = "hook-unknown-type",
     .default_severity = Severity::kWarning,
     .level = Level::kMay,
     .spec_anchor = kAnchor,
     .summary = "a member of hooks that is not one of the six hook lists",
     .explanation =
         "The hooks object may hold the six lists prestart, createRuntime, createContainer, "
         "startContainer, poststart and poststop. Any other member is an unknown property, which "
         "runtimes ignore, so a misspelt list (preStart, createruntime, post-stop) means that "
         "its hooks never run, without an error from runc or crun. The help names the list the "
         "member most likely meant.",
     .spec_text =
         "config.md, POSIX-platform Hooks: \"**`hooks`** (object, OPTIONAL) MAY contain any of "
         "the following properties:\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hooks": {"preStart": [{"path": "/usr/bin/netsetup"}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "hooks": {"createRuntime": [{"path": "/usr/bin/netsetup"}]})"
         R"(, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}})"},
};

constexpr std::array<std::string_view, 6> kHookLists = {
    "prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"};

/// The hook list `key` is most likely a misspelling of: same letters ignoring case and '-'/'_'.
std::string_view Intended(std::string_view key) {
  std::string folded;
  for (char c : key) {
    if (c == '-' || c == '_' || c == ' ') continue;
    folded.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
  }
  for (std::string_view list : kHookLists) {
    std::string lower;
    for (char c : list)
      lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    if (lower == folded) return list;
  }
  return {};
}

/// True when the config's ociVersion is a release before 1.0.2, which added createRuntime,
/// createContainer and startContainer and deprecated prestart.
bool DeclaresBeforePrestartDeprecation(const RuleContext& context) {
  const std::optional<DeclaredVersion>& declared = context.declared_version();
  return declared && declared->members_up_to < SpecRelease{1, 0, 2};
}

void CheckHookList(const RuleContext& context, std::string_view list, json::NodeId array_id) {
  const json::Document& doc = context.doc();
  const json::Node& array = doc.node(array_id);
  if (array.type != json::Type::kArray) return;
  if (list == "prestart" && array.count > 0 && !DeclaresBeforePrestartDeprecation(context)) {
    context.Report("hook-prestart-deprecated", array_id, "/hooks/prestart",
                   "hooks.prestart is deprecated",
                   "move these hooks to createRuntime (same namespace and timing), or to "
                   "createContainer / startContainer when they must run in the container");
  }
  for (uint32_t i = 0; i < array.count; ++i) {
    const json::Node& hook = doc.node(doc.element(array, i));
    if (hook.type != json::Type::kObject) continue;
    json::NodeId path = doc.Find(hook, "path");
    if (path == json::kNoNode || doc.node(path).type != json::Type::kString) continue;
    std::string_view text = doc.node(path).text;
    if (text.starts_with('/')) continue;
    if (context.Full("hook-path-not-absolute")) {
      context.Report("hook-path-not-absolute", path, {}, {});
      continue;
    }
    std::string pointer = "/hooks/" + std::string(list) + "/" + std::to_string(i) + "/path";
    context.Report("hook-path-not-absolute", path, pointer,
                   "hooks." + std::string(list) + "[" + std::to_string(i) + "].path " +
                       json::Quote(text) + " is not absolute",
                   "give the absolute path of the program, e.g. " +
                       json::Quote("/usr/bin/" + std::string(text.substr(text.rfind('/') + 1))));
  }
}

void Check(const RuleContext& context) {
  const json::Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return;
  json::NodeId hooks_id = doc.Find(doc.node(doc.root()), "hooks");
  if (hooks_id == json::kNoNode || doc.node(hooks_id).type != json::Type::kObject) return;
  const json::Node& hooks = doc.node(hooks_id);
  for (uint32_t m = 0; m < hooks.count; ++m) {
    const json::Member& member = doc.member(hooks, m);
    bool known = false;
    for (std::string_view list : kHookLists) known = known || member.key == list;
    if (known) {
      CheckHookList(context, member.key, member.value);
      continue;
    }
    std::string_view intended = Intended(member.key);
    std::string help = intended.empty()
                           ? "the hook lists are prestart, createRuntime, createContainer, "
                             "startContainer, poststart and poststop"
                           : "did you mean " + json::Quote(intended) + "?";
    context.Report("hook-unknown-type", member.value,
                   "/hooks/" + json::EscapePointerToken(member.key),
                   "hooks member " + json::Quote(member.key) +
                       " is not a hook list: runtimes ignore it, so its hooks never run",
                   help);
  }
}

}  // namespace

extern constinit const RuleFamily kHookRules{"hooks", Check, kRules};

}  // namespace ocilint::lint
