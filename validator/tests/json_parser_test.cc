// The JSON parser: locations, pointers, and every way a text can fail to be JSON.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "json/document.h"
#include "json/edit.h"
#include "json/parser.h"
#include "json/utf8.h"

namespace ocilint::json {
namespace {

using ::testing::HasSubstr;

Position Locate(std::string_view text, size_t offset) {
  return SourceMap(text).Locate(offset);
}

/// Parses `text` and expects exactly one syntax issue; returns it.
ParseIssue OnlySyntaxIssue(const std::string& text, bool expect_document = false) {
  ParseResult r = Parse(text);
  EXPECT_FALSE(r.clean_syntax) << text;
  EXPECT_EQ(r.document->empty(), !expect_document) << text;
  EXPECT_EQ(r.issues.size(), 1u) << text;
  if (r.issues.empty()) return {};
  EXPECT_EQ(r.issues[0].kind, ParseIssue::Kind::kSyntax);
  return r.issues[0];
}

std::string StringAt(const ParseResult& r, const std::string& pointer) {
  NodeId id = r.document->Resolve(pointer);
  if (id == kNoNode) return "<missing>";
  const Node& n = r.document->node(id);
  EXPECT_EQ(n.type, Type::kString);
  return std::string(n.text);
}

TEST(JsonParserTest, CleanDocumentHasNoIssues) {
  ParseResult r = Parse(R"({"a": [1, -2.5e3, true, false, null, "s"], "b": {}})");
  EXPECT_TRUE(r.clean_syntax);
  EXPECT_TRUE(r.issues.empty());
  ASSERT_FALSE(r.document->empty());
  const Document& doc = *r.document;
  NodeId a = doc.Resolve("/a");
  ASSERT_NE(a, kNoNode);
  EXPECT_EQ(doc.node(a).count, 6u);
  EXPECT_EQ(doc.node(doc.Resolve("/a/1")).text, "-2.5e3");
  EXPECT_EQ(doc.node(doc.Resolve("/a/5")).text, "s");
  EXPECT_EQ(doc.node(doc.Resolve("/a/2")).type, Type::kBool);
  EXPECT_TRUE(doc.node(doc.Resolve("/a/2")).boolean);
  EXPECT_EQ(doc.node(doc.Resolve("/a/4")).type, Type::kNull);
  EXPECT_EQ(doc.node(doc.Resolve("/b")).type, Type::kObject);
}

TEST(JsonParserTest, LocationsAreOneBasedAndCountCodePoints) {
  // Byte offsets differ from columns once multi-byte characters precede the value.
  std::string text = "{\"\xC3\xA9\": 1,\n \"\xE6\x97\xA5\xE6\x9C\xAC\": [true],\n\t\"t\": 7}";
  ParseResult r = Parse(text);
  ASSERT_TRUE(r.clean_syntax);
  const Document& doc = *r.document;
  NodeId e = doc.Resolve("/\xC3\xA9");
  ASSERT_NE(e, kNoNode);
  EXPECT_EQ(doc.node(e).offset, 7u);  // {"é": = 1+1+2+1+1+1 bytes
  Position p = Locate(text, doc.node(e).offset);
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.column, 7u);  // {, ", é, ", :, space -> 6 code points before it

  NodeId nihon = doc.Resolve("/\xE6\x97\xA5\xE6\x9C\xAC/0");
  ASSERT_NE(nihon, kNoNode);
  p = Locate(text, doc.node(nihon).offset);
  EXPECT_EQ(p.line, 2u);
  EXPECT_EQ(p.column, 9u);  // space " 日 本 " : space [ -> 8 code points

