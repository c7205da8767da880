// SARIF 2.1.0, as GitHub code scanning uploads it: every rule described (with a link to its
// section of docs/rules.md, and a security-severity for the rules that change what a container
// may do), one result per finding, each located relative to %SRCROOT%, the working directory
// (a file-level location when there is no position).

#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>

#include "diag/rules.h"
#include "json/utf8.h"
#include "report/format_util.h"
#include "report/json_writer.h"
#include "report/report.h"
#include "version.h"

namespace ocilint::report {

namespace {

/// {"text": text} under `key`.
void Message(JsonWriter& w, std::string_view key, std::string_view text) {
  Key(w, key);
  w.StartObject();
  Key(w, "text");
  String(w, text);
  w.EndObject();
}

std::string_view Level(diag::Severity severity) {
  switch (severity) {
    case diag::Severity::kError:
      return "error";
    case diag::Severity::kWarning:
      return "warning";
    case diag::Severity::kNote:
      return "note";
  }
  return "error";
}

/// "cap-unknown" -> "CapUnknown", the rule's name in SARIF.
std::string CamelCase(std::string_view slug) {
  std::string out;
  bool upper = true;
  for (char c : slug) {
    if (c == '-' || c == '_') {
      upper = true;
      continue;
    }
    out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return out;
}

/// The base every relative result URI is resolved against: GitHub code scanning maps it to the
/// repository's root, other viewers to this absolute URI.
constexpr std::string_view kSourceRoot = "%SRCROOT%";

/// `path` percent-encoded for a URI: every byte but unreserved characters and '/'.
std::string PercentEncoded(std::string_view path) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/';
    if (keep) {
      out += ch;
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0xF];
    }
  }
  return out;
}

/// The working directory as a file URI ending in '/', or "" when it cannot be read.
std::string WorkingDirectoryUri() {
  std::error_code ec;
  std::string cwd = std::filesystem::current_path(ec).generic_string();
  if (ec || cwd.empty() || cwd.front() != '/') return {};
  if (cwd.back() != '/') cwd += '/';
  return "file://" + PercentEncoded(json::SanitizeUtf8(cwd));
}

/// The artifactLocation members of `path`: a URI relative to %SRCROOT% when the path is
/// relative (or below the working directory), else an absolute file URI.
void WriteArtifactUri(JsonWriter& w, std::string_view path) {
  std::string relative = format::RelativePath(path);
  bool absolute = !relative.empty() && relative.front() == '/';
  Key(w, "uri");
  String(w, absolute ? "file://" + PercentEncoded(relative) : PercentEncoded(relative));
  if (absolute) return;
  Key(w, "uriBaseId");
  String(w, kSourceRoot);
}

/// The GitHub tags of a rule: the spec, its RFC 2119 level, its family when it has one, and
/// "security" for the rules with a security severity.
void WriteTags(JsonWriter& w, const diag::RuleInfo& rule) {
  Key(w, "tags");
  w.StartArray();
  String(w, "oci-runtime-spec");
  if (rule.security_severity > 0) String(w, "security");
  constexpr std::pair<std::string_view, std::string_view> kFamilies[] = {
      {"cap-", "capabilities"},         {"ns-", "namespaces"},   {"device-", "devices"},
      {"resource-devices-", "devices"}, {"seccomp-", "seccomp"}, {"runtime-", "runtime-features"},
      {"version-", "spec-version"}};
  for (const auto& [prefix, tag] : kFamilies) {
    if (rule.slug.rfind(prefix, 0) == 0) {
      String(w, tag);
      break;
    }
  }
  if (rule.level != diag::Level::kNone) String(w, diag::LevelName(rule.level));
  w.EndArray();
}

/// The rule's section of docs/rules.md for this version ("#" + slug: its heading's anchor).
std::string RuleDocsUrl(std::string_view slug) {
  return std::string(kHomepageUrl) + "/blob/v" + kVersion + "/docs/rules.md#" + std::string(slug);
}

void WriteRule(JsonWriter& w, const diag::RuleInfo& rule) {
  std::string spec = diag::SpecUrl(rule.spec_anchor);
  std::string docs = RuleDocsUrl(rule.slug);
  std::string full = std::string(rule.summary) + ".";
  if (rule.level != diag::Level::kNone) {
    full += " The runtime-spec states the requirement with " +
            std::string(diag::LevelName(rule.level)) + ".";
  }
  std::string help = rule.explanation.empty() ? full : std::string(rule.explanation);
  std::string markdown = help;
  if (!spec.empty()) {
    help += "\nSpec: " + spec;
    markdown += "\n\nSpec: [" + std::string(rule.spec_anchor) + "](" + spec + ")";
  }
  help += "\nDocumentation: " + docs;
  markdown += "\n\nDocumentation: [" + std::string(rule.slug) + "](" + docs + ")";
  w.StartObject();
  Key(w, "id");
  String(w, rule.slug);
  Key(w, "name");
  String(w, CamelCase(rule.slug));
  Message(w, "shortDescription", rule.summary);
  Message(w, "fullDescription", full);
  Key(w, "help");
  w.StartObject();
  Key(w, "text");
  String(w, help);
  Key(w, "markdown");
  String(w, markdown);
  w.EndObject();
  Key(w, "helpUri");
  String(w, docs);
  Key(w, "defaultConfiguration");
  w.StartObject();
  Key(w, "level");
  String(w, Level(rule.default_severity));
  w.EndObject();
  Key(w, "properties");
  w.StartObject();
  WriteTags(w, rule);
  if (rule.security_severity > 0) {
    char score[8];
    std::snprintf(score, sizeof score, "%.1f", rule.security_severity);
    Key(w, "security-severity");
    String(w, score);
  }
  w.EndObject();
  w.EndObject();
}

