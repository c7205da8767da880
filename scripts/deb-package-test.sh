#!/usr/bin/env bash
# The ctest distribution.debian_package: scripts/package-deb.sh makes the .deb from the built
# tree; lintian finds no error in it; dpkg installs it into a scratch root (not this system),
# where the installed oci-lint runs, lints (exit 0 clean, 1 with schema errors), finds its probe
# helper in ../libexec/oci-lint, and every installed man page renders. Exit 77 (ctest:
# skipped), with the reason, when dpkg-deb, lintian or man is missing.
#
# Usage: scripts/deb-package-test.sh BUILD_DIR
set -euo pipefail
build_dir=$(cd "${1:?usage: deb-package-test.sh BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for tool in dpkg-deb dpkg lintian man; do
  command -v $tool >/dev/null ||
    { echo "SKIP: $tool is not installed (apt-get install dpkg-dev lintian man-db)"; exit 77; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-deb-test.XXXXXXXX")
trap 'rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

deb=$("$root/scripts/package-deb.sh" --build-dir "$build_dir" --out "$work/dist")
version=$(dpkg-deb -f "$deb" Version)
echo "built $(basename "$deb")"

# lintian: every tag shown (info too), none an error.
lintian_out=$(lintian --info --display-info --pedantic "$deb" 2>&1) || true
echo "lintian says:"
echo "${lintian_out:-  nothing}"
if grep -q '^E: ' <<<"$lintian_out" || ! lintian --fail-on error "$deb" >/dev/null 2>&1; then
  fail "lintian reports errors"
fi

# A scratch root with an empty dpkg database: dpkg installs there, nothing else is touched.
scratch=$work/root
mkdir -p "$scratch/var/lib/dpkg/info" "$scratch/var/lib/dpkg/updates" \
  "$scratch/var/lib/dpkg/triggers"
touch "$scratch/var/lib/dpkg/status"
dpkg --root="$scratch" --log=/dev/null --force-not-root --force-script-chrootless \
  --force-depends --no-triggers -i "$deb" >/dev/null
installed=$(dpkg --root="$scratch" -s oci-lint | sed -n 's/^Status: //p')
[[ $installed == "install ok installed" ]] || fail "dpkg says the package is '$installed'"

oci_lint=$scratch/usr/bin/oci-lint
helper=$scratch/usr/libexec/oci-lint/oci-lint-probe-helper
[[ -x $oci_lint && -x $helper ]] || fail "the binaries are not installed where they belong"
first=$("$oci_lint" --version | head -1)
[[ $first == "oci-lint $version" ]] || fail "--version says '$first', the package is $version"
status=0
"$oci_lint" --color never "$root/testdata/examples/clean.oci.json" >/dev/null || status=$?
[[ $status -eq 0 ]] || fail "the installed oci-lint exits $status on clean.oci.json"
status=0
"$oci_lint" --color never "$root/testdata/examples/schema-errors.oci.json" >/dev/null || status=$?
[[ $status -eq 1 ]] || fail "the installed oci-lint exits $status on schema-errors.oci.json"

# The probe helper is found beside the binary's directory, in ../libexec/oci-lint: made
# untrustworthy (group-writable), it is refused by that path before any runtime is run.
chmod g+w "$helper"
err=$("$oci_lint" conformance --runtime /bin/true 2>&1 >/dev/null) || true
chmod g-w "$helper"
[[ $err == *"the probe helper: $helper "* ]] ||
  fail "conformance did not look for the helper at $helper: $err"

# The man pages are gzipped, one per command, and each renders without a groff warning.
pages=("$scratch"/usr/share/man/man1/*.1.gz)
built=("$build_dir"/share/man/man1/*.1)
[[ ${#pages[@]} -eq ${#built[@]} ]] ||
  fail "${#pages[@]} man pages installed, the build wrote ${#built[@]}: ${pages[*]}"
"$root/scripts/man-pages-test.sh" "$scratch/usr/share/man/man1" || fail "an installed man page"
for file in usr/share/bash-completion/completions/oci-lint \
  usr/share/zsh/vendor-completions/_oci-lint usr/share/fish/vendor_completions.d/oci-lint.fish \
  usr/share/doc/oci-lint/copyright usr/share/doc/oci-lint/changelog.gz \
  usr/share/doc/oci-lint/README.md; do
  [[ -s $scratch/$file ]] || fail "/$file is not installed"
done

((failed == 0)) && echo "ok: $(basename "$deb") is lintian-clean, installs and works"
exit $failed
