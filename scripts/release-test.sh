#!/usr/bin/env bash
# The ctest dist.release_tarball: packages BUILD_DIR with scripts/release.sh (twice, to check
# the tarball is reproducible), checks SHA256SUMS and the tarball's layout, extracts it into an
# otherwise empty directory (no libc, no shell, no /proc) and runs the extracted oci-lint there,
# chrooted in a fresh mount namespace: --version, a clean config (exit 0), a config with schema
# errors (exit 1, findings on stdout), a missing file (exit 3), first without /proc (target
# --kernel none --environment none), then with a /proc mounted for the default target.
# Exit 77 (ctest: skipped), with the reason, when not root or when this machine cannot chroot
# in a new mount namespace.
#
# Usage: scripts/release-test.sh BUILD_DIR
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:?usage: release-test.sh BUILD_DIR}

# shellcheck source=scripts/test-lib.sh
source "$repo/scripts/test-lib.sh"

[[ $(id -u) -eq 0 ]] || skip "not root (chroot needs root)"
command -v unshare >/dev/null || skip "no unshare (util-linux)"
command -v chroot >/dev/null || skip "no chroot (coreutils)"

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-release-test.XXXXXXXX")
trap 'rm -rf "$work"' EXIT

# The machine itself must allow a chroot in a new mount namespace: proved with the host's own
# programs (chroot to /), then with a static program of the Debian archive alone in a directory
# (busybox-static, when installed), before our tarball is judged.
unshare --mount --fork chroot / true 2>"$work/probe.err" ||
  skip "cannot chroot in a new mount namespace here: $(cat "$work/probe.err")"
if [[ -x /bin/busybox ]] && ! LC_ALL=C readelf -l /bin/busybox 2>/dev/null | grep -q INTERP; then
  mkdir -p "$work/probe"
  cp /bin/busybox "$work/probe/busybox"
  unshare --mount --fork chroot "$work/probe" /busybox true 2>"$work/probe.err" ||
    skip "cannot run a static program chrooted alone in a directory here: $(cat "$work/probe.err")"
fi

# Two runs of release.sh on the same build give the same bytes.
"$repo/scripts/release.sh" --build-dir "$build_dir" --out "$work/dist" >"$work/release.log" 2>&1 ||
  { cat "$work/release.log"; fail "release.sh failed"; }
"$repo/scripts/release.sh" --build-dir "$build_dir" --out "$work/dist2" >>"$work/release.log" 2>&1 ||
  { cat "$work/release.log"; fail "release.sh failed the second time"; }
cmp "$work/dist/SHA256SUMS" "$work/dist2/SHA256SUMS" ||
  fail "two runs of release.sh gave different tarballs: $(cat "$work/dist/SHA256SUMS" "$work/dist2/SHA256SUMS")"

