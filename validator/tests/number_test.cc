// Exact JSON numbers: integers keep every digit, doubles compare with integers as in Python.

#include "json/number.h"

#include <gtest/gtest.h>

#include <climits>
#include <cmath>
#include <string>

namespace ocilint::json {
namespace {

int Cmp(const char* a, const char* b) {
  return Number::FromLiteral(a).Compare(Number::FromLiteral(b));
}

TEST(NumberTest, Uint64BoundaryIsExact) {
  EXPECT_EQ(Cmp("18446744073709551615", "18446744073709551616"), -1);
  EXPECT_EQ(Cmp("18446744073709551616", "18446744073709551615"), 1);
  EXPECT_EQ(Cmp("18446744073709551615", "18446744073709551615"), 0);
  // Both round to the same double; only an exact comparison tells them apart.
  EXPECT_EQ(Number::FromLiteral("18446744073709551615").ToDouble(),
            Number::FromLiteral("18446744073709551616").ToDouble());
  EXPECT_FALSE(Number::FromLiteral("18446744073709551615") ==
               Number::FromLiteral("18446744073709551616"));
}

TEST(NumberTest, Int64BoundaryIsExact) {
  EXPECT_EQ(Cmp("-9223372036854775808", "-9223372036854775809"), 1);
  EXPECT_EQ(Cmp("-9223372036854775809", "-9223372036854775808"), -1);
  EXPECT_EQ(Cmp("-9223372036854775809", "-9223372036854775809"), 0);
}

TEST(NumberTest, SignsAndMagnitudes) {
  EXPECT_EQ(Cmp("-1", "1"), -1);
  EXPECT_EQ(Cmp("1", "-1"), 1);
  EXPECT_EQ(Cmp("-10", "-9"), -1);
  EXPECT_EQ(Cmp("10", "9"), 1);
  EXPECT_EQ(Cmp("123456789012345678901234567890", "123456789012345678901234567891"), -1);
  EXPECT_EQ(Cmp("-123456789012345678901234567890", "-123456789012345678901234567891"), 1);
}

TEST(NumberTest, IntegerAgainstDouble) {
  // 2^53 + 1 is not representable as a double; Python says 9007199254740993 > 9007199254740992.0.
  EXPECT_EQ(Cmp("9007199254740993", "9007199254740992.0"), 1);
  EXPECT_EQ(Cmp("9007199254740992.0", "9007199254740993"), -1);
  EXPECT_EQ(Cmp("9007199254740992", "9007199254740992.0"), 0);
  // 9007199254740993.0 is read as the double 9007199254740992.
  EXPECT_EQ(Cmp("9007199254740993", "9007199254740993.0"), 1);
  EXPECT_EQ(Cmp("100000000000000000000", "1e20"), 0);
  EXPECT_EQ(Cmp("100000000000000000001", "1e20"), 1);
  EXPECT_EQ(Cmp("99999999999999999999", "1e20"), -1);
}

TEST(NumberTest, IntegerEqualsItsDouble) {
  EXPECT_TRUE(Number::FromLiteral("1") == Number::FromLiteral("1.0"));
  EXPECT_TRUE(Number::FromLiteral("100") == Number::FromLiteral("1e2"));
  EXPECT_TRUE(Number::FromLiteral("-3") == Number::FromLiteral("-0.3e1"));
  EXPECT_FALSE(Number::FromLiteral("1") == Number::FromLiteral("1.5"));
}

TEST(NumberTest, FractionsBetweenIntegers) {
  EXPECT_EQ(Cmp("2", "2.5"), -1);
  EXPECT_EQ(Cmp("3", "2.5"), 1);
  EXPECT_EQ(Cmp("-3", "-2.5"), -1);
  EXPECT_EQ(Cmp("-2", "-2.5"), 1);
  EXPECT_EQ(Cmp("0", "0.5"), -1);
  EXPECT_EQ(Cmp("0", "-0.5"), 1);
  EXPECT_EQ(Cmp("1.5", "2.5"), -1);
  EXPECT_EQ(Cmp("2.5", "2.5"), 0);
}

TEST(NumberTest, HugeExponentIsInfiniteAndAboveEveryInteger) {
  Number inf = Number::FromLiteral("1e400");
  EXPECT_FALSE(inf.is_integer());
  EXPECT_TRUE(std::isinf(inf.ToDouble()));
  std::string googol_squared = "1" + std::string(400, '0');
  EXPECT_EQ(Cmp(googol_squared.c_str(), "1e400"), -1);
  EXPECT_EQ(Cmp("1e400", "18446744073709551616"), 1);
  EXPECT_EQ(Cmp("-1e400", "-18446744073709551616"), -1);
  EXPECT_EQ(Cmp("-18446744073709551616", "-1e400"), 1);
  EXPECT_EQ(Cmp("1e400", "1e401"), 0) << "both are +infinity";
  EXPECT_EQ(inf.ToString(), "inf");
}

TEST(NumberTest, NegativeZeroEqualsZero) {
  EXPECT_EQ(Cmp("-0", "0"), 0);
  EXPECT_EQ(Cmp("-0.0", "0"), 0);
  EXPECT_EQ(Cmp("0", "-0.0"), 0);
  EXPECT_EQ(Cmp("-0.0", "0.0"), 0);
  Number minus_zero = Number::FromLiteral("-0");
  EXPECT_FALSE(minus_zero.is_negative());
  EXPECT_EQ(minus_zero.digits(), "0");
  EXPECT_EQ(minus_zero.ToString(), "0");
}

TEST(NumberTest, IntegerOrNot) {
  EXPECT_TRUE(Number::FromLiteral("12").is_integer());
  EXPECT_TRUE(Number::FromLiteral("-12").is_integer());
  EXPECT_FALSE(Number::FromLiteral("1.0").is_integer());
  EXPECT_FALSE(Number::FromLiteral("1e2").is_integer());
  EXPECT_FALSE(Number::FromLiteral("1E2").is_integer());
  EXPECT_EQ(Number::FromLiteral("-42").digits(), "42");
  EXPECT_TRUE(Number::FromLiteral("-42").is_negative());
}

TEST(NumberTest, ToInt64Limits) {
  long long v = 0;
  EXPECT_TRUE(Number::FromLiteral("9223372036854775807").ToInt64(&v));
  EXPECT_EQ(v, LLONG_MAX);
  EXPECT_TRUE(Number::FromLiteral("-9223372036854775808").ToInt64(&v));
  EXPECT_EQ(v, LLONG_MIN);
  EXPECT_FALSE(Number::FromLiteral("9223372036854775808").ToInt64(&v));
  EXPECT_FALSE(Number::FromLiteral("-9223372036854775809").ToInt64(&v));
  EXPECT_FALSE(Number::FromLiteral("18446744073709551615").ToInt64(&v));
  EXPECT_FALSE(Number::FromLiteral("1.0").ToInt64(&v)) << "doubles are not integers";
  EXPECT_TRUE(Number::FromLiteral("-0").ToInt64(&v));
  EXPECT_EQ(v, 0);
  EXPECT_TRUE(Number::FromLiteral("-17").ToInt64(&v));
  EXPECT_EQ(v, -17);
}

TEST(NumberTest, FromInteger) {
  EXPECT_EQ(Number::FromInteger(LLONG_MIN).ToString(), "-9223372036854775808");
  EXPECT_EQ(Number::FromInteger(0).ToString(), "0");
  EXPECT_TRUE(Number::FromInteger(5) == Number::FromLiteral("5.0"));
}

TEST(NumberTest, ToString) {
  EXPECT_EQ(Number::FromLiteral("18446744073709551616").ToString(), "18446744073709551616");
  EXPECT_EQ(Number::FromLiteral("1.5").ToString(), "1.5");
  EXPECT_EQ(Number::FromLiteral("1e2").ToString(), "100");
  EXPECT_EQ(Number::FromLiteral("0.1").ToString(), "0.1");
  EXPECT_EQ(Number::FromLiteral("-1e400").ToString(), "-inf");
}

}  // namespace
}  // namespace ocilint::json
