#include "json/utf8.h"
#include "report/json_target.h"
#include "report/json_writer.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

void WriteDiagnostic(JsonWriter& w, const diag::Diagnostic& d) {
  w.StartObject();
  Key(w, "rule");
  String(w, d.rule);
  Key(w, "severity");
  String(w, diag::SeverityName(d.severity));
  Key(w, "pointer");
  String(w, d.pointer);
  Key(w, "line");
  w.Uint(d.line);
  Key(w, "column");
  w.Uint(d.column);
  Key(w, "message");
  String(w, d.message);
  if (!d.help.empty()) {
    Key(w, "help");
    String(w, d.help);
  }
  if (!d.spec.empty()) {
    Key(w, "spec");
    String(w, d.spec);
  }
  w.EndObject();
}

void OptionalString(JsonWriter& w, std::string_view key, const std::optional<std::string>& value) {
  Key(w, key);
  if (value) {
    String(w, *value);
  } else {
    w.Null();
  }
}

void OptionalList(JsonWriter& w, std::string_view key,
                  const std::optional<std::vector<std::string>>& names) {
  Key(w, key);
  if (!names) {
    w.Null();
    return;
  }
  w.StartArray();
  for (const std::string& name : *names) String(w, name);
  w.EndArray();
}

}  // namespace

void WriteTargetJson(JsonWriter& w, const TargetReport& t) {
  Key(w, "target");
  w.StartObject();
  Key(w, "kernel");
  w.StartObject();
  Key(w, "source");
  String(w, t.kernel_source);
  OptionalString(w, "release", t.kernel_release);
  OptionalString(w, "version", t.kernel_version);
  Key(w, "capLastCap");
  if (t.cap_last_cap) {
    w.Int(*t.cap_last_cap);
  } else {
    w.Null();
  }
  Key(w, "description");
  String(w, t.kernel_text);
  w.EndObject();
  Key(w, "environment");
  w.StartObject();
  Key(w, "source");
  String(w, t.environment_source);
  OptionalString(w, "path", t.environment_path);
  OptionalList(w, "bounding", t.bounding);
  Key(w, "description");
  String(w, t.environment_text);
  w.EndObject();
  Key(w, "runtime");
  w.StartObject();
  Key(w, "source");
  String(w, t.runtime_source);
  OptionalString(w, "origin", t.runtime_origin);
  OptionalString(w, "name", t.runtime_name);
  OptionalString(w, "version", t.runtime_version);
  OptionalList(w, "capabilities", t.runtime_capabilities);
  OptionalString(w, "note", t.runtime_note);
  Key(w, "description");
  String(w, t.runtime_text);
  w.EndObject();
  w.EndObject();
}

void WriteJson(std::ostream& out, const std::vector<diag::FileReport>& files,
               const ReportContext& context) {
  json::BufferedOStream stream(out);
  JsonWriter w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  Key(w, "tool");
  w.StartObject();
  Key(w, "name");
  String(w, "oci-lint");
  Key(w, "version");
  String(w, context.tool_version);
  w.EndObject();
  Key(w, "schema");
  String(w, context.schema);
  WriteTargetJson(w, context.target);
  Key(w, "files");
  w.StartArray();
  for (const diag::FileReport& file : files) {
    w.StartObject();
    Key(w, "path");
    String(w, file.path);
    Key(w, "kind");
    String(w, diag::DocumentKindName(file.kind));
    Key(w, "ociVersion");
    if (file.oci_version) {
      String(w, *file.oci_version);
    } else {
      w.Null();
    }
    Key(w, "schemaValid");
    w.Bool(file.schema_valid);
    Key(w, "diagnostics");
    w.StartArray();
    for (const diag::Diagnostic& d : file.diagnostics) WriteDiagnostic(w, d);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  diag::Summary summary = diag::Summarize(files);
  Key(w, "summary");
  w.StartObject();
  Key(w, "files");
  w.Uint64(summary.files);
  Key(w, "errors");
  w.Uint64(summary.errors);
  Key(w, "warnings");
  w.Uint64(summary.warnings);
  Key(w, "notes");
  w.Uint64(summary.notes);
  Key(w, "unreadable");
  w.Uint64(summary.unreadable);
  Key(w, "suppressed");
  w.Uint64(summary.suppressed);
  w.EndObject();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

}  // namespace ocilint::report
