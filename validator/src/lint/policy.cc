#include "lint/policy.h"

#include <fnmatch.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <sstream>
#include <unordered_map>

#include "json/document.h"
#include "lint/rules/catalogue.h"
#include "lint/rules/input_rules.h"

// toml++ 3.3.0 asserts that a table header's first character starts a key ("[;]") before it
// checks and reports it as a parse error: that assertion aborts a build without NDEBUG, and a
// clang release build assumes it (undefined behaviour). GCC release builds compile it to nothing
// and report the error; so does every build with this.
#include <toml++/impl/preprocessor.h>
#undef TOML_ASSERT_ASSUME
#define TOML_ASSERT_ASSUME(expr) static_cast<void>(0)
#include <toml++/toml.h>

namespace ocilint::lint {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kConfigName = ".oci-lint.toml";

Error At(const std::string& path, const toml::source_region& where, const std::string& what) {
  return Error{path + ":" + std::to_string(where.begin.line) + ": " + what, EINVAL};
}

std::optional<diag::Severity> SeverityOrOff(std::string_view name) {
  return diag::ParseSeverity(name);
}

}  // namespace

Result<std::string> CheckRuleName(const std::string& rule, const std::string& where) {
  if (FindRule(rule)) return rule;
  return Error{where + ": unknown rule \"" + rule + "\" (see `oci-lint rules`)", EINVAL};
}

Result<std::pair<std::string, diag::Severity>> ParseSeverityFlag(const std::string& value) {
  size_t equals = value.find('=');
  if (equals == std::string::npos) {
    return Error{"--severity " + value + ": expected RULE=LEVEL (error, warning or note)", EINVAL};
  }
  std::string rule = value.substr(0, equals);
  Result<std::string> known = CheckRuleName(rule, "--severity");
  if (!known) return known.error();
  std::optional<diag::Severity> level = SeverityOrOff(value.substr(equals + 1));
  if (!level) {
    return Error{"--severity " + value + ": the level must be error, warning or note", EINVAL};
  }
  return std::make_pair(rule, *level);
}

std::optional<std::string> FindConfigFile(const std::string& start_dir) {
  std::error_code ec;
  fs::path dir = fs::absolute(start_dir.empty() ? "." : start_dir, ec);
  for (; !ec && !dir.empty(); dir = dir.parent_path()) {
    std::error_code missing;
    if (fs::is_regular_file(dir / kConfigName, missing)) return (dir / kConfigName).string();
    if (dir == dir.parent_path()) break;
  }
  std::error_code missing;
  if (fs::is_regular_file(fs::path(kConfigName), missing)) return std::string(kConfigName);
  return std::nullopt;
}

