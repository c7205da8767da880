#!/usr/bin/env bash
# Runs the capability conformance battery against Debian's runc and crun (or the runtimes given
# as arguments) as root and writes reports/<runtime>-<version>/report.{md,json,junit.xml,tap,html}.
# A runtime that fails requirements is reported, not an error: the script fails only when a
# battery cannot run at all.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $(id -u) -ne 0 ]]; then
  echo "conformance.sh: the battery runs runtimes as root; run it as root" >&2
  exit 3
fi
./scripts/setup.sh
./scripts/build.sh --target oci-lint oci-lint-probe-helper >/dev/null

runtimes=("$@")
[[ ${#runtimes[@]} -gt 0 ]] || runtimes=(runc crun)
status=0
for runtime in "${runtimes[@]}"; do
  rc=0
  ./build/oci-lint conformance --runtime "$runtime" || rc=$?
  # 0: every scenario passed; 1: some requirement failed (that is the report's news).
  if [[ $rc -gt 1 ]]; then
    echo "conformance.sh: the battery could not run against $runtime (exit $rc)" >&2
    status=$rc
  fi
done
exit "$status"
