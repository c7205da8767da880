#include "lint/runtimes/runtime_knowledge.h"

#include <array>
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
  static const auto* described = [] {
    auto* all = new std::unordered_map<std::string_view, std::string>;
    for (const RuntimeKnowledge& k : AllRuntimeKnowledge()) {
      for (const RuntimeBehaviour& b : k.behaviour) {
        if (!all->count(b.rule)) all->emplace(b.rule, Describe(b.rule));
      }
    }
    return all;
  }();
  static const std::string kNothing;
  auto it = described->find(rule);
  return it == described->end() ? kNothing : it->second;
}

}  // namespace ocilint::lint
