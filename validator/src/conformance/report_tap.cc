#include <cstdio>

#include "conformance/model.h"
#include "json/utf8.h"

namespace ocilint::conformance {

namespace {

/// `text` on one line for a test point: line breaks as spaces, and `\` and `#` escaped so no
/// directive starts inside it.
std::string Description(std::string_view text) {
  std::string spaced(text);
  for (char& ch : spaced) {
    if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
  }
  std::string out;
  for (char ch : json::SanitizeForTerminal(spaced)) {
    if (ch == '\\' || ch == '#') out += '\\';
    out += ch;
  }
  return out;
}

/// Whether `text` is one word, perhaps followed by spaces.
bool OneWord(std::string_view text) {
  size_t space = text.find(' ');
  return space == std::string_view::npos || text.find_first_not_of(' ', space) == text.npos;
}

/// `text` as a YAML double-quoted scalar: every character outside YAML's printable set, and
/// the BOM, as an escape. In a sequence item a space after a `:` ending the first word is
/// written `\x20`: Perl's TAP::Parser::YAMLish (prove) reads `- "a: b"` as a mapping.
std::string Quoted(std::string_view text, bool sequence_item = false) {
  std::string clean = json::SanitizeUtf8(text);
  std::string out = "\"";
  for (size_t i = 0; i < clean.size(); ++i) {
    auto c = static_cast<unsigned char>(clean[i]);
    char buffer[8];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += clean[i];
    } else if (c == ' ' && sequence_item && out.back() == ':' &&
               OneWord(std::string_view(out).substr(0, out.size() - 1))) {
      out += "\\x20";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
      out += buffer;
    } else if (c == 0xC2 && i + 1 < clean.size() &&
               static_cast<unsigned char>(clean[i + 1]) <= 0x9F) {
      // C1 controls: C2 80 .. C2 9F.
      std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned char>(clean[i + 1]));
      out += buffer;
      ++i;
    } else if (c == 0xEF && i + 2 < clean.size() &&
               ((clean[i + 1] == '\xBB' && clean[i + 2] == '\xBF') ||
                (clean[i + 1] == '\xBF' && (clean[i + 2] == '\xBE' || clean[i + 2] == '\xBF')))) {
      // U+FEFF, U+FFFE, U+FFFF.
      const char* escape = clean[i + 1] == '\xBB'   ? "\\uFEFF"
                           : clean[i + 2] == '\xBE' ? "\\uFFFE"
                                                    : "\\uFFFF";
      out += escape;
      i += 2;
    } else {
      out += clean[i];
    }
  }
  out += '"';
  return out;
}

void WritePoint(std::ostream& out, size_t number, const ScenarioResult& scenario,
                const Requirement& r) {
  out << (r.verdict == Verdict::kFail ? "not ok " : "ok ") << number << " - "
      << Description(scenario.id + ": " + r.level + " " + r.summary);
  if (r.verdict == Verdict::kSkip) {
    std::string reason = scenario.skip_reason.empty() ? r.summary : scenario.skip_reason;
    out << " # SKIP " << Description(reason);
  }
  out << "\n  ---\n"
      << "  scenario: " << Quoted(scenario.id) << "\n"
      << "  battery: " << Quoted(scenario.battery) << "\n"
      << "  requirement: " << Quoted(r.id) << "\n"
      << "  level: " << Quoted(r.level) << "\n"
      << "  verdict: " << Quoted(VerdictName(r.verdict)) << "\n"
      << "  source: " << Quoted(r.source) << "\n"
      << "  spec: " << Quoted(r.text) << "\n"
      << "  summary: " << Quoted(r.summary) << "\n";
  if (r.evidence.empty()) {
    out << "  evidence: []\n";
  } else {
    out << "  evidence:\n";
    for (const std::string& line : r.evidence) out << "    - " << Quoted(line, true) << "\n";
  }
  out << "  ...\n";
}

}  // namespace

void WriteTap(std::ostream& out, const ConformanceReport& report) {
  Summary s = report.Summarize();
  out << "TAP version 14\n1.." << s.requirements;
  out << (s.requirements == 0 ? " # SKIP no requirements were judged\n" : "\n");
  size_t number = 0;
  for (const ScenarioResult& scenario : report.scenarios) {
    for (const Requirement& r : scenario.requirements) WritePoint(out, ++number, scenario, r);
  }
}

}  // namespace ocilint::conformance
