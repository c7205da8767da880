#pragma once

#include <rapidjson/document.h>

#include <string>
#include <vector>

#include "conformance/spec_battery.h"

/// What the spec battery's scenarios share: reading the helper's report, judging a refusal or
/// an observed value, editing the config.
namespace ocilint::conformance::spec {

/// The string at `pointer` of the helper's report, without trailing newlines; nullopt when
/// there is no report or no such string.
std::optional<std::string> Reported(const SpecObservation& o, const char* pointer);

/// The commands, exit statuses and last lines of stderr of every step.
std::vector<std::string> StepEvidence(const SpecObservation& o);

/// A MUST-error requirement: pass when the runtime failed and the process never ran.
Requirement Refused(const SpecObservation& o, Requirement r);

/// A requirement judged by one value the process reported: pass when `observed` equals `want`.
/// Skipped when the runtime could not be started; failed when the process did not report.
Requirement Compared(const SpecObservation& o, Requirement r, const std::string& what,
                     const std::optional<std::string>& observed, const std::string& want);

/// Skips `r` when the process did not report, with the reason; returns whether it did.
bool NeedReport(const SpecObservation& o, Requirement& r);

void SetVerdict(Requirement& r, bool pass, std::string pass_summary, std::string fail_summary);

/// Sets the value at a JSON pointer of `doc`, creating the objects on the way.
void Set(rapidjson::Document& doc, const char* pointer, rapidjson::Value value);
/// Appends to the array at `pointer` (created when absent).
void Append(rapidjson::Document& doc, const char* pointer, rapidjson::Value value);
/// Parses `json` into a value that lives in `doc`'s allocator.
rapidjson::Value Parse(rapidjson::Document& doc, const char* json);

/// Creates a directory, or a file with `content`, inside the rootfs descriptor.
Result<bool> MakeDirectory(int rootfs, const char* name, mode_t mode = 0755);
Result<bool> MakeFile(int rootfs, const char* name, const std::string& content);

}  // namespace ocilint::conformance::spec
