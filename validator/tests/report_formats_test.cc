// The CI report formats (SARIF, GitHub, GitLab, JUnit, TAP, Checkstyle) over a mixed batch and
// over no findings: structure, escaping, and the tools that read them (sarif-multitool, python3's
// XML parser, PyYAML, prove) when installed. Goldens in testdata/golden/formats/; set
// OCI_LINT_UPDATE_GOLDEN=1 to rewrite them, then review the diff.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "conformance_report_sample.h"
#include "diag/rules.h"
#include "lint/rules/catalogue.h"
#include "report_formats_sample.h"
#include "version.h"

namespace ocilint {
namespace {

using testing::Batch;
using testing::FindingCount;
using ::testing::HasSubstr;
using testing::Lines;
using testing::RenderFormat;
using testing::RunTool;
using testing::Str;

constexpr const char* kCiFormats[] = {"sarif", "github", "gitlab", "junit", "tap", "checkstyle"};

rapidjson::Document Parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.c_str(), text.size());
  EXPECT_FALSE(doc.HasParseError()) << text;
  return doc;
}

TEST(ReportFormats, RegistryListsEveryFormatInOrder) {
  std::vector<std::string> names;
  for (const report::Format& f : report::AllFormats()) names.emplace_back(f.name);
  EXPECT_THAT(names, ::testing::ElementsAre("text", "json", "sarif", "github", "gitlab", "junit",
                                            "tap", "checkstyle"));
}

TEST(ReportFormats, EveryFormatIsUtf8WithoutColour) {
  for (const char* format : kCiFormats) {
    for (const auto& files : {Batch(), std::vector<diag::FileReport>{}}) {
      std::string out = RenderFormat(format, files);
      EXPECT_TRUE(testing::IsValidUtf8(out)) << format;
      EXPECT_EQ(out.find('\x1b'), std::string::npos) << format;
      EXPECT_EQ(out.find('\x01'), std::string::npos) << format;
      EXPECT_FALSE(out.empty()) << format;
    }
  }
}

