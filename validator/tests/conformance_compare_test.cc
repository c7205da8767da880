// `oci-lint conformance compare`: report.json read back (old and new format, hostile input), the
// comparison model (rows, order, disagreements, sections), its two writers and the command.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "conformance/compare.h"
#include "conformance/model.h"
#include "conformance_report_sample.h"
#include "test_util.h"

namespace ocilint {
namespace {

using conformance::Agreement;
using conformance::Compare;
using conformance::Comparison;
using conformance::LoadedReport;
using conformance::LoadReport;
using conformance::ParseReportJson;
using testing::ConformanceReport;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Lines;
using ::testing::Not;
using testing::Requirement;
using testing::RunBinary;
using testing::RunInProcess;
using testing::SampleReport;
using testing::ScenarioResult;
using testing::SourcePath;
using testing::TempDir;
using testing::Verdict;

const std::string kRuncDir = "testdata/conformance-reports/caps-only/runc-1.1.5";
const std::string kCrunDir = "testdata/conformance-reports/caps-only/crun-1.8.1";

std::string ToJson(const ConformanceReport& report) {
  std::ostringstream out;
  conformance::WriteJson(out, report);
  return out.str();
}

/// The error ParseReportJson gives for `text`, or "" when it reads it.
std::string ParseError(const std::string& text) {
  Result<ConformanceReport> r = ParseReportJson(text, "dir/report.json");
  return r.ok() ? "" : r.error().message();
}

Requirement Req(std::string id, Verdict verdict, std::string summary = "",
                std::string source = "config.md, Linux Process") {
  Requirement r;
  r.id = std::move(id);
  r.level = "MUST";
  r.text = "The runtime MUST do " + r.id + ".";
  r.source = std::move(source);
  r.verdict = verdict;
  r.summary = std::move(summary);
  r.evidence = {"exit status 0"};
  return r;
}

ScenarioResult Scen(std::string id, std::vector<Requirement> requirements,
                    std::string battery = "caps") {
  ScenarioResult s;
  s.id = std::move(id);
  s.battery = std::move(battery);
  s.title = "Title of " + s.id;
  s.verdict = Verdict::kPass;
  s.requirements = std::move(requirements);
  return s;
}

LoadedReport Loaded(std::string name, std::string version, std::vector<ScenarioResult> scenarios) {
  LoadedReport loaded;
  loaded.path = "reports/" + name + "/report.json";
  loaded.report.runtime = {std::move(name), std::move(version), "/usr/bin/x"};
  loaded.report.scenarios = std::move(scenarios);
  return loaded;
}

std::vector<std::string> RowIds(const conformance::CompareScenario& scenario) {
  std::vector<std::string> ids;
  for (const conformance::CompareRow& row : scenario.rows) {
    ids.push_back(row.requirement_id.empty() ? "#" + std::to_string(row.position)
                                             : row.requirement_id);
  }
  return ids;
}

// The reader.

TEST(ConformanceCompareReader, ReadsTheCommittedOlderReports) {
  Result<LoadedReport> runc = LoadReport(SourcePath(kRuncDir));
  ASSERT_TRUE(runc.ok()) << runc.error().message();
  EXPECT_EQ(runc->path, SourcePath(kRuncDir) + "/report.json");
  const ConformanceReport& r = runc->report;
  EXPECT_EQ(r.runtime.name, "runc");
  EXPECT_EQ(r.runtime.version, "1.1.5+ds1");
  EXPECT_EQ(r.runtime.path, "/usr/sbin/runc");
  EXPECT_EQ(r.environment.kernel, "6.18.44-fc-v595");
  EXPECT_EQ(r.environment.tool_version, "0.1.0");
  EXPECT_TRUE(r.environment.runtime_args.empty());
  ASSERT_EQ(r.scenarios.size(), 8u);
  EXPECT_EQ(r.scenarios[0].id, "baseline");
  for (const ScenarioResult& scenario : r.scenarios) {
    EXPECT_EQ(scenario.battery, "caps") << "the default of a report without batteries";
    for (const Requirement& requirement : scenario.requirements) {
      EXPECT_EQ(requirement.id, "");
      EXPECT_FALSE(requirement.text.empty());
    }
  }
  EXPECT_EQ(r.Summarize().requirements, 20u);
  // A report.json may be named itself.
  Result<LoadedReport> crun = LoadReport(SourcePath(kCrunDir + "/report.json"));
  ASSERT_TRUE(crun.ok()) << crun.error().message();
  EXPECT_EQ(crun->report.runtime.name, "crun");
}

TEST(ConformanceCompareReader, ReadsBackWhatWriteJsonWrites) {
  ConformanceReport report = SampleReport();
  report.environment.runtime_args = {"--systemd-cgroup", "--root=/run/x"};
  report.scenarios[1].battery = "spec";
  report.scenarios[1].requirements[0].id = "config/process/3";
  Result<ConformanceReport> read = ParseReportJson(ToJson(report), "report.json");
  ASSERT_TRUE(read.ok()) << read.error().message();
  const ConformanceReport& r = *read;
  EXPECT_EQ(r.runtime.name, "runc");
  EXPECT_EQ(r.runtime.version, "1.1.12");
  EXPECT_EQ(r.environment.cgroup_mode, "unified (cgroup v2)");
  EXPECT_EQ(r.environment.bounding, "CAP_CHOWN CAP_KILL");
  EXPECT_EQ(r.environment.notes, "started as root");
  EXPECT_EQ(r.environment.date, "2024-05-01T12:00:00Z");
  EXPECT_EQ(r.environment.tool_version, "0.9.0");
  EXPECT_THAT(r.environment.runtime_args, ElementsAre("--systemd-cgroup", "--root=/run/x"));
  ASSERT_EQ(r.scenarios.size(), 3u);
  EXPECT_EQ(r.scenarios[1].battery, "spec");
  EXPECT_EQ(r.scenarios[1].verdict, Verdict::kFail);
  EXPECT_EQ(r.scenarios[2].skip_reason, "kernel lacks ambient capabilities");
  EXPECT_EQ(r.scenarios[0].skip_reason, "") << "null";
  ASSERT_EQ(r.scenarios[1].requirements.size(), 3u);
  const Requirement& first = r.scenarios[1].requirements[0];
  EXPECT_EQ(first.id, "config/process/3");
  EXPECT_EQ(first.verdict, Verdict::kFail);
  EXPECT_EQ(first.summary, "started anyway | exit 0 <no error>");
  EXPECT_EQ(first.evidence, testing::Clean(report.scenarios[1].requirements[0].evidence));
  EXPECT_EQ(r.Summarize().requirements, report.Summarize().requirements);
}

TEST(ConformanceCompareReader, ReadsBackTheWrapperTheRuntimeRanThrough) {
  ConformanceReport report = SampleReport();
  EXPECT_EQ(ToJson(report).find("\"wrapper\""), std::string::npos)
      << "a runtime run directly has no wrapper member";
  report.runtime.wrapper = {"oci-lint-runtime", "/usr/bin/oci-lint-runtime", "adapt",
                            "/etc/oci-lint/runtime.toml"};
  Result<ConformanceReport> read = ParseReportJson(ToJson(report), "report.json");
  ASSERT_TRUE(read.ok()) << read.error().message();
  EXPECT_EQ(read->runtime.name, "runc");
  EXPECT_EQ(read->runtime.wrapper.name, "oci-lint-runtime");
  EXPECT_EQ(read->runtime.wrapper.path, "/usr/bin/oci-lint-runtime");
  EXPECT_EQ(read->runtime.wrapper.policy, "adapt");
  EXPECT_EQ(read->runtime.wrapper.config, "/etc/oci-lint/runtime.toml");
  EXPECT_EQ(read->runtime.Label(), "runc 1.1.12 through oci-lint-runtime (adapt)");
  EXPECT_EQ(read->runtime.Through(),
            "oci-lint-runtime (/usr/bin/oci-lint-runtime), policy adapt, settings from "
            "/etc/oci-lint/runtime.toml");
  Result<ConformanceReport> nameless = ParseReportJson(
      R"({"runtime": {"name": "runc", "wrapper": {"policy": "adapt"}}, "scenarios": []})",
      "report.json");
  ASSERT_FALSE(nameless.ok());
  EXPECT_THAT(nameless.error().message(), HasSubstr("runtime.wrapper.name is missing"));
}

TEST(ConformanceCompareReader, MalformedReportsAreErrorsNamingTheFileAndThePlace) {
  const std::string ok_requirement = R"({"verdict": "pass"})";
  auto with_requirement = [](const std::string& requirement) {
    return R"({"runtime": {"name": "runc"}, "scenarios": [{"id": "a", "verdict": "pass",
      "requirements": [)" +
           requirement + "]}]}";
  };
  struct Case {
    std::string text;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", "not valid JSON at line 1, column 1"},
      {"not json", "not valid JSON at line 1, column 2: Invalid value."},
      {"{\n  \"runtime\": {\"name\": \"runc\"},\n  \"scenarios\": [}", "line 3, column"},
      {R"({"runtime": {"name": "runc"}, "scenarios": []} trailing)", "not valid JSON"},
      {"[]", "the document is an array, not an object"},
      {"{}", "runtime is missing"},
      {R"({"runtime": "runc", "scenarios": []})", "runtime is a string, not an object"},
      {R"({"runtime": {}, "scenarios": []})", "runtime.name is missing"},
      {R"({"runtime": {"name": ""}, "scenarios": []})", "runtime.name is empty"},
      {R"({"runtime": {"name": 7}, "scenarios": []})", "runtime.name is a number, not a string"},
      {R"({"runtime": {"name": "runc"}})", "scenarios is missing"},
      {R"({"runtime": {"name": "runc"}, "scenarios": {}})", "scenarios is an object, not an array"},
      {R"({"runtime": {"name": "runc"}, "scenarios": [3]})", "scenarios[0] is a number"},
      {R"({"runtime": {"name": "runc"}, "scenarios": [{"verdict": "pass", "requirements": []}]})",
       "scenarios[0].id is missing"},
      {R"({"runtime": {"name": "runc"}, "scenarios": [{"id": "a", "requirements": []}]})",
       "scenarios[0].verdict is missing"},
      {R"({"runtime": {"name": "runc"}, "scenarios": [{"id": "a", "verdict": "pass"}]})",
       "scenarios[0].requirements is missing"},
      {R"({"runtime": {"name": "runc"}, "environment": {"runtimeArgs": "--x"}, "scenarios": []})",
       "environment.runtimeArgs is a string, not an array"},
      {R"({"runtime": {"name": "runc"}, "environment": {"runtimeArgs": [1]}, "scenarios": []})",
       "environment.runtimeArgs[0] is a number, not a string"},
      {R"({"runtime": {"name": "runc"}, "environment": [], "scenarios": []})",
       "environment is an array, not an object"},
      {with_requirement(R"({"verdict": "maybe"})"),
       R"(scenarios[0].requirements[0].verdict is "maybe", not "pass", "fail" or "skip")"},
      {with_requirement(R"({"verdict": true})"), "verdict is a non-string, not \"pass\""},
      {with_requirement(ok_requirement + R"(, {"verdict": "pass", "evidence": [null]})"),
       "scenarios[0].requirements[1].evidence[0] is null, not a string"},
      {with_requirement(R"({"verdict": "pass", "text": {"a": 1}})"),
       "scenarios[0].requirements[0].text is an object, not a string"},
      {with_requirement("[]"), "scenarios[0].requirements[0] is an array, not an object"},
      {R"({"runtime": {"name": "runc"}, "scenarios": [
          {"id": "a", "verdict": "pass", "requirements": []},
          {"id": "a", "verdict": "pass", "requirements": []}]})",
       "scenarios[1] repeats scenario \"a\" of battery caps"},
  };
  for (const Case& c : cases) {
    std::string error = ParseError(c.text);
    EXPECT_THAT(error, HasSubstr("dir/report.json: ")) << c.text;
    EXPECT_THAT(error, HasSubstr(c.expected)) << c.text;
  }
  // The same id in two batteries is two scenarios.
  EXPECT_EQ(ParseError(R"({"runtime": {"name": "runc"}, "scenarios": [
          {"id": "a", "verdict": "pass", "requirements": []},
          {"id": "a", "battery": "spec", "verdict": "pass", "requirements": []}]})"),
            "");
}

