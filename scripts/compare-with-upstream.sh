#!/usr/bin/env bash
# Compares oci-lint with python-jsonschema on an upstream runtime-spec schema directory, e.g. a
# checkout of opencontainers/runtime-spec at v1.3.0: scripts/compare-with-upstream.sh DIR/schema
#  1. oci-lint --schema-dir DIR against Draft4Validator with DIR: must agree on every config.
#  2. oci-lint's embedded schema against Draft4Validator with DIR: every disagreement, grouped by
#     the mutated JSON pointer, must be one of the deviations listed in schema/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -eq 1 && -f "$1/config-schema.json" ]] || { echo "usage: $0 UPSTREAM_SCHEMA_DIR" >&2; exit 2; }
upstream=$1
./scripts/setup.sh
./scripts/build.sh --target oci-lint >/dev/null
mapfile -t corpus < <(ls testdata/harvested/*.json testdata/schema/*/*.json testdata/examples/*.json)

echo "== 1. --schema-dir $upstream against python-jsonschema with the same directory"
/usr/bin/python3 scripts/compare-with-jsonschema.py --oci-lint build/oci-lint \
  --oracle-schema "$upstream" --schema-dir "$upstream" --mutations 5000 --seed 5 "${corpus[@]}"

echo "== 2. the embedded schema against python-jsonschema with $upstream"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
summarize() {
  sed -nE "s/^(DIFFERENCE|allowed): [^ ]+ \(from ([^,]+), mutated at '([^']*)'\): jsonschema says ([a-z]+).*/\3 \2 \4/p" "$report" |
    awk '{ if (NF == 2) print "file " $1 ": upstream says " $2; else print $1 ": upstream says " $3 }' |
    sed -E 's#/[0-9]+#/N#g' | sort | uniq -c | sort -rn
}
/usr/bin/python3 scripts/compare-with-jsonschema.py --oci-lint build/oci-lint \
  --oracle-schema "$upstream" "${corpus[@]}" >"$report" || true
echo "files judged differently as they are; check each against schema/README.md:"
summarize
mapfile -t differing < <(sed -nE "s/^DIFFERENCE: [^ ]+ \(from ([^,]+),.*/\1/p" "$report")
agreeing=()
for f in "${corpus[@]}"; do
  [[ " ${differing[*]} " == *" $f "* ]] || agreeing+=("$f")
done
/usr/bin/python3 scripts/compare-with-jsonschema.py --oci-lint build/oci-lint \
  --oracle-schema "$upstream" --mutations 20000 --seed 9 "${agreeing[@]}" >"$report" || true
tail -n 1 "$report"
echo "mutations of the other files judged differently, by mutated pointer; check each likewise:"
summarize
