#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "caps/kernel_version.h"

namespace ocilint::caps {

/// CAP_SYS_RESOURCE: without it a process cannot raise a hard resource limit.
inline constexpr int kCapSysResource = 24;

/// One Linux capability: its number, canonical name and the kernel release that added it.
struct Capability {
  int number;
  std::string_view name;
  KernelVersion since;
};

/// Every capability known to oci-lint (include/uapi/linux/capability.h, capabilities(7)),
/// in number order. The project's own table: the host's libcap may know fewer.
std::span<const Capability> AllCapabilities();
const Capability* FindByName(std::string_view canonical_name);
const Capability* FindByNumber(int number);

/// Trims ASCII white space, upper-cases, and reduces any run of leading "CAP_" prefixes to one:
/// " cap_net_raw" and "CAP_CAP_NET_RAW" both become "CAP_NET_RAW". Applied to any string.
std::string Normalize(std::string_view entry);
/// Normalize without a copy for an entry already in normal form (the usual case): returns
/// `entry` itself, or the normalized name written into `*storage`.
std::string_view Normalize(std::string_view entry, std::string* storage);

/// The closest capability name to `entry` when it is close enough to be a likely typo.
std::optional<std::string_view> Suggest(std::string_view entry);

/// A set of capabilities as the kernel stores it: bit N is capability N.
using CapMask = uint64_t;
inline bool Contains(CapMask mask, int number) {
  return number >= 0 && number < 64 && ((mask >> number) & 1) != 0;
}

}  // namespace ocilint::caps
