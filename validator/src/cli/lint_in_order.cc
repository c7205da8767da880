#include "cli/lint_in_order.h"

#include <malloc.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <variant>

#include "json/parser.h"

namespace ocilint::cli {

size_t InputMemoryBound(const lint::InputItem& item, size_t max_size) {
  const auto* input = std::get_if<lint::Input>(&item);
  if (!input) return 0;
  size_t size = max_size;
  struct stat st;
  if (!input->fs_path.empty() && stat(input->fs_path.c_str(), &st) == 0 && S_ISREG(st.st_mode)) {
    if (static_cast<unsigned long long>(st.st_size) > max_size) return 0;  // refused unread
    size = static_cast<size_t>(st.st_size);
  }
  return json::ParseMemoryBound(size);
}

size_t DefaultMemoryBudget() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return size_t{1} << 30;
  return static_cast<size_t>(pages) / 4 * static_cast<size_t>(page_size);
}

void LintInOrder(const lint::Linter& linter, const std::vector<lint::InputItem>& items,
                 const LintSchedule& schedule,
                 const std::function<void(const diag::FileReport&)>& deliver) {
  auto lint_one = [&](size_t i) {
    if (const auto* failure = std::get_if<lint::InputFailure>(&items[i])) {
      return linter.Unreadable(failure->display_path, failure->error);
    }
    return linter.LintInput(std::get<lint::Input>(items[i]));
  };
  constexpr size_t kAhead = 64;
  constexpr size_t kTrimAbove = size_t{32} << 20;
  constexpr size_t kNobody = static_cast<size_t>(-1);
  const size_t threads = std::max<size_t>(1, std::min<size_t>(schedule.jobs, items.size()));
  const size_t window = kAhead * threads;
  std::mutex mutex;
  std::condition_variable ready;  ///< the report `wanted` is in, or the next item may start
  std::condition_variable room;   ///< the window moved on, or memory was given back
  std::map<size_t, diag::FileReport> waiting;
  size_t next = 0, delivered = 0, wanted = kNobody;
  size_t linting = 0, in_use = 0;  ///< inputs being linted, and their memory bounds
  // The next item's bound, read once (a stat) and only when a budget applies.
  const bool budgeted = schedule.memory_budget != static_cast<size_t>(-1) && threads > 1;
  std::optional<size_t> next_cost;
  auto cost_of_next = [&] {
    if (!budgeted) return size_t{0};
    if (!next_cost) next_cost = InputMemoryBound(items[next], schedule.max_size);
    return *next_cost;
  };
  /// Whether the next item may start now, under the lock.
  auto can_take = [&] {
    if (next >= items.size() || next >= delivered + window) return false;
    return linting == 0 || in_use + cost_of_next() <= schedule.memory_budget;
  };
  /// The next item to lint and its bound, under the lock; or nullopt when none may start now.
  auto take = [&]() -> std::optional<std::pair<size_t, size_t>> {
    if (!can_take()) return std::nullopt;
    size_t cost = cost_of_next();
    next_cost.reset();
    ++linting;
    in_use += cost;
    return std::pair{next++, cost};
  };
  /// Lints a taken item, outside the lock.
  auto lint_taken = [&](std::pair<size_t, size_t> taken) {
    diag::FileReport report = lint_one(taken.first);
    // malloc keeps what a thread freed for that thread: give a large document's memory back,
    // or the next one, on another thread, adds to it and the budget bounds nothing.
    if (taken.second >= kTrimAbove) malloc_trim(0);
    return report;
  };
  /// Files the report of item `i`, whose bound was `cost`, under the lock.
  auto put = [&](size_t i, size_t cost, diag::FileReport report) {
    waiting.emplace(i, std::move(report));
    --linting;
    in_use -= cost;
    if (budgeted) room.notify_all();
    if (i == wanted || budgeted) ready.notify_one();
  };
  auto work = [&] {
    for (;;) {
      std::optional<std::pair<size_t, size_t>> taken;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return next >= items.size() || can_take(); });
        taken = take();
        if (!taken) return;
      }
      diag::FileReport report = lint_taken(*taken);
      std::lock_guard lock(mutex);
      put(taken->first, taken->second, std::move(report));
    }
  };
  std::vector<std::thread> workers;
  for (size_t t = 1; t < threads; ++t) {
    try {
      workers.emplace_back(work);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running share the rest
    }
  }
  for (size_t i = 0; i < items.size(); ++i) {
    std::unique_lock lock(mutex);
    for (auto found = waiting.find(i); found == waiting.end(); found = waiting.find(i)) {
      if (auto own = take()) {
        lock.unlock();
        diag::FileReport report = lint_taken(*own);
        lock.lock();
        put(own->first, own->second, std::move(report));
        continue;
      }
      wanted = i;
      ready.wait(lock, [&] { return waiting.count(i) > 0 || can_take(); });
      wanted = kNobody;
    }
    auto found = waiting.find(i);
    diag::FileReport report = std::move(found->second);
    waiting.erase(found);
    delivered = i + 1;
    lock.unlock();
    room.notify_all();
    deliver(report);
  }
  for (std::thread& worker : workers) worker.join();
}

}  // namespace ocilint::cli
