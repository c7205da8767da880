#include "conformance/compare.h"

#include <fcntl.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <tuple>
#include <utility>

#include "json/utf8.h"
#include "util/unique_fd.h"

namespace ocilint::conformance {

namespace {

using rapidjson::Value;

/// A value from the document, safe to show in an error message on a terminal: at most 40
/// characters, control characters replaced.
std::string Shown(const Value& value) {
  if (!value.IsString()) return "a non-string";
  std::string_view text(value.GetString(), value.GetStringLength());
  bool cut = text.size() > 40;
  if (cut) text = text.substr(0, 40);
  return "\"" + json::SanitizeForTerminal(text) + (cut ? "...\"" : "\"");
}

const char* TypeName(const Value& value) {
  switch (value.GetType()) {
    case rapidjson::kNullType:
      return "null";
    case rapidjson::kFalseType:
    case rapidjson::kTrueType:
      return "a boolean";
    case rapidjson::kObjectType:
      return "an object";
    case rapidjson::kArrayType:
      return "an array";
    case rapidjson::kStringType:
      return "a string";
    case rapidjson::kNumberType:
      return "a number";
  }
  return "a value";
}

/// Reads one report.json document; the first problem found is kept, with where it is.
class ReportReader {
 public:
  explicit ReportReader(const std::string& path) : path_(path) {}

  Result<ConformanceReport> Read(std::string_view text) {
    rapidjson::Document doc;
    // Iterative: a hostile document nested a million deep must not exhaust the stack.
    doc.Parse<rapidjson::kParseIterativeFlag>(text.data(), text.size());
    if (doc.HasParseError()) {
      return Error{path_ + ": not valid JSON at " + Position(text, doc.GetErrorOffset()) + ": " +
                   rapidjson::GetParseError_En(doc.GetParseError())};
    }
    if (!doc.IsObject()) {
      Problem("the document", "is " + std::string(TypeName(doc)) + ", not an object");
      return Error{problem_};
    }
    ConformanceReport report;
    if (const Value* tool = Object(doc, "tool", "tool", false)) {
      String(*tool, "version", "tool.version", &report.environment.tool_version);
    }
    const Value* runtime = Object(doc, "runtime", "runtime", true);
    if (runtime) {
      String(*runtime, "name", "runtime.name", &report.runtime.name, true);
      String(*runtime, "version", "runtime.version", &report.runtime.version);
      String(*runtime, "path", "runtime.path", &report.runtime.path);
      if (const Value* wrapper = Object(*runtime, "wrapper", "runtime.wrapper", false)) {
        WrapperInfo& w = report.runtime.wrapper;
        String(*wrapper, "name", "runtime.wrapper.name", &w.name, true);
        String(*wrapper, "path", "runtime.wrapper.path", &w.path);
        String(*wrapper, "policy", "runtime.wrapper.policy", &w.policy);
        String(*wrapper, "config", "runtime.wrapper.config", &w.config);
      }
    }
    if (const Value* env = Object(doc, "environment", "environment", false)) {
      EnvironmentInfo& e = report.environment;
      String(*env, "kernel", "environment.kernel", &e.kernel);
      String(*env, "cgroupMode", "environment.cgroupMode", &e.cgroup_mode);
      String(*env, "bounding", "environment.bounding", &e.bounding);
      String(*env, "notes", "environment.notes", &e.notes);
      String(*env, "date", "environment.date", &e.date);
      Strings(*env, "runtimeArgs", "environment.runtimeArgs", &e.runtime_args);
    }
    if (const Value* scenarios = Array(doc, "scenarios", "scenarios", true)) {
      for (rapidjson::SizeType i = 0; i < scenarios->Size() && problem_.empty(); ++i) {
        ReadScenario((*scenarios)[i], "scenarios[" + std::to_string(i) + "]", &report);
      }
    }
    if (!problem_.empty()) return Error{problem_};
    return report;
  }

