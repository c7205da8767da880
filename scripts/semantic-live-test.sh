#!/usr/bin/env bash
# The ctest semantic.live_runc_and_crun: runs runc and crun on every fixture of testdata/semantic
# on this machine (scripts/semantic-truth.sh), then checks oci-lint's semantic rules against what
# they did just now (scripts/check-semantic-agreement.py --live). Exit 77 (ctest: skipped), with
# the reason, when the machine cannot run them: not root, no runc/crun, no busybox-static.
#
# Usage: scripts/semantic-live-test.sh OCI_LINT_BINARY
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
oci_lint=${1:?usage: semantic-live-test.sh OCI_LINT_BINARY}

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-semantic-live.XXXXXXXX")
trap 'rm -rf "$work"' EXIT
set +e
"$repo/scripts/semantic-truth.sh" --out "$work" --oci-lint "$oci_lint" >"$work/run.log" 2>&1
status=$?
set -e
if grep -q '^SKIP: ' "$work/run.log"; then
  grep '^SKIP: ' "$work/run.log"
  exit 77
fi
if [[ $status -ne 0 ]]; then
  cat "$work/run.log"
  echo "semantic-live-test: semantic-truth.sh failed (exit $status)" >&2
  exit 1
fi
exec /usr/bin/python3 "$repo/scripts/check-semantic-agreement.py" --oci-lint "$oci_lint" \
  --live "$work"
