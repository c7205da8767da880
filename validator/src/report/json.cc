#include <memory>

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

namespace {

/// The JSON report: the head, one object per file as it comes, the summary.
class JsonStream : public JsonReportStream {
 public:
  JsonStream(std::ostream& out, const ReportContext& context)
      : JsonReportStream(out), context_(context) {}

  void Begin(size_t /*file_count*/) override {
    w_.StartObject();
    Key(w_, "tool");
    w_.StartObject();
    Key(w_, "name");
    String(w_, "oci-lint");
    Key(w_, "version");
    String(w_, context_.tool_version);
    w_.EndObject();
    Key(w_, "schema");
    String(w_, context_.schema);
    WriteTargetJson(w_, context_.target);
    Key(w_, "files");
    w_.StartArray();
  }

  void File(const diag::FileReport& file) override {
    w_.StartObject();
    Key(w_, "path");
    String(w_, file.path);
    Key(w_, "kind");
    String(w_, diag::DocumentKindName(file.kind));
    Key(w_, "ociVersion");
    if (file.oci_version) {
      String(w_, *file.oci_version);
    } else {
      w_.Null();
    }
    Key(w_, "schemaValid");
    w_.Bool(file.schema_valid);
    Key(w_, "diagnostics");
    w_.StartArray();
    for (const diag::Diagnostic& d : file.diagnostics) WriteDiagnostic(w_, d);
    w_.EndArray();
    w_.EndObject();
  }

  void End(const diag::Summary& summary) override {
    w_.EndArray();
    Key(w_, "summary");
    w_.StartObject();
    Key(w_, "files");
    w_.Uint64(summary.files);
    Key(w_, "errors");
    w_.Uint64(summary.errors);
    Key(w_, "warnings");
    w_.Uint64(summary.warnings);
    Key(w_, "notes");
    w_.Uint64(summary.notes);
    Key(w_, "unreadable");
    w_.Uint64(summary.unreadable);
    Key(w_, "suppressed");
    w_.Uint64(summary.suppressed);
    w_.EndObject();
    w_.EndObject();
    Close();
  }

 private:
  const ReportContext& context_;
};

}  // namespace

std::unique_ptr<ReportStream> OpenJson(std::ostream& out, const ReportContext& context) {
  return std::make_unique<JsonStream>(out, context);
}

}  // namespace ocilint::report
