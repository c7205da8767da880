#include "json/writer.h"

#include <rapidjson/prettywriter.h>

#include "json/output_stream.h"
#include "json/utf8.h"

namespace ocilint::json {

namespace {

using Writer = rapidjson::PrettyWriter<BufferedOStream>;

void WriteString(Writer& w, std::string_view text) {
  if (IsWellFormedUtf8(text)) {
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return;
  }
  std::string clean = SanitizeUtf8(text);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void WriteNode(const Document& doc, NodeId id, const std::set<NodeId>& omit, Writer& w) {
  const Node& n = doc.node(id);
  switch (n.type) {
    case Type::kNull:
      w.Null();
      return;
    case Type::kBool:
      w.Bool(n.boolean);
      return;
    case Type::kNumber:
      w.RawValue(n.text.data(), n.text.size(), rapidjson::kNumberType);
      return;
    case Type::kString:
      WriteString(w, n.text);
      return;
    case Type::kArray:
      w.StartArray();
      for (uint32_t i = 0; i < n.count; ++i) {
        NodeId element = doc.element(n, i);
        if (!omit.count(element)) WriteNode(doc, element, omit, w);
      }
      w.EndArray();
      return;
    case Type::kObject:
      w.StartObject();
      for (uint32_t i = 0; i < n.count; ++i) {
        const Member& m = doc.member(n, i);
        if (omit.count(m.value)) continue;
        std::string key = SanitizeUtf8(m.key);
        w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
        WriteNode(doc, m.value, omit, w);
      }
      w.EndObject();
      return;
  }
}

}  // namespace

Indent DetectIndent(std::string_view source) {
  size_t newline = source.find('\n');
  while (newline != std::string_view::npos && newline + 1 < source.size()) {
    char first = source[newline + 1];
    if (first == '\t') return {'\t', 1};
    if (first == ' ') {
      size_t count = source.find_first_not_of(' ', newline + 1) - (newline + 1);
      if (count > 0 && count <= 8) return {' ', static_cast<unsigned>(count)};
    }
    newline = source.find('\n', newline + 1);
  }
  return {};
}

void WriteDocument(const Document& doc, std::ostream& out, const std::set<NodeId>& omit,
                   Indent indent) {
  if (doc.empty()) return;
  json::BufferedOStream stream(out);
  Writer w(stream);
  w.SetIndent(indent.character, indent.count);
  WriteNode(doc, doc.root(), omit, w);
  stream.Flush();
  out << '\n';
}

}  // namespace ocilint::json
