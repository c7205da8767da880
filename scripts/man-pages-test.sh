#!/usr/bin/env bash
# The ctest distribution.man_pages_render: every page the build wrote (oci-lint man) renders
# with man -l, as lintian checks it, without a single groff warning, and shows its NAME line.
# Exit 77 (ctest: skipped), with the reason, when man or groff is missing.
#
# Usage: scripts/man-pages-test.sh MAN1_DIR
set -euo pipefail
dir=${1:?usage: man-pages-test.sh MAN1_DIR}
command -v man >/dev/null || { echo "SKIP: man is not installed (apt-get install man-db)"; exit 77; }
command -v groff >/dev/null || { echo "SKIP: groff is not installed (apt-get install groff-base)"; exit 77; }

shopt -s nullglob
pages=("$dir"/*.1 "$dir"/*.1.gz)
[[ ${#pages[@]} -gt 0 ]] || { echo "FAIL: no man page in $dir"; exit 1; }
failed=0
for page in "${pages[@]}"; do
  name=$(basename "$page")
  name=${name%.gz}
  name=${name%.1}
  # What lintian runs (groff-message), then groff's own full set of warnings.
  warnings=$(LC_ALL=C.UTF-8 MANROFFSEQ='' MANWIDTH=80 \
    man --warnings -E UTF-8 -l -Tutf8 -Z "$page" 2>&1 >/dev/null)
  if [[ $page != *.gz ]]; then
    warnings+=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  fi
  rendered=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null | sed 's/.\x08//g')
  if [[ -n $warnings ]]; then
    echo "FAIL: $name: groff warns:"
    echo "$warnings"
    failed=1
  elif ! grep -qE "^ *$name +- " <<<"$rendered"; then
    echo "FAIL: $name: no NAME line '$name - ...' in the rendered page:"
    echo "$rendered" | head -20
    failed=1
  else
    echo "ok: $name ($(wc -l <<<"$rendered") lines)"
  fi
done
exit $failed
