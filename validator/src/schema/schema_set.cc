#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

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

/// Turns parsed schema documents into a graph of SchemaNodes, resolving every $ref.
class Compiler {
 public:
  explicit Compiler(SchemaSet* set) : set_(set) {}

  Result<bool> AddDocument(const std::string& name, const std::string& uri, std::string text) {
    json::ParseResult parsed = json::Parse(std::move(text));
    if (!parsed.clean_syntax || parsed.document->empty()) {
      std::string detail = "not valid JSON";
      for (const json::ParseIssue& issue : parsed.issues) {
        if (issue.kind != json::ParseIssue::Kind::kSyntax) continue;
        json::SourceMap map(parsed.document->source());
        json::Position p = map.Locate(issue.offset);
        detail = std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + issue.message;
        break;
      }
      return Error{"schema file " + name + ": " + detail};
    }
    size_t index = set_->documents_.size();
    const json::Document& doc = *parsed.document;
    std::string base = uri;
    const json::Node& root = doc.node(doc.root());
    for (std::string_view key : {"id", "$id"}) {
      json::NodeId id = doc.Find(root, key);
      if (id != json::kNoNode && doc.node(id).type == json::Type::kString) {
        base = JoinUri(uri, doc.node(id).text);
        by_uri_[StripFragment(base)] = index;
      }
    }
    by_uri_[StripFragment(uri)] = index;
    names_.push_back(name);
    bases_.push_back(base);
    set_->documents_.push_back(std::move(parsed.document));
    return true;
  }

  Result<const SchemaNode*> CompileRoot(const std::string& root_name) {
    auto it = std::find(names_.begin(), names_.end(), root_name);
    if (it == names_.end()) return Error{"the schema has no " + root_name};
    size_t index = static_cast<size_t>(it - names_.begin());
    const SchemaNode* root = Compile(index, set_->documents_[index]->root(), "");
    if (!error_.empty()) return Error{error_};
    return root;
  }

