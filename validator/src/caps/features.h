#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json/document.h"
#include "util/error.h"

namespace ocilint::caps {

/// What a runtime's features document (runtime-spec features.md) says about capabilities.
struct RuntimeFeatures {
  std::string name;     ///< from its annotations, e.g. "runc"; empty when it does not say
  std::string version;  ///< e.g. "1.1.5+ds1"; empty when it does not say
  /// The names it recognizes; nullopt when the document omits the list or sets it to null,
  /// which means "unknown", not "none".
  std::optional<std::vector<std::string>> capabilities;
  /// The whole document, for the runtime-* rules (FeatureList, FeatureSwitch).
  std::shared_ptr<const json::Document> document;
};

/// The list of names at `pointer` in a features document ("/linux/namespaces"); nullopt when
/// the document, the list or any entry is missing, null or of another type: "unknown".
std::optional<std::vector<std::string_view>> FeatureList(const json::Document* features,
                                                         std::string_view pointer);
/// The boolean at `pointer` ("/linux/seccomp/enabled"); nullopt when missing, null or not a
/// boolean: "unknown".
std::optional<bool> FeatureSwitch(const json::Document* features, std::string_view pointer);

/// Parses a features document; malformed JSON or a wrongly typed list is an error (EINVAL).
Result<RuntimeFeatures> ParseFeatures(std::string text, const std::string& source);

}  // namespace ocilint::caps
