#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "json/document.h"
#include "util/error.h"

namespace ocilint::lint {

/// Findings of these rules below paths matching `glob` are dropped (all rules when empty).
struct PathIgnore {
  std::string glob;  ///< relative to the config file's directory; * also matches '/'
  std::set<std::string> rules;
};

/// What a project's `.oci-lint.toml` (and the matching flags) say about reporting.
struct Policy {
  std::string source;  ///< the config file, or empty
  std::string base_dir;
  std::map<std::string, diag::Severity> severity;
  std::set<std::string> disabled;
  std::vector<PathIgnore> ignores;
  std::optional<std::string> fail_on;
  std::optional<std::string> kernel, environment, runtime_features;
  /// Whether the config's own dev.oci-lint.ignore annotation suppresses findings. A gate that
  /// judges configs written by others (oci-lint-runtime) must not let them suppress its findings.
  bool config_suppressions = true;
};

/// `.oci-lint.toml` in `start_dir` or the nearest parent directory, else in the working
/// directory; nullopt when there is none.
std::optional<std::string> FindConfigFile(const std::string& start_dir);

/// Reads a config file. Any unknown key, bad value or unknown rule is an Error (EINVAL) naming
/// the file and line.
Result<Policy> LoadPolicy(const std::string& path);

/// Reads a TOML file of top-level string keys (oci-lint-runtime's runtime.toml): each key's value
/// by its name. A key not in `allowed`, a value that is not a string or a syntax error is an error
/// (errno EINVAL) naming the file and line; a file that cannot be read keeps its errno.
Result<std::map<std::string, std::string>> LoadStringTable(const std::string& path,
                                                           const std::vector<std::string>& allowed);

/// Checks "RULE=LEVEL" or "RULE" against the catalogue; the message names `flag`.
Result<std::pair<std::string, diag::Severity>> ParseSeverityFlag(const std::string& value);
Result<std::string> CheckRuleName(const std::string& rule, const std::string& where);

/// Applies a policy and the config's own suppression annotations to one report: disabled and
/// ignored rules go, severities change, `dev.oci-lint.ignore` suppresses. Returns how many
/// findings were suppressed; an annotation entry that suppresses nothing becomes a note (the
/// first `max_notes` of them; the rest are counted in one more).
size_t ApplyPolicy(const Policy& policy, const json::Document* doc, diag::FileReport* report,
                   size_t max_notes = 1000);

/// The annotation key for suppressions inside a config.
inline constexpr std::string_view kSuppressionAnnotation = "dev.oci-lint.ignore";

}  // namespace ocilint::lint