 private:
  const SchemaNode* Compile(size_t doc_index, json::NodeId id, const std::string& pointer) {
    auto key = std::make_pair(doc_index, id);
    if (auto found = memo_.find(key); found != memo_.end()) return found->second;
    SchemaNode& node = set_->nodes_.emplace_back();
    memo_[key] = &node;
    node.location = names_[doc_index] + "#" + pointer;
    const json::Document& doc = *set_->documents_[doc_index];
    const json::Node& raw = doc.node(id);
    if (raw.type != json::Type::kObject) return &node;
    auto find = [&](std::string_view k) { return doc.Find(raw, k); };
    auto child = [&](json::NodeId child_id, const std::string& child_pointer) {
      return Compile(doc_index, child_id, child_pointer);
    };

    if (json::NodeId d = find("description");
        d != json::kNoNode && doc.node(d).type == json::Type::kString) {
      node.description = std::string(doc.node(d).text);
    }
    if (json::NodeId ref = find("$ref");
        ref != json::kNoNode && doc.node(ref).type == json::Type::kString) {
      node.ref = ResolveRef(doc_index, doc.node(ref).text, node.location);
      return &node;
    }
    if (json::NodeId t = find("type"); t != json::kNoNode) {
      const json::Node& tn = doc.node(t);
      if (tn.type == json::Type::kString) {
        node.types = TypeBitFor(tn.text);
      } else if (tn.type == json::Type::kArray) {
        for (uint32_t i = 0; i < tn.count; ++i) {
          const json::Node& e = doc.node(doc.element(tn, i));
          if (e.type == json::Type::kString) node.types |= TypeBitFor(e.text);
        }
      }
    }
    if (json::NodeId e = find("enum");
        e != json::kNoNode && doc.node(e).type == json::Type::kArray) {
      const json::Node& en = doc.node(e);
      for (uint32_t i = 0; i < en.count; ++i)
        node.enum_values.push_back({&doc, doc.element(en, i)});
    }
    auto compile_map = [&](std::string_view keyword, auto&& add) {
      json::NodeId m = find(keyword);
      if (m == json::kNoNode || doc.node(m).type != json::Type::kObject) return;
      const json::Node& mn = doc.node(m);
      for (uint32_t i = 0; i < mn.count; ++i) {
        const json::Member& member = doc.member(mn, i);
        add(member,
            pointer + "/" + std::string(keyword) + "/" + json::EscapePointerToken(member.key));
      }
    };
    compile_map("properties", [&](const json::Member& m, const std::string& p) {
      node.properties.emplace_back(std::string(m.key), child(m.value, p));
    });
    compile_map("patternProperties", [&](const json::Member& m, const std::string& p) {
      Result<std::shared_ptr<const Pattern>> pattern = Pattern::Compile(m.key);
      if (!pattern) {
        Fail(node.location + ": " + pattern.error().context);
        return;
      }
      node.pattern_properties.emplace_back(pattern.value(), child(m.value, p));
    });
    compile_map("dependencies", [&](const json::Member& m, const std::string& p) {
      const json::Node& dn = doc.node(m.value);
      if (dn.type == json::Type::kArray) {
        std::vector<std::string> names;
        for (uint32_t i = 0; i < dn.count; ++i) {
          const json::Node& e = doc.node(doc.element(dn, i));
          if (e.type == json::Type::kString) names.emplace_back(e.text);
        }
        node.property_dependencies.emplace_back(std::string(m.key), std::move(names));
      } else if (dn.type == json::Type::kObject) {
        node.schema_dependencies.emplace_back(std::string(m.key), child(m.value, p));
      }
    });
    if (json::NodeId a = find("additionalProperties"); a != json::kNoNode) {
      if (doc.node(a).type == json::Type::kBool) {
        node.additional_properties_allowed = doc.node(a).boolean;
      } else if (doc.node(a).type == json::Type::kObject) {
        node.additional_properties = child(a, pointer + "/additionalProperties");
      }
    }
    if (json::NodeId r = find("required");
        r != json::kNoNode && doc.node(r).type == json::Type::kArray) {
      const json::Node& rn = doc.node(r);
      for (uint32_t i = 0; i < rn.count; ++i) {
        const json::Node& e = doc.node(doc.element(rn, i));
        if (e.type == json::Type::kString) node.required.emplace_back(e.text);
      }
    }
    if (json::NodeId items = find("items"); items != json::kNoNode) {
      const json::Node& in = doc.node(items);
      if (in.type == json::Type::kObject) {
        node.items = child(items, pointer + "/items");
      } else if (in.type == json::Type::kArray) {
        node.has_tuple_items = true;
        for (uint32_t i = 0; i < in.count; ++i) {
          node.tuple_items.push_back(
              child(doc.element(in, i), pointer + "/items/" + std::to_string(i)));
        }
      }
    }
    if (json::NodeId a = find("additionalItems"); a != json::kNoNode) {
      if (doc.node(a).type == json::Type::kBool) {
        node.additional_items_allowed = doc.node(a).boolean;
      } else if (doc.node(a).type == json::Type::kObject) {
        node.additional_items = child(a, pointer + "/additionalItems");
      }
    }
    node.min_items = ReadCount(doc, find("minItems"));
    node.max_items = ReadCount(doc, find("maxItems"));
    node.unique_items = ReadBool(doc, find("uniqueItems"));
    node.min_properties = ReadCount(doc, find("minProperties"));
    node.max_properties = ReadCount(doc, find("maxProperties"));
    node.min_length = ReadCount(doc, find("minLength"));
    node.max_length = ReadCount(doc, find("maxLength"));
    node.minimum = ReadNumber(doc, find("minimum"));
    node.maximum = ReadNumber(doc, find("maximum"));
    node.multiple_of = ReadNumber(doc, find("multipleOf"));
    node.exclusive_minimum = ReadBool(doc, find("exclusiveMinimum"));
    node.exclusive_maximum = ReadBool(doc, find("exclusiveMaximum"));
    if (json::NodeId p = find("pattern");
        p != json::kNoNode && doc.node(p).type == json::Type::kString) {
      Result<std::shared_ptr<const Pattern>> pattern = Pattern::Compile(doc.node(p).text);
      if (pattern) {
        node.pattern = pattern.value();
      } else {
        Fail(node.location + ": " + pattern.error().context);
      }
    }
    auto compile_list = [&](std::string_view keyword, std::vector<const SchemaNode*>* out) {
      json::NodeId l = find(keyword);
      if (l == json::kNoNode || doc.node(l).type != json::Type::kArray) return;
      const json::Node& ln = doc.node(l);
      for (uint32_t i = 0; i < ln.count; ++i) {
        out->push_back(child(doc.element(ln, i),
                             pointer + "/" + std::string(keyword) + "/" + std::to_string(i)));
      }
    };
    compile_list("allOf", &node.all_of);
    compile_list("anyOf", &node.any_of);
    compile_list("oneOf", &node.one_of);
    if (json::NodeId n = find("not");
        n != json::kNoNode && doc.node(n).type == json::Type::kObject) {
      node.not_schema = child(n, pointer + "/not");
    }
    return &node;
  }

