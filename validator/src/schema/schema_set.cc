#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include "json/parser.h"
#include "json/utf8.h"
#include "schema/embedded.h"
#include "schema/schema.h"
#include "schema/uri.h"

namespace ocilint::schema {

namespace {

std::optional<size_t> ReadCount(const json::Document& doc, json::NodeId id) {
  if (id == json::kNoNode) return std::nullopt;
  const json::Node& n = doc.node(id);
  if (n.type != json::Type::kNumber) return std::nullopt;
  json::Number number = json::Number::FromLiteral(n.text);
  long long value = 0;
  if (!number.ToInt64(&value) || value < 0) return std::nullopt;
  return static_cast<size_t>(value);
}

std::optional<json::Number> ReadNumber(const json::Document& doc, json::NodeId id) {
  if (id == json::kNoNode || doc.node(id).type != json::Type::kNumber) return std::nullopt;
  return json::Number::FromLiteral(doc.node(id).text);
}

bool ReadBool(const json::Document& doc, json::NodeId id) {
  return id != json::kNoNode && doc.node(id).type == json::Type::kBool && doc.node(id).boolean;
}

uint8_t TypeBitFor(std::string_view name) {
  if (name == "null") return kTypeNull;
  if (name == "boolean") return kTypeBoolean;
  if (name == "integer") return kTypeInteger;
  if (name == "number") return kTypeNumber;
  if (name == "string") return kTypeString;
  if (name == "array") return kTypeArray;
  if (name == "object") return kTypeObject;
  return 0;
}

}  // namespace

/// Turns schema documents into a graph of SchemaNodes, resolving every $ref: all at once
/// (kEager), or each document, $ref and pattern when first needed (kLazy).
class Compiler {
 public:
  Compiler(SchemaSet* set, SchemaSet::Compilation when) : set_(set), when_(when) {}

  Result<bool> AddDocument(const std::string& name, const std::string& uri, std::string text) {
    size_t index = set_->documents_.size();
    set_->names_.push_back(name);
    set_->documents_.emplace_back();
    bases_.push_back(uri);
    texts_.push_back(std::move(text));
    by_uri_[StripFragment(uri)] = index;
    if (when_ == SchemaSet::Compilation::kLazy) return true;
    Result<const json::Document*> doc = Document(index);
    if (!doc) return doc.error();
    // A root "id" changes the document's base URI and adds a name it can be reached by.
    const json::Node& root = doc.value()->node(doc.value()->root());
    for (std::string_view key : {"id", "$id"}) {
      json::NodeId id = doc.value()->Find(root, key);
      if (id != json::kNoNode && doc.value()->node(id).type == json::Type::kString) {
        bases_[index] = JoinUri(uri, doc.value()->node(id).text);
        by_uri_[StripFragment(bases_[index])] = index;
      }
    }
    return true;
  }

  /// A document parsed already (the embedded schema's static parse trees). Its root "id", if
  /// any, is not read: such files are added as text.
  void AddParsedDocument(const std::string& name, const std::string& uri,
                         std::unique_ptr<json::Document> doc,
                         std::span<const EmbeddedRef> refs = {}) {
    prebuilt_refs_.resize(set_->documents_.size());
    prebuilt_refs_.push_back(refs);
    set_->names_.push_back(name);
    set_->documents_.push_back(std::move(doc));
    bases_.push_back(uri);
    texts_.emplace_back();
    by_uri_[StripFragment(uri)] = set_->documents_.size() - 1;
  }

  Result<const SchemaNode*> CompileRoot(const std::string& root_name) {
    const auto& names = set_->names_;
    auto it = std::find(names.begin(), names.end(), root_name);
    if (it == names.end()) return Error{"the schema has no " + root_name};
    size_t index = static_cast<size_t>(it - names.begin());
    Result<const json::Document*> doc = Document(index);
    if (!doc) return doc.error();
    const SchemaNode* root = Compile(index, doc.value()->root());
    if (!error_.empty()) return Error{error_};
    return root;
  }

  /// Resolves the pending $ref of `node` (kLazy). The caller holds the set's compile mutex.
  const SchemaNode* ResolvePending(const SchemaNode& node) {
    const SchemaNode* target = ResolveRef(node.file_index, node.pending_ref, node);
    if (target) node.ref.store(target, std::memory_order_release);
    return target;
  }

