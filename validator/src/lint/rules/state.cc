// The state-*: runtime.md "State", on a container's state document (`runc state ID`, lint --kind
// state or a document with status and bundle).

#include <array>
#include <string>
#include <string_view>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;
using json::Document;
using json::NodeId;
using json::Type;

constexpr std::string_view kAnchor = "runtime.md#state";

constexpr diag::RuleInfo kRules[] = {
    {.slug = "state-status-unknown",
     .default_severity = Severity::kWarning,
     .level = Level::kMay,
     .spec_anchor = kAnchor,
     .summary = "a status other than creating, created, running or stopped",
     .explanation =
         "The spec defines four states. A runtime may define more, but only for states that "
         "are not one of those four, and callers that act on the status (wait until running, "
         "delete when stopped) know only the four: \"paused\" (runc's state of a frozen "
         "container) is such a runtime-defined state, while \"Running\" or \"exited\" are "
         "spellings of defined ones that callers will not recognize.",
     .spec_text = "runtime.md, State: \"status (string, REQUIRED) is the runtime state of the "
                  "container. The value MAY be one of: creating [...] created [...] running "
                  "[...] stopped [...] Additional values MAY be defined by the runtime, however, "
                  "they MUST be used to represent new runtime states not defined above.\"",
     .example_flags = "--kind state",
     .example_fires =
         R"({"ociVersion": "1.3.0", "id": "web", "status": "exited", "bundle": "/run/web"})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "id": "web", "status": "stopped", "bundle": "/run/web"})"},
    {.slug = "state-pid-missing",
     .default_severity = Severity::kWarning,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "no pid in the state of a created or running container",
     .explanation =
         "Once a container is created, and while it runs, its state has to give the ID of "
         "the container process on Linux, which callers use to signal it, join its namespaces "
         "or read its /proc entries. The pid is optional on other platforms, and a state "
         "document does not say its platform, so the rule is a warning.",
     .spec_text = "runtime.md, State: \"pid (int, REQUIRED when status is created or running "
                  "on Linux, OPTIONAL on other platforms) is the ID of the container process.\"",
     .example_flags = "--kind state",
     .example_fires =
         R"({"ociVersion": "1.3.0", "id": "web", "status": "running", "bundle": "/run/web"})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "id": "web", "status": "running", "pid": 4422, "bundle": "/run/web"})"},
    {.slug = "state-bundle-not-absolute",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a bundle that is not an absolute path",
     .explanation =
         "bundle tells callers where the container's config.json and root filesystem are. A "
         "relative path depends on the working directory of whoever reads the state, which "
         "is not the runtime's, so it cannot be followed.",
     .spec_text = "runtime.md, State: \"bundle (string, REQUIRED) is the absolute path to the "
                  "container's bundle directory.\"",
     .example_flags = "--kind state",
     .example_fires =
         R"({"ociVersion": "1.3.0", "id": "web", "status": "stopped", "bundle": "bundles/web"})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "id": "web", "status": "stopped", "bundle": "/run/web"})"},
};

constexpr std::array<std::string_view, 4> kStates = {"creating", "created", "running", "stopped"};

void Check(const RuleContext& context) {
  const Document& doc = context.doc();
  if (doc.empty() || doc.node(doc.root()).type != Type::kObject) return;
  NodeId status = doc.FindOfType(doc.root(), "status", Type::kString);
  if (status != json::kNoNode) {
    std::string_view text = doc.node(status).text;
    bool known = false;
    for (std::string_view state : kStates) known = known || text == state;
    if (!known) {
      std::string help = "callers know creating, created, running and stopped";
      for (std::string_view state : kStates) {
        bool same = text.size() == state.size();
        for (size_t i = 0; same && i < text.size(); ++i) same = (text[i] | 0x20) == state[i];
        if (same) help = "write " + json::Quote(state) + ", in lower case";
      }
      if (text == "exited" || text == "dead") help = "write \"stopped\"";
      context.Report("state-status-unknown", status, "/status",
                     "status " + json::Quote(text) + " is not one of the states the spec defines",
                     help);
    }
    bool needs_pid = text == "created" || text == "running";
    if (needs_pid && doc.Find(doc.node(doc.root()), "pid") == json::kNoNode) {
      context.Report("state-pid-missing", status, "/status",
                     "the state of a " + std::string(text) + " container has no pid",
                     "add the ID of the container process as seen by the runtime");
    }
  }
  NodeId bundle = doc.FindOfType(doc.root(), "bundle", Type::kString);
  if (bundle != json::kNoNode && !doc.node(bundle).text.starts_with('/')) {
    context.Report("state-bundle-not-absolute", bundle, "/bundle",
                   "bundle " + json::Quote(doc.node(bundle).text) + " is not an absolute path",
                   "give the absolute path of the bundle directory");
  }
}

}  // namespace

extern constinit const RuleFamily kStateDocumentRules{"state", Check, kRules,
                                                      diag::DocumentKind::kState};

}  // namespace ocilint::lint
