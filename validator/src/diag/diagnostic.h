#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/document_kind.h"

namespace ocilint::diag {

enum class Severity { kNote, kWarning, kError };

std::string_view SeverityName(Severity severity);
/// Parses "note", "warning" or "error".
std::optional<Severity> ParseSeverity(std::string_view name);

/// The source line a finding points at, for the text format: the whole line, or a window of a
/// long line around the finding, so a report never holds more than a little of its file.
struct Excerpt {
  std::string text;
  uint32_t first_column = 1;  ///< column of text's first code point in the line
  uint32_t tab_phase = 0;     ///< display width of the line before text, modulo the tab stop
  bool cut_after = false;     ///< the line goes on after text
  uint32_t span = 1;          ///< code points the underline covers from the finding's column
};

/// The parts of the lint target (--kernel, --environment, --runtime) a finding was judged
/// against: bits of Diagnostic::target_aspects and RuleInfo::target_aspects.
inline constexpr uint8_t kTargetKernel = 1;
inline constexpr uint8_t kTargetEnvironment = 2;
inline constexpr uint8_t kTargetRuntime = 4;

/// One finding about a config. Findings are data: they never stop the run.
struct Diagnostic {
  std::string rule;
  Severity severity = Severity::kError;
  std::string pointer;  ///< JSON pointer of the offending value ("" for the whole document)
  /// Byte offset in the source; nullopt when the finding concerns the file as a whole.
  std::optional<size_t> offset;
  uint32_t line = 0;    ///< 1-based; 0 when there is no position
  uint32_t column = 0;  ///< 1-based, in Unicode code points; 0 when there is no position
  std::string message;
  std::string help;                ///< optional
  std::string spec;                ///< optional link to the spec section
  std::optional<Excerpt> excerpt;  ///< set when the finding has a position
  uint8_t target_aspects = 0;      ///< kTarget* bits: the finding holds for this target only
};

/// Everything known about one input after the pipeline ran.
struct FileReport {
  std::string path;  ///< as given, or DIR/relative/path for files found below a directory
  /// ociVersion (config, state) or ociVersionMax (features), when a string.
  std::optional<std::string> oci_version;
  DocumentKind kind = DocumentKind::kConfig;
  bool schema_valid = false;
  bool unreadable = false;  ///< the input could not be read at all (exit code 3)
  size_t suppressed = 0;    ///< findings dropped by suppressions, ignores and disabled rules
  std::vector<Diagnostic> diagnostics;
};

struct Summary {
  size_t files = 0;
  size_t errors = 0;
  size_t warnings = 0;
  size_t notes = 0;
  size_t unreadable = 0;
  size_t suppressed = 0;

  /// Counts one more file and its findings.
  void Add(const FileReport& file);
};

Summary Summarize(const std::vector<FileReport>& files);

/// The finding that stands for `count` more findings of `rule` that a file does not list one by
/// one, after the first `listed`; it points at the end of the file.
Diagnostic MoreFindings(std::string_view rule, Severity severity, size_t end_offset, size_t count,
                        size_t listed);

/// Sorts diagnostics by position, then rule, then message (stable for equal keys).
void SortDiagnostics(std::vector<Diagnostic>* diagnostics);

}  // namespace ocilint::diag
