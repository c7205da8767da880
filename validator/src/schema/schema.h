#pragma once

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "diag/document_kind.h"
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
class SchemaSet;
class Compiler;

/// A value from a schema document (an enum member), kept with the document that owns it.
struct SchemaValue {
  const json::Document* doc = nullptr;
  json::NodeId id = json::kNoNode;
};

/// The object keywords of a schema (properties, required...). Names point into the schema
/// documents, which live as long as the set.
struct ObjectKeywords {
  std::vector<std::pair<std::string_view, const SchemaNode*>> properties;
  std::vector<std::pair<std::shared_ptr<const Pattern>, const SchemaNode*>> pattern_properties;
  bool additional_properties_allowed = true;
  const SchemaNode* additional_properties = nullptr;
  std::vector<std::string_view> required;
  std::optional<size_t> min_properties, max_properties;
  std::vector<std::pair<std::string_view, std::vector<std::string_view>>> property_dependencies;
  std::vector<std::pair<std::string_view, const SchemaNode*>> schema_dependencies;
};

/// The array keywords of a schema.
struct ArrayKeywords {
  const SchemaNode* items = nullptr;
  std::vector<const SchemaNode*> tuple_items;
  bool has_tuple_items = false;
  bool additional_items_allowed = true;
  const SchemaNode* additional_items = nullptr;
  std::optional<size_t> min_items, max_items;
  bool unique_items = false;
};

/// The numeric bounds of a schema.
struct NumberKeywords {
  std::optional<json::Number> minimum, maximum, multiple_of;
  bool exclusive_minimum = false, exclusive_maximum = false;
};

/// allOf, anyOf, oneOf and not.
struct LogicKeywords {
  std::vector<const SchemaNode*> all_of, any_of, one_of;
  const SchemaNode* not_schema = nullptr;
};

/// One compiled draft-04 schema object. Keywords absent from the source stay empty; each group
/// of object, array, numeric and logic keywords is allocated only by a schema that has one (most
/// nodes are a $ref, a type or an enum), which keeps the nodes a config reaches few pages.
struct SchemaNode {
  const SchemaSet* owner = nullptr;
  uint32_t file_index = 0;  ///< the schema file this node was compiled from
  json::NodeId source_id = json::kNoNode;
  /// Points into the schema document, which lives as long as the set.
  std::string_view description;
  /// A $ref's target: when set, every other keyword is ignored (draft-04). In a lazily compiled
  /// set it is found on first use; read it through Resolved().
  mutable std::atomic<const SchemaNode*> ref{nullptr};
  std::string_view pending_ref;  ///< the $ref text, until resolved (lazily compiled sets)
  /// Set when the compiled node has no keyword but "type" (and annotations): a value passes
  /// when its type does, and the validator tests nothing else.
  bool type_only = false;

  uint8_t types = 0;  ///< 0: any type
  std::vector<SchemaValue> enum_values;

  std::optional<size_t> min_length, max_length;
  std::shared_ptr<const Pattern> pattern;

  const ObjectKeywords& object() const { return object_ ? *object_ : kNoObjectKeywords; }
  const ArrayKeywords& array() const { return array_ ? *array_ : kNoArrayKeywords; }
  const NumberKeywords& number() const { return number_ ? *number_ : kNoNumberKeywords; }
  const LogicKeywords& logic() const { return logic_ ? *logic_ : kNoLogicKeywords; }
  /// Whether any object, array, numeric or logic keyword was compiled into this node.
  bool HasKeywordGroups() const { return object_ || array_ || number_ || logic_; }
  /// The group, allocated on first use (while compiling).
  ObjectKeywords& EditObject() { return Edit(object_); }
  ArrayKeywords& EditArray() { return Edit(array_); }
  NumberKeywords& EditNumber() { return Edit(number_); }
  LogicKeywords& EditLogic() { return Edit(logic_); }

  /// file#pointer, for messages about the schema itself (computed on demand: rarely needed).
  std::string Location() const;

  /// The schema this node stands for: itself, or the end of its chain of $refs.
  const SchemaNode* Resolved() const;

 private:
  template <typename T>
  static T& Edit(std::unique_ptr<T>& group) {
    if (!group) group = std::make_unique<T>();
    return *group;
  }
  static const ObjectKeywords kNoObjectKeywords;
  static const ArrayKeywords kNoArrayKeywords;
  static const NumberKeywords kNoNumberKeywords;
  static const LogicKeywords kNoLogicKeywords;

  std::unique_ptr<ObjectKeywords> object_;
  std::unique_ptr<ArrayKeywords> array_;
  std::unique_ptr<NumberKeywords> number_;
  std::unique_ptr<LogicKeywords> logic_;
};

/// A set of schema files, compiled once and shared read-only by every file and thread.
class SchemaSet {
 public:
  /// The project's runtime-spec v1.3.0 schema for `kind`, compiled into the binary (once per
  /// process and kind).
  static Result<std::shared_ptr<const SchemaSet>> Embedded(
      diag::DocumentKind kind = diag::DocumentKind::kConfig);
  /// Every *.json file of `dir`; the root is the kind's file (config-schema.json,
  /// features-schema.json, state-schema.json). Loaded as published, known upstream defects
  /// included.
  static Result<std::shared_ptr<const SchemaSet>> FromDirectory(
      const std::string& dir, diag::DocumentKind kind = diag::DocumentKind::kConfig);
  /// kEager parses every file, resolves every $ref and compiles every pattern at once, and
  /// reports any error. kLazy does each when validation first needs it, so a process pays only
  /// for the parts of the schema its configs use: for schemas known to compile, such as the
  /// embedded one (a test compiles it eagerly). Files with a root "id" need kEager.
  enum class Compilation { kEager, kLazy };

  /// Files given as (name, text) pairs; the first named `root` is the root. The texts are kept
  /// until parsed, so they are taken by value: move them in.
  static Result<std::shared_ptr<const SchemaSet>> FromSources(
      std::vector<std::pair<std::string, std::string>> files, const std::string& base_uri,
      const std::string& root, std::string description, Compilation when = Compilation::kEager);
  ~SchemaSet();

  const SchemaNode& root() const { return *root_; }
  /// Which schema this is, said in every report: "embedded runtime-spec v1.3.0", "directory X".
  const std::string& description() const { return description_; }

 private:
  friend class Compiler;
  friend struct SchemaNode;
  SchemaSet();
  /// Compiles the embedded files with the kind's root (Embedded keeps one per kind).
  static Result<std::shared_ptr<const SchemaSet>> CompileEmbedded(diag::DocumentKind kind);
  /// Resolves a $ref left pending by lazy compilation; thread-safe.
  const SchemaNode* ResolvePending(const SchemaNode& node) const;

  std::string description_;
  std::deque<std::unique_ptr<json::Document>> documents_;  ///< null until parsed (kLazy)
  std::deque<std::string> names_;
  std::deque<SchemaNode> nodes_;
  const SchemaNode* root_ = nullptr;
  /// Kept for kLazy sets; every use holds compile_mutex_.
  std::unique_ptr<Compiler> compiler_;
  mutable std::mutex compile_mutex_;
};

inline const SchemaNode* SchemaNode::Resolved() const {
  const SchemaNode* s = this;
  for (int hops = 0; hops < 64; ++hops) {
    const SchemaNode* next = s->ref.load(std::memory_order_acquire);
    if (!next && !s->pending_ref.empty()) next = s->owner->ResolvePending(*s);
    if (!next) break;
    s = next;
  }
  return s;
}

}  // namespace ocilint::schema
