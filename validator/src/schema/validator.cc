#include "schema/validator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <unordered_map>

#include "json/utf8.h"

namespace ocilint::schema {

namespace {

// Nested checks before the schema is said to recurse without end. python-jsonschema gives up
// far earlier (Python's 1000-frame limit, several frames per level), so nothing it validates
// needs more; 4096 overflowed the default 8 MiB stack (Check + CheckAlternatives per level) in
// sanitizer builds and needed over 4 MiB in release builds.
constexpr size_t kMaxCheckDepth = 1000;

uint8_t InstanceBits(const json::Node& n) {
  switch (n.type) {
    case json::Type::kNull:
      return kTypeNull;
    case json::Type::kBool:
      return kTypeBoolean;
    case json::Type::kNumber:
      return json::IsIntegerLiteral(n.text) ? (kTypeInteger | kTypeNumber) : kTypeNumber;
    case json::Type::kString:
      return kTypeString;
    case json::Type::kArray:
      return kTypeArray;
    case json::Type::kObject:
      return kTypeObject;
  }
  return 0;
}

bool TypeAccepts(const SchemaNode& s, uint8_t bits) {
  return s.types == 0 || (s.types & bits);
}

size_t Hash(const json::Document& doc, json::NodeId id) {
  const json::Node& n = doc.node(id);
  size_t h = static_cast<size_t>(n.type) * 0x9E3779B97F4A7C15ull;
  switch (n.type) {
    case json::Type::kNull:
      return h;
    case json::Type::kBool:
      return h ^ n.boolean;
    case json::Type::kNumber:
      return std::hash<double>()(json::Number::FromLiteral(n.text).ToDouble());
    case json::Type::kString:
      return h ^ std::hash<std::string_view>()(n.text);
    case json::Type::kArray:
      for (uint32_t i = 0; i < n.count; ++i) h = h * 31 + Hash(doc, doc.element(n, i));
      return h;
    case json::Type::kObject:
      for (uint32_t i = 0; i < n.count; ++i) {
        const json::Member& m = doc.member(n, i);
        h += std::hash<std::string_view>()(m.key) ^ (Hash(doc, m.value) * 7);
      }
      return h;
  }
  return h;
}

struct PathToken {
  std::string_view key;
  size_t index = 0;
  bool is_index = false;
};

struct Context {
  const json::Document& doc;
  std::vector<SchemaError>* errors;  ///< nullptr: fast mode, stop at the first failure
  std::vector<PathToken> path;
  size_t depth = 0;
  size_t limit = SIZE_MAX;  ///< errors beyond this are only counted
  size_t unreported = 0;

  std::string Pointer() const {
    std::string out;
    for (const PathToken& t : path) {
      out += '/';
      out += t.is_index ? std::to_string(t.index) : json::EscapePointerToken(t.key);
    }
    return out;
  }
};

class Checker {
 public:
  bool Check(const SchemaNode* schema, json::NodeId id, Context& c);

 private:
  bool CheckNumber(const SchemaNode& s, json::NodeId id, Context& c);
  bool CheckString(const SchemaNode& s, json::NodeId id, Context& c);
  bool CheckArray(const SchemaNode& s, json::NodeId id, Context& c);
  bool CheckObject(const SchemaNode& s, json::NodeId id, Context& c);
  bool CheckAlternatives(const SchemaNode& s, json::NodeId id, Context& c);
  bool Child(const SchemaNode* s, json::NodeId id, PathToken token, Context& c) {
    if (!c.errors) return Check(s, id, c);  // only reports need the path
    c.path.push_back(token);
    bool ok = Check(s, id, c);
    c.path.pop_back();
    return ok;
  }
  /// Records an error; returns false when it was only counted (over the limit).
  static bool Report(Context& c, size_t offset, std::string message, std::string help = {}) {
    if (c.errors->size() >= c.limit) {
      ++c.unreported;
      return false;
    }
    c.errors->push_back({offset, c.Pointer(), std::move(message), std::move(help)});
    return true;
  }
  static void ReportTypeMismatch(const SchemaNode& s, json::NodeId id, Context& c);
  /// minItems/maxItems, minProperties/maxProperties, minLength/maxLength.
  static bool CheckCount(Context& c, size_t offset, size_t actual, std::optional<size_t> min,
                         std::optional<size_t> max, std::string_view noun) {
    bool ok = true;
    if (min && actual < *min) {
      if (!c.errors) return false;
      Report(c, offset,
             "expected at least " + std::to_string(*min) + " " + std::string(noun) + ", found " +
                 std::to_string(actual));
      ok = false;
    }
    if (max && actual > *max) {
      if (!c.errors) return false;
      Report(c, offset,
             "expected at most " + std::to_string(*max) + " " + std::string(noun) + ", found " +
                 std::to_string(actual));
      ok = false;
    }
    return ok;
  }
  static std::string ForbiddenMessage(const SchemaNode& s, json::NodeId id, Context& c);

