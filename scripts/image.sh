#!/usr/bin/env bash
# Builds the oci-lint container image (Containerfile: FROM scratch, the two static programs and
# the licence) with podman, from a release tarball of scripts/release.sh. Offline: nothing is
# pulled. Then runs `IMAGE --version` once to find how containers run on this host and prints
# the command line that works here:
#   - a bounding set without CAP_SYS_RESOURCE (docker-in-docker, some CI sandboxes) cannot
#     raise an rlimit above its hard limit, and podman asks for RLIMIT_NOFILE 1048576 by
#     default: runc fails with "error setting rlimit type 7: operation not permitted" (crun
#     with "setrlimit `RLIMIT_NOFILE`: Operation not permitted"); --ulimit nofile=1024:1024
#     --ulimit nproc=1024:1024 asks for limits the host can give;
#   - crun 1.8 refuses a hybrid cgroup hierarchy whose cgroup v2 mount has controllers
#     ("cgroups in hybrid mode not supported, drop all controllers from cgroupv2"); runc runs
#     there: podman --runtime runc.
#
# Usage: scripts/image.sh [--tag TAG]... [--tarball FILE | --build-dir DIR] [--no-check]
#   --tag TAG        tag the image TAG (repeatable; default: oci-lint:VERSION and oci-lint:latest)
#   --tarball FILE   build from this release tarball (oci-lint-VERSION-linux-ARCH.tar.gz)
#   --build-dir DIR  make the tarball from this existing build (scripts/release.sh --build-dir)
#                    (neither: scripts/release.sh makes a fresh release build in build-release/)
#   --no-check       do not run the image once after building it (that run failing: exit 1)
# Environment: OCI_LINT_SOURCE_URL, OCI_LINT_DOCUMENTATION_URL fill the image's
# org.opencontainers.image.source and .documentation labels (default: the HOMEPAGE_URL of
# CMakeLists.txt, and its docs/ci.md).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tags=()
tarball=""
build_dir=""
check=1

