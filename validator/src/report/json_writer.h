#pragma once

#include <rapidjson/prettywriter.h>

#include <ostream>
#include <string_view>

#include "json/output_stream.h"
#include "report/report.h"

namespace ocilint::report {

/// The writer behind every JSON output (the lint, SARIF and GitLab reports, probe and
/// conformance results): RapidJSON's indented writer, with strings written a run of plain
/// bytes at a time (RapidJSON puts each byte through the stream on its own).
class JsonWriter : public rapidjson::PrettyWriter<json::BufferedOStream> {
 public:
  explicit JsonWriter(json::BufferedOStream& out) : PrettyWriter(out) {}
  /// A string value or member name, escaped byte for byte as RapidJSON escapes it; `text` must
  /// be UTF-8 (report::String makes sure).
  void Utf8String(std::string_view text);
};

/// Writes `text` as a JSON string. Bytes that are not UTF-8 (a file name, a runtime's message)
/// become U+FFFD: RapidJSON would copy them as they are and make the output invalid JSON.
void String(JsonWriter& w, std::string_view text);
/// Writes `text` as a JSON string, or null when it is empty.
void StringOrNull(JsonWriter& w, std::string_view text);
/// Writes a member name.
void Key(JsonWriter& w, std::string_view key);

/// What the JSON report formats share: an indented writer over a buffered `out`, and the end.
class JsonReportStream : public ReportStream {
 protected:
  explicit JsonReportStream(std::ostream& out) : out_(out), stream_(out), w_(stream_) {
    w_.SetIndent(' ', 2);
  }
  /// Hands over what the writer holds and ends the report with a line break.
  void Close() {
    stream_.Flush();
    out_ << '\n';
  }

  std::ostream& out_;
  json::BufferedOStream stream_;
  JsonWriter w_;
};

}  // namespace ocilint::report