  /// Set once the schema has recursed kMaxCheckDepth deep: from then on every check fails at
  /// once, so that alternatives ({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}) cannot take
  /// exponential time unwinding.
  bool endless_ = false;
};

/// The message for a value that matches the `not` of `s`: the description of the forbidden
/// schema, else the description of `s`, else the forbidden pattern.
std::string Checker::ForbiddenMessage(const SchemaNode& s, json::NodeId id, Context& c) {
  const SchemaNode& forbidden = *s.logic().not_schema->Resolved();
  std::string value = json::Excerpt(c.doc, id);
  if (forbidden.pattern && forbidden.description.empty()) {
    return value + " must not contain a match for the pattern " + forbidden.pattern->source() +
           (s.description.empty() ? "" : " (" + std::string(s.description) + ")");
  }
  std::string reason(forbidden.description.empty() ? s.description : forbidden.description);
  while (!reason.empty() && (reason.back() == '.' || reason.back() == ' ')) reason.pop_back();
  if (reason.empty()) return "invalid value " + value + ": the schema forbids it here";
  reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return "invalid value " + value + ": " + reason;
}

void Checker::ReportTypeMismatch(const SchemaNode& s, json::NodeId id, Context& c) {
  const json::Node& n = c.doc.node(id);
  std::string found(json::DescribeType(c.doc, id));
  if (n.type != json::Type::kArray && n.type != json::Type::kObject &&
      n.type != json::Type::kNull) {
    found += " " + json::Excerpt(c.doc, id);
  }
  std::string help;
  if (n.type == json::Type::kNumber && (s.types & kTypeInteger) && !(s.types & kTypeNumber)) {
    double value = json::Number::FromLiteral(n.text).ToDouble();
    if (std::isfinite(value) && std::floor(value) == value) {
      help = "draft-04 JSON Schema, which the runtime-spec uses, does not count " +
             std::string(n.text) + " as an integer: write it without a fraction or exponent";
    }
  }
  Report(c, n.offset, "expected " + DescribeSchema(s) + ", found " + found, help);
}

bool Checker::Check(const SchemaNode* schema, json::NodeId id, Context& c) {
  if (!schema) return true;
  const SchemaNode& s = *schema->Resolved();
  if (s.type_only && !endless_) {
    if (TypeAccepts(s, InstanceBits(c.doc.node(id)))) return true;
    if (c.errors) ReportTypeMismatch(s, id, c);
    return false;
  }
  if (endless_ || ++c.depth > kMaxCheckDepth) {
    if (!endless_) --c.depth;
    endless_ = true;
    if (c.errors)
      Report(c, c.doc.node(id).offset, "the schema recurses without end at " + s.Location());
    return false;
  }
  struct DepthGuard {
    size_t& depth;
    ~DepthGuard() { --depth; }
  } guard{c.depth};

  const json::Node& n = c.doc.node(id);
  uint8_t bits = InstanceBits(n);
  if (!TypeAccepts(s, bits)) {
    if (c.errors) ReportTypeMismatch(s, id, c);
    return false;
  }
  bool ok = true;
  if (!s.enum_values.empty()) {
    bool found = std::any_of(s.enum_values.begin(), s.enum_values.end(), [&](const SchemaValue& v) {
      return JsonEqual(c.doc, id, *v.doc, v.id);
    });
    if (!found) {
      if (!c.errors) return false;
      if (Report(c, n.offset,
                 "invalid value " + json::Excerpt(c.doc, id) + ": must be " + DescribeSchema(s))) {
        c.errors->back().enum_mismatch = true;
      }
      ok = false;
    }
  }
  switch (n.type) {
    case json::Type::kNumber:
      ok &= CheckNumber(s, id, c);
      break;
    case json::Type::kString:
      ok &= CheckString(s, id, c);
      break;
    case json::Type::kArray:
      ok &= CheckArray(s, id, c);
      break;
    case json::Type::kObject:
      ok &= CheckObject(s, id, c);
      break;
    default:
      break;
  }
  if (!ok && !c.errors) return false;
  for (const SchemaNode* part : s.logic().all_of) {
    ok &= Check(part, id, c);
    if (!ok && !c.errors) return false;
  }
  if (!s.logic().any_of.empty() || !s.logic().one_of.empty()) ok &= CheckAlternatives(s, id, c);
  if (!ok && !c.errors) return false;
  if (s.logic().not_schema) {
    Context probe{c.doc, nullptr, {}, c.depth};
    if (Check(s.logic().not_schema, id, probe)) {
      if (!c.errors) return false;
      Report(c, n.offset, ForbiddenMessage(s, id, c));
      ok = false;
    }
  }
  return ok;
}

bool Checker::CheckNumber(const SchemaNode& s, json::NodeId id, Context& c) {
  if (!s.number().minimum && !s.number().maximum && !s.number().multiple_of) return true;
  const json::Node& n = c.doc.node(id);
  json::Number value = json::Number::FromLiteral(n.text);
  bool ok = true;
  if (s.number().minimum) {
    int cmp = value.Compare(*s.number().minimum);
    if (cmp < 0 || (s.number().exclusive_minimum && cmp == 0)) {
      if (!c.errors) return false;
      Report(c, n.offset,
             std::string(n.text) +
                 (s.number().exclusive_minimum ? " must be greater than "
                                               : " is less than the minimum ") +
                 s.number().minimum->ToString());
      ok = false;
    }
  }
  if (s.number().maximum) {
    int cmp = value.Compare(*s.number().maximum);
    if (cmp > 0 || (s.number().exclusive_maximum && cmp == 0)) {
      if (!c.errors) return false;
      Report(c, n.offset,
             std::string(n.text) +
                 (s.number().exclusive_maximum ? " must be less than "
                                               : " is greater than the maximum ") +
                 s.number().maximum->ToString());
      ok = false;
    }
  }
  if (s.number().multiple_of) {
    bool multiple = true;
    long long b = 0;
    if (value.is_integer() && s.number().multiple_of->ToInt64(&b) && b != 0) {
      // Exact for integers of any size, as Python's int % is: the remainder digit by digit.
      __extension__ using Wide = unsigned __int128;
      unsigned long long divisor =
          b < 0 ? 0 - static_cast<unsigned long long>(b) : static_cast<unsigned long long>(b);
      Wide remainder = 0;
      for (char digit : value.digits()) remainder = (remainder * 10 + (digit - '0')) % divisor;
      multiple = remainder == 0;
    } else if (s.number().multiple_of->is_integer()) {
      double b_value = s.number().multiple_of->ToDouble();
      multiple = b_value == 0 || std::fmod(value.ToDouble(), b_value) == 0;
    } else {
      double quotient = value.ToDouble() / s.number().multiple_of->ToDouble();
      multiple = std::isfinite(quotient) && std::trunc(quotient) == quotient;
    }
    if (!multiple) {
      if (!c.errors) return false;
      Report(c, n.offset,
             std::string(n.text) + " is not a multiple of " + s.number().multiple_of->ToString());
      ok = false;
    }
  }
  return ok;
}

bool Checker::CheckString(const SchemaNode& s, json::NodeId id, Context& c) {
  const json::Node& n = c.doc.node(id);
  bool ok = true;
  if (s.min_length || s.max_length) {
    ok &= CheckCount(c, n.offset, json::CountCodePoints(n.text), s.min_length, s.max_length,
                     "characters");
    if (!ok && !c.errors) return false;
  }
  if (s.pattern && !s.pattern->Search(n.text)) {
    if (!c.errors) return false;
    Report(c, n.offset,
           json::Excerpt(c.doc, id) + " does not match the pattern " + s.pattern->source(),
           std::string(s.description));
    ok = false;
  }
  return ok;
}

bool Checker::CheckArray(const SchemaNode& s, json::NodeId id, Context& c) {
  const json::Node& n = c.doc.node(id);
  bool ok = true;
  auto element = [&](const SchemaNode* schema, uint32_t i) {
    return Child(schema, c.doc.element(n, i), {{}, i, true}, c);
  };
  if (s.array().items) {
    for (uint32_t i = 0; i < n.count; ++i) {
      ok &= element(s.array().items, i);
      if (!ok && !c.errors) return false;
    }
  } else if (s.array().has_tuple_items) {
    uint32_t tuple = static_cast<uint32_t>(std::min<size_t>(s.array().tuple_items.size(), n.count));
    for (uint32_t i = 0; i < tuple; ++i) {
      ok &= element(s.array().tuple_items[i], i);
      if (!ok && !c.errors) return false;
    }
    if (n.count > s.array().tuple_items.size()) {
      if (!s.array().additional_items_allowed) {
        if (!c.errors) return false;
        Report(c, n.offset,
               "expected at most " + std::to_string(s.array().tuple_items.size()) +
                   " items, found " + std::to_string(n.count));
        ok = false;
      } else if (s.array().additional_items) {
        for (uint32_t i = tuple; i < n.count; ++i) {
          ok &= element(s.array().additional_items, i);
          if (!ok && !c.errors) return false;
        }
      }
    }
  }
  ok &= CheckCount(c, n.offset, n.count, s.array().min_items, s.array().max_items, "items");
  if (!ok && !c.errors) return false;
  if (s.array().unique_items && n.count > 1) {
    std::unordered_multimap<size_t, uint32_t> seen;
    for (uint32_t i = 0; i < n.count; ++i) {
      json::NodeId e = c.doc.element(n, i);
      size_t h = Hash(c.doc, e);
      auto [begin, end] = seen.equal_range(h);
      for (auto it = begin; it != end; ++it) {
        if (JsonEqual(c.doc, e, c.doc, c.doc.element(n, it->second))) {
          if (!c.errors) return false;
          c.path.push_back({{}, i, true});
          Report(c, c.doc.node(e).offset,
                 "items must be unique; this one repeats item " + std::to_string(it->second));
          c.path.pop_back();
          ok = false;
          break;
        }
      }
      seen.emplace(h, i);
    }
  }
  return ok;
}

bool Checker::CheckObject(const SchemaNode& s, json::NodeId id, Context& c) {
  const json::Node& n = c.doc.node(id);
  bool ok = true;
  for (std::string_view name : s.object().required) {
    if (c.doc.Find(n, name) == json::kNoNode) {
      if (!c.errors) return false;
      Report(c, n.offset, "missing required property " + json::Quote(name));
      ok = false;
    }
  }
  for (uint32_t i = 0; i < n.count; ++i) {
    const json::Member& m = c.doc.member(n, i);
    bool matched = false;
    for (const auto& [name, schema] : s.object().properties) {
      if (json::SameKey(name, m.key)) {
        matched = true;
        ok &= Child(schema, m.value, {m.key}, c);
        break;
      }
    }
    for (const auto& [pattern, schema] : s.object().pattern_properties) {
      if (pattern->Search(m.key)) {
        matched = true;
        ok &= Child(schema, m.value, {m.key}, c);
      }
    }
    if (!matched) {
      if (!s.object().additional_properties_allowed) {
        if (!c.errors) return false;
        c.path.push_back({m.key});
        Report(c, m.key_offset, "unknown property " + json::Quote(m.key),
               "this object allows only the properties the spec defines");
        c.path.pop_back();
        ok = false;
      } else if (s.object().additional_properties) {
        ok &= Child(s.object().additional_properties, m.value, {m.key}, c);
      }
    }
    if (!ok && !c.errors) return false;
  }
  for (const auto& [name, needed] : s.object().property_dependencies) {
    if (c.doc.Find(n, name) == json::kNoNode) continue;
    for (std::string_view other : needed) {
      if (c.doc.Find(n, other) != json::kNoNode) continue;
      if (!c.errors) return false;
      Report(c, n.offset,
             "property " + json::Quote(name) + " requires property " + json::Quote(other));
      ok = false;
    }
  }
  for (const auto& [name, schema] : s.object().schema_dependencies) {
    if (c.doc.Find(n, name) == json::kNoNode) continue;
    ok &= Check(schema, id, c);
    if (!ok && !c.errors) return false;
  }
  ok &= CheckCount(c, n.offset, n.count, s.object().min_properties, s.object().max_properties,
                   "properties");
  if (!ok && !c.errors) return false;
  return ok;
}

bool Checker::CheckAlternatives(const SchemaNode& s, json::NodeId id, Context& c) {
  bool ok = true;
  for (bool one : {false, true}) {
    const std::vector<const SchemaNode*>& branches = one ? s.logic().one_of : s.logic().any_of;
    if (branches.empty()) continue;
    size_t valid = 0;
    for (const SchemaNode* branch : branches) {
      Context probe{c.doc, nullptr, {}, c.depth};
      if (Check(branch, id, probe)) {
        ++valid;
        if (!one) break;
      }
    }
    if (valid == 1 || (!one && valid > 0)) continue;
    ok = false;
    if (!c.errors) return false;
    const json::Node& n = c.doc.node(id);
    if (valid > 1) {
      Report(c, n.offset,
             "this value matches " + std::to_string(valid) +
                 " of the allowed forms, but must match exactly one");
      continue;
    }
    uint8_t bits = InstanceBits(n);
    std::vector<const SchemaNode*> candidates;
    for (const SchemaNode* branch : branches) {
      if (TypeAccepts(*branch->Resolved(), bits)) candidates.push_back(branch);
    }
    if (candidates.empty()) {
      SchemaNode combined;
      (one ? combined.EditLogic().one_of : combined.EditLogic().any_of) = branches;
      ReportTypeMismatch(combined, id, c);
      continue;
    }
    // Each candidate's own errors; the clear winner (fewest errors, then the deepest) is
    // reported as it is, and a tie becomes one finding that lists every form.
    std::vector<std::vector<SchemaError>> outcomes;
    for (const SchemaNode* branch : candidates) {
      std::vector<SchemaError>& errors = outcomes.emplace_back();
      Context trial{c.doc, &errors, c.path, c.depth};
      Check(branch, id, trial);
    }
    // A form ruled out only by a listed value (a discriminator such as "type") ranks last.
    auto score = [](const std::vector<SchemaError>& e) {
      size_t depth = 0;
      bool only_enums = !e.empty();
      for (const SchemaError& x : e) {
        depth = std::max(depth, x.pointer.size());
        only_enums &= x.enum_mismatch;
      }
      return std::make_tuple(only_enums, e.size(), SIZE_MAX - depth);
    };
    size_t best = 0;
    bool tie = false;
    for (size_t i = 1; i < outcomes.size(); ++i) {
      if (score(outcomes[i]) < score(outcomes[best])) {
        best = i;
        tie = false;
      } else if (score(outcomes[i]) == score(outcomes[best])) {
        tie = true;
      }
    }
    if (!tie) {
      for (SchemaError& e : outcomes[best]) {
        if (c.errors->size() >= c.limit) {
          ++c.unreported;
        } else {
          c.errors->push_back(std::move(e));
        }
      }
      continue;
    }
    std::string here = c.Pointer();
    std::string forms;
    for (const std::vector<SchemaError>& errors : outcomes) {
      if (!forms.empty()) forms += "; or ";
      for (size_t i = 0; i < errors.size(); ++i) {
        if (i) forms += ", ";
        if (errors[i].pointer != here) forms += errors[i].pointer.substr(here.size()) + ": ";
        forms += errors[i].message;
      }
    }
    Report(c, n.offset, "this value matches none of the allowed forms: " + forms,
           std::string(s.description));
  }
  return ok;
}

}  // namespace

bool JsonEqual(const json::Document& a, json::NodeId x, const json::Document& b, json::NodeId y) {
  const json::Node& p = a.node(x);
  const json::Node& q = b.node(y);
  if (p.type != q.type) return false;
  switch (p.type) {
    case json::Type::kNull:
      return true;
    case json::Type::kBool:
      return p.boolean == q.boolean;
    case json::Type::kNumber:
      return json::Number::FromLiteral(p.text) == json::Number::FromLiteral(q.text);
    case json::Type::kString:
      return p.text == q.text;
    case json::Type::kArray:
      if (p.count != q.count) return false;
      for (uint32_t i = 0; i < p.count; ++i) {
        if (!JsonEqual(a, a.element(p, i), b, b.element(q, i))) return false;
      }
      return true;
    case json::Type::kObject:
      if (p.count != q.count) return false;
      for (uint32_t i = 0; i < p.count; ++i) {
        const json::Member& m = a.member(p, i);
        json::NodeId other = b.Find(q, m.key);
        if (other == json::kNoNode || !JsonEqual(a, m.value, b, other)) return false;
      }
      return true;
  }
  return false;
}

bool Validator::IsValid(const json::Document& doc) const {
  if (doc.empty()) return false;
  Context c{doc, nullptr, {}, 0};
  return Checker().Check(&schema_->root(), doc.root(), c);
}

std::vector<SchemaError> Validator::Validate(const json::Document& doc, size_t max_errors,
                                             size_t* unreported) const {
  std::vector<SchemaError> errors;
  if (doc.empty()) return errors;
  Context c{doc, &errors, {}, 0, max_errors};
  Checker().Check(&schema_->root(), doc.root(), c);
  if (errors.size() > max_errors) {
    c.unreported += errors.size() - max_errors;
    errors.resize(max_errors);
  }
  if (unreported) *unreported = c.unreported;
  std::stable_sort(errors.begin(), errors.end(), [](const SchemaError& a, const SchemaError& b) {
    return std::tie(a.offset, a.pointer, a.message) < std::tie(b.offset, b.pointer, b.message);
  });
  errors.erase(std::unique(errors.begin(), errors.end(),
                           [](const SchemaError& a, const SchemaError& b) {
                             return a.pointer == b.pointer && a.message == b.message;
                           }),
               errors.end());
  return errors;
}

}  // namespace ocilint::schema