TEST(ConformanceCompareReader, HostileDocumentsNeitherCrashNorFlood) {
  // Nested a million deep: the iterative parser needs no stack for it.
  std::string deep(1000000, '[');
  EXPECT_THAT(ParseError(deep), HasSubstr("not valid JSON"));
  EXPECT_THAT(ParseError(std::string(500000, '[') + std::string(500000, ']')),
              HasSubstr("the document is an array"));
  // A huge string is read (the file's size is what is bounded), and an error message never
  // quotes more than 40 characters of a value, with control characters replaced.
  std::string huge(8 << 20, 'x');
  Result<ConformanceReport> big =
      ParseReportJson(R"({"runtime": {"name": "runc"}, "environment": {"notes": ")" + huge +
                          R"("}, "scenarios": []})",
                      "report.json");
  ASSERT_TRUE(big.ok()) << big.error().message();
  EXPECT_EQ(big->environment.notes.size(), huge.size());
  std::string error =
      ParseError(R"({"runtime": {"name": "runc"}, "scenarios": [{"id": "a", "verdict": ")" + huge +
                 R"(\u001b[31m", "requirements": []}]})");
  EXPECT_LT(error.size(), 200u) << error.substr(0, 300);
  std::string escape_error =
      ParseError(R"({"runtime": {"name": "runc"}, "scenarios": [{"id": "a", "verdict": )"
                 R"("\u001b[31mred", "requirements": []}]})");
  EXPECT_THAT(escape_error, HasSubstr("red"));
  EXPECT_THAT(escape_error, Not(HasSubstr("\x1b")));
  // NUL, bytes that are not UTF-8 and unknown members are data, not errors.
  Result<ConformanceReport> odd = ParseReportJson(
      "{\"runtime\": {\"name\": \"ru\\u0000nc\", \"extra\": [1, {}]}, \"future\": 1, "
      "\"scenarios\": [{\"id\": \"\xFF\", \"verdict\": \"skip\", \"requirements\": [], "
      "\"skipReason\": null}], \"summary\": \"not read\", \"sections\": 7}",
      "report.json");
  ASSERT_TRUE(odd.ok()) << odd.error().message();
  EXPECT_EQ(odd->runtime.name, std::string("ru\0nc", 5));
  EXPECT_EQ(odd->scenarios[0].id, "\xFF");
}

