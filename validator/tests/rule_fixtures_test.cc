// The fixtures of the semantic rules: testdata/rules/<slug>/fire-*.json must make the rule fire,
// silent-*.json must not, with the lint options in testdata/rules/<slug>/NAME.flags or else
// testdata/rules/<slug>/flags when that file exists (else --kernel none --environment none). Every
// rule outside the built-in and capability families must have both kinds, the fixtures must be
// schema-valid JSON (the rule, not the schema, is what they test), and the harvested real-world
// configs get no semantic error.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "lint/rules/catalogue.h"
#include "lint/rules/rule_family.h"
#include "test_util.h"

namespace ocilint {
namespace {

namespace fs = std::filesystem;

/// The rule slugs of each finding oci-lint reports on `path`, with `flags`.
std::multiset<std::string> FindingsOf(const std::string& path,
                                      const std::vector<std::string>& flags,
                                      std::string* severities = nullptr) {
  std::vector<std::string> args = {"lint", "--format", "json"};
  args.insert(args.end(), flags.begin(), flags.end());
  args.push_back(path);
  testing::CliResult r = testing::RunInProcess(args);
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  std::multiset<std::string> rules;
  if (doc.HasParseError() || !doc.IsObject()) {
    ADD_FAILURE() << path << ": no JSON report: " << r.err;
    return rules;
  }
  for (const auto& file : doc["files"].GetArray()) {
    for (const auto& d : file["diagnostics"].GetArray()) {
      rules.insert(d["rule"].GetString());
      if (severities)
        *severities += std::string(d["rule"].GetString()) + "=" + d["severity"].GetString() + " ";
    }
  }
  return rules;
}

/// The lint options of the fixture `name` in `dir`: NAME.flags (NAME without .json) when it
/// exists, else the directory's `flags`, else --kernel none --environment none.
std::vector<std::string> FlagsFor(const fs::path& dir, const std::string& name) {
  std::vector<std::string> flags;
  fs::path own = dir / (name.substr(0, name.size() - 5) + ".flags");
  std::string text = fs::exists(own)             ? testing::ReadFile(own)
                     : fs::exists(dir / "flags") ? testing::ReadFile(dir / "flags")
                                                 : "--kernel none --environment none";
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    if (word.find("testdata/") == 0) word = testing::SourcePath(word);
    flags.push_back(word);
  }
  return flags;
}

/// The families whose rules need fixtures here (the others have their own tests).
bool NeedsFixtures(const lint::RuleFamily& family) {
  return family.name != "document" && family.name != "input" && family.name != "capabilities" &&
         family.name != "bundle";
}

TEST(RuleFixturesTest, EveryFixtureFiresOrStaysSilent) {
  fs::path root = testing::SourcePath("testdata/rules");
  if (!fs::exists(root)) GTEST_SKIP() << "no testdata/rules yet";
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    std::string slug = entry.path().filename();
    ASSERT_NE(lint::FindRule(slug), nullptr) << "testdata/rules/" << slug << ": no such rule";
    for (const std::string& name : testing::JsonFilesIn(entry.path())) {
      std::string path = (entry.path() / name).string();
      std::vector<std::string> flags = FlagsFor(entry.path(), name);
      bool fire = name.rfind("fire", 0) == 0;
      ASSERT_TRUE(fire || name.rfind("silent", 0) == 0)
          << path << ": a fixture's name starts with fire or silent";
      std::multiset<std::string> rules = FindingsOf(path, flags);
      EXPECT_EQ(rules.count("json-syntax") + rules.count("schema"), 0u)
          << path << ": fixtures are schema-valid JSON";
      if (fire) {
        EXPECT_GT(rules.count(slug), 0u) << path << " does not fire " << slug;
      } else {
        EXPECT_EQ(rules.count(slug), 0u) << path << " fires " << slug;
      }
      ++checked;
    }
  }
  std::cout << "checked " << checked << " rule fixtures\n";
}

TEST(RuleFixturesTest, EverySemanticRuleHasFixturesThatFireAndStaySilent) {
  fs::path root = testing::SourcePath("testdata/rules");
  for (const lint::RuleFamily* family : lint::AllRuleFamilies()) {
    if (!NeedsFixtures(*family)) continue;
    for (const diag::RuleInfo& rule : family->rules) {
      fs::path dir = root / std::string(rule.slug);
      size_t fire = 0, silent = 0;
      for (const std::string& name : testing::JsonFilesIn(dir.string())) {
        fire += name.rfind("fire", 0) == 0;
        silent += name.rfind("silent", 0) == 0;
      }
      EXPECT_GT(fire, 0u) << "no testdata/rules/" << rule.slug << "/fire-*.json";
      EXPECT_GT(silent, 0u) << "no testdata/rules/" << rule.slug << "/silent-*.json";
    }
  }
}

