#pragma once

#include <span>
#include <string_view>

namespace ocilint::data {

/// A data file compiled into the binary from the repository's validator/data/ directory.
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

/// Generated at build time from validator/data/*.json.
std::span<const EmbeddedFile> EmbeddedDataFiles();

}  // namespace ocilint::data
