// The conformance report formats read by the tools that consume them: python3's XML parser
// for JUnit, prove and PyYAML for TAP. Each check skips, saying why, when its tool is absent.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <optional>
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
using testing::RunTool;
using testing::SampleReport;
using testing::ScenarioResult;
using testing::Str;
using testing::Strings;
using testing::TestPoints;

/// Parses report.junit.xml with python3's XML parser, checks each suite's counts against its
/// test cases and that names are unique in a suite; prints "tests failures skipped cases".
constexpr const char* kJunitCheck = R"(import xml.dom.minidom
root = xml.dom.minidom.parse('report.junit.xml').documentElement
n = lambda e, tag: len(e.getElementsByTagName(tag))
for s in root.getElementsByTagName('testsuite'):
    names = [t.getAttribute('name') for t in s.getElementsByTagName('testcase')]
    assert len(set(names)) == len(names), names
    assert [int(s.getAttribute(a)) for a in ('tests', 'failures', 'skipped')] == [
        n(s, 'testcase'), n(s, 'failure'), n(s, 'skipped')], s.toxml()
print(*(root.getAttribute(a) for a in ('tests', 'failures', 'skipped')), n(root, 'testcase'))
)";

/// kJunitCheck's output on `xml`, or nullopt without python3.
std::optional<std::string> CheckJunit(const std::string& xml) {
  int status = -1;
  auto out = RunTool("python3 -c 'import xml.dom.minidom'", "python3 check.py",
                     {{"check.py", kJunitCheck}, {"report.junit.xml", xml}}, &status);
  if (out) {
    EXPECT_EQ(status, 0) << *out << xml;
  }
  return out;
}

TEST(ConformanceReportTools, JunitIsWellFormedWithMatchingCounts) {
  std::string xml = Render(conformance::WriteJunit, SampleReport());
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
  for (const char* part :
       {"<testsuites name=\"oci-lint conformance: runc 1.1.12\" tests=\"6\" failures=\"1\" "
        "errors=\"0\" skipped=\"1\">",
        "<testsuite name=\"unknown-name\" tests=\"3\" failures=\"1\"",
        "classname=\"runc.unknown-name\" name=\"MUST: If the runtime cannot apply a capability "
        "listed in the configuration it...\"",
        "name=\"SHOULD: The runtime SHOULD log a warning.\"",
        "name=\"SHOULD: The runtime SHOULD log a warning. (2)\"",
        "<failure message=\"started anyway | exit 0 &lt;no error&gt;\" type=\"MUST\">",
        "&lt;caps&gt; &amp; &quot;quoted&quot; &apos;single&apos;",
        "<skipped message=\"kernel lacks ambient capabilities\"/>",
        "<system-out>CapEff: 00000000a80425fb\na : b\n</system-out>"}) {
    EXPECT_THAT(xml, HasSubstr(part));
  }
  EXPECT_EQ(xml.find('\x01'), std::string::npos);
  std::optional<std::string> counts = CheckJunit(xml);
  if (!counts) GTEST_SKIP() << "python3 with xml.dom.minidom is not available";
  EXPECT_EQ(*counts, "6 1 1 6\n");
}

/// prove's output on `tap` announced as TAP 13 (Debian's prove stops at 13; what the writer
/// uses is in 13 too), or nullopt without prove.
std::optional<std::string> Prove(const std::string& tap, int* status) {
  std::string v13 = tap;
  v13.replace(0, std::string("TAP version 14").size(), "TAP version 13");
  return RunTool("command -v prove", "prove --exec cat report.tap", {{"report.tap", v13}}, status);
}

/// Loads every YAML diagnostics block of report.tap with PyYAML; prints them as JSON.
constexpr const char* kYamlToJson = R"(import json, yaml
block, docs = None, []
for line in open('report.tap', encoding='utf-8').read().split('\n'):
    if line == '  ---': block = []
    elif line == '  ...': docs.append(yaml.safe_load('\n'.join(l[2:] for l in block))); block = None
    elif block is not None: block.append(line)
print(json.dumps(docs))
)";

TEST(ConformanceReportTools, TapPlanMatchesTestPointsAndParses) {
  const ConformanceReport report = SampleReport();
  std::string tap = Render(conformance::WriteTap, report);
  std::vector<std::string> lines = Lines(tap);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], "TAP version 14");
  EXPECT_EQ(lines[1], "1..6");
  EXPECT_EQ(TestPoints(tap), 6u);
  EXPECT_THAT(tap,
              HasSubstr("\nnot ok 3 - unknown-name: MUST started anyway | exit 0 <no error>\n"));
  EXPECT_THAT(tap, HasSubstr("\nok 6 - ambient: MUST  # SKIP kernel lacks ambient capabilities\n"));
  EXPECT_EQ(tap.find('\x01'), std::string::npos);

  // The diagnostics read back as YAML are exactly the report's.
  int status = -1;
  auto yaml = RunTool("python3 -c 'import yaml'", "python3 check.py",
                      {{"check.py", kYamlToJson}, {"report.tap", tap}}, &status);
  if (yaml) {
    ASSERT_EQ(status, 0) << *yaml;
    rapidjson::Document docs;
    docs.Parse(yaml->c_str(), yaml->size());
    ASSERT_FALSE(docs.HasParseError()) << *yaml;
    ASSERT_EQ(ArraySize(docs, ""), 6u) << *yaml;
    size_t i = 0;
    for (const ScenarioResult& scenario : report.scenarios) {
      for (const Requirement& r : scenario.requirements) {
        std::string d = "/" + std::to_string(i++);
        EXPECT_EQ(Str(docs, d + "/level"), r.level);
        EXPECT_EQ(Str(docs, d + "/spec"), r.text);
        EXPECT_EQ(Str(docs, d + "/source"), r.source);
        EXPECT_EQ(Strings(docs, d + "/evidence"), Clean(r.evidence));
      }
    }
  }
  std::optional<std::string> proved = Prove(tap, &status);
  if (!proved) GTEST_SKIP() << "prove (perl) is not available";
  EXPECT_THAT(*proved, Not(HasSubstr("Parse errors"))) << *proved;
  EXPECT_THAT(*proved, HasSubstr("Tests: 6 Failed: 1)")) << *proved;
  EXPECT_THAT(*proved, HasSubstr("Failed test:  3\n")) << *proved;
  // Without the failing scenario prove passes.
  ConformanceReport passing = report;
  passing.scenarios.erase(passing.scenarios.begin() + 1);
  proved = Prove(Render(conformance::WriteTap, passing), &status);
  EXPECT_EQ(status, 0) << *proved;
  EXPECT_THAT(*proved, HasSubstr("Result: PASS"));
}

TEST(ConformanceReportTools, EmptyReportParsesAndProves) {
  ConformanceReport report;
  report.runtime = {"crun", "1.14", "/usr/bin/crun"};
  std::optional<std::string> counts = CheckJunit(Render(conformance::WriteJunit, report));
  if (counts) {
    EXPECT_EQ(*counts, "0 0 0 0\n");
  }
  int status = -1;
  std::optional<std::string> proved = Prove(Render(conformance::WriteTap, report), &status);
  if (!proved) GTEST_SKIP() << "prove (perl) is not available";
  EXPECT_EQ(status, 0) << *proved;
  EXPECT_THAT(*proved, Not(HasSubstr("Parse errors"))) << *proved;
}

}  // namespace
}  // namespace ocilint