/// `flags` without the options of one part of the target (a diag::kTarget* bit), which is
/// then not judged at all: --kernel none, --environment none, no runtime.
std::vector<std::string> WithoutTargetAspect(const std::vector<std::string>& flags,
                                             uint8_t aspect) {
  std::set<std::string> options;
  std::vector<std::string> neutral;
  if (aspect == diag::kTargetKernel) {
    options = {"--kernel"};
    neutral = {"--kernel", "none"};
  } else if (aspect == diag::kTargetEnvironment) {
    options = {"--environment", "--environment-limits"};
    neutral = {"--environment", "none"};
  } else {
    options = {"--runtime", "--runtime-features"};
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < flags.size(); ++i) {
    if (options.count(flags[i]) && i + 1 < flags.size()) {
      ++i;
      continue;
    }
    out.push_back(flags[i]);
  }
  out.insert(out.end(), neutral.begin(), neutral.end());
  return out;
}

// RuleInfo::target_aspects decides which target lines a text report prints: a rule declares
// exactly the parts of the target without which one of its fire fixtures stays silent.
TEST(RuleFixturesTest, TargetAspectsAreTheOnesTheFixturesNeed) {
  fs::path root = testing::SourcePath("testdata/rules");
  for (const lint::RuleFamily* family : lint::AllRuleFamilies()) {
    for (const diag::RuleInfo& rule : family->rules) {
      fs::path dir = root / std::string(rule.slug);
      if (!fs::exists(dir)) continue;
      uint8_t needed = 0;
      for (const std::string& name : testing::JsonFilesIn(dir.string())) {
        if (name.rfind("fire", 0) != 0) continue;
        std::vector<std::string> flags = FlagsFor(dir, name);
        for (uint8_t aspect :
             {diag::kTargetKernel, diag::kTargetEnvironment, diag::kTargetRuntime}) {
          if (needed & aspect) continue;
          auto rules = FindingsOf((dir / name).string(), WithoutTargetAspect(flags, aspect));
          if (rules.count(std::string(rule.slug)) == 0) needed |= aspect;
        }
      }
      EXPECT_EQ(rule.target_aspects & needed, needed)
          << rule.slug << ": a fire fixture needs target aspects " << int(needed);
      if (needed != 0 || rule.target_aspects == 0) continue;
      // Declared but never needed by a fixture: a fixture that shows it is missing.
      ADD_FAILURE() << rule.slug << " declares target aspects " << int(rule.target_aspects)
                    << " that none of its fire fixtures needs";
    }
  }
}

TEST(RuleFixturesTest, HarvestedConfigsGetNoSemanticError) {
  std::set<std::string> semantic;
  for (const lint::RuleFamily* family : lint::AllRuleFamilies()) {
    if (!NeedsFixtures(*family)) continue;
    for (const diag::RuleInfo& rule : family->rules) semantic.insert(std::string(rule.slug));
  }
  std::string dir = testing::SourcePath("testdata/harvested");
  for (const std::string& name : testing::JsonFilesIn(dir)) {
    std::string severities;
    FindingsOf(dir + "/" + name, {"--kernel", "none", "--environment", "none"}, &severities);
    std::istringstream findings(severities);
    for (std::string finding; findings >> finding;) {
      std::string rule = finding.substr(0, finding.find('='));
      if (semantic.count(rule)) {
        EXPECT_NE(finding.substr(finding.find('=') + 1), "error") << name << ": " << rule;
      }
    }
  }
}

TEST(RuleFixturesTest, RlimitAboveTheEnvironmentNeedsCapSysResourceMissing) {
  std::string dir = testing::SourcePath("testdata/rules/process-rlimit-unavailable");
  std::string config = dir + "/fire-podman-nofile.json";
  auto lacking = FindingsOf(config, {"--kernel", "none", "--environment", dir + "/env"});
  EXPECT_EQ(lacking.count("process-rlimit-unavailable"), 1u);
  auto granted =
      FindingsOf(config, {"--kernel", "none", "--environment", dir + "/env-with-cap-sys-resource"});
  EXPECT_EQ(granted.count("process-rlimit-unavailable"), 0u) << "CAP_SYS_RESOURCE raises it";
  auto unknown = FindingsOf(config, {"--kernel", "none", "--environment", "none"});
  EXPECT_EQ(unknown.count("process-rlimit-unavailable"), 0u) << "no limits known";
}

TEST(RuleFixturesTest, AWindowsConfigWithoutItsObjectIsNotJudgedAsPosix) {
  // windows-object-missing names the one mistake; the process rules then judge the config as
  // Windows, not as a POSIX config with a relative cwd, no args and no uid.
  std::string dir = testing::SourcePath("testdata/rules/windows-object-missing");
  for (const std::string& name : testing::JsonFilesIn(dir)) {
    if (name.rfind("fire-", 0) != 0) continue;
    auto findings = FindingsOf(dir + "/" + name, {"--kernel", "none", "--environment", "none"});
    EXPECT_EQ(findings.count("windows-object-missing"), 1u) << name;
    for (const char* posix :
         {"process-cwd-not-absolute", "process-args-absent", "process-args-missing",
          "process-user-missing", "process-user-id-missing", "root-path-not-rootfs",
          "root-path-empty"}) {
      EXPECT_EQ(findings.count(posix), 0u) << name << ": " << posix;
    }
  }
}

}  // namespace
}  // namespace ocilint
