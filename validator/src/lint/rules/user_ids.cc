// The process-user-id-*: the values of process.user's uid, gid and additionalGids (config.md
// "POSIX-platform User"), judged the way setresuid(2), setresgid(2) and setgroups(2) and the
// runtimes judge them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lint/rules/rule_family.h"

namespace ocilint::lint {

namespace {

using diag::Level;
using diag::Severity;
using json::Document;
using json::kNoNode;
using json::NodeId;
using json::Type;

constexpr std::string_view kAnchor = "config.md#posix-platform-user";
constexpr uint64_t kNoId = 4294967295;           ///< (uid_t)-1
constexpr uint64_t kRuncLargestId = 2147483647;  ///< runc 1.1.5: "must be in range 0-2147483647"

constexpr diag::RuleInfo kRules[] = {
    {.slug = "process-user-id-invalid",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a uid, gid or additional gid of 4294967295, the kernel's \"no id\"",
     .explanation =
         "4294967295 is (uid_t)-1 and (gid_t)-1, the value the kernel reserves for \"no id\": "
         "setresuid(2) and setresgid(2) read it as \"leave this id unchanged\", and setgroups(2) "
         "refuses it with EINVAL. So a process.user.uid or gid of 4294967295 does not switch "
         "users at all: crun 1.8.1 runs the process as the runtime's own user, root (observed: "
         "`id` in such a container prints uid=0 gid=0), while runc 1.1.5 refuses the config "
         "(\"uids and gids must be in range 0-2147483647\"). In additionalGids both runtimes "
         "refuse it (crun: \"setgroups: Invalid argument\"). The spec says a runtime that cannot "
         "apply a property as written must fail; a config should name a real id, such as 65534 "
         "for nobody.",
     .spec_text = "config.md, POSIX-platform User: \"uid (int, REQUIRED) specifies the user ID "
                  "in the container namespace.\"; runtime.md, Create: \"If the runtime cannot "
                  "apply a property as specified in the configuration, it MUST generate an error "
                  "and a new container MUST NOT be created.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 4294967295, "gid": 4294967295}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 65534, "gid": 65534}}})"},
    {.slug = "process-user-id-above-int32",
     .default_severity = Severity::kWarning,
     .level = Level::kNone,
     .spec_anchor = kAnchor,
     .summary = "a uid, gid or additional gid above 2147483647, which runc refuses",
     .explanation =
         "Linux ids are 32-bit unsigned numbers, and every value up to 4294967294 is a valid id "
         "(some sites allocate ids above 2^31 to domain users). runc 1.1.5 accepts only ids up "
         "to 2147483647 and refuses the config at create (\"uids and gids must be in range "
         "0-2147483647\"); crun 1.8.1 and the kernel accept them. The spec types uid and gid as "
         "int without a range, so this is a portability warning, not an error: use crun, or an "
         "id below 2^31.",
     .spec_text = "config.md, POSIX-platform User: \"uid (int, REQUIRED) specifies the user ID "
                  "in the container namespace.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 3000000000, "gid": 3000000000}}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 1000, "gid": 1000, "additionalGids": [10, 100]}}})"},
    {.slug = "process-user-id-unmapped",
     .default_severity = Severity::kError,
     .level = Level::kMust,
     .spec_anchor = kAnchor,
     .summary = "a uid, gid or additional gid that the container's user namespace does not map",
     .explanation =
         "With a new user namespace (linux.namespaces has a user entry without a path) and "
         "linux.uidMappings or linux.gidMappings, the ids of process.user are ids inside that "
         "namespace, and only the ids the mappings cover exist there: setresuid(2), "
         "setresgid(2) and setgroups(2) refuse any other with EINVAL, so the runtime cannot "
         "start the process as written. The rule checks uid against the containerID ranges of "
         "uidMappings, and gid and every additional gid against those of gidMappings. It is "
         "silent when the namespace is joined by path or when a kind of mapping is absent (then "
         "the runtime or the joined namespace decides).",
     .spec_text = "config.md, POSIX-platform User: \"uid (int, REQUIRED) specifies the user ID "
                  "in the container namespace.\"; runtime.md, Create: \"If the runtime cannot "
                  "apply a property as specified in the configuration, it MUST generate an error "
                  "and a new container MUST NOT be created.\"",
     .example_flags = kNoTargetFlags,
     .example_fires =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 1000, "gid": 0}}, "linux": {"namespaces": [{"type": "user"}, {"type": "mount"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 1}], "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 1}]}})",
     .example_silent =
         R"({"ociVersion": "1.3.0", "root": {"path": "rootfs"}, "process": {"cwd": "/", "args": ["sh"], "user": {"uid": 1000, "gid": 0}}, "linux": {"namespaces": [{"type": "user"}, {"type": "mount"}], "uidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}], "gidMappings": [{"containerID": 0, "hostID": 100000, "size": 65536}]}})"},
};

/// A non-negative integer value that fits in int64; nullopt for anything else (the schema
/// reports what is not a uint32).
std::optional<uint64_t> IdOf(const Document& doc, NodeId id) {
  std::optional<long long> value = IntegerValue(doc, id);
  if (!value || *value < 0) return std::nullopt;
  return static_cast<uint64_t>(*value);
}

struct Range {
  uint64_t first;
  uint64_t size;
  bool Covers(uint64_t id) const { return id >= first && id - first < size; }
};