TEST(ConformanceCompareReader, UnreadableFilesAreErrorsNamingThem) {
  TempDir temp;
  Result<LoadedReport> missing = LoadReport(temp.path() + "/none");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message(),
              HasSubstr("cannot read " + temp.path() + "/none: No such file or directory"));
  std::filesystem::create_directory(temp.path() + "/empty");
  Result<LoadedReport> no_report = LoadReport(temp.path() + "/empty/");
  ASSERT_FALSE(no_report.ok());
  EXPECT_THAT(no_report.error().message(),
              HasSubstr("cannot read " + temp.path() + "/empty/report.json: No such file"));
  std::string fifo = temp.path() + "/fifo";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  Result<LoadedReport> pipe = LoadReport(fifo);
  ASSERT_FALSE(pipe.ok());
  EXPECT_THAT(pipe.error().message(), HasSubstr(fifo + ": not a regular file"));
  std::string big = temp.Write("big/report.json", "{}");
  ASSERT_EQ(truncate(big.c_str(), static_cast<off_t>(conformance::kMaxReportBytes + 1)), 0);
  Result<LoadedReport> too_big = LoadReport(temp.path() + "/big");
  ASSERT_FALSE(too_big.ok());
  EXPECT_THAT(too_big.error().message(), HasSubstr("report.json: larger than 16 MiB"));
  temp.Write("bad/report.json", R"({"runtime": {"name": "runc"}, "scenarios": "no"})");
  Result<LoadedReport> bad = LoadReport(temp.path() + "/bad");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), temp.path() +
                                       "/bad/report.json: not a conformance report: scenarios "
                                       "is a string, not an array");
}

