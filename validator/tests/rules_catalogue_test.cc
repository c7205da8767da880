// The rule catalogue (lint/rules/catalogue.h, built from every family's rules) and its front
// doors: `oci-lint rules`, `oci-lint explain`, the generated docs/rules.md, and every rule's
// examples linted for real.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "diag/rules.h"
#include "lint/rules/catalogue.h"
#include "lint/rules/rule_family.h"
#include "test_util.h"

namespace ocilint {
namespace {

using testing::CliResult;
using ::testing::HasSubstr;
using testing::RunInProcess;

rapidjson::Document ParseJson(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str());
  EXPECT_FALSE(doc.HasParseError()) << text.substr(0, 400);
  return doc;
}

/// An example is a config when it is JSON; otherwise it is a command line.
bool IsConfig(std::string_view example) {
  return example.starts_with("{");
}

TEST(RulesCatalogueTest, EveryRuleIsDocumentedAndSlugsAreUniqueAcrossFamilies) {
  std::set<std::string_view> slugs, families;
  for (const lint::RuleFamily* family : lint::AllRuleFamilies()) {
    EXPECT_TRUE(families.insert(family->name).second) << "duplicate family " << family->name;
    EXPECT_FALSE(family->rules.empty()) << family->name;
    for (const diag::RuleInfo& rule : family->rules) {
      SCOPED_TRACE(std::string(family->name) + ": " + std::string(rule.slug));
      EXPECT_TRUE(slugs.insert(rule.slug).second) << "duplicate slug";
      EXPECT_FALSE(rule.summary.empty());
      EXPECT_FALSE(rule.explanation.empty());
      EXPECT_FALSE(rule.example_fires.empty());
      EXPECT_FALSE(rule.example_silent.empty());
      EXPECT_NE(rule.example_fires, rule.example_silent);
      EXPECT_EQ(IsConfig(rule.example_fires), IsConfig(rule.example_silent));
      bool complete = !rule.spec_anchor.empty() && IsConfig(rule.example_fires);
      if (!complete) {
        EXPECT_TRUE(!family->check || !rule.spec_anchor.empty())
            << "only a built-in rule may lack a spec anchor";
        EXPECT_FALSE(rule.exemption.empty()) << "say why there is no spec anchor or config";
      }
      if (rule.slug.starts_with("cap-") && rule.slug != "cap-duplicate") {
        EXPECT_THAT(std::string(rule.spec_text), HasSubstr("MUST")) << "quote the spec sentence";
      }
    }
  }
  EXPECT_TRUE(slugs.count("cap-inheritable-not-bounding"));
  EXPECT_TRUE(slugs.count("io-error"));
}

TEST(RulesCatalogueTest, CatalogueListsEachFamilysRulesInRegistryOrder) {
  std::span<const diag::RuleInfo> all = lint::AllRules();
  size_t i = 0;
  for (const lint::RuleFamily* family : lint::AllRuleFamilies()) {
    for (const diag::RuleInfo& rule : family->rules) {
      ASSERT_LT(i, all.size());
      EXPECT_EQ(all[i].slug, rule.slug);
      EXPECT_EQ(all[i].explanation, rule.explanation);
      EXPECT_EQ(lint::FindRule(rule.slug), &all[i]);
      ++i;
    }
  }
  EXPECT_EQ(i, all.size());
  EXPECT_EQ(all.front().slug, "json-syntax");
  EXPECT_EQ(all.back().slug, "unused-suppression");
  EXPECT_EQ(lint::FindRule("no-such-rule"), nullptr);
  EXPECT_EQ(lint::FindRule(""), nullptr);
  EXPECT_EQ(lint::FindRule("cap-unknown-"), nullptr);
}

TEST(RulesCatalogueTest, SuggestRuleFindsTyposAndParts) {
  EXPECT_EQ(lint::SuggestRule("cap-unknwon"), "cap-unknown");
  EXPECT_EQ(lint::SuggestRule("json-sytnax"), "json-syntax");
  EXPECT_EQ(lint::SuggestRule("CAP_DUPLICATE"), "cap-duplicate");
  EXPECT_EQ(lint::SuggestRule("inheritable-not-bounding"), "cap-inheritable-not-bounding");
  EXPECT_EQ(lint::SuggestRule("zzzzzzzzzzzzzzzzzz"), std::nullopt);
}

TEST(RulesCatalogueTest, RulesTextListsEveryRuleWithItsSpecLink) {
  CliResult r = RunInProcess({"rules"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const diag::RuleInfo& rule : lint::AllRules()) {
    // The slug column is as wide as the longest slug: each is followed by a gap, then its
    // severity, never run into it.
    EXPECT_THAT(r.out, HasSubstr(std::string(rule.slug) + "  ")) << rule.slug;
    EXPECT_THAT(r.out, HasSubstr(std::string(rule.summary))) << rule.slug;
    if (!rule.spec_anchor.empty()) {
      EXPECT_THAT(r.out, HasSubstr(diag::SpecUrl(rule.spec_anchor)));
    }
  }
}

TEST(RulesCatalogueTest, RulesJsonParsesAndListsEveryRuleInOrder) {
  CliResult r = RunInProcess({"rules", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document doc = ParseJson(r.out);
  ASSERT_TRUE(doc.IsObject() && doc["rules"].IsArray());
  const auto& rules = doc["rules"];
  ASSERT_EQ(rules.Size(), lint::AllRules().size());
  for (rapidjson::SizeType i = 0; i < rules.Size(); ++i) {
    const diag::RuleInfo& rule = lint::AllRules()[i];
    const auto& item = rules[i];
    EXPECT_EQ(item["rule"].GetString(), rule.slug);
    EXPECT_EQ(item["severity"].GetString(), diag::SeverityName(rule.default_severity));
    EXPECT_EQ(item["summary"].GetString(), rule.summary);
    EXPECT_EQ(item["explanation"].GetString(), rule.explanation);
    EXPECT_EQ(item["level"].IsNull(), rule.level == diag::Level::kNone);
    EXPECT_EQ(item["spec"].IsNull(), rule.spec_anchor.empty());
    if (!rule.spec_anchor.empty()) {
      EXPECT_EQ(item["spec"].GetString(), diag::SpecUrl(rule.spec_anchor));
    }
  }
}

TEST(RulesCatalogueTest, ExplainPrintsEveryPartOfEveryRule) {
  for (const diag::RuleInfo& rule : lint::AllRules()) {
    SCOPED_TRACE(std::string(rule.slug));
    CliResult r = RunInProcess({"explain", std::string(rule.slug)});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr(std::string(rule.slug) + ": " + std::string(rule.summary)));
    EXPECT_THAT(r.out, HasSubstr(std::string(diag::SeverityName(rule.default_severity))));
    if (!rule.spec_anchor.empty()) {
      EXPECT_THAT(r.out, HasSubstr(diag::SpecUrl(rule.spec_anchor)));
    }
    EXPECT_THAT(r.out, HasSubstr(std::string(rule.example_fires)));
    EXPECT_THAT(r.out, HasSubstr(std::string(rule.example_silent)));
    EXPECT_THAT(r.out, HasSubstr("Fires"));
    EXPECT_THAT(r.out, HasSubstr("Stays silent"));
    // Wrapped, so compare the first words only.
    EXPECT_THAT(r.out, HasSubstr(std::string(rule.explanation.substr(0, 30))));
    if (!rule.spec_text.empty()) {
      EXPECT_THAT(r.out, HasSubstr(std::string(rule.spec_text.substr(0, 20))));
    }
    CliResult md = RunInProcess({"explain", "--format", "markdown", std::string(rule.slug)});
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_THAT(md.out, HasSubstr(std::string(rule.explanation)));
  }
}

TEST(RulesCatalogueTest, ExplainUnknownRuleIsAUsageErrorWithASuggestion) {
  CliResult r = RunInProcess({"explain", "cap-unknwon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("unknown rule \"cap-unknwon\""));
  EXPECT_THAT(r.err, HasSubstr("did you mean \"cap-unknown\"?"));
  CliResult far = RunInProcess({"explain", "no-such-thing-at-all"});
  EXPECT_EQ(far.exit_code, 2);
  EXPECT_THAT(far.err, ::testing::Not(HasSubstr("did you mean")));
  EXPECT_EQ(RunInProcess({"explain"}).exit_code, 2);
  EXPECT_EQ(RunInProcess({"rules", "--format", "xml"}).exit_code, 2);
}

TEST(RulesCatalogueTest, CommittedDocsMatchTheCatalogue) {
  CliResult r = RunInProcess({"rules", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out == testing::ReadFile(testing::SourcePath("docs/rules.md")))
      << "docs/rules.md is stale: regenerate it with scripts/gen-docs.sh (or "
         "./build/oci-lint rules --format markdown > docs/rules.md) and commit it";
}

std::vector<std::string> Split(std::string_view flags) {
  std::vector<std::string> words;
  std::istringstream in{std::string(flags)};
  for (std::string word; in >> word;) {
    words.push_back(word.starts_with("testdata/") ? testing::SourcePath(word) : word);
  }
  return words;
}

/// The rules that `lint --format json` reports on `config` with `flags`.
std::multiset<std::string> RulesFired(std::string_view flags, std::string_view config) {
  testing::TempDir dir;
  std::string path = dir.Write("config.json", std::string(config));
  std::vector<std::string> args = {"lint", "--format", "json"};
  for (std::string& word : Split(flags)) args.push_back(std::move(word));
  args.push_back(path);
  CliResult r = RunInProcess(args);
  EXPECT_NE(r.exit_code, 2) << r.err;
  rapidjson::Document doc = ParseJson(r.out);
  std::multiset<std::string> rules;
  if (!doc.IsObject() || !doc.HasMember("files")) return rules;
  for (const auto& d : doc["files"][0]["diagnostics"].GetArray())
    rules.insert(d["rule"].GetString());
  return rules;
}

TEST(RulesCatalogueTest, EachConfigExampleFiresItsRuleAndTheSilentOneFiresNothing) {
  size_t checked = 0, exempt = 0;
  for (const diag::RuleInfo& rule : lint::AllRules()) {
    SCOPED_TRACE(std::string(rule.slug));
    if (!IsConfig(rule.example_fires)) {  // an exempt rule: a command line, tested elsewhere
      EXPECT_FALSE(rule.exemption.empty());
      ++exempt;
      continue;
    }
    std::multiset<std::string> fires = RulesFired(rule.example_flags, rule.example_fires);
    EXPECT_TRUE(fires.count(std::string(rule.slug))) << rule.example_fires;
    std::multiset<std::string> silent = RulesFired(rule.example_flags, rule.example_silent);
    EXPECT_TRUE(silent.empty()) << rule.example_silent << " fires " << *silent.begin();
    ++checked;
  }
  EXPECT_EQ(checked + exempt, lint::AllRules().size());
  EXPECT_GT(checked, exempt);
}

}  // namespace
}  // namespace ocilint
