#include "util/edit_distance.h"

#include <algorithm>
#include <array>
#include <vector>

namespace ocilint::util {

namespace {

constexpr size_t kStackColumns = 128;

/// The distance with three rows of `columns` cells (b.size() + 1 of them used).
size_t Rows(std::string_view a, std::string_view b, size_t bound, size_t* before_last, size_t* last,
            size_t* row) {
  for (size_t j = 0; j <= b.size(); ++j) last[j] = j;
  size_t last_smallest = 0;
  for (size_t i = 1; i <= a.size(); ++i) {
    row[0] = i;
    size_t smallest = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t d = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d = std::min(d, before_last[j - 2] + 1);
      }
      row[j] = d;
      smallest = std::min(smallest, d);
    }
    // A cell never drops below the smallest of the two rows it is built from, so once both
    // rows are over the bound, so is the answer (transpositions reach back two rows).
    if (smallest > bound && last_smallest > bound) return bound + 1;
    last_smallest = smallest;
    std::swap(before_last, last);
    std::swap(last, row);
  }
  return std::min(last[b.size()], bound + 1);
}

}  // namespace

size_t EditDistance(std::string_view a, std::string_view b, size_t bound) {
  size_t gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (gap > bound) return bound + 1;
  if (b.size() < kStackColumns) {
    std::array<size_t, 3 * kStackColumns> cells;
    return Rows(a, b, bound, cells.data(), cells.data() + kStackColumns,
                cells.data() + 2 * kStackColumns);
  }
  std::vector<size_t> cells(3 * (b.size() + 1));
  return Rows(a, b, bound, cells.data(), cells.data() + b.size() + 1,
              cells.data() + 2 * (b.size() + 1));
}

}  // namespace ocilint::util
