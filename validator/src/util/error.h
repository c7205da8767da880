#pragma once

#include <cerrno>
#include <cstring>
#include <string>
#include <utility>
#include <variant>

namespace ocilint {

/// An operational failure (cannot read, cannot load a schema...), as a value: what was being
/// done, and the errno when the system said no.
struct Error {
  std::string context;
  int errno_value = 0;

  std::string message() const {
    return errno_value == 0 ? context : context + ": " + std::strerror(errno_value);
  }
};

inline Error SystemError(std::string context, int errno_value = errno) {
  return Error{std::move(context), errno_value};
}

/// Either a value or an Error.
template <class T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : data_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(data_); }
  const T& value() const { return std::get<T>(data_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace ocilint
