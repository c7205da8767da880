#include "lint/spec_version.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <utility>

namespace ocilint::lint {

namespace {

bool IsDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

/// A numeric SemVer identifier: digits without a leading zero.
bool IsSemverNumber(std::string_view text) {
  return IsDigits(text) && (text.size() == 1 || text[0] != '0');
}

/// Dot-separated non-empty identifiers of [0-9A-Za-z-]; numeric ones without leading zeros when
/// `numeric_strict` (pre-release, not build metadata).
bool IsSemverIdentifiers(std::string_view text, bool numeric_strict) {
  if (text.empty()) return false;
  size_t start = 0;
  for (;;) {
    size_t dot = text.find('.', start);
    std::string_view part = text.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (part.empty()) return false;
    for (char c : part) {
      bool ok =
          (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
      if (!ok) return false;
    }
    if (numeric_strict && IsDigits(part) && !IsSemverNumber(part)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool ParseUint32(std::string_view text, uint32_t* value) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *value);
  return ec == std::errc() && end == text.data() + text.size();
}

constexpr std::array<SpecRelease, 7> kReleases = {{
    {1, 0, 0},
    {1, 0, 1},
    {1, 0, 2},
    {1, 1, 0},
    {1, 2, 0},
    {1, 2, 1},
    {1, 3, 0},
}};

}  // namespace

std::optional<SpecRelease> SpecRelease::Parse(std::string_view text) {
  SpecRelease r;
  size_t dot1 = text.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  size_t dot2 = text.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  if (!IsDigits(text.substr(0, dot1)) || !IsDigits(text.substr(dot1 + 1, dot2 - dot1 - 1)) ||
      !IsDigits(text.substr(dot2 + 1)))
    return std::nullopt;
  if (!ParseUint32(text.substr(0, dot1), &r.major) ||
      !ParseUint32(text.substr(dot1 + 1, dot2 - dot1 - 1), &r.minor) ||
      !ParseUint32(text.substr(dot2 + 1), &r.patch))
    return std::nullopt;
  return r;
}

std::string SpecRelease::ToString() const {
  return std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
}

std::optional<Semver> ParseSemver(std::string_view text) {
  Semver v;
  size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    v.build = text.substr(plus + 1);
    if (!IsSemverIdentifiers(v.build, false)) return std::nullopt;
    text = text.substr(0, plus);
  }
  size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    v.prerelease = text.substr(dash + 1);
    if (!IsSemverIdentifiers(v.prerelease, true)) return std::nullopt;
    text = text.substr(0, dash);
  }
  size_t dot1 = text.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  size_t dot2 = text.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  v.major = text.substr(0, dot1);
  v.minor = text.substr(dot1 + 1, dot2 - dot1 - 1);
  v.patch = text.substr(dot2 + 1);
  if (!IsSemverNumber(v.major) || !IsSemverNumber(v.minor) || !IsSemverNumber(v.patch))
    return std::nullopt;
  return v;
}

int CompareSemverNumbers(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b);
}

int CompareSemver(const Semver& a, const Semver& b) {
  for (auto [x, y] : {std::pair{a.major, b.major}, {a.minor, b.minor}, {a.patch, b.patch}}) {
    if (int order = CompareSemverNumbers(x, y); order != 0) return order;
  }
  // A version with a pre-release comes before the same version without one; pre-releases
  // compare identifier by identifier, numbers below names, a shorter list first.
  if (a.prerelease.empty() || b.prerelease.empty()) {
    return a.prerelease.empty() == b.prerelease.empty() ? 0 : (a.prerelease.empty() ? 1 : -1);
  }
  std::string_view x = a.prerelease, y = b.prerelease;
  while (!x.empty() && !y.empty()) {
    std::string_view xi = x.substr(0, x.find('.')), yi = y.substr(0, y.find('.'));
    bool xn = IsDigits(xi), yn = IsDigits(yi);
    int order = xn && yn ? CompareSemverNumbers(xi, yi) : xn != yn ? (xn ? -1 : 1) : xi.compare(yi);
    if (order != 0) return order < 0 ? -1 : 1;
    x = xi.size() < x.size() ? x.substr(xi.size() + 1) : std::string_view();
    y = yi.size() < y.size() ? y.substr(yi.size() + 1) : std::string_view();
  }
  return x.empty() == y.empty() ? 0 : (x.empty() ? -1 : 1);
}

std::span<const SpecRelease> KnownSpecReleases() {
  return kReleases;
}

std::optional<DeclaredVersion> ReadDeclaredVersion(std::string_view oci_version) {
  std::optional<Semver> semver = ParseSemver(oci_version);
  if (!semver) return std::nullopt;
  DeclaredVersion declared{
      .semver = *semver, .judged_as = kReleases.front(), .members_up_to = kReleases.front()};
  /// The declared MAJOR.MINOR.PATCH against a release: <0, 0 or >0.
  auto compare = [&](const SpecRelease& r) {
    int order = CompareSemverNumbers(semver->major, std::to_string(r.major));
    if (order == 0) order = CompareSemverNumbers(semver->minor, std::to_string(r.minor));
    if (order == 0) order = CompareSemverNumbers(semver->patch, std::to_string(r.patch));
    return order;
  };
  declared.older_than_known = compare(kReleases.front()) < 0;
  declared.newer_than_known = compare(kReleases.back()) > 0;
  size_t judged = 0;
  for (size_t i = 0; i < kReleases.size(); ++i) {
    int order = compare(kReleases[i]);
    if (order < 0) break;
    judged = i;
    if (order == 0) declared.known_release = true;
  }
  declared.judged_as = kReleases[judged];
  declared.members_up_to = declared.judged_as;
  // Upstream's development versions: "-dev" after the 1.0.x release it names (specs-go
  // VersionDev, until 1.1.0-rc.1), "+dev" after the release since 1.1.0 (#1198).
  constexpr SpecRelease kPlusDevSince{1, 1, 0};
  bool dev_after = declared.known_release &&
                   ((semver->prerelease == "dev" && declared.judged_as < kPlusDevSince) ||
                    (semver->prerelease.empty() && semver->build == "dev" &&
                     declared.judged_as >= kPlusDevSince));
  if (dev_after && judged + 1 < kReleases.size()) {
    declared.development_after = true;
    declared.members_up_to = kReleases[judged + 1];
  }
  return declared;
}

}  // namespace ocilint::lint
