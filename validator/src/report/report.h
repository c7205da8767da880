#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "diag/rules.h"

namespace ocilint::report {

/// The target the capability rules judged against, as reports state it.
struct TargetReport {
  std::string kernel_text, environment_text, runtime_text;  ///< one line each, for people
  std::string kernel_source = "none";                       ///< "host", "version" or "none"
  std::optional<std::string> kernel_release, kernel_version;
  std::optional<int> cap_last_cap;
  std::string environment_source = "none";  ///< "host", "file" or "none"
  std::optional<std::string> environment_path;
  std::optional<std::vector<std::string>> bounding;
  std::string runtime_source = "none";  ///< "features-file", "command" or "none"
  std::optional<std::string> runtime_origin, runtime_name, runtime_version, runtime_note;
  std::optional<std::vector<std::string>> runtime_capabilities;
};

/// How much the formats for people (text, github) say besides the findings.
enum class Verbosity {
  kQuiet,    ///< the findings only
  kNormal,   ///< then a summary line, after the parts of the target that findings depend on
  kVerbose,  ///< the whole target first, the findings, then the summary line
};

/// What every writer needs besides the findings.
struct ReportContext {
  std::string tool_version;
  std::string schema;  ///< which schema was used, e.g. "embedded runtime-spec v1.3.0"
  bool color = false;  ///< only the text format ever colours
  TargetReport target;
  std::span<const diag::RuleInfo> rules;  ///< the rule catalogue, for formats that describe it
  Verbosity verbosity = Verbosity::kNormal;
};

/// One report written as the files come, in input order, so that a file's findings can be
/// dropped once written: Begin, File for every input, End. A format that must state totals
/// before the files (JUnit) keeps the files' text until End.
class ReportStream {
 public:
  virtual ~ReportStream() = default;
  /// `file_count`: how many File calls follow (TAP states it first).
  virtual void Begin(size_t file_count) = 0;
  virtual void File(const diag::FileReport& file) = 0;
  /// `summary` counts every file given to File.
  virtual void End(const diag::Summary& summary) = 0;
};

using StreamOpener = std::unique_ptr<ReportStream> (*)(std::ostream& out,
                                                       const ReportContext& context);

struct Format {
  std::string_view name;
  StreamOpener open;
  /// The whole report of `files` at once.
  void write(std::ostream& out, const std::vector<diag::FileReport>& files,
             const ReportContext& context) const;
};

/// Every output format, in the order --help lists them. An explicit registry.
std::span<const Format> AllFormats();
const Format* FindFormat(std::string_view name);

/// Text for people: each finding with its excerpt, help and spec link, then a summary line.
std::unique_ptr<ReportStream> OpenText(std::ostream& out, const ReportContext& context);
/// The JSON report README.md documents as a contract.
std::unique_ptr<ReportStream> OpenJson(std::ostream& out, const ReportContext& context);
/// SARIF 2.1.0 for GitHub code scanning: every rule, one located result per finding.
std::unique_ptr<ReportStream> OpenSarif(std::ostream& out, const ReportContext& context);
/// GitHub Actions workflow commands (::error file=...::), then a summary line.
std::unique_ptr<ReportStream> OpenGithub(std::ostream& out, const ReportContext& context);
/// GitLab Code Quality JSON: an array of issues with unique fingerprints.
std::unique_ptr<ReportStream> OpenGitlab(std::ostream& out, const ReportContext& context);
/// JUnit XML: a testsuite per file, a testcase per finding (notes pass).
std::unique_ptr<ReportStream> OpenJunit(std::ostream& out, const ReportContext& context);
/// TAP 14: a test point per file, findings as YAML diagnostics.
std::unique_ptr<ReportStream> OpenTap(std::ostream& out, const ReportContext& context);
/// Checkstyle 4.3 XML: a file element per input, an error element per finding.
std::unique_ptr<ReportStream> OpenCheckstyle(std::ostream& out, const ReportContext& context);

/// The three "target ...:" lines that head a verbose text report.
void WriteTargetLines(std::ostream& out, const TargetReport& target);

}  // namespace ocilint::report