// The model.

TEST(ConformanceCompareModel, RowsInOrderOfFirstAppearanceWithDisagreementsAndMissingRows) {
  LoadedReport a = Loaded("runc", "1.1.5",
                          {Scen("s1", {Req("r1", Verdict::kPass), Req("r2", Verdict::kFail)}),
                           Scen("s2", {Req("r4", Verdict::kSkip)})});
  // crun judged r2 first, r1 second, and has a requirement and a scenario runc's report lacks.
  LoadedReport b = Loaded("crun", "1.8.1",
                          {Scen("s3", {Req("r5", Verdict::kPass)}),
                           Scen("s1", {Req("r2", Verdict::kPass, "fine"), Req("r1", Verdict::kPass),
                                       Req("r3", Verdict::kFail)})});
  Comparison c = Compare({a, b});
  ASSERT_EQ(c.reports.size(), 2u);
  ASSERT_EQ(c.scenarios.size(), 3u);
  EXPECT_EQ(c.scenarios[0].id, "s1");
  EXPECT_EQ(c.scenarios[1].id, "s2");
  EXPECT_EQ(c.scenarios[2].id, "s3");
  EXPECT_THAT(RowIds(c.scenarios[0]), ElementsAre("r1", "r2", "r3"));
  const auto& rows = c.scenarios[0].rows;
  EXPECT_EQ(rows[0].agreement, Agreement::kAgree);
  EXPECT_EQ(rows[1].agreement, Agreement::kDisagree);
  EXPECT_EQ(rows[1].cells[0].verdict, Verdict::kFail);
  EXPECT_EQ(rows[1].cells[1].verdict, Verdict::kPass);
  EXPECT_EQ(rows[1].cells[1].summary, "fine");
  EXPECT_EQ(rows[2].agreement, Agreement::kPartial);
  EXPECT_FALSE(rows[2].cells[0].run);
  EXPECT_TRUE(rows[2].cells[1].run);
  EXPECT_EQ(rows[2].position, 3u);
  EXPECT_EQ(c.scenarios[1].rows[0].agreement, Agreement::kPartial);
  EXPECT_TRUE(c.scenarios[1].cells[0].run);
  EXPECT_FALSE(c.scenarios[1].cells[1].run);
  EXPECT_FALSE(c.scenarios[2].cells[0].run);
  EXPECT_EQ(c.rows, 5u);
  EXPECT_EQ(c.disagreements, 1u);
  EXPECT_EQ(c.partial, 3u);
  EXPECT_EQ(c.ColumnLabel(0), "runc 1.1.5");
  EXPECT_EQ(c.ColumnLabel(1), "crun 1.8.1");
}

