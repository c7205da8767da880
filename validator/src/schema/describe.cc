#include <string>

#include "json/document.h"
#include "schema/validator.h"

namespace ocilint::schema {

namespace {

std::string EnumList(const SchemaNode& s) {
  std::string out;
  for (size_t i = 0; i < s.enum_values.size(); ++i) {
    if (i) out += ", ";
    const json::Node& n = s.enum_values[i].doc->node(s.enum_values[i].id);
    out += n.type == json::Type::kString
               ? std::string(n.text)
               : json::Excerpt(*s.enum_values[i].doc, s.enum_values[i].id);
  }
  return out;
}

std::string Range(const SchemaNode& s) {
  if (s.number().minimum && s.number().maximum && !s.number().exclusive_minimum &&
      !s.number().exclusive_maximum) {
    return " from " + s.number().minimum->ToString() + " to " + s.number().maximum->ToString();
  }
  std::string out;
  if (s.number().minimum)
    out += (s.number().exclusive_minimum ? " above " : " of at least ") +
           s.number().minimum->ToString();
  if (s.number().maximum) {
    out += (s.number().minimum ? " and" : "");
    out += (s.number().exclusive_maximum ? " below " : " of at most ") +
           s.number().maximum->ToString();
  }
  return out;
}

std::string Plural(const SchemaNode* items) {
  if (!items) return "values";
  items = items->Resolved();
  if (!items->enum_values.empty()) return "values from: " + EnumList(*items);
  switch (items->types) {
    case kTypeString:
      return "strings";
    case kTypeInteger:
      return "integers" + Range(*items);
    case kTypeNumber:
      return "numbers" + Range(*items);
    case kTypeObject:
      return "objects";
    case kTypeArray:
      return "arrays";
    case kTypeBoolean:
      return "booleans";
    default:
      return "values";
  }
}

std::string DescribeType(const SchemaNode& s, uint8_t bit) {
  switch (bit) {
    case kTypeNull:
      return "null";
    case kTypeBoolean:
      return "a boolean";
    case kTypeInteger:
      return "an integer" + Range(s);
    case kTypeNumber:
      return "a number" + Range(s);
    case kTypeString:
      return "a string";
    case kTypeArray:
      return s.array().items ? "an array of " + Plural(s.array().items) : "an array";
    case kTypeObject:
      return "an object";
  }
  return "a value";
}

}  // namespace

std::string DescribeSchema(const SchemaNode& schema) {
  const SchemaNode& s = *schema.Resolved();
  if (!s.enum_values.empty()) return "one of: " + EnumList(s);
  if (s.types != 0) {
    std::string out;
    for (uint8_t bit = 1; bit != 0 && bit <= kTypeObject; bit = static_cast<uint8_t>(bit << 1)) {
      if (!(s.types & bit)) continue;
      if (bit == kTypeInteger && (s.types & kTypeNumber)) continue;
      if (!out.empty()) out += " or ";
      out += DescribeType(s, bit);
    }
    return out;
  }
  const std::vector<const SchemaNode*>& alternatives =
      !s.logic().one_of.empty() ? s.logic().one_of : s.logic().any_of;
  if (!alternatives.empty()) {
    std::string out;
    for (const SchemaNode* alternative : alternatives) {
      std::string d = DescribeSchema(*alternative);
      if (out.find(d) != std::string::npos) continue;
      if (!out.empty()) out += " or ";
      out += d;
    }
    return out;
  }
  if (s.logic().all_of.size() == 1) return DescribeSchema(*s.logic().all_of.front());
  return "a value";
}

}  // namespace ocilint::schema