  NodeId t = doc.Resolve("/t");
  p = Locate(text, doc.node(t).offset);
  EXPECT_EQ(p.line, 3u);
  EXPECT_EQ(p.column, 7u);  // a tab is one column: \t " t " : space
  EXPECT_EQ(Locate(text, 0).column, 1u);
  EXPECT_EQ(Locate(text, 0).line, 1u);
}

TEST(JsonParserTest, SourceMapLinesDropLineBreaks) {
  std::string text = "{\r\n\"a\": 1\r\n}";
  SourceMap map(text);
  EXPECT_EQ(map.Line(1), "{");
  EXPECT_EQ(map.Line(2), "\"a\": 1");
  EXPECT_EQ(map.Line(3), "}");
  EXPECT_EQ(map.Line(4), "");
  EXPECT_EQ(map.Locate(text.find('1')).line, 2u);
  EXPECT_EQ(map.Locate(text.find('1')).column, 6u);
}

// Locate counts from a checkpoint near the offset, not from the start of a long line; the
// column must be what counting the line's code points up to the offset gives, mid-sequence
// offsets and invalid bytes included.
TEST(JsonParserTest, LocateOnLongLinesCountsLikeTheWholeLine) {
  std::mt19937 random(7);
  const std::string pieces[] = {"a",    "\t",       "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80",
                                "\xFF", "\xE2\x82", "\n",       "\"k\":1,"};
  std::string text;
  while (text.size() < 40000) {
    std::uniform_int_distribution<size_t> pick(0, std::size(pieces) - 1);
    size_t i = pick(random);
    // Line breaks rarely: lines of thousands of bytes cross many checkpoints.
    if (pieces[i] == "\n" && random() % 50 != 0) continue;
    text += pieces[i];
  }
  SourceMap map(text);
  for (size_t offset = 0; offset <= text.size(); offset += 1 + random() % 97) {
    size_t newline = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
    size_t start = newline == std::string::npos ? 0 : newline + 1;
    Position p = map.Locate(offset);
    EXPECT_EQ(p.column, CountCodePoints(std::string_view(text).substr(start, offset - start)) + 1)
        << "offset " << offset;
    EXPECT_EQ(p.line, 1 + std::count(text.begin(), text.begin() + offset, '\n'))
        << "offset " << offset;
  }
}

// The map keeps a checkpoint every few KiB, not every line start: with runs of empty lines,
// short lines and lines longer than a checkpoint's span, every line's start and text and every
// offset's line must be what scanning the text from its start gives.
TEST(JsonParserTest, SourceMapLinesMatchAScanWhateverTheirLengths) {
  std::mt19937 random(11);
  std::string text;
  std::vector<size_t> starts = {0};
  while (text.size() < 60000) {
    size_t length = random() % 4 == 0   ? 0
                    : random() % 3 == 0 ? 5000 + random() % 9000
                                        : random() % 40;
    text.append(length, 'x');
    text += '\n';
    starts.push_back(text.size());
  }
  text += "tail";
  SourceMap map(text);
  for (uint32_t line = 1; line <= starts.size(); ++line) {
    ASSERT_EQ(map.LineStart(line), starts[line - 1]) << "line " << line;
    size_t end = line < starts.size() ? starts[line] - 1 : text.size();
    ASSERT_EQ(map.Line(line),
              std::string_view(text).substr(starts[line - 1], end - starts[line - 1]))
        << "line " << line;
  }
  EXPECT_EQ(map.Line(static_cast<uint32_t>(starts.size()) + 1), "");
  for (size_t offset = 0; offset <= text.size(); offset += 1 + random() % 31) {
    auto after = std::upper_bound(starts.begin(), starts.end(), offset);
    ASSERT_EQ(map.LineOf(offset), static_cast<uint32_t>(after - starts.begin())) << offset;
  }
}

TEST(JsonParserTest, MoreValuesThanTheLimitIsASyntaxErrorAtTheNextValue) {
  ParseResult r = Parse("[1, [2, 3], {\"a\": 4}, 5]", {.max_depth = 1000, .max_values = 5});
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_FALSE(r.clean_syntax);
  EXPECT_TRUE(r.document->empty());
  EXPECT_THAT(r.issues[0].message, HasSubstr("more than 5 values"));
  EXPECT_EQ(r.issues[0].offset, std::string("[1, [2, 3], ").size()) << "the sixth value, {";
  EXPECT_TRUE(Parse("[1, [2, 3], {\"a\": 4}]", {.max_depth = 1000, .max_values = 7}).clean_syntax);
}

TEST(JsonParserTest, PointersResolveWithEscapes) {
  ParseResult r = Parse(R"({"a/b": {"m~n": [10, 20]}, "": {"": 3}})");
  ASSERT_TRUE(r.clean_syntax);
  const Document& doc = *r.document;
  EXPECT_EQ(doc.node(doc.Resolve("/a~1b/m~0n/1")).text, "20");
  EXPECT_EQ(doc.node(doc.Resolve("//")).text, "3");
  EXPECT_EQ(doc.Resolve(""), doc.root());
  EXPECT_EQ(doc.Resolve("/a~1b/m~0n/01"), kNoNode);  // leading zero is not an index
  EXPECT_EQ(doc.Resolve("/a~1b/m~0n/2"), kNoNode);
  EXPECT_EQ(doc.Resolve("/a/b"), kNoNode);
  EXPECT_EQ(doc.Resolve("a~1b"), kNoNode);  // a pointer starts with '/'
  EXPECT_EQ(EscapePointerToken("a/b~c"), "a~1b~0c");
}

TEST(JsonParserTest, TopLevelScalarsAreDocuments) {
  for (const char* text : {"5", " \"x\" ", "true", "null", "-1.5e3"}) {
    ParseResult r = Parse(text);
    EXPECT_TRUE(r.clean_syntax) << text;
    ASSERT_FALSE(r.document->empty()) << text;
    EXPECT_EQ(r.document->Resolve(""), r.document->root());
  }
  ParseResult s = Parse(" \"x\"");
  EXPECT_EQ(s.document->node(s.document->root()).type, Type::kString);
  EXPECT_EQ(s.document->node(s.document->root()).offset, 1u);
  EXPECT_TRUE(Parse("5 6").document->empty()) << "trailing garbage: no document";
}

TEST(JsonParserTest, EmptyFile) {
  ParseIssue issue = OnlySyntaxIssue("");
  EXPECT_EQ(issue.offset, 0u);
  EXPECT_THAT(issue.message, HasSubstr("the file is empty"));
}

TEST(JsonParserTest, WhitespaceOnly) {
  ParseIssue issue = OnlySyntaxIssue(" \t\r\n  ");
  EXPECT_EQ(issue.offset, 6u);
  EXPECT_THAT(issue.message, HasSubstr("contains no JSON value"));
}

TEST(JsonParserTest, ByteOrderMarkIsReportedAndTheDocumentStillParsed) {
  ParseResult r = Parse("\xEF\xBB\xBF{\"ociVersion\": \"1.0.0\"}");
  EXPECT_FALSE(r.clean_syntax);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].offset, 0u);
  EXPECT_THAT(r.issues[0].message, HasSubstr("byte order mark"));
  EXPECT_THAT(r.issues[0].help, HasSubstr("without a BOM"));
  ASSERT_FALSE(r.document->empty());
  EXPECT_EQ(StringAt(r, "/ociVersion"), "1.0.0");
  // The BOM is one code point: the '{' after it is column 2.
  EXPECT_EQ(Locate(r.document->source(), r.document->node(r.document->root()).offset).column, 2u);
}

