// The whole lint of arbitrary bytes, rendered in every output format. The first byte picks the
// options: bits 0-1 the kind (detected, config, features, state), bit 2 a target (a kernel, an
// environment with limits, runc's features) or none, bit 3 a policy with a low finding cap,
// bit 4 colour, bits 5-6 the verbosity. The rest is the document.

#include <array>
#include <cstdlib>
#include <memory>

#include "fuzz_support.h"
#include "schema/schema.h"

namespace ocilint::fuzz {
namespace {

constexpr std::array<std::optional<diag::DocumentKind>, 4> kKinds = {
    std::nullopt, diag::DocumentKind::kConfig, diag::DocumentKind::kFeatures,
    diag::DocumentKind::kState};

lint::Target RichTarget() {
  MemoryHost host;
  host.files["env.status"] = std::string(StatusWithLimits());
  host.files["runc.json"] = std::string(RuncFeatures());
  lint::TargetOptions options{"5.4", "env.status", "runc.json", "", ""};
  Result<lint::Target> target = lint::ResolveTarget(options, host);
  if (!target) std::abort();
  return target.value();
}

lint::Policy StrictPolicy() {
  lint::Policy policy;
  policy.severity["cap-unknown"] = diag::Severity::kNote;
  policy.disabled.insert("cap-duplicate");
  policy.ignores.push_back({"*.json", {"annotation-reserved-key"}});
  return policy;
}

/// One linter per combination of kind, target and policy, made when first used.
const lint::Linter& LinterFor(uint8_t options) {
  static std::array<std::unique_ptr<lint::Linter>, 16> linters;
  static const lint::Target rich_target = RichTarget();
  size_t index = options & 0x0F;
  if (!linters[index]) {
    auto schema = schema::SchemaSet::Embedded();
    if (!schema) std::abort();
    lint::LintOptions lint_options;
    lint_options.kind = kKinds[options & 3];
    bool with_policy = (options & 8) != 0;
    if (with_policy) lint_options.max_errors_per_file = 3;
    linters[index] = std::make_unique<lint::Linter>(schema.value(), lint_options,
                                                    (options & 4) ? rich_target : lint::Target{},
                                                    with_policy ? StrictPolicy() : lint::Policy{});
  }
  return *linters[index];
}

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  if (size == 0) return 0;
  uint8_t options = data[0];
  std::string_view text = fuzz::AsText(data + 1, size - 1);
  const lint::Linter& linter = fuzz::LinterFor(options);
  std::vector<diag::FileReport> files{linter.LintText("fuzz/config.json", std::string(text))};
  fuzz::CheckPositions(files[0], text);
  constexpr report::Verbosity kVerbosities[] = {
      report::Verbosity::kQuiet, report::Verbosity::kNormal, report::Verbosity::kVerbose,
      report::Verbosity::kNormal};
  fuzz::RenderEveryFormat(files, linter.target(), linter.schema().description(),
                          (options & 0x10) != 0, kVerbosities[(options >> 5) & 3]);
  return 0;
}
