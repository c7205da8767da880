#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "diag/diagnostic.h"
#include "lint/input.h"
#include "lint/linter.h"

namespace ocilint::cli {

/// How LintInOrder may spend threads and memory.
struct LintSchedule {
  unsigned jobs = 1;
  /// The most memory the documents being linted at once may take, by their bounds
  /// (InputMemoryBound); one input is always linted, whatever its bound.
  size_t memory_budget = static_cast<size_t>(-1);
  size_t max_size = 64 * 1024 * 1024;  ///< larger inputs are refused unread: no cost
};

/// The most memory linting `item` may take: json::ParseMemoryBound of its size (a file's, from
/// stat; `max_size` for standard input or when stat fails), 0 when it will not be read.
size_t InputMemoryBound(const lint::InputItem& item, size_t max_size);

/// A quarter of this machine's physical memory (1 GiB when it cannot be read).
size_t DefaultMemoryBudget();

/// Lints every item on up to `schedule.jobs` threads sharing one Linter, and hands each report
/// to `deliver` on this thread in the items' order, as soon as it and every one before it are
/// done. This thread lints too while the report it needs next is not ready; at most 64 reports
/// per thread wait to be delivered, so memory does not grow with the batch, and an input starts
/// only while the bounds of those being linted fit the memory budget with its own.
void LintInOrder(const lint::Linter& linter, const std::vector<lint::InputItem>& items,
                 const LintSchedule& schedule,
                 const std::function<void(const diag::FileReport&)>& deliver);

}  // namespace ocilint::cli
