// Hostile input: thousands of byte-level mutations of real configs go through the whole
// pipeline (parse, schema, text and JSON reports). Each must end in findings, never a crash or
// a sanitizer report, and every finding must carry a position inside the file.

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "lint/linter.h"
#include "lint/rules/rule_family.h"
#include "report/report.h"
#include "schema/schema.h"
#include "test_util.h"

namespace ocilint {
namespace {

using testing::JsonFilesIn;
using testing::ReadFile;
using testing::SourcePath;

constexpr int kMutationsPerFile = 100;

/// One random edit: flip, insert or delete a byte, or splice in a JSON-significant token.
std::string Mutate(std::string text, std::mt19937& rng) {
  static const char* const kTokens[] = {
      "{",    "}",        "[",   "]", ",",     ":",    "\"", "\\",           "\\u",
      "\xff", "\xc0\xaf", "NaN", "-", "1e999", "null", "\n", "\xef\xbb\xbf", "18446744073709551616",
      "\t",   "\x01"};
  if (text.empty()) return "{";
  std::uniform_int_distribution<size_t> where(0, text.size() - 1);
  size_t at = where(rng);
  switch (rng() % 4) {
    case 0:
      text[at] = static_cast<char>(rng() & 0xFF);
      break;
    case 1:
      text.erase(at, 1 + rng() % 8);
      break;
    case 2:
      text.insert(at, 1, static_cast<char>(rng() & 0xFF));
      break;
    default:
      text.insert(at, kTokens[rng() % (sizeof kTokens / sizeof kTokens[0])]);
      break;
  }
  return text;
}

/// A rule of a semantic family: a mutated, schema-valid config may break what it checks.
bool IsSemanticRule(std::string_view slug) {
  for (const lint::RuleFamily* family : lint::AllRuleFamilies()) {
    if (!family->check) continue;
    for (const diag::RuleInfo& rule : family->rules) {
      if (rule.slug == slug) return true;
    }
  }
  return false;
}

TEST(RobustnessTest, MutatedConfigsNeverCrashAndAlwaysLocateTheirFindings) {
  auto schema = schema::SchemaSet::Embedded();
  ASSERT_TRUE(schema.ok()) << schema.error().message();
  lint::Linter linter(schema.value(), {});
  std::vector<std::string> files = JsonFilesIn(SourcePath("testdata/harvested"));
  if (files.empty()) GTEST_SKIP() << "testdata/harvested/ has no configs";
  std::mt19937 rng(20261128);
  report::ReportContext context{"test", schema.value()->description(), true, {}, {}};
  size_t with_findings = 0, total = 0;
  for (const std::string& name : files) {
    std::string original = ReadFile(SourcePath("testdata/harvested/" + name));
    for (int i = 0; i < kMutationsPerFile; ++i) {
      std::string text = original;
      for (unsigned edits = 1 + rng() % 3; edits > 0; --edits) text = Mutate(text, rng);
      std::vector<diag::FileReport> reports{linter.LintText(name, text)};
      ++total;
      with_findings += !reports[0].diagnostics.empty();
      for (const diag::Diagnostic& d : reports[0].diagnostics) {
        ASSERT_TRUE(d.offset.has_value()) << d.message;
        ASSERT_LE(*d.offset, text.size()) << d.message;
        ASSERT_GE(d.line, 1u) << d.message;
        ASSERT_GE(d.column, 1u) << d.message;
        ASSERT_FALSE(d.message.empty());
      }
      if (!reports[0].diagnostics.empty()) {
        EXPECT_FALSE(reports[0].schema_valid &&
                     reports[0].diagnostics[0].severity == diag::Severity::kError &&
                     !IsSemanticRule(reports[0].diagnostics[0].rule))
            << "an error finding on a schema-valid file: " << reports[0].diagnostics[0].message;
      }
      std::ostringstream text_out, json_out;
      report::FindFormat("text")->write(text_out, reports, context);
      report::FindFormat("json")->write(json_out, reports, context);
      ASSERT_FALSE(json_out.str().empty());
    }
  }
  // Most random edits break the JSON; if almost none were noticed the test is not testing.
  EXPECT_GT(with_findings, total / 2) << with_findings << " of " << total;
}

}  // namespace
}  // namespace ocilint

namespace ocilint {
namespace {

// A hostile config with tens of thousands of capability entries: each rule lists its first
// 1000 findings and counts the rest in one more; every finding keeps its line and column.
TEST(RobustnessTest, RuleFindingsAreCappedPerRule) {
  auto schema = schema::SchemaSet::Embedded();
  ASSERT_TRUE(schema.ok());
  lint::Linter linter(schema.value(), {});
  std::string unknown, repeated;
  for (int i = 0; i < 5000; ++i) {
    unknown += std::string(i ? "," : "") + "\"CAP_XYZZY_" + std::to_string(i) + "\"";
    repeated += std::string(i ? "," : "") + "\"CAP_CHOWN\"";
  }
  std::string text =
      "{\"ociVersion\": \"1.2.0\", \"process\": {\"capabilities\": {\"bounding\": [" + unknown +
      "], \"permitted\": [" + repeated + "]}}}";
  diag::FileReport report = linter.LintText("hostile.json", text);
  std::map<std::string, size_t> per_rule;
  std::map<std::string, std::string> last_message;
  for (const diag::Diagnostic& d : report.diagnostics) {
    ++per_rule[d.rule];
    last_message[d.rule] = d.message;
    EXPECT_EQ(d.line, 1u);
    EXPECT_GT(d.column, 0u);
  }
  EXPECT_EQ(per_rule["cap-unknown"], 1001u);
  EXPECT_EQ(per_rule["cap-duplicate"], 1001u);
  EXPECT_EQ(last_message["cap-unknown"],
            "... and 4000 more cap-unknown findings, not listed one by one");
  EXPECT_EQ(last_message["cap-duplicate"],
            "... and 3999 more cap-duplicate findings, not listed one by one");
}

}  // namespace
}  // namespace ocilint