(cd "$work/dist" && sha256sum -c SHA256SUMS) || fail "sha256sum -c SHA256SUMS"
mapfile -t tarballs < <(cd "$work/dist" && ls -- *.tar.gz)
[[ ${#tarballs[@]} -eq 1 ]] || fail "expected one tarball in dist/, found: ${tarballs[*]}"
tarball=${tarballs[0]}
version=$("$build_dir/oci-lint" --version | head -n 1)
version=${version##* }
name="oci-lint-$version-linux-$(uname -m)"
[[ "$tarball" == "$name.tar.gz" ]] || fail "tarball is $tarball, expected $name.tar.gz"

# Layout: everything under $name/, owned by 0:0, with the programs and the licence.
tar -tvzf "$work/dist/$tarball" >"$work/listing"
if awk -v top="$name" '{ split($6, p, "/"); if (p[1] != top) bad = 1 } END { exit !bad }' \
  "$work/listing"; then
  cat "$work/listing"
  fail "an entry of the tarball is outside $name/"
fi
if awk '$2 != "0/0" { bad = 1 } END { exit !bad }' "$work/listing"; then
  cat "$work/listing"
  fail "an entry of the tarball is not owned by 0/0"
fi
for entry in "$name/bin/oci-lint" "$name/libexec/oci-lint/oci-lint-probe-helper" "$name/LICENSE"; do
  awk -v e="$entry" '$6 == e { found = 1 } END { exit !found }' "$work/listing" ||
    { cat "$work/listing"; fail "$entry missing from the tarball"; }
done

# Extract into a directory that holds nothing else, add the example configs, and run the
# extracted program chrooted there: it has no libc, no shell and no /proc to lean on.
jail="$work/jail"
mkdir "$jail"
tar -xzf "$work/dist/$tarball" -C "$jail"
mkdir "$jail/examples"
cp "$repo/testdata/examples/clean.oci.json" "$repo/testdata/examples/schema-errors.oci.json" \
  "$jail/examples/"
bin="/$name/bin/oci-lint"
for program in "$jail$bin" "$jail/$name/libexec/oci-lint/oci-lint-probe-helper"; do
  if LC_ALL=C readelf -l "$program" | grep -q INTERP; then
    fail "$program is dynamically linked"
  fi
done

# run_jailed OUT ARGS...: prints the exit status of oci-lint ARGS chrooted in the jail, in a new
# mount namespace, without /proc (so with a target that does not read the host: --kernel none
# --environment none); its stdout goes to OUT, its stderr to OUT.err.
run_jailed() {
  local out=$1 status=0
  shift
  unshare --mount --fork chroot "$jail" "$bin" "$@" >"$out" 2>"$out.err" || status=$?
  echo "$status"
}
# run_jailed_proc OUT ARGS...: the same with a /proc of a new PID namespace mounted in the jail,
# so that the default target (this host's kernel and bounding set) can be read.
run_jailed_proc() {
  local out=$1 status=0
  shift
  mkdir -p "$jail/proc"
  # shellcheck disable=SC2016 # expanded by the inner shell, which runs outside the chroot
  unshare --mount --pid --fork /bin/sh -c 'jail=$1; shift; mount -t proc proc "$jail/proc" &&
    exec chroot "$jail" "$@"' sh "$jail" "$bin" "$@" >"$out" 2>"$out.err" || status=$?
  echo "$status"
}

status=$(run_jailed "$work/version" --version)
[[ $status -eq 0 ]] || fail "oci-lint --version in the chroot exited $status: $(cat "$work/version.err")"
grep -qx "oci-lint $version" <(head -n 1 "$work/version") ||
  fail "oci-lint --version in the chroot printed: $(cat "$work/version")"

target=(--kernel none --environment none)
status=$(run_jailed "$work/clean" lint "${target[@]}" /examples/clean.oci.json)
[[ $status -eq 0 ]] ||
  fail "clean.oci.json in the chroot exited $status: $(cat "$work/clean" "$work/clean.err")"
grep -q '1 file checked: 0 errors' "$work/clean" ||
  fail "clean.oci.json in the chroot: no summary on stdout: $(cat "$work/clean")"

status=$(run_jailed "$work/errors" lint "${target[@]}" /examples/schema-errors.oci.json)
[[ $status -eq 1 ]] ||
  fail "schema-errors.oci.json in the chroot exited $status, expected 1: $(cat "$work/errors" "$work/errors.err")"
grep -q '^/examples/schema-errors.oci.json:[0-9]*:[0-9]*: error: .*\[schema\]$' "$work/errors" ||
  fail "schema-errors.oci.json in the chroot printed no error finding on stdout: $(cat "$work/errors")"

status=$(run_jailed "$work/missing" lint "${target[@]}" /examples/no-such-config.json)
[[ $status -eq 3 ]] ||
  fail "a missing file in the chroot exited $status, expected 3: $(cat "$work/missing" "$work/missing.err")"
grep -q '^/examples/no-such-config.json: error: cannot open .*\[io-error\]$' "$work/missing" ||
  fail "a missing file in the chroot: no io-error finding on stdout: $(cat "$work/missing")"

# The default target reads this host through /proc: with one mounted, the same verdicts.
status=$(run_jailed_proc "$work/clean-proc" lint --verbose /examples/clean.oci.json)
[[ $status -eq 0 ]] ||
  fail "clean.oci.json in the chroot with /proc exited $status: $(cat "$work/clean-proc" "$work/clean-proc.err")"
grep -q '^target kernel: *host kernel' "$work/clean-proc" ||
  fail "clean.oci.json in the chroot with /proc did not target the host kernel: $(cat "$work/clean-proc")"
status=$(run_jailed_proc "$work/errors-proc" lint /examples/schema-errors.oci.json)
[[ $status -eq 1 ]] ||
  fail "schema-errors.oci.json in the chroot with /proc exited $status, expected 1: $(cat "$work/errors-proc.err")"

echo "PASS: $tarball (reproducible, checksummed, runs alone in a chroot): $(cut -d' ' -f1 "$work/dist/SHA256SUMS")"
