#include "conformance/spec_judge.h"

#include <fcntl.h>
#include <rapidjson/pointer.h>
#include <sys/stat.h>

#include <sstream>

#include "lint/spec_coverage.h"
#include "util/secure_fs.h"

namespace ocilint::conformance {

Requirement SpecRequirement(const std::string& id, const char* level, const char* text,
                            const char* source) {
  Requirement r;
  r.id = id;
  for (const lint::SpecSentence& row : lint::SpecCoverage()) {
    if (row.id != id) continue;
    r.level = row.level;
    r.text = row.text;
    r.source = row.file + ", " + row.section;
    return r;
  }
  r.level = level;
  r.text = text;
  r.source = source;
  return r;
}

Verdict Overall(const std::vector<Requirement>& requirements) {
  bool any_fail = false, any_pass = false;
  for (const Requirement& r : requirements) {
    any_fail |= r.verdict == Verdict::kFail;
    any_pass |= r.verdict == Verdict::kPass;
  }
  return any_fail ? Verdict::kFail : (any_pass ? Verdict::kPass : Verdict::kSkip);
}

const Step* SpecObservation::FindStep(std::string_view name) const {
  for (const Step& step : steps) {
    if (step.name == name) return &step;
  }
  return nullptr;
}

namespace spec {

namespace {

std::string LastLines(const std::string& text, size_t count) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line.substr(0, 300));
  }
  std::string out;
  for (size_t i = lines.size() > count ? lines.size() - count : 0; i < lines.size(); ++i) {
    out += (out.empty() ? "" : " / ") + lines[i];
  }
  return out;
}

}  // namespace

std::optional<std::string> Reported(const SpecObservation& o, const char* pointer) {
  if (!o.report) return std::nullopt;
  const rapidjson::Value* value = rapidjson::Pointer(pointer).Get(*o.report);
  if (!value || !value->IsString()) return std::nullopt;
  std::string text(value->GetString(), value->GetStringLength());
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::vector<std::string> StepEvidence(const SpecObservation& o) {
  std::vector<std::string> lines;
  for (const Step& step : o.steps) {
    lines.push_back(step.name + ": " + step.command);
    lines.push_back("  " + (step.timed_out ? std::string("killed after the timeout")
                                           : "exit status " + std::to_string(step.exit_code)));
    if (std::string err = LastLines(step.err, 2); !err.empty()) lines.push_back("  stderr: " + err);
  }
  return lines;
}

void SetVerdict(Requirement& r, bool pass, std::string pass_summary, std::string fail_summary) {
  r.verdict = pass ? Verdict::kPass : Verdict::kFail;
  r.summary = pass ? std::move(pass_summary) : std::move(fail_summary);
}

Requirement Refused(const SpecObservation& o, Requirement r) {
  r.evidence = StepEvidence(o);
  if (!o.ran) {
    r.verdict = Verdict::kSkip;
    r.summary = o.not_run_reason;
    return r;
  }
  const Step& run = o.steps.front();
  if (o.report) {
    r.verdict = Verdict::kFail;
    r.summary = "the runtime ran the container process instead of generating an error";
  } else if (run.timed_out) {
    r.verdict = Verdict::kFail;
    r.summary = "the runtime hung and was killed";
  } else if (run.exit_code != 0) {
    r.verdict = Verdict::kPass;
    r.summary = "the runtime generated an error (exit status " + std::to_string(run.exit_code) +
                ") and the process did not run";
  } else {
    r.verdict = Verdict::kFail;
    r.summary = "the runtime exited 0 without an error";
  }
  return r;
}

bool NeedReport(const SpecObservation& o, Requirement& r) {
  if (r.evidence.empty()) r.evidence = StepEvidence(o);
  if (!o.ran) {
    r.verdict = Verdict::kSkip;
    r.summary = o.not_run_reason;
    return false;
  }
  if (!o.report) {
    r.verdict = Verdict::kFail;
    r.summary = "the container process did not run, so the runtime did not apply the config";
    return false;
  }
  return true;
}

Requirement Compared(const SpecObservation& o, Requirement r, const std::string& what,
                     const std::optional<std::string>& observed, const std::string& want) {
  r.evidence = StepEvidence(o);
  if (!NeedReport(o, r)) return r;
  std::string got = observed ? "\"" + *observed + "\"" : "nothing";
  r.evidence.push_back(what + ": observed " + got + ", expected \"" + want + "\"");
  SetVerdict(r, observed && *observed == want, what + " is as configured",
             what + " is " + got + ", not \"" + want + "\"");
  return r;
}

void Set(rapidjson::Document& doc, const char* pointer, rapidjson::Value value) {
  rapidjson::Pointer(pointer).Set(doc, value);
}

void Append(rapidjson::Document& doc, const char* pointer, rapidjson::Value value) {
  rapidjson::Value& array =
      rapidjson::Pointer(pointer).GetWithDefault(doc, rapidjson::Value(rapidjson::kArrayType));
  if (!array.IsArray()) array.SetArray();
  array.PushBack(value, doc.GetAllocator());
}

rapidjson::Value Parse(rapidjson::Document& doc, const char* json) {
  rapidjson::Document parsed(&doc.GetAllocator());
  parsed.Parse(json);
  rapidjson::Value value;
  value.CopyFrom(parsed, doc.GetAllocator());
  return value;
}

Result<bool> MakeDirectory(int rootfs, const char* name, mode_t mode) {
  if (mkdirat(rootfs, name, mode) != 0) return SystemError(std::string("cannot create ") + name);
  return true;
}

Result<bool> MakeFile(int rootfs, const char* name, const std::string& content) {
  return securefs::CreateFileAt(rootfs, name, content, 0644);
}

}  // namespace spec

}  // namespace ocilint::conformance
