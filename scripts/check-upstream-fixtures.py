#!/usr/bin/python3
"""Upstream's own schema fixtures, every release: oci-lint's schemaValid against python-jsonschema.

Usage:
    /usr/bin/python3 scripts/check-upstream-fixtures.py --oci-lint BIN
        [--upstream DIR] [--deviations FILE]

DIR (default ../shared/reference/runtime-spec-schemas, beside the repository) holds the schema/
directory of each runtime-spec release, vX.Y.Z/, with its test/{config,features,state}/{good,bad}
fixtures. For every release and kind, each fixture is judged by scripts/jsonschema-oracle.py
(Draft4Validator with that release's KIND-schema.json) and by oci-lint --kind KIND:
 1. with --schema-dir of that release: the verdicts must be equal, every one;
 2. with the embedded schema: every difference must be listed in FILE (default
    testdata/deviations/upstream-fixtures.tsv: `vX.Y.Z/KIND/good|bad/NAME<TAB>reason` lines, the
    reason naming the schema/README.md deviation or the spec change), and every listed one must
    still be a difference.
Exits 77 (ctest's skip) naming the folder when DIR is absent.
"""

import argparse
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
KINDS = ("config", "features", "state")


def oracle(schema_dir, kind, files):
    out = subprocess.run(
        ["/usr/bin/python3", os.path.join(HERE, "jsonschema-oracle.py"), schema_dir,
         "--root", kind + "-schema.json", *files],
        check=True, capture_output=True, text=True).stdout
    verdicts = {}
    for line in out.splitlines():
        fields = line.split("\t")
        if fields[0] == "error":
            sys.exit("oracle could not judge %s: %s" % (fields[1], fields[2:]))
        verdicts[fields[1]] = fields[0] == "valid"
    return verdicts


def oci_lint(binary, kind, files, schema_dir=None):
    cmd = [binary, "lint", "--kind", kind, "--format", "json", "--kernel", "none",
           "--environment", "none", "--fail-on", "never"]
    if schema_dir:
        cmd += ["--schema-dir", schema_dir]
    result = subprocess.run(cmd + files, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        sys.exit("oci-lint failed (%d): %s" % (result.returncode, result.stderr))
    report = json.loads(result.stdout)
    return {f["path"]: f["schemaValid"] for f in report["files"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oci-lint", required=True)
    parser.add_argument("--upstream",
                        default=os.path.join(ROOT, "..", "shared", "reference",
                                             "runtime-spec-schemas"))
    parser.add_argument("--deviations",
                        default=os.path.join(ROOT, "testdata", "deviations", "upstream-fixtures.tsv"))
    args = parser.parse_args()
    upstream = os.path.normpath(args.upstream)
    if not os.path.isdir(upstream):
        print("skip: no upstream schema directories at %s" % upstream)
        return 77
    allowed = {}
    with open(args.deviations) as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                key, reason = line.rstrip("\n").split("\t", 1)
                allowed[key] = reason
    failures = []
    embedded_differences = set()
    judged = 0
    releases = sorted(d for d in os.listdir(upstream) if d.startswith("v"))
    for release in releases:
        schema_dir = os.path.join(upstream, release)
        for kind in KINDS:
            files = sorted(glob.glob(os.path.join(schema_dir, "test", kind, "*", "*.json")))
            if not files:
                continue
            truth = oracle(schema_dir, kind, files)
            same_dir = oci_lint(args.oci_lint, kind, files, schema_dir)
            embedded = oci_lint(args.oci_lint, kind, files)
            for path in files:
                judged += 1
                key = os.path.relpath(path, upstream).replace("/test/", "/", 1)
                word = "valid" if truth[path] else "invalid"
                if same_dir[path] != truth[path]:
                    failures.append("%s: jsonschema with %s's schema says %s, oci-lint "
                                    "--schema-dir says otherwise" % (key, release, word))
                if embedded[path] != truth[path]:
                    embedded_differences.add(key)
                    if key not in allowed:
                        failures.append("%s: jsonschema with %s's schema says %s, the embedded "
                                        "schema otherwise, and %s does not list it"
                                        % (key, release, word, os.path.basename(args.deviations)))
    for key in sorted(set(allowed) - embedded_differences):
        failures.append("%s is listed as a deviation but the verdicts agree now" % key)
    print("%d upstream fixtures of %d releases judged; %d differ from the embedded schema, "
          "each listed" % (judged, len(releases), len(embedded_differences)))
    for failure in failures:
        print("FAIL: " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
