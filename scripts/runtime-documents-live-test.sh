#!/usr/bin/env bash
# The ctest runtime_documents.live_runc: oci-lint on the three documents runc writes, made here
# and now: `runc spec` (a config), `runc features` (a features document) and `runc state` of a
# running container (a state). Each must be read as its kind (lint's auto detection), pass its
# schema, and get no error; the config gets the findings the rules define for it (the note
# version-prerelease for runc's "1.0.2-dev"), the others none. Exit 77 (ctest: skipped), with
# the reason, when the machine cannot run a container: not root, no runc, no busybox-static.
#
# Usage: scripts/runtime-documents-live-test.sh OCI_LINT_BINARY
set -euo pipefail
oci_lint=${1:?usage: runtime-documents-live-test.sh OCI_LINT_BINARY}
[[ $(id -u) -eq 0 ]] || { echo "SKIP: needs root to run a container with runc"; exit 77; }
command -v runc >/dev/null || { echo "SKIP: runc is not installed"; exit 77; }
ldd_says=$(LC_ALL=C ldd /bin/busybox 2>&1 || true)
if [[ ! -x /bin/busybox || $ldd_says != *"not a dynamic executable"* ]]; then
  echo "SKIP: /bin/busybox is missing or not static (apt-get install busybox-static)"
  exit 77
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-runtime-documents.XXXXXXXX")
id="oci-lint-docs-$$"
root="$work/runc-root"
cleanup() {
  runc --root "$root" kill "$id" KILL >/dev/null 2>&1 || true
  runc --root "$root" delete --force "$id" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

bundle="$work/bundle"
mkdir -p "$bundle/rootfs/bin" "$work/docs"
cp /bin/busybox "$bundle/rootfs/bin/busybox"
ln -s busybox "$bundle/rootfs/bin/sh"
ln -s busybox "$bundle/rootfs/bin/sleep"
(cd "$bundle" && runc spec)
cp "$bundle/config.json" "$work/docs/runc-spec.json"
# The container: runc spec's own config, but detached (no terminal) and sleeping.
/usr/bin/python3 - "$bundle/config.json" <<'PY'
import json, sys
path = sys.argv[1]
config = json.load(open(path))
config["process"]["terminal"] = False
config["process"]["args"] = ["sleep", "600"]
json.dump(config, open(path, "w"), indent=2)
PY
runc features > "$work/docs/runc-features.json"
runc --root "$root" run -d --bundle "$bundle" "$id" </dev/null >"$work/run.log" 2>&1 || {
  cat "$work/run.log"
  echo "runtime-documents-live-test: runc could not start the container" >&2
  exit 1
}
runc --root "$root" state "$id" > "$work/docs/runc-state.json"

set +e
"$oci_lint" lint --format json --kernel none --environment none --fail-on error \
  "$work/docs/runc-spec.json" "$work/docs/runc-features.json" "$work/docs/runc-state.json" \
  > "$work/report.json"
status=$?
set -e
/usr/bin/python3 - "$work/report.json" "$status" "$work/docs" <<'PY'
import json, os, sys
report = json.load(open(sys.argv[1]))
status = int(sys.argv[2])
docs = sys.argv[3]
expected = {
    "runc-spec.json": ("config", {"version-prerelease"}),
    "runc-features.json": ("features", set()),
    "runc-state.json": ("state", set()),
}
failures = []
for f in report["files"]:
    name = os.path.basename(f["path"])
    kind, must = expected[name]
    rules = {d["rule"] for d in f["diagnostics"]}
    errors = [d for d in f["diagnostics"] if d["severity"] == "error"]
    print("%s: kind %s, schemaValid %s, findings %s" % (name, f["kind"], f["schemaValid"],
                                                        sorted(rules) or "none"))
    if f["kind"] != kind:
        failures.append("%s read as %s, not %s" % (name, f["kind"], kind))
    if not f["schemaValid"]:
        failures.append("%s fails its schema" % name)
    if errors:
        failures.append("%s has errors: %s" % (name, [d["message"] for d in errors]))
    if not must <= rules:
        failures.append("%s lacks %s" % (name, sorted(must - rules)))
    if kind != "config" and rules:
        failures.append("%s has findings: %s" % (name, sorted(rules)))
state = json.load(open(os.path.join(docs, "runc-state.json")))
if state.get("status") != "running" or not state.get("pid"):
    failures.append("runc state did not report a running container: %s" % state)
if status != 0:
    failures.append("oci-lint exited %d, not 0" % status)
for failure in failures:
    print("FAIL: " + failure)
sys.exit(1 if failures else 0)
PY