TEST(ConformanceCompareModel, RequirementsWithoutIdsAreKeyedByPositionAndRepeatedIdsByOccurrence) {
  LoadedReport a = Loaded("runc", "1",
                          {Scen("s", {Req("", Verdict::kPass), Req("", Verdict::kFail),
                                      Req("x", Verdict::kPass), Req("x", Verdict::kFail)})});
  LoadedReport b = Loaded(
      "crun", "1",
      {Scen("s", {Req("", Verdict::kPass), Req("x", Verdict::kPass), Req("x", Verdict::kPass)})});
  Comparison c = Compare({a, b});
  ASSERT_EQ(c.scenarios.size(), 1u);
  // a: #1, #2, x (1st), x (2nd); b: #1, x (1st), x (2nd). b's position 2 is x, not #2.
  EXPECT_THAT(RowIds(c.scenarios[0]), ElementsAre("#1", "#2", "x", "x"));
  const auto& rows = c.scenarios[0].rows;
  EXPECT_EQ(rows[0].agreement, Agreement::kAgree);
  EXPECT_EQ(rows[1].agreement, Agreement::kPartial);
  EXPECT_EQ(rows[2].agreement, Agreement::kAgree);
  EXPECT_EQ(rows[3].agreement, Agreement::kDisagree);
  EXPECT_EQ(rows[3].position, 4u);
  EXPECT_EQ(rows[2].occurrence, 0u);
  EXPECT_EQ(rows[3].occurrence, 1u);
  EXPECT_EQ(conformance::RowLabel(c.scenarios[0], rows[1]), "caps/s #2");
  EXPECT_EQ(conformance::RowLabel(c.scenarios[0], rows[2]), "caps/s x");
  EXPECT_EQ(conformance::RowLabel(c.scenarios[0], rows[3]), "caps/s x (2)");
}

TEST(ConformanceCompareModel, ScenariosOfDifferentBatteriesAreDifferentRows) {
  LoadedReport a = Loaded("runc", "1",
                          {Scen("s", {Req("r", Verdict::kPass)}, "caps"),
                           Scen("s", {Req("r", Verdict::kFail)}, "spec")});
  LoadedReport b = Loaded("crun", "1", {Scen("s", {Req("r", Verdict::kFail)}, "spec")});
  Comparison c = Compare({a, b});
  ASSERT_EQ(c.scenarios.size(), 2u);
  EXPECT_EQ(c.scenarios[0].battery, "caps");
  EXPECT_EQ(c.scenarios[0].rows[0].agreement, Agreement::kPartial);
  EXPECT_EQ(c.scenarios[1].battery, "spec");
  EXPECT_EQ(c.scenarios[1].rows[0].agreement, Agreement::kAgree);
}

TEST(ConformanceCompareModel, SectionsCountEachRuntimeInTheSpecsOrder) {
  LoadedReport a = Loaded("runc", "1",
                          {Scen("s", {Req("r1", Verdict::kPass, "", "runtime.md, Lifecycle"),
                                      Req("r2", Verdict::kFail, "", "config.md, Linux Process"),
                                      Req("r3", Verdict::kPass, "", "config.md, Linux Process")})});
  LoadedReport b =
      Loaded("crun", "1",
             {Scen("s", {Req("r1", Verdict::kPass, "", "runtime.md, Lifecycle"),
                         Req("r2", Verdict::kPass, "", "config.md, Linux Process"),
                         Req("r3", Verdict::kPass, "", "config.md, Linux Process"),
                         Req("r4", Verdict::kSkip, "", "config-linux.md, Namespaces")})});
  Comparison c = Compare({a, b});
  ASSERT_EQ(c.sections.size(), 3u);
  EXPECT_EQ(c.sections[0].section, "config.md, Linux Process");
  EXPECT_EQ(c.sections[1].section, "config-linux.md, Namespaces");
  EXPECT_EQ(c.sections[2].section, "runtime.md, Lifecycle");
  EXPECT_EQ(c.sections[0].counts[0].passed, 1u);
  EXPECT_EQ(c.sections[0].counts[0].failed, 1u);
  EXPECT_EQ(c.sections[0].counts[1].passed, 2u);
  EXPECT_TRUE(c.sections[0].differs);
  EXPECT_TRUE(c.sections[1].differs) << "runc has none of it";
  EXPECT_EQ(c.sections[1].counts[0].skipped, 0u);
  EXPECT_EQ(c.sections[1].counts[1].skipped, 1u);
  EXPECT_FALSE(c.sections[2].differs);
}

