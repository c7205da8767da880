#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "diag/diagnostic.h"
#include "diag/document_kind.h"
#include "lint/input.h"
#include "lint/policy.h"
#include "lint/target.h"
#include "schema/validator.h"

namespace ocilint::lint {

struct LintOptions {
  size_t max_size = 64 * 1024 * 1024;
  size_t max_depth = 1000;
  /// Schema errors, and findings of each rule, listed per file; the rest are counted in one more
  /// finding.
  size_t max_errors_per_file = 1000;
  /// What every input is (lint --kind); nullopt: each input's own content says (DetectKind).
  std::optional<diag::DocumentKind> kind;
};

/// What a parsed document is by its content: a features document has ociVersionMin or
/// ociVersionMax, a state has status and bundle (and no process or root); anything else,
/// including a document that is not an object, is a config.
diag::DocumentKind DetectKind(const json::Document& doc);

/// The schema of each kind of document in a --schema-dir, by DocumentKind, or why there is
/// none (upstream's before 1.1.0 has no features-schema.json).
struct KindSchemas {
  std::array<Result<std::shared_ptr<const schema::SchemaSet>>, 3> sets;

  static KindSchemas FromDirectory(const std::string& dir);
};

/// The pipeline for one input: read, parse, validate against the schema, then the rules.
/// Thread-safe: one Linter serves every file.
class Linter {
 public:
  /// The default target checks no kernel, environment or runtime limits.
  Linter(std::shared_ptr<const schema::SchemaSet> schema, LintOptions options, Target target = {},
         Policy policy = {});
  /// Replaces the features and state schemas (by default the embedded ones, compiled when a
  /// document of that kind first comes).
  void SetKindSchemas(const KindSchemas& schemas);

  diag::FileReport LintInput(const Input& input) const;
  /// `bundle_dir`: the bundle `text` is the config.json of, for the bundle rules; or "".
  diag::FileReport LintText(const std::string& display_path, std::string text,
                            const std::string& bundle_dir = {}) const;
  /// The report for an input that could not be read (exit code 3).
  diag::FileReport Unreadable(const std::string& display_path, const Error& error) const;

  const schema::SchemaSet& schema() const { return validator_.schema(); }
  const Target& target() const { return target_; }

 private:
  /// The validator for a features or state document, or the error that stands for its schema.
  const Result<schema::Validator>& ValidatorFor(diag::DocumentKind kind) const;

  schema::Validator validator_;
  mutable std::once_flag other_kinds_once_[2];
  mutable std::optional<Result<schema::Validator>> other_kinds_[2];
  std::optional<KindSchemas> kind_schemas_;
  LintOptions options_;
  Target target_;
  Policy policy_;
};

}  // namespace ocilint::lint