usage() {
  sed -n '/^# Usage:/,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}
die() {
  echo "image: $*" >&2
  exit 1
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --tag) [[ $# -ge 2 ]] || usage; tags+=("$2"); shift 2 ;;
    --tarball) [[ $# -ge 2 ]] || usage; tarball=$2; shift 2 ;;
    --build-dir) [[ $# -ge 2 ]] || usage; build_dir=$2; shift 2 ;;
    --no-check) check=0; shift ;;
    -h | --help) usage ;;
    *) echo "image: unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n "$tarball" && -n "$build_dir" ]] && die "--tarball and --build-dir exclude each other"
command -v podman >/dev/null || die "podman not found (scripts/setup.sh installs it)"

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-image.XXXXXXXX")
trap 'rm -rf "$work"' EXIT

if [[ -z "$tarball" ]]; then
  release_args=(--out "$work/dist")
  [[ -n "$build_dir" ]] && release_args+=(--build-dir "$build_dir")
  "$repo/scripts/release.sh" "${release_args[@]}" >&2
  tarball=$(find "$work/dist" -maxdepth 1 -name 'oci-lint-*.tar.gz' -print -quit)
fi
[[ -f "$tarball" ]] || die "no tarball: $tarball"

# The tarball's single top directory, oci-lint-VERSION-linux-ARCH, is the build context.
top=$(tar -tzf "$tarball" | sed -n 1p)
top=${top%%/*}
[[ "$top" =~ ^oci-lint-(.+)-linux-([^-]+)$ ]] || die "$tarball is not an oci-lint release tarball"
version=${BASH_REMATCH[1]}
tar -xzf "$tarball" -C "$work"
context="$work/$top"
for f in bin/oci-lint libexec/oci-lint/oci-lint-probe-helper LICENSE; do
  [[ -f "$context/$f" ]] || die "$tarball lacks $top/$f"
done

# Labels: the commit the programs were built from (their --version says; in full when this
# clone knows it) and the time of the tarball's files (the last commit's), so that the same
# build gives the same labels.
revision=$("$context/bin/oci-lint" --version 2>/dev/null | sed -n 's/^commit: //p' || true)
revision=${revision:-unknown}
if full=$(git -C "$repo" rev-parse --verify --quiet "${revision%-dirty}^{commit}" 2>/dev/null); then
  [[ "$revision" == *-dirty ]] && full="$full-dirty"
  revision=$full
fi
epoch=$(TZ=UTC tar -tvzf "$tarball" --full-time | awk 'NR == 1 { print $4 "T" $5 }')
created=$(TZ=UTC date -u -d "$epoch" +%Y-%m-%dT%H:%M:%SZ 2>/dev/null || date -u +%Y-%m-%dT%H:%M:%SZ)
# The project's HOMEPAGE_URL (CMakeLists.txt), the address SARIF's help links use too.
homepage=$(sed -n 's/.*HOMEPAGE_URL "\([^"]*\)".*/\1/p' "$repo/CMakeLists.txt")
source_url=${OCI_LINT_SOURCE_URL:-$homepage}
documentation_url=${OCI_LINT_DOCUMENTATION_URL:-}
if [[ -z "$documentation_url" && "$source_url" == https://* ]]; then
  documentation_url="${source_url%.git}/blob/main/docs/ci.md"
fi

[[ ${#tags[@]} -gt 0 ]] || tags=("oci-lint:$version" "oci-lint:latest")
tag_args=()
for t in "${tags[@]}"; do tag_args+=(--tag "$t"); done

podman build --pull=never --layers=false --file "$repo/Containerfile" "${tag_args[@]}" \
  --build-arg "VERSION=$version" --build-arg "REVISION=$revision" \
  --build-arg "CREATED=$created" --build-arg "SOURCE=$source_url" \
  --build-arg "DOCUMENTATION=$documentation_url" \
  "$context" >&2
echo "image: built ${tags[*]} from $(basename "$tarball")" >&2

[[ $check -eq 1 ]] || exit 0

# How containers run here. CAP_SYS_RESOURCE is bit 24 of CapBnd.
run=(podman)
ulimits=()
capbnd=$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)
if [[ -n "$capbnd" ]] && ((((16#$capbnd) >> 24 & 1) == 0)); then
  ulimits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
  echo "image: this host's bounding set lacks CAP_SYS_RESOURCE (CapBnd $capbnd): podman's" \
    "default RLIMIT_NOFILE 1048576 cannot be set here (runc: \"error setting rlimit type 7:" \
    "operation not permitted\"); run the image with ${ulimits[*]}" >&2
fi
if ! podman run --rm "${ulimits[@]}" "${tags[0]}" --version >"$work/run.out" 2>"$work/run.err"; then
  if grep -q 'cgroups in hybrid mode not supported' "$work/run.err"; then
    echo "image: podman's default runtime (crun) refuses this host's hybrid cgroup hierarchy" \
      "(its cgroup v2 mount has controllers: $(cat /sys/fs/cgroup/unified/cgroup.controllers \
      2>/dev/null || echo '?')); trying runc" >&2
    run=(podman --runtime runc)
    if ! "${run[@]}" run --rm "${ulimits[@]}" "${tags[0]}" --version >"$work/run.out" \
      2>"$work/run.err"; then
      cat "$work/run.err" >&2
      echo "image: the image was built but does not run here with runc either" >&2
      exit 1
    fi
  else
    cat "$work/run.err" >&2
    echo "image: the image was built but does not run here (see above)" >&2
    exit 1
  fi
fi
head -n 1 "$work/run.out" >&2
echo "image: run it here with:" >&2
echo "  ${run[*]} run --rm ${ulimits[*]:+${ulimits[*]} }-v \"\$PWD\":/work:ro ${tags[0]} --environment none config.json" >&2
