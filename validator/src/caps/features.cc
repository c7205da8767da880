#include "caps/features.h"

#include <cerrno>

#include "json/parser.h"

namespace ocilint::caps {

Result<RuntimeFeatures> ParseFeatures(std::string text, const std::string& source) {
  json::ParseResult parsed = json::Parse(std::move(text));
  const json::Document& doc = *parsed.document;
  if (!parsed.clean_syntax || doc.empty() || doc.node(doc.root()).type != json::Type::kObject) {
    std::string why = "not a JSON object";
    for (const json::ParseIssue& issue : parsed.issues) {
      if (issue.kind != json::ParseIssue::Kind::kSyntax) continue;
      json::Position p = json::SourceMap(doc.source()).Locate(issue.offset);
      why = std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + issue.message;
      break;
    }
    return Error{source + ": not a runtime features document: " + why, EINVAL};
  }
  RuntimeFeatures features;
  features.document = std::shared_ptr<const json::Document>(std::move(parsed.document));
  const json::Node& root = doc.node(doc.root());
  if (json::NodeId annotations = doc.Find(root, "annotations"); annotations != json::kNoNode) {
    const json::Node& a = doc.node(annotations);
    for (uint32_t i = 0; a.type == json::Type::kObject && i < a.count; ++i) {
      const json::Member& m = doc.member(a, i);
      std::string_view key = m.key;
      const std::string_view suffix = ".version";
      if (doc.node(m.value).type != json::Type::kString || key.size() <= suffix.size() ||
          key.substr(key.size() - suffix.size()) != suffix || key.find("libseccomp") != key.npos) {
        continue;
      }
      std::string_view stem = key.substr(0, key.size() - suffix.size());
      features.name = std::string(stem.substr(stem.rfind('.') + 1));
      features.version = std::string(doc.node(m.value).text);
      break;
    }
  }
  json::NodeId linux_id = doc.Find(root, "linux");
  if (linux_id == json::kNoNode || doc.node(linux_id).type != json::Type::kObject) return features;
  json::NodeId list = doc.Find(doc.node(linux_id), "capabilities");
  if (list == json::kNoNode || doc.node(list).type == json::Type::kNull) return features;
  const json::Node& l = doc.node(list);
  if (l.type != json::Type::kArray) {
    return Error{source + ": linux.capabilities is not an array of strings", EINVAL};
  }
  std::vector<std::string> names;
  for (uint32_t i = 0; i < l.count; ++i) {
    const json::Node& e = doc.node(doc.element(l, i));
    if (e.type != json::Type::kString) {
      return Error{source + ": linux.capabilities is not an array of strings", EINVAL};
    }
    names.emplace_back(e.text);
  }
  features.capabilities = std::move(names);
  return features;
}

std::optional<std::vector<std::string_view>> FeatureList(const json::Document* features,
                                                         std::string_view pointer) {
  if (!features || features->empty()) return std::nullopt;
  json::NodeId list = features->Resolve(pointer);
  if (list == json::kNoNode || features->node(list).type != json::Type::kArray) return std::nullopt;
  const json::Node& array = features->node(list);
  std::vector<std::string_view> names;
  for (uint32_t i = 0; i < array.count; ++i) {
    const json::Node& entry = features->node(features->element(array, i));
    if (entry.type != json::Type::kString) return std::nullopt;
    names.push_back(entry.text);
  }
  return names;
}

std::optional<bool> FeatureSwitch(const json::Document* features, std::string_view pointer) {
  if (!features || features->empty()) return std::nullopt;
  json::NodeId value = features->Resolve(pointer);
  if (value == json::kNoNode || features->node(value).type != json::Type::kBool)
    return std::nullopt;
  return features->node(value).boolean;
}

}  // namespace ocilint::caps
