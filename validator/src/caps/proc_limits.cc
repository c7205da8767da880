#include "caps/proc_limits.h"

#include <array>
#include <cerrno>
#include <charconv>
#include <string>

namespace ocilint::caps {

namespace {

constexpr std::array kRlimits = {
    RlimitType{"RLIMIT_CPU", 0, "Max cpu time"},
    RlimitType{"RLIMIT_FSIZE", 1, "Max file size"},
    RlimitType{"RLIMIT_DATA", 2, "Max data size"},
    RlimitType{"RLIMIT_STACK", 3, "Max stack size"},
    RlimitType{"RLIMIT_CORE", 4, "Max core file size"},
    RlimitType{"RLIMIT_RSS", 5, "Max resident set"},
    RlimitType{"RLIMIT_NPROC", 6, "Max processes"},
    RlimitType{"RLIMIT_NOFILE", 7, "Max open files"},
    RlimitType{"RLIMIT_MEMLOCK", 8, "Max locked memory"},
    RlimitType{"RLIMIT_AS", 9, "Max address space"},
    RlimitType{"RLIMIT_LOCKS", 10, "Max file locks"},
    RlimitType{"RLIMIT_SIGPENDING", 11, "Max pending signals"},
    RlimitType{"RLIMIT_MSGQUEUE", 12, "Max msgqueue size"},
    RlimitType{"RLIMIT_NICE", 13, "Max nice priority"},
    RlimitType{"RLIMIT_RTPRIO", 14, "Max realtime priority"},
    RlimitType{"RLIMIT_RTTIME", 15, "Max realtime timeout"},
};

constexpr std::string_view kHeader = "Limit";

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

std::string_view NextWord(std::string_view* rest) {
  *rest = Trim(*rest);
  size_t end = rest->find_first_of(" \t");
  std::string_view word = rest->substr(0, end);
  rest->remove_prefix(end == std::string_view::npos ? rest->size() : end);
  return word;
}

bool ParseValue(std::string_view word, RlimitValue* value) {
  if (word == "unlimited") {
    *value = std::nullopt;
    return true;
  }
  uint64_t number = 0;
  auto [end, error] = std::from_chars(word.data(), word.data() + word.size(), number);
  if (error != std::errc() || end != word.data() + word.size()) return false;
  *value = number;
  return true;
}

bool IsHeader(std::string_view line) {
  return line.substr(0, kHeader.size()) == kHeader &&
         line.find("Soft Limit") != std::string_view::npos &&
         line.find("Hard Limit") != std::string_view::npos;
}

}  // namespace

std::span<const RlimitType> AllRlimitTypes() {
  return kRlimits;
}

const RlimitType* FindRlimit(std::string_view name) {
  for (const RlimitType& r : kRlimits) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

bool LooksLikeProcLimits(std::string_view text) {
  for (size_t start = 0; start < text.size();) {
    size_t end = text.find('\n', start);
    if (IsHeader(text.substr(start, end - start))) return true;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return false;
}

Result<ProcessLimits> ParseProcLimits(std::string_view text, std::string_view source) {
  ProcessLimits result;
  bool in_table = false;
  int line_number = 0;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!in_table) {
      in_table = IsHeader(line);
      continue;
    }
    for (const RlimitType& r : kRlimits) {
      if (line.substr(0, r.proc_label.size()) != r.proc_label) continue;
      std::string_view rest = line.substr(r.proc_label.size());
      if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') continue;
      RlimitPair pair;
      if (!ParseValue(NextWord(&rest), &pair.soft) || !ParseValue(NextWord(&rest), &pair.hard)) {
        return Error{std::string(source) + ", line " + std::to_string(line_number) + ": \"" +
                         std::string(Trim(line)) +
                         "\" does not give a soft and a hard limit (numbers or \"unlimited\")",
                     EINVAL};
      }
      result.limits[r.number] = pair;
      break;
    }
  }
  if (!in_table) {
    return Error{std::string(source) +
                     ": no /proc/PID/limits table (its \"Limit  Soft Limit  "
                     "Hard Limit  Units\" header is missing)",
                 EINVAL};
  }
  return result;
}

}  // namespace ocilint::caps