Result<Policy> LoadPolicy(const std::string& path) {
  Policy policy;
  policy.source = path;
  std::error_code ec;
  policy.base_dir = fs::absolute(path, ec).parent_path().string();
  if (access(path.c_str(), R_OK) != 0) return SystemError("cannot read " + path);
  toml::table table;
  try {
    table = toml::parse_file(path);
  } catch (const toml::parse_error& error) {
    return At(path, error.source(), std::string(error.description()));
  }
  auto string_of = [&](const toml::node& node, const std::string& key) -> Result<std::string> {
    if (const auto* s = node.as_string()) return s->get();
    return At(path, node.source(), key + " must be a string");
  };
  for (const auto& [key, node] : table) {
    std::string name(key.str());
    if (name == "fail-on") {
      Result<std::string> v = string_of(node, name);
      if (!v) return v.error();
      if (v.value() != "error" && v.value() != "warning" && v.value() != "never") {
        return At(path, node.source(), "fail-on must be \"error\", \"warning\" or \"never\"");
      }
      policy.fail_on = v.value();
    } else if (name == "target") {
      const toml::table* target = node.as_table();
      if (!target) return At(path, node.source(), "[target] must be a table");
      for (const auto& [target_key, value] : *target) {
        std::string field(target_key.str());
        Result<std::string> v = string_of(value, "target." + field);
        if (!v) return v.error();
        fs::path relative = fs::path(policy.base_dir) / v.value();
        if (field == "kernel") {
          policy.kernel = v.value();
        } else if (field == "environment") {
          bool keyword = v.value() == "host" || v.value() == "none";
          policy.environment = keyword ? v.value() : relative.string();
        } else if (field == "runtime-features") {
          policy.runtime_features = relative.string();
        } else {
          return At(path, value.source(),
                    "unknown key target." + field +
                        " (expected kernel, environment or runtime-features)");
        }
      }
    } else if (name == "severity") {
      const toml::table* severities = node.as_table();
      if (!severities) return At(path, node.source(), "[severity] must be a table");
      for (const auto& [rule_key, value] : *severities) {
        std::string rule(rule_key.str());
        if (!FindRule(rule)) {
          return At(path, value.source(), "unknown rule \"" + rule + "\" (see `oci-lint rules`)");
        }
        Result<std::string> v = string_of(value, "severity." + rule);
        if (!v) return v.error();
        std::optional<diag::Severity> level = SeverityOrOff(v.value());
        if (!level) {
          return At(path, value.source(), "severity." + rule + " must be error, warning or note");
        }
        policy.severity[rule] = *level;
      }
    } else if (name == "disable") {
      const toml::array* rules = node.as_array();
      if (!rules) return At(path, node.source(), "disable must be an array of rule names");
      for (const toml::node& value : *rules) {
        Result<std::string> v = string_of(value, "disable");
        if (!v) return v.error();
        if (!FindRule(v.value())) {
          return At(path, value.source(),
                    "unknown rule \"" + v.value() + "\" (see `oci-lint rules`)");
        }
        policy.disabled.insert(v.value());
      }
    } else if (name == "ignore") {
      const toml::array* entries = node.as_array();
      if (!entries) return At(path, node.source(), "ignore must be an array of tables");
      for (const toml::node& entry : *entries) {
        const toml::table* t = entry.as_table();
        if (!t) return At(path, entry.source(), "each [[ignore]] must be a table");
        PathIgnore ignore;
        for (const auto& [field_key, value] : *t) {
          std::string field(field_key.str());
          if (field == "path") {
            Result<std::string> v = string_of(value, "ignore.path");
            if (!v) return v.error();
            ignore.glob = v.value();
          } else if (field == "rules") {
            const toml::array* rules = value.as_array();
            if (!rules) return At(path, value.source(), "ignore.rules must be an array");
            for (const toml::node& rule : *rules) {
              Result<std::string> v = string_of(rule, "ignore.rules");
              if (!v) return v.error();
              if (!FindRule(v.value())) {
                return At(path, rule.source(), "unknown rule \"" + v.value() + "\"");
              }
              ignore.rules.insert(v.value());
            }
          } else {
            return At(path, value.source(),
                      "unknown key ignore." + field + " (expected path and rules)");
          }
        }
        if (ignore.glob.empty()) return At(path, entry.source(), "[[ignore]] needs a path");
        policy.ignores.push_back(std::move(ignore));
      }
    } else {
      return At(
          path, node.source(),
          "unknown key \"" + name + "\" (expected fail-on, target, severity, disable or ignore)");
    }
  }
  return policy;
}

namespace {

bool PathMatches(const Policy& policy, const PathIgnore& ignore, const std::string& path) {
  std::error_code ec;
  std::string relative = policy.base_dir.empty()
                             ? path
                             : fs::relative(fs::absolute(path, ec), policy.base_dir, ec).string();
  return fnmatch(ignore.glob.c_str(), relative.c_str(), 0) == 0 ||
         fnmatch(ignore.glob.c_str(), path.c_str(), 0) == 0;
}

/// One entry of a `dev.oci-lint.ignore` annotation: a rule, optionally with a pointer.
struct Suppression {
  std::string rule;
  std::string pointer;  ///< empty: the whole file
  size_t used = 0;
};

std::vector<Suppression> ReadSuppressions(const json::Document& doc, size_t* offset) {
  std::vector<Suppression> out;
  if (doc.empty() || doc.node(doc.root()).type != json::Type::kObject) return out;
  json::NodeId annotations = doc.Find(doc.node(doc.root()), "annotations");
  if (annotations == json::kNoNode || doc.node(annotations).type != json::Type::kObject) return out;
  json::NodeId value = doc.Find(doc.node(annotations), kSuppressionAnnotation);
  if (value == json::kNoNode || doc.node(value).type != json::Type::kString) return out;
  *offset = doc.node(value).offset;
  std::istringstream items{std::string(doc.node(value).text)};
  for (std::string item; std::getline(items, item, ',');) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (item.empty()) continue;
    size_t colon = item.find(':');
    out.push_back(
        {item.substr(0, colon), colon == std::string::npos ? "" : item.substr(colon + 1)});
  }
  return out;
}

}  // namespace

