#pragma once

// The sample conformance report the report tests share, and helpers to read what the writers
// produce: JSON pointers into a parsed document, and external checkers run in a scratch dir.

#include <rapidjson/document.h>
#include <rapidjson/pointer.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "conformance/model.h"
#include "test_util.h"

namespace ocilint::testing {

using conformance::ConformanceReport;
using conformance::Requirement;
using conformance::ScenarioResult;
using conformance::Verdict;

/// Evidence with every character the writers must escape; 0x01 is a control character and
/// 0xFF a byte that is not UTF-8 (written as U+FFFD, kNastyClean).
inline const std::string kNastyText =
    "stderr: a|b <caps> & \"quoted\" 'single' ```fence``` \x01 G\xC3\xA9rard \xE2\x9C\x93 ";
inline const std::string kNastyEvidence = kNastyText + "\xFF";
inline const std::string kNastyClean = kNastyText + "\xEF\xBF\xBD";

inline Requirement Req(const char* level, const char* text, Verdict verdict, const char* summary,
                       std::vector<std::string> evidence) {
  Requirement r;
  r.id = "config/linux-process/1";
  r.level = level;
  r.text = text;
  r.source = "config.md, Linux Process";
  r.verdict = verdict;
  r.summary = summary;
  r.evidence = std::move(evidence);
  return r;
}

inline ScenarioResult Scenario(const char* id, const char* title, const char* description,
                               Verdict verdict, const char* skip_reason = "") {
  ScenarioResult s;
  s.id = id;
  s.battery = "caps";
  s.title = title;
  s.description = description;
  s.verdict = verdict;
  s.skip_reason = skip_reason;
  return s;
}

inline ConformanceReport SampleReport() {
  ConformanceReport report;
  report.runtime = {"runc", "1.1.12", "/usr/sbin/runc"};
  report.environment.kernel = "6.1.0-18-amd64";
  report.environment.cgroup_mode = "unified (cgroup v2)";
  report.environment.bounding = "CAP_CHOWN CAP_KILL";
  report.environment.notes = "started as root";
  report.environment.runtime_args = {"--systemd-cgroup", "--root=/run/<x>"};
  report.environment.date = "2024-05-01T12:00:00Z";
  report.environment.tool_version = "0.9.0";
  ScenarioResult baseline =
      Scenario("baseline", "Default capabilities", "Runs the default set.", Verdict::kPass);
  baseline.requirements = {Req("MUST", "The runtime MUST apply the bounding set.", Verdict::kPass,
                               "as configured", {"exit status 0"}),
                           Req("MUST", "The runtime MUST apply the effective set.", Verdict::kPass,
                               "as configured", {"CapEff: 00000000a80425fb", "a : b"})};
  ScenarioResult unknown = Scenario("unknown-name", "Unknown capability name",
                                    "An unknown name.\n# not a heading", Verdict::kFail);
  unknown.requirements = {
      Req("MUST",
          "If the runtime cannot apply a capability listed in the configuration it MUST "
          "generate an error and not start the container at all.",
          Verdict::kFail, "started anyway | exit 0 <no error>",
          {"exit status 0", kNastyEvidence, "expected: an error"}),
      Req("SHOULD", "The runtime SHOULD log a warning.", Verdict::kPass, "warned",
          {"warning: unknown"}),
      Req("SHOULD", "The runtime SHOULD log a warning.", Verdict::kPass, "warned again", {})};
  ScenarioResult ambient = Scenario("ambient", "Ambient capabilities", "Needs ambient support.",
                                    Verdict::kSkip, "kernel lacks ambient capabilities");
  ambient.requirements = {
      Req("MUST", "The runtime MUST raise ambient capabilities.", Verdict::kSkip, "", {})};
  report.scenarios = {baseline, unknown, ambient};
  return report;
}

/// `evidence` as every writer must carry it: the byte that is not UTF-8 replaced.
inline std::vector<std::string> Clean(std::vector<std::string> evidence) {
  std::replace(evidence.begin(), evidence.end(), kNastyEvidence, kNastyClean);
  return evidence;
}

inline std::string Render(void (*writer)(std::ostream&, const ConformanceReport&),
                          const ConformanceReport& report) {
  std::ostringstream out;
  writer(out, report);
  return out.str();
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

/// Writes `files` to a scratch directory and runs `command` (stderr joined to stdout) there.
/// Returns the output and sets `status`; nullopt, with `probe` printed, when `probe` (a shell
/// check that the tool is installed) fails.
/// Number of test point lines ("ok ..." / "not ok ...") in TAP output.
inline size_t TestPoints(const std::string& tap) {
  size_t points = 0;
  for (const std::string& line : Lines(tap)) {
    if (line.rfind("ok ", 0) == 0 || line.rfind("not ok ", 0) == 0) ++points;
  }
  return points;
}

inline std::optional<std::string> RunTool(
    const std::string& probe, const std::string& command,
    const std::vector<std::pair<std::string, std::string>>& files, int* status) {
  if (std::system((probe + " >/dev/null 2>&1").c_str()) != 0) {
    std::printf("skipping a check: `%s` fails\n", probe.c_str());
    return std::nullopt;
  }
  TempDir dir;
  for (const auto& [name, text] : files) dir.Write(name, text);
  FILE* pipe = popen(("cd '" + dir.path() + "' && " + command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  char buffer[4096];
  for (size_t n; (n = fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  int wait_status = pclose(pipe);
  *status = WIFEXITED(wait_status) ? WEXITSTATUS(wait_status) : -1;
  return out;
}

/// The string at JSON pointer `path` in `doc`; a marker when there is none.
inline std::string Str(const rapidjson::Value& doc, const std::string& path) {
  const rapidjson::Value* v = rapidjson::Pointer(path.c_str()).Get(doc);
  if (v == nullptr || !v->IsString()) return "<no string at " + path + ">";
  return {v->GetString(), v->GetStringLength()};
}

/// The strings of the array at `path` in `doc`, with a marker for anything else.
inline std::vector<std::string> Strings(const rapidjson::Value& doc, const std::string& path) {
  const rapidjson::Value* array = rapidjson::Pointer(path.c_str()).Get(doc);
  if (array == nullptr || !array->IsArray()) return {"<no array at " + path + ">"};
  std::vector<std::string> strings;
  for (const auto& v : array->GetArray()) {
    strings.push_back(v.IsString() ? std::string(v.GetString(), v.GetStringLength()) : "<?>");
  }
  return strings;
}

inline size_t ArraySize(const rapidjson::Value& doc, const std::string& path) {
  const rapidjson::Value* v = rapidjson::Pointer(path.c_str()).Get(doc);
  return v != nullptr && v->IsArray() ? v->Size() : SIZE_MAX;
}

}  // namespace ocilint::testing
