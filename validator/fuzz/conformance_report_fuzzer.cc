// report.json as `oci-lint conformance compare` reads it (any file named on its command line):
// the input parsed as one, compared with itself and with a fixed report, and both pages written.

#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>

#include "conformance/compare.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ocilint;
  const std::string path = "fuzz/report.json";
  Result<conformance::ConformanceReport> report =
      conformance::ParseReportJson(fuzz::AsText(data, size), path);
  if (!report) {
    // An error names the file, and is one line.
    const std::string message = report.error().message();
    if (message.rfind(path + ": ", 0) != 0 || message.find('\n') != std::string::npos) {
      std::abort();
    }
    return 0;
  }
  conformance::LoadedReport loaded{path, std::move(report.value())};
  conformance::LoadedReport other{"other/report.json", {}};
  other.report.runtime.name = "other";
  conformance::Comparison itself = conformance::Compare({loaded, loaded});
  if (itself.disagreements != 0 || itself.partial != 0) std::abort();  // it agrees with itself
  conformance::Comparison both = conformance::Compare({loaded, other});
  for (const conformance::Comparison* comparison : {&itself, &both}) {
    std::ostringstream html, markdown;
    conformance::WriteCompareHtml(html, *comparison);
    conformance::WriteCompareMarkdown(markdown, *comparison);
  }
  return 0;
}
