#!/usr/bin/env bash
# Sets up and builds when needed, then runs build/oci-lint with the given arguments.
# With no argument it lints the example configs in testdata/examples/.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
./scripts/build.sh >/dev/null
if [[ $# -eq 0 ]]; then
  echo "\$ oci-lint testdata/examples" >&2
  exec ./build/oci-lint testdata/examples
fi
exec ./build/oci-lint "$@"
