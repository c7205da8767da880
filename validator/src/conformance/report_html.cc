#include <array>

#include "conformance/model.h"
#include "json/utf8.h"

namespace ocilint::conformance {

namespace {

constexpr std::string_view kStyle = R"(
body { font-family: system-ui, sans-serif; max-width: 70em; margin: 2em auto; padding: 0 1em;
       color: #1b1b1b; line-height: 1.45; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #c8c8c8; padding: 0.3em 0.6em; text-align: left;
         vertical-align: top; }
th { background: #f0f0f0; }
td.n { text-align: right; }
blockquote { border-left: 4px solid #c8c8c8; margin: 0.8em 0; padding: 0.2em 1em;
             color: #333; }
blockquote cite { display: block; color: #666; margin-top: 0.4em; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto;
      white-space: pre-wrap; }
.verdict { font-weight: bold; padding: 0.05em 0.5em; border-radius: 0.3em; }
.pass { background: #d8f0d8; color: #125c12; }
.fail { background: #f8d4d4; color: #8b1010; }
.skip { background: #ececec; color: #555; }
section.requirement { margin-left: 1em; }
.text { white-space: pre-line; }
)";

/// `text` as HTML text or attribute value; control characters other than tab and line breaks
/// are shown as U+FFFD.
std::string Escape(std::string_view text) {
  std::string clean = json::SanitizeUtf8(text);
  std::string out;
  out.reserve(clean.size());
  for (size_t i = 0; i < clean.size(); ++i) {
    char ch = clean[i];
    auto c = static_cast<unsigned char>(ch);
    bool c1 = c == 0xC2 && i + 1 < clean.size() && static_cast<unsigned char>(clean[i + 1]) <= 0x9F;
    if (ch == '&') {
      out += "&amp;";
    } else if (ch == '<') {
      out += "&lt;";
    } else if (ch == '>') {
      out += "&gt;";
    } else if (ch == '"') {
      out += "&quot;";
    } else if (ch == '\'') {
      out += "&#39;";
    } else if ((c < 0x20 && ch != '\t' && ch != '\n' && ch != '\r') || c == 0x7F || c1) {
      out += "\xEF\xBF\xBD";
      if (c1) ++i;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string VerdictBadge(Verdict verdict) {
  std::string name(VerdictName(verdict));
  return "<span class=\"verdict " + name + "\">" + name + "</span>";
}

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
    out << "<li>" << Escape(label) << ": " << (value->empty() ? "(not recorded)" : Escape(*value))
        << "</li>\n";
  }
  std::string args;
  for (const std::string& arg : env.runtime_args) args += (args.empty() ? "" : " ") + arg;
  out << "<li>Runtime arguments (before every subcommand): "
      << (args.empty() ? "(none)" : "<code>" + Escape(args) + "</code>") << "</li>\n</ul>\n"
      << "<p>Each requirement's evidence starts with the commands the battery ran; run with "
         "<code>--keep</code>, the bundles stay, so each command can be run again by hand.</p>\n";
}

void WriteSectionSummary(std::ostream& out, const ConformanceReport& report) {
  std::vector<SectionSummary> sections = report.SummarizeBySection();
  if (sections.empty()) return;
  out << "<h2>Summary by section of the spec</h2>\n<table>\n<thead><tr><th>Section</th>"
      << "<th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead>\n<tbody>\n";
  for (const SectionSummary& section : sections) {
    out << "<tr><td>" << Escape(section.section) << "</td><td class=\"n\">" << section.counts.passed
        << "</td><td class=\"n\">" << section.counts.failed << "</td><td class=\"n\">"
        << section.counts.skipped << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

void WriteSummary(std::ostream& out, const ConformanceReport& report) {
  out << "<h2>Summary</h2>\n<table>\n<thead><tr><th>Battery</th><th>Scenario</th><th>Title</th>"
      << "<th>Verdict</th>"
      << "<th>Passed</th><th>Failed</th><th>Skipped</th></tr></thead>\n<tbody>\n";
  for (const ScenarioResult& scenario : report.scenarios) {
    RequirementCounts c = CountRequirements(scenario);
    out << "<tr><td>" << Escape(scenario.battery) << "</td><td><a href=\"#" << Anchor(scenario.id)
        << "\">" << Escape(scenario.id) << "</a></td><td>" << Escape(scenario.title) << "</td><td>"
        << VerdictBadge(scenario.verdict) << "</td><td class=\"n\">" << c.passed
        << "</td><td class=\"n\">" << c.failed << "</td><td class=\"n\">" << c.skipped
        << "</td></tr>\n";
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
  out << "<section class=\"requirement\">\n<h3>" << Escape(scenario.id) << " " << index << ": "
      << Escape(r.level) << (r.id.empty() ? "" : " <code>" + Escape(r.id) + "</code>") << " "
      << VerdictBadge(r.verdict) << "</h3>\n"
      << "<blockquote><p class=\"text\">" << Escape(r.text) << "</p><cite>— "
      << (r.source.empty() ? "(source not recorded)" : Escape(r.source))
      << "</cite></blockquote>\n";
  if (!r.summary.empty()) out << "<p>" << Escape(r.summary) << "</p>\n";
  if (r.evidence.empty()) {
    out << "<p><em>No evidence recorded.</em></p>\n";
  } else {
    out << "<pre>";
    for (const std::string& line : r.evidence) out << Escape(line) << "\n";
    out << "</pre>\n";
  }
  out << "</section>\n";
}

void WriteScenario(std::ostream& out, const ScenarioResult& scenario) {
  out << "<section id=\"" << Anchor(scenario.id) << "\">\n<h2>" << Escape(scenario.id) << ": "
      << Escape(scenario.title) << "</h2>\n";
  if (!scenario.description.empty())
    out << "<p class=\"text\">" << Escape(scenario.description) << "</p>\n";
  out << "<p>Verdict: " << VerdictBadge(scenario.verdict) << "</p>\n";
  if (!scenario.skip_reason.empty()) {
    out << "<p>Skipped: " << Escape(scenario.skip_reason) << "</p>\n";
  }
  if (scenario.requirements.empty()) {
    out << "<p>No requirements were judged.</p>\n</section>\n";
    return;
  }
  out << "<table>\n<thead><tr><th>#</th><th>Level</th><th>Verdict</th><th>Summary</th></tr>"
      << "</thead>\n<tbody>\n";
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    const Requirement& r = scenario.requirements[i];
    out << "<tr><td class=\"n\">" << i + 1 << "</td><td>" << Escape(r.level) << "</td><td>"
        << VerdictBadge(r.verdict) << "</td><td>" << Escape(r.summary) << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n";
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    WriteRequirement(out, scenario, i + 1, scenario.requirements[i]);
  }
  out << "</section>\n";
}

}  // namespace

void WriteHtml(std::ostream& out, const ConformanceReport& report) {
  std::string title = Escape(report.runtime.name) + " " + Escape(report.runtime.version) +
                      ": runtime-spec conformance";
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      << "style-src 'unsafe-inline'\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << title << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n"
      << "<h1>" << title << "</h1>\n";
  WriteEnvironment(out, report);
  WriteSectionSummary(out, report);
  WriteSummary(out, report);
  for (const ScenarioResult& scenario : report.scenarios) WriteScenario(out, scenario);
  out << "</body>\n</html>\n";
}

}  // namespace ocilint::conformance
