#!/usr/bin/env bash
# Runs both conformance batteries (capabilities and spec) against Debian's runc, crun and runsc
# as root, writes reports/<runtime>-<version>/report.{md,json,junit.xml,tap,html} for each, and
# reports/compare.{html,md}, the runtimes side by side. runsc (gVisor) runs with
# --network=none --ignore-cgroups, the global arguments it needs on a host without its network
# setup and cgroup delegation; the reports record them. A runtime that fails requirements is
# reported, not an error: the script fails only when a battery cannot run at all.
# Usage: scripts/conformance.sh [RUNTIME...]   (default: runc crun runsc)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $(id -u) -ne 0 ]]; then
  echo "conformance.sh: the batteries run runtimes as root; run it as root" >&2
  exit 3
fi
./scripts/setup.sh
./scripts/build.sh --target oci-lint oci-lint-probe-helper >/dev/null

runtimes=("$@")
[[ ${#runtimes[@]} -gt 0 ]] || runtimes=(runc crun runsc)
status=0
dirs=()
for runtime in "${runtimes[@]}"; do
  args=()
  [[ $(basename "$runtime") == runsc ]] && args=(--runtime-arg=--network=none --runtime-arg=--ignore-cgroups)
  rc=0
  out=$(./build/oci-lint conformance --runtime "$runtime" "${args[@]}" --battery all) || rc=$?
  echo "$out"
  # 0: every scenario passed; 1: some requirement failed (that is the report's news).
  if [[ $rc -gt 1 ]]; then
    echo "conformance.sh: the batteries could not run against $runtime (exit $rc)" >&2
    status=$rc
    continue
  fi
  dirs+=("$(sed -n 's/.*reports in \(.*\)\/$/\1/p' <<<"$out")")
done
if [[ ${#dirs[@]} -gt 1 ]]; then
  ./build/oci-lint conformance compare "${dirs[@]}" --out reports/compare.html
  ./build/oci-lint conformance compare "${dirs[@]}" --format md --out reports/compare.md
  echo "comparison in reports/compare.html and reports/compare.md"
fi
exit "$status"