/// The containerID ranges of `linux.<key>`, or nullopt when it is absent or empty.
std::optional<std::vector<Range>> MappedRanges(const Document& doc, NodeId linux,
                                               std::string_view key) {
  if (linux == kNoNode) return std::nullopt;
  NodeId list = doc.FindOfType(linux, key, Type::kArray);
  if (list == kNoNode || doc.node(list).count == 0) return std::nullopt;
  std::vector<Range> ranges;
  for (uint32_t i = 0; i < doc.node(list).count; ++i) {
    NodeId entry = doc.element(doc.node(list), i);
    if (doc.node(entry).type != Type::kObject) return std::nullopt;
    std::optional<uint64_t> first = IdOf(doc, doc.Find(doc.node(entry), "containerID"));
    std::optional<uint64_t> size = IdOf(doc, doc.Find(doc.node(entry), "size"));
    if (!first || !size) return std::nullopt;  // the schema reports it; judge nothing
    ranges.push_back({*first, *size});
  }
  return ranges;
}

/// True when linux.namespaces creates a new user namespace (a user entry without a path).
bool NewUserNamespace(const Document& doc, NodeId linux) {
  if (linux == kNoNode) return false;
  NodeId list = doc.FindOfType(linux, "namespaces", Type::kArray);
  if (list == kNoNode) return false;
  for (uint32_t i = 0; i < doc.node(list).count; ++i) {
    NodeId entry = doc.element(doc.node(list), i);
    if (doc.node(entry).type != Type::kObject) continue;
    NodeId type = doc.Find(doc.node(entry), "type");
    if (type == kNoNode || doc.node(type).type != Type::kString || doc.node(type).text != "user") {
      continue;
    }
    return doc.Find(doc.node(entry), "path") == kNoNode;
  }
  return false;
}

struct IdValue {
  NodeId node;
  std::string pointer;
  std::string_view what;  ///< "uid", "gid" or "additional gid"
  uint64_t value;
};

void CheckUserIds(const RuleContext& context) {
  const Document& doc = context.doc();
  if (doc.root() == kNoNode || doc.node(doc.root()).type != Type::kObject) return;
  const json::Node* process = ObjectMember(doc, doc.node(doc.root()), "process");
  if (!process) return;
  const json::Node* user = ObjectMember(doc, *process, "user");
  if (!user) return;

  std::vector<IdValue> ids;
  for (std::string_view key : {"uid", "gid"}) {
    NodeId node = doc.Find(*user, key);
    if (std::optional<uint64_t> value = IdOf(doc, node)) {
      ids.push_back({node, "/process/user/" + std::string(key), key, *value});
    }
  }
  NodeId extra = doc.Find(*user, "additionalGids");
  if (extra != kNoNode && doc.node(extra).type == Type::kArray) {
    for (uint32_t i = 0; i < doc.node(extra).count; ++i) {
      NodeId node = doc.element(doc.node(extra), i);
      if (std::optional<uint64_t> value = IdOf(doc, node)) {
        ids.push_back(
            {node, "/process/user/additionalGids/" + std::to_string(i), "additional gid", *value});
      }
    }
  }

  NodeId linux = doc.Find(doc.node(doc.root()), "linux");
  if (linux != kNoNode && doc.node(linux).type != Type::kObject) linux = kNoNode;
  bool new_userns = NewUserNamespace(doc, linux);
  std::optional<std::vector<Range>> uid_ranges, gid_ranges;
  if (new_userns) {
    uid_ranges = MappedRanges(doc, linux, "uidMappings");
    gid_ranges = MappedRanges(doc, linux, "gidMappings");
  }

  for (const IdValue& id : ids) {
    std::string shown = std::string(id.what) + " " + std::to_string(id.value);
    if (id.value == kNoId) {
      std::string consequence =
          id.what == "additional gid"
              ? "setgroups(2) refuses it (EINVAL): runc and crun fail"
              : "set*id(2) reads it as \"unchanged\": crun runs the process as the runtime's "
                "own user (root), runc refuses the config";
      context.Report("process-user-id-invalid", id.node, id.pointer,
                     shown + " is (" + std::string(id.what == "uid" ? "uid_t" : "gid_t") +
                         ")-1, the kernel's \"no id\": " + consequence,
                     "use a real id, such as 65534 for nobody");
      continue;
    }
    if (id.value > kNoId) continue;  // the schema's uint32 bound reports it
    if (id.value > kRuncLargestId) {
      context.Report("process-user-id-above-int32", id.node, id.pointer,
                     shown +
                         " is above 2147483647: runc refuses it (\"uids and gids must be in range "
                         "0-2147483647\"); crun and the kernel accept it",
                     "use an id below 2^31 if the config must run on runc");
    }
    const std::optional<std::vector<Range>>& ranges = id.what == "uid" ? uid_ranges : gid_ranges;
    if (!ranges) continue;
    bool mapped = false;
    for (const Range& range : *ranges) mapped |= range.Covers(id.value);
    if (mapped) continue;
    std::string_view mappings = id.what == "uid" ? "uidMappings" : "gidMappings";
    context.Report("process-user-id-unmapped", id.node, id.pointer,
                   shown + " is not mapped by linux." + std::string(mappings) +
                       " in the container's new user namespace: the kernel refuses to switch to "
                       "it (EINVAL) and the runtime fails",
                   "add a " + std::string(mappings) + " entry whose containerID range covers " +
                       std::to_string(id.value) + ", or use a mapped id");
  }
}

}  // namespace

extern constinit const RuleFamily kUserIdRules{"process-user", CheckUserIds, kRules};

}  // namespace ocilint::lint
