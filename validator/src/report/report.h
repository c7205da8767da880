#pragma once

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

/// What every writer needs besides the findings.
struct ReportContext {
  std::string tool_version;
  std::string schema;  ///< which schema was used, e.g. "embedded runtime-spec v1.3.0"
  bool color = false;  ///< only the text format ever colours
  TargetReport target;
  std::span<const diag::RuleInfo> rules;  ///< the rule catalogue, for formats that describe it
};

using Writer = void (*)(std::ostream& out, const std::vector<diag::FileReport>& files,
                        const ReportContext& context);

struct Format {
  std::string_view name;
  Writer write;
};

/// Every output format, in the order --help lists them. An explicit registry.
std::span<const Format> AllFormats();
const Format* FindFormat(std::string_view name);

/// The three "target ...:" lines that head a text report.
void WriteTargetLines(std::ostream& out, const TargetReport& target);

void WriteText(std::ostream& out, const std::vector<diag::FileReport>& files,
               const ReportContext& context);
void WriteJson(std::ostream& out, const std::vector<diag::FileReport>& files,
               const ReportContext& context);
/// SARIF 2.1.0 for GitHub code scanning: every rule, one located result per finding.
void WriteSarif(std::ostream& out, const std::vector<diag::FileReport>& files,
                const ReportContext& context);
/// GitHub Actions workflow commands (::error file=...::), then a summary line.
void WriteGithub(std::ostream& out, const std::vector<diag::FileReport>& files,
                 const ReportContext& context);
/// GitLab Code Quality JSON: an array of issues with unique fingerprints.
void WriteGitlab(std::ostream& out, const std::vector<diag::FileReport>& files,
                 const ReportContext& context);
/// JUnit XML: a testsuite per file, a testcase per finding (notes pass).
void WriteJunit(std::ostream& out, const std::vector<diag::FileReport>& files,
                const ReportContext& context);
/// TAP 14: a test point per file, findings as YAML diagnostics.
void WriteTap(std::ostream& out, const std::vector<diag::FileReport>& files,
              const ReportContext& context);
/// Checkstyle 4.3 XML: a file element per input, an error element per finding.
void WriteCheckstyle(std::ostream& out, const std::vector<diag::FileReport>& files,
                     const ReportContext& context);

}  // namespace ocilint::report