TEST(ConformanceCompareModel, OneReportAndTheSameRuntimeTwice) {
  Comparison one = Compare({Loaded("runc", "1", {Scen("s", {Req("r", Verdict::kFail)})})});
  EXPECT_EQ(one.rows, 1u);
  EXPECT_EQ(one.disagreements, 0u);
  EXPECT_EQ(one.partial, 0u);
  Comparison twice =
      Compare({Loaded("runc", "1", {}), Loaded("crun", "2", {}), Loaded("runc", "1", {})});
  EXPECT_EQ(twice.ColumnLabel(0), "runc 1 (1)");
  EXPECT_EQ(twice.ColumnLabel(1), "crun 2");
  EXPECT_EQ(twice.ColumnLabel(2), "runc 1 (2)");
  EXPECT_TRUE(twice.scenarios.empty());
  // The same runtime through oci-lint-runtime is a column of its own, named so.
  LoadedReport wrapped = Loaded("runc", "1", {});
  wrapped.report.runtime.wrapper = {"oci-lint-runtime", "/x/oci-lint-runtime", "adapt", ""};
  Comparison through = Compare({Loaded("runc", "1", {}), wrapped});
  EXPECT_EQ(through.ColumnLabel(0), "runc 1");
  EXPECT_EQ(through.ColumnLabel(1), "runc 1 through oci-lint-runtime (adapt)");
  std::ostringstream md;
  conformance::WriteCompareMarkdown(md, through);
  EXPECT_THAT(md.str(), HasSubstr("| Through | (no wrapper) | oci-lint-runtime "
                                  "(/x/oci-lint-runtime), policy adapt |\n"));
  std::ostringstream html;
  conformance::WriteCompareHtml(html, through);
  EXPECT_THAT(html.str(), HasSubstr("<th>runc 1 through oci-lint-runtime (adapt)</th>"));
  EXPECT_THAT(html.str(), HasSubstr("<td>oci-lint-runtime (/x/oci-lint-runtime), policy "
                                    "adapt</td>"));
}

TEST(ConformanceCompareModel, TheCommittedRuncAndCrunReportsAgreeRowByRow) {
  Result<LoadedReport> runc = LoadReport(SourcePath(kRuncDir));
  Result<LoadedReport> crun = LoadReport(SourcePath(kCrunDir));
  ASSERT_TRUE(runc.ok() && crun.ok());
  Comparison c = Compare({*runc, *crun});
  EXPECT_EQ(c.scenarios.size(), 8u);
  EXPECT_EQ(c.rows, 20u);
  EXPECT_EQ(c.partial, 0u) << "both ran the same battery";
  for (const auto& scenario : c.scenarios) {
    for (const auto& row : scenario.rows) {
      EXPECT_TRUE(row.cells[0].run && row.cells[1].run);
      EXPECT_EQ(row.agreement == Agreement::kDisagree,
                row.cells[0].verdict != row.cells[1].verdict);
    }
  }
}

// The writers.

/// A comparison where every string a report holds is hostile markup, and the verdicts differ.
Comparison HostileComparison() {
  const std::string nasty = "<script>alert(1)</script> a|b `x` \n# head & \"q\" 'q' \x01\xFF";
  Requirement r = Req("id<script>", Verdict::kFail, nasty, nasty);
  r.level = nasty;
  r.text = nasty;
  r.evidence = {nasty, "```", "</pre><script>x</script>"};
  ScenarioResult s = Scen("s<script>", {r});
  s.title = nasty;
  s.battery = nasty;
  s.skip_reason = nasty;
  LoadedReport a = Loaded("<script>runc", nasty, {s});
  a.report.environment = {nasty, nasty, nasty, nasty, {nasty, "--x"}, nasty, nasty};
  a.path = nasty;
  s.requirements[0].verdict = Verdict::kPass;
  LoadedReport b = Loaded("crun", "1.8.1", {s, Scen("only-crun", {Req("", Verdict::kSkip)})});
  return Compare({a, b});
}