 private:
  /// "line L, column C" of byte `offset` (the column counts bytes, from 1).
  static std::string Position(std::string_view text, size_t offset) {
    std::string_view before = text.substr(0, std::min(offset, text.size()));
    size_t line = 1 + static_cast<size_t>(std::count(before.begin(), before.end(), '\n'));
    size_t last_break = before.rfind('\n');
    size_t column = before.size() - (last_break == std::string_view::npos ? 0 : last_break + 1);
    return "line " + std::to_string(line) + ", column " + std::to_string(column + 1);
  }

  std::nullptr_t Problem(const std::string& where, const std::string& what) {
    if (problem_.empty()) problem_ = path_ + ": not a conformance report: " + where + " " + what;
    return nullptr;
  }

  const Value* Member(const Value& object, const char* key, const std::string& where,
                      bool required) {
    auto found = object.FindMember(key);
    if (found == object.MemberEnd()) {
      return required ? Problem(where, "is missing") : nullptr;
    }
    return &found->value;
  }

  const Value* Object(const Value& object, const char* key, const std::string& where,
                      bool required) {
    const Value* value = Member(object, key, where, required);
    if (!value || value->IsObject()) return value;
    if (value->IsNull() && !required) return nullptr;
    return Problem(where, "is " + std::string(TypeName(*value)) + ", not an object");
  }

  const Value* Array(const Value& object, const char* key, const std::string& where,
                     bool required) {
    const Value* value = Member(object, key, where, required);
    if (!value || value->IsArray()) return value;
    if (value->IsNull() && !required) return nullptr;
    return Problem(where, "is " + std::string(TypeName(*value)) + ", not an array");
  }

  /// A string member into *out; absent or null leaves *out as it is unless `required`.
  void String(const Value& object, const char* key, const std::string& where, std::string* out,
              bool required = false) {
    const Value* value = Member(object, key, where, required);
    if (!value) return;
    if (value->IsString()) {
      out->assign(value->GetString(), value->GetStringLength());
      if (required && out->empty()) Problem(where, "is empty");
    } else if (required || !value->IsNull()) {
      Problem(where, "is " + std::string(TypeName(*value)) + ", not a string");
    }
  }

  void Strings(const Value& object, const char* key, const std::string& where,
               std::vector<std::string>* out) {
    const Value* array = Array(object, key, where, false);
    if (!array) return;
    for (rapidjson::SizeType i = 0; i < array->Size(); ++i) {
      const Value& item = (*array)[i];
      if (!item.IsString()) {
        Problem(where + "[" + std::to_string(i) + "]",
                "is " + std::string(TypeName(item)) + ", not a string");
        return;
      }
      out->emplace_back(item.GetString(), item.GetStringLength());
    }
  }

  void VerdictOf(const Value& object, const std::string& where, Verdict* out) {
    const Value* value = Member(object, "verdict", where + ".verdict", true);
    if (!value) return;
    std::string_view name = value->IsString()
                                ? std::string_view(value->GetString(), value->GetStringLength())
                                : std::string_view();
    for (Verdict verdict : {Verdict::kPass, Verdict::kFail, Verdict::kSkip}) {
      if (value->IsString() && name == VerdictName(verdict)) {
        *out = verdict;
        return;
      }
    }
    Problem(where + ".verdict", "is " + Shown(*value) + ", not \"pass\", \"fail\" or \"skip\"");
  }

