#include <set>

#include "conformance/model.h"
#include "json/utf8.h"
#include "report/format_util.h"

namespace ocilint::conformance {

namespace {

/// Longest requirement text kept in a test case name, in code points.
constexpr size_t kNameLength = 72;

/// XML 1.0 escaping, shared with the lint JUnit and checkstyle writers.
std::string Escape(std::string_view text, bool attribute = true) {
  return report::format::XmlEscape(text, attribute);
}

/// A readable test case name from the requirement's text: whitespace collapsed, cut at a word
/// boundary.
std::string ShortName(std::string_view text) {
  std::string clean = json::SanitizeUtf8(text);
  std::string collapsed;
  for (char ch : clean) {
    bool space = ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
    if (space) {
      if (!collapsed.empty() && collapsed.back() != ' ') collapsed += ' ';
    } else {
      collapsed += ch;
    }
  }
  while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
  size_t bytes = 0, points = 0, last_space = std::string::npos;
  while (bytes < collapsed.size() && points < kNameLength) {
    if (collapsed[bytes] == ' ') last_space = bytes;
    size_t length = json::Utf8SequenceLength(std::string_view(collapsed).substr(bytes));
    bytes += length == 0 ? 1 : length;
    ++points;
  }
  if (bytes >= collapsed.size()) return collapsed;
  size_t cut = last_space != std::string::npos && last_space > bytes / 2 ? last_space : bytes;
  return collapsed.substr(0, cut) + "...";
}

/// "<level>: <short text>" for each requirement, made unique within the scenario.
std::vector<std::string> CaseNames(const ScenarioResult& scenario) {
  std::vector<std::string> names;
  std::set<std::string> taken;
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    const Requirement& r = scenario.requirements[i];
    std::string text = ShortName(r.text);
    if (text.empty()) text = "requirement " + std::to_string(i + 1);
    std::string base = (r.level.empty() ? std::string("REQUIREMENT") : r.level) + ": " + text;
    std::string name = base;
    for (int n = 2; taken.count(name) != 0; ++n) name = base + " (" + std::to_string(n) + ")";
    taken.insert(name);
    names.push_back(name);
  }
  return names;
}

std::string EvidenceText(const Requirement& r) {
  std::string text;
  for (const std::string& line : r.evidence) text += line + "\n";
  return Escape(text, false);
}

void WriteCase(std::ostream& out, const ConformanceReport& report, const ScenarioResult& scenario,
               const Requirement& r, const std::string& name) {
  out << "    <testcase classname=\"" << Escape(report.runtime.name + "." + scenario.id)
      << "\" name=\"" << Escape(name) << "\">\n";
  if (r.verdict == Verdict::kFail) {
    out << "      <failure message=\"" << Escape(r.summary) << "\" type=\"" << Escape(r.level)
        << "\">" << EvidenceText(r) << "</failure>\n";
  } else if (r.verdict == Verdict::kSkip) {
    std::string reason = r.summary.empty() ? scenario.skip_reason : r.summary;
    out << "      <skipped message=\"" << Escape(reason) << "\"/>\n";
  }
  if (r.verdict != Verdict::kFail && !r.evidence.empty()) {
    out << "      <system-out>" << EvidenceText(r) << "</system-out>\n";
  }
  out << "    </testcase>\n";
}

void WriteSuite(std::ostream& out, const ConformanceReport& report,
                const ScenarioResult& scenario) {
  RequirementCounts c = CountRequirements(scenario);
  out << "  <testsuite name=\"" << Escape(scenario.id) << "\" tests=\""
      << scenario.requirements.size() << "\" failures=\"" << c.failed
      << "\" errors=\"0\" skipped=\"" << c.skipped << "\">\n"
      << "    <properties>\n"
      << "      <property name=\"battery\" value=\"" << Escape(scenario.battery) << "\"/>\n"
      << "      <property name=\"title\" value=\"" << Escape(scenario.title) << "\"/>\n"
      << "      <property name=\"verdict\" value=\"" << VerdictName(scenario.verdict) << "\"/>\n";
  if (!scenario.skip_reason.empty()) {
    out << "      <property name=\"skipReason\" value=\"" << Escape(scenario.skip_reason)
        << "\"/>\n";
  }
  out << "    </properties>\n";
  std::vector<std::string> names = CaseNames(scenario);
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    WriteCase(out, report, scenario, scenario.requirements[i], names[i]);
  }
  out << "  </testsuite>\n";
}

}  // namespace

void WriteJunit(std::ostream& out, const ConformanceReport& report) {
  Summary s = report.Summarize();
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<testsuites name=\"" << Escape("oci-lint conformance: " + report.runtime.Label())
      << "\" tests=\"" << s.requirements << "\" failures=\"" << s.requirements_failed
      << "\" errors=\"0\" skipped=\"" << s.requirements_skipped << "\">\n";
  for (const ScenarioResult& scenario : report.scenarios) WriteSuite(out, report, scenario);
  out << "</testsuites>\n";
}

}  // namespace ocilint::conformance
