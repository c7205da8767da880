// The JSON output contract, checked by parsing the output with RapidJSON.

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "report/json_writer.h"
#include "test_util.h"
#include "version.h"

namespace ocilint {
namespace {

using testing::CliResult;
using ::testing::HasSubstr;
using testing::RunInProcess;
using testing::SourcePath;
using testing::TempDir;

std::string Example(const std::string& name) {
  return SourcePath("testdata/examples/" + name);
}

/// Runs `--format json` on `args`, checks the whole contract and returns the parsed output.
rapidjson::Document RunJson(const std::vector<std::string>& args, int expected_exit) {
  std::vector<std::string> full{"--format", "json"};
  full.insert(full.end(), args.begin(), args.end());
  CliResult r = RunInProcess(full);
  EXPECT_EQ(r.exit_code, expected_exit) << r.err;
  EXPECT_TRUE(testing::IsValidUtf8(r.out)) << "the JSON output must be UTF-8";
  EXPECT_EQ(r.err, "");
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(r.out.c_str(), r.out.size());
  EXPECT_FALSE(doc.HasParseError())
      << rapidjson::GetParseError_En(doc.GetParseError()) << " at " << doc.GetErrorOffset() << "\n"
      << r.out;
  if (doc.HasParseError() || !doc.IsObject()) {
    ADD_FAILURE() << "not a JSON object";
    return doc;
  }

  EXPECT_TRUE(doc["tool"].IsObject());
  EXPECT_STREQ(doc["tool"]["name"].GetString(), "oci-lint");
  EXPECT_TRUE(doc["tool"]["version"].IsString());
  EXPECT_STREQ(doc["tool"]["version"].GetString(), kVersion);
  EXPECT_TRUE(doc["schema"].IsString());
  EXPECT_TRUE(doc["files"].IsArray());
  const std::set<std::string> severities{"error", "warning", "note"};
  size_t errors = 0, warnings = 0, notes = 0;
  for (const auto& file : doc["files"].GetArray()) {
    EXPECT_TRUE(file["path"].IsString());
    EXPECT_TRUE(file["ociVersion"].IsString() || file["ociVersion"].IsNull());
    EXPECT_TRUE(file["schemaValid"].IsBool());
    EXPECT_TRUE(file["diagnostics"].IsArray());
    for (const auto& d : file["diagnostics"].GetArray()) {
      EXPECT_TRUE(d["rule"].IsString());
      EXPECT_TRUE(d["pointer"].IsString());
      EXPECT_TRUE(d["line"].IsUint());
      EXPECT_TRUE(d["column"].IsUint());
      EXPECT_TRUE(d["message"].IsString());
      EXPECT_GT(d["message"].GetStringLength(), 0u);
      if (d.HasMember("help")) {
        EXPECT_TRUE(d["help"].IsString());
      }
      if (d.HasMember("spec")) {
        EXPECT_THAT(d["spec"].GetString(), HasSubstr("https://"));
      }
      std::string severity = d["severity"].GetString();
      EXPECT_TRUE(severities.count(severity)) << severity;
      errors += severity == "error";
      warnings += severity == "warning";
      notes += severity == "note";
      for (const auto& member : d.GetObject()) {
        std::string key = member.name.GetString();
        EXPECT_TRUE(std::set<std::string>({"rule", "severity", "pointer", "line", "column",
                                           "message", "help", "spec"})
                        .count(key))
            << "unexpected diagnostic key " << key;
      }
    }
  }
  const auto& summary = doc["summary"];
  EXPECT_EQ(summary["files"].GetUint64(), doc["files"].Size());
  EXPECT_EQ(summary["errors"].GetUint64(), errors);
  EXPECT_EQ(summary["warnings"].GetUint64(), warnings);
  EXPECT_EQ(summary["notes"].GetUint64(), notes);
  return doc;
}

const rapidjson::Value& FileNamed(const rapidjson::Document& doc, const std::string& path) {
  for (const auto& file : doc["files"].GetArray()) {
    if (path == file["path"].GetString()) return file;
  }
  ADD_FAILURE() << "no report for " << path;
  static const rapidjson::Value kNull;
  return kNull;
}

TEST(JsonOutputTest, ExamplesFollowTheContract) {
  rapidjson::Document doc = RunJson({SourcePath("testdata/examples")}, 1);
  ASSERT_TRUE(doc.IsObject());
  EXPECT_STREQ(doc["schema"].GetString(), "embedded runtime-spec v1.3.0");
  EXPECT_EQ(doc["files"].Size(), 4u);
  const auto& clean = FileNamed(doc, Example("clean.oci.json"));
  EXPECT_TRUE(clean["schemaValid"].GetBool());
  EXPECT_STREQ(clean["ociVersion"].GetString(), "1.3.0");
  EXPECT_EQ(clean["diagnostics"].Size(), 0u);

  const auto& dup = FileNamed(doc, Example("duplicate-key.oci.json"));
  EXPECT_TRUE(dup["schemaValid"].GetBool()) << "a duplicate key is not a schema problem";
  ASSERT_EQ(dup["diagnostics"].Size(), 1u);
  const auto& warning = dup["diagnostics"][0];
  EXPECT_STREQ(warning["rule"].GetString(), "json-duplicate-key");
  EXPECT_STREQ(warning["severity"].GetString(), "warning");
  EXPECT_STREQ(warning["pointer"].GetString(), "/process/cwd");
  EXPECT_EQ(warning["line"].GetUint(), 44u);
  EXPECT_EQ(warning["column"].GetUint(), 3u);
  EXPECT_TRUE(warning.HasMember("help"));

  const auto& schema_errors = FileNamed(doc, Example("schema-errors.oci.json"));
  EXPECT_FALSE(schema_errors["schemaValid"].GetBool());
  std::vector<std::string> pointers;
  for (const auto& d : schema_errors["diagnostics"].GetArray()) {
    EXPECT_STREQ(d["rule"].GetString(), "schema");
    EXPECT_TRUE(d.HasMember("spec")) << d["pointer"].GetString();
    pointers.push_back(d["pointer"].GetString());
  }
  EXPECT_EQ(pointers, (std::vector<std::string>{"/process/user/uid", "/process/args", "/mounts/0",
                                                "/linux/namespaces/1/type"}));
  const auto& uid = schema_errors["diagnostics"][0];
  EXPECT_EQ(uid["line"].GetUint(), 6u);
  EXPECT_EQ(uid["column"].GetUint(), 11u);
  EXPECT_STREQ(uid["message"].GetString(), "-1 is less than the minimum 0");

  const auto& syntax = FileNamed(doc, Example("syntax-error.oci.json"));
  EXPECT_FALSE(syntax["schemaValid"].GetBool());
  EXPECT_TRUE(syntax["ociVersion"].IsNull()) << "unparsable: no version";
  ASSERT_EQ(syntax["diagnostics"].Size(), 1u);
  EXPECT_STREQ(syntax["diagnostics"][0]["rule"].GetString(), "json-syntax");
  EXPECT_EQ(syntax["diagnostics"][0]["line"].GetUint(), 19u);
  EXPECT_EQ(syntax["diagnostics"][0]["column"].GetUint(), 3u);
  EXPECT_EQ(doc["summary"]["errors"].GetUint64(), 5u);
  EXPECT_EQ(doc["summary"]["warnings"].GetUint64(), 1u);
  EXPECT_EQ(doc["summary"]["unreadable"].GetUint64(), 0u);
}

TEST(JsonOutputTest, OciVersionIsNullWhenAbsentOrNotAString) {
  TempDir dir;
  std::string absent = dir.Write("absent.json", "{}");
  std::string number = dir.Write("number.json", "{\"ociVersion\": 1}");
  std::string array = dir.Write("array.json", "[]");
  rapidjson::Document doc = RunJson({absent, number, array}, 1);
  ASSERT_TRUE(doc.IsObject());
  for (const std::string& path : {absent, number, array}) {
    const auto& file = FileNamed(doc, path);
    EXPECT_TRUE(file["ociVersion"].IsNull()) << path;
    EXPECT_FALSE(file["schemaValid"].GetBool()) << path;
  }
}

TEST(JsonOutputTest, UnreadableInputs) {
  TempDir dir;
  std::string big = dir.Write("big.json", std::string(2048, ' '));
  std::string small = dir.Write("small.json", "{\"ociVersion\": \"1.3.0\"}");
  rapidjson::Document doc = RunJson({"--max-size", "1K", "/nonexistent.json", big, small}, 3);
  ASSERT_TRUE(doc.IsObject());
  const auto& missing = FileNamed(doc, "/nonexistent.json");
  EXPECT_FALSE(missing["schemaValid"].GetBool());
  EXPECT_TRUE(missing["ociVersion"].IsNull());
  ASSERT_EQ(missing["diagnostics"].Size(), 1u);
  EXPECT_STREQ(missing["diagnostics"][0]["rule"].GetString(), "io-error");
  EXPECT_STREQ(missing["diagnostics"][0]["pointer"].GetString(), "");
  EXPECT_EQ(missing["diagnostics"][0]["line"].GetUint(), 0u) << "no position in the file";
  const auto& too_large = FileNamed(doc, big);
  EXPECT_STREQ(too_large["diagnostics"][0]["rule"].GetString(), "input-too-large");
  EXPECT_EQ(doc["summary"]["unreadable"].GetUint64(), 2u);
  EXPECT_EQ(doc["summary"]["files"].GetUint64(), 3u);
}

TEST(JsonOutputTest, OutputIsUtf8EvenWhenTheInputIsNot) {
  TempDir dir;
  std::string path = dir.Write(
      "latin1.json",
      "{\"ociVersion\": \"1.3.0\xFF\", \"linux\": {\"rootfsPropagation\": \"sh\xE9red\"},\n"
      " \"\xC0\xAF\": 1}");
  rapidjson::Document doc = RunJson({path, SourcePath("testdata/invalid/invalid-utf8.json")}, 1);
  ASSERT_TRUE(doc.IsObject());
  const auto& file = FileNamed(doc, path);
  EXPECT_STREQ(file["ociVersion"].GetString(), "1.3.0\xEF\xBF\xBD");
  bool enum_error = false;
  for (const auto& d : file["diagnostics"].GetArray()) {
    std::string message = d["message"].GetString();
    if (std::string(d["rule"].GetString()) == "schema" &&
        std::string(d["pointer"].GetString()) == "/linux/rootfsPropagation") {
      enum_error = true;
      EXPECT_THAT(message, HasSubstr("sh\xEF\xBF\xBDred"));
    }
  }
  EXPECT_TRUE(enum_error);
}

TEST(JsonOutputTest, PathsThatAreNotUtf8AreReplaced) {
  TempDir dir;
  std::string path = dir.Write("bad\xFFname.json",
                               "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}}");
  rapidjson::Document doc = RunJson({dir.path()}, 0);
  ASSERT_TRUE(doc.IsObject());
  ASSERT_EQ(doc["files"].Size(), 1u);
  EXPECT_EQ(std::string(doc["files"][0]["path"].GetString()),
            dir.path() + "/bad\xEF\xBF\xBDname.json");
}

TEST(JsonOutputTest, ControlCharactersAreEscaped) {
  TempDir dir;
  std::string path = dir.Write("ctl.json",
                               "{\"ociVersion\": \"1.3.0\", \"root\": {\"path\": \"rootfs\"}, "
                               "\"process\": {\"cwd\": \"/\", \"args\": [\"sh\"], \"user\": "
                               "{\"uid\": 0, \"gid\": 0}}, \"hostname\": [\"a\\u0001\\n\"]}");
  CliResult r = RunInProcess({"--format", "json", path});
  EXPECT_EQ(r.exit_code, 1);
  for (char c : r.out) {
    EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\n') << "raw control character";
  }
  rapidjson::Document doc;
  doc.Parse(r.out.c_str());
  ASSERT_FALSE(doc.HasParseError());
  EXPECT_THAT(doc["files"][0]["diagnostics"][0]["message"].GetString(),
              HasSubstr("expected a string"));
}

/// JsonWriter::Utf8String must write what RapidJSON's own writer writes, escapes included, for
/// every byte value and where the escapes fall at either end or next to each other.
TEST(JsonOutputTest, StringsAreWrittenAsRapidJsonWritesThem) {
  std::vector<std::string> texts{
      "", "plain", "\"", "\\\\", "a\"b\\c\x7F\xC3\xA9/", std::string("nul\0inside", 11)};
  std::string every_byte;
  for (int c = 1; c < 0x80; ++c) every_byte += static_cast<char>(c);
  texts.push_back(every_byte);
  texts.push_back(std::string(10000, 'x') + "\n" + std::string(10000, 'y'));
  for (const std::string& text : texts) {
    rapidjson::StringBuffer expected_buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> expected(expected_buffer);
    expected.StartObject();
    expected.Key(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    expected.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    expected.EndObject();

    std::ostringstream actual_stream;
    {
      json::BufferedOStream out(actual_stream);
      report::JsonWriter actual(out);
      actual.StartObject();
      report::Key(actual, text);
      report::String(actual, text);
      actual.EndObject();
      out.Flush();
    }
    EXPECT_EQ(actual_stream.str(), expected_buffer.GetString()) << text;
  }
}

}  // namespace
}  // namespace ocilint
