#pragma once

#include <string>
#include <string_view>

namespace ocilint::json {

/// Whether a JSON number literal has neither a fraction nor an exponent (a loop: literals are a
/// few bytes, and find_first_of(".eE") calls memchr once per byte).
inline bool IsIntegerLiteral(std::string_view literal) {
  for (char c : literal) {
    if (c == '.' || c == 'e' || c == 'E') return false;
  }
  return true;
}

/// An exact JSON number. Integer literals keep every digit (like Python's int), so
/// 18446744073709551616 never compares equal to 18446744073709551615; literals with a
/// fraction or an exponent become doubles (like Python's float, 1e400 being infinity).
class Number {
 public:
  /// `literal` must already match the JSON number grammar.
  static Number FromLiteral(std::string_view literal);
  static Number FromInteger(long long value);

  bool is_integer() const { return integer_; }
  bool is_negative() const { return negative_; }
  /// Digits of an integer without sign or leading zeros ("0" for zero).
  const std::string& digits() const { return digits_; }
  double ToDouble() const { return value_; }
  /// Exact comparison, mixing integers and doubles as Python does: -1, 0 or 1.
  int Compare(const Number& other) const;
  bool operator==(const Number& other) const { return Compare(other) == 0; }
  /// True when this integer fits in a signed 64-bit value; `out` receives it.
  bool ToInt64(long long* out) const;
  /// Decimal text: the exact integer, or the shortest round-trip form of the double.
  std::string ToString() const;

 private:
  static int CompareIntegers(const Number& a, const Number& b);
  static int CompareIntegerWithDouble(const Number& a, double d);

  bool integer_ = true;
  bool negative_ = false;
  bool fits_int64_ = true;  ///< integer within int64: small_ holds it, comparisons skip digits
  long long small_ = 0;
  std::string digits_ = "0";
  double value_ = 0;
};

}  // namespace ocilint::json
