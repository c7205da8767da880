// The spec-coverage matrix (validator/data/spec-coverage.json, embedded): every row has a known
// status, every rule it names exists, every planned row names the rules it would need, the rows
// of runtime.md and runtime-linux.md that conformance tests cite keep their ids, and the
// committed docs/spec-coverage.md is what `oci-lint coverage --format markdown` prints.

#include "lint/spec_coverage.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "lint/rules/catalogue.h"
#include "test_util.h"

namespace ocilint {
namespace {

TEST(SpecCoverageTest, EveryRowHasAStatusAndEveryNamedRuleExists) {
  const std::vector<lint::SpecSentence>& rows = lint::SpecCoverage();
  ASSERT_GT(rows.size(), 250u) << "the embedded matrix is missing or cut";
  std::set<std::string> ids;
  std::set<std::string_view> statuses(lint::SpecStatuses().begin(), lint::SpecStatuses().end());
  for (const lint::SpecSentence& s : rows) {
    SCOPED_TRACE(s.id);
    EXPECT_TRUE(ids.insert(s.id).second) << "duplicate id";
    EXPECT_TRUE(statuses.count(s.status)) << "status \"" << s.status << "\"";
    EXPECT_FALSE(s.text.empty());
    EXPECT_FALSE(s.level.empty());
    if (s.status == "rule" || s.status == "planned") {
      EXPECT_FALSE(s.rules.empty());
    }
    if (s.status == "not-checkable") {
      EXPECT_FALSE(s.note.empty()) << "say why";
    }
    if (s.status == "rule") {
      for (const std::string& rule : s.rules) {
        EXPECT_NE(lint::FindRule(rule), nullptr)
            << "no rule " << rule << " (mark the row \"planned\" until it exists)";
      }
    }
  }
  EXPECT_EQ(lint::SentencesCheckedBy("cap-unavailable").size(), 2u);
}

TEST(SpecCoverageTest, CoversTheRuntimeDocumentsWithStableIds) {
  // Conformance tests cite these ids; each must keep quoting its sentence.
  std::map<std::string, std::string> text;
  for (const lint::SpecSentence& s : lint::SpecCoverage()) text[s.id] = s.text;
  EXPECT_THAT(text["runtime/query-state/3"], ::testing::HasSubstr("MUST return the state"));
  EXPECT_THAT(text["runtime/lifecycle/15"], ::testing::StartsWith("If any poststart hook fails"));
  EXPECT_THAT(text["runtime/create/3"], ::testing::HasSubstr("MUST create a new container"));
  EXPECT_THAT(text["runtime/kill/3"], ::testing::HasSubstr("MUST send the specified signal"));
  EXPECT_THAT(text["runtime/delete/2"], ::testing::HasSubstr("not stopped MUST have no effect"));
  EXPECT_THAT(text["runtime/errors/1"], ::testing::HasSubstr("generating an error MUST leave"));
  EXPECT_THAT(text["runtime-linux/dev-symbolic-links/1"], ::testing::HasSubstr("symlinks"));
}

TEST(SpecCoverageTest, CommittedDocMatchesTheData) {
  testing::CliResult r = testing::RunInProcess({"coverage", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(r.out == testing::ReadFile(testing::SourcePath("docs/spec-coverage.md")))
      << "docs/spec-coverage.md is stale: regenerate it with scripts/gen-docs.sh and commit it";
}

TEST(SpecCoverageTest, ExplainQuotesTheSentencesARuleChecks) {
  testing::CliResult r = testing::RunInProcess({"explain", "cap-unavailable"});
  EXPECT_THAT(r.out, ::testing::HasSubstr("config/linux-process/2 (SHOULD NOT)"));
  testing::CliResult json = testing::RunInProcess({"coverage", "--format", "json"});
  EXPECT_THAT(json.out, ::testing::HasSubstr("\"id\": \"config-linux/namespaces/8\""));
}

}  // namespace
}  // namespace ocilint
