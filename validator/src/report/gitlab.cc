// GitLab Code Quality (artifacts:reports:codequality): a JSON array of issues, each with a
// fingerprint GitLab uses to tell findings apart (it keeps only the first of equal ones).

#include <set>

#include "json/utf8.h"
#include "report/format_util.h"
#include "report/json_writer.h"
#include "report/report.h"

namespace ocilint::report {

namespace {

void Member(JsonWriter& w, std::string_view key, std::string_view text) {
  Key(w, key);
  String(w, text);
}

std::string_view Severity(diag::Severity severity) {
  switch (severity) {
    case diag::Severity::kError:
      return "major";
    case diag::Severity::kWarning:
      return "minor";
    case diag::Severity::kNote:
      return "info";
  }
  return "major";
}

/// 32 hex digits over everything that tells one finding from another; an exact repeat gets
/// its occurrence number mixed in, so every fingerprint in the report is unique.
std::string Fingerprint(const diag::FileReport& file, const diag::Diagnostic& d,
                        std::set<std::string>& used) {
  std::string line = std::to_string(d.line), column = std::to_string(d.column);
  for (int occurrence = 1;; ++occurrence) {
    std::string n = occurrence == 1 ? "" : std::to_string(occurrence);
    std::initializer_list<std::string_view> parts = {d.rule, file.path, d.pointer, line,
                                                     column, d.message, n};
    std::string print =
        format::Hex(format::Hash(parts)) + format::Hex(format::Hash(parts, 0x84222325cbf29ce4ULL));
    if (used.insert(print).second) return print;
  }
}

}  // namespace

void WriteGitlab(std::ostream& out, const std::vector<diag::FileReport>& files,
                 const ReportContext& /*context*/) {
  json::BufferedOStream stream(out);
  JsonWriter w(stream);
  w.SetIndent(' ', 2);
  std::set<std::string> used;
  w.StartArray();
  for (const diag::FileReport& file : files) {
    for (const diag::Diagnostic& d : file.diagnostics) {
      std::string description = d.message;
      if (!d.pointer.empty()) description += " (at " + d.pointer + ")";
      w.StartObject();
      Member(w, "description", description);
      Member(w, "check_name", d.rule);
      Member(w, "fingerprint", Fingerprint(file, d, used));
      Member(w, "severity", Severity(d.severity));
      w.Key("location");
      w.StartObject();
      Member(w, "path", format::RelativePath(file.path));
      w.Key("lines");
      w.StartObject();
      w.Key("begin");
      w.Uint(d.line > 0 ? d.line : 1);
      w.EndObject();
      w.EndObject();
      w.EndObject();
    }
  }
  w.EndArray();
  stream.Flush();
  out << '\n';
}

}  // namespace ocilint::report
