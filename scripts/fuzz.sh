#!/usr/bin/env bash
# Builds the libFuzzer targets of validator/fuzz with clang into build-fuzz/ and runs each for
# SECONDS (default 5) from a scratch copy of its committed corpus (validator/fuzz/corpus/NAME/),
# with the dictionary validator/fuzz/oci.dict, two at a time (FUZZ_PARALLEL). Prints each
# target's executions and coverage; exits 1 on any crash, leak, timeout or out-of-memory, naming
# the reproducer, which stays in build-fuzz/artifacts/NAME/ (replay: build-fuzz/fuzz/fuzz-NAME
# FILE). The logs stay in build-fuzz/logs/. Usage: scripts/fuzz.sh [SECONDS [NAME...]]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-5}
[[ $# -gt 0 ]] && shift
all=(lint schema_dir policy proc_capture features exec_model conformance_report gate_adapt)
targets=("${@:-${all[@]}}")
parallel=${FUZZ_PARALLEL:-2}

# The longest input each target is given: a little above its largest seed.
max_len() {
  case "$1" in
    lint | schema_dir | features | conformance_report | gate_adapt) echo 32768 ;;
    policy | proc_capture) echo 8192 ;;
    exec_model) echo 64 ;;
  esac
}

generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[[ -f build-fuzz/CMakeCache.txt ]] ||
  cmake -S . -B build-fuzz "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g" \
    -DOCI_LINT_FUZZ=ON -DOCI_LINT_BUILD_TESTS=OFF -DOCI_LINT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzzers

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p build-fuzz/logs

run_target() {
  local name=$1 dashed=${1//_/-}
  local corpus="$work/corpus/$name" artifacts="build-fuzz/artifacts/$name"
  mkdir -p "$corpus" "$artifacts" "$work/tmp/$name"
  cp validator/fuzz/corpus/"$name"/* "$corpus/"
  TMPDIR="$work/tmp/$name" ASAN_OPTIONS=detect_leaks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz/fuzz-$dashed" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len "$name")" -dict=validator/fuzz/oci.dict -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" >"build-fuzz/logs/$name.log" 2>&1
}

report() {
  local name=$1 status=$2 log="build-fuzz/logs/$1.log"
  local execs done_line
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  done_line=$(grep -E '^#[0-9]+[[:space:]]+(DONE|INITED|NEW|REDUCE|pulse)' "$log" | tail -1 || true)
  printf '%-13s %s execs  %s\n' "$name" "${execs:-?}" \
    "$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[^ ]+' <<<"$done_line" || true)"
  if [[ $status -ne 0 ]]; then
    echo "fuzz: $name FAILED (exit $status); log build-fuzz/logs/$name.log:" >&2
    grep -E 'ERROR|SUMMARY|Test unit written|DEADLYSIGNAL|timeout|out-of-memory' "$log" >&2 || true
    tail -n 40 "$log" >&2
    return 1
  fi
}

failed=0
declare -A names=()
# Reaps whichever target ends first and reports it.
wait_one() {
  local pid status=0
  wait -n -p pid || status=$?
  report "${names[$pid]}" "$status" || failed=1
  unset "names[$pid]"
}
for name in "${targets[@]}"; do
  [[ -d validator/fuzz/corpus/$name ]] || { echo "fuzz: no target $name" >&2; exit 2; }
  [[ ${#names[@]} -lt $parallel ]] || wait_one
  run_target "$name" &
  names[$!]=$name
done
while [[ ${#names[@]} -gt 0 ]]; do wait_one; done
exit "$failed"
