#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/error.h"

namespace ocilint::caps {

/// What a runtime's features document (runtime-spec features.md) says about capabilities.
struct RuntimeFeatures {
  std::string name;     ///< from its annotations, e.g. "runc"; empty when it does not say
  std::string version;  ///< e.g. "1.1.5+ds1"; empty when it does not say
  /// The names it recognizes; nullopt when the document omits the list or sets it to null,
  /// which means "unknown", not "none".
  std::optional<std::vector<std::string>> capabilities;
};

/// Parses a features document; malformed JSON or a wrongly typed list is an error (EINVAL).
Result<RuntimeFeatures> ParseFeatures(std::string text, const std::string& source);

}  // namespace ocilint::caps
