#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "json/document.h"

namespace ocilint::schema {

/// A "$ref" of an embedded file resolved at build time: the string node that holds it, and the
/// node it points at (the same resolution the compiler does, by the same code: schema/uri.h).
struct EmbeddedRef {
  json::NodeId ref;
  uint32_t target_file;  ///< index in EmbeddedSchemaFiles()
  json::NodeId target;
};

/// A schema file compiled into the binary from the repository's schema/ directory: its minified
/// text and its parse tree, both static data (validator/tools/embed_schema.cc).
struct EmbeddedFile {
  std::string_view name;
  std::string_view text;
  std::span<const json::Node> nodes;
  std::span<const json::NodeId> elements;
  std::span<const json::Member> members;
  json::NodeId root = json::kNoNode;
  std::span<const EmbeddedRef> refs;  ///< sorted by `ref`
};

/// Generated at build time from schema/*.json.
std::span<const EmbeddedFile> EmbeddedSchemaFiles();

inline constexpr std::string_view kEmbeddedSchemaName = "embedded runtime-spec v1.3.0";
/// The base URI of the embedded files: file NAME is "embedded:///schema/NAME".
inline constexpr std::string_view kEmbeddedSchemaBase = "embedded:///schema/";

}  // namespace ocilint::schema
