#pragma once

#include <cstddef>
#include <cstring>
#include <ostream>

namespace ocilint::json {

/// A RapidJSON output stream that collects what a writer puts and hands it to a std::ostream
/// in large writes. RapidJSON's OStreamWrapper puts every character through the ostream on its
/// own, which costs a sentry and a virtual call per byte. RapidJSON flushes at the end of each
/// top-level value; whatever is left is written when the stream goes out of scope.
class BufferedOStream {
 public:
  using Ch = char;

  explicit BufferedOStream(std::ostream& out) : out_(out) {}
  ~BufferedOStream() { Drain(); }
  BufferedOStream(const BufferedOStream&) = delete;
  BufferedOStream& operator=(const BufferedOStream&) = delete;

  void Put(char c) {
    if (size_ == sizeof buffer_) Drain();
    buffer_[size_++] = c;
  }
  /// Appends `size` bytes at once.
  void Write(const char* data, size_t size) {
    if (size > sizeof buffer_ - size_) {
      Drain();
      if (size >= sizeof buffer_) {
        out_.write(data, static_cast<std::streamsize>(size));
        return;
      }
    }
    std::memcpy(buffer_ + size_, data, size);
    size_ += size;
  }
  void Flush() {
    Drain();
    out_.flush();
  }

 private:
  void Drain() {
    if (size_ > 0) out_.write(buffer_, static_cast<std::streamsize>(size_));
    size_ = 0;
  }

  std::ostream& out_;
  size_t size_ = 0;
  char buffer_[16384];
};

}  // namespace ocilint::json