struct Utf8Case {
  const char* name;
  std::string text;
  size_t offset;
  const char* byte;
  std::string decoded;
};

void PrintTo(const Utf8Case& c, std::ostream* os) {
  *os << c.name;
}

class InvalidUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(InvalidUtf8Test, ReportedOncePerStringAndReplaced) {
  const Utf8Case& c = GetParam();
  ParseResult r = Parse(c.text);
  EXPECT_FALSE(r.clean_syntax);
  ASSERT_EQ(r.issues.size(), 1u);
  EXPECT_EQ(r.issues[0].kind, ParseIssue::Kind::kSyntax);
  EXPECT_EQ(r.issues[0].offset, c.offset);
  EXPECT_EQ(r.issues[0].pointer, "/h");
  EXPECT_THAT(r.issues[0].message, HasSubstr("invalid UTF-8"));
  EXPECT_THAT(r.issues[0].message, HasSubstr(c.byte));
  ASSERT_FALSE(r.document->empty()) << "the rest of the document is still parsed";
  EXPECT_EQ(StringAt(r, "/h"), c.decoded);
  EXPECT_EQ(StringAt(r, "/after"), "ok");
}

const std::string kFFFD = "\xEF\xBF\xBD";

INSTANTIATE_TEST_SUITE_P(
    Bytes, InvalidUtf8Test,
    ::testing::Values(
        Utf8Case{"FF", "{\"h\": \"ru\xFFnc\", \"after\": \"ok\"}", 9, "0xFF", "ru" + kFFFD + "nc"},
        Utf8Case{"Overlong", "{\"h\": \"\xC0\xAF\", \"after\": \"ok\"}", 7, "0xC0", kFFFD + kFFFD},
        Utf8Case{"Truncated", "{\"h\": \"a\xE6\x97\", \"after\": \"ok\"}", 8, "0xE6",
                 "a" + kFFFD + kFFFD},
        Utf8Case{"EncodedSurrogate", "{\"h\": \"\xED\xA0\x80\", \"after\": \"ok\"}", 7, "0xED",
                 kFFFD + kFFFD + kFFFD},
        Utf8Case{"AfterEscape", "{\"h\": \"\\n\xFF\", \"after\": \"ok\"}", 9, "0xFF",
                 "\n" + kFFFD}),
    [](const auto& case_info) { return std::string(case_info.param.name); });

