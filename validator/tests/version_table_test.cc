// The table behind the version-* rules (lint/rules/version_table.cc): well formed, and complete
// against the upstream schema directory of every release (skipped, naming the folder, where
// ../shared/reference/runtime-spec-schemas is absent); and what the rules make of it.

#include "lint/rules/version_table.h"

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "lint/rules/catalogue.h"
#include "lint/spec_version.h"
#include "test_util.h"

namespace ocilint {
namespace {

namespace fs = std::filesystem;
using lint::SpecRelease;
using lint::VersionedItem;

/// (path, value) pairs: "/linux/netDevices" with "" for a member, or a value of the member.
using PathSet = std::set<std::pair<std::string, std::string>>;

/// Walks one release's upstream config-schema.json the way the table writes paths: properties
/// as "/name", array items as "/[]", pattern and additional properties as "/*", and every enum
/// value of a string at its path.
class SchemaWalker {
 public:
  explicit SchemaWalker(fs::path dir) : dir_(std::move(dir)) {}

  PathSet Walk() {
    Visit(&Load("config-schema.json"), "config-schema.json", "", 0);
    return paths_;
  }

 private:
  const rapidjson::Value& Load(const std::string& file) {
    auto [it, inserted] = files_.try_emplace(file);
    if (inserted) {
      it->second.Parse(testing::ReadFile((dir_ / file).string()).c_str());
      EXPECT_FALSE(it->second.HasParseError()) << dir_ / file;
    }
    return it->second;
  }

  /// Follows $ref (upstream writes "#definitions/x" once without the slash, which JSON Schema
  /// resolvers accept: the fragment's leading slash is optional there too).
  std::pair<const rapidjson::Value*, std::string> Resolve(const rapidjson::Value* node,
                                                          std::string file) {
    for (int hops = 0; node->IsObject() && node->HasMember("$ref") && hops < 64; ++hops) {
      std::string ref = (*node)["$ref"].GetString();
      size_t hash = ref.find('#');
      if (hash != 0) file = ref.substr(0, hash);
      const rapidjson::Value* at = &Load(file);
      std::string fragment = hash == std::string::npos ? "" : ref.substr(hash + 1);
      size_t start = fragment.starts_with('/') ? 1 : 0;
      while (start < fragment.size()) {
        size_t slash = fragment.find('/', start);
        std::string token = fragment.substr(start, slash - start);
        if (!at->IsObject() || !at->HasMember(token.c_str())) {
          ADD_FAILURE() << dir_ / file << ": unresolvable $ref " << ref;
          return {at, file};
        }
        at = &(*at)[token.c_str()];
        start = slash == std::string::npos ? fragment.size() : slash + 1;
      }
      node = at;
    }
    return {node, file};
  }

  void Visit(const rapidjson::Value* raw, const std::string& raw_file, const std::string& path,
             int depth) {
    if (depth > 40) return;
    auto [node, file] = Resolve(raw, raw_file);
    if (!node->IsObject()) return;
    for (const char* keyword : {"oneOf", "anyOf", "allOf"}) {
      if (node->HasMember(keyword) && (*node)[keyword].IsArray())
        for (const auto& sub : (*node)[keyword].GetArray()) Visit(&sub, file, path, depth + 1);
    }
    if (node->HasMember("enum")) {
      for (const auto& value : (*node)["enum"].GetArray())
        if (value.IsString()) paths_.emplace(path, value.GetString());
    }
    if (node->HasMember("properties")) {
      for (const auto& member : (*node)["properties"].GetObject()) {
        std::string child = path + "/" + member.name.GetString();
        paths_.emplace(child, "");
        Visit(&member.value, file, child, depth + 1);
      }
    }
    if (node->HasMember("patternProperties")) {
      for (const auto& member : (*node)["patternProperties"].GetObject())
        Visit(&member.value, file, path + "/*", depth + 1);
    }
    if (node->HasMember("additionalProperties") && (*node)["additionalProperties"].IsObject())
      Visit(&(*node)["additionalProperties"], file, path + "/*", depth + 1);
    if (node->HasMember("items")) {
      const auto& items = (*node)["items"];
      if (items.IsObject()) Visit(&items, file, path + "/[]", depth + 1);
      if (items.IsArray())
        for (const auto& item : items.GetArray()) Visit(&item, file, path + "/[]", depth + 1);
    }
  }

