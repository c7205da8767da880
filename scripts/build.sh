#!/usr/bin/env bash
# Release build into build/; the binary is build/oci-lint.
# Warnings are errors when CI is set (as in .ci/run) or OCI_LINT_WERROR=ON.
set -euo pipefail
cd "$(dirname "$0")/.."

werror=OFF
[[ -n "${CI:-}" || "${OCI_LINT_WERROR:-}" == ON ]] && werror=ON
generator=()
command -v ninja >/dev/null && generator=(-G Ninja)
if [[ ! -f build/CMakeCache.txt ]]; then
  cmake -S . -B build "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DOCI_LINT_WERROR="$werror" >/dev/null
else
  cmake -S . -B build -DOCI_LINT_WERROR="$werror" >/dev/null
fi
cmake --build build -j "$(nproc)" "$@"