TEST(ConformanceCompareHtml, OneSelfContainedPageWithEveryReportStringEscaped) {
  std::ostringstream out;
  conformance::WriteCompareHtml(out, HostileComparison());
  std::string html = out.str();
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  EXPECT_EQ(lower.find("<script"), std::string::npos);
  EXPECT_THAT(html, HasSubstr("&lt;/pre&gt;&lt;script&gt;x&lt;/script&gt;\n</pre>"));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(html, HasSubstr("&amp;"));
  EXPECT_THAT(html, HasSubstr("&quot;q&quot; &#39;q&#39;"));
  EXPECT_EQ(html.find('\x01'), std::string::npos);
  EXPECT_TRUE(testing::IsValidUtf8(html));
  // Self-contained: nothing loaded, no script, a policy that forbids both.
  EXPECT_EQ(lower.find("src="), std::string::npos);
  EXPECT_EQ(lower.find("http:"), std::string::npos);
  EXPECT_EQ(lower.find("https:"), std::string::npos);
  EXPECT_EQ(lower.find("<link"), std::string::npos);
  EXPECT_THAT(html, HasSubstr("Content-Security-Policy\" content=\"default-src 'none'"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html, HasSubstr("</html>\n"));
  // The row where the verdicts differ is marked, listed at the top, and linked.
  EXPECT_THAT(html, HasSubstr("<tr id=\"row-1\" class=\"disagree\">"));
  EXPECT_THAT(html, HasSubstr("<span class=\"mark\">≠ differs</span>"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#row-1\">"));
  EXPECT_THAT(html, HasSubstr("1 where the verdicts differ"));
  // The row only crun has: marked, and runc's cell says so.
  EXPECT_THAT(html, HasSubstr("<tr id=\"row-2\" class=\"partial\">"));
  EXPECT_THAT(html, HasSubstr("<td class=\"notrun\">not run</td>"));
  // Evidence on demand, without a script.
  EXPECT_THAT(html, HasSubstr("<details><summary>Evidence (3 lines)</summary><pre>"));
  // The runtimes as columns, with their arguments.
  EXPECT_THAT(html, HasSubstr("<th>crun 1.8.1</th>"));
  EXPECT_THAT(html, HasSubstr("<th>Runtime arguments</th>"));
  EXPECT_THAT(html, HasSubstr(" --x</td>"));
}

TEST(ConformanceCompareHtml, TheCommittedReportsSideBySide) {
  Result<LoadedReport> runc = LoadReport(SourcePath(kRuncDir));
  Result<LoadedReport> crun = LoadReport(SourcePath(kCrunDir));
  ASSERT_TRUE(runc.ok() && crun.ok());
  std::ostringstream out;
  conformance::WriteCompareHtml(out, Compare({*runc, *crun}));
  std::string html = out.str();
  EXPECT_THAT(html, HasSubstr("<title>runtime-spec conformance compared: runc 1.1.5+ds1, crun "
                              "1.8.1</title>"));
  EXPECT_THAT(html, HasSubstr("<tr><th></th><th>runc 1.1.5+ds1</th><th>crun 1.8.1</th></tr>"));
  EXPECT_THAT(html, HasSubstr("<h2>By section of the spec</h2>"));
  EXPECT_THAT(html, HasSubstr("<td>runtime.md, Lifecycle</td>"));
  EXPECT_THAT(html, HasSubstr("caps/baseline #1"));
  EXPECT_THAT(html, HasSubstr("<td>(none)</td>")) << "no runtime arguments";
  EXPECT_EQ(html.find("class=\"notrun\""), std::string::npos);
}

/// The number of `|` in `line` that are not escaped: a table row's column separators.
size_t Separators(const std::string& line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) n += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
  return n;
}

TEST(ConformanceCompareMarkdown, TablesKeepTheirColumnsWhateverTheReportsHold) {
  std::ostringstream out;
  conformance::WriteCompareMarkdown(out, HostileComparison());
  std::string md = out.str();
  EXPECT_TRUE(testing::IsValidUtf8(md));
  EXPECT_THAT(md, HasSubstr("\\<script\\>alert(1)\\</script\\> a\\|b \\`x\\`  \\# head \\& "));
  std::vector<std::string> lines = Lines(md);
  size_t columns = 0, rows = 0;
  for (const std::string& line : lines) {
    if (line.rfind("|", 0) != 0) {
      columns = 0;
      continue;
    }
    if (columns == 0) {
      columns = Separators(line);
      continue;
    }
    ++rows;
    EXPECT_EQ(Separators(line), columns) << line;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '<') {
        EXPECT_TRUE(i > 0 && line[i - 1] == '\\') << line;
      }
    }
  }
  EXPECT_GT(rows, 10u);
  // The disagreement is marked in the table, then shown with each runtime's evidence, fenced
  // longer than any backtick run in it.
  EXPECT_THAT(md, HasSubstr("1 where the verdicts differ"));
  EXPECT_THAT(md, HasSubstr("| **≠** |"));
  EXPECT_THAT(md, HasSubstr("## Where the runtimes disagree"));
  EXPECT_THAT(md, HasSubstr("\n````text\n"));
  EXPECT_THAT(md, HasSubstr("| partial |"));
  EXPECT_THAT(md, HasSubstr(" *not run* |"));
}

