#pragma once

// The batch the CI report format tests share: a clean file, one with findings of every
// severity and text every format must escape, standard input with a note, an unreadable file,
// and a runtime's features document and a container state with findings of their own rules.

#include <sstream>
#include <string>
#include <vector>

#include "diag/diagnostic.h"
#include "lint/rules/catalogue.h"
#include "report/report.h"
#include "version.h"

namespace ocilint::testing {

/// A path with characters GitHub properties, URIs and XML escape: ',', ':', '%', ' ', 'é'.
inline const std::string kOddPath = "configs/we,ird: 100% \xC3\xA9.json";

inline diag::Diagnostic Finding(const char* rule, diag::Severity severity, const char* pointer,
                                uint32_t line, uint32_t column, std::string message,
                                std::string help = "") {
  diag::Diagnostic d;
  d.rule = rule;
  d.severity = severity;
  d.pointer = pointer;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  d.help = std::move(help);
  return d;
}

inline std::vector<diag::FileReport> Batch() {
  using diag::Severity;
  diag::FileReport clean, odd, stdin_file, missing;
  clean.path = "configs/clean.json";
  clean.schema_valid = true;
  odd.path = kOddPath;
  odd.diagnostics = {
      Finding("schema", Severity::kError, "/process/args", 3, 5,
              "expected an array, got \"a<b>&c 'q'\"\nsecond line: 100%, done \xE2\x9C\x93",
              "write [\"sh\"] instead"),
      Finding("cap-unknown", Severity::kWarning, "/process/capabilities/bounding/0", 7, 9,
              "CAP_FOO, is not a capability \x01 bad byte \xFF"),
      Finding("cap-duplicate", Severity::kWarning, "/process/capabilities/bounding/2", 9, 9,
              "CAP_KILL is listed twice"),
      Finding("cap-duplicate", Severity::kWarning, "/process/capabilities/bounding/2", 9, 9,
              "CAP_KILL is listed twice"),
      Finding("json-duplicate-key", Severity::kNote, "/hostname", 12, 3,
              "key \"hostname\" repeats; the last value wins")};
  stdin_file.path = "<stdin>";
  stdin_file.schema_valid = true;
  stdin_file.diagnostics = {
      Finding("json-duplicate-key", Severity::kNote, "", 1, 1, "a note about # and \\")};
  missing.path = "missing.json";
  missing.unreadable = true;
  missing.diagnostics = {Finding("io-error", Severity::kError, "", 0, 0,
                                 "cannot open missing.json: No such file or directory")};
  diag::FileReport features, state;
  features.path = "runtimes/runc-features.json";
  features.kind = diag::DocumentKind::kFeatures;
  features.diagnostics = {Finding("features-version-range", Severity::kError, "/ociVersionMax", 3,
                                  20,
                                  "ociVersionMax \"1.0.0\" is below ociVersionMin \"1.1.0\": the "
                                  "runtime would accept no version",
                                  "swap the two bounds")};
  state.path = "runtimes/state.json";
  state.kind = diag::DocumentKind::kState;
  state.schema_valid = true;
  state.diagnostics = {Finding("state-pid-missing", Severity::kWarning, "/status", 4, 13,
                               "the state of a running container has no pid")};
  return {clean, odd, stdin_file, missing, features, state};
}

inline size_t FindingCount(const std::vector<diag::FileReport>& files) {
  size_t n = 0;
  for (const diag::FileReport& file : files) n += file.diagnostics.size();
  return n;
}

/// Renders `files` in `format`, colour requested (which these formats must ignore).
inline std::string RenderFormat(std::string_view format,
                                const std::vector<diag::FileReport>& files) {
  report::ReportContext context{
      kVersion, "embedded runtime-spec v1.3.0", true, {}, lint::AllRules()};
  std::ostringstream out;
  const report::Format* f = report::FindFormat(format);
  if (f == nullptr) return "<no format " + std::string(format) + ">";
  f->write(out, files, context);
  return out.str();
}

}  // namespace ocilint::testing
