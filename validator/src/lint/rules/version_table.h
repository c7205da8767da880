#pragma once

#include <span>
#include <string_view>

#include "lint/spec_version.h"

namespace ocilint::lint {

/// A config member or value that a runtime-spec release added, removed or deprecated.
///
/// `path` is a JSON pointer through the config in which "[]" stands for any element of an array
/// and "*" for any member of an object: "/linux/netDevices", "/mounts/[]/options/[]". A member
/// entry (no `value`) covers its whole subtree: members of /vm came with /vm in 1.0.2 and are not
/// listed again. A value entry names a string value of the member at `path`.
struct VersionedItem {
  std::string_view path;
  std::string_view value = {};  ///< "" for a member
  /// The release whose text first has it; {} (0.0.0) when 1.0.0 already had it.
  SpecRelease added = {};
  SpecRelease removed = {};     ///< the release whose text dropped it, or {}
  SpecRelease deprecated = {};  ///< the release whose text first deprecated it, or {}
  /// Where the upstream schema got or lost it in another release than the text: {} when the
  /// schema agrees with `added` / `removed`.
  SpecRelease schema_added = {};
  SpecRelease schema_removed = {};
  /// The spelling the text and every runtime use, when the entry is a misspelling that only the
  /// upstream schema of some releases had; "" otherwise.
  std::string_view misspelling_of = {};
  /// The rule that reports this deprecation itself, with its own advice; "" when
  /// version-member-deprecated does.
  std::string_view reported_by = {};
  /// Listed for the record only, never reported: a change that asks nothing of configs.
  bool informational = false;
  /// What a runtime of an older release does with it, when that is not what it does with an
  /// unknown member (ignores it) or an unknown value (refuses the config); "" otherwise.
  std::string_view effect = {};
  /// What replaces it, or what a runtime does with it beyond ignoring an unknown member or
  /// refusing an unknown value; "" when there is nothing to add.
  std::string_view note = {};
  /// The ChangeLog entry ("#1271") or the spec section it comes from.
  std::string_view source = {};
};

/// Every versioned member and value of config.json from runtime-spec 1.0.0 to 1.3.0, on every
/// platform, sorted by path (lint/rules/version_table.cc).
std::span<const VersionedItem> VersionedItems();

}  // namespace ocilint::lint
