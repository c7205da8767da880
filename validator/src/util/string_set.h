#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace ocilint::util {

/// Slots for a StringSet of `members` names: a power of two, at least twice as many, so the
/// table is at most half full.
constexpr size_t StringSetCapacity(size_t members) {
  size_t capacity = 16;
  while (capacity < members * 2) capacity *= 2;
  return capacity;
}

/// A fixed set of short strings (syscall names, mount options) for membership tests on hot
/// paths: open addressing with FNV-1a, built at compile time, so a process pays nothing to set
/// it up. std::unordered_set hashes with MurmurHash and chases a node pointer per lookup,
/// several times the cost for names this short.
template <size_t kCapacity>
class StringSet {
  static_assert(kCapacity >= 16 && (kCapacity & (kCapacity - 1)) == 0);

 public:
  constexpr explicit StringSet(std::span<const std::string_view> members) {
    for (std::string_view member : members) {
      if (contains(member)) continue;
      size_t at = Hash(member) & (kCapacity - 1);
      while (slots_[at].data() != nullptr) at = (at + 1) & (kCapacity - 1);
      slots_[at] = member;
    }
  }

  constexpr bool contains(std::string_view text) const {
    for (size_t at = Hash(text) & (kCapacity - 1);; at = (at + 1) & (kCapacity - 1)) {
      const std::string_view& slot = slots_[at];
      if (slot.data() == nullptr) return false;
      if (slot == text) return true;
    }
  }

 private:
  static constexpr uint64_t Hash(std::string_view text) {
    uint64_t hash = 14695981039346656037ull;
    for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return hash ^ (hash >> 29);
  }

  /// A default string_view (null data) is an empty slot.
  std::array<std::string_view, kCapacity> slots_{};
};

/// The set of `members`, built at compile time: `constexpr auto kSet = MakeStringSet(kNames);`.
template <size_t kCount>
constexpr auto MakeStringSet(const std::string_view (&members)[kCount]) {
  return StringSet<StringSetCapacity(kCount)>(members);
}
template <size_t kCount>
constexpr auto MakeStringSet(const std::array<std::string_view, kCount>& members) {
  return StringSet<StringSetCapacity(kCount)>(members);
}

}  // namespace ocilint::util
