#pragma once

#include <string_view>

namespace ocilint::lint {

/// True for an option of config.md's table of Linux mount options (mounts.cc), as opposed to a
/// filesystem's own data option (mode=755, size=64k, newinstance).
bool IsSpecMountOption(std::string_view option);

}  // namespace ocilint::lint
