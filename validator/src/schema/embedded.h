#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace ocilint::schema {

/// A schema file compiled into the binary from the repository's schema/ directory.
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
};

/// Generated at build time from schema/*.json.
std::span<const EmbeddedFile> EmbeddedSchemaFiles();

inline constexpr std::string_view kEmbeddedSchemaName = "embedded runtime-spec v1.3.0";

}  // namespace ocilint::schema
