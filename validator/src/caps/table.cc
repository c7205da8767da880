#include "caps/table.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <unordered_map>

#include "util/edit_distance.h"
#include "util/string_set.h"

namespace ocilint::caps {

namespace {

constexpr KernelVersion k22{2, 2, 0}, k24{2, 4, 0}, k2611{2, 6, 11}, k2624{2, 6, 24},
    k2625{2, 6, 25}, k2637{2, 6, 37}, k30{3, 0, 0}, k35{3, 5, 0}, k316{3, 16, 0}, k58{5, 8, 0},
    k59{5, 9, 0};

constexpr std::array<Capability, 41> kCapabilities = {{
    {0, "CAP_CHOWN", k22},
    {1, "CAP_DAC_OVERRIDE", k22},
    {2, "CAP_DAC_READ_SEARCH", k22},
    {3, "CAP_FOWNER", k22},
    {4, "CAP_FSETID", k22},
    {5, "CAP_KILL", k22},
    {6, "CAP_SETGID", k22},
    {7, "CAP_SETUID", k22},
    {8, "CAP_SETPCAP", k22},
    {9, "CAP_LINUX_IMMUTABLE", k22},
    {10, "CAP_NET_BIND_SERVICE", k22},
    {11, "CAP_NET_BROADCAST", k22},
    {12, "CAP_NET_ADMIN", k22},
    {13, "CAP_NET_RAW", k22},
    {14, "CAP_IPC_LOCK", k22},
    {15, "CAP_IPC_OWNER", k22},
    {16, "CAP_SYS_MODULE", k22},
    {17, "CAP_SYS_RAWIO", k22},
    {18, "CAP_SYS_CHROOT", k22},
    {19, "CAP_SYS_PTRACE", k22},
    {20, "CAP_SYS_PACCT", k22},
    {21, "CAP_SYS_ADMIN", k22},
    {22, "CAP_SYS_BOOT", k22},
    {23, "CAP_SYS_NICE", k22},
    {24, "CAP_SYS_RESOURCE", k22},
    {25, "CAP_SYS_TIME", k22},
    {26, "CAP_SYS_TTY_CONFIG", k22},
    {27, "CAP_MKNOD", k24},
    {28, "CAP_LEASE", k24},
    {29, "CAP_AUDIT_WRITE", k2611},
    {30, "CAP_AUDIT_CONTROL", k2611},
    {31, "CAP_SETFCAP", k2624},
    {32, "CAP_MAC_OVERRIDE", k2625},
    {33, "CAP_MAC_ADMIN", k2625},
    {34, "CAP_SYSLOG", k2637},
    {35, "CAP_WAKE_ALARM", k30},
    {36, "CAP_BLOCK_SUSPEND", k35},
    {37, "CAP_AUDIT_READ", k316},
    {38, "CAP_PERFMON", k58},
    {39, "CAP_BPF", k58},
    // Added in 5.9 (kernel commit 124ea650d307), although runtime-spec PR #1094 says 5.8.
    {40, "CAP_CHECKPOINT_RESTORE", k59},
}};

constexpr auto kNames = [] {
  std::array<std::string_view, kCapabilities.size()> names{};
  for (size_t i = 0; i < names.size(); ++i) names[i] = kCapabilities[i].name;
  return names;
}();
constexpr auto kNameSet = util::MakeStringSet(kNames);

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool IsCanonicalForm(std::string_view entry) {
  return entry.substr(0, 4) == "CAP_" && entry.substr(4, 4) != "CAP_" &&
         std::all_of(entry.begin(), entry.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
         });
}

/// Normalize for an entry that IsCanonicalForm refused.
std::string NormalizeOtherForm(std::string_view entry) {
  while (!entry.empty() && IsAsciiSpace(entry.front())) entry.remove_prefix(1);
  while (!entry.empty() && IsAsciiSpace(entry.back())) entry.remove_suffix(1);
  std::string upper(entry);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::string_view rest = upper;
  while (rest.substr(0, 4) == "CAP_") rest.remove_prefix(4);
  return "CAP_" + std::string(rest);
}

}  // namespace

std::span<const Capability> AllCapabilities() {
  return kCapabilities;
}

const Capability* FindByName(std::string_view name) {
  size_t at = kNameSet.find(name);
  return at == kNameSet.npos ? nullptr : &kCapabilities[at];
}

const Capability* FindByNumber(int number) {
  if (number < 0 || static_cast<size_t>(number) >= kCapabilities.size()) return nullptr;
  return &kCapabilities[static_cast<size_t>(number)];
}

std::string_view Normalize(std::string_view entry, std::string* storage) {
  if (IsCanonicalForm(entry)) return entry;  // the usual case
  *storage = NormalizeOtherForm(entry);
  return *storage;
}

std::string Normalize(std::string_view entry) {
  return IsCanonicalForm(entry) ? std::string(entry) : NormalizeOtherForm(entry);
}

namespace {

std::optional<std::string_view> ComputeSuggestion(std::string_view entry) {
  std::string normalized = Normalize(entry);
  if (normalized.size() > 64) return std::nullopt;
  const Capability* best = nullptr;
  size_t best_distance = SIZE_MAX;
  for (const Capability& cap : kCapabilities) {
    // Only a strictly closer name replaces the best so far: bound the search by that.
    size_t d = util::EditDistance(normalized, cap.name, best_distance - 1);
    if (d < best_distance) {
      best_distance = d;
      best = &cap;
      if (d == 0) break;
    }
  }
  // Close enough to be a typo: a third of the name (without "CAP_"), and at least one edit.
  size_t allowed = std::max<size_t>(1, (best->name.size() - 4) / 3);
  if (best_distance > allowed) return std::nullopt;
  return best->name;
}

}  // namespace

std::optional<std::string_view> Suggest(std::string_view entry) {
  // The same misspelling tends to recur across the files of a batch: remember each answer for
  // this thread (the table is fixed, so an answer never goes stale), up to a bound.
  constexpr size_t kRemembered = 4096;
  thread_local std::unordered_map<std::string, std::optional<std::string_view>> answers;
  std::string key(entry);
  if (auto it = answers.find(key); it != answers.end()) return it->second;
  std::optional<std::string_view> answer = ComputeSuggestion(entry);
  if (answers.size() >= kRemembered) answers.clear();
  answers.emplace(std::move(key), answer);
  return answer;
}

}  // namespace ocilint::caps
