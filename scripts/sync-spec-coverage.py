#!/usr/bin/env python3
"""Keeps validator/data/spec-coverage.json in step with the rule catalogue.

A row with status "rule" names the rules that check its sentence. When a named rule does not
exist (yet), the row is not checked by it: this script moves such a row to "planned" (none of its
rules exists) or keeps only the rules that exist and names the others in the note ("planned:
..."). A "planned" row whose rules all exist becomes "rule". Run it after adding or renaming
rules; SpecCoverageTest fails while a "rule" row names a rule that does not exist.

Usage: scripts/sync-spec-coverage.py [--oci-lint build/oci-lint] [--check]
  --check  change nothing; exit 1 when the file would change.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "validator" / "data" / "spec-coverage.json"
PLANNED_NOTE = re.compile(r" ?\(planned: [^)]*\)$")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--oci-lint", default=str(ROOT / "build" / "oci-lint"))
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    listing = subprocess.run([args.oci_lint, "rules", "--format", "json"], check=True,
                             capture_output=True, text=True).stdout
    known = {rule["rule"] for rule in json.loads(listing)["rules"]}
    text = DATA.read_text(encoding="utf-8")
    rows = json.loads(text)
    for row in rows:
        if row["status"] not in ("rule", "planned"):
            continue
        old_note = row.get("note", "")
        planned = PLANNED_NOTE.search(old_note)
        note = PLANNED_NOTE.sub("", old_note)
        earlier = re.findall(r"[a-z0-9][a-z0-9-]*", planned.group(0).split(":", 1)[1]) if planned else []
        wanted = list(dict.fromkeys(row["rules"] + earlier))
        have = [w for w in wanted if w in known]
        missing = [w for w in wanted if w not in known]
        if have:
            row["status"] = "rule"
            row["rules"] = have
            row["note"] = note + (" (planned: " + ", ".join(missing) + ")" if missing else "")
        else:
            row["status"] = "planned"
            row["rules"] = missing
            row["note"] = note
    out = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if out == text:
        return 0
    if args.check:
        print("sync-spec-coverage: validator/data/spec-coverage.json is out of step with the "
              "rules; run scripts/sync-spec-coverage.py", file=sys.stderr)
        return 1
    DATA.write_text(out, encoding="utf-8")
    print("sync-spec-coverage: updated " + str(DATA.relative_to(ROOT)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
