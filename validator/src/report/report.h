#pragma once

#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"

namespace ocilint::report {

/// What every writer needs besides the findings.
struct ReportContext {
  std::string tool_version;
  std::string schema;  ///< which schema was used, e.g. "embedded runtime-spec v1.3.0"
  bool color = false;  ///< only the text format ever colours
};

using Writer = void (*)(std::ostream& out, const std::vector<diag::FileReport>& files,
                        const ReportContext& context);

struct Format {
  std::string_view name;
  Writer write;
};

/// Every output format, in the order --help lists them. An explicit registry.
std::span<const Format> AllFormats();
const Format* FindFormat(std::string_view name);

void WriteText(std::ostream& out, const std::vector<diag::FileReport>& files,
               const ReportContext& context);
void WriteJson(std::ostream& out, const std::vector<diag::FileReport>& files,
               const ReportContext& context);

}  // namespace ocilint::report
