#pragma once

#include <memory>
#include <string>
#include <vector>

#include "json/document.h"
#include "schema/schema.h"

namespace ocilint::schema {

/// One real problem found by the schema, in plain words.
struct SchemaError {
  size_t offset = 0;    ///< byte offset: the value, the key of an unknown property, or the
                        ///< object that lacks a required property
  std::string pointer;  ///< JSON pointer of the offending value (or of the lacking object)
  std::string message;
  std::string help;
  bool enum_mismatch = false;  ///< the value is simply not one of the listed values
};

/// Draft-04 validation with Python jsonschema's semantics (exact integers, `$ref` hiding its
/// siblings, tuple `items`, re.search patterns, code-point string lengths).
class Validator {
 public:
  explicit Validator(std::shared_ptr<const SchemaSet> schema) : schema_(std::move(schema)) {}

  /// Fast path: stops at the first failure and builds no message.
  bool IsValid(const json::Document& doc) const;
  /// Every problem, one error each (no cascades through anyOf/oneOf/$ref), sorted by offset.
  /// At most `max_errors` are returned; *unreported (when given) counts the rest.
  std::vector<SchemaError> Validate(const json::Document& doc, size_t max_errors = 1000,
                                    size_t* unreported = nullptr) const;

  const SchemaSet& schema() const { return *schema_; }

 private:
  std::shared_ptr<const SchemaSet> schema_;
};

/// What a schema expects, in words: "an array of strings", "an integer from 0 to 4294967295".
std::string DescribeSchema(const SchemaNode& schema);

/// Structural JSON equality with Python's rules: 1 == 1.0, but true != 1.
bool JsonEqual(const json::Document& a, json::NodeId x, const json::Document& b, json::NodeId y);

}  // namespace ocilint::schema
