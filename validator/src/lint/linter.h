#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "diag/diagnostic.h"
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
};

/// The pipeline for one input: read, parse, validate against the schema, then the rules.
/// Thread-safe: one Linter serves every file.
class Linter {
 public:
  /// The default target checks no kernel, environment or runtime limits.
  Linter(std::shared_ptr<const schema::SchemaSet> schema, LintOptions options, Target target = {},
         Policy policy = {});

  diag::FileReport LintInput(const Input& input) const;
  /// `bundle_dir`: the bundle `text` is the config.json of, for the bundle rules; or "".
  diag::FileReport LintText(const std::string& display_path, std::string text,
                            const std::string& bundle_dir = {}) const;
  /// The report for an input that could not be read (exit code 3).
  diag::FileReport Unreadable(const std::string& display_path, const Error& error) const;

  const schema::SchemaSet& schema() const { return validator_.schema(); }
  const Target& target() const { return target_; }

 private:
  schema::Validator validator_;
  LintOptions options_;
  Target target_;
  Policy policy_;
};

}  // namespace ocilint::lint
