#pragma once

#include <optional>
#include <string>
#include <vector>

namespace ocilint::gate {

/// oci-lint-runtime's own global flags, as given on its command line.
struct OwnFlags {
  std::optional<std::string> runtime;  ///< --oci-lint-runtime PATH
  std::optional<std::string> policy;   ///< --oci-lint-policy warn|enforce|adapt
  std::optional<std::string> config;   ///< --oci-lint-config FILE
};

/// The command line of oci-lint-runtime read as runc reads it (docs/runtime-gate.md).
struct ParsedArgs {
  OwnFlags own;
  /// The arguments for the real runtime: everything but argv[0] and the wrapper's own flags, in
  /// their order and spelling.
  std::vector<std::string> runtime_args;
  std::string subcommand;  ///< "" when there is none (--version, --help)
  /// Index of the subcommand in runtime_args (runtime_args.size() when there is none).
  size_t subcommand_index = 0;
  std::string log_file;             ///< --log FILE, or ""
  std::string log_format = "text";  ///< --log-format text|json
  /// create and run: the --bundle/-b value, or nullopt (the working directory).
  std::optional<std::string> bundle;
  /// exec: the --process/-p value (a process document), or nullopt.
  std::optional<std::string> process;
  /// create and run: the container id (the first operand), or "".
  std::string container_id;
};

/// Reads `args` (argv without argv[0]). A wrapper flag without its value is an error: the
/// returned string says which; otherwise "".
std::string ParseArgs(const std::vector<std::string>& args, ParsedArgs* parsed);

}  // namespace ocilint::gate