TEST(JsonParserTest, InvalidUtf8OutsideAStringIsASyntaxError) {
  ParseIssue issue = OnlySyntaxIssue("{\"a\": \xFF}");
  EXPECT_EQ(issue.offset, 6u);
  EXPECT_THAT(issue.message, HasSubstr("unexpected byte 0xFF"));
}

TEST(JsonParserTest, NonFiniteNumbersAreRefused) {
  ParseIssue nan = OnlySyntaxIssue(R"({"x": NaN})");
  EXPECT_EQ(nan.offset, 6u);
  EXPECT_EQ(nan.message, "NaN is not a JSON value");
  ParseIssue inf = OnlySyntaxIssue(R"({"x": Infinity})");
  EXPECT_EQ(inf.offset, 6u);
  EXPECT_EQ(inf.message, "Infinity is not a JSON value");
  ParseIssue minus = OnlySyntaxIssue(R"({"x": [1, -Infinity]})");
  EXPECT_EQ(minus.offset, 10u);
  EXPECT_EQ(minus.message, "-Infinity is not a JSON value");
  EXPECT_THAT(minus.help, HasSubstr("finite"));
}

TEST(JsonParserTest, TrailingGarbage) {
  ParseIssue brace = OnlySyntaxIssue("{\"a\": 1}\n}");
  EXPECT_EQ(brace.offset, 9u);
  EXPECT_THAT(brace.message, HasSubstr("unexpected '}' after the end of the JSON value"));
  ParseIssue word = OnlySyntaxIssue("{} xyz");
  EXPECT_EQ(word.offset, 3u);
  EXPECT_THAT(word.message, HasSubstr("'x' after the end of the JSON value"));
}

TEST(JsonParserTest, TrailingCommas) {
  ParseIssue object = OnlySyntaxIssue(R"({"a": 1, })");
  EXPECT_EQ(object.offset, 7u);
  EXPECT_THAT(object.message, HasSubstr("trailing comma before '}'"));
  ParseIssue array = OnlySyntaxIssue(R"({"a": [1, 2,  ]})");
  EXPECT_EQ(array.offset, 11u);
  EXPECT_THAT(array.message, HasSubstr("trailing comma before ']'"));
  EXPECT_EQ(array.pointer, "/a") << "the issue names the array it is in";
}

TEST(JsonParserTest, SingleQuotes) {
  ParseIssue key = OnlySyntaxIssue("{'hostname': 'runc'}");
  EXPECT_EQ(key.offset, 1u);
  EXPECT_THAT(key.message, HasSubstr("double quotes, not single quotes"));
  ParseIssue value = OnlySyntaxIssue("{\"hostname\": 'runc'}");
  EXPECT_EQ(value.offset, 13u);
  EXPECT_THAT(value.message, HasSubstr("double quotes, not single quotes"));
}

TEST(JsonParserTest, UnquotedKey) {
  ParseIssue issue = OnlySyntaxIssue("{hostname: 1}");
  EXPECT_EQ(issue.offset, 1u);
  EXPECT_THAT(issue.message, HasSubstr("keys must be strings in double quotes"));
}

