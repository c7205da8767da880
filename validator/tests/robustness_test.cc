// Hostile input: thousands of byte-level mutations of real configs go through the whole
// pipeline (parse, schema, text and JSON reports). Each must end in findings, never a crash or
// a sanitizer report, and every finding must carry a position inside the file.

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "lint/linter.h"
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

TEST(RobustnessTest, MutatedConfigsNeverCrashAndAlwaysLocateTheirFindings) {
  auto schema = schema::SchemaSet::Embedded();
  ASSERT_TRUE(schema.ok()) << schema.error().message();
  lint::Linter linter(schema.value(), {});
  std::vector<std::string> files = JsonFilesIn(SourcePath("testdata/harvested"));
  if (files.empty()) GTEST_SKIP() << "testdata/harvested/ has no configs";
  std::mt19937 rng(20261128);
  report::ReportContext context{"test", schema.value()->description(), true, {}};
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
                     reports[0].diagnostics[0].severity == diag::Severity::kError)
            << "an error finding on a schema-valid file: " << reports[0].diagnostics[0].message;
      }
      std::ostringstream text_out, json_out;
      report::WriteText(text_out, reports, context);
      report::WriteJson(json_out, reports, context);
      ASSERT_FALSE(json_out.str().empty());
    }
  }
  // Most random edits break the JSON; if almost none were noticed the test is not testing.
  EXPECT_GT(with_findings, total / 2) << with_findings << " of " << total;
}

}  // namespace
}  // namespace ocilint
