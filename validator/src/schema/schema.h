#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/document.h"
#include "json/number.h"
#include "schema/regex.h"
#include "util/error.h"

namespace ocilint::schema {

/// Bit mask of JSON Schema draft-04 primitive types.
enum TypeBit : uint8_t {
  kTypeNull = 1,
  kTypeBoolean = 2,
  kTypeInteger = 4,
  kTypeNumber = 8,  ///< "number" also admits integers
  kTypeString = 16,
  kTypeArray = 32,
  kTypeObject = 64,
};

struct SchemaNode;

/// A value from a schema document (an enum member), kept with the document that owns it.
struct SchemaValue {
  const json::Document* doc = nullptr;
  json::NodeId id = json::kNoNode;
};

/// One compiled draft-04 schema object. Keywords absent from the source stay empty.
struct SchemaNode {
  const std::string* file = nullptr;       ///< the schema file this node was compiled from
  const json::Document* source = nullptr;  ///< that file's parsed text
  json::NodeId source_id = json::kNoNode;
  std::string description;
  const SchemaNode* ref = nullptr;  ///< when set, every other keyword is ignored (draft-04)
  bool always_false = false;

  uint8_t types = 0;  ///< 0: any type
  std::vector<SchemaValue> enum_values;

  std::vector<std::pair<std::string, const SchemaNode*>> properties;
  std::vector<std::pair<std::shared_ptr<const Pattern>, const SchemaNode*>> pattern_properties;
  bool additional_properties_allowed = true;
  const SchemaNode* additional_properties = nullptr;
  std::vector<std::string> required;
  std::optional<size_t> min_properties, max_properties;
  std::vector<std::pair<std::string, std::vector<std::string>>> property_dependencies;
  std::vector<std::pair<std::string, const SchemaNode*>> schema_dependencies;

  const SchemaNode* items = nullptr;
  std::vector<const SchemaNode*> tuple_items;
  bool has_tuple_items = false;
  bool additional_items_allowed = true;
  const SchemaNode* additional_items = nullptr;
  std::optional<size_t> min_items, max_items;
  bool unique_items = false;

  std::optional<json::Number> minimum, maximum, multiple_of;
  bool exclusive_minimum = false, exclusive_maximum = false;

  std::optional<size_t> min_length, max_length;
  std::shared_ptr<const Pattern> pattern;

  std::vector<const SchemaNode*> all_of, any_of, one_of;
  const SchemaNode* not_schema = nullptr;

  /// file#pointer, for messages about the schema itself (computed on demand: rarely needed).
  std::string Location() const;

  const SchemaNode* Resolved() const {
    const SchemaNode* s = this;
    for (int hops = 0; s->ref && hops < 64; ++hops) s = s->ref;
    return s;
  }
};

/// A set of schema files, compiled once and shared read-only by every file and thread.
class SchemaSet {
 public:
  /// The project's runtime-spec v1.3.0 schema, compiled into the binary (once per process).
  static Result<std::shared_ptr<const SchemaSet>> Embedded();
  /// Every *.json file of `dir`; `config-schema.json` is the root. Loaded as published,
  /// known upstream defects included.
  static Result<std::shared_ptr<const SchemaSet>> FromDirectory(const std::string& dir);
  /// Files given as (name, text) pairs; the first named `root` is the root. `patterns` says
  /// when glibc compiles each pattern (see Pattern::When).
  static Result<std::shared_ptr<const SchemaSet>> FromSources(
      const std::vector<std::pair<std::string, std::string>>& files, const std::string& base_uri,
      const std::string& root, std::string description,
      Pattern::When patterns = Pattern::When::kNow);

  const SchemaNode& root() const { return *root_; }
  /// Which schema this is, said in every report: "embedded runtime-spec v1.3.0", "directory X".
  const std::string& description() const { return description_; }

 private:
  friend class Compiler;
  std::string description_;
  std::vector<std::unique_ptr<json::Document>> documents_;
  std::deque<std::string> names_;
  std::deque<SchemaNode> nodes_;
  const SchemaNode* root_ = nullptr;
};

}  // namespace ocilint::schema
