#include "lint/spec_coverage.h"

#include <array>

#include "data/embedded.h"
#include "json/parser.h"

namespace ocilint::lint {

namespace {

constexpr std::array<std::string_view, 5> kStatuses = {"rule", "planned", "schema", "runtime",
                                                       "not-checkable"};

std::string Field(const json::Document& doc, const json::Node& row, std::string_view key) {
  json::NodeId id = doc.Find(row, key);
  return id != json::kNoNode && doc.node(id).type == json::Type::kString
             ? std::string(doc.node(id).text)
             : std::string();
}

std::vector<SpecSentence> Load() {
  std::vector<SpecSentence> rows;
  for (const data::EmbeddedFile& file : data::EmbeddedDataFiles()) {
    if (file.name != "spec-coverage.json") continue;
    json::ParseResult parsed = json::Parse(std::string(file.text));
    const json::Document& doc = *parsed.document;
    if (doc.empty() || doc.node(doc.root()).type != json::Type::kArray) break;
    const json::Node& array = doc.node(doc.root());
    for (size_t i = 0; i < array.count; ++i) {
      const json::Node& row = doc.node(doc.element(array, i));
      if (row.type != json::Type::kObject) continue;
      SpecSentence s;
      s.id = Field(doc, row, "id");
      s.file = Field(doc, row, "file");
      s.section = Field(doc, row, "section");
      s.anchor = Field(doc, row, "anchor");
      s.level = Field(doc, row, "level");
      s.text = Field(doc, row, "text");
      s.status = Field(doc, row, "status");
      s.note = Field(doc, row, "note");
      if (s.note.empty()) s.note = Field(doc, row, "reason");
      json::NodeId rules = doc.Find(row, "rules");
      if (rules != json::kNoNode && doc.node(rules).type == json::Type::kArray) {
        const json::Node& list = doc.node(rules);
        for (size_t k = 0; k < list.count; ++k) {
          const json::Node& r = doc.node(doc.element(list, k));
          if (r.type == json::Type::kString) s.rules.emplace_back(r.text);
        }
      }
      rows.push_back(std::move(s));
    }
  }
  return rows;
}

}  // namespace

std::span<const std::string_view> SpecStatuses() {
  return kStatuses;
}

const std::vector<SpecSentence>& SpecCoverage() {
  static const std::vector<SpecSentence> rows = Load();
  return rows;
}

std::vector<const SpecSentence*> SentencesCheckedBy(std::string_view rule) {
  std::vector<const SpecSentence*> found;
  for (const SpecSentence& s : SpecCoverage()) {
    if (s.status != "rule") continue;
    for (const std::string& r : s.rules) {
      if (r == rule) {
        found.push_back(&s);
        break;
      }
    }
  }
  return found;
}

}  // namespace ocilint::lint
