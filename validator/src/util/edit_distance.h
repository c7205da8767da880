#pragma once

#include <cstddef>
#include <string_view>

namespace ocilint::util {

/// Edits (insert, delete, substitute, or swap two adjacent bytes) that turn `a` into `b`: the
/// optimal string alignment distance. Once every alignment needs more than `bound` edits it stops
/// and returns `bound + 1`, so a far candidate costs little. Allocates nothing for strings up to
/// 127 bytes; longer ones are compared on the heap.
size_t EditDistance(std::string_view a, std::string_view b, size_t bound = SIZE_MAX - 1);

}  // namespace ocilint::util