 private:
  /// The parsed document `index`, parsed now if it was not yet.
  Result<const json::Document*> Document(size_t index) {
    if (set_->documents_[index]) return set_->documents_[index].get();
    json::ParseResult parsed = json::Parse(std::move(texts_[index]));
    texts_[index].clear();
    if (!parsed.clean_syntax || parsed.document->empty()) {
      std::string detail = "not valid JSON";
      for (const json::ParseIssue& issue : parsed.issues) {
        if (issue.kind != json::ParseIssue::Kind::kSyntax) continue;
        json::SourceMap map(parsed.document->source());
        json::Position p = map.Locate(issue.offset);
        detail = std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + issue.message;
        break;
      }
      return Error{"schema file " + set_->names_[index] + ": " + detail};
    }
    set_->documents_[index] = std::move(parsed.document);
    return set_->documents_[index].get();
  }

  const SchemaNode* Compile(size_t doc_index, json::NodeId id) {
    const SchemaNode*& memo = memo_[(uint64_t{doc_index} << 32) | id];
    if (memo) return memo;
    SchemaNode& node = set_->nodes_.emplace_back();
    memo = &node;
    const json::Document& doc = *set_->documents_[doc_index];
    node.owner = set_;
    node.file_index = static_cast<uint32_t>(doc_index);
    node.source_id = id;
    const json::Node& raw = doc.node(id);
    if (raw.type != json::Type::kObject) return &node;

    if (json::NodeId d = doc.Find(raw, "description");
        d != json::kNoNode && doc.node(d).type == json::Type::kString) {
      node.description = doc.node(d).text;
    }
    if (json::NodeId ref = doc.Find(raw, "$ref");
        ref != json::kNoNode && doc.node(ref).type == json::Type::kString) {
      if (when_ == SchemaSet::Compilation::kLazy) {
        node.pending_ref = doc.node(ref).text;
      } else {
        node.ref.store(ResolveRef(doc_index, doc.node(ref).text, node), std::memory_order_relaxed);
      }
      return &node;
    }
    for (uint32_t m = 0; m < raw.count; ++m) {
      const json::Member& member = doc.member(raw, m);
      CompileKeyword(doc_index, member.key, member.value, node);
    }
    node.type_only = node.enum_values.empty() && !node.min_length && !node.max_length &&
                     !node.pattern && !node.HasKeywordGroups();
    return &node;
  }

