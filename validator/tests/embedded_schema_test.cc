// The embedded runtime-spec schema against the committed fixtures, and Debian's upstream copy
// against what scripts/jsonschema-oracle.py (python-jsonschema) said about the same fixtures.
// Expectations are read from the fixtures' own README tables, so new fixtures are picked up.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "json/parser.h"
#include "lint/linter.h"
#include "lint/rules/input_rules.h"
#include "schema/embedded.h"
#include "schema/schema.h"
#include "schema/uri.h"
#include "schema/validator.h"
#include "test_util.h"

namespace ocilint {
namespace {

using testing::JsonFilesIn;
using testing::ReadFile;
using testing::SourcePath;

constexpr const char* kDebianSchemaDir =
    "/usr/share/gocode/src/github.com/opencontainers/runtime-spec/schema";

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Unquote(std::string cell) {
  cell = Trim(cell);
  if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') {
    cell = cell.substr(1, cell.size() - 2);
  }
  return cell == "\"\"" ? "" : cell;
}

/// Rows of the markdown tables under `heading` (up to the next "## "), keyed by file name.
/// Cells are split on '|'; descriptions may hold a stray '|', so callers index from the end.
std::map<std::string, std::vector<std::string>> ReadTable(const std::string& readme,
                                                          const std::string& heading) {
  std::map<std::string, std::vector<std::string>> rows;
  std::istringstream in(readme);
  std::string line;
  bool inside = heading.empty();
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) inside = line == heading;
    if (!inside || line.rfind("| `", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream split(line);
    std::string cell;
    while (std::getline(split, cell, '|')) cells.push_back(Trim(cell));
    cells.erase(cells.begin());  // before the first '|'
    if (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.size() >= 2) rows[Unquote(cells[0])] = cells;
  }
  return rows;
}

struct Verdict {
  bool syntax_error = false;
  std::vector<std::string> schema_pointers;
  std::string detail;  ///< every diagnostic, for failure messages
};

Verdict Lint(const std::shared_ptr<const schema::SchemaSet>& schema, const std::string& path) {
  lint::Linter linter(schema, {});
  diag::FileReport report = linter.LintText(path, ReadFile(path));
  Verdict v;
  for (const diag::Diagnostic& d : report.diagnostics) {
    v.detail += "\n  " + d.rule + " " + d.pointer + ": " + d.message;
    if (d.rule == lint::rule::kJsonSyntax) v.syntax_error = true;
    if (d.rule == lint::rule::kSchema) v.schema_pointers.push_back(d.pointer);
  }
  EXPECT_EQ(report.schema_valid, !v.syntax_error && v.schema_pointers.empty()) << path;
  return v;
}

bool AtOrBelow(const std::string& pointer, const std::string& expected) {
  return pointer == expected || pointer.rfind(expected + "/", 0) == 0;
}

class EmbeddedSchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (schema::EmbeddedSchemaFiles().empty()) {
      GTEST_SKIP() << "the embedded schema has no files yet (schema/*.json is empty)";
    }
    auto loaded = schema::SchemaSet::Embedded();
    ASSERT_TRUE(loaded.ok()) << loaded.error().message();
    schema_ = loaded.value();
  }

  std::shared_ptr<const schema::SchemaSet> schema_;
};

TEST_F(EmbeddedSchemaTest, LoadsAndNamesItself) {
  EXPECT_EQ(schema_->description(), schema::kEmbeddedSchemaName);
  EXPECT_EQ(schema_->description(), "embedded runtime-spec v1.3.0");
}

