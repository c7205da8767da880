#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <forward_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ocilint::json {

enum class Type : uint8_t { kNull, kBool, kNumber, kString, kArray, kObject };

using NodeId = uint32_t;
inline constexpr NodeId kNoNode = UINT32_MAX;

/// One JSON value. Strings hold decoded UTF-8; numbers hold their literal as written.
struct Node {
  Type type = Type::kNull;
  bool boolean = false;
  size_t offset = 0;      ///< byte offset of the value's first byte in the source
  uint32_t first = 0;     ///< arrays: index into elements; objects: index into members
  uint32_t count = 0;     ///< number of elements or members
  std::string_view text;  ///< strings: decoded value; numbers: the literal
};

/// Whether two member names are equal; length and first byte, which rule out most unequal
/// names, are compared before the bytes (a call to memcmp).
inline bool SameKey(std::string_view a, std::string_view b) {
  return a.size() == b.size() && (a.empty() || a.front() == b.front()) && a == b;
}

/// An object member. Duplicate keys are resolved while parsing: only the last one is kept.
struct Member {
  std::string_view key;
  size_t key_offset = 0;
  NodeId value = kNoNode;
};

/// A parsed JSON text: a flat tree of nodes plus the source it came from.
class Document {
 public:
  explicit Document(std::string source)
      : owned_source_(std::move(source)), source_(owned_source_) {}
  /// A text parsed at build time (the embedded schema): the source and every array are static
  /// data, borrowed, not copied.
  Document(std::string_view source, std::span<const Node> nodes, std::span<const NodeId> elements,
           std::span<const Member> members, NodeId root)
      : source_(source), nodes_(nodes), elements_(elements), members_(members), root_(root) {}
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  std::string_view source() const { return source_; }
  NodeId root() const { return root_; }
  bool empty() const { return root_ == kNoNode; }
  const Node& node(NodeId id) const { return nodes_[id]; }
  NodeId element(const Node& array, size_t i) const { return elements_[array.first + i]; }
  const Member& member(const Node& object, size_t i) const { return members_[object.first + i]; }
  /// The value of `key` in `object`, or kNoNode.
  NodeId Find(const Node& object, std::string_view key) const;
  /// The value of `key` in the object `object` when it has type `type`; kNoNode when `object`
  /// is kNoNode or not an object, or `key` is missing or of another type.
  NodeId FindOfType(NodeId object, std::string_view key, Type type) const;
  /// The node at an RFC 6901 pointer, or kNoNode.
  NodeId Resolve(std::string_view pointer) const;
  /// The value of the number node `id` when it is an integer that fits in `Int`; nullopt for
  /// kNoNode, any other type, a fraction, an exponent, or a value out of range.
  template <typename Int>
  std::optional<Int> IntegerAt(NodeId id) const {
    if (id == kNoNode || node(id).type != Type::kNumber) return std::nullopt;
    std::string_view text = node(id).text;
    Int value{};
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
  }
  /// The RFC 6901 pointer of `id` (a search from the root: for messages, not for hot paths).
  std::string PointerTo(NodeId id) const;
  size_t size() const { return nodes_.size(); }
  /// Every node, element and member, in the order the parser wrote them (embed_schema writes
  /// them out as static data).
  std::span<const Node> nodes() const { return nodes_; }
  std::span<const NodeId> elements() const { return elements_; }
  std::span<const Member> members() const { return members_; }

 private:
  friend class Parser;
  /// Points the views at the owned arrays, once the parser has filled them.
  void Seal() {
    nodes_ = owned_nodes_;
    elements_ = owned_elements_;
    members_ = owned_members_;
  }

  std::string owned_source_;
  std::string_view source_;
  std::vector<Node> owned_nodes_;
  std::vector<NodeId> owned_elements_;
  std::vector<Member> owned_members_;
  /// Storage for strings that contained escapes (a list: no allocation while empty, and a
  /// string never moves, so views into it stay valid).
  std::forward_list<std::string> decoded_;
  std::span<const Node> nodes_;
  std::span<const NodeId> elements_;
  std::span<const Member> members_;
  NodeId root_ = kNoNode;
};

/// Line and column (both 1-based; the column counts Unicode code points) of a byte offset.
struct Position {
  uint32_t line = 0;
  uint32_t column = 0;
};

/// Maps byte offsets of a source text to lines and columns. Built in one pass, keeping a
/// checkpoint every kCheckpointBytes or so (not every line start: a file of 64 million line
/// breaks would need 512 MiB for those); then each question scans at most about
/// kCheckpointBytes from a checkpoint, however long or short the lines are.
class SourceMap {
 public:
  explicit SourceMap(std::string_view source);
  Position Locate(size_t offset) const;
  /// The 1-based line that holds `offset`.
  uint32_t LineOf(size_t offset) const;
  /// Byte offset where 1-based `line` starts (the end of the source past the last line).
  size_t LineStart(uint32_t line) const;
  /// The text of 1-based `line`, without its line break.
  std::string_view Line(uint32_t line) const;

 private:
  /// A position where a code point starts, the code points before it and its 1-based line.
  struct Checkpoint {
    size_t byte;
    size_t code_points;
    uint32_t line;
  };
  static constexpr size_t kCheckpointBytes = 4096;
  /// Code points in source_[0, offset), a sequence cut by `offset` counted byte by byte as
  /// CountCodePoints counts it.
  size_t CodePointsBefore(size_t offset) const;
  /// The last checkpoint at or before `offset`.
  const Checkpoint& CheckpointBefore(size_t offset) const;

  std::string_view source_;
  uint32_t lines_ = 1;                   ///< line breaks + 1
  std::vector<Checkpoint> checkpoints_;  ///< one every kCheckpointBytes or so
};

/// Escapes one reference token for a JSON pointer (~ becomes ~0, / becomes ~1).
std::string EscapePointerToken(std::string_view token);
/// `text` as a double-quoted string for messages: escapes, control characters and bad bytes made
/// visible, cut after `limit` code points.
std::string Quote(std::string_view text, size_t limit = 60);
/// A JSON value as a short literal for messages: strings quoted and cut at `limit` code points.
std::string Excerpt(const Document& doc, NodeId id, size_t limit = 40);
/// "a string", "an integer", "an object"...
std::string_view DescribeType(const Document& doc, NodeId id);

}  // namespace ocilint::json
