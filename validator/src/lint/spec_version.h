#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace ocilint::lint {

/// A runtime-spec release number, MAJOR.MINOR.PATCH.
struct SpecRelease {
  uint32_t major = 0;
  uint32_t minor = 0;
  uint32_t patch = 0;

  /// "1.2.0"; nullopt unless the text is exactly three numbers (each below 2^32).
  static std::optional<SpecRelease> Parse(std::string_view text);
  std::string ToString() const;
  auto operator<=>(const SpecRelease&) const = default;
};

/// A SemVer 2.0.0 version as ociVersion declares it: "1.0.2-dev", "1.1.0+dev", "1.3.0".
struct Semver {
  std::string_view major, minor, patch;  ///< digits without leading zeros
  std::string_view prerelease;           ///< after '-', or "" when there is none
  std::string_view build;                ///< after '+', or ""
};

/// Parses SemVer 2.0.0: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]; nullopt when the text is not.
std::optional<Semver> ParseSemver(std::string_view text);

/// Compares two SemVer numeric identifiers (digits, no leading zeros): <0, 0 or >0.
int CompareSemverNumbers(std::string_view a, std::string_view b);

/// SemVer 2.0.0 precedence (build metadata ignored): <0, 0 or >0.
int CompareSemver(const Semver& a, const Semver& b);

/// The runtime-spec releases this build knows, oldest first: 1.0.0, 1.0.1, ..., 1.3.0.
std::span<const SpecRelease> KnownSpecReleases();

/// How oci-lint reads a config's ociVersion when it decides which members apply.
struct DeclaredVersion {
  Semver semver;
  /// The known release the config is judged as: the declared one; for a pre-release the release
  /// it precedes; for a version between, before or after the known releases the nearest known
  /// release at or below it (1.0.0 when it is older than all of them).
  SpecRelease judged_as;
  /// The newest release whose members the config may use without version-member-too-new: the
  /// next release for a development version that followed `judged_as` (upstream's "1.0.2-dev"
  /// until 1.1.0, "1.1.0+dev" since), else `judged_as`.
  SpecRelease members_up_to;
  bool development_after = false;  ///< a development version after `judged_as` (see above)
  bool known_release = false;      ///< MAJOR.MINOR.PATCH (pre-release aside) is a known release
  bool newer_than_known = false;   ///< above the newest known release
  bool older_than_known = false;   ///< below the oldest known release
};

/// Reads a SemVer ociVersion; nullopt when it is not SemVer (the oci-version-semver rule).
std::optional<DeclaredVersion> ReadDeclaredVersion(std::string_view oci_version);

}  // namespace ocilint::lint