  void ReadScenario(const Value& value, const std::string& where, ConformanceReport* report) {
    if (!value.IsObject()) {
      Problem(where, "is " + std::string(TypeName(value)) + ", not an object");
      return;
    }
    ScenarioResult scenario;
    scenario.battery = "caps";
    String(value, "id", where + ".id", &scenario.id, true);
    String(value, "battery", where + ".battery", &scenario.battery);
    if (scenario.battery.empty()) scenario.battery = "caps";
    String(value, "title", where + ".title", &scenario.title);
    String(value, "description", where + ".description", &scenario.description);
    VerdictOf(value, where, &scenario.verdict);
    String(value, "skipReason", where + ".skipReason", &scenario.skip_reason);
    if (const Value* requirements = Array(value, "requirements", where + ".requirements", true)) {
      for (rapidjson::SizeType i = 0; i < requirements->Size() && problem_.empty(); ++i) {
        std::string at = where + ".requirements[" + std::to_string(i) + "]";
        const Value& item = (*requirements)[i];
        if (!item.IsObject()) {
          Problem(at, "is " + std::string(TypeName(item)) + ", not an object");
          break;
        }
        Requirement r;
        String(item, "id", at + ".id", &r.id);
        String(item, "level", at + ".level", &r.level);
        String(item, "text", at + ".text", &r.text);
        String(item, "source", at + ".source", &r.source);
        VerdictOf(item, at, &r.verdict);
        String(item, "summary", at + ".summary", &r.summary);
        Strings(item, "evidence", at + ".evidence", &r.evidence);
        scenario.requirements.push_back(std::move(r));
      }
    }
    if (!problem_.empty()) return;
    for (const ScenarioResult& other : report->scenarios) {
      if (other.battery == scenario.battery && other.id == scenario.id) {
        Problem(where, "repeats scenario " + Shown(value["id"]) + " of battery " +
                           json::SanitizeForTerminal(scenario.battery.substr(0, 40)));
        return;
      }
    }
    report->scenarios.push_back(std::move(scenario));
  }

  const std::string& path_;
  std::string problem_;
};

/// The contents of the regular file `fd` (named `path`), at most kMaxReportBytes.
Result<std::string> ReadAll(int fd, const std::string& path) {
  struct stat st {};
  if (fstat(fd, &st) != 0) return SystemError("cannot read " + path);
  if (!S_ISREG(st.st_mode)) return Error{"cannot read " + path + ": not a regular file"};
  if (static_cast<unsigned long long>(st.st_size) > kMaxReportBytes) {
    return Error{"cannot read " + path + ": larger than " + std::to_string(kMaxReportBytes >> 20) +
                 " MiB; not a conformance report"};
  }
  std::string text;
  char buffer[65536];
  for (;;) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return SystemError("cannot read " + path);
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxReportBytes) {
      return Error{"cannot read " + path + ": larger than " +
                   std::to_string(kMaxReportBytes >> 20) + " MiB; not a conformance report"};
    }
  }
  return text;
}

/// A requirement's key within its scenario: its id and which occurrence of that id, or, without
/// an id, its position.
using RowKey = std::pair<std::string, size_t>;
using ScenarioKey = std::pair<std::string, std::string>;  // battery, id

std::vector<RowKey> RowKeys(const ScenarioResult& scenario) {
  std::vector<RowKey> keys;
  std::map<std::string, size_t, std::less<>> seen;
  for (size_t i = 0; i < scenario.requirements.size(); ++i) {
    const std::string& id = scenario.requirements[i].id;
    keys.emplace_back(id, id.empty() ? i : seen[id]++);
  }
  return keys;
}

bool SameCounts(const RequirementCounts& a, const RequirementCounts& b) {
  return a.passed == b.passed && a.failed == b.failed && a.skipped == b.skipped;
}

}  // namespace

Result<ConformanceReport> ParseReportJson(std::string_view text, const std::string& path) {
  return ReportReader(path).Read(text);
}

