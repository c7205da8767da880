#pragma once

#include <ctime>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diagnostic.h"
#include "gate/argv.h"
#include "json/document.h"
#include "lint/policy.h"
#include "lint/target.h"
#include "util/error.h"

namespace ocilint::gate {

enum class Policy { kWarn, kEnforce, kAdapt };
std::optional<Policy> ParsePolicy(std::string_view name);
std::string_view PolicyName(Policy policy);

/// Where runtime.toml is: --oci-lint-config, else $OCI_LINT_RUNTIME_CONFIG, else the default.
inline constexpr std::string_view kDefaultConfigPath = "/etc/oci-lint/runtime.toml";

/// What the wrapper does: the runtime it wraps and its policy.
struct Settings {
  std::string runtime;  ///< as given: a path, or a name looked up on PATH
  Policy policy = Policy::kWarn;
  std::string config_path;  ///< the runtime.toml read, or ""
  /// runtime.toml's lint-config: an .oci-lint.toml whose disable and [severity] apply.
  lint::Policy rules;
};

/// The flags over the configuration file over the defaults (runc, warn). `env_config` is
/// $OCI_LINT_RUNTIME_CONFIG (null when unset). The default file may be missing; a named one may
/// not. On an error, `*partial` holds what the flags alone say.
Result<Settings> ResolveSettings(const OwnFlags& flags, const char* env_config, Settings* partial);

/// `name` when it has a '/', else the first executable PATH entry of that name; "" when none.
std::string FindOnPath(const std::string& name, const char* path_env);

/// One line of the runtime's log, as runc's logrus writes it in `format` ("json" or "text"):
/// {"level":"warning","msg":"...","time":"..."} or time="..." level=warning msg="...".
std::string LogLine(std::string_view format, std::string_view level, std::string_view msg,
                    std::time_t now);

/// Writes the wrapper's messages to the runtime's --log file and, when there is none (or it cannot
/// be written) or the message is an error, to stderr.
class Log {
 public:
  Log(std::string file, std::string format, std::ostream& err)
      : file_(std::move(file)), format_(std::move(format)), err_(err) {}
  void Write(std::string_view level, std::string_view msg);

 private:
  std::string file_, format_;
  std::ostream& err_;
};

/// A finding as one log message: "config.json:3:7: cap-unavailable: MESSAGE (HELP)".
std::string FindingText(const std::string& path, const diag::Diagnostic& d);

/// True when enforce refuses a config with this finding: an error (which includes what oci-lint
/// knows `runtime` refuses), a start failure of runc and crun (cap-unavailable,
/// process-rlimit-unavailable), or a name crun >= 1.29 and youki refuse.
bool Refuses(const diag::Diagnostic& finding, const lint::RuntimeTarget& runtime);

/// One change of the adapt policy.
struct Change {
  std::string rule;
  std::string pointer;
  std::string description;  ///< "removed \"CAP_SYS_TIME\"", "lowered hard 1048576 to 20000"
  diag::Diagnostic finding;
};

/// The adapt rewrite of a config: the changes and the new text ("" when there are none).
struct Adaptation {
  std::vector<Change> changes;
  std::string text;
};

/// Capability entries that draw cap-unknown, cap-unsupported-kernel, cap-unavailable or
/// cap-unsupported-runtime are removed; an rlimit whose hard value draws
/// process-rlimit-unavailable gets the ceiling as its hard value (and as its soft value when that
/// was above). Nothing else changes: `text` is the source with those bytes edited.
Adaptation Adapt(const json::Document& doc, const lint::Target& target);

/// Replaces `path` with `text` atomically: a temporary file in its directory with the old
/// file's mode, fsync, rename, fsync of the directory. A symbolic link is refused (ELOOP).
Result<bool> ReplaceFile(const std::string& path, const std::string& text);

/// What the gate decided for create or run.
struct Decision {
  bool run = true;    ///< exec the runtime; else exit with `exit_code`
  int exit_code = 0;  ///< 1 when enforce refuses
};

/// create and run: lints BUNDLE/config.json for `target` and applies `policy`, writing to `log`.
/// `target_error` is set when the target could not be resolved (oci-lint cannot work).
/// The config's own dev.oci-lint.ignore annotation is not honoured; `rules` (disable, severity)
/// is.
Decision CheckBundle(const std::string& bundle, Policy policy, const lint::Target& target, Log& log,
                     const lint::Policy& rules = {});

/// exec --process FILE: lints the process document's capabilities and rlimits as those of a
/// config's process and applies `policy` to them (adapt rewrites FILE).
Decision CheckProcessFile(const std::string& path, Policy policy, const lint::Target& target,
                          Log& log, const lint::Policy& rules = {});

/// Prepare's answer when the runtime is to run.
inline constexpr int kExec = -1;

/// The whole wrapper short of the exec: parses `args` (argv without argv[0]), reads the
/// settings, gates create and run. Returns kExec with `*exec_path` and `*exec_args` (argv[0]
/// included) set to what to execv, or the exit status.
int Prepare(const std::vector<std::string>& args, const char* env_config, const char* path_env,
            const lint::HostProbe& host, std::ostream& err, std::string* exec_path,
            std::vector<std::string>* exec_args);

}  // namespace ocilint::gate
