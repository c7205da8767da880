// GitLab Code Quality (artifacts:reports:codequality): a JSON array of issues, each with a
// fingerprint GitLab uses to tell findings apart (it keeps only the first of equal ones).

#include <memory>
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

namespace {

/// One Code Quality issue per finding as the files come, in one JSON array.
class GitlabStream : public JsonReportStream {
 public:
  explicit GitlabStream(std::ostream& out) : JsonReportStream(out) {}

  void Begin(size_t /*file_count*/) override { w_.StartArray(); }

  void File(const diag::FileReport& file) override {
    for (const diag::Diagnostic& d : file.diagnostics) {
      std::string description = d.message;
      if (!d.pointer.empty()) description += " (at " + d.pointer + ")";
      w_.StartObject();
      Member(w_, "description", description);
      Member(w_, "check_name", d.rule);
      Member(w_, "fingerprint", Fingerprint(file, d, used_));
      Member(w_, "severity", Severity(d.severity));
      w_.Key("location");
      w_.StartObject();
      Member(w_, "path", format::RelativePath(file.path));
      w_.Key("lines");
      w_.StartObject();
      w_.Key("begin");
      w_.Uint(d.line > 0 ? d.line : 1);
      w_.EndObject();
      w_.EndObject();
      w_.EndObject();
    }
  }

  void End(const diag::Summary& /*summary*/) override {
    w_.EndArray();
    Close();
  }

 private:
  std::set<std::string> used_;  ///< fingerprints given so far, for unique ones
};

}  // namespace

std::unique_ptr<ReportStream> OpenGitlab(std::ostream& out, const ReportContext& /*context*/) {
  return std::make_unique<GitlabStream>(out);
}

}  // namespace ocilint::report