  /// Compiles one keyword of a schema object into `node`; unknown keywords are ignored.
  void CompileKeyword(size_t doc_index, std::string_view key, json::NodeId value,
                      SchemaNode& node) {
    const json::Document& doc = *set_->documents_[doc_index];
    const json::Node& v = doc.node(value);
    auto child = [&](json::NodeId child_id) { return Compile(doc_index, child_id); };
    auto each_member = [&](auto&& add) {
      if (v.type != json::Type::kObject) return;
      for (uint32_t i = 0; i < v.count; ++i) add(doc.member(v, i));
    };
    auto schema_list = [&](std::vector<const SchemaNode*>* out) {
      if (v.type != json::Type::kArray) return;
      for (uint32_t i = 0; i < v.count; ++i) out->push_back(child(doc.element(v, i)));
    };
    auto string_list = [&](const json::Node& list, std::vector<std::string_view>* out) {
      for (uint32_t i = 0; i < list.count; ++i) {
        const json::Node& e = doc.node(doc.element(list, i));
        if (e.type == json::Type::kString) out->emplace_back(e.text);
      }
    };
    auto pattern = [&](std::string_view source) -> std::shared_ptr<const Pattern> {
      Result<std::shared_ptr<const Pattern>> compiled = Pattern::Compile(
          source, when_ == SchemaSet::Compilation::kLazy ? Pattern::When::kOnFirstUse
                                                         : Pattern::When::kNow);
      if (compiled) return compiled.value();
      Fail(node.Location() + ": " + compiled.error().context);
      return nullptr;
    };

    if (key == "type") {
      if (v.type == json::Type::kString) {
        node.types = TypeBitFor(v.text);
      } else if (v.type == json::Type::kArray) {
        for (uint32_t i = 0; i < v.count; ++i) {
          const json::Node& e = doc.node(doc.element(v, i));
          if (e.type == json::Type::kString) node.types |= TypeBitFor(e.text);
        }
      }
    } else if (key == "enum") {
      if (v.type != json::Type::kArray) return;
      for (uint32_t i = 0; i < v.count; ++i) node.enum_values.push_back({&doc, doc.element(v, i)});
    } else if (key == "properties") {
      each_member([&](const json::Member& m) {
        node.EditObject().properties.emplace_back(m.key, child(m.value));
      });
    } else if (key == "patternProperties") {
      each_member([&](const json::Member& m) {
        if (auto compiled = pattern(m.key)) {
          node.EditObject().pattern_properties.emplace_back(std::move(compiled), child(m.value));
        }
      });
    } else if (key == "dependencies") {
      each_member([&](const json::Member& m) {
        const json::Node& dn = doc.node(m.value);
        if (dn.type == json::Type::kArray) {
          std::vector<std::string_view> names;
          string_list(dn, &names);
          node.EditObject().property_dependencies.emplace_back(m.key, std::move(names));
        } else if (dn.type == json::Type::kObject) {
          node.EditObject().schema_dependencies.emplace_back(m.key, child(m.value));
        }
      });
    } else if (key == "additionalProperties") {
      if (v.type == json::Type::kBool) node.EditObject().additional_properties_allowed = v.boolean;
      if (v.type == json::Type::kObject) node.EditObject().additional_properties = child(value);
    } else if (key == "required") {
      if (v.type == json::Type::kArray) string_list(v, &node.EditObject().required);
    } else if (key == "items") {
      if (v.type == json::Type::kObject) {
        node.EditArray().items = child(value);
      } else if (v.type == json::Type::kArray) {
        node.EditArray().has_tuple_items = true;
        schema_list(&node.EditArray().tuple_items);
      }
    } else if (key == "additionalItems") {
      if (v.type == json::Type::kBool) node.EditArray().additional_items_allowed = v.boolean;
      if (v.type == json::Type::kObject) node.EditArray().additional_items = child(value);
    } else if (key == "minItems") {
      node.EditArray().min_items = ReadCount(doc, value);
    } else if (key == "maxItems") {
      node.EditArray().max_items = ReadCount(doc, value);
    } else if (key == "uniqueItems") {
      node.EditArray().unique_items = ReadBool(doc, value);
    } else if (key == "minProperties") {
      node.EditObject().min_properties = ReadCount(doc, value);
    } else if (key == "maxProperties") {
      node.EditObject().max_properties = ReadCount(doc, value);
    } else if (key == "minLength") {
      node.min_length = ReadCount(doc, value);
    } else if (key == "maxLength") {
      node.max_length = ReadCount(doc, value);
    } else if (key == "minimum") {
      node.EditNumber().minimum = ReadNumber(doc, value);
    } else if (key == "maximum") {
      node.EditNumber().maximum = ReadNumber(doc, value);
    } else if (key == "multipleOf") {
      node.EditNumber().multiple_of = ReadNumber(doc, value);
    } else if (key == "exclusiveMinimum") {
      node.EditNumber().exclusive_minimum = ReadBool(doc, value);
    } else if (key == "exclusiveMaximum") {
      node.EditNumber().exclusive_maximum = ReadBool(doc, value);
    } else if (key == "pattern") {
      if (v.type == json::Type::kString) node.pattern = pattern(v.text);
    } else if (key == "allOf") {
      schema_list(&node.EditLogic().all_of);
    } else if (key == "anyOf") {
      schema_list(&node.EditLogic().any_of);
    } else if (key == "oneOf") {
      schema_list(&node.EditLogic().one_of);
    } else if (key == "not") {
      if (v.type == json::Type::kObject) node.EditLogic().not_schema = child(value);
    }
  }