TEST(JsonParserTest, Comments) {
  ParseIssue line = OnlySyntaxIssue("{\n  // a comment\n  \"a\": 1}");
  EXPECT_EQ(line.offset, 4u);
  EXPECT_THAT(line.message, HasSubstr("comments are not allowed"));
  ParseIssue block = OnlySyntaxIssue("/* c */ {}");
  EXPECT_EQ(block.offset, 0u);
  EXPECT_THAT(block.message, HasSubstr("comments are not allowed"));
  ParseIssue after_value = OnlySyntaxIssue("{\"a\": 1 // c\n}");
  EXPECT_EQ(after_value.offset, 8u);
  EXPECT_THAT(after_value.message, HasSubstr("comments are not allowed"));
}

TEST(JsonParserTest, UnterminatedString) {
  ParseIssue issue = OnlySyntaxIssue("{\"hostname\": \"ru");
  EXPECT_EQ(issue.offset, 13u) << "points at the opening quote";
  EXPECT_THAT(issue.message, HasSubstr("string is not terminated"));
}

TEST(JsonParserTest, RawControlCharacters) {
  ParseIssue tab = OnlySyntaxIssue("{\"a\": \"x\ty\"}");
  EXPECT_EQ(tab.offset, 8u);
  EXPECT_THAT(tab.message, HasSubstr("raw control character U+0009"));
  ParseIssue newline = OnlySyntaxIssue("{\"a\": \"runc,\n \"b\": 1}");
  EXPECT_EQ(newline.offset, 12u);
  EXPECT_THAT(newline.message, HasSubstr("U+000A"));
  EXPECT_THAT(newline.help, HasSubstr("missing its closing quote"));
}

TEST(JsonParserTest, BadEscapes) {
  ParseIssue x = OnlySyntaxIssue(R"({"a": "\x41runc"})");
  EXPECT_EQ(x.offset, 7u);
  EXPECT_THAT(x.message, HasSubstr("invalid escape sequence: backslash followed by 'x'"));
  ParseIssue u = OnlySyntaxIssue(R"({"a": "ab\u12G4"})");
  EXPECT_EQ(u.offset, 9u);
  EXPECT_THAT(u.message, HasSubstr("invalid \\u escape"));
  ParseIssue short_u = OnlySyntaxIssue(R"(["\u12"])");
  EXPECT_EQ(short_u.offset, 2u);
  EXPECT_THAT(short_u.message, HasSubstr("four hexadecimal digits"));
}

TEST(JsonParserTest, BadNumbers) {
  ParseIssue zeros = OnlySyntaxIssue(R"({"a": 007})");
  EXPECT_EQ(zeros.offset, 6u);
  EXPECT_THAT(zeros.message, HasSubstr("leading zeros"));
  ParseIssue negative_zeros = OnlySyntaxIssue("[-01]");
  EXPECT_EQ(negative_zeros.offset, 1u);
  EXPECT_THAT(negative_zeros.message, HasSubstr("leading zeros"));
  ParseIssue dot = OnlySyntaxIssue("[1.]");
  EXPECT_EQ(dot.offset, 3u);
  EXPECT_THAT(dot.message, HasSubstr("digit after the decimal point"));
  ParseIssue minus = OnlySyntaxIssue("[-]");
  EXPECT_EQ(minus.offset, 2u);
  EXPECT_THAT(minus.message, HasSubstr("digit after '-'"));
  ParseIssue exponent = OnlySyntaxIssue("[1e+]");
  EXPECT_EQ(exponent.offset, 4u);
  EXPECT_THAT(exponent.message, HasSubstr("digit in the exponent"));
  ParseIssue plus = OnlySyntaxIssue("[+1]");
  EXPECT_EQ(plus.offset, 1u);
  EXPECT_THAT(plus.message, HasSubstr("cannot start with '+'"));
  ParseIssue leading_dot = OnlySyntaxIssue("[.5]");
  EXPECT_EQ(leading_dot.offset, 1u);
  EXPECT_THAT(leading_dot.message, HasSubstr("digit before the decimal point"));
  // A plain zero and zero with a fraction are fine.
  EXPECT_TRUE(Parse("[0, -0, 0.5, -0e1]").clean_syntax);
}

TEST(JsonParserTest, WrongCaseLiterals) {
  ParseIssue issue = OnlySyntaxIssue(R"({"a": True})");
  EXPECT_EQ(issue.offset, 6u);
  EXPECT_THAT(issue.message, HasSubstr("lower-case"));
}

