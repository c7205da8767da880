#include "conformance/model.h"
#include "json/utf8.h"
#include "report/json_writer.h"

namespace ocilint::conformance {

namespace {

using report::JsonWriter;
using report::Key;
using report::String;
using report::StringOrNull;

void Field(JsonWriter& w, std::string_view key, std::string_view value) {
  Key(w, key);
  String(w, value);
}

void Count(JsonWriter& w, std::string_view key, size_t value) {
  Key(w, key);
  w.Uint64(value);
}

void WriteRequirement(JsonWriter& w, const Requirement& r) {
  w.StartObject();
  Field(w, "id", r.id);
  Field(w, "level", r.level);
  Field(w, "text", r.text);
  Field(w, "source", r.source);
  Field(w, "verdict", VerdictName(r.verdict));
  Field(w, "summary", r.summary);
  Key(w, "evidence");
  w.StartArray();
  for (const std::string& line : r.evidence) String(w, line);
  w.EndArray();
  w.EndObject();
}

void WriteScenario(JsonWriter& w, const ScenarioResult& scenario) {
  w.StartObject();
  Field(w, "id", scenario.id);
  Field(w, "battery", scenario.battery);
  Field(w, "title", scenario.title);
  Field(w, "description", scenario.description);
  Field(w, "verdict", VerdictName(scenario.verdict));
  Key(w, "skipReason");
  StringOrNull(w, scenario.skip_reason);
  Key(w, "requirements");
  w.StartArray();
  for (const Requirement& r : scenario.requirements) WriteRequirement(w, r);
  w.EndArray();
  w.EndObject();
}

void WriteSummary(JsonWriter& w, const Summary& s) {
  Key(w, "summary");
  w.StartObject();
  Key(w, "scenarios");
  w.StartObject();
  Count(w, "total", s.scenarios);
  Count(w, "passed", s.scenarios_passed);
  Count(w, "failed", s.scenarios_failed);
  Count(w, "skipped", s.scenarios_skipped);
  w.EndObject();
  Key(w, "requirements");
  w.StartObject();
  Count(w, "total", s.requirements);
  Count(w, "passed", s.requirements_passed);
  Count(w, "failed", s.requirements_failed);
  Count(w, "skipped", s.requirements_skipped);
  w.EndObject();
  w.EndObject();
}

}  // namespace

void WriteJson(std::ostream& out, const ConformanceReport& report) {
  json::BufferedOStream stream(out);
  JsonWriter w(stream);
  w.SetIndent(' ', 2);
  w.StartObject();
  Key(w, "tool");
  w.StartObject();
  Field(w, "name", "oci-lint");
  Field(w, "version", report.environment.tool_version);
  w.EndObject();
  Key(w, "runtime");
  w.StartObject();
  Field(w, "name", report.runtime.name);
  Field(w, "version", report.runtime.version);
  Field(w, "path", report.runtime.path);
  if (const WrapperInfo& wrapper = report.runtime.wrapper; !wrapper.name.empty()) {
    Key(w, "wrapper");
    w.StartObject();
    Field(w, "name", wrapper.name);
    Field(w, "path", wrapper.path);
    Field(w, "policy", wrapper.policy);
    Field(w, "config", wrapper.config);
    w.EndObject();
  }
  w.EndObject();
  Key(w, "environment");
  w.StartObject();
  Field(w, "kernel", report.environment.kernel);
  Field(w, "cgroupMode", report.environment.cgroup_mode);
  Field(w, "bounding", report.environment.bounding);
  Key(w, "runtimeArgs");
  w.StartArray();
  for (const std::string& arg : report.environment.runtime_args) String(w, arg);
  w.EndArray();
  Field(w, "notes", report.environment.notes);
  Field(w, "date", report.environment.date);
  w.EndObject();
  Key(w, "scenarios");
  w.StartArray();
  for (const ScenarioResult& scenario : report.scenarios) WriteScenario(w, scenario);
  w.EndArray();
  WriteSummary(w, report.Summarize());
  Key(w, "sections");
  w.StartArray();
  for (const SectionSummary& section : report.SummarizeBySection()) {
    w.StartObject();
    Field(w, "section", section.section);
    Count(w, "passed", section.counts.passed);
    Count(w, "failed", section.counts.failed);
    Count(w, "skipped", section.counts.skipped);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  stream.Flush();
  out << '\n';
}

}  // namespace ocilint::conformance
