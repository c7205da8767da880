#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "util/error.h"

namespace ocilint::lint {

/// One thing to lint: a file, or standard input.
struct Input {
  std::string display_path;  ///< how reports name it
  std::string fs_path;       ///< empty for standard input
  std::string bundle_dir;    ///< the bundle it is the config.json of (lint --bundle), or ""
};

/// An argument that yielded nothing to lint (missing, unreadable, a directory without configs).
struct InputFailure {
  std::string display_path;
  Error error;
};

using InputItem = std::variant<Input, InputFailure>;

/// Expands PATH arguments in order: files as given, directories to every *.json below them in
/// sorted order (shown as DIR/relative/path), "-" to standard input named `stdin_name`.
std::vector<InputItem> ExpandPaths(const std::vector<std::string>& paths,
                                   const std::string& stdin_name);

/// errno used for an input larger than the size limit.
inline constexpr int kTooLarge = EFBIG;

/// The config.json of each bundle directory, in order; a directory without one is a failure.
std::vector<InputItem> ExpandBundles(const std::vector<std::string>& dirs);

/// Reads an input whole, refusing (without reading it all) anything over `max_size` bytes.
Result<std::string> ReadInput(const Input& input, size_t max_size);

}  // namespace ocilint::lint