TEST(JsonParserTest, MissingCommaPointsAtTheNextMember) {
  std::string text = "{\n  \"a\": 1\n  \"b\": 2\n}";
  ParseIssue issue = OnlySyntaxIssue(text);
  EXPECT_EQ(issue.offset, text.find("\"b\""));
  EXPECT_THAT(issue.message, HasSubstr("expected ',' or '}' after an object member"));
  Position p = Locate(text, issue.offset);
  EXPECT_EQ(p.line, 3u);
  EXPECT_EQ(p.column, 3u);
}

TEST(JsonParserTest, UnclosedContainerSaysWhereItOpened) {
  ParseIssue issue = OnlySyntaxIssue("{\"a\": [1,\n 2");
  EXPECT_EQ(issue.offset, 12u);
  EXPECT_THAT(issue.message, HasSubstr("unexpected end of file"));
  EXPECT_THAT(issue.message, HasSubstr("array opened at line 1, column 7"));
}

TEST(JsonParserTest, LoneSurrogateEscapeIsValidJson) {
  ParseResult r = Parse(R"({"a": "runc\ud800", "b": "\udc00x", "c": "\ud800\u0041"})");
  EXPECT_TRUE(r.clean_syntax);
  EXPECT_TRUE(r.issues.empty());
  // A lone surrogate cannot be held in UTF-8: it becomes U+FFFD.
  EXPECT_EQ(StringAt(r, "/a"), "runc" + kFFFD);
  EXPECT_EQ(StringAt(r, "/b"), kFFFD + "x");
  EXPECT_EQ(StringAt(r, "/c"), kFFFD + "A");
}

TEST(JsonParserTest, SurrogatePairDecodesToFourByteUtf8) {
  ParseResult r = Parse(R"(["\ud83d\ude00", "\uD834\uDD1E", "\u00e9\u65e5", "\/\"\\\b\f\n\r\t"])");
  ASSERT_TRUE(r.clean_syntax);
  EXPECT_EQ(StringAt(r, "/0"), "\xF0\x9F\x98\x80");
  EXPECT_EQ(StringAt(r, "/1"), "\xF0\x9D\x84\x9E");
  EXPECT_EQ(StringAt(r, "/2"), "\xC3\xA9\xE6\x97\xA5");
  EXPECT_EQ(StringAt(r, "/3"), "/\"\\\b\f\n\r\t");
}

TEST(JsonParserTest, DuplicateKeyWarnsAtTheLaterKeyAndKeepsTheLastValue) {
  std::string text = "{\"a\": 1,\n \"b\": 2,\n \"a\": 3}";
  ParseResult r = Parse(text);
  EXPECT_TRUE(r.clean_syntax) << "a duplicate key is a warning, not a syntax error";
  ASSERT_EQ(r.issues.size(), 1u);
  const ParseIssue& issue = r.issues[0];
  EXPECT_EQ(issue.kind, ParseIssue::Kind::kDuplicateKey);
  EXPECT_EQ(issue.offset, text.rfind("\"a\""));
  EXPECT_EQ(issue.pointer, "/a");
  EXPECT_THAT(issue.message, HasSubstr("duplicate key \"a\" (first at line 1, column 2)"));
  EXPECT_THAT(issue.message, HasSubstr("last value"));
  const Document& doc = *r.document;
  EXPECT_EQ(doc.node(doc.Resolve("/a")).text, "3");
  EXPECT_EQ(doc.node(doc.root()).count, 2u);
}

TEST(JsonParserTest, ThreeOccurrencesGiveTwoIssues) {
  std::string text = R"({"p": {"k": 1, "k": 2, "k": "last"}})";
  ParseResult r = Parse(text);
  EXPECT_TRUE(r.clean_syntax);
  ASSERT_EQ(r.issues.size(), 2u);
  size_t first = text.find("\"k\""), second = text.find("\"k\"", first + 1);
  EXPECT_EQ(r.issues[0].offset, second);
  EXPECT_EQ(r.issues[1].offset, text.rfind("\"k\""));
  for (const ParseIssue& issue : r.issues) {
    EXPECT_EQ(issue.pointer, "/p/k");
    EXPECT_THAT(issue.message, HasSubstr("first at line 1, column 8"));
  }
  EXPECT_EQ(StringAt(r, "/p/k"), "last");
  EXPECT_EQ(r.document->node(r.document->Resolve("/p")).count, 1u);
}

