#include "json/document.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "json/number.h"
#include "json/utf8.h"

namespace ocilint::json {

NodeId Document::Find(const Node& object, std::string_view key) const {
  if (object.type != Type::kObject) return kNoNode;
  for (uint32_t i = 0; i < object.count; ++i) {
    const Member& m = members_[object.first + i];
    if (SameKey(m.key, key)) return m.value;
  }
  return kNoNode;
}

NodeId Document::FindOfType(NodeId object, std::string_view key, Type type) const {
  if (object == kNoNode) return kNoNode;
  NodeId id = Find(nodes_[object], key);
  return id != kNoNode && nodes_[id].type == type ? id : kNoNode;
}

NodeId Document::Resolve(std::string_view pointer) const {
  NodeId current = root_;
  while (current != kNoNode && !pointer.empty()) {
    if (pointer.front() != '/') return kNoNode;
    pointer.remove_prefix(1);
    size_t end = std::min(pointer.find('/'), pointer.size());
    std::string token;
    for (size_t i = 0; i < end; ++i) {
      if (pointer[i] == '~' && i + 1 < end && (pointer[i + 1] == '0' || pointer[i + 1] == '1')) {
        token += pointer[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        token += pointer[i];
      }
    }
    pointer.remove_prefix(end);
    const Node& n = nodes_[current];
    if (n.type == Type::kObject) {
      current = Find(n, token);
    } else if (n.type == Type::kArray) {
      if (token.empty() || token.size() > 9 ||
          token.find_first_not_of("0123456789") != std::string::npos ||
          (token.size() > 1 && token[0] == '0')) {
        return kNoNode;
      }
      size_t index = std::stoul(token);
      current = index < n.count ? elements_[n.first + index] : kNoNode;
    } else {
      return kNoNode;
    }
  }
  return current;
}

std::string Document::PointerTo(NodeId id) const {
  if (root_ == kNoNode || id >= nodes_.size()) return {};
  // Depth-first from the root; each frame holds a container and the next child to visit.
  struct Frame {
    NodeId node;
    uint32_t next;
  };
  std::vector<Frame> path{{root_, 0}};
  while (!path.empty() && path.back().node != id) {
    Frame& top = path.back();
    const Node& n = nodes_[top.node];
    bool container = n.type == Type::kObject || n.type == Type::kArray;
    if (!container || top.next >= n.count) {
      path.pop_back();
      continue;
    }
    uint32_t i = top.next++;
    path.push_back(
        {n.type == Type::kObject ? members_[n.first + i].value : elements_[n.first + i], 0});
  }
  std::string pointer;
  for (size_t depth = 0; depth + 1 < path.size(); ++depth) {
    const Node& n = nodes_[path[depth].node];
    uint32_t i = path[depth].next - 1;
    pointer += '/';
    pointer +=
        n.type == Type::kObject ? EscapePointerToken(members_[n.first + i].key) : std::to_string(i);
  }
  return pointer;
}

namespace {

/// Line breaks in `text`.
uint32_t CountLineBreaks(std::string_view text) {
  return static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
}

}  // namespace

SourceMap::SourceMap(std::string_view source) : source_(source) {
  checkpoints_.reserve(source.size() / kCheckpointBytes + 1);
  checkpoints_.push_back({0, 0, 1});
  size_t code_points = 0;
  for (size_t i = 0; i < source.size();) {
    if (i >= checkpoints_.back().byte + kCheckpointBytes) {
      const Checkpoint& last = checkpoints_.back();
      uint32_t line = last.line + CountLineBreaks(source.substr(last.byte, i - last.byte));
      checkpoints_.push_back({i, code_points, line});
    }
    uint64_t word = 0x8080808080808080ull;
    if (i + 8 <= source.size()) std::memcpy(&word, source.data() + i, 8);
    if ((word & 0x8080808080808080ull) == 0) {
      i += 8;  // eight ASCII bytes: eight code points
      code_points += 8;
      continue;
    }
    // As CountCodePoints steps. No sequence holds a line break, so every line starts a step.
    size_t length = Utf8SequenceLength(source.substr(i));
    i += length == 0 ? 1 : length;
    ++code_points;
  }
  const Checkpoint& last = checkpoints_.back();
  lines_ = last.line + CountLineBreaks(source.substr(last.byte));
}

const SourceMap::Checkpoint& SourceMap::CheckpointBefore(size_t offset) const {
  auto after = std::upper_bound(checkpoints_.begin(), checkpoints_.end(), offset,
                                [](size_t o, const Checkpoint& c) { return o < c.byte; });
  return *std::prev(after);
}

uint32_t SourceMap::LineOf(size_t offset) const {
  offset = std::min(offset, source_.size());
  const Checkpoint& c = CheckpointBefore(offset);
  return c.line + CountLineBreaks(source_.substr(c.byte, offset - c.byte));
}

size_t SourceMap::LineStart(uint32_t line) const {
  if (line <= 1) return 0;
  if (line > lines_) return source_.size();
  // The last checkpoint on an earlier line: line `line` starts within about kCheckpointBytes
  // after it (the next checkpoint is on line `line` or later).
  auto after = std::partition_point(checkpoints_.begin(), checkpoints_.end(),
                                    [line](const Checkpoint& c) { return c.line < line; });
  const Checkpoint& c = *std::prev(after);
  size_t at = c.byte;
  for (uint32_t l = c.line; l < line; ++l) at = source_.find('\n', at) + 1;
  return at;
}

size_t SourceMap::CodePointsBefore(size_t offset) const {
  const Checkpoint& c = CheckpointBefore(offset);
  return c.code_points + CountCodePoints(source_.substr(c.byte, offset - c.byte));
}

Position SourceMap::Locate(size_t offset) const {
  offset = std::min(offset, source_.size());
  uint32_t line = LineOf(offset);
  size_t column = CodePointsBefore(offset) - CodePointsBefore(LineStart(line)) + 1;
  return {line, static_cast<uint32_t>(column)};
}

std::string_view SourceMap::Line(uint32_t line) const {
  if (line == 0 || line > lines_) return {};
  size_t start = LineStart(line);
  size_t end = std::min(source_.find('\n', start), source_.size());
  std::string_view text = source_.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  out.reserve(token.size());
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

namespace {

std::string QuoteImpl(std::string_view text, size_t limit) {
  std::string out = "\"";
  size_t points = 0;
  for (size_t i = 0; i < text.size(); ++points) {
    if (points == limit) {
      out += "...";
      break;
    }
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = Utf8SequenceLength(text.substr(i));
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else if (length == 0) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(text.substr(i, length));
      i += length;
      continue;
    }
    ++i;
  }
  return out + "\"";
}

}  // namespace

std::string Quote(std::string_view text, size_t limit) {
  return QuoteImpl(text, limit);
}

std::string Excerpt(const Document& doc, NodeId id, size_t limit) {
  const Node& n = doc.node(id);
  switch (n.type) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return n.boolean ? "true" : "false";
    case Type::kNumber:
      return n.text.size() > limit ? std::string(n.text.substr(0, limit)) + "..."
                                   : std::string(n.text);
    case Type::kString:
      return QuoteImpl(n.text, limit);
    case Type::kArray:
      return n.count == 0 ? "[]" : "[...]";
    case Type::kObject:
      return n.count == 0 ? "{}" : "{...}";
  }
  return "";
}

std::string_view DescribeType(const Document& doc, NodeId id) {
  const Node& n = doc.node(id);
  switch (n.type) {
    case Type::kNull:
      return "null";
    case Type::kBool:
      return "a boolean";
    case Type::kNumber:
      return IsIntegerLiteral(n.text) ? "an integer" : "a number";
    case Type::kString:
      return "a string";
    case Type::kArray:
      return "an array";
    case Type::kObject:
      return "an object";
  }
  return "a value";
}

}  // namespace ocilint::json
