#!/usr/bin/env bash
# Runs both conformance batteries (capabilities and spec) against Debian's runc, crun and runsc
# as root, and against runc through oci-lint-runtime with the adapt policy
# (docs/runtime-gate.md), writes reports/<runtime>-<version>/report.{md,json,junit.xml,tap,html}
# for each (reports/runc-<version>+oci-lint-runtime-adapt/ for the wrapper), and
# reports/compare.{html,md}, the runtimes side by side. runsc (gVisor) runs with
# --network=none --ignore-cgroups, the global arguments it needs on a host without its network
# setup and cgroup delegation; the reports record them. A runtime that fails requirements is
# reported, not an error: the script fails only when a battery cannot run at all.
# Usage: scripts/conformance.sh [RUNTIME...]
#   (default: runc crun runsc runc+oci-lint-runtime-adapt)
# RUNTIME+oci-lint-runtime-POLICY runs RUNTIME (found on PATH) through build/oci-lint-runtime
# with --oci-lint-runtime and --oci-lint-policy POLICY given as --runtime-arg.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $(id -u) -ne 0 ]]; then
  echo "conformance.sh: the batteries run runtimes as root; run it as root" >&2
  exit 3
fi
./scripts/setup.sh
./scripts/build.sh --target oci-lint oci-lint-probe-helper oci-lint-runtime >/dev/null

runtimes=("$@")
[[ ${#runtimes[@]} -gt 0 ]] || runtimes=(runc crun runsc runc+oci-lint-runtime-adapt)
status=0
dirs=()
for runtime in "${runtimes[@]}"; do
  args=()
  [[ $(basename "${runtime%%+*}") == runsc ]] && args=(--runtime-arg=--network=none --runtime-arg=--ignore-cgroups)
  if [[ $runtime == *+oci-lint-runtime-* ]]; then
    wrapped=${runtime%%+oci-lint-runtime-*}
    policy=${runtime##*+oci-lint-runtime-}
    path=$(command -v "$wrapped") || {
      echo "conformance.sh: $wrapped is not on PATH" >&2
      status=3
      continue
    }
    # The wrapper's own flags go before the subcommand, as the battery puts every --runtime-arg.
    args+=(--runtime-arg="--oci-lint-runtime=$path" --runtime-arg="--oci-lint-policy=$policy")
    runtime=./build/oci-lint-runtime
  fi
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