  const SchemaNode* ResolveRef(size_t doc_index, std::string_view ref, const SchemaNode& from) {
    if (const EmbeddedRef* prebuilt = PrebuiltRef(doc_index, from)) {
      return Compile(prebuilt->target_file, prebuilt->target);
    }
    std::string cache_key = std::to_string(doc_index) + '\n' + std::string(ref);
    if (auto cached = ref_targets_.find(cache_key); cached != ref_targets_.end()) {
      return Compile(cached->second.first, cached->second.second);
    }
    std::string target = JoinUri(bases_[doc_index], ref);
    std::string fragment;
    std::string uri = SplitFragment(target, &fragment);
    std::map<std::string, size_t>::const_iterator found = by_uri_.find(uri);
    if (found == by_uri_.end()) found = ByOpencontainersName(uri);
    if (found == by_uri_.end()) {
      Fail(from.Location() + ": $ref \"" + std::string(ref) + "\" names " + uri +
           ", which is not among the schema files (oci-lint never fetches schemas)");
      return nullptr;
    }
    Result<const json::Document*> loaded = Document(found->second);
    if (!loaded) {
      Fail(loaded.error().context);
      return nullptr;
    }
    json::NodeId id = ResolveFragment(*loaded.value(), fragment);
    if (id == json::kNoNode) {
      Fail(from.Location() + ": $ref \"" + std::string(ref) + "\" points at nothing");
      return nullptr;
    }
    ref_targets_.emplace(std::move(cache_key), std::make_pair(found->second, id));
    return Compile(found->second, id);
  }

  /// The build-time resolution of the $ref of `from`, for an embedded file; null otherwise.
  /// Upstream's v1.0.0 and v1.0.1 schema files carry "id"s under
  /// https://opencontainers.org/schema/, which no server has ever served, so their $refs name
  /// such URLs: "defs.json" in config-schema.json is https://opencontainers.org/schema/defs.json.
  /// Such a URL names the file of the same name in the set (scripts/jsonschema-oracle.py
  /// resolves them the same way), else nothing.
  std::map<std::string, size_t>::const_iterator ByOpencontainersName(const std::string& uri) const {
    constexpr std::string_view kPrefix = "https://opencontainers.org/schema/";
    if (!uri.starts_with(kPrefix)) return by_uri_.end();
    std::string name = uri.substr(uri.rfind('/') + 1);
    for (size_t i = 0; i < set_->names_.size(); ++i) {
      if (set_->names_[i] != name) continue;
      for (auto it = by_uri_.begin(); it != by_uri_.end(); ++it) {
        if (it->second == i) return it;
      }
    }
    return by_uri_.end();
  }

