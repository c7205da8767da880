#include "json/number.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace ocilint::json {

Number Number::FromLiteral(std::string_view literal) {
  Number n;
  n.integer_ = IsIntegerLiteral(literal);
  if (n.integer_) {
    auto [end, ec] = std::from_chars(literal.data(), literal.data() + literal.size(), n.small_);
    n.fits_int64_ = ec == std::errc() && end == literal.data() + literal.size();
  } else {
    n.fits_int64_ = false;
  }
  if (n.fits_int64_) {
    n.value_ = static_cast<double>(n.small_);
  } else {
    std::string text(literal);
    n.value_ = std::strtod(text.c_str(), nullptr);
  }
  if (!n.integer_) {
    n.negative_ = std::signbit(n.value_);
    return n;
  }
  std::string_view digits = literal;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  n.digits_ = std::string(digits);
  n.negative_ = literal.front() == '-' && n.digits_ != "0";
  return n;
}

Number Number::FromInteger(long long value) {
  return FromLiteral(std::to_string(value));
}

int Number::CompareIntegers(const Number& a, const Number& b) {
  if (a.fits_int64_ && b.fits_int64_) return a.small_ < b.small_ ? -1 : (a.small_ > b.small_);
  if (a.negative_ != b.negative_) return a.negative_ ? -1 : 1;
  int magnitude = 0;
  if (a.digits_.size() != b.digits_.size()) {
    magnitude = a.digits_.size() < b.digits_.size() ? -1 : 1;
  } else {
    int c = a.digits_.compare(b.digits_);
    magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return a.negative_ ? -magnitude : magnitude;
}

int Number::CompareIntegerWithDouble(const Number& a, double d) {
  if (std::isnan(d)) return -1;
  if (std::isinf(d)) return d > 0 ? -1 : 1;
  double floor = std::floor(d);
  char buffer[400];
  std::snprintf(buffer, sizeof buffer, "%.0f", floor);
  int c = CompareIntegers(a, FromLiteral(buffer));
  if (c != 0 || floor == d) return c;
  return -1;  // a == floor(d) < d
}

int Number::Compare(const Number& other) const {
  if (integer_ && other.integer_) return CompareIntegers(*this, other);
  if (integer_) return CompareIntegerWithDouble(*this, other.value_);
  if (other.integer_) return -CompareIntegerWithDouble(other, value_);
  if (value_ < other.value_) return -1;
  return value_ > other.value_ ? 1 : 0;
}

bool Number::ToInt64(long long* out) const {
  if (!integer_) return false;
  if (fits_int64_) {
    *out = small_;
    return true;
  }
  std::string text = (negative_ ? "-" : "") + digits_;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *out);
  return ec == std::errc() && end == text.data() + text.size();
}

std::string Number::ToString() const {
  if (integer_) return (negative_ ? "-" : "") + digits_;
  if (std::isinf(value_)) return value_ > 0 ? "inf" : "-inf";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value_);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

}  // namespace ocilint::json
