// Features documents (--runtime-features): the input parsed as one, its lists and switches
// read, then given as the runtime's features file and a fixed config linted against it.

#include <cstdlib>

#include "caps/features.h"
#include "fuzz_support.h"
#include "schema/schema.h"

namespace ocilint::fuzz {
namespace {

constexpr std::string_view kListPointers[] = {"/hooks",
                                              "/mountOptions",
                                              "/linux/namespaces",
                                              "/linux/capabilities",
                                              "/linux/seccomp/actions",
                                              "/linux/seccomp/operators",
                                              "/linux/seccomp/archs",
                                              "/linux/seccomp/knownFlags",
                                              "/linux/seccomp/supportedFlags",
                                              "",
                                              "/",
                                              "/linux/~1x~0"};
constexpr std::string_view kSwitchPointers[] = {"/linux/seccomp/enabled",
                                                "/linux/apparmor/enabled",
                                                "/linux/selinux/enabled",
                                                "/linux/intelRdt/enabled",
                                                "/linux/cgroup/v2",
                                                "/linux/mountExtensions/idmap/enabled",
                                                ""};

}  // namespace
}  // namespace ocilint::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  std::string text(fuzz::AsText(data, size));
  Result<caps::RuntimeFeatures> features = caps::ParseFeatures(text, "fuzz");
  if (!features) return 0;
  const json::Document* document = features.value().document.get();
  for (std::string_view pointer : fuzz::kListPointers) caps::FeatureList(document, pointer);
  for (std::string_view pointer : fuzz::kSwitchPointers) caps::FeatureSwitch(document, pointer);

  fuzz::MemoryHost host;
  host.files["features.json"] = text;
  lint::TargetOptions options{"6.1", "none", "features.json", "", ""};
  Result<lint::Target> target = lint::ResolveTarget(options, host);
  if (!target) std::abort();
  auto schema = schema::SchemaSet::Embedded();
  if (!schema) std::abort();
  lint::Linter linter(schema.value(), {}, target.value());
  diag::FileReport report = linter.LintText("config.json", std::string(fuzz::RichConfig()));
  fuzz::CheckPositions(report, fuzz::RichConfig());
  lint::DescribeTarget(target.value());
  return 0;
}
