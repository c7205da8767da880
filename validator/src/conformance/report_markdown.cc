#include <array>
#include <cctype>

#include "conformance/escape.h"
#include "conformance/model.h"
#include "json/utf8.h"

namespace ocilint::conformance {

namespace {

/// `text` as Markdown paragraphs: each line escaped inline, and whatever could open a block
/// (heading, list, quote, code) at its start escaped too.
std::string Paragraphs(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string escaped = MarkdownInline(line);
    size_t digits = 0;
    while (digits < escaped.size() && std::isdigit(static_cast<unsigned char>(escaped[digits]))) {
      ++digits;
    }
    if (digits > 0 && digits < escaped.size() &&
        (escaped[digits] == '.' || escaped[digits] == ')')) {
      escaped.insert(digits, 1, '\\');
    } else if (!escaped.empty() &&
               std::string_view("-+=>").find(escaped[0]) != std::string_view::npos) {
      escaped.insert(0, 1, '\\');
    }
    out += escaped;
    out += '\n';
    start = end + 1;
  }
  return out;
}

std::string VerdictCell(Verdict verdict) {
  std::string name(VerdictName(verdict));
  return verdict == Verdict::kFail ? "**" + name + "**" : name;
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
  out << "## Environment\n\n";
  for (const auto& [label, value] : rows) {
    out << "- " << label << ": " << (value->empty() ? "(not recorded)" : MarkdownInline(*value))
        << "\n";
  }
  std::string args;
  for (const std::string& arg : env.runtime_args) args += (args.empty() ? "" : " ") + arg;
  out << "- Runtime arguments (before every subcommand): "
      << (args.empty() ? "(none)" : MarkdownInline(args)) << "\n";
  if (std::string through = report.runtime.Through(); !through.empty()) {
    out << "- Through: " << MarkdownInline(through) << "\n";
  }
  out << "\nEach requirement's evidence starts with the commands the battery ran; run with "
         "`--keep`, the bundles stay, so each command can be run again by hand.\n\n";
}

void WriteSectionSummary(std::ostream& out, const ConformanceReport& report) {
  std::vector<SectionSummary> sections = report.SummarizeBySection();
  if (sections.empty()) return;
  out << "## Summary by section of the spec\n\n"
      << "| Section | Passed | Failed | Skipped |\n| --- | ---: | ---: | ---: |\n";
  for (const SectionSummary& section : sections) {
    out << "| " << MarkdownInline(section.section) << " | " << section.counts.passed << " | "
        << (section.counts.failed ? "**" + std::to_string(section.counts.failed) + "**" : "0")
        << " | " << section.counts.skipped << " |\n";
  }
  out << "\n";
}

void WriteSummary(std::ostream& out, const ConformanceReport& report) {
  out << "## Summary\n\n"
      << "| Battery | Scenario | Title | Verdict | Passed | Failed | Skipped |\n"
      << "| --- | --- | --- | --- | ---: | ---: | ---: |\n";
  for (const ScenarioResult& scenario : report.scenarios) {
    RequirementCounts c = CountRequirements(scenario);
    out << "| " << MarkdownInline(scenario.battery) << " | " << MarkdownInline(scenario.id) << " | "
        << MarkdownInline(scenario.title) << " | " << VerdictCell(scenario.verdict) << " | "
        << c.passed << " | " << c.failed << " | " << c.skipped << " |\n";
  }
  Summary s = report.Summarize();
  out << "\n**Overall:** " << s.scenarios << " scenarios (" << s.scenarios_passed << " passed, "
      << s.scenarios_failed << " failed, " << s.scenarios_skipped << " skipped); " << s.requirements
      << " requirements (" << s.requirements_passed << " passed, " << s.requirements_failed
      << " failed, " << s.requirements_skipped << " skipped).\n\n";
  if (report.scenarios.empty()) out << "No scenarios were run.\n\n";
}

void WriteRequirement(std::ostream& out, const ScenarioResult& scenario, size_t index,
                      const Requirement& r) {
  out << "### " << MarkdownInline(scenario.id) << " " << index << ": " << MarkdownInline(r.level)
      << (r.id.empty() ? "" : " " + MarkdownInline(r.id)) << " (" << VerdictName(r.verdict)
      << ")\n\n";
  std::string quote = Paragraphs(r.text);
  size_t start = 0;
  while (start < quote.size()) {
    size_t end = quote.find('\n', start);
    std::string_view line(quote.data() + start, end - start);
    out << (line.empty() ? ">" : "> ") << line << "\n";
    start = end + 1;
  }
  out << ">\n> — " << (r.source.empty() ? "(source not recorded)" : MarkdownInline(r.source))
      << "\n\n";
  if (!r.summary.empty()) out << Paragraphs(r.summary) << "\n";
  if (r.evidence.empty()) {
    out << "*No evidence recorded.*\n\n";
    return;
  }
  std::string fence = MarkdownFence(r.evidence);
  out << fence << "text\n";
  for (const std::string& line : r.evidence) out << json::SanitizeUtf8(line) << "\n";
  out << fence << "\n\n";
}

void WriteScenario(std::ostream& out, const ScenarioResult& scenario) {
  out << "## " << MarkdownInline(scenario.id) << ": " << MarkdownInline(scenario.title) << "\n\n";
  if (!scenario.description.empty()) out << Paragraphs(scenario.description) << "\n";
  out << "Verdict: " << VerdictCell(scenario.verdict) << "\n\n";
  if (!scenario.skip_reason.empty())
    out << "Skipped: " << MarkdownInline(scenario.skip_reason) << "\n\n";
  if (scenario.requirements.empty()) {
    out << "No requirements were judged.\n\n";
    return;
  }
  out << "| # | Level | Verdict | Summary |\n| ---: | --- | --- | --- |\n";
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    const Requirement& r = scenario.requirements[i];
    out << "| " << i + 1 << " | " << MarkdownInline(r.level) << " | " << VerdictCell(r.verdict)
        << " | " << MarkdownInline(r.summary) << " |\n";
  }
  out << "\n";
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    WriteRequirement(out, scenario, i + 1, scenario.requirements[i]);
  }
}

}  // namespace

void WriteMarkdown(std::ostream& out, const ConformanceReport& report) {
  out << "# " << MarkdownInline(report.runtime.Label()) << ": runtime-spec conformance\n\n";
  WriteEnvironment(out, report);
  WriteSectionSummary(out, report);
  WriteSummary(out, report);
  for (const ScenarioResult& scenario : report.scenarios) WriteScenario(out, scenario);
}

}  // namespace ocilint::conformance