TEST(ReportFormats, SarifDescribesEveryRuleAndLocatesEveryResult) {
  rapidjson::Document doc = Parse(RenderFormat("sarif", Batch()));
  EXPECT_EQ(Str(doc, "/version"), "2.1.0");
  EXPECT_EQ(Str(doc, "/$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(Str(doc, "/runs/0/tool/driver/name"), "oci-lint");
  EXPECT_EQ(Str(doc, "/runs/0/columnKind"), "unicodeCodePoints");
  EXPECT_EQ(Str(doc, "/runs/0/automationDetails/id"), "oci-lint/");
  std::span<const diag::RuleInfo> rules = lint::AllRules();
  ASSERT_EQ(testing::ArraySize(doc, "/runs/0/tool/driver/rules"), rules.size());
  for (size_t i = 0; i < rules.size(); ++i) {
    std::string r = "/runs/0/tool/driver/rules/" + std::to_string(i);
    EXPECT_EQ(Str(doc, r + "/id"), rules[i].slug);
    EXPECT_EQ(Str(doc, r + "/shortDescription/text"), rules[i].summary);
    EXPECT_NE(Str(doc, r + "/help/text").rfind("<no", 0), 0u);
  }
  EXPECT_EQ(Str(doc, "/runs/0/tool/driver/rules/0/name"), "JsonSyntax");
  std::string cwd = std::filesystem::current_path().generic_string();
  EXPECT_EQ(Str(doc, "/runs/0/originalUriBaseIds/%SRCROOT%/uri"),
            "file://" + cwd + (cwd == "/" ? "" : "/"));
  ASSERT_EQ(testing::ArraySize(doc, "/runs/0/results"), FindingCount(Batch()));
  const rapidjson::Value& results = doc["runs"][0]["results"];
  std::set<std::string> prints;
  for (const rapidjson::Value& result : results.GetArray()) {
    EXPECT_EQ(rules[result["ruleIndex"].GetUint()].slug, result["ruleId"].GetString());
    const rapidjson::Value& artifact =
        result["locations"][0]["physicalLocation"]["artifactLocation"];
    EXPECT_TRUE(artifact["uri"].IsString());
    EXPECT_EQ(Str(artifact, "/uriBaseId"), "%SRCROOT%") << "relative paths start at %SRCROOT%";
    prints.insert(result["partialFingerprints"]["primaryLocationLineHash"].GetString());
  }
  EXPECT_EQ(prints.size(), results.Size());
  EXPECT_EQ(Str(results[0], "/locations/0/physicalLocation/artifactLocation/uri"),
            "configs/we%2Cird%3A%20100%25%20%C3%A9.json");
  EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startColumn"].GetUint(), 5u);
  EXPECT_EQ(Str(results[0], "/message/text"),
            "expected an array, got \"a<b>&c 'q'\"\nsecond line: 100%, done \xE2\x9C\x93\n"
            "help: write [\"sh\"] instead");
  EXPECT_THAT(Str(results[2], "/partialFingerprints/primaryLocationLineHash"),
              ::testing::EndsWith(":1"));
  EXPECT_THAT(Str(results[3], "/partialFingerprints/primaryLocationLineHash"),
              ::testing::EndsWith(":2"));
  EXPECT_EQ(Str(results[5], "/locations/0/physicalLocation/artifactLocation/uri"), "%3Cstdin%3E");
  const rapidjson::Value& unreadable = results[6]["locations"][0]["physicalLocation"];
  EXPECT_EQ(Str(unreadable, "/artifactLocation/uri"), "missing.json");
  EXPECT_FALSE(unreadable.HasMember("region"));
}

TEST(ReportFormats, SarifMakesAbsolutePathsBelowTheWorkingDirectoryRelative) {
  std::vector<diag::FileReport> files = Batch();
  files[3].path = (std::filesystem::current_path() / "sub/./x.json").string();
  files[2].path = "/nowhere-else/a b.json";
  rapidjson::Document doc = Parse(RenderFormat("sarif", files));
  const rapidjson::Value& below =
      doc["runs"][0]["results"][6]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(Str(below, "/uri"), "sub/x.json");
  EXPECT_EQ(Str(below, "/uriBaseId"), "%SRCROOT%");
  // Outside the working directory: an absolute file URI, which takes no base.
  const rapidjson::Value& outside =
      doc["runs"][0]["results"][5]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(Str(outside, "/uri"), "file:///nowhere-else/a%20b.json");
  EXPECT_FALSE(outside.HasMember("uriBaseId"));
}

TEST(ReportFormats, SarifRulesLinkTheirDocsAndRateTheirSecurityImpact) {
  rapidjson::Document doc = Parse(RenderFormat("sarif", Batch()));
  std::span<const diag::RuleInfo> rules = lint::AllRules();
  size_t rated = 0;
  for (size_t i = 0; i < rules.size(); ++i) {
    const rapidjson::Value& rule = doc["runs"][0]["tool"]["driver"]["rules"][unsigned(i)];
    std::string slug(rules[i].slug);
    EXPECT_EQ(Str(rule, "/helpUri"),
              std::string(kHomepageUrl) + "/blob/v" + kVersion + "/docs/rules.md#" + slug);
    EXPECT_THAT(Str(rule, "/help/markdown"), HasSubstr("(" + Str(rule, "/helpUri") + ")"));
    std::set<std::string> tags;
    for (const auto& tag : rule["properties"]["tags"].GetArray()) tags.insert(tag.GetString());
    bool security = rule["properties"].HasMember("security-severity");
    EXPECT_EQ(tags.count("security"), security ? 1u : 0u) << slug;
    // Capabilities, namespaces, devices and seccomp change what a container may do.
    bool family = slug.rfind("cap-", 0) == 0 || slug.rfind("ns-", 0) == 0 ||
                  slug.rfind("device-", 0) == 0 || slug.rfind("seccomp-", 0) == 0 ||
                  slug == "resource-devices-allow-unlisted";
    EXPECT_EQ(security, family) << slug;
    if (!security) continue;
    ++rated;
    double score = std::stod(Str(rule, "/properties/security-severity"));
    EXPECT_GT(score, 0.0) << slug;
    EXPECT_LE(score, 10.0) << slug;
  }
  EXPECT_GE(rated, 30u);
}

/// Errors sarif-multitool's `validate` finds in `sarif` (it exits 0 either way, so its own
/// SARIF output is read), or nullopt when it is not installed.
std::optional<std::vector<std::string>> MultitoolErrors(const std::string& sarif) {
  std::string tool = testing::SourcePath("build/npm/node_modules/.bin/sarif-multitool");
  int status = -1;
  // Without a network: the validator looks up the host of every URI in the log, each lookup
  // waiting for its timeout where there is no DNS (27 s a run instead of 1.7 s).
  static const bool can_unshare = std::system("unshare -rn true >/dev/null 2>&1") == 0;
  std::string offline = can_unshare ? "unshare -rn " : "";
  auto out = RunTool("test -x '" + tool + "'",
                     offline + "'" + tool +
                         "' validate report.sarif --output result.sarif --log ForceOverwrite "
                         ">log.txt && cat result.sarif",
                     {{"report.sarif", sarif}}, &status);
  if (!out) return std::nullopt;
  EXPECT_EQ(status, 0) << *out;
  std::vector<std::string> errors;
  rapidjson::Document doc = Parse(*out);
  if (doc.HasParseError() || !doc.IsObject()) return std::vector<std::string>{"unreadable output"};
  for (const rapidjson::Value& result : doc["runs"][0]["results"].GetArray()) {
    std::string level = result.HasMember("level") ? result["level"].GetString() : "warning";
    std::string line =
        level + " " + result["ruleId"].GetString() + ": " + Str(result, "/message/arguments/0");
    std::cout << "sarif-multitool: " << line << "\n";
    if (level == "error") errors.push_back(line);
  }
  return errors;
}

TEST(ReportFormats, SarifPassesMicrosoftsValidator) {
  for (const auto& files : {Batch(), std::vector<diag::FileReport>{}}) {
    auto errors = MultitoolErrors(RenderFormat("sarif", files));
    if (!errors) GTEST_SKIP() << "sarif-multitool is not installed (scripts/setup.sh installs it)";
    EXPECT_THAT(*errors, ::testing::IsEmpty());
  }
}

TEST(ReportFormats, GithubCommandsCarryPositionsAndEscape) {
  std::vector<std::string> lines = Lines(RenderFormat("github", Batch()));
  ASSERT_EQ(lines.size(), FindingCount(Batch()) + 1);
  EXPECT_EQ(lines[0],
            "::error file=configs/we%2Cird%3A 100%25 \xC3\xA9.json,line=3,col=5,title=oci-lint "
            "schema::expected an array, got \"a<b>&c 'q'\"%0Asecond line: 100%25, done "
            "\xE2\x9C\x93 (at /process/args)%0Ahelp: write [\"sh\"] instead");
  EXPECT_THAT(lines[1], ::testing::StartsWith("::warning file=configs/we%2Cird%3A 100%25 "
                                              "\xC3\xA9.json,line=7,col=9,title=oci-lint "
                                              "cap-unknown::CAP_FOO, is not"));
  EXPECT_EQ(lines[4].rfind("::notice file=", 0), 0u);
  EXPECT_EQ(lines[6],
            "::error file=missing.json,title=oci-lint io-error::cannot open missing.json: No "
            "such file or directory");
  EXPECT_EQ(lines[7].rfind("::error file=runtimes/runc-features.json,line=3,col=20,title=oci-lint "
                           "features-version-range::",
                           0),
            0u);
  EXPECT_EQ(lines[8].rfind("::warning file=runtimes/state.json,line=4,col=13,title=oci-lint "
                           "state-pid-missing::",
                           0),
            0u);
  EXPECT_EQ(lines[9].rfind("oci-lint: 6 files checked (1 unreadable): 3 errors, 4 warnings, 2 "
                           "notes",
                           0),
            0u);
  EXPECT_THAT(RenderFormat("github", {}), HasSubstr("0 files checked"));
}

TEST(ReportFormats, GitlabIssuesHaveUniqueFingerprints) {
  rapidjson::Document doc = Parse(RenderFormat("gitlab", Batch()));
  ASSERT_TRUE(doc.IsArray());
  ASSERT_EQ(doc.Size(), FindingCount(Batch()));
  std::set<std::string> prints;
  for (const rapidjson::Value& issue : doc.GetArray()) {
    prints.insert(issue["fingerprint"].GetString());
    EXPECT_GE(issue["location"]["lines"]["begin"].GetUint(), 1u);
  }
  EXPECT_EQ(prints.size(), doc.Size());
  EXPECT_EQ(Str(doc, "/0/severity"), "major");
  EXPECT_EQ(Str(doc, "/1/severity"), "minor");
  EXPECT_EQ(Str(doc, "/4/severity"), "info");
  EXPECT_EQ(Str(doc, "/0/check_name"), "schema");
  EXPECT_EQ(Str(doc, "/0/location/path"), testing::kOddPath);
  EXPECT_EQ(RenderFormat("gitlab", {}), "[]\n");
}

/// Parses report.xml with python3's XML parser; for JUnit also checks suite counts and unique
/// names. Prints "<root tag> <elements named `count`>".
constexpr const char* kXmlCheck = R"(import sys, xml.dom.minidom
root = xml.dom.minidom.parse('report.xml').documentElement
for s in root.getElementsByTagName('testsuite'):
    names = [t.getAttribute('name') for t in s.getElementsByTagName('testcase')]
    assert len(set(names)) == len(names), names
    assert int(s.getAttribute('tests')) == len(names)
    assert int(s.getAttribute('failures')) == len(s.getElementsByTagName('failure'))
print(root.tagName, len(root.getElementsByTagName(sys.argv[1])))
)";

void CheckXml(const std::string& xml, const std::string& count, const std::string& want) {
  int status = -1;
  auto out = RunTool("python3 -c 'import xml.dom.minidom'", "python3 check.py " + count,
                     {{"check.py", kXmlCheck}, {"report.xml", xml}}, &status);
  if (!out) return;
  EXPECT_EQ(status, 0) << *out << xml;
  EXPECT_EQ(*out, want + "\n") << xml;
}

TEST(ReportFormats, JunitIsWellFormedWithUniqueNames) {
  std::string xml = RenderFormat("junit", Batch());
  CheckXml(xml, "testcase", "testsuites 10");
  CheckXml(xml, "failure", "testsuites 7");
  CheckXml(RenderFormat("junit", {}), "testcase", "testsuites 0");
  EXPECT_THAT(xml, HasSubstr("name=\"schema and rules\""));
  EXPECT_THAT(xml, HasSubstr("name=\"cap-duplicate /process/capabilities/bounding/2 (2)\""));
  EXPECT_THAT(xml, HasSubstr("&quot;a&lt;b&gt;&amp;c &apos;q&apos;&quot;&#10;second line"));
  EXPECT_THAT(xml, HasSubstr("<system-out>&lt;stdin&gt;:1:1: note: a note"));
}

TEST(ReportFormats, CheckstyleIsWellFormedWithEveryFile) {
  std::string xml = RenderFormat("checkstyle", Batch());
  CheckXml(xml, "file", "checkstyle 6");
  CheckXml(xml, "error", "checkstyle 9");
  CheckXml(RenderFormat("checkstyle", {}), "file", "checkstyle 0");
  EXPECT_THAT(xml, HasSubstr("<file name=\"configs/clean.json\"/>"));
  EXPECT_THAT(xml, HasSubstr("severity=\"info\""));
  EXPECT_THAT(xml, HasSubstr("source=\"oci-lint.cap-unknown\""));
}

/// Loads every YAML block of report.tap with PyYAML; prints the number of findings in each.
constexpr const char* kYamlCheck = R"(import yaml
block, counts = None, []
for line in open('report.tap', encoding='utf-8').read().split('\n'):
    if line == '  ---': block = []
    elif line == '  ...': counts.append(len(yaml.safe_load('\n'.join(l[2:] for l in block))['findings'])); block = None
    elif block is not None: block.append(line)
print(*counts)
)";

