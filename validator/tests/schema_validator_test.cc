// The draft-04 engine, keyword by keyword, with Python jsonschema's semantics and plain messages.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "json/parser.h"
#include "schema/schema.h"
#include "schema/validator.h"

namespace ocilint::schema {
namespace {

using ::testing::HasSubstr;

std::shared_ptr<const SchemaSet> Load(const std::string& root, const std::string& defs = "{}") {
  auto set = SchemaSet::FromSources({{"config-schema.json", root}, {"defs.json", defs}}, "mem:///",
                                    "config-schema.json", "test");
  EXPECT_TRUE(set.ok()) << (set.ok() ? "" : set.error().message());
  return set.ok() ? set.value() : nullptr;
}

struct Outcome {
  std::unique_ptr<json::Document> doc;
  std::vector<SchemaError> errors;
  bool valid = false;
};

/// Validates `instance` both ways and checks that IsValid() agrees with Validate().
Outcome Check(const std::shared_ptr<const SchemaSet>& schema, const std::string& instance) {
  Outcome o;
  json::ParseResult parsed = json::Parse(instance);
  EXPECT_TRUE(parsed.clean_syntax) << instance;
  o.doc = std::move(parsed.document);
  if (!schema) return o;
  Validator v(schema);
  o.valid = v.IsValid(*o.doc);
  o.errors = v.Validate(*o.doc);
  EXPECT_EQ(o.valid, o.errors.empty()) << "IsValid() and Validate() disagree on " << instance;
  return o;
}

bool Valid(const std::string& schema, const std::string& instance) {
  return Check(Load(schema), instance).valid;
}

/// The single error for `instance`; fails the test if there is not exactly one.
SchemaError OnlyError(const std::string& schema, const std::string& instance) {
  Outcome o = Check(Load(schema), instance);
  if (o.errors.size() != 1) {
    std::string all;
    for (const SchemaError& e : o.errors) all += "\n  " + e.pointer + ": " + e.message;
    ADD_FAILURE() << "expected exactly one error for " << instance << ", got " << o.errors.size()
                  << all;
  }
  return o.errors.empty() ? SchemaError{} : o.errors[0];
}

TEST(SchemaValidatorTest, TypeIntegerFollowsDraft04) {
  const std::string schema = R"({"type": "integer"})";
  EXPECT_TRUE(Valid(schema, "1"));
  EXPECT_TRUE(Valid(schema, "-18446744073709551617"));
  EXPECT_FALSE(Valid(schema, "1.0")) << "draft-04: 1.0 is not an integer";
  EXPECT_FALSE(Valid(schema, "1e2"));
  EXPECT_FALSE(Valid(schema, "\"1\""));
  SchemaError e = OnlyError(schema, "1.0");
  EXPECT_EQ(e.message, "expected an integer, found a number 1.0");
  EXPECT_THAT(e.help, HasSubstr("draft-04"));
  EXPECT_TRUE(OnlyError(schema, "1.5").help.empty()) << "1.5 is not integral: no hint";
}

TEST(SchemaValidatorTest, TypeNumberAndTypeLists) {
  EXPECT_TRUE(Valid(R"({"type": "number"})", "1"));
  EXPECT_TRUE(Valid(R"({"type": "number"})", "1e400"));
  EXPECT_FALSE(Valid(R"({"type": "number"})", "true"));
  const std::string either = R"({"type": ["string", "null"]})";
  EXPECT_TRUE(Valid(either, "null"));
  EXPECT_TRUE(Valid(either, "\"x\""));
  EXPECT_EQ(OnlyError(either, "[]").message, "expected null or a string, found an array");
  EXPECT_FALSE(Valid(R"({"type": "boolean"})", "0"));
  EXPECT_FALSE(Valid(R"({"type": "object"})", "[]"));
  EXPECT_FALSE(Valid(R"({"type": "array"})", "{}"));
  EXPECT_TRUE(Valid("{}", "[1, {}, null]")) << "no type: anything";
}

TEST(SchemaValidatorTest, EnumUsesPythonEquality) {
  const std::string schema = R"({"enum": [1, "a", {"x": [1, 2]}]})";
  EXPECT_TRUE(Valid(schema, "1"));
  EXPECT_TRUE(Valid(schema, "1.0")) << "1 == 1.0";
  EXPECT_TRUE(Valid(schema, R"({"x": [1.0, 2e0]})"));
  EXPECT_FALSE(Valid(schema, "true")) << "true != 1";
  EXPECT_FALSE(Valid(R"({"enum": [true]})", "1"));
  EXPECT_FALSE(Valid(R"({"enum": [0]})", "false"));
  EXPECT_FALSE(Valid(schema, R"({"x": [1, 2], "y": 1})"));
  EXPECT_FALSE(Valid(schema, R"("A")"));
  SchemaError e = OnlyError(R"({"enum": ["a", "b"]})", R"({"k": "c"})");
  EXPECT_EQ(e.message, "invalid value {...}: must be one of: a, b");
  SchemaError nested = OnlyError(R"({"properties": {"k": {"enum": ["a", "b"]}}})", R"({"k": "c"})");
  EXPECT_EQ(nested.message, "invalid value \"c\": must be one of: a, b");
  EXPECT_EQ(nested.pointer, "/k");
  EXPECT_EQ(nested.offset, 6u);
}

TEST(SchemaValidatorTest, UnknownPropertyIsReportedAtTheKey) {
  const std::string schema =
      R"({"properties": {"a": {}}, "patternProperties": {"^x-": {"type": "string"}},
          "additionalProperties": false})";
  EXPECT_TRUE(Valid(schema, R"({"a": 1, "x-y": "s"})"));
  std::string instance = R"({"a": 1, "bogus": 2, "x-y": 3})";
  Outcome o = Check(Load(schema), instance);
  ASSERT_EQ(o.errors.size(), 2u);
  EXPECT_EQ(o.errors[0].message, "unknown property \"bogus\"");
  EXPECT_EQ(o.errors[0].pointer, "/bogus");
  EXPECT_EQ(o.errors[0].offset, instance.find("\"bogus\""));
  EXPECT_THAT(o.errors[1].message, HasSubstr("expected a string"));
  EXPECT_EQ(o.errors[1].pointer, "/x-y");
  EXPECT_EQ(o.errors[1].offset, instance.find('3'));
}

