// oci-lint-runtime's adapt edit of a config (gate::Adapt, json::EditSource) on any JSON text,
// for a target without CAP_SYS_TIME and CAP_SYS_RESOURCE, a hard RLIMIT_NOFILE of 20000 and a
// 5.4 kernel: the edited text must be JSON again, no longer than the original plus what the
// lowered numbers add, and adapting it again must change nothing.

#include <cstdlib>
#include <string>

#include "fuzz_support.h"
#include "gate/gate.h"
#include "json/parser.h"

namespace ocilint::fuzz {
namespace {

lint::Target RestrictedTarget() {
  lint::Target target;
  target.kernel.source = lint::KernelTarget::Source::kVersion;
  target.kernel.release = "5.4";
  target.kernel.version = caps::KernelVersion::Parse("5.4");
  target.kernel.nr_open = 1048576;
  target.environment.source = lint::EnvironmentTarget::Source::kFile;
  target.environment.path = "fuzz";
  caps::CapMask all = (caps::CapMask(1) << 41) - 1;
  target.environment.bounding = all & ~(caps::CapMask(1) << 25) & ~(caps::CapMask(1) << 24);
  caps::ProcessLimits limits;
  limits.limits[7] = caps::RlimitPair{20000, 20000};
  limits.limits[6] = caps::RlimitPair{4096, 4096};
  target.environment.limits = limits;
  target.environment.limits_path = "fuzz limits";
  return target;
}

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  static const lint::Target target = fuzz::RestrictedTarget();
  std::string text(fuzz::AsText(data, size));
  json::ParseResult parsed = json::Parse(text);
  if (!parsed.clean_syntax) return 0;
  gate::Adaptation first = gate::Adapt(*parsed.document, target);
  if (first.changes.empty()) {
    if (!first.text.empty()) std::abort();
    return 0;
  }
  json::ParseResult again = json::Parse(first.text);
  if (!again.clean_syntax || again.document->empty()) std::abort();
  // Only removals and lower numbers: "1048576" -> "20000" shortens; a number never grows by
  // more than its digits ("1e3" -> "1000" is not a lowering the rules make, but bound it).
  if (first.text.size() > text.size() + 20 * first.changes.size()) std::abort();
  gate::Adaptation second = gate::Adapt(*again.document, target);
  if (!second.changes.empty()) std::abort();
  return 0;
}
