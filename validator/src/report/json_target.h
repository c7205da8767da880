#pragma once

#include "report/json_writer.h"
#include "report/report.h"

namespace ocilint::report {

/// Writes `"target": {...}` (kernel, environment, runtime) as the lint JSON report does, for
/// every JSON report that states a target.
void WriteTargetJson(JsonWriter& w, const TargetReport& target);

}  // namespace ocilint::report
