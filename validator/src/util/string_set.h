#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace ocilint::util {

/// A fixed set of short strings (syscall names, mount options) for membership tests on hot
/// paths: open addressing with FNV-1a, about half full. std::unordered_set hashes with
/// MurmurHash and chases a node pointer per lookup, several times the cost for names this short.
class StringSet {
 public:
  explicit StringSet(std::span<const std::string_view> members) {
    size_t capacity = 16;
    while (capacity < members.size() * 2) capacity *= 2;
    slots_.resize(capacity);
    for (std::string_view member : members) {
      if (contains(member)) continue;
      size_t at = Hash(member) & (capacity - 1);
      while (slots_[at].data() != nullptr) at = (at + 1) & (capacity - 1);
      slots_[at] = member;
    }
  }

  bool contains(std::string_view text) const {
    size_t mask = slots_.size() - 1;
    for (size_t at = Hash(text) & mask;; at = (at + 1) & mask) {
      const std::string_view& slot = slots_[at];
      if (slot.data() == nullptr) return false;
      if (slot == text) return true;
    }
  }

 private:
  static uint64_t Hash(std::string_view text) {
    uint64_t hash = 14695981039346656037ull;
    for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return hash ^ (hash >> 29);
  }

  std::vector<std::string_view> slots_;  ///< a default string_view (null data) is an empty slot
};

}  // namespace ocilint::util
