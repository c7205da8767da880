# shellcheck shell=bash
# Sourced by the script tests that ctest runs: skip (exit 77, ctest's "skipped", with the
# reason on stdout) and fail (exit 1, the reason on stderr).

skip() {
  echo "SKIP: $*"
  exit 77
}

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