TEST(ConformanceCompareMarkdown, TheCommittedReportsSideBySide) {
  Result<LoadedReport> runc = LoadReport(SourcePath(kRuncDir));
  Result<LoadedReport> crun = LoadReport(SourcePath(kCrunDir));
  ASSERT_TRUE(runc.ok() && crun.ok());
  std::ostringstream out;
  conformance::WriteCompareMarkdown(out, Compare({*runc, *crun}));
  std::string md = out.str();
  EXPECT_EQ(Lines(md)[0], "# runtime-spec conformance compared: runc 1.1.5+ds1, crun 1.8.1");
  EXPECT_THAT(md, HasSubstr("| Section | runc 1.1.5+ds1 | crun 1.8.1 | Differs |\n"));
  EXPECT_THAT(md, HasSubstr("| runtime.md, Lifecycle |"));
  EXPECT_THAT(md, HasSubstr("| | Requirement | Level | Text | Source | runc 1.1.5+ds1 | crun "
                            "1.8.1 |\n"));
}

// The command.

TEST(ConformanceCompareCli, ComparesTheCommittedReports) {
  testing::CliResult html =
      RunBinary({"conformance", "compare", SourcePath(kRuncDir), SourcePath(kCrunDir)});
  EXPECT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(html.out.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html.out, HasSubstr("<th>runc 1.1.5+ds1</th><th>crun 1.8.1</th>"));
  EXPECT_EQ(html.err, "");
  testing::CliResult md = RunInProcess(
      {"conformance", "compare", "--format", "md", SourcePath(kRuncDir), SourcePath(kCrunDir)});
  EXPECT_EQ(md.exit_code, 0) << md.err;
  EXPECT_EQ(md.out.rfind("# runtime-spec conformance compared: runc", 0), 0u);
  // One report is a comparison too.
  EXPECT_EQ(RunInProcess({"conformance", "compare", SourcePath(kRuncDir)}).exit_code, 0);
}

TEST(ConformanceCompareCli, OutReplacesTheFileWhole) {
  TempDir temp;
  std::string file = temp.Write("compare.html", "old contents");
  testing::CliResult r = RunInProcess(
      {"conformance", "compare", SourcePath(kRuncDir), SourcePath(kCrunDir), "--out", file});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "compared 2 reports: 20 requirements, 0 where the verdicts differ; wrote " +
                       file + "\n");
  std::string written = testing::ReadFile(file);
  EXPECT_EQ(written.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(written, HasSubstr("</html>\n"));
  std::vector<std::string> left;
  for (const auto& entry : std::filesystem::directory_iterator(temp.path())) {
    left.push_back(entry.path().filename().string());
  }
  EXPECT_THAT(left, ElementsAre("compare.html")) << "no temporary file left";
  testing::CliResult nowhere = RunInProcess(
      {"conformance", "compare", SourcePath(kRuncDir), "--out", temp.path() + "/no/such/x.html"});
  EXPECT_EQ(nowhere.exit_code, 3);
  EXPECT_THAT(nowhere.err, HasSubstr("oci-lint: cannot write " + temp.path() + "/no/such/x.html"));
}

TEST(ConformanceCompareCli, UsageErrorsExitTwoAndBadReportsThree) {
  testing::CliResult none = RunInProcess({"conformance", "compare"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_THAT(none.err, HasSubstr("DIR is required"));
  EXPECT_EQ(
      RunInProcess({"conformance", "compare", "--format", "pdf", SourcePath(kRuncDir)}).exit_code,
      2);
  TempDir temp;
  temp.Write("bad/report.json", R"({"runtime": {"name": "runc"}, "scenarios": [{"id": 1}]})");
  testing::CliResult bad = RunBinary({"conformance", "compare", SourcePath(kRuncDir),
                                      temp.path() + "/bad", temp.path() + "/missing"});
  EXPECT_EQ(bad.exit_code, 3);
  EXPECT_EQ(bad.out, "");
  EXPECT_THAT(bad.err, HasSubstr("oci-lint: " + temp.path() +
                                 "/bad/report.json: not a conformance report: scenarios[0].id is "
                                 "a number, not a string\n"));
  EXPECT_THAT(bad.err, HasSubstr("oci-lint: cannot read " + temp.path() + "/missing: No such"));
}

TEST(ConformanceCompareCli, ConformanceStillNeedsItsRuntimeWithoutTheSubcommand) {
  testing::CliResult r = RunInProcess({"conformance"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "oci-lint: --runtime is required\nRun 'oci-lint --help' for more information.\n");
  testing::CliResult help = RunInProcess({"conformance", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, HasSubstr("compare"));
  testing::CliResult compare_help = RunInProcess({"conformance", "compare", "--help"});
  EXPECT_EQ(compare_help.exit_code, 0);
  EXPECT_THAT(compare_help.out, HasSubstr("--format"));
  EXPECT_THAT(compare_help.out, HasSubstr("DIR"));
}

}  // namespace
}  // namespace ocilint
