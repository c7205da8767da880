#include "report/json_writer.h"

#include <string>

#include "json/utf8.h"

namespace ocilint::report {

void String(JsonWriter& w, std::string_view text) {
  if (json::IsWellFormedUtf8(text)) {
    w.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return;
  }
  std::string clean = json::SanitizeUtf8(text);
  w.String(clean.data(), static_cast<rapidjson::SizeType>(clean.size()));
}

void StringOrNull(JsonWriter& w, std::string_view text) {
  if (text.empty()) {
    w.Null();
  } else {
    String(w, text);
  }
}

void Key(JsonWriter& w, std::string_view key) {
  w.Key(key.data(), static_cast<rapidjson::SizeType>(key.size()));
}

}  // namespace ocilint::report