/// prove's verdict on `tap` announced as TAP 13 (Debian's prove stops at 13).
std::optional<std::string> Prove(const std::string& tap, int* status) {
  std::string v13 = "TAP version 13" + tap.substr(std::string("TAP version 14").size());
  return RunTool("command -v prove", "prove --exec cat report.tap", {{"report.tap", v13}}, status);
}

TEST(ReportFormats, TapPlanMatchesTestPointsAndParses) {
  std::string tap = RenderFormat("tap", Batch());
  std::vector<std::string> lines = Lines(tap);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_EQ(lines[0], "TAP version 14");
  EXPECT_EQ(lines[1], "1..6");
  EXPECT_EQ(testing::TestPoints(tap), 6u);
  EXPECT_THAT(tap, HasSubstr("\nok 1 - configs/clean.json\nnot ok 2 - configs/we,ird"));
  EXPECT_THAT(tap, HasSubstr("\nok 3 - <stdin>\n"));
  EXPECT_EQ(RenderFormat("tap", {}), "TAP version 14\n1..0\n");
  int status = -1;
  auto yaml = RunTool("python3 -c 'import yaml'", "python3 check.py",
                      {{"check.py", kYamlCheck}, {"report.tap", tap}}, &status);
  if (yaml) {
    EXPECT_EQ(status, 0) << *yaml;
    EXPECT_EQ(*yaml, "5 1 1 1 1\n") << tap;
  }
  for (const std::string& report : {tap, RenderFormat("tap", {})}) {
    std::optional<std::string> proved = Prove(report, &status);
    if (!proved) GTEST_SKIP() << "prove (perl) is not available";
    EXPECT_THAT(*proved, ::testing::Not(HasSubstr("Parse errors"))) << *proved;
  }
  std::optional<std::string> proved = Prove(tap, &status);
  EXPECT_THAT(*proved, HasSubstr("Failed tests:  2, 4-6\n")) << *proved;
}

