#pragma once

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "report/report.h"

namespace ocilint::report {

/// Writes `"target": {...}` (kernel, environment, runtime) as the lint JSON report does, for
/// every JSON report that states a target.
void WriteTargetJson(rapidjson::PrettyWriter<rapidjson::OStreamWrapper>& w,
                     const TargetReport& target);

}  // namespace ocilint::report