TEST(JsonParserTest, DuplicateKeysInLargeObjectsUseTheHashPath) {
  // More than 16 members: duplicates are found through a hash map, with the same results.
  std::string text = "{";
  for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
  text += "\"k5\": \"x\", \"k39\": \"y\", \"k5\": \"z\"}";
  ParseResult r = Parse(text);
  EXPECT_TRUE(r.clean_syntax);
  ASSERT_EQ(r.issues.size(), 3u);
  EXPECT_EQ(r.issues[0].pointer, "/k5");
  EXPECT_EQ(r.issues[0].offset, text.find("\"k5\": \"x\""));
  EXPECT_EQ(r.issues[1].pointer, "/k39");
  EXPECT_EQ(r.issues[2].pointer, "/k5");
  EXPECT_EQ(r.issues[2].offset, text.find("\"k5\": \"z\""));
  EXPECT_THAT(r.issues[2].message, HasSubstr("duplicate key \"k5\""));
  EXPECT_EQ(r.document->node(r.document->root()).count, 40u);
  EXPECT_EQ(StringAt(r, "/k5"), "z");
  EXPECT_EQ(StringAt(r, "/k39"), "y");
  EXPECT_EQ(r.document->node(r.document->Resolve("/k6")).text, "6");
}

TEST(JsonParserTest, DistinctKeysInLargeObjectsAreNotDuplicates) {
  std::string text = "{";
  for (int i = 0; i < 100; ++i) text += (i ? ",\"" : "\"") + std::to_string(i) + "\": []";
  text += "}";
  ParseResult r = Parse(text);
  EXPECT_TRUE(r.clean_syntax);
  EXPECT_TRUE(r.issues.empty());
  EXPECT_EQ(r.document->node(r.document->root()).count, 100u);
}

TEST(JsonParserTest, DeepNestingIsRefusedWithoutCrashing) {
  const size_t limit = ParseOptions{}.max_depth;
  const std::string phrase = "nests deeper than " + std::to_string(limit) + " levels";
  std::string text(100000, '[');
  ParseIssue open = OnlySyntaxIssue(text);
  EXPECT_EQ(open.offset, limit) << "the first bracket beyond the limit";
  EXPECT_THAT(open.message, HasSubstr(phrase));

  text += std::string(100000, ']');
  ParseIssue closed = OnlySyntaxIssue(text);
  EXPECT_EQ(closed.offset, limit);
  EXPECT_THAT(closed.message, HasSubstr(phrase));

  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  ParseIssue nested_objects = OnlySyntaxIssue(objects);
  EXPECT_EQ(nested_objects.offset, limit * 5);
  EXPECT_THAT(nested_objects.message, HasSubstr(phrase));
}

TEST(JsonParserTest, NestingUpToTheLimitParses) {
  for (size_t depth : {511u, 512u}) {
    std::string text = std::string(depth, '[') + std::string(depth, ']');
    ParseResult r = Parse(text, {512});
    EXPECT_TRUE(r.clean_syntax) << depth;
    EXPECT_TRUE(r.issues.empty()) << depth;
    EXPECT_FALSE(r.document->empty()) << depth;
  }
  std::string too_deep = std::string(513, '[') + std::string(513, ']');
  EXPECT_FALSE(Parse(too_deep, {512}).clean_syntax);
  // The limit is an option.
  ParseResult small = Parse("[[[]]]", {2});
  EXPECT_FALSE(small.clean_syntax);
  ASSERT_EQ(small.issues.size(), 1u);
  EXPECT_THAT(small.issues[0].message, HasSubstr("deeper than 2 levels"));
}

