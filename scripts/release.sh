#!/usr/bin/env bash
# Makes the release tarball: dist/oci-lint-VERSION-linux-ARCH.tar.gz and dist/SHA256SUMS.
#
# The tarball holds one directory, oci-lint-VERSION-linux-ARCH/, with what `cmake --install
# --strip` puts under a prefix (bin/oci-lint, bin/oci-lint-runtime,
# libexec/oci-lint/oci-lint-probe-helper, and
# whatever else the install rules name: man pages, completions, docs) plus LICENSE. Both
# programs must be static (no program interpreter, no dynamic section) so that the tarball runs
# on any Linux of the same architecture; oci-lint must moreover be a plain static executable,
# not a static PIE (the start-up reason is in validator/CMakeLists.txt and docs/security.md).
# The archive is reproducible: sorted names, owner 0:0, every mtime the last commit's time,
# gzip without a name or time stamp.
#
# Usage: scripts/release.sh [--build-dir DIR] [--out DIR]
#   --build-dir DIR  package an existing build in DIR as it is (nothing is compiled);
#                    default: configure a fresh Release build in build-release/ (tests and
#                    benchmarks off) and build it
#   --out DIR        where the tarball and SHA256SUMS are written (default: dist/)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=""
out_dir="$repo/dist"

usage() {
  sed -n '/^# Usage:/,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --build-dir) [[ $# -ge 2 ]] || usage; build_dir=$2; shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage; out_dir=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "release: unknown argument: $1" >&2; usage ;;
  esac
done

die() {
  echo "release: $*" >&2
  exit 1
}

for tool in cmake readelf tar gzip sha256sum; do
  command -v "$tool" >/dev/null || die "$tool not found (scripts/setup.sh installs it)"
done

if [[ -z "$build_dir" ]]; then
  build_dir="$repo/build-release"
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  if [[ ! -f "$build_dir/CMakeCache.txt" ]]; then
    cmake -S "$repo" -B "$build_dir" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release \
      -DOCI_LINT_BUILD_TESTS=OFF -DOCI_LINT_BUILD_BENCHMARKS=OFF -DOCI_LINT_SANITIZE=OFF \
      -DOCI_LINT_WERROR="${OCI_LINT_WERROR:-OFF}" >/dev/null
  fi
  # The default target: with tests and benchmarks off that is the two programs and whatever
  # the install rules need built.
  cmake --build "$build_dir" -j "${JOBS:-$(nproc)}"
fi
build_dir=$(cd "$build_dir" && pwd)
[[ -f "$build_dir/CMakeCache.txt" ]] || die "$build_dir is not a CMake build directory"
grep -q '^OCI_LINT_SANITIZE:BOOL=ON' "$build_dir/CMakeCache.txt" &&
  die "$build_dir is a sanitizer build; its programs cannot be static"

oci_lint="$build_dir/oci-lint"
helper="$build_dir/oci-lint-probe-helper"
runtime_wrapper="$build_dir/oci-lint-runtime"

# Static: no PT_INTERP program header and no dynamic section.
check_static() {
  local file=$1 headers
  [[ -x "$file" ]] || die "$file not built"
  headers=$(LC_ALL=C readelf --program-headers --wide "$file")
  if grep -q 'INTERP' <<<"$headers"; then
    die "$file has a program interpreter (dynamically linked); a release needs a static binary"
  fi
  if ! LC_ALL=C readelf --dynamic "$file" | grep -q 'There is no dynamic section'; then
    die "$file has a dynamic section (dynamic or static-PIE); a release needs a plain static binary"
  fi
}
check_static "$oci_lint"
check_static "$helper"
check_static "$runtime_wrapper"
# oci-lint in particular is a fixed-address executable, not a static PIE.
LC_ALL=C readelf --file-header "$oci_lint" | grep -q 'Type:[[:space:]]*EXEC' ||
  die "$oci_lint is not a plain (non-PIE) executable; see validator/CMakeLists.txt"

# VERSION: the first line of `oci-lint --version` ("oci-lint 0.1.0"), which is CMake's
# project version.
version_line=$("$oci_lint" --version | head -n 1)
version=${version_line##* }
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([.+~-][0-9A-Za-z.+~-]*)?$ ]] ||
  die "cannot read a version from '$version_line'"
project_version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")
if [[ -n "$project_version" && "$project_version" != "$version" ]]; then
  die "oci-lint --version says $version but the CMake project version is $project_version"
fi
arch=$(uname -m)
name="oci-lint-$version-linux-$arch"

# Every file's time: the last commit's, so that two runs on the same commit give the same bytes.
epoch=${SOURCE_DATE_EPOCH:-}
if [[ -z "$epoch" ]]; then
  epoch=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || true)
fi
[[ -n "$epoch" ]] || epoch=0

stage=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-release.XXXXXXXX")
trap 'rm -rf "$stage"' EXIT
root="$stage/$name"
cmake --install "$build_dir" --prefix "$root" --strip >"$stage/install.log" ||
  { cat "$stage/install.log" >&2; die "cmake --install failed"; }
[[ -x "$root/bin/oci-lint" ]] || die "the install rules did not install bin/oci-lint"
[[ -x "$root/bin/oci-lint-runtime" ]] || die "the install rules did not install bin/oci-lint-runtime"
[[ -x "$root/libexec/oci-lint/oci-lint-probe-helper" ]] ||
  die "the install rules did not install libexec/oci-lint/oci-lint-probe-helper"
install -m 0644 "$repo/LICENSE" "$root/LICENSE"
# Plain permissions whatever the umask: directories and programs 0755, other files 0644.
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -perm /0111 -exec chmod 0755 {} +
find "$root" -type f ! -perm /0111 -exec chmod 0644 {} +

mkdir -p "$out_dir"
out_dir=$(cd "$out_dir" && pwd)
tarball="$name.tar.gz"
LC_ALL=C tar --create --format=gnu --sort=name --owner=0 --group=0 --numeric-owner \
  --mtime="@$epoch" --directory="$stage" "$name" |
  gzip -n -9 >"$out_dir/$tarball.tmp"
mv "$out_dir/$tarball.tmp" "$out_dir/$tarball"
(cd "$out_dir" && sha256sum "$tarball" >SHA256SUMS)

echo "release: $out_dir/$tarball"
(cd "$out_dir" && cat SHA256SUMS)