Result<LoadedReport> LoadReport(const std::string& path) {
  // O_NONBLOCK: a FIFO named on the command line must not hang the open; it is refused below.
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd.valid()) return SystemError("cannot read " + path);
  struct stat st {};
  if (fstat(fd.get(), &st) != 0) return SystemError("cannot read " + path);
  std::string file = path;
  if (S_ISDIR(st.st_mode)) {
    file = path + (!path.empty() && path.back() == '/' ? "" : "/") + "report.json";
    fd = UniqueFd(openat(fd.get(), "report.json", O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (!fd.valid()) return SystemError("cannot read " + file);
  }
  Result<std::string> text = ReadAll(fd.get(), file);
  if (!text) return text.error();
  Result<ConformanceReport> report = ParseReportJson(*text, file);
  if (!report) return report.error();
  return LoadedReport{file, std::move(*report)};
}

std::string RowLabel(const CompareScenario& scenario, const CompareRow& row) {
  std::string label = scenario.battery + "/" + scenario.id + " ";
  if (row.requirement_id.empty()) return label + "#" + std::to_string(row.position);
  label += row.requirement_id;
  if (row.occurrence > 0) label += " (" + std::to_string(row.occurrence + 1) + ")";
  return label;
}

std::string Comparison::ColumnLabel(size_t column) const {
  auto plain = [&](size_t i) { return reports[i].report.runtime.Label(); };
  std::string label = plain(column);
  size_t same = 0, before = 0;
  for (size_t i = 0; i < reports.size(); ++i) {
    if (plain(i) != label) continue;
    ++same;
    if (i < column) ++before;
  }
  return same > 1 ? label + " (" + std::to_string(before + 1) + ")" : label;
}

Comparison Compare(std::vector<LoadedReport> reports) {
  Comparison c;
  c.reports = std::move(reports);
  const size_t columns = c.reports.size();
  std::map<ScenarioKey, size_t> scenario_index;
  std::vector<std::map<RowKey, size_t>> row_index;
  for (size_t column = 0; column < columns; ++column) {
    for (const ScenarioResult& scenario : c.reports[column].report.scenarios) {
      ScenarioKey skey{scenario.battery, scenario.id};
      auto [found, added] = scenario_index.emplace(skey, c.scenarios.size());
      if (added) {
        CompareScenario s;
        s.battery = scenario.battery;
        s.id = scenario.id;
        s.title = scenario.title;
        s.description = scenario.description;
        s.cells.resize(columns);
        c.scenarios.push_back(std::move(s));
        row_index.emplace_back();
      }
      CompareScenario& s = c.scenarios[found->second];
      s.cells[column] = {true, scenario.verdict, scenario.skip_reason};
      std::map<RowKey, size_t>& rows = row_index[found->second];
      std::vector<RowKey> keys = RowKeys(scenario);
      for (size_t i = 0; i < keys.size(); ++i) {
        const Requirement& r = scenario.requirements[i];
        auto [row, new_row] = rows.emplace(keys[i], s.rows.size());
        if (new_row) {
          CompareRow added_row;
          added_row.requirement_id = r.id;
          added_row.occurrence = r.id.empty() ? 0 : keys[i].second;
          added_row.position = i + 1;
          added_row.level = r.level;
          added_row.text = r.text;
          added_row.source = r.source;
          added_row.cells.resize(columns);
          s.rows.push_back(std::move(added_row));
        }
        s.rows[row->second].cells[column] = {true, r.verdict, r.summary, r.evidence};
      }
    }
  }
  for (CompareScenario& s : c.scenarios) {
    for (CompareRow& row : s.rows) {
      ++c.rows;
      bool missing = false, differ = false;
      const CompareCell* first = nullptr;
      for (const CompareCell& cell : row.cells) {
        if (!cell.run) {
          missing = true;
        } else if (!first) {
          first = &cell;
        } else if (cell.verdict != first->verdict) {
          differ = true;
        }
      }
      row.agreement = differ    ? Agreement::kDisagree
                      : missing ? Agreement::kPartial
                                : Agreement::kAgree;
      c.disagreements += differ;
      c.partial += !differ && missing;
    }
  }
  // The sections of all the reports together, in the spec's order (SummarizeBySection's), then
  // each runtime's counts.
  ConformanceReport all;
  for (const LoadedReport& loaded : c.reports) {
    all.scenarios.insert(all.scenarios.end(), loaded.report.scenarios.begin(),
                         loaded.report.scenarios.end());
  }
  std::vector<std::vector<SectionSummary>> per_report;
  for (const LoadedReport& loaded : c.reports) {
    per_report.push_back(loaded.report.SummarizeBySection());
  }
  for (const SectionSummary& section : all.SummarizeBySection()) {
    CompareSection row{section.section, std::vector<RequirementCounts>(columns), false};
    for (size_t column = 0; column < columns; ++column) {
      for (const SectionSummary& own : per_report[column]) {
        if (own.section == section.section) row.counts[column] = own.counts;
      }
      row.differs |= !SameCounts(row.counts[column], row.counts[0]);
    }
    c.sections.push_back(std::move(row));
  }
  return c;
}

}  // namespace ocilint::conformance
