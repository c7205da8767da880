#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "json/document.h"

namespace ocilint::schema {

/// A schema file compiled into the binary from the repository's schema/ directory: its minified
/// text and its parse tree, both static data (validator/tools/embed_schema.cc).
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
  std::span<const json::Node> nodes;
  std::span<const json::NodeId> elements;
  std::span<const json::Member> members;
  json::NodeId root = json::kNoNode;
};

/// Generated at build time from schema/*.json.
std::span<const EmbeddedFile> EmbeddedSchemaFiles();

inline constexpr std::string_view kEmbeddedSchemaName = "embedded runtime-spec v1.3.0";

}  // namespace ocilint::schema