void WriteLocation(JsonWriter& w, const diag::FileReport& file, const diag::Diagnostic& d) {
  Key(w, "locations");
  w.StartArray();
  w.StartObject();
  Key(w, "physicalLocation");
  w.StartObject();
  Key(w, "artifactLocation");
  w.StartObject();
  WriteArtifactUri(w, file.path);
  w.EndObject();
  if (d.line > 0) {
    Key(w, "region");
    w.StartObject();
    Key(w, "startLine");
    w.Uint(d.line);
    if (d.column > 0) {
      Key(w, "startColumn");
      w.Uint(d.column);
    }
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  w.EndArray();
}

/// Writes one result; `seen` numbers equal fingerprints so each stays distinct (":1", ":2").
void WriteResult(JsonWriter& w, const diag::FileReport& file, const diag::Diagnostic& d,
                 const diag::RuleIndex& rules, std::map<std::string, int>& seen) {
  std::optional<size_t> index = rules.Find(d.rule);
  w.StartObject();
  Key(w, "ruleId");
  String(w, d.rule);
  if (index) {
    Key(w, "ruleIndex");
    w.Uint64(*index);
  }
  Key(w, "level");
  String(w, Level(d.severity));
  Message(w, "message", d.help.empty() ? d.message : d.message + "\nhelp: " + d.help);
  WriteLocation(w, file, d);
  std::string hash = format::Hex(format::Hash({d.rule, file.path, d.pointer}));
  Key(w, "partialFingerprints");
  w.StartObject();
  Key(w, "primaryLocationLineHash");
  String(w, hash + ":" + std::to_string(++seen[hash]));
  w.EndObject();
  Key(w, "properties");
  w.StartObject();
  Key(w, "pointer");
  String(w, d.pointer);
  w.EndObject();
  w.EndObject();
}

}  // namespace

namespace {

/// The SARIF report: the run and its rules, one result per finding as the files come.
class SarifStream : public JsonReportStream {
 public:
  SarifStream(std::ostream& out, const ReportContext& context)
      : JsonReportStream(out), context_(context), rules_(context.rules) {}

  void Begin(size_t /*file_count*/) override {
    w_.StartObject();
    Key(w_, "$schema");
    String(w_, "https://json.schemastore.org/sarif-2.1.0.json");
    Key(w_, "version");
    String(w_, "2.1.0");
    Key(w_, "runs");
    w_.StartArray();
    w_.StartObject();
    Key(w_, "tool");
    w_.StartObject();
    Key(w_, "driver");
    w_.StartObject();
    Key(w_, "name");
    String(w_, "oci-lint");
    Key(w_, "version");
    String(w_, context_.tool_version);
    Key(w_, "rules");
    w_.StartArray();
    for (const diag::RuleInfo& rule : context_.rules) WriteRule(w_, rule);
    w_.EndArray();
    w_.EndObject();
    w_.EndObject();
    // GitHub code scanning takes the part before the last '/' as the analysis category
    // ("oci-lint"), which keeps these results apart from other tools' uploads for a commit.
    Key(w_, "automationDetails");
    w_.StartObject();
    Key(w_, "id");
    String(w_, "oci-lint/");
    w_.EndObject();
    Key(w_, "originalUriBaseIds");
    w_.StartObject();
    Key(w_, kSourceRoot);
    w_.StartObject();
    if (std::string root = WorkingDirectoryUri(); !root.empty()) {
      Key(w_, "uri");
      String(w_, root);
    }
    Message(w_, "description", "The directory oci-lint ran in; relative paths start there.");
    w_.EndObject();
    w_.EndObject();
    Key(w_, "columnKind");
    String(w_, "unicodeCodePoints");
    Key(w_, "results");
    w_.StartArray();
  }

  void File(const diag::FileReport& file) override {
    for (const diag::Diagnostic& d : file.diagnostics) WriteResult(w_, file, d, rules_, seen_);
  }

  void End(const diag::Summary& /*summary*/) override {
    w_.EndArray();
    w_.EndObject();
    w_.EndArray();
    w_.EndObject();
    Close();
  }

 private:
  const ReportContext& context_;
  diag::RuleIndex rules_;
  std::map<std::string, int> seen_;  ///< fingerprints given so far, for unique ones
};

}  // namespace

std::unique_ptr<ReportStream> OpenSarif(std::ostream& out, const ReportContext& context) {
  return std::make_unique<SarifStream>(out, context);
}

}  // namespace ocilint::report