  const EmbeddedRef* PrebuiltRef(size_t doc_index, const SchemaNode& from) const {
    if (doc_index >= prebuilt_refs_.size() || prebuilt_refs_[doc_index].empty()) return nullptr;
    const json::Document& doc = *set_->documents_[doc_index];
    json::NodeId ref = doc.Find(doc.node(from.source_id), "$ref");
    std::span<const EmbeddedRef> refs = prebuilt_refs_[doc_index];
    auto it = std::lower_bound(refs.begin(), refs.end(), ref,
                               [](const EmbeddedRef& r, json::NodeId id) { return r.ref < id; });
    return it != refs.end() && it->ref == ref ? &*it : nullptr;
  }

  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  SchemaSet* set_;
  SchemaSet::Compilation when_;
  std::vector<std::string> texts_;  ///< each document's text until it is parsed
  std::vector<std::string> bases_;
  std::map<std::string, size_t> by_uri_;
  /// (document index << 32 | node id) -> its compiled schema, so every schema object is
  /// compiled once. A map, not a table per document: a lazy set compiles a few hundred of the
  /// thousands of nodes its documents hold.
  std::unordered_map<uint64_t, const SchemaNode*> memo_;
  /// Per document, the $refs embed_schema resolved (embedded files only).
  std::vector<std::span<const EmbeddedRef>> prebuilt_refs_;
  /// "document index\n$ref" -> the (document, node) it resolved to.
  std::unordered_map<std::string, std::pair<size_t, json::NodeId>> ref_targets_;
  std::string error_;
};

std::string SchemaNode::Location() const {
  if (!owner || !owner->documents_[file_index]) return "(unknown schema location)";
  return owner->names_[file_index] + "#" + owner->documents_[file_index]->PointerTo(source_id);
}

const ObjectKeywords SchemaNode::kNoObjectKeywords;
const ArrayKeywords SchemaNode::kNoArrayKeywords;
const NumberKeywords SchemaNode::kNoNumberKeywords;
const LogicKeywords SchemaNode::kNoLogicKeywords;

SchemaSet::SchemaSet() = default;
SchemaSet::~SchemaSet() = default;

const SchemaNode* SchemaSet::ResolvePending(const SchemaNode& node) const {
  std::lock_guard<std::mutex> lock(compile_mutex_);
  if (const SchemaNode* done = node.ref.load(std::memory_order_acquire)) return done;
  return compiler_ ? compiler_->ResolvePending(node) : nullptr;
}

Result<std::shared_ptr<const SchemaSet>> SchemaSet::FromSources(
    std::vector<std::pair<std::string, std::string>> files, const std::string& base_uri,
    const std::string& root, std::string description, Compilation when) {
  auto set = std::shared_ptr<SchemaSet>(new SchemaSet());
  set->description_ = std::move(description);
  auto compiler = std::make_unique<Compiler>(set.get(), when);
  for (auto& [name, text] : files) {
    Result<bool> added = compiler->AddDocument(name, base_uri + name, std::move(text));
    if (!added) return added.error();
  }
  Result<const SchemaNode*> compiled = compiler->CompileRoot(root);
  if (!compiled) return compiled.error();
  set->root_ = compiled.value();
  if (when == Compilation::kLazy) set->compiler_ = std::move(compiler);
  return std::shared_ptr<const SchemaSet>(std::move(set));
}

Result<std::shared_ptr<const SchemaSet>> SchemaSet::Embedded(diag::DocumentKind kind) {
  // Compiled once per process and kind and never freed: every caller and thread shares it, and
  // exit does not spend time taking the graph apart. The files were parsed at build time; their
  // trees are static data. Compiled as validation needs it:
  // EmbeddedSchemaTest.CompilesEagerlyWithoutError shows that no part of it can fail later.
  using Compiled = Result<std::shared_ptr<const SchemaSet>>;
  switch (kind) {
    case diag::DocumentKind::kFeatures: {
      static const auto* features = new Compiled(CompileEmbedded(kind));
      return *features;
    }
    case diag::DocumentKind::kState: {
      static const auto* state = new Compiled(CompileEmbedded(kind));
      return *state;
    }
    case diag::DocumentKind::kConfig:
      break;
  }
  static const auto* config = new Compiled(CompileEmbedded(kind));
  return *config;
}

Result<std::shared_ptr<const SchemaSet>> SchemaSet::CompileEmbedded(diag::DocumentKind kind) {
  auto set = std::shared_ptr<SchemaSet>(new SchemaSet());
  set->description_ = std::string(kEmbeddedSchemaName);
  auto compiler = std::make_unique<Compiler>(set.get(), Compilation::kLazy);
  for (const EmbeddedFile& file : EmbeddedSchemaFiles()) {
    std::string name(file.name);
    compiler->AddParsedDocument(name, std::string(kEmbeddedSchemaBase) + name,
                                std::make_unique<json::Document>(
                                    file.text, file.nodes, file.elements, file.members, file.root),
                                file.refs);
  }
  Result<const SchemaNode*> root = compiler->CompileRoot(std::string(diag::SchemaRootFile(kind)));
  if (!root) return root.error();
  set->root_ = root.value();
  set->compiler_ = std::move(compiler);
  return std::shared_ptr<const SchemaSet>(std::move(set));
}

Result<std::shared_ptr<const SchemaSet>> SchemaSet::FromDirectory(const std::string& dir,
                                                                  diag::DocumentKind kind) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::absolute(dir, ec);
  if (ec || !fs::is_directory(absolute, ec)) {
    return SystemError("--schema-dir " + dir + ": not a readable directory",
                       ec ? ec.value() : ENOTDIR);
  }
  std::vector<std::string> names;
  for (fs::directory_iterator it(absolute, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() == ".json" && it->is_regular_file(ec)) {
      names.push_back(it->path().filename().string());
    }
  }
  if (ec) return SystemError("--schema-dir " + dir, ec.value());
  std::sort(names.begin(), names.end());
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& name : names) {
    std::ifstream in(absolute / name, std::ios::binary);
    if (!in) return SystemError("--schema-dir " + dir + ": cannot read " + name);
    std::ostringstream text;
    text << in.rdbuf();
    files.emplace_back(name, text.str());
  }
  std::string root(diag::SchemaRootFile(kind));
  if (std::find(names.begin(), names.end(), root) == names.end()) {
    return Error{"--schema-dir " + dir + ": no " + root + " in this directory"};
  }
  std::string base = "file://" + absolute.lexically_normal().string();
  if (base.back() != '/') base += '/';
  return FromSources(std::move(files), base, root, "directory " + dir);
}

}  // namespace ocilint::schema
