#!/usr/bin/env bash
# Issue 7's peer benchmark: oci-lint beside runtime-tools' validate package (Debian's
# golang-github-opencontainers-runtime-tools-dev built with Debian's golang-go), Ajv with
# ajv-draft-04 (npm) and python3-jsonschema (Debian), all checking this repository's schema/
# on the same configs in one run. Writes reports/benchmarks.md: the machine, the tool versions,
# the numbers and PASS/FAIL against each target.
#
#  1. scripts/setup.sh and scripts/peers/setup-peers.sh (packages from apt and npm only);
#  2. the Release build of oci-lint and its microbenchmarks (scripts/build.sh);
#  3. the corpus: scripts/make-bench-corpus.py build/bench-corpus (5,000 configs, 5,000
#     findings-heavy configs, size curve), and runtime-tools' bundles in build/peers/bundles;
#  4. scripts/peers/bench-run.py: single file (25 rounds, the order of the five commands turning
#     by one each round, medians), batch (best of 3, peak RSS), the findings-heavy batch in JSON
#     and text beside Ajv (scripts/peers/bench_heavy.py), size curve, microbenchmarks; the
#     report.
#
# Exits 0 when every tool ran, whether or not the targets are met (the report says which);
# non-zero when something could not be installed, built or run.
# Options go to bench-run.py: --runs N, --batch-repeats N, --size-repeats N, --size-copies N.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'bench-peers: %s\n' "$*" >&2; }
trap 'say "failed at line $LINENO (exit $?)"' ERR

say "set-up: project dependencies and peers"
./scripts/setup.sh
./scripts/peers/setup-peers.sh

say "build: oci-lint and oci-lint-bench (Release)"
./scripts/build.sh --target oci-lint oci-lint-bench >/dev/null
[[ -x build/oci-lint ]] || { say "build/oci-lint was not built"; exit 1; }
grep -q '^CMAKE_BUILD_TYPE:STRING=Release$' build/CMakeCache.txt ||
  say "warning: build/ is not a Release build ($(grep '^CMAKE_BUILD_TYPE' build/CMakeCache.txt))"
# Measure copies: a rebuild of build/ during the run (another checkout's build, an editor's
# build-on-save) must not swap or truncate the binaries under test.
rm -rf build/bench-bin
mkdir -p build/bench-bin
cp build/oci-lint build/bench-bin/oci-lint
[[ -x build/oci-lint-bench ]] && cp build/oci-lint-bench build/bench-bin/oci-lint-bench

say "corpus: build/bench-corpus"
/usr/bin/python3 scripts/make-bench-corpus.py build/bench-corpus >&2

# runtime-tools validates bundles: a directory with config.json and the root file system.
# The single-file and check bundles hold copies of the files the other tools read; the batch
# bundles hold symlinks to the corpus (runtime-tools follows them when it reads config.json).
say "bundles: build/peers/bundles"
bundles=build/peers/bundles
rm -rf "$bundles"
mkdir -p "$bundles/single/rootfs" "$bundles/schema-error/rootfs" "$bundles/batch"
cp testdata/harvested/podman-default.json "$bundles/single/config.json"
cp build/bench-corpus/check/schema-error.json "$bundles/schema-error/config.json"
/usr/bin/python3 - "$bundles" build/bench-corpus/batch.list <<'PY'
import os, sys
bundles, listing = sys.argv[1], sys.argv[2]
with open(listing) as fh, open(os.path.join(bundles, "batch.list"), "w") as out:
    for line in fh:
        config = os.path.abspath(line.strip())
        bundle = os.path.join(bundles, "batch", os.path.basename(config)[:-len(".json")])
        os.makedirs(os.path.join(bundle, "rootfs"))
        os.symlink(config, os.path.join(bundle, "config.json"))
        out.write(bundle + "\n")
PY

say "measuring (a few minutes)"
/usr/bin/python3 scripts/peers/bench-run.py --oci-lint build/bench-bin/oci-lint \
  --oci-lint-bench build/bench-bin/oci-lint-bench "$@"