TEST(ReportFormats, GoldenOutputs) {
  const char* update = std::getenv("OCI_LINT_UPDATE_GOLDEN");
  const std::string version = std::string("\"version\": \"") + kVersion + "\"";
  for (const char* format : kCiFormats) {
    std::string actual = RenderFormat(format, Batch());
    for (size_t at = actual.find(version); at != std::string::npos; at = actual.find(version)) {
      actual.replace(at, version.size(), "\"version\": \"VERSION\"");
    }
    // The SARIF's %SRCROOT% is the working directory and its help links name the version.
    const std::string cwd = "\"file://" + std::filesystem::current_path().generic_string();
    const std::string docs = std::string("/blob/v") + kVersion + "/";
    for (const auto& [from, to] : {std::pair{cwd, std::string("\"file:///WORKING-DIRECTORY")},
                                   std::pair{docs, std::string("/blob/vVERSION/")}}) {
      for (size_t at = actual.find(from); at != std::string::npos; at = actual.find(from, at)) {
        actual.replace(at, from.size(), to);
        at += to.size();
      }
    }
    std::string path = testing::SourcePath(std::string("testdata/golden/formats/batch.") + format);
    if (update && std::string(update) == "1") {
      std::filesystem::create_directories(testing::SourcePath("testdata/golden/formats"));
      testing::WriteFile(path, actual);
      std::cout << "[ updated  ] " << path << "\n";
      continue;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path << ": create with OCI_LINT_UPDATE_GOLDEN=1";
    EXPECT_EQ(testing::ReadFile(path), actual) << path << " is out of date";
  }
}

}  // namespace
}  // namespace ocilint
