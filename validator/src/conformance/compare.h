#pragma once

// `oci-lint conformance compare`: the report.json of several runtimes read back and set side by
// side, requirement by requirement, so that a vendor sees at once where runtimes disagree.

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "conformance/model.h"
#include "util/error.h"

namespace ocilint::conformance {

/// The largest report.json read; a real one is about 20 KiB.
inline constexpr size_t kMaxReportBytes = size_t{16} << 20;

/// A report read back: what it says, and the file it came from.
struct LoadedReport {
  std::string path;  ///< the report.json read, as named on the command line
  ConformanceReport report;
};

/// `text` as report.json, as WriteJson writes it or as older versions did (without a
/// requirement's id, a scenario's battery, environment.runtimeArgs and sections: "", "caps",
/// none). The summary and sections members are not read: they are counted again from the
/// requirements. Anything that is not such a report (not JSON, a member of the wrong type, a
/// verdict other than pass, fail or skip, a scenario twice) is an Error naming `path` and where
/// in the document.
Result<ConformanceReport> ParseReportJson(std::string_view text, const std::string& path);

/// Reads `path`: a report directory (its report.json) or a report.json itself. Refuses what is
/// not a regular file and files over kMaxReportBytes.
Result<LoadedReport> LoadReport(const std::string& path);

/// What one runtime did with one requirement.
struct CompareCell {
  bool run = false;  ///< false: that runtime's report lacks the row ("not run")
  Verdict verdict = Verdict::kSkip;
  std::string summary;
  std::vector<std::string> evidence;
};

enum class Agreement {
  kAgree,     ///< every runtime has the row, all with the same verdict
  kDisagree,  ///< two runtimes that have the row reached different verdicts
  kPartial,   ///< some runtime lacks the row; those that have it agree
};

/// One requirement of one scenario across the runtimes. The key is (battery, scenario id,
/// requirement id); a requirement without an id (an older report) is keyed by its position in
/// its scenario instead, and a requirement id judged more than once in a scenario by its
/// occurrence.
struct CompareRow {
  std::string requirement_id;  ///< "" in older reports
  size_t occurrence = 0;       ///< 1 for the second requirement with this id in its scenario...
  size_t position = 0;         ///< 1-based, in its scenario, in the first report that has the row
  /// What the row is about, from the first report that has it.
  std::string level, text, source;
  std::vector<CompareCell> cells;  ///< one per runtime, in the order of Comparison::reports
  Agreement agreement = Agreement::kAgree;
};

/// What one runtime did with a whole scenario.
struct CompareScenarioCell {
  bool run = false;
  Verdict verdict = Verdict::kSkip;
  std::string skip_reason;
};

struct CompareScenario {
  std::string battery, id;
  std::string title, description;  ///< from the first report that has the scenario
  std::vector<CompareScenarioCell> cells;
  std::vector<CompareRow> rows;  ///< in the order of first appearance
};

/// Pass, fail and skip counts of one section of the spec (a requirement's source), per runtime.
struct CompareSection {
  std::string section;
  std::vector<RequirementCounts> counts;  ///< one per runtime
  bool differs = false;                   ///< the runtimes' counts are not all equal
};

/// "caps/baseline config/process/3", "spec/hooks config/posix-platform-hooks/13 (2)" for an id
/// judged twice in its scenario, "caps/baseline #2" without an id.
std::string RowLabel(const CompareScenario& scenario, const CompareRow& row);

struct Comparison {
  std::vector<LoadedReport> reports;  ///< the columns, in the order given
  /// Scenarios in the order of first appearance across the reports (the first report's, then
  /// those only later ones have), each scenario's rows likewise.
  std::vector<CompareScenario> scenarios;
  std::vector<CompareSection> sections;  ///< in the spec's order, as SummarizeBySection
  size_t rows = 0, disagreements = 0, partial = 0;

  /// "runc 1.1.5", made unique when two reports are of the same runtime and version.
  std::string ColumnLabel(size_t column) const;
};

Comparison Compare(std::vector<LoadedReport> reports);

/// The comparison page: one self-contained HTML file (inline style, no script, nothing loaded),
/// every string from the reports escaped.
void WriteCompareHtml(std::ostream& out, const Comparison& comparison);
/// The comparison as GitHub Markdown tables, with the evidence of the rows that disagree.
void WriteCompareMarkdown(std::ostream& out, const Comparison& comparison);

}  // namespace ocilint::conformance
