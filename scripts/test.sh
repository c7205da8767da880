#!/usr/bin/env bash
# Sets up, builds, and runs the whole suite: the Release build, then the same tests under
# AddressSanitizer + UndefinedBehaviorSanitizer, then the format check. Non-zero on any failure.
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

echo "== format check (clang-format)"
git ls-files -z 'validator/*.cc' 'validator/*.h' | xargs -0 -r clang-format --dry-run --Werror

echo "== all checks passed"
