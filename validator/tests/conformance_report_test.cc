// The conformance report writers: each format's content, escaping and structure, checked by
// parsing what they write (RapidJSON for JSON) or reading it line by line.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cctype>
#include <string>
#include <vector>

#include "conformance/model.h"
#include "conformance_report_sample.h"

namespace ocilint {
namespace {

using testing::ArraySize;
using testing::Clean;
using testing::ConformanceReport;
using ::testing::HasSubstr;
using testing::Lines;
using ::testing::Not;
using testing::Render;
using testing::Requirement;
using testing::SampleReport;
using testing::ScenarioResult;
using testing::Str;
using testing::Strings;
using testing::TestPoints;
using testing::Verdict;

TEST(ConformanceReport, SummarizeCountsAndKeepsTheJudgesScenarioVerdicts) {
  ConformanceReport report = SampleReport();
  auto counts = [](const conformance::Summary& s) {
    return std::vector<size_t>{s.scenarios,           s.scenarios_passed,    s.scenarios_failed,
                               s.scenarios_skipped,   s.requirements,        s.requirements_passed,
                               s.requirements_failed, s.requirements_skipped};
  };
  EXPECT_EQ(counts(report.Summarize()), (std::vector<size_t>{3, 1, 1, 1, 6, 4, 1, 1}));
  // All its requirements pass, but the judge said fail: that is what counts.
  report.scenarios[0].verdict = Verdict::kFail;
  EXPECT_EQ(counts(report.Summarize()), (std::vector<size_t>{3, 0, 2, 1, 6, 4, 1, 1}));
  EXPECT_EQ(conformance::VerdictName(Verdict::kPass), "pass");
  EXPECT_EQ(conformance::VerdictName(Verdict::kFail), "fail");
  EXPECT_EQ(conformance::VerdictName(Verdict::kSkip), "skip");
}

TEST(ConformanceReport, MarkdownHasTablesEscapesAndVerbatimEvidence) {
  std::string md = Render(conformance::WriteMarkdown, SampleReport());
  std::vector<std::string> lines = Lines(md);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "# runc 1.1.12: runtime-spec conformance");
  for (const char* item :
       {"- Kernel: 6.1.0-18-amd64\n", "- Cgroup mode: unified (cgroup v2)\n",
        "- Runner's bounding set: CAP\\_CHOWN CAP\\_KILL\n", "- Notes: started as root\n",
        "- Date: 2024-05-01T12:00:00Z\n", "- oci-lint version: 0.9.0\n",
        "- Runtime path: /usr/sbin/runc\n",
        "| baseline | Default capabilities | pass | 2 | 0 | 0 |\n",
        "| unknown-name | Unknown capability name | **fail** | 2 | 1 | 0 |\n",
        "| ambient | Ambient capabilities | skip | 0 | 0 | 1 |\n",
        "**Overall:** 3 scenarios (1 passed, 1 failed, 1 skipped); 6 requirements (4 passed, 1 "
        "failed, 1 skipped).",
        "| 1 | MUST | **fail** | started anyway \\| exit 0 \\<no error\\> |\n",
        "\n\\# not a heading\n", "\n> If the runtime cannot apply a capability",
        "\n>\n> — config.md, Linux Process\n"}) {
    EXPECT_THAT(md, HasSubstr(item));
  }
  // Every table row has exactly the columns of its table's header (`|` not after `\`).
  auto separators = [](const std::string& line) {
    size_t n = line.front() == '|';
    for (size_t i = 1; i < line.size(); ++i) n += line[i] == '|' && line[i - 1] != '\\';
    return n;
  };
  size_t columns = 0;
  for (const std::string& line : lines) {
    if (line.rfind("| ", 0) != 0) {
      columns = 0;
    } else if (columns == 0) {
      columns = separators(line);
      EXPECT_TRUE(columns == 8 || columns == 5) << line;
    } else {
      EXPECT_EQ(separators(line), columns) << line;
    }
  }
  // The evidence sits verbatim (bar the byte that is not UTF-8) in a fence longer than its
  // longest backtick run.
  auto open = std::find(lines.begin(), lines.end(), "````text");
  ASSERT_NE(open, lines.end());
  auto close = std::find(open + 1, lines.end(), "````");
  ASSERT_NE(close, lines.end());
  EXPECT_EQ(std::vector<std::string>(open + 1, close),
            Clean(SampleReport().scenarios[1].requirements[0].evidence));
}

TEST(ConformanceReport, ARuntimeRunThroughOciLintRuntimeSaysSoInEveryFormat) {
  ConformanceReport report = SampleReport();
  EXPECT_THAT(Render(conformance::WriteMarkdown, report), Not(HasSubstr("- Through:")));
  report.runtime.wrapper = {"oci-lint-runtime", "/usr/bin/oci-lint-runtime", "adapt", ""};
  std::string md = Render(conformance::WriteMarkdown, report);
  EXPECT_EQ(Lines(md)[0],
            "# runc 1.1.12 through oci-lint-runtime (adapt): runtime-spec conformance");
  EXPECT_THAT(md, HasSubstr("- Runtime path: /usr/sbin/runc\n"));
  EXPECT_THAT(md, HasSubstr("- Through: oci-lint-runtime (/usr/bin/oci-lint-runtime), policy "
                            "adapt\n"));
  std::string html = Render(conformance::WriteHtml, report);
  EXPECT_THAT(html, HasSubstr("<h1>runc 1.1.12 through oci-lint-runtime (adapt): runtime-spec "
                              "conformance</h1>"));
  EXPECT_THAT(html, HasSubstr("<li>Through: oci-lint-runtime (/usr/bin/oci-lint-runtime), policy "
                              "adapt</li>"));
  EXPECT_THAT(Render(conformance::WriteJunit, report),
              HasSubstr("name=\"oci-lint conformance: runc 1.1.12 through oci-lint-runtime "
                        "(adapt)\""));
  std::string json = Render(conformance::WriteJson, report);
  EXPECT_THAT(json, HasSubstr("\"wrapper\": {\n      \"name\": \"oci-lint-runtime\",\n      "
                              "\"path\": \"/usr/bin/oci-lint-runtime\",\n      \"policy\": "
                              "\"adapt\",\n      \"config\": \"\"\n    }"));
}

TEST(ConformanceReport, JsonHasEveryContractFieldWithItsType) {
  const ConformanceReport report = SampleReport();
  std::string text = Render(conformance::WriteJson, report);
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  ASSERT_FALSE(doc.HasParseError()) << text;
  rapidjson::Document head;  // Exactly these members, with these values.
  head.Parse(R"json({"tool": {"name": "oci-lint", "version": "0.9.0"},
    "runtime": {"name": "runc", "version": "1.1.12", "path": "/usr/sbin/runc"},
    "environment": {"kernel": "6.1.0-18-amd64", "cgroupMode": "unified (cgroup v2)",
      "bounding": "CAP_CHOWN CAP_KILL", "runtimeArgs": ["--systemd-cgroup", "--root=/run/<x>"],
      "notes": "started as root", "date": "2024-05-01T12:00:00Z"},
    "summary": {"scenarios": {"total": 3, "passed": 1, "failed": 1, "skipped": 1},
      "requirements": {"total": 6, "passed": 4, "failed": 1, "skipped": 1}}})json");
  ASSERT_TRUE(doc.IsObject() && head.IsObject());
  for (const auto& member : head.GetObject()) {
    ASSERT_TRUE(doc.HasMember(member.name)) << member.name.GetString();
    EXPECT_TRUE(doc[member.name] == member.value) << member.name.GetString();
  }
  ASSERT_EQ(ArraySize(doc, "/scenarios"), 3u);
  for (size_t i = 0; i < 3; ++i) {
    const ScenarioResult& want = report.scenarios[i];
    std::string s = "/scenarios/" + std::to_string(i);
    EXPECT_EQ(Str(doc, s + "/id"), want.id);
    EXPECT_EQ(Str(doc, s + "/title"), want.title);
    EXPECT_EQ(Str(doc, s + "/description"), want.description);
    EXPECT_EQ(Str(doc, s + "/verdict"), conformance::VerdictName(want.verdict));
    const rapidjson::Value* skip = rapidjson::Pointer((s + "/skipReason").c_str()).Get(doc);
    ASSERT_NE(skip, nullptr);
    EXPECT_EQ(skip->IsNull(), want.skip_reason.empty());
    if (!want.skip_reason.empty()) {
      EXPECT_EQ(Str(doc, s + "/skipReason"), want.skip_reason);
    }
    ASSERT_EQ(ArraySize(doc, s + "/requirements"), want.requirements.size());
    for (size_t j = 0; j < want.requirements.size(); ++j) {
      const Requirement& w = want.requirements[j];
      std::string r = s + "/requirements/" + std::to_string(j);
      EXPECT_EQ(Str(doc, r + "/level"), w.level);
      EXPECT_EQ(Str(doc, r + "/text"), w.text);
      EXPECT_EQ(Str(doc, r + "/source"), w.source);
      EXPECT_EQ(Str(doc, r + "/verdict"), conformance::VerdictName(w.verdict));
      EXPECT_EQ(Str(doc, r + "/summary"), w.summary);
      EXPECT_EQ(Strings(doc, r + "/evidence"), Clean(w.evidence));
    }
  }
}