TEST(SchemaValidatorTest, AdditionalPropertiesSchema) {
  const std::string schema =
      R"({"properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}})";
  EXPECT_TRUE(Valid(schema, R"({"a": "s", "b": 1, "c": 2})"));
  SchemaError e = OnlyError(schema, R"({"a": "s", "b": "no"})");
  EXPECT_EQ(e.pointer, "/b");
  EXPECT_EQ(e.message, "expected an integer, found a string \"no\"");
}

TEST(SchemaValidatorTest, RequiredIsReportedAtTheObject) {
  const std::string schema =
      R"({"properties": {"root": {"type": "object", "required": ["path"]}}})";
  std::string instance = "{\"root\": {\"readonly\": true}}";
  SchemaError e = OnlyError(schema, instance);
  EXPECT_EQ(e.message, "missing required property \"path\"");
  EXPECT_EQ(e.pointer, "/root");
  EXPECT_EQ(e.offset, instance.find("{\"readonly"));
  Outcome two = Check(Load(R"({"required": ["a", "b"]})"), "{}");
  ASSERT_EQ(two.errors.size(), 2u);
  EXPECT_EQ(two.errors[0].message, "missing required property \"a\"");
  EXPECT_EQ(two.errors[1].message, "missing required property \"b\"");
}

