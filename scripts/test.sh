#!/usr/bin/env bash
# Sets up, builds, and runs the whole suite: the Release build, then the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer, a short run of every fuzz target, then the
# format check. Non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=$(nproc)
./scripts/setup.sh

echo "== release build and tests"
./scripts/build.sh
ctest --test-dir build --output-on-failure -j "$jobs"

echo "== AddressSanitizer + UndefinedBehaviorSanitizer build and tests"
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
[[ -f build-asan/CMakeCache.txt ]] ||
  cmake -S . -B build-asan "${generator[@]}" -DCMAKE_BUILD_TYPE=Debug -DOCI_LINT_SANITIZE=ON \
    -DOCI_LINT_WERROR=ON -DOCI_LINT_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== fuzz targets (libFuzzer, short run)"
# Each target for OCI_LINT_FUZZ_SECONDS (5) from its committed corpus; scripts/fuzz.sh 600 is
# the long run.
fuzz_skip=""
libfuzzer_probe=$(mktemp -d)
if ! command -v clang++ >/dev/null; then
  fuzz_skip="no clang++ (scripts/setup.sh installs clang)"
elif ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
  clang++ -x c++ -fsanitize=fuzzer - -o "$libfuzzer_probe/probe" 2>/dev/null; then
  fuzz_skip="clang++ -fsanitize=fuzzer cannot link libFuzzer (libclang-rt-14-dev)"
fi
rm -rf "$libfuzzer_probe"
if [[ -n "$fuzz_skip" ]]; then
  echo "skipped: $fuzz_skip"
else
  ./scripts/fuzz.sh "${OCI_LINT_FUZZ_SECONDS:-5}"
fi

echo "== format check (clang-format)"
git ls-files -z 'validator/*.cc' 'validator/*.h' | xargs -0 -r clang-format --dry-run --Werror

echo "== all checks passed"