  fs::path dir_;
  std::map<std::string, rapidjson::Document> files_;
  PathSet paths_;
};

SpecRelease SchemaAdded(const VersionedItem& item) {
  return item.schema_added != SpecRelease{} ? item.schema_added : item.added;
}
SpecRelease SchemaRemoved(const VersionedItem& item) {
  return item.schema_removed != SpecRelease{} ? item.schema_removed : item.removed;
}

/// The entry that accounts for (path, value) changing in the schema at `release`: its own, or
/// a member entry above it that changed at the same release (a new object brings its members).
const VersionedItem* Explaining(const std::string& path, const std::string& value,
                                SpecRelease release, bool added) {
  for (const VersionedItem& item : lint::VersionedItems()) {
    SpecRelease when = added ? SchemaAdded(item) : SchemaRemoved(item);
    if (when != release) continue;
    if (item.path == path && item.value == value) return &item;
    bool above = item.value.empty() && (path.starts_with(std::string(item.path) + "/") ||
                                        (!value.empty() && item.path == path));
    if (above) return &item;
  }
  return nullptr;
}

fs::path UpstreamSchemas() {
  return fs::path(testing::SourceDir()) / ".." / "shared" / "reference" / "runtime-spec-schemas";
}

TEST(VersionTable, IsSortedAndWellFormed) {
  auto items = lint::VersionedItems();
  auto known = lint::KnownSpecReleases();
  auto is_release = [&](SpecRelease r) {
    return r == SpecRelease{} || std::find(known.begin(), known.end(), r) != known.end();
  };
  for (size_t i = 0; i < items.size(); ++i) {
    const VersionedItem& item = items[i];
    SCOPED_TRACE(std::string(item.path) + " " + std::string(item.value));
    EXPECT_TRUE(item.path.starts_with('/'));
    if (i > 0) {
      EXPECT_LT(std::make_pair(items[i - 1].path, items[i - 1].value),
                std::make_pair(item.path, item.value))
          << "the rules report an ancestor before its members: keep the table sorted";
    }
    EXPECT_TRUE(is_release(item.added) && is_release(item.removed) && is_release(item.deprecated) &&
                is_release(item.schema_added) && is_release(item.schema_removed));
    bool says_something = item.added != SpecRelease{} || item.removed != SpecRelease{} ||
                          item.deprecated != SpecRelease{} || item.schema_added != SpecRelease{} ||
                          item.schema_removed != SpecRelease{};
    EXPECT_TRUE(says_something);
    if (item.removed != SpecRelease{}) {
      EXPECT_LT(item.added, item.removed);
    }
    if (!item.reported_by.empty()) {
      EXPECT_NE(lint::FindRule(item.reported_by), nullptr);
    }
    EXPECT_FALSE(item.source.empty());
  }
}

TEST(VersionTable, AccountsForEveryChangeBetweenUpstreamSchemas) {
  fs::path root = UpstreamSchemas();
  if (!fs::is_directory(root)) GTEST_SKIP() << "no upstream schemas at " << root;
  std::vector<std::pair<SpecRelease, PathSet>> releases;
  for (SpecRelease release : lint::KnownSpecReleases()) {
    fs::path dir = root / ("v" + release.ToString());
    if (!fs::is_directory(dir)) GTEST_SKIP() << "no upstream schema directory " << dir;
    releases.emplace_back(release, SchemaWalker(dir).Walk());
    EXPECT_GT(releases.back().second.size(), 150u) << dir << " walked too few paths";
  }
  size_t changes = 0;
  for (size_t i = 1; i < releases.size(); ++i) {
    const auto& [release, now] = releases[i];
    const PathSet& before = releases[i - 1].second;
    for (const auto& [path, value] : now) {
      if (before.count({path, value})) continue;
      ++changes;
      EXPECT_NE(Explaining(path, value, release, true), nullptr)
          << path << (value.empty() ? "" : " = \"" + value + "\"") << " appears in the "
          << release.ToString() << " schema and no table entry says so";
    }
    for (const auto& [path, value] : before) {
      if (now.count({path, value})) continue;
      ++changes;
      EXPECT_NE(Explaining(path, value, release, false), nullptr)
          << path << (value.empty() ? "" : " = \"" + value + "\"") << " leaves the schema in "
          << release.ToString() << " and no table entry says so";
    }
  }
  EXPECT_GT(changes, 200u);
  // The other way round: an entry's schema version is where the schema really changed.
  for (const VersionedItem& item : lint::VersionedItems()) {
    for (size_t i = 1; i < releases.size(); ++i) {
      const auto& [release, now] = releases[i];
      const PathSet& before = releases[i - 1].second;
      std::pair<std::string, std::string> key{std::string(item.path), std::string(item.value)};
      if (item.schema_added == release) {
        EXPECT_TRUE(now.count(key) && !before.count(key))
            << item.path << " " << item.value << ": the schema did not get it in "
            << release.ToString();
      }
      if (item.schema_removed == release) {
        EXPECT_TRUE(!now.count(key) && before.count(key))
            << item.path << " " << item.value << ": the schema did not lose it in "
            << release.ToString();
      }
    }
  }
}

TEST(VersionTable, CommittedDocMatchesTheTable) {
  testing::CliResult r =
      testing::RunInProcess({"rules", "--spec-versions", "--format", "markdown"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("| `/linux/netDevices` |  | 1.3.0 |"), std::string::npos) << r.out;
  EXPECT_TRUE(r.out == testing::ReadFile(testing::SourcePath("docs/spec-versions.md")))
      << "docs/spec-versions.md is stale: regenerate it with scripts/gen-docs.sh and commit it";
  testing::CliResult json = testing::RunInProcess({"rules", "--spec-versions", "--format", "json"});
  EXPECT_EQ(json.exit_code, 2) << json.out;
}

/// The version-* findings of lint on `config`, as "rule pointer" lines.
std::string VersionFindings(const std::string& config) {
  testing::TempDir dir;
  std::string path = dir.Write("config.json", config);
  testing::CliResult r = testing::RunInProcess(
      {"lint", "--kernel", "none", "--environment", "none", "--format", "json", path});
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  std::string out;
  if (doc.HasParseError()) return "no JSON report: " + r.err;
  for (const auto& file : doc["files"].GetArray()) {
    for (const auto& d : file["diagnostics"].GetArray()) {
      std::string rule = d["rule"].GetString();
      if (rule.starts_with("version-"))
        out += rule + " " + d["pointer"].GetString() + " " + d["message"].GetString() + "\n";
    }
  }
  return out;
}

TEST(VersionRules, ReportTheTopmostNewMemberOnly) {
  std::string out = VersionFindings(
      R"({"ociVersion": "1.0.1", "root": {"path": "rootfs"}, "linux": {"seccomp": )"
      R"({"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]}}})");
  EXPECT_NE(out.find("version-member-too-new /linux/seccomp/flags linux.seccomp.flags was added "
                     "in runtime-spec 1.0.2"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("/linux/seccomp/flags/0"), std::string::npos) << out;
  // Declared 1.0.2, the member is known and only the 1.1.0 value is new.
  out = VersionFindings(
      R"({"ociVersion": "1.0.2", "root": {"path": "rootfs"}, "linux": {"seccomp": )"
      R"({"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"]}}})");
  EXPECT_NE(out.find("version-member-too-new /linux/seccomp/flags/0 linux.seccomp.flags[0] "
                     "\"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV\" was added in runtime-spec 1.1.0"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("has to refuse the config"), std::string::npos) << out;
}

TEST(VersionRules, JudgeEachDeclaredVersionAsAKnownRelease) {
  const std::string body =
      R"(, "root": {"path": "rootfs"}, "linux": {"namespaces": [{"type": "time"}]}})";
  auto findings = [&](const std::string& version) {
    return VersionFindings(R"({"ociVersion": ")" + version + "\"" + body);
  };
  EXPECT_NE(findings("1.0.2").find("version-member-too-new /linux/namespaces/0/type"),
            std::string::npos);
  EXPECT_EQ(findings("1.1.0"), "");
  EXPECT_EQ(findings("1.1.0+dev"), "");
  std::string rc = findings("1.1.0-rc.1");
  EXPECT_NE(rc.find("version-prerelease /ociVersion"), std::string::npos) << rc;
  EXPECT_EQ(rc.find("too-new"), std::string::npos) << rc;
  // The spec's development versions followed their release: 1.0.2-dev may use 1.1.0's members.
  std::string dev = findings("1.0.2-dev");
  EXPECT_NE(dev.find("version-prerelease /ociVersion ociVersion \"1.0.2-dev\" is a development "
                     "version between 1.0.2 and 1.1.0"),
            std::string::npos)
      << dev;
  EXPECT_EQ(dev.find("too-new"), std::string::npos) << dev;
  EXPECT_NE(findings("1.0.1-dev").find("version-member-too-new"), std::string::npos);
  std::string between = findings("1.0.3");
  EXPECT_NE(between.find("version-unknown /ociVersion"), std::string::npos) << between;
  EXPECT_NE(between.find("judged as 1.0.2"), std::string::npos) << between;
  EXPECT_NE(between.find("version-member-too-new"), std::string::npos) << between;
  std::string newer = findings("1.4.0");
  EXPECT_NE(newer.find("newer than runtime-spec 1.3.0"), std::string::npos) << newer;
  EXPECT_EQ(newer.find("too-new"), std::string::npos) << newer;
  std::string older = findings("0.6.0");
  EXPECT_NE(older.find("older than runtime-spec 1.0.0"), std::string::npos) << older;
  EXPECT_EQ(findings("1.0"), "") << "not SemVer: oci-version-semver's finding, not these";
  EXPECT_EQ(findings("10.0.0").find("too-new"), std::string::npos);
}

