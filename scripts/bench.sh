#!/usr/bin/env bash
# Builds the Release tree and runs the Google Benchmark microbenchmarks (parse, schema
# validation, a whole lint of a real podman config, report writing). Extra arguments go to
# the benchmark binary, e.g. --benchmark_filter=Parse or --benchmark_format=json.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/build.sh --target oci-lint-bench >/dev/null
exec ./build/oci-lint-bench "$@"