  const SchemaNode* ResolveRef(size_t doc_index, std::string_view ref, const std::string& where) {
    std::string target = JoinUri(bases_[doc_index], ref);
    std::string fragment;
    std::string uri = SplitFragment(target, &fragment);
    auto found = by_uri_.find(uri);
    if (found == by_uri_.end()) {
      Fail(where + ": $ref \"" + std::string(ref) + "\" names " + uri +
           ", which is not among the schema files (oci-lint never fetches schemas)");
      return nullptr;
    }
    const json::Document& doc = *set_->documents_[found->second];
    json::NodeId id = doc.root();
    std::string pointer;
    for (const std::string& token : FragmentTokens(fragment)) {
      const json::Node& n = doc.node(id);
      json::NodeId next = json::kNoNode;
      if (n.type == json::Type::kObject) {
        next = doc.Find(n, token);
      } else if (n.type == json::Type::kArray && !token.empty() &&
                 token.find_first_not_of("0123456789") == std::string::npos && token.size() < 10) {
        size_t i = std::stoul(token);
        if (i < n.count) next = doc.element(n, i);
      }
      if (next == json::kNoNode) {
        Fail(where + ": $ref \"" + std::string(ref) + "\" points at nothing");
        return nullptr;
      }
      id = next;
      pointer += "/" + json::EscapePointerToken(token);
    }
    return Compile(found->second, id, pointer);
  }

  void Fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  SchemaSet* set_;
  std::vector<std::string> names_;
  std::vector<std::string> bases_;
  std::map<std::string, size_t> by_uri_;
  std::map<std::pair<size_t, json::NodeId>, const SchemaNode*> memo_;
  std::string error_;
};

Result<std::shared_ptr<const SchemaSet>> SchemaSet::FromSources(
    const std::vector<std::pair<std::string, std::string>>& files, const std::string& base_uri,
    const std::string& root, std::string description) {
  auto set = std::shared_ptr<SchemaSet>(new SchemaSet());
  set->description_ = std::move(description);
  Compiler compiler(set.get());
  for (const auto& [name, text] : files) {
    Result<bool> added = compiler.AddDocument(name, base_uri + name, text);
    if (!added) return added.error();
  }
  Result<const SchemaNode*> compiled = compiler.CompileRoot(root);
  if (!compiled) return compiled.error();
  set->root_ = compiled.value();
  return std::shared_ptr<const SchemaSet>(std::move(set));
}

Result<std::shared_ptr<const SchemaSet>> SchemaSet::Embedded() {
  std::vector<std::pair<std::string, std::string>> files;
  for (const EmbeddedFile& file : EmbeddedSchemaFiles()) {
    files.emplace_back(std::string(file.name), std::string(file.text));
  }
  return FromSources(files, "embedded:///schema/", "config-schema.json",
                     std::string(kEmbeddedSchemaName));
}

Result<std::shared_ptr<const SchemaSet>> SchemaSet::FromDirectory(const std::string& dir) {
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
  if (std::find(names.begin(), names.end(), "config-schema.json") == names.end()) {
    return Error{"--schema-dir " + dir + ": no config-schema.json in this directory"};
  }
  std::string base = "file://" + absolute.lexically_normal().string();
  if (base.back() != '/') base += '/';
  return FromSources(files, base, "config-schema.json", "directory " + dir);
}

}  // namespace ocilint::schema
