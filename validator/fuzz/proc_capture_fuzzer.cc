// /proc/PID/status and /proc/PID/limits captures: the input parsed as each, then given as the
// --environment file and as the --environment-limits file, and a fixed config linted against
// every environment that resolves.

#include <cstdlib>

#include "caps/proc_limits.h"
#include "caps/proc_status.h"
#include "fuzz_support.h"
#include "schema/schema.h"

namespace ocilint::fuzz {
namespace {

void LintAgainst(const lint::Target& target) {
  auto schema = schema::SchemaSet::Embedded();
  if (!schema) std::abort();
  lint::Linter linter(schema.value(), {}, target);
  diag::FileReport report = linter.LintText("config.json", std::string(RichConfig()));
  CheckPositions(report, RichConfig());
  lint::DescribeTarget(target);
}

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  std::string_view text = fuzz::AsText(data, size);
  Result<caps::ProcessCapSets> sets = caps::ParseProcStatus(text, "fuzz");
  if (sets && !sets.value().bounding) std::abort();
  Result<caps::ProcessLimits> limits = caps::ParseProcLimits(text, "fuzz");
  if (limits && !caps::LooksLikeProcLimits(text)) {
    for (const auto& limit : limits.value().limits) {
      if (limit) std::abort();
    }
  }
  if (std::optional<int> last = caps::ParseCapLastCap(text); last && (*last < 0 || *last > 63)) {
    std::abort();
  }
  caps::ParseCapMask(text);

  fuzz::MemoryHost host;
  host.files["capture"] = std::string(text);
  lint::TargetOptions as_status{"none", "capture", "", "", ""};
  if (Result<lint::Target> target = lint::ResolveTarget(as_status, host)) {
    fuzz::LintAgainst(target.value());
  }
  lint::TargetOptions as_limits{"none", "none", "", "", "capture"};
  if (Result<lint::Target> target = lint::ResolveTarget(as_limits, host)) {
    fuzz::LintAgainst(target.value());
  }
  return 0;
}
