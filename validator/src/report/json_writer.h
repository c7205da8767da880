#pragma once

#include <rapidjson/prettywriter.h>

#include <ostream>
#include <string_view>

#include "json/output_stream.h"

namespace ocilint::report {

/// The writer behind every JSON output (the lint, SARIF and GitLab reports, probe and
/// conformance results).
using JsonWriter = rapidjson::PrettyWriter<json::BufferedOStream>;

/// Writes `text` as a JSON string. Bytes that are not UTF-8 (a file name, a runtime's message)
/// become U+FFFD: RapidJSON would copy them as they are and make the output invalid JSON.
void String(JsonWriter& w, std::string_view text);
/// Writes `text` as a JSON string, or null when it is empty.
void StringOrNull(JsonWriter& w, std::string_view text);
/// Writes a member name.
void Key(JsonWriter& w, std::string_view key);

}  // namespace ocilint::report
