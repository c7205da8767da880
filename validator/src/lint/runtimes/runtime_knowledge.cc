#include "lint/runtimes/runtime_knowledge.h"

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace ocilint::lint {

extern const RuntimeKnowledge kRuncKnowledge;
extern const RuntimeKnowledge kCrunKnowledge;

namespace {

constexpr std::array kRuntimes = {&kRuncKnowledge, &kCrunKnowledge};

std::string_view Verb(RuntimeOutcome outcome) {
  switch (outcome) {
    case RuntimeOutcome::kRefuses:
      return "refuses it at create";
    case RuntimeOutcome::kWarns:
      return "warns and starts it";
    case RuntimeOutcome::kAccepts:
      return "starts it without a word";
  }
  return "";
}

}  // namespace

std::span<const RuntimeKnowledge> AllRuntimeKnowledge() {
  static const std::array<RuntimeKnowledge, kRuntimes.size()> all = [] {
    std::array<RuntimeKnowledge, kRuntimes.size()> copy{};
    for (size_t i = 0; i < kRuntimes.size(); ++i) copy[i] = *kRuntimes[i];
    return copy;
  }();
  return all;
}

const RuntimeBehaviour* FindBehaviour(const RuntimeKnowledge& runtime, std::string_view rule) {
  for (const RuntimeBehaviour& b : runtime.behaviour) {
    if (b.rule == rule) return &b;
  }
  return nullptr;
}

const RuntimeKnowledge* FindRuntimeKnowledge(std::string_view name) {
  name = name.substr(name.rfind('/') + 1);
  for (const RuntimeKnowledge& k : AllRuntimeKnowledge()) {
    if (k.runtime == name) return &k;
  }
  return nullptr;
}

namespace {

std::string Describe(std::string_view rule) {
  std::string text;
  for (const RuntimeKnowledge& k : AllRuntimeKnowledge()) {
    const RuntimeBehaviour* b = FindBehaviour(k, rule);
    if (!b) continue;
    text += text.empty() ? "" : "; ";
    text +=
        std::string(k.runtime) + " " + std::string(k.version) + " " + std::string(Verb(b->outcome));
    if (!b->detail.empty()) text += " (" + std::string(b->detail) + ")";
  }
  return text.empty() ? text : text + ".";
}

}  // namespace

const std::string& DescribeRuntimes(std::string_view rule) {
  // Built for a rule when a finding first asks for it (a process usually reports a handful of
  // rules), then kept: the reference stays valid for the life of the process.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  static std::mutex mutex;
  static auto* described = new std::unordered_map<std::string, std::unique_ptr<const std::string>,
                                                  Hash, std::equal_to<>>;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = described->find(rule);
  if (it == described->end()) {
    it = described->emplace(std::string(rule), std::make_unique<const std::string>(Describe(rule)))
             .first;
  }
  return *it->second;
}

}  // namespace ocilint::lint
