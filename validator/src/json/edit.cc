#include "json/edit.h"

#include <algorithm>
#include <vector>

namespace ocilint::json {

namespace {

/// Past the string literal that starts at `at` (its opening quote).
size_t StringEnd(std::string_view source, size_t at) {
  for (size_t i = at + 1; i < source.size(); ++i) {
    if (source[i] == '\\') {
      ++i;
    } else if (source[i] == '"') {
      return i + 1;
    }
  }
  return source.size();
}

/// Past the array or object that starts at `at`: the bracket that closes it, strings skipped.
size_t ContainerEnd(std::string_view source, size_t at) {
  size_t depth = 0;
  for (size_t i = at; i < source.size(); ++i) {
    char c = source[i];
    if (c == '"') {
      i = StringEnd(source, i) - 1;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if ((c == ']' || c == '}') && --depth == 0) {
      return i + 1;
    }
  }
  return source.size();
}

struct Span {
  size_t begin, end;
  std::string_view text;  ///< what replaces the bytes
};

}  // namespace

size_t ValueEnd(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  std::string_view source = doc.source();
  switch (n.type) {
    case Type::kNull:
      return n.offset + 4;
    case Type::kBool:
      return n.offset + (n.boolean ? 4 : 5);
    case Type::kNumber:
      return n.offset + n.text.size();
    case Type::kString:
      return StringEnd(source, n.offset);
    case Type::kArray:
    case Type::kObject:
      return ContainerEnd(source, n.offset);
  }
  return n.offset;
}

std::string EditSource(const Document& doc, const std::set<NodeId>& remove,
                       const std::map<NodeId, std::string>& replace) {
  std::vector<Span> spans;
  for (const auto& [id, text] : replace)
    spans.push_back({doc.node(id).offset, ValueEnd(doc, id), text});
  if (!remove.empty()) {
    for (NodeId id = 0; id < doc.size(); ++id) {
      const Node& array = doc.node(id);
      if (array.type != Type::kArray || array.count == 0) continue;
      bool any = false;
      for (uint32_t i = 0; i < array.count && !any; ++i) any = remove.count(doc.element(array, i));
      if (!any) continue;
      // Elements removed before a kept one end where the next element starts; those after the
      // last kept one are cut from the end of that kept element to the end of the last element.
      uint32_t last_kept = array.count;
      for (uint32_t i = array.count; i-- > 0;) {
        if (!remove.count(doc.element(array, i))) {
          last_kept = i;
          break;
        }
      }
      for (uint32_t i = 0; i < array.count; ++i) {
        NodeId element = doc.element(array, i);
        if (!remove.count(element)) continue;
        if (last_kept != array.count && i < last_kept) {
          spans.push_back(
              {doc.node(element).offset, doc.node(doc.element(array, i + 1)).offset, ""});
        }
      }
      NodeId last = doc.element(array, array.count - 1);
      if (last_kept == array.count) {
        spans.push_back({doc.node(doc.element(array, 0)).offset, ValueEnd(doc, last), ""});
      } else if (last_kept + 1 < array.count) {
        spans.push_back({ValueEnd(doc, doc.element(array, last_kept)), ValueEnd(doc, last), ""});
      }
    }
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::string_view source = doc.source();
  std::string out;
  out.reserve(source.size());
  size_t at = 0;
  for (const Span& span : spans) {
    if (span.begin < at) continue;  // inside a removed element
    out.append(source.substr(at, span.begin - at));
    out.append(span.text);
    at = span.end;
  }
  out.append(source.substr(at));
  return out;
}

}  // namespace ocilint::json
