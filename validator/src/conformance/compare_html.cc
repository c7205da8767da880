#include <array>
#include <string>

#include "conformance/compare.h"
#include "conformance/escape.h"

namespace ocilint::conformance {

namespace {

constexpr std::string_view kCompareStyle = R"(
body { max-width: none; }
table.compare { width: 100%; }
table.compare td.key { min-width: 22em; width: 30%; }
tr.scenario th { background: #e3e8f2; }
tr.disagree > td { background: #fff1c9; }
tr.disagree > td.key { border-left: 6px solid #c76b00; }
tr.partial > td.key { border-left: 6px solid #9a9a9a; }
tr.differs > td { background: #fff1c9; }
.mark { font-weight: bold; color: #8a4500; white-space: nowrap; }
.partial-mark { font-weight: bold; color: #555; white-space: nowrap; }
td.notrun { color: #666; font-style: italic; background: #f7f7f7; }
.req { white-space: pre-line; }
cite { display: block; color: #666; font-style: normal; font-size: 0.9em; }
details { margin-top: 0.3em; }
details pre { margin: 0.3em 0 0; }
ul.disagreements li { margin: 0.2em 0; }
)";

std::string CountsText(const RequirementCounts& c) {
  return std::to_string(c.passed) + " pass, " + std::to_string(c.failed) + " fail, " +
         std::to_string(c.skipped) + " skip";
}

void WriteHeaderCells(std::ostream& out, const Comparison& c) {
  for (size_t i = 0; i < c.reports.size(); ++i) {
    out << "<th>" << HtmlEscape(c.ColumnLabel(i)) << "</th>";
  }
}

void WriteOverview(std::ostream& out, const Comparison& c) {
  size_t scenarios = c.scenarios.size();
  out << "<p>" << c.rows << " requirements in " << scenarios << " scenarios, " << c.reports.size()
      << (c.reports.size() == 1 ? " runtime" : " runtimes") << ": ";
  if (c.disagreements == 0) {
    out << "no requirement where the verdicts differ";
  } else {
    out << "<strong class=\"mark\">" << c.disagreements << " where the verdicts differ</strong>";
  }
  out << ", " << c.partial << " that not every runtime ran (and the others agree).</p>\n"
      << "<p>Rows where the runtimes' verdicts differ are marked <span class=\"mark\">≠ differs"
      << "</span> and shaded; rows that a runtime's report lacks are marked <span "
      << "class=\"partial-mark\">not run by all</span>. Each cell opens its evidence.</p>\n";
  if (c.disagreements == 0) return;
  out << "<h2>Where the runtimes disagree</h2>\n<ul class=\"disagreements\">\n";
  size_t number = 0;
  for (const CompareScenario& scenario : c.scenarios) {
    for (const CompareRow& row : scenario.rows) {
      ++number;
      if (row.agreement != Agreement::kDisagree) continue;
      out << "<li><a href=\"#row-" << number << "\">" << HtmlEscape(RowLabel(scenario, row))
          << "</a> " << HtmlEscape(row.level) << " (" << HtmlEscape(row.source) << "):";
      for (size_t i = 0; i < row.cells.size(); ++i) {
        const CompareCell& cell = row.cells[i];
        out << (i == 0 ? " " : "; ") << HtmlEscape(c.ColumnLabel(i)) << " "
            << (cell.run ? HtmlVerdictBadge(cell.verdict) : "<em>not run</em>");
      }
      out << "</li>\n";
    }
  }
  out << "</ul>\n";
}

/// `value` escaped; "40 of 41 capabilities; lacks X (A B C ...)", the bounding set's form, with
/// its long list in a <details> that opens on demand.
std::string Collapsed(const std::string& value) {
  size_t open = value.find(" (");
  if (value.size() < 120 || open == std::string::npos || value.back() != ')') {
    return HtmlEscape(value);
  }
  return HtmlEscape(value.substr(0, open)) + "<details><summary>the list</summary>" +
         HtmlEscape(value.substr(open + 2, value.size() - open - 3)) + "</details>";
}

void WriteRuntimes(std::ostream& out, const Comparison& c) {
  out << "<h2>Runtimes</h2>\n<table>\n<thead><tr><th></th>";
  WriteHeaderCells(out, c);
  out << "</tr></thead>\n<tbody>\n";
  using Field = std::string (*)(const LoadedReport&);
  static constexpr std::array<std::pair<std::string_view, Field>, 12> kRows{{
      {"Runtime", [](const LoadedReport& r) { return r.report.runtime.name; }},
      {"Version", [](const LoadedReport& r) { return r.report.runtime.version; }},
      {"Runtime path", [](const LoadedReport& r) { return r.report.runtime.path; }},
      {"Runtime arguments",
       [](const LoadedReport& r) {
         std::string args;
         for (const std::string& arg : r.report.environment.runtime_args) {
           args += (args.empty() ? "" : " ") + arg;
         }
         return args.empty() ? std::string("(none)") : args;
       }},
      {"Through",
       [](const LoadedReport& r) {
         std::string through = r.report.runtime.Through();
         return through.empty() ? std::string("(no wrapper)") : through;
       }},
      {"Kernel", [](const LoadedReport& r) { return r.report.environment.kernel; }},
      {"Cgroup mode", [](const LoadedReport& r) { return r.report.environment.cgroup_mode; }},
      {"Runner's bounding set",
       [](const LoadedReport& r) { return r.report.environment.bounding; }},
      {"Notes", [](const LoadedReport& r) { return r.report.environment.notes; }},
      {"Date", [](const LoadedReport& r) { return r.report.environment.date; }},
      {"oci-lint version", [](const LoadedReport& r) { return r.report.environment.tool_version; }},
      {"Report", [](const LoadedReport& r) { return r.path; }},
  }};
  for (const auto& [label, field] : kRows) {
    out << "<tr><th>" << HtmlEscape(label) << "</th>";
    for (const LoadedReport& report : c.reports) {
      std::string value = field(report);
      out << "<td>" << (value.empty() ? "<em>(not recorded)</em>" : Collapsed(value)) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "<tr><th>Requirements</th>";
  for (const LoadedReport& report : c.reports) {
    Summary s = report.report.Summarize();
    out << "<td>" << s.requirements << ": " << s.requirements_passed << " pass, "
        << s.requirements_failed << " fail, " << s.requirements_skipped << " skip</td>";
  }
  out << "</tr>\n</tbody>\n</table>\n";
}

void WriteSections(std::ostream& out, const Comparison& c) {
  out << "<h2>By section of the spec</h2>\n<table>\n<thead><tr><th>Section</th>";
  WriteHeaderCells(out, c);
  out << "<th></th></tr></thead>\n<tbody>\n";
  for (const CompareSection& section : c.sections) {
    out << "<tr" << (section.differs ? " class=\"differs\"" : "") << "><td>"
        << (section.section.empty() ? "<em>(source not recorded)</em>"
                                    : HtmlEscape(section.section))
        << "</td>";
    for (const RequirementCounts& counts : section.counts) {
      out << "<td>" << CountsText(counts) << "</td>";
    }
    out << "<td>" << (section.differs ? "<span class=\"mark\">≠ differs</span>" : "")
        << "</td></tr>\n";
  }
  if (c.sections.empty()) {
    out << "<tr><td colspan=\"" << c.reports.size() + 2 << "\">No requirements.</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void WriteCell(std::ostream& out, const CompareCell& cell) {
  if (!cell.run) {
    out << "<td class=\"notrun\">not run</td>";
    return;
  }
  out << "<td>" << HtmlVerdictBadge(cell.verdict);
  if (!cell.summary.empty()) out << " " << HtmlEscape(cell.summary);
  if (cell.evidence.empty()) {
    out << "<br><small><em>No evidence recorded.</em></small>";
  } else {
    out << "<details><summary>Evidence (" << cell.evidence.size()
        << (cell.evidence.size() == 1 ? " line" : " lines") << ")</summary><pre>";
    for (const std::string& line : cell.evidence) out << HtmlEscape(line) << "\n";
    out << "</pre></details>";
  }
  out << "</td>";
}

void WriteScenarioHeader(std::ostream& out, const CompareScenario& scenario, size_t number) {
  out << "<tr class=\"scenario\" id=\"scenario-" << number << "\"><th>"
      << HtmlEscape(scenario.battery) << "/" << HtmlEscape(scenario.id);
  if (!scenario.title.empty()) out << ": " << HtmlEscape(scenario.title);
  out << "</th>";
  for (const CompareScenarioCell& cell : scenario.cells) {
    out << "<th>";
    if (!cell.run) {
      out << "<em>not run</em>";
    } else {
      out << "scenario " << HtmlVerdictBadge(cell.verdict);
      if (!cell.skip_reason.empty()) out << " " << HtmlEscape(cell.skip_reason);
    }
    out << "</th>";
  }
  out << "</tr>\n";
}

void WriteRow(std::ostream& out, const CompareScenario& scenario, const CompareRow& row,
              size_t number) {
  const char* row_class = row.agreement == Agreement::kDisagree  ? " class=\"disagree\""
                          : row.agreement == Agreement::kPartial ? " class=\"partial\""
                                                                 : "";
  out << "<tr id=\"row-" << number << "\"" << row_class << "><td class=\"key\">";
  if (row.agreement == Agreement::kDisagree) out << "<span class=\"mark\">≠ differs</span> ";
  if (row.agreement == Agreement::kPartial) {
    out << "<span class=\"partial-mark\">not run by all</span> ";
  }
  out << "<strong>" << HtmlEscape(RowLabel(scenario, row)) << "</strong> " << HtmlEscape(row.level)
      << "<br><span class=\"req\">" << HtmlEscape(row.text) << "</span><cite>"
      << (row.source.empty() ? "(source not recorded)" : HtmlEscape(row.source)) << "</cite></td>";
  for (const CompareCell& cell : row.cells) WriteCell(out, cell);
  out << "</tr>\n";
}

void WriteRequirements(std::ostream& out, const Comparison& c) {
  out << "<h2>Requirement by requirement</h2>\n";
  if (c.scenarios.empty()) {
    out << "<p>No scenarios in these reports.</p>\n";
    return;
  }
  out << "<table class=\"compare\">\n<thead><tr><th>Requirement</th>";
  WriteHeaderCells(out, c);
  out << "</tr></thead>\n<tbody>\n";
  size_t number = 0;
  for (size_t s = 0; s < c.scenarios.size(); ++s) {
    const CompareScenario& scenario = c.scenarios[s];
    WriteScenarioHeader(out, scenario, s + 1);
    if (scenario.rows.empty()) {
      out << "<tr><td colspan=\"" << c.reports.size() + 1
          << "\"><em>No requirements were judged.</em></td></tr>\n";
    }
    for (const CompareRow& row : scenario.rows) WriteRow(out, scenario, row, ++number);
  }
  out << "</tbody>\n</table>\n";
}

}  // namespace

void WriteCompareHtml(std::ostream& out, const Comparison& comparison) {
  std::string title = "runtime-spec conformance compared:";
  for (size_t i = 0; i < comparison.reports.size(); ++i) {
    title += (i == 0 ? " " : ", ") + comparison.ColumnLabel(i);
  }
  title = HtmlEscape(title);
  out << HtmlHead(title, kCompareStyle) << "<body>\n<h1>" << title << "</h1>\n";
  WriteOverview(out, comparison);
  WriteRuntimes(out, comparison);
  WriteSections(out, comparison);
  WriteRequirements(out, comparison);
  out << "</body>\n</html>\n";
}

}  // namespace ocilint::conformance