TEST(VersionRules, RemovedAndDeprecatedOnlyFromTheirRelease) {
  const std::string rdt =
      R"(, "root": {"path": "rootfs"}, "linux": {"intelRdt": {"enableCMT": true}}})";
  EXPECT_EQ(VersionFindings(R"({"ociVersion": "1.2.1")" + rdt), "");
  EXPECT_NE(VersionFindings(R"({"ociVersion": "1.3.0")" + rdt)
                .find("version-member-removed /linux/intelRdt/enableCMT"),
            std::string::npos);
  const std::string mand =
      R"(, "root": {"path": "rootfs"}, "mounts": [{"destination": "/d", "type": "tmpfs", )"
      R"("source": "tmpfs", "options": ["nosuid", "mand"]}]})";
  EXPECT_EQ(VersionFindings(R"({"ociVersion": "1.0.2")" + mand), "");
  EXPECT_NE(VersionFindings(R"({"ociVersion": "1.1.0")" + mand)
                .find("version-member-deprecated /mounts/0/options/1"),
            std::string::npos);
  // The 1.0.0 schema's misspelling never worked, whatever the declared version.
  const std::string iops =
      R"(, "root": {"path": "rootfs"}, "linux": {"resources": {"blockIO": )"
      R"({"throttleWriteIopsDevice": [{"major": 8, "minor": 0, "rate": 100}]}}}})";
  for (std::string version : {"1.0.0", "1.3.0"}) {
    EXPECT_NE(VersionFindings(R"({"ociVersion": ")" + version + "\"" + iops)
                  .find("version-member-removed /linux/resources/blockIO/throttleWriteIopsDevice"),
              std::string::npos)
        << version;
  }
}

}  // namespace
}  // namespace ocilint