TEST(JsonParserTest, ExcerptAndDescribeType) {
  ParseResult r = Parse(R"([1, 1.0, "a\"b\n", [], {}, [1], null, true])");
  ASSERT_TRUE(r.clean_syntax);
  const Document& doc = *r.document;
  auto at = [&](int i) { return doc.Resolve("/" + std::to_string(i)); };
  EXPECT_EQ(DescribeType(doc, at(0)), "an integer");
  EXPECT_EQ(DescribeType(doc, at(1)), "a number");
  EXPECT_EQ(DescribeType(doc, at(2)), "a string");
  EXPECT_EQ(Excerpt(doc, at(2)), R"("a\"b\n")");
  EXPECT_EQ(Excerpt(doc, at(3)), "[]");
  EXPECT_EQ(Excerpt(doc, at(4)), "{}");
  EXPECT_EQ(Excerpt(doc, at(5)), "[...]");
  EXPECT_EQ(DescribeType(doc, at(6)), "null");
  EXPECT_EQ(Excerpt(doc, at(7)), "true");
  ParseResult long_string = Parse("[\"" + std::string(50, 'x') + "\"]");
  EXPECT_EQ(Excerpt(*long_string.document, long_string.document->Resolve("/0"), 5), "\"xxxxx...\"");
}

/// EditSource on `text`, removing the elements and replacing the values at the pointers given.
std::string Edit(const std::string& text, std::vector<std::string> remove,
                 std::map<std::string, std::string> replace = {}) {
  ParseResult r = Parse(text);
  EXPECT_TRUE(r.clean_syntax) << text;
  std::set<NodeId> omit;
  for (const std::string& pointer : remove) omit.insert(r.document->Resolve(pointer));
  std::map<NodeId, std::string> values;
  for (const auto& [pointer, value] : replace) values[r.document->Resolve(pointer)] = value;
  return EditSource(*r.document, omit, values);
}

TEST(JsonEditTest, RemovedElementsTakeTheirSeparatorAndNothingElseChanges) {
  std::string text = "{\"a\": [ \"x\" ,\n\t\"y\", 3 ], \"b\": 1.50}";
  EXPECT_EQ(Edit(text, {"/a/0"}), "{\"a\": [ \"y\", 3 ], \"b\": 1.50}");
  EXPECT_EQ(Edit(text, {"/a/1"}), "{\"a\": [ \"x\" ,\n\t3 ], \"b\": 1.50}");
  EXPECT_EQ(Edit(text, {"/a/2"}), "{\"a\": [ \"x\" ,\n\t\"y\" ], \"b\": 1.50}");
  EXPECT_EQ(Edit(text, {"/a/1", "/a/2"}), "{\"a\": [ \"x\" ], \"b\": 1.50}");
  EXPECT_EQ(Edit(text, {"/a/0", "/a/2"}), "{\"a\": [ \"y\" ], \"b\": 1.50}");
  EXPECT_EQ(Edit(text, {"/a/0", "/a/1", "/a/2"}), "{\"a\": [  ], \"b\": 1.50}");
  EXPECT_EQ(Edit(text, {}, {{"/b", "2"}}), "{\"a\": [ \"x\" ,\n\t\"y\", 3 ], \"b\": 2}");
  EXPECT_EQ(Edit(text, {}), text);
  // A member value is not an array element: nothing happens to it.
  EXPECT_EQ(Edit(text, {"/b"}), text);
}

TEST(JsonEditTest, ValuesEndWhereTheirTextEnds) {
  // Escaped quotes and brackets inside strings, nested containers, literals.
  std::string text = R"([ "a\"]\\", {"k": ["]", {}]}, [1, [2]], true, false, null, -1.5e3 ])";
  ParseResult r = Parse(text);
  ASSERT_TRUE(r.clean_syntax);
  const Document& doc = *r.document;
  std::vector<std::string> values;
  const Node& array = doc.node(doc.root());
  for (uint32_t i = 0; i < array.count; ++i) {
    NodeId id = doc.element(array, i);
    values.push_back(text.substr(doc.node(id).offset, ValueEnd(doc, id) - doc.node(id).offset));
  }
  EXPECT_THAT(values, ::testing::ElementsAre(R"("a\"]\\")", R"({"k": ["]", {}]})", "[1, [2]]",
                                             "true", "false", "null", "-1.5e3"));
  EXPECT_EQ(Edit(text, {"/0", "/1"}, {{"/6", "0"}}), "[ [1, [2]], true, false, null, 0 ]");
  // A replacement inside a removed element is dropped with it.
  EXPECT_EQ(Edit(text, {"/2"}, {{"/2/0", "9"}}),
            R"([ "a\"]\\", {"k": ["]", {}]}, true, false, null, -1.5e3 ])");
}

}  // namespace
}  // namespace ocilint::json
