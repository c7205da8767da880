#include <string>

#include "conformance/compare.h"
#include "conformance/escape.h"
#include "json/utf8.h"

namespace ocilint::conformance {

namespace {

/// A table cell: escaped, "(not recorded)" when empty.
std::string Cell(std::string_view text) {
  return text.empty() ? "*(not recorded)*" : MarkdownInline(text);
}

std::string VerdictText(Verdict verdict) {
  std::string name(VerdictName(verdict));
  return verdict == Verdict::kFail ? "**" + name + "**" : name;
}

std::string CountsText(const RequirementCounts& c) {
  return std::to_string(c.passed) + " pass, " + std::to_string(c.failed) + " fail, " +
         std::to_string(c.skipped) + " skip";
}

void WriteHeader(std::ostream& out, const Comparison& c, std::string_view first,
                 std::string_view last = "") {
  out << "| " << first << " |";
  for (size_t i = 0; i < c.reports.size(); ++i)
    out << " " << MarkdownInline(c.ColumnLabel(i)) << " |";
  if (!last.empty()) out << " " << last << " |";
  out << "\n| --- |";
  for (size_t i = 0; i < c.reports.size(); ++i) out << " --- |";
  if (!last.empty()) out << " --- |";
  out << "\n";
}

void WriteRuntimes(std::ostream& out, const Comparison& c) {
  out << "## Runtimes\n\n";
  WriteHeader(out, c, " ");
  auto row = [&](std::string_view label, auto field) {
    out << "| " << label << " |";
    for (const LoadedReport& report : c.reports) out << " " << Cell(field(report)) << " |";
    out << "\n";
  };
  row("Runtime path", [](const LoadedReport& r) { return r.report.runtime.path; });
  row("Runtime arguments", [](const LoadedReport& r) {
    std::string args;
    for (const std::string& arg : r.report.environment.runtime_args) {
      args += (args.empty() ? "" : " ") + arg;
    }
    return args.empty() ? std::string("(none)") : args;
  });
  row("Through", [](const LoadedReport& r) {
    std::string through = r.report.runtime.Through();
    return through.empty() ? std::string("(no wrapper)") : through;
  });
  row("Kernel", [](const LoadedReport& r) { return r.report.environment.kernel; });
  row("Cgroup mode", [](const LoadedReport& r) { return r.report.environment.cgroup_mode; });
  row("Notes", [](const LoadedReport& r) { return r.report.environment.notes; });
  row("Date", [](const LoadedReport& r) { return r.report.environment.date; });
  row("oci-lint version", [](const LoadedReport& r) { return r.report.environment.tool_version; });
  row("Report", [](const LoadedReport& r) { return r.path; });
  out << "| Requirements |";
  for (const LoadedReport& report : c.reports) {
    Summary s = report.report.Summarize();
    out << " " << s.requirements << ": " << s.requirements_passed << " pass, "
        << s.requirements_failed << " fail, " << s.requirements_skipped << " skip |";
  }
  out << "\n\n";
}

void WriteSections(std::ostream& out, const Comparison& c) {
  out << "## By section of the spec\n\n";
  if (c.sections.empty()) {
    out << "No requirements.\n\n";
    return;
  }
  WriteHeader(out, c, "Section", "Differs");
  for (const CompareSection& section : c.sections) {
    out << "| "
        << (section.section.empty() ? "*(source not recorded)*" : MarkdownInline(section.section))
        << " |";
    for (const RequirementCounts& counts : section.counts) out << " " << CountsText(counts) << " |";
    out << " " << (section.differs ? "**≠**" : "") << " |\n";
  }
  out << "\n";
}

void WriteRequirements(std::ostream& out, const Comparison& c) {
  out << "## Requirement by requirement\n\n";
  if (c.scenarios.empty()) {
    out << "No scenarios in these reports.\n\n";
    return;
  }
  out << "| | Requirement | Level | Text | Source |";
  for (size_t i = 0; i < c.reports.size(); ++i)
    out << " " << MarkdownInline(c.ColumnLabel(i)) << " |";
  out << "\n| --- | --- | --- | --- | --- |";
  for (size_t i = 0; i < c.reports.size(); ++i) out << " --- |";
  out << "\n";
  for (const CompareScenario& scenario : c.scenarios) {
    for (const CompareRow& row : scenario.rows) {
      out << "| "
          << (row.agreement == Agreement::kDisagree  ? "**≠**"
              : row.agreement == Agreement::kPartial ? "partial"
                                                     : "")
          << " | " << MarkdownInline(RowLabel(scenario, row)) << " | " << MarkdownInline(row.level)
          << " | " << MarkdownInline(row.text) << " | " << MarkdownInline(row.source) << " |";
      for (const CompareCell& cell : row.cells) {
        if (!cell.run) {
          out << " *not run* |";
          continue;
        }
        out << " " << VerdictText(cell.verdict);
        if (!cell.summary.empty()) out << ": " << MarkdownInline(cell.summary);
        out << " |";
      }
      out << "\n";
    }
  }
  out << "\n";
}

/// Each row where the verdicts differ, with every runtime's summary and evidence.
void WriteDisagreements(std::ostream& out, const Comparison& c) {
  if (c.disagreements == 0) return;
  out << "## Where the runtimes disagree\n\n";
  for (const CompareScenario& scenario : c.scenarios) {
    for (const CompareRow& row : scenario.rows) {
      if (row.agreement != Agreement::kDisagree) continue;
      out << "### " << MarkdownInline(RowLabel(scenario, row)) << ": " << MarkdownInline(row.level)
          << "\n\n> " << MarkdownInline(row.text) << "\n>\n> — "
          << (row.source.empty() ? "(source not recorded)" : MarkdownInline(row.source)) << "\n\n";
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const CompareCell& cell = row.cells[i];
        out << "#### " << MarkdownInline(c.ColumnLabel(i)) << ": "
            << (cell.run ? std::string(VerdictName(cell.verdict)) : "not run") << "\n\n";
        if (!cell.run) continue;
        if (!cell.summary.empty()) out << MarkdownInline(cell.summary) << "\n\n";
        if (cell.evidence.empty()) {
          out << "*No evidence recorded.*\n\n";
          continue;
        }
        std::string fence = MarkdownFence(cell.evidence);
        out << fence << "text\n";
        for (const std::string& line : cell.evidence) out << json::SanitizeUtf8(line) << "\n";
        out << fence << "\n\n";
      }
    }
  }
}

}  // namespace

void WriteCompareMarkdown(std::ostream& out, const Comparison& comparison) {
  const Comparison& c = comparison;
  out << "# runtime-spec conformance compared:";
  for (size_t i = 0; i < c.reports.size(); ++i) {
    out << (i == 0 ? " " : ", ") << MarkdownInline(c.ColumnLabel(i));
  }
  out << "\n\n"
      << c.rows << " requirements in " << c.scenarios.size() << " scenarios, " << c.reports.size()
      << (c.reports.size() == 1 ? " runtime" : " runtimes") << ": ";
  if (c.disagreements == 0) {
    out << "no requirement where the verdicts differ";
  } else {
    out << "**" << c.disagreements << " where the verdicts differ** (marked **≠**)";
  }
  out << ", " << c.partial << " that not every runtime ran (marked partial).\n\n";
  WriteRuntimes(out, c);
  WriteSections(out, c);
  WriteRequirements(out, c);
  WriteDisagreements(out, c);
}

}  // namespace ocilint::conformance