TEST(SchemaValidatorTest, ItemsObjectAndTupleForms) {
  const std::string all = R"({"type": "array", "items": {"type": "string"}})";
  EXPECT_TRUE(Valid(all, R"(["a", "b"])"));
  SchemaError e = OnlyError(all, R"(["a", 2])");
  EXPECT_EQ(e.pointer, "/1");
  EXPECT_EQ(OnlyError(all, "\"a b\"").message,
            "expected an array of strings, found a string \"a b\"");

  const std::string tuple = R"({"items": [{"type": "string"}, {"type": "integer"}]})";
  EXPECT_TRUE(Valid(tuple, R"(["a", 1, null, {}])")) << "the tuple checks only its positions";
  EXPECT_TRUE(Valid(tuple, R"(["a"])"));
  EXPECT_EQ(OnlyError(tuple, R"([1, 1])").pointer, "/0");

  const std::string closed = R"({"items": [{}, {}], "additionalItems": false})";
  EXPECT_TRUE(Valid(closed, "[1, 2]"));
  EXPECT_EQ(OnlyError(closed, "[1, 2, 3]").message, "expected at most 2 items, found 3");
  const std::string typed = R"({"items": [{}], "additionalItems": {"type": "boolean"}})";
  EXPECT_TRUE(Valid(typed, "[1, true, false]"));
  EXPECT_EQ(OnlyError(typed, "[1, true, 3]").pointer, "/2");
  EXPECT_TRUE(Valid(R"({"items": {}, "additionalItems": false})", "[1, 2, 3]"))
      << "additionalItems only applies to the tuple form";
}

TEST(SchemaValidatorTest, MinAndMaxItems) {
  const std::string schema = R"({"minItems": 1, "maxItems": 2})";
  EXPECT_TRUE(Valid(schema, "[1]"));
  EXPECT_EQ(OnlyError(schema, "[]").message, "expected at least 1 items, found 0");
  EXPECT_EQ(OnlyError(schema, "[1, 2, 3]").message, "expected at most 2 items, found 3");
  EXPECT_TRUE(Valid(schema, "\"not an array\""));
}

TEST(SchemaValidatorTest, UniqueItems) {
  const std::string schema = R"({"uniqueItems": true})";
  EXPECT_TRUE(Valid(schema, R"([1, "1", true, null, [1], {"a": 1}])"));
  EXPECT_TRUE(Valid(schema, "[1, true]")) << "true != 1";
  EXPECT_TRUE(Valid(schema, "[0, false]"));
  std::string instance = "[1, 2, 1.0]";
  SchemaError e = OnlyError(schema, instance);
  EXPECT_EQ(e.pointer, "/2");
  EXPECT_EQ(e.offset, 7u);
  EXPECT_EQ(e.message, "items must be unique; this one repeats item 0");
  EXPECT_FALSE(Valid(schema, R"([{"a": 1, "b": 2}, {"b": 2, "a": 1}])"));
  EXPECT_FALSE(Valid(schema, R"([[1, [2]], [1.0, [2e0]]])"));
  EXPECT_TRUE(Valid(schema, R"([[1, 2], [2, 1]])"));
  EXPECT_TRUE(Valid(R"({"uniqueItems": false})", "[1, 1]"));
}

TEST(SchemaValidatorTest, MinimumAndMaximum) {
  const std::string inclusive = R"({"minimum": 0, "maximum": 10})";
  EXPECT_TRUE(Valid(inclusive, "0"));
  EXPECT_TRUE(Valid(inclusive, "10"));
  EXPECT_TRUE(Valid(inclusive, "10.0"));
  EXPECT_EQ(OnlyError(inclusive, "-1").message, "-1 is less than the minimum 0");
  EXPECT_EQ(OnlyError(inclusive, "10.5").message, "10.5 is greater than the maximum 10");
  const std::string exclusive =
      R"({"minimum": 0, "maximum": 10, "exclusiveMinimum": true, "exclusiveMaximum": true})";
  EXPECT_TRUE(Valid(exclusive, "0.5"));
  EXPECT_EQ(OnlyError(exclusive, "0").message, "0 must be greater than 0");
  EXPECT_EQ(OnlyError(exclusive, "10").message, "10 must be less than 10");
  EXPECT_TRUE(Valid(inclusive, "\"strings are not checked\""));
}

