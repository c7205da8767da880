#include <array>

#include "conformance/escape.h"
#include "conformance/model.h"

namespace ocilint::conformance {

namespace {

/// An HTML id for a scenario's section.
std::string Anchor(std::string_view id) {
  std::string anchor = "scenario-";
  for (char ch : id) {
    bool keep = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
                ch == '-' || ch == '_';
    anchor += keep ? ch : '-';
  }
  return anchor;
}

void WriteEnvironment(std::ostream& out, const ConformanceReport& report) {
  const EnvironmentInfo& env = report.environment;
  const std::array<std::pair<std::string_view, const std::string*>, 7> rows{{
      {"Kernel", &env.kernel},
      {"Cgroup mode", &env.cgroup_mode},
      {"Runner's bounding set", &env.bounding},
      {"Notes", &env.notes},
      {"Date", &env.date},
      {"oci-lint version", &env.tool_version},
      {"Runtime path", &report.runtime.path},
  }};
  out << "<h2>Environment</h2>\n<ul>\n";
  for (const auto& [label, value] : rows) {
    out << "<li>" << HtmlEscape(label) << ": "
        << (value->empty() ? "(not recorded)" : HtmlEscape(*value)) << "</li>\n";
  }
  std::string args;
  for (const std::string& arg : env.runtime_args) args += (args.empty() ? "" : " ") + arg;
  out << "<li>Runtime arguments (before every subcommand): "
      << (args.empty() ? "(none)" : "<code>" + HtmlEscape(args) + "</code>") << "</li>\n";
  if (std::string through = report.runtime.Through(); !through.empty()) {
    out << "<li>Through: " << HtmlEscape(through) << "</li>\n";
  }
  out << "</ul>\n"
      << "<p>Each requirement's evidence starts with the commands the battery ran; run with "
         "<code>--keep</code>, the bundles stay, so each command can be run again by hand.</p>\n";
}

void WriteSectionSummary(std::ostream& out, const ConformanceReport& report) {
  std::vector<SectionSummary> sections = report.SummarizeBySection();
  if (sections.empty()) return;
  out << "<h2>Summary by section of the spec</h2>\n<table>\n<thead><tr><th>Section</th>"
      << "<th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead>\n<tbody>\n";
  for (const SectionSummary& section : sections) {
    out << "<tr><td>" << HtmlEscape(section.section) << "</td><td class=\"n\">"
        << section.counts.passed << "</td><td class=\"n\">" << section.counts.failed
        << "</td><td class=\"n\">" << section.counts.skipped << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void WriteSummary(std::ostream& out, const ConformanceReport& report) {
  out << "<h2>Summary</h2>\n<table>\n<thead><tr><th>Battery</th><th>Scenario</th><th>Title</th>"
      << "<th>Verdict</th>"
      << "<th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead>\n<tbody>\n";
  for (const ScenarioResult& scenario : report.scenarios) {
    RequirementCounts c = CountRequirements(scenario);
    out << "<tr><td>" << HtmlEscape(scenario.battery) << "</td><td><a href=\"#"
        << Anchor(scenario.id) << "\">" << HtmlEscape(scenario.id) << "</a></td><td>"
        << HtmlEscape(scenario.title) << "</td><td>" << HtmlVerdictBadge(scenario.verdict)
        << "</td><td class=\"n\">" << c.passed << "</td><td class=\"n\">" << c.failed
        << "</td><td class=\"n\">" << c.skipped << "</td></tr>\n";
  }
  Summary s = report.Summarize();
  out << "</tbody>\n</table>\n<p><strong>Overall:</strong> " << s.scenarios << " scenarios ("
      << s.scenarios_passed << " passed, " << s.scenarios_failed << " failed, "
      << s.scenarios_skipped << " skipped); " << s.requirements << " requirements ("
      << s.requirements_passed << " passed, " << s.requirements_failed << " failed, "
      << s.requirements_skipped << " skipped).</p>\n";
  if (report.scenarios.empty()) out << "<p>No scenarios were run.</p>\n";
}

void WriteRequirement(std::ostream& out, const ScenarioResult& scenario, size_t index,
                      const Requirement& r) {
  out << "<section class=\"requirement\">\n<h3>" << HtmlEscape(scenario.id) << " " << index << ": "
      << HtmlEscape(r.level) << (r.id.empty() ? "" : " <code>" + HtmlEscape(r.id) + "</code>")
      << " " << HtmlVerdictBadge(r.verdict) << "</h3>\n"
      << "<blockquote><p class=\"text\">" << HtmlEscape(r.text) << "</p><cite>— "
      << (r.source.empty() ? "(source not recorded)" : HtmlEscape(r.source))
      << "</cite></blockquote>\n";
  if (!r.summary.empty()) out << "<p>" << HtmlEscape(r.summary) << "</p>\n";
  if (r.evidence.empty()) {
    out << "<p><em>No evidence recorded.</em></p>\n";
  } else {
    out << "<pre>";
    for (const std::string& line : r.evidence) out << HtmlEscape(line) << "\n";
    out << "</pre>\n";
  }
  out << "</section>\n";
}

void WriteScenario(std::ostream& out, const ScenarioResult& scenario) {
  out << "<section id=\"" << Anchor(scenario.id) << "\">\n<h2>" << HtmlEscape(scenario.id) << ": "
      << HtmlEscape(scenario.title) << "</h2>\n";
  if (!scenario.description.empty())
    out << "<p class=\"text\">" << HtmlEscape(scenario.description) << "</p>\n";
  out << "<p>Verdict: " << HtmlVerdictBadge(scenario.verdict) << "</p>\n";
  if (!scenario.skip_reason.empty()) {
    out << "<p>Skipped: " << HtmlEscape(scenario.skip_reason) << "</p>\n";
  }
  if (scenario.requirements.empty()) {
    out << "<p>No requirements were judged.</p>\n</section>\n";
    return;
  }
  out << "<table>\n<thead><tr><th>#</th><th>Level</th><th>Verdict</th><th>Summary</th></tr>"
      << "</thead>\n<tbody>\n";
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    const Requirement& r = scenario.requirements[i];
    out << "<tr><td class=\"n\">" << i + 1 << "</td><td>" << HtmlEscape(r.level) << "</td><td>"
        << HtmlVerdictBadge(r.verdict) << "</td><td>" << HtmlEscape(r.summary) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    WriteRequirement(out, scenario, i + 1, scenario.requirements[i]);
  }
  out << "</section>\n";
}

}  // namespace

void WriteHtml(std::ostream& out, const ConformanceReport& report) {
  std::string title = HtmlEscape(report.runtime.Label()) + ": runtime-spec conformance";
  out << HtmlHead(title) << "<body>\n<h1>" << title << "</h1>\n";
  WriteEnvironment(out, report);
  WriteSectionSummary(out, report);
  WriteSummary(out, report);
  for (const ScenarioResult& scenario : report.scenarios) WriteScenario(out, scenario);
  out << "</body>\n</html>\n";
}

}  // namespace ocilint::conformance
