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
/// paths: open addressing, built at compile time, so a process pays nothing to set
/// it up. std::unordered_set hashes with MurmurHash and chases a node pointer per lookup,
/// several times the cost for names this short.
template <size_t kCapacity>
class StringSet {
  static_assert(kCapacity >= 16 && (kCapacity & (kCapacity - 1)) == 0);

 public:
  static constexpr size_t npos = SIZE_MAX;

  constexpr explicit StringSet(std::span<const std::string_view> members) {
    for (size_t i = 0; i < members.size(); ++i) {
      std::string_view member = members[i];
      if (contains(member)) continue;
      size_t at = Hash(member) & (kCapacity - 1);
      while (slots_[at].data() != nullptr) at = (at + 1) & (kCapacity - 1);
      slots_[at] = member;
      positions_[at] = static_cast<uint32_t>(i);
    }
  }

  constexpr bool contains(std::string_view text) const { return find(text) != npos; }

  /// The position of `text` in the list the set was built from (its first occurrence), or npos.
  constexpr size_t find(std::string_view text) const {
    for (size_t at = Hash(text) & (kCapacity - 1);; at = (at + 1) & (kCapacity - 1)) {
      const std::string_view& slot = slots_[at];
      if (slot.data() == nullptr) return npos;
      if (slot == text) return positions_[at];
    }
  }

 private:
  /// Mixes the length with the first and the last eight bytes (overlapping when shorter than
  /// 16): names in these sets differ within those, and two loads are a fraction of the cost of
  /// hashing byte by byte. Equal results at compile time and at run time.
  static constexpr uint64_t Hash(std::string_view text) {
    const size_t n = text.size();
    uint64_t head = 0, tail = 0;
    if (n >= 8) {
      head = Load8(text.data());
      tail = Load8(text.data() + n - 8);
    } else {
      for (size_t i = 0; i < n; ++i)
        head |= uint64_t{static_cast<unsigned char>(text[i])} << (8 * i);
    }
    uint64_t hash = (head ^ (tail * 0x9E3779B97F4A7C15ull) ^ n) * 0xBF58476D1CE4E5B9ull;
    return hash ^ (hash >> 31);
  }

  /// Eight bytes as a little-endian word (a single load on x86 once optimised).
  static constexpr uint64_t Load8(const char* p) {
    uint64_t word = 0;
    for (size_t i = 0; i < 8; ++i) word |= uint64_t{static_cast<unsigned char>(p[i])} << (8 * i);
    return word;
  }

  /// A default string_view (null data) is an empty slot.
  std::array<std::string_view, kCapacity> slots_{};
  std::array<uint32_t, kCapacity> positions_{};
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