TEST(SchemaValidatorTest, SixtyFourBitBoundsAreExact) {
  const std::string uint64 =
      R"({"type": "integer", "minimum": 0, "maximum": 18446744073709551615})";
  EXPECT_TRUE(Valid(uint64, "18446744073709551615"));
  SchemaError e = OnlyError(uint64, "18446744073709551616");
  EXPECT_EQ(e.message, "18446744073709551616 is greater than the maximum 18446744073709551615");
  const std::string int64 =
      R"({"type": "integer", "minimum": -9223372036854775808, "maximum": 9223372036854775807})";
  EXPECT_TRUE(Valid(int64, "-9223372036854775808"));
  EXPECT_FALSE(Valid(int64, "-9223372036854775809"));
  EXPECT_TRUE(Valid(int64, "9223372036854775807"));
  EXPECT_FALSE(Valid(int64, "9223372036854775808"));
  EXPECT_FALSE(Valid(R"({"maximum": 18446744073709551615})", "1e400"));
}

TEST(SchemaValidatorTest, MultipleOf) {
  EXPECT_TRUE(Valid(R"({"multipleOf": 5})", "10"));
  EXPECT_TRUE(Valid(R"({"multipleOf": 5})", "-15"));
  EXPECT_TRUE(Valid(R"({"multipleOf": 2})", "4.0"));
  EXPECT_EQ(OnlyError(R"({"multipleOf": 5})", "7").message, "7 is not a multiple of 5");
  EXPECT_FALSE(Valid(R"({"multipleOf": 2})", "7.5"));
  EXPECT_TRUE(Valid(R"({"multipleOf": 0.5})", "2.5"));
  // Python: 0.3 / 0.1 == 2.9999999999999996, so jsonschema rejects it.
  EXPECT_FALSE(Valid(R"({"multipleOf": 0.1})", "0.3"));
  // Integers beyond 64 bits are exact, as Python's int % is (a double would say otherwise).
  EXPECT_FALSE(Valid(R"({"multipleOf": 3})", "36893488147419103232"));  // 2^65 % 3 == 2
  EXPECT_TRUE(Valid(R"({"multipleOf": 3})", "36893488147419103233"));
  EXPECT_TRUE(Valid(R"({"multipleOf": 5})", "18446744073709551615"));
  EXPECT_FALSE(Valid(R"({"multipleOf": 2})", "18446744073709551615"));
  EXPECT_TRUE(Valid(R"({"multipleOf": 9223372036854775807})", "-18446744073709551614"));
  EXPECT_FALSE(Valid(R"({"multipleOf": 7})", "-9223372036854775808"));  // 2^63 % 7 == 1
  EXPECT_TRUE(Valid(R"({"multipleOf": 2})", "-9223372036854775808"));
  // Not a valid draft-04 schema, but loadable with --schema-dir: INT64_MIN % -1 must not trap.
  EXPECT_TRUE(Valid(R"({"multipleOf": -1})", "-9223372036854775808"));
}

TEST(SchemaValidatorTest, StringLengthCountsCodePoints) {
  const std::string schema = R"({"minLength": 2, "maxLength": 3})";
  EXPECT_TRUE(Valid(schema, "\"\xE6\x97\xA5\xE6\x9C\xAC\""));  // 6 bytes, 2 code points
  EXPECT_TRUE(Valid(schema, "\"\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80\""));
  EXPECT_EQ(OnlyError(schema, "\"\xE6\x97\xA5\"").message,
            "expected at least 2 characters, found 1");
  EXPECT_EQ(OnlyError(schema, R"("abcd")").message, "expected at most 3 characters, found 4");
  EXPECT_TRUE(Valid(schema, R"("\u00e9\u00e9")"));
}

TEST(SchemaValidatorTest, Pattern) {
  const std::string schema = R"({"pattern": "^RLIMIT_[A-Z]+$"})";
  EXPECT_TRUE(Valid(schema, R"("RLIMIT_NOFILE")"));
  EXPECT_EQ(OnlyError(schema, R"("rlimit_nofile")").message,
            "\"rlimit_nofile\" does not match the pattern ^RLIMIT_[A-Z]+$");
  EXPECT_TRUE(Valid(R"({"pattern": "b"})", R"("abc")")) << "patterns search, unanchored";
  auto unsupported = SchemaSet::FromSources({{"config-schema.json", R"js({"pattern": "(?=x)"})js"}},
                                            "mem:///", "config-schema.json", "test");
  EXPECT_FALSE(unsupported.ok()) << "an unsupported pattern is a load error";
}

