#!/usr/bin/env bash
# Installs what oci-lint needs to build and test, from Debian packages only.
# Idempotent: silent and quick when everything is already there.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Microsoft's SARIF validator for the report tests, from npm when npm is there (the tests skip
# without it). Quiet, and a failure here does not stop the setup.
install_sarif_multitool() {
  [[ -x "$root/build/npm/node_modules/.bin/sarif-multitool" ]] && return 0
  command -v npm >/dev/null || return 0
  echo "setup: installing @microsoft/sarif-multitool into build/npm" >&2
  npm install --no-audit --no-fund --silent --prefix "$root/build/npm" \
    @microsoft/sarif-multitool >&2 ||
    echo "setup: could not install @microsoft/sarif-multitool; SARIF validation will skip" >&2
}

packages=(
  # build
  g++ cmake ninja-build pkg-config
  rapidjson-dev libcli11-dev libcap-dev libtomlplusplus-dev
  libgtest-dev libbenchmark-dev
  # tests: the reference validator, the upstream schema copy, the format check
  python3 python3-jsonschema golang-github-opencontainers-specs-dev clang-format
  # tests: real runtimes for --runtime (runc has `features`, crun 1.8 does not) and for the
  # conformance batteries (runsc is gVisor's), and the static busybox their test containers run
  # (semantic.live_runc_and_crun)
  runc crun runsc busybox-static util-linux
  # tests of the ways oci-lint is distributed (issue 15): the container image (podman), the
  # pre-commit hook, the Debian package (lintian, dpkg-deb), its man pages (man -l) and the
  # shell completions in the shells they are written for
  podman pre-commit lintian dpkg-dev man-db groff-base bash-completion zsh fish
  # the fuzz targets (scripts/fuzz.sh): clang, and libFuzzer with the sanitizer runtimes, which
  # Debian 12 ships in libclang-rt-14-dev (clang only recommends it)
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  install_sarif_multitool
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    echo "setup: not root and no sudo; install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
install_sarif_multitool