TEST(ConformanceReport, HtmlIsSelfContainedAndEscaped) {
  std::string html = Render(conformance::WriteHtml, SampleReport());
  std::string lower = html;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_EQ(lower.rfind("<!doctype html>", 0), 0u);
  for (const char* banned :
       {"<script", "http://", "https://", " src=", "<link", "<caps>", "<no error>", "\x01"}) {
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
    EXPECT_EQ(lower.find(banned), std::string::npos) << banned;
  }
  for (const char* part :
       {"<style>", "<h1>runc 1.1.12: runtime-spec conformance</h1>",
        "<li>Cgroup mode: unified (cgroup v2)</li>",
        "a|b &lt;caps&gt; &amp; &quot;quoted&quot; &#39;single&#39; ```fence``` \xEF\xBF\xBD "
        "G\xC3\xA9rard",
        "<span class=\"verdict fail\">fail</span>",
        "<a href=\"#scenario-unknown-name\">unknown-name</a>",
        "<section id=\"scenario-unknown-name\">"}) {
    EXPECT_THAT(html, HasSubstr(part));
  }
}

TEST(ConformanceReport, EmptyReportIsValidInEveryFormat) {
  ConformanceReport report;
  report.runtime = {"crun", "1.14", "/usr/bin/crun"};
  std::string md = Render(conformance::WriteMarkdown, report);
  EXPECT_EQ(Lines(md)[0], "# crun 1.14: runtime-spec conformance");
  EXPECT_THAT(md, HasSubstr("0 scenarios (0 passed, 0 failed, 0 skipped); 0 requirements"));

  std::string json = Render(conformance::WriteJson, report);
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  ASSERT_FALSE(doc.HasParseError()) << json;
  EXPECT_EQ(ArraySize(doc, "/scenarios"), 0u);
  rapidjson::Document zero;
  zero.Parse(R"({"scenarios": {"total": 0, "passed": 0, "failed": 0, "skipped": 0},
    "requirements": {"total": 0, "passed": 0, "failed": 0, "skipped": 0}})");
  ASSERT_TRUE(doc.IsObject() && doc.HasMember("summary"));
  EXPECT_TRUE(doc["summary"] == zero);

  std::string tap = Render(conformance::WriteTap, report);
  EXPECT_EQ(Lines(tap)[1].rfind("1..0", 0), 0u);
  EXPECT_EQ(TestPoints(tap), 0u);

  std::string html = Render(conformance::WriteHtml, report);
  EXPECT_THAT(html, HasSubstr("<p>No scenarios were run.</p>"));
  EXPECT_THAT(html, HasSubstr("</html>\n"));

  std::string xml = Render(conformance::WriteJunit, report);
  EXPECT_THAT(xml, HasSubstr("tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\">"));
}

}  // namespace
}  // namespace ocilint