TEST(SchemaValidatorTest, Dependencies) {
  const std::string schema = R"({"dependencies": {"a": ["b"], "c": {"required": ["d"]}}})";
  EXPECT_TRUE(Valid(schema, R"({"a": 1, "b": 2})"));
  EXPECT_TRUE(Valid(schema, R"({"b": 2})"));
  EXPECT_EQ(OnlyError(schema, R"({"a": 1})").message, "property \"a\" requires property \"b\"");
  EXPECT_EQ(OnlyError(schema, R"({"c": 1})").message, "missing required property \"d\"");
}

TEST(SchemaValidatorTest, MinAndMaxProperties) {
  const std::string schema = R"({"minProperties": 1, "maxProperties": 1})";
  EXPECT_TRUE(Valid(schema, R"({"a": 1})"));
  EXPECT_EQ(OnlyError(schema, "{}").message, "expected at least 1 properties, found 0");
  EXPECT_FALSE(Valid(schema, R"({"a": 1, "b": 2})"));
}

TEST(SchemaValidatorTest, AllOfAnyOfOneOfNot) {
  const std::string all = R"({"allOf": [{"type": "integer"}, {"minimum": 3}]})";
  EXPECT_TRUE(Valid(all, "3"));
  EXPECT_EQ(OnlyError(all, "2").message, "2 is less than the minimum 3");
  const std::string one = R"({"oneOf": [{"type": "integer"}, {"minimum": 3}]})";
  EXPECT_TRUE(Valid(one, "2"));
  EXPECT_TRUE(Valid(one, "3.5"));
  EXPECT_EQ(OnlyError(one, "4").message,
            "this value matches 2 of the allowed forms, but must match exactly one");
  const std::string any = R"({"anyOf": [{"type": "integer"}, {"minimum": 3}]})";
  EXPECT_TRUE(Valid(any, "4"));
  EXPECT_FALSE(Valid(any, "2.5"));
  const std::string never = R"({"not": {"type": "string"}})";
  EXPECT_TRUE(Valid(never, "1"));
  SchemaError forbidden = OnlyError(never, R"("x")");
  EXPECT_THAT(forbidden.message, HasSubstr("invalid value \"x\""));
  EXPECT_THAT(forbidden.message, HasSubstr("forbids"));
}

TEST(SchemaValidatorTest, AnyOfWithNoBranchOfTheRightTypeGivesOneMessage) {
  const std::string schema = R"({"properties": {"v": {"anyOf": [{"type": "string"},
      {"type": "object", "required": ["a"]}]}}})";
  SchemaError e = OnlyError(schema, R"({"v": 5})");
  EXPECT_EQ(e.message, "expected a string or an object, found an integer 5");
  EXPECT_EQ(e.pointer, "/v");
  const std::string refs = R"({"oneOf": [{"$ref": "defs.json#/definitions/s"},
      {"$ref": "defs.json#/definitions/a"}]})";
  auto set = Load(refs, R"({"definitions": {"s": {"type": "string"},
      "a": {"type": "array", "items": {"type": "string"}}}})");
  Outcome o = Check(set, "true");
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_EQ(o.errors[0].message, "expected a string or an array of strings, found a boolean true");
}

TEST(SchemaValidatorTest, AnyOfWithOneBranchOfTheRightTypeGivesItsPreciseErrors) {
  const std::string schema = R"({"anyOf": [{"type": "string"},
      {"type": "object", "required": ["path"], "properties": {"n": {"type": "integer"}}}]})";
  SchemaError e = OnlyError(schema, "{}");
  EXPECT_EQ(e.message, "missing required property \"path\"");
  std::string instance = R"({"path": "p", "n": "x"})";
  SchemaError nested = OnlyError(schema, instance);
  EXPECT_EQ(nested.pointer, "/n");
  EXPECT_EQ(nested.offset, instance.find("\"x\""));
  SchemaError number = OnlyError(R"({"anyOf": [{"type": "string"}, {"minimum": 0}]})", "-1");
  EXPECT_EQ(number.message, "-1 is less than the minimum 0");
}

