// `.oci-lint.toml` parsing: the input written as a scratch directory's .oci-lint.toml and
// loaded; a policy that loads is applied to the findings of a fixed config, and its [target]
// resolved against files served from memory.

#include <cstdlib>

#include "fuzz_support.h"
#include "json/parser.h"
#include "lint/policy.h"
#include "schema/schema.h"

namespace ocilint::fuzz {
namespace {

struct Fixture {
  std::unique_ptr<json::Document> document;
  diag::FileReport report;
};

const Fixture& ConfigFindings() {
  static const Fixture fixture = [] {
    auto schema = schema::SchemaSet::Embedded();
    if (!schema) std::abort();
    lint::Linter linter(schema.value(), {});
    Fixture made;
    made.report = linter.LintText(ScratchDir() + "/config.json", std::string(RichConfig()));
    made.document = json::Parse(std::string(RichConfig())).document;
    if (made.report.diagnostics.empty()) std::abort();
    return made;
  }();
  return fixture;
}

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  const fuzz::Fixture& fixture = fuzz::ConfigFindings();
  std::string path = fuzz::WriteScratchFile(".oci-lint.toml", fuzz::AsText(data, size));
  Result<lint::Policy> policy = lint::LoadPolicy(path);
  if (!policy) {
    if (policy.error().message().find(path) == std::string::npos) std::abort();
    return 0;
  }
  diag::FileReport report = fixture.report;
  size_t before = report.diagnostics.size();
  size_t disabled = 0;
  for (const diag::Diagnostic& d : report.diagnostics)
    disabled += policy.value().disabled.count(d.rule);
  // The count is the caller's to store (Linter sets FileReport::suppressed from it).
  size_t suppressed = lint::ApplyPolicy(policy.value(), fixture.document.get(), &report);
  if (suppressed + disabled > before) std::abort();
  for (const diag::Diagnostic& d : report.diagnostics) {
    if (policy.value().disabled.count(d.rule)) std::abort();
  }

  fuzz::MemoryHost host;
  host.files["/proc/self/status"] = std::string(fuzz::StatusWithLimits());
  lint::TargetOptions options;
  options.kernel = policy.value().kernel.value_or("none");
  options.environment = policy.value().environment.value_or("none");
  options.runtime_features = policy.value().runtime_features.value_or("");
  if (!options.environment.empty() && options.environment != "host" &&
      options.environment != "none") {
    host.files[options.environment] = std::string(fuzz::StatusWithLimits());
  }
  if (!options.runtime_features.empty()) {
    host.files[options.runtime_features] = std::string(fuzz::RuncFeatures());
  }
  Result<lint::Target> target = lint::ResolveTarget(options, host);
  if (target) lint::DescribeTarget(target.value());
  return 0;
}