size_t ApplyPolicy(const Policy& policy, const json::Document* doc, diag::FileReport* report,
                   size_t max_notes) {
  size_t suppressed = 0;
  size_t annotation_offset = 0;
  std::vector<Suppression> suppressions;
  if (doc) suppressions = ReadSuppressions(*doc, &annotation_offset);
  // The path is the same for every finding: match it against the ignores once.
  std::vector<const PathIgnore*> path_ignores;
  for (const PathIgnore& ignore : policy.ignores) {
    if (PathMatches(policy, ignore, report->path)) path_ignores.push_back(&ignore);
  }
  // Suppressions by rule and pointer. A finding looks up its own pointer, each parent of it and
  // the whole file: the cost of a finding does not grow with the number of suppressions.
  auto key = [](std::string_view rule, std::string_view pointer) {
    return std::string(rule) + '\n' + std::string(pointer);
  };
  std::unordered_map<std::string, std::vector<size_t>> by_key;
  for (size_t i = 0; i < suppressions.size(); ++i) {
    by_key[key(suppressions[i].rule, suppressions[i].pointer)].push_back(i);
  }
  std::vector<diag::Diagnostic> kept;
  for (diag::Diagnostic& d : report->diagnostics) {
    if (policy.disabled.count(d.rule)) continue;
    bool ignored = std::any_of(path_ignores.begin(), path_ignores.end(), [&](const auto* ignore) {
      return ignore->rules.empty() || ignore->rules.count(d.rule);
    });
    if (!by_key.empty() && !d.rule.starts_with("json-")) {
      auto suppress_at = [&](std::string_view pointer) {
        auto found = by_key.find(key(d.rule, pointer));
        if (found == by_key.end()) return;
        for (size_t i : found->second) ++suppressions[i].used;
        ignored = true;
      };
      suppress_at("");
      for (size_t slash = d.pointer.find('/', 1); slash != std::string::npos;
           slash = d.pointer.find('/', slash + 1)) {
        suppress_at(std::string_view(d.pointer).substr(0, slash));
      }
      if (!d.pointer.empty()) suppress_at(d.pointer);
    }
    if (ignored) {
      ++suppressed;
      continue;
    }
    if (auto it = policy.severity.find(d.rule); it != policy.severity.end()) {
      d.severity = it->second;
    }
    kept.push_back(std::move(d));
  }
  size_t unused = 0;
  for (const Suppression& s : suppressions) {
    if (s.used > 0 || policy.disabled.count(std::string(rule::kUnusedSuppression))) continue;
    if (++unused > max_notes) continue;
    diag::Diagnostic note;
    note.rule = std::string(rule::kUnusedSuppression);
    note.severity = diag::Severity::kNote;
    note.pointer = "/annotations/" + json::EscapePointerToken(kSuppressionAnnotation);
    note.offset = annotation_offset;
    note.message = "the suppression \"" + s.rule + (s.pointer.empty() ? "" : ":" + s.pointer) +
                   "\" in " + std::string(kSuppressionAnnotation) + " matches no finding";
    note.help = FindRule(s.rule) ? "remove it"
                                 : "\"" + s.rule +
                                       "\" is not a rule; see "
                                       "`oci-lint rules`";
    kept.push_back(std::move(note));
  }
  if (unused > max_notes) {
    kept.push_back(diag::MoreFindings(rule::kUnusedSuppression, diag::Severity::kNote,
                                      doc ? doc->source().size() : 0, unused - max_notes,
                                      max_notes));
  }
  report->diagnostics = std::move(kept);
  return suppressed;
}

}  // namespace ocilint::lint
