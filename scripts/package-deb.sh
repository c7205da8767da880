#!/usr/bin/env bash
# Builds the Debian package dist/oci-lint_VERSION_ARCH.deb from a build tree that is already
# built (nothing is compiled): `cmake --install --strip --prefix /usr` into a staging root (the
# install rules are the one description of the layout), then what Debian asks of a package on
# top: gzipped man pages, a native changelog.gz, a machine-readable copyright file instead of
# the licence text, md5sums, a control file, files owned by root (dpkg-deb --root-owner-group).
# The version is the CMake project version, the architecture dpkg's.
#
# Usage: scripts/package-deb.sh [--build-dir DIR] [--out DIR]
#   --build-dir DIR  the built tree (default: build/ in the source tree)
#   --out DIR        where to write the .deb (default: dist/ in the source tree)
# Environment: OCI_LINT_MAINTAINER (default "oci-lint developers <dev@oci-lint.invalid>"),
# SOURCE_DATE_EPOCH (default: the last commit's time), for the changelog's date.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$root/build
out_dir=$root/dist
while [[ $# -gt 0 ]]; do
  case $1 in
    --build-dir) build_dir=${2:?--build-dir needs a directory}; shift 2 ;;
    --out) out_dir=${2:?--out needs a directory}; shift 2 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "package-deb.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ -f $build_dir/CMakeCache.txt ]] ||
  { echo "package-deb.sh: $build_dir is not a CMake build tree" >&2; exit 2; }
[[ -x $build_dir/oci-lint ]] ||
  { echo "package-deb.sh: $build_dir/oci-lint is not built (cmake --build $build_dir)" >&2; exit 2; }

package=oci-lint
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
homepage=$(sed -n 's/^CMAKE_PROJECT_HOMEPAGE_URL:STATIC=//p' "$build_dir/CMakeCache.txt")
[[ -n $version ]] || { echo "package-deb.sh: no CMAKE_PROJECT_VERSION in $build_dir" >&2; exit 2; }
arch=$(dpkg --print-architecture)
maintainer=${OCI_LINT_MAINTAINER:-oci-lint developers <dev@oci-lint.invalid>}
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
first_year=$(git -C "$root" log --format=%ad --date=format:%Y 2>/dev/null | tail -1)
last_year=$(date -u -d "@$epoch" +%Y)
years=${first_year:-$last_year}
[[ $years == "$last_year" ]] || years="$years-$last_year"

staging=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-deb.XXXXXXXX")
trap 'rm -rf "$staging"' EXIT
pkg=$staging/$package
umask 022
DESTDIR=$pkg cmake --install "$build_dir" --prefix /usr --strip >/dev/null
doc=$pkg/usr/share/doc/$package
# What dh_strip removes beyond --strip: the compiler's notes.
for binary in "$pkg/usr/bin/oci-lint" "$pkg/usr/bin/oci-lint-runtime" \
  "$pkg/usr/libexec/oci-lint/oci-lint-probe-helper"; do
  strip --remove-section=.comment --remove-section=.note "$binary"
done

# Debian wants the man pages and the changelog compressed, without a timestamp in the gzip.
find "$pkg/usr/share/man" -type f -name '*.[1-9]' -exec gzip -9n {} +
# The licence is in copyright (the Apache-2.0 text itself is in /usr/share/common-licenses).
rm -f "$doc/LICENSE"
cat >"$doc/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: oci-lint
Source: the oci-lint source tree, commit $commit

Files: *
Copyright: $years the oci-lint authors
License: Apache-2.0

License: Apache-2.0
 Licensed under the Apache License, Version 2.0 (the "License");
 you may not use this file except in compliance with the License.
 You may obtain a copy of the License at
 .
 https://www.apache.org/licenses/LICENSE-2.0
 .
 Unless required by applicable law or agreed to in writing, software
 distributed under the License is distributed on an "AS IS" BASIS,
 WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 See the License for the specific language governing permissions and
 limitations under the License.
 .
 On Debian systems, the complete text of the Apache License, Version 2.0
 can be found in "/usr/share/common-licenses/Apache-2.0".
COPYRIGHT
{
  echo "$package ($version) unstable; urgency=medium"
  echo
  echo "  * Upstream release $version, built from commit $commit."
  echo
  echo " -- $maintainer  $(LC_ALL=C date -u -R -d "@$epoch")"
} | gzip -9n >"$doc/changelog.gz"

# A static binary is what oci-lint is built for (it starts in half the time): say so.
mkdir -p "$pkg/usr/share/lintian/overrides"
cat >"$pkg/usr/share/lintian/overrides/$package" <<'OVERRIDES'
# oci-lint is linked statically on purpose: it starts in less than half the time of a dynamic
# build, which is most of the cost of linting one config (reports/benchmarks.md).
oci-lint: statically-linked-binary [usr/bin/oci-lint]
# oci-lint-runtime, the runtime wrapper, starts at every container create: static for the same
# reason.
oci-lint: statically-linked-binary [usr/bin/oci-lint-runtime]
# The probe helper is copied alone into each conformance bundle's empty rootfs, where no shared
# library exists: it has to be static.
oci-lint: statically-linked-binary [usr/libexec/oci-lint/oci-lint-probe-helper]
OVERRIDES

# Shared libraries, if this build links any (a build without a static libcap does).
depends=()
for binary in "$pkg/usr/bin/oci-lint" "$pkg/usr/bin/oci-lint-runtime" \
  "$pkg/usr/libexec/oci-lint/oci-lint-probe-helper"; do
  while read -r library; do
    path=$(ldconfig -p | awk -v l="$library" '$1 == l && !found { print $NF; found = 1 }')
    [[ -n $path ]] || continue
    owner=$(dpkg -S "$(realpath "$path")" 2>/dev/null | head -1 | cut -d: -f1) || true
    [[ -n $owner ]] && depends+=("$owner (>= $(dpkg-query -W -f='${Version}' "$owner"))")
  done < <(LC_ALL=C readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done

mkdir -p "$pkg/DEBIAN"
(cd "$pkg" && find usr -type f -print0 | sort -z | xargs -0 md5sum) >"$pkg/DEBIAN/md5sums"
{
  echo "Package: $package"
  echo "Version: $version"
  echo "Architecture: $arch"
  echo "Maintainer: $maintainer"
  echo "Installed-Size: $(du -sk --exclude=DEBIAN "$pkg" | cut -f1)"
  if [[ ${#depends[@]} -gt 0 ]]; then
    printf 'Depends: %s\n' "$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')"
  fi
  echo "Suggests: runc | crun"
  [[ -n $homepage ]] && echo "Homepage: $homepage"
  echo "Section: devel"
  echo "Priority: optional"
  echo "Description: linter for OCI runtime-spec container configs (config.json)"
  echo " oci-lint checks OCI runtime-spec config.json files, runtime features"
  echo " documents and container states against the runtime-spec JSON schemas,"
  echo " with exact file:line:column locations, and against the spec's semantic"
  echo " rules for a target kernel, environment and runtime. It reports as text,"
  echo " JSON, SARIF and other formats, explains every rule, and can run a real"
  echo " OCI runtime through the spec's requirements and compare runtimes."
} >"$pkg/DEBIAN/control"

mkdir -p "$out_dir"
deb=$out_dir/${package}_${version}_${arch}.deb
dpkg-deb --build --root-owner-group -Zxz "$pkg" "$deb" >/dev/null
echo "$deb"