TEST(SchemaValidatorTest, RefIgnoresItsSiblings) {
  const std::string schema = R"({"definitions": {"s": {"type": "string"}},
      "properties": {"v": {"$ref": "#/definitions/s", "type": "integer", "maxLength": 1}}})";
  EXPECT_TRUE(Valid(schema, R"({"v": "long string"})"));
  EXPECT_EQ(OnlyError(schema, R"({"v": 5})").message, "expected a string, found an integer 5");
}

TEST(SchemaValidatorTest, CrossFileRefs) {
  auto set = Load(R"({"properties": {"uid": {"$ref": "defs.json#/definitions/uint32"},
      "gid": {"$ref": "mem:///defs.json#/definitions/uint32"}}})",
                  R"({"definitions": {"uint32": {"type": "integer", "minimum": 0,
      "maximum": 4294967295}}})");
  EXPECT_TRUE(Check(set, R"({"uid": 4294967295, "gid": 0})").valid);
  Outcome o = Check(set, R"({"uid": 4294967296, "gid": "x"})");
  ASSERT_EQ(o.errors.size(), 2u);
  EXPECT_EQ(o.errors[0].pointer, "/uid");
  EXPECT_EQ(o.errors[0].message, "4294967296 is greater than the maximum 4294967295");
  EXPECT_EQ(o.errors[1].message, "expected an integer from 0 to 4294967295, found a string \"x\"");
}

TEST(SchemaValidatorTest, RefsRelativeToTheDocumentId) {
  auto set = Load(R"({"id": "https://example.com/schema/config-schema.json",
      "properties": {"a": {"$ref": "defs.json#/definitions/t"}}})",
                  R"({"id": "https://example.com/schema/defs.json",
      "definitions": {"t": {"type": "boolean"}}})");
  EXPECT_TRUE(Check(set, R"({"a": true})").valid);
  EXPECT_FALSE(Check(set, R"({"a": 1})").valid);
}

TEST(SchemaValidatorTest, MalformedUpstreamRefWithoutSlashResolvesLikePython) {
  // Upstream's defs-linux.json has "$ref": "defs.json#definitions/uint32"; python-jsonschema
  // resolves it by dropping the leading slash requirement.
  auto set = Load(R"({"properties": {"a": {"$ref": "defs.json#definitions/uint32"},
      "b": {"$ref": "#definitions/local"}}, "definitions": {"local": {"type": "string"}}})",
                  R"({"definitions": {"uint32": {"type": "integer", "minimum": 0}}})");
  EXPECT_TRUE(Check(set, R"({"a": 1, "b": "s"})").valid);
  EXPECT_FALSE(Check(set, R"({"a": -1})").valid);
  EXPECT_FALSE(Check(set, R"({"b": 1})").valid);
}

TEST(SchemaValidatorTest, RefsWithEscapes) {
  auto set = Load(R"({"definitions": {"a/b": {"type": "string"}, "m~n": {"type": "integer"},
      "100%": {"type": "boolean"}, "x y": {"type": "null"}},
      "properties": {"p": {"$ref": "#/definitions/a~1b"}, "q": {"$ref": "#/definitions/m~0n"},
      "r": {"$ref": "#/definitions/100%25"}, "s": {"$ref": "#/definitions/x%20y"}}})");
  EXPECT_TRUE(Check(set, R"({"p": "s", "q": 1, "r": true, "s": null})").valid);
  Outcome o = Check(set, R"({"p": 1, "q": "s", "r": null, "s": 0})");
  EXPECT_EQ(o.errors.size(), 4u);
}

