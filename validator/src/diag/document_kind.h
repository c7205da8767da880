#pragma once

#include <optional>
#include <string_view>

namespace ocilint::diag {

/// The three documents the runtime-spec gives a schema for.
enum class DocumentKind {
  kConfig,    ///< config.json (config.md)
  kFeatures,  ///< the runtime's Features structure (features.md), e.g. `runc features`
  kState,     ///< a container's state (runtime.md "State"), e.g. `runc state ID`
};

/// "config", "features", "state".
constexpr std::string_view DocumentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kFeatures:
      return "features";
    case DocumentKind::kState:
      return "state";
    case DocumentKind::kConfig:
      break;
  }
  return "config";
}

/// The inverse of DocumentKindName; nullopt for any other name.
constexpr std::optional<DocumentKind> ParseDocumentKind(std::string_view name) {
  if (name == "config") return DocumentKind::kConfig;
  if (name == "features") return DocumentKind::kFeatures;
  if (name == "state") return DocumentKind::kState;
  return std::nullopt;
}

/// The root file of the kind's schema: config-schema.json, features-schema.json,
/// state-schema.json (the names upstream's schema directory uses).
constexpr std::string_view SchemaRootFile(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kFeatures:
      return "features-schema.json";
    case DocumentKind::kState:
      return "state-schema.json";
    case DocumentKind::kConfig:
      break;
  }
  return "config-schema.json";
}

}  // namespace ocilint::diag