// Embedded() parses files, resolves $refs and compiles patterns as validation first needs them.
// Compiling the same files eagerly shows that none of that can fail later; lazy compilation
// needs files without a root "id" (which would change how $refs resolve before the file is read).
TEST_F(EmbeddedSchemaTest, CompilesEagerlyWithoutError) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const schema::EmbeddedFile& file : schema::EmbeddedSchemaFiles()) {
    files.emplace_back(std::string(file.name), std::string(file.text));
    auto parsed = json::Parse(std::string(file.text));
    ASSERT_TRUE(parsed.clean_syntax) << file.name;
    const json::Document& doc = *parsed.document;
    EXPECT_EQ(doc.Find(doc.node(doc.root()), "id"), json::kNoNode) << file.name;
    EXPECT_EQ(doc.Find(doc.node(doc.root()), "$id"), json::kNoNode) << file.name;
  }
  auto eager = schema::SchemaSet::FromSources(files, "embedded:///schema/", "config-schema.json",
                                              "eager", schema::SchemaSet::Compilation::kEager);
  ASSERT_TRUE(eager.ok()) << eager.error().message();
}

// The same verdicts and errors, lazily and eagerly compiled, on every committed config; the
// lazy set is shared by threads that race to compile the same parts.
TEST_F(EmbeddedSchemaTest, LazyAndEagerCompilationAgree) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const schema::EmbeddedFile& file : schema::EmbeddedSchemaFiles()) {
    files.emplace_back(std::string(file.name), std::string(file.text));
  }
  auto compile = [&](schema::SchemaSet::Compilation when) {
    return schema::SchemaSet::FromSources(files, "embedded:///schema/", "config-schema.json", "t",
                                          when)
        .value();
  };
  std::vector<std::string> texts;
  for (const char* dir : {"testdata/harvested", "testdata/invalid", "testdata/schema/valid",
                          "testdata/schema/invalid", "testdata/examples"}) {
    for (const std::string& name : JsonFilesIn(SourcePath(dir))) {
      texts.push_back(ReadFile(SourcePath(std::string(dir) + "/" + name)));
    }
  }
  ASSERT_GT(texts.size(), 50u);
  auto errors_of = [](const schema::Validator& validator, const std::string& text) {
    auto parsed = json::Parse(text);
    std::string out = parsed.document->empty() ? "unparsable" : "";
    if (parsed.document->empty()) return out;
    for (const schema::SchemaError& e : validator.Validate(*parsed.document)) {
      out += e.pointer + ": " + e.message + "\n";
    }
    return out;
  };
  schema::Validator eager(compile(schema::SchemaSet::Compilation::kEager));
  std::vector<std::string> expected;
  for (const std::string& text : texts) expected.push_back(errors_of(eager, text));
  schema::Validator lazy(compile(schema::SchemaSet::Compilation::kLazy));
  std::vector<std::vector<std::string>> seen(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < seen.size(); ++t) {
    threads.emplace_back([&, t] {
      for (const std::string& text : texts) seen[t].push_back(errors_of(lazy, text));
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& results : seen) EXPECT_EQ(results, expected);
}

TEST_F(EmbeddedSchemaTest, EmbedsExactlyTheRepositorySchemaFiles) {
  std::vector<std::string> names;
  for (const schema::EmbeddedFile& file : schema::EmbeddedSchemaFiles()) {
    names.emplace_back(file.name);
    // Embedded minified: the same JSON value, without the whitespace between tokens.
    auto embedded = json::Parse(std::string(file.text));
    auto repository = json::Parse(ReadFile(SourcePath("schema/" + std::string(file.name))));
    ASSERT_TRUE(embedded.clean_syntax && repository.clean_syntax) << file.name;
    EXPECT_TRUE(schema::JsonEqual(*embedded.document, embedded.document->root(),
                                  *repository.document, repository.document->root()))
        << file.name << " differs from schema/; rebuild to re-embed it";
    EXPECT_EQ(file.text.find('\n'), std::string_view::npos) << file.name;
    EXPECT_LT(file.text.size(), repository.document->source().size()) << file.name;
  }
  EXPECT_EQ(names, JsonFilesIn(SourcePath("schema")));
}

// The parse trees embed_schema wrote as static data are the ones the parser builds from the
// same text at run time, node for node: same types, offsets, children and string values.
TEST_F(EmbeddedSchemaTest, StaticParseTreesMatchTheParser) {
  for (const schema::EmbeddedFile& file : schema::EmbeddedSchemaFiles()) {
    auto parsed = json::Parse(std::string(file.text));
    ASSERT_TRUE(parsed.clean_syntax) << file.name;
    const json::Document& runtime = *parsed.document;
    EXPECT_EQ(file.root, runtime.root()) << file.name;
    ASSERT_EQ(file.nodes.size(), runtime.nodes().size()) << file.name;
    ASSERT_EQ(file.elements.size(), runtime.elements().size()) << file.name;
    ASSERT_EQ(file.members.size(), runtime.members().size()) << file.name;
    for (size_t i = 0; i < file.nodes.size(); ++i) {
      const json::Node& a = file.nodes[i];
      const json::Node& b = runtime.nodes()[i];
      EXPECT_TRUE(a.type == b.type && a.boolean == b.boolean && a.offset == b.offset &&
                  a.first == b.first && a.count == b.count && a.text == b.text)
          << file.name << " node " << i << " (" << runtime.PointerTo(static_cast<json::NodeId>(i))
          << ")";
    }
    for (size_t i = 0; i < file.elements.size(); ++i) {
      EXPECT_EQ(file.elements[i], runtime.elements()[i]) << file.name << " element " << i;
    }
    for (size_t i = 0; i < file.members.size(); ++i) {
      const json::Member& a = file.members[i];
      const json::Member& b = runtime.members()[i];
      EXPECT_TRUE(a.key == b.key && a.key_offset == b.key_offset && a.value == b.value)
          << file.name << " member " << i << " (" << b.key << ")";
    }
    // The static text views point into the embedded text, or hold a decoded copy.
    json::Document borrowed(file.text, file.nodes, file.elements, file.members, file.root);
    EXPECT_TRUE(schema::JsonEqual(borrowed, borrowed.root(), runtime, runtime.root())) << file.name;
  }
}

// Every "$ref" of the embedded files was resolved at build time, to the node the compiler's own
// resolution (schema/uri.h against the file's embedded:/// URI) finds.
TEST_F(EmbeddedSchemaTest, BuildTimeRefsAreTheCompilersResolution) {
  std::span<const schema::EmbeddedFile> files = schema::EmbeddedSchemaFiles();
  size_t refs = 0;
  for (size_t n = 0; n < files.size(); ++n) {
    json::Document doc(files[n].text, files[n].nodes, files[n].elements, files[n].members,
                       files[n].root);
    std::string base = std::string(schema::kEmbeddedSchemaBase) + std::string(files[n].name);
    for (const json::Node& object : doc.nodes()) {
      json::NodeId ref = doc.Find(object, "$ref");
      if (ref == json::kNoNode || doc.node(ref).type != json::Type::kString) continue;
      ++refs;
      auto prebuilt = std::find_if(files[n].refs.begin(), files[n].refs.end(),
                                   [&](const schema::EmbeddedRef& r) { return r.ref == ref; });
      ASSERT_NE(prebuilt, files[n].refs.end()) << files[n].name << " " << doc.node(ref).text;
      std::string fragment;
      std::string uri = schema::SplitFragment(schema::JoinUri(base, doc.node(ref).text), &fragment);
      const schema::EmbeddedFile& target = files[prebuilt->target_file];
      EXPECT_EQ(std::string(schema::kEmbeddedSchemaBase) + std::string(target.name), uri);
      json::Document target_doc(target.text, target.nodes, target.elements, target.members,
                                target.root);
      EXPECT_EQ(prebuilt->target, schema::ResolveFragment(target_doc, fragment))
          << files[n].name << " " << doc.node(ref).text;
    }
    EXPECT_TRUE(std::is_sorted(files[n].refs.begin(), files[n].refs.end(),
                               [](const auto& a, const auto& b) { return a.ref < b.ref; }));
  }
  size_t tabled = 0;
  for (const schema::EmbeddedFile& file : files) tabled += file.refs.size();
  EXPECT_EQ(tabled, refs);
  EXPECT_GT(refs, 100u) << "the runtime-spec schema has about 190 $refs";
}

TEST_F(EmbeddedSchemaTest, HarvestedConfigsAreValid) {
  std::vector<std::string> files = JsonFilesIn(SourcePath("testdata/harvested"));
  if (files.empty()) GTEST_SKIP() << "testdata/harvested/ has no configs yet";
  for (const std::string& name : files) {
    Verdict v = Lint(schema_, SourcePath("testdata/harvested/" + name));
    EXPECT_FALSE(v.syntax_error) << name << v.detail;
    EXPECT_TRUE(v.schema_pointers.empty()) << name << v.detail;
  }
}

TEST_F(EmbeddedSchemaTest, ValidFixturesAreValid) {
  std::vector<std::string> files = JsonFilesIn(SourcePath("testdata/schema/valid"));
  if (files.empty()) GTEST_SKIP() << "testdata/schema/valid/ has no fixtures yet";
  for (const std::string& name : files) {
    Verdict v = Lint(schema_, SourcePath("testdata/schema/valid/" + name));
    EXPECT_FALSE(v.syntax_error) << name << v.detail;
    EXPECT_TRUE(v.schema_pointers.empty()) << name << v.detail;
  }
}

TEST_F(EmbeddedSchemaTest, InvalidFixturesGiveOneErrorAtTheDocumentedPointer) {
  std::vector<std::string> files = JsonFilesIn(SourcePath("testdata/schema/invalid"));
  if (files.empty()) GTEST_SKIP() << "testdata/schema/invalid/ has no fixtures yet";
  auto table = ReadTable(ReadFile(SourcePath("testdata/schema/README.md")), "## invalid/");
  size_t checked_pointers = 0;
  for (const std::string& name : files) {
    Verdict v = Lint(schema_, SourcePath("testdata/schema/invalid/" + name));
    EXPECT_FALSE(v.syntax_error) << name << v.detail;
    auto row = table.find(name);
    if (row == table.end() || row->second.size() < 4) {
      EXPECT_FALSE(v.schema_pointers.empty()) << name << " is judged valid";
      continue;
    }
    // Columns: file | rule | pointer | Debian's schema. The pointer is second from the end.
    std::string expected = Unquote(row->second[row->second.size() - 2]);
    ASSERT_EQ(v.schema_pointers.size(), 1u) << name << ": one problem, one error" << v.detail;
    EXPECT_EQ(v.schema_pointers[0], expected) << name << v.detail;
    ++checked_pointers;
  }
  std::cout << "[ info     ] " << checked_pointers << " of " << files.size()
            << " invalid fixtures had a documented pointer\n";
}

TEST_F(EmbeddedSchemaTest, RepositorySchemaDirectoryGivesTheSameVerdicts) {
  auto directory = schema::SchemaSet::FromDirectory(SourcePath("schema"));
  ASSERT_TRUE(directory.ok()) << directory.error().message();
  EXPECT_EQ(directory.value()->description(), "directory " + SourcePath("schema"));
  for (const char* dir : {"testdata/schema/valid", "testdata/schema/invalid"}) {
    for (const std::string& name : JsonFilesIn(SourcePath(dir))) {
      std::string path = SourcePath(std::string(dir) + "/" + name);
      Verdict embedded = Lint(schema_, path), loaded = Lint(directory.value(), path);
      EXPECT_EQ(embedded.schema_pointers, loaded.schema_pointers) << path;
    }
  }
}

/// testdata/invalid/README.md: the last column is what the python oracle said.
TEST_F(EmbeddedSchemaTest, BadInputFixturesMatchTheOracle) {
  auto table = ReadTable(ReadFile(SourcePath("testdata/invalid/README.md")), "");
  if (table.empty()) GTEST_SKIP() << "testdata/invalid/README.md has no table";
  for (const auto& [name, cells] : table) {
    std::string path = SourcePath("testdata/invalid/" + name);
    if (!std::filesystem::exists(path)) {
      ADD_FAILURE() << name << " is in the README but not in testdata/invalid/";
      continue;
    }
    std::string oracle = cells.back();
    Verdict v = Lint(schema_, path);
    if (name == "deep-nesting-600.json" && lint::LintOptions{}.max_depth < 601) {
      // Python's json accepts 600 levels; a lower nesting limit is a deliberate difference.
      EXPECT_TRUE(v.syntax_error) << name << v.detail;
      EXPECT_NE(v.detail.find("nests deeper than"), std::string::npos) << v.detail;
    } else if (oracle.rfind("unparsable", 0) == 0) {
      EXPECT_TRUE(v.syntax_error) << name << v.detail;
    } else if (oracle.rfind("valid", 0) == 0) {
      EXPECT_FALSE(v.syntax_error) << name << v.detail;
      EXPECT_TRUE(v.schema_pointers.empty()) << name << v.detail;
    } else if (oracle.rfind("invalid", 0) == 0) {
      size_t open = oracle.find('`'), close = oracle.find('`', open + 1);
      ASSERT_NE(close, std::string::npos) << name << ": no pointer in \"" << oracle << "\"";
      std::string expected = oracle.substr(open + 1, close - open - 1);
      EXPECT_FALSE(v.syntax_error) << name << v.detail;
      ASSERT_EQ(v.schema_pointers.size(), 1u) << name << v.detail;
      EXPECT_EQ(v.schema_pointers[0], expected) << name << v.detail;
    } else {
      ADD_FAILURE() << name << ": unknown oracle verdict \"" << oracle << "\"";
    }
  }
}

/// Debian's older upstream copy, loaded as published (malformed "#definitions/..." refs and
/// all), must agree with python-jsonschema's verdicts recorded in testdata/schema/README.md.
TEST(DebianUpstreamSchemaTest, AgreesWithThePythonOracle) {
  if (!std::filesystem::is_directory(kDebianSchemaDir)) {
    GTEST_SKIP() << kDebianSchemaDir << " is absent (golang-github-opencontainers-specs-dev)";
  }
  auto debian = schema::SchemaSet::FromDirectory(kDebianSchemaDir);
  ASSERT_TRUE(debian.ok()) << debian.error().message();
  std::string readme = ReadFile(SourcePath("testdata/schema/README.md"));
  size_t checked = 0;
  for (const char* section : {"invalid", "valid"}) {
    for (const auto& [name, cells] : ReadTable(readme, std::string("## ") + section + "/")) {
      std::string path = SourcePath(std::string("testdata/schema/") + section + "/" + name);
      if (!std::filesystem::exists(path)) continue;
      std::string oracle = cells.back();
      std::string expected;
      if (oracle == "same") {
        expected = Unquote(cells[cells.size() - 2]);
      } else if (oracle.rfind("invalid", 0) == 0) {
        size_t open = oracle.find('`'), close = oracle.find('`', open + 1);
        ASSERT_NE(close, std::string::npos) << name;
        expected = oracle.substr(open + 1, close - open - 1);
      } else if (oracle.rfind("valid", 0) != 0) {
        ADD_FAILURE() << name << ": unknown verdict \"" << oracle << "\"";
        continue;
      }
      Verdict v = Lint(debian.value(), path);
      ++checked;
      EXPECT_FALSE(v.syntax_error) << name << v.detail;
      if (oracle.rfind("valid", 0) == 0) {
        EXPECT_TRUE(v.schema_pointers.empty()) << name << ": python says valid" << v.detail;
        continue;
      }
      // Where python reports an array item wrapped in anyOf, oci-lint names the member inside
      // the one branch of the right type: the same place or below it.
      ASSERT_EQ(v.schema_pointers.size(), 1u) << name << v.detail;
      EXPECT_TRUE(AtOrBelow(v.schema_pointers[0], expected))
          << name << ": python says " << expected << v.detail;
    }
  }
  EXPECT_GT(checked, 0u) << "the README tables were not found";
}

}  // namespace
}  // namespace ocilint