TEST(SchemaValidatorTest, UnresolvableRefIsALoadError) {
  auto missing_target =
      SchemaSet::FromSources({{"config-schema.json", R"({"$ref": "#/definitions/nope"})"}},
                             "mem:///", "config-schema.json", "test");
  ASSERT_FALSE(missing_target.ok());
  EXPECT_THAT(missing_target.error().message(), HasSubstr("points at nothing"));
  auto missing_file =
      SchemaSet::FromSources({{"config-schema.json", R"({"$ref": "other.json#/x"})"}}, "mem:///",
                             "config-schema.json", "test");
  ASSERT_FALSE(missing_file.ok());
  EXPECT_THAT(missing_file.error().message(), HasSubstr("not among the schema files"));
  auto no_root =
      SchemaSet::FromSources({{"defs.json", "{}"}}, "mem:///", "config-schema.json", "test");
  EXPECT_FALSE(no_root.ok());
  auto broken = SchemaSet::FromSources({{"config-schema.json", "{"}}, "mem:///",
                                       "config-schema.json", "test");
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.error().message(), HasSubstr("config-schema.json"));
}

TEST(SchemaValidatorTest, EndlesslyRecursiveSchemaGivesAnErrorNotACrash) {
  auto set = Load(R"({"allOf": [{"$ref": "#"}]})");
  ASSERT_TRUE(set);
  Outcome o = Check(set, "{}");
  EXPECT_FALSE(o.valid);
  ASSERT_EQ(o.errors.size(), 1u);
  EXPECT_THAT(o.errors[0].message, HasSubstr("recurses without end"));
  // Alternatives that recurse must not take exponential time to give up.
  for (const char* schema : {R"({"anyOf": [{"$ref": "#"}, {"$ref": "#"}]})",
                             R"({"oneOf": [{"$ref": "#"}, {"$ref": "#"}, {"$ref": "#"}]})",
                             R"({"allOf": [{"$ref": "#"}, {"$ref": "#"}]})",
                             R"({"not": {"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}})"}) {
    auto start = std::chrono::steady_clock::now();
    Outcome alternatives = Check(Load(schema), "{}");
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(seconds, 5.0) << schema;
    if (std::string(schema).find("not") == std::string::npos) {
      EXPECT_FALSE(alternatives.valid) << schema;
      ASSERT_FALSE(alternatives.errors.empty()) << schema;
      EXPECT_THAT(alternatives.errors[0].message, HasSubstr("recurses without end")) << schema;
    }
  }
  // Recursion that follows a deep instance is fine, up to the parser's nesting limit.
  auto nested = Load(R"({"type": "array", "items": {"$ref": "#"}})");
  std::string deep = std::string(900, '[') + std::string(900, ']');
  EXPECT_TRUE(Check(nested, deep).valid);
  std::string deep_bad = std::string(900, '[') + "1" + std::string(900, ']');
  Outcome bad = Check(nested, deep_bad);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].pointer.size(), 900u * 2) << "/0 900 times";
  auto through_properties = Load(R"({"properties": {"a": {"$ref": "#"}}})");
  EXPECT_TRUE(Check(through_properties, R"({"a": {"a": {"a": {}}}})").valid)
      << "recursion that follows the instance is fine";
}

TEST(SchemaValidatorTest, ErrorsAreSortedByOffsetAndDescriptionIsKept) {
  auto set = Load(R"({"properties": {"a": {"type": "string"}, "b": {"type": "string"}}})");
  Outcome o = Check(set, R"({"b": 1, "a": 2})");
  ASSERT_EQ(o.errors.size(), 2u);
  EXPECT_EQ(o.errors[0].pointer, "/b");
  EXPECT_EQ(o.errors[1].pointer, "/a");
  EXPECT_EQ(set->description(), "test");
}

TEST(SchemaValidatorTest, JsonEqualFollowsPython) {
  json::ParseResult a = json::Parse(R"([1, 1.0, true, {"x": 1, "y": [null]}, "s", 0])");
  json::ParseResult b = json::Parse(R"([1.0, 1, 1, {"y": [null], "x": 1e0}, "s", false])");
  const json::Document& da = *a.document;
  const json::Document& db = *b.document;
  auto at = [](const json::Document& d, int i) { return d.Resolve("/" + std::to_string(i)); };
  EXPECT_TRUE(JsonEqual(da, at(da, 0), db, at(db, 0)));
  EXPECT_TRUE(JsonEqual(da, at(da, 1), db, at(db, 1)));
  EXPECT_FALSE(JsonEqual(da, at(da, 2), db, at(db, 2)));
  EXPECT_TRUE(JsonEqual(da, at(da, 3), db, at(db, 3)));
  EXPECT_TRUE(JsonEqual(da, at(da, 4), db, at(db, 4)));
  EXPECT_FALSE(JsonEqual(da, at(da, 5), db, at(db, 5)));
}

}  // namespace
}  // namespace ocilint::schema
