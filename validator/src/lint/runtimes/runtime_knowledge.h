#pragma once

#include <span>
#include <string>
#include <string_view>

namespace ocilint::lint {

/// What a runtime did with a config that a rule flags.
enum class RuntimeOutcome {
  kRefuses,  ///< `create` (or `run`) fails
  kWarns,    ///< it starts the container and logs a warning
  kAccepts,  ///< it starts the container without a word (often ignoring the value)
};

/// One observation: a config that fires `rule`, run by the runtime (testdata/semantic/).
struct RuntimeBehaviour {
  std::string_view rule;
  RuntimeOutcome outcome;
  std::string_view detail;  ///< what it said or did, e.g. "\"hostname requires a UTS namespace\""
};

/// Everything observed of one runtime release: one table per runtime (lint/runtimes/<name>.cc).
struct RuntimeKnowledge {
  std::string_view runtime;  ///< "runc", as `--runtime` and `features` name it
  std::string_view version;  ///< the release the table was observed on
  std::span<const RuntimeBehaviour> behaviour;
};

std::span<const RuntimeKnowledge> AllRuntimeKnowledge();

/// What `runtime` was seen to do with a config that fires `rule`, or nullptr.
const RuntimeBehaviour* FindBehaviour(const RuntimeKnowledge& runtime, std::string_view rule);

/// The knowledge table of the runtime called `name` (a path's last component counts), or
/// nullptr when there is none.
const RuntimeKnowledge* FindRuntimeKnowledge(std::string_view name);

/// One sentence per known runtime for a finding of `rule`, e.g. "runc 1.1.5 refuses it at
/// create (\"...\"); crun 1.8.1 starts it." Empty when no runtime was observed for `rule`.
/// Built once per rule, on first use, and kept, so later findings only refer to it.
const std::string& DescribeRuntimes(std::string_view rule);

}  // namespace ocilint::lint
