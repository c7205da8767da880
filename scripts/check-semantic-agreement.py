#!/usr/bin/env python3
"""Checks oci-lint's semantic rules against what runc and crun really did.

For every fixture in testdata/semantic/fixtures it builds the config (scripts/semantic-truth.py
config), lints it with `oci-lint lint --format json --kernel none --environment none`, and
compares with the observed tables (testdata/semantic/observed-*.tsv, written by
scripts/semantic-truth.sh from real runs):

  refused   a runtime refused the config for a reason in the config: oci-lint must report an
            error, or a warning whose help names that runtime (the runtime knowledge tables).
  started   both runtimes started it: oci-lint must report no error, unless the error's rule
            enforces a MUST (or the schema, or the fixture's `expect` is "error"): the runtimes
            are then the ones that do not conform, and the table says so.

Refusals that say nothing about the config (this host lacks AppArmor, a cgroup controller...)
are listed in HOST_REASONS; fixtures no rule covers yet are listed in KNOWN_GAPS with the reason.
Both lists are checked too: an entry that no longer applies is an error, so they cannot rot.

Live mode (--live DIR, used by the ctest semantic.live_runc_and_crun as root): DIR holds fresh
observed-runc-*.tsv and observed-crun-*.tsv from `scripts/semantic-truth.sh --out DIR` on this
machine. A fixture whose fresh outcome matches the committed table is judged as above; one whose
outcome differs (another host, another runtime build) is listed, not judged, because HOST_REASONS
describes the host the committed table was recorded on. The committed table must still be
reproduced for most fixtures: with more than a quarter differing the run is reported as skipped
(exit 77, the reason printed), since the comparison would then say little.

Usage: scripts/check-semantic-agreement.py [--oci-lint build/oci-lint] [--verbose] [--live DIR]
Exit status: 0 when every fixture agrees, 1 otherwise.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEMANTIC = ROOT / "testdata" / "semantic"
RUNTIMES = {"runc": "observed-runc-1.1.5.tsv", "crun": "observed-crun-1.8.1.tsv"}

# Refusals caused by this host or by the runtime's age, not by the config: no rule should fire.
HOST_REASONS = {
    ("runc", "apparmor-profile-without-apparmor"): "the host has no AppArmor",
    ("crun", "apparmor-profile-without-apparmor"): "the host has no AppArmor",
    ("runc", "selinux-label-without-selinux"): "the host has no SELinux",
    ("crun", "selinux-label-without-selinux"): "the host has no SELinux",
    ("runc", "control-blkio-weight-device-with-weight"): "no blkio weight files on this host",
    ("runc", "control-hugepage-limit-2mb"): "the v1 hugetlb controller is not mounted here",
    ("runc", "correct-memory-limit-unlimited-with-swap"): "cgroup v1 rejects the swap limit here",
    ("runc", "correct-time-namespace-without-pid-namespace"): "runc 1.1.5 predates time namespaces",
    ("runc", "correct-time-namespace-with-offsets"): "runc 1.1.5 predates time namespaces",
    ("crun", "correct-time-namespace-with-offsets"): "crun 1.8.1 cannot join a time and a pid "
                                                     "namespace (its own bug)",
    ("runc", "unified-key-without-dot"): "unified needs cgroup v2; this host is hybrid",
    ("runc", "intelrdt-closid-with-slash"): "no resctrl on this host",
}

# Fixtures that a runtime refuses for a config reason but that no rule flags yet.
KNOWN_GAPS = {
    "args0-not-found": "needs the bundle's rootfs: `lint --bundle` checks it",
    "hook-start-container-not-in-rootfs": "needs the bundle's rootfs: `lint --bundle` checks it",
    "root-path-is-file": "needs the bundle: `lint --bundle` checks it",
    "root-path-missing": "needs the bundle: `lint --bundle` checks it",
    "namespace-path-missing": "the namespace file's existence is a fact of the host at run time",
    "namespace-path-wrong-type": "a bind-mounted namespace file's type is known only at run time "
                                 "(ns-path-type-mismatch judges /proc/PID/ns/NAME paths)",
    "sysctl-unknown-key": "which keys exist depends on the kernel and its modules",
}

STRONG = {"MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT"}


def read_observed(path):
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("fixture\t"):
            continue
        fields = line.split("\t")
        rows[fields[0]] = {"outcome": fields[1], "message": fields[3]}
    return rows


def config_for(fixture, scratch):
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "semantic-truth.py"), "config",
         "--base", str(SEMANTIC / "base.json"), "--fixture", str(fixture), "--id", "agreement",
         "--ns-dir", "/run/oci-lint-agreement/ns", "--bundle", str(scratch)],
        check=True, capture_output=True, text=True).stdout
    path = scratch / (fixture.stem + ".json")
    path.write_text(out, encoding="utf-8")
    return path


def lint(binary, config):
    result = subprocess.run([binary, "lint", "--format", "json", "--kernel", "none",
                             "--environment", "none", str(config)],
                            capture_output=True, text=True)
    report = json.loads(result.stdout)
    return [d for d in report["files"][0]["diagnostics"]
            if d["rule"] not in ("json-syntax", "json-duplicate-key")]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--oci-lint", default=str(ROOT / "build" / "oci-lint"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--live", metavar="DIR", type=Path,
                        help="fresh observed-*.tsv tables from semantic-truth.sh --out DIR")
    args = parser.parse_args()
    observed = {name: read_observed(SEMANTIC / file) for name, file in RUNTIMES.items()}
    differing = []
    if args.live:
        fresh = {}
        for runtime in RUNTIMES:
            tables = sorted(args.live.glob("observed-%s-*.tsv" % runtime))
            if len(tables) != 1:
                print("error: %s holds %d observed-%s-*.tsv tables, not one" %
                      (args.live, len(tables), runtime), file=sys.stderr)
                return 1
            fresh[runtime] = read_observed(tables[0])
        for runtime, rows in fresh.items():
            for name, row in sorted(rows.items()):
                if name.startswith("base"):
                    continue
                recorded = observed[runtime].get(name)
                if recorded and recorded["outcome"] == row["outcome"]:
                    continue
                differing.append("%s %s: committed %s, now %s (%s)" % (
                    runtime, name, recorded["outcome"] if recorded else "nothing",
                    row["outcome"], row["message"]))
                # Not judged: its refusal may be this host's, not the config's.
                observed[runtime].pop(name, None)
    listing = subprocess.run([args.oci_lint, "rules", "--format", "json"], check=True,
                             capture_output=True, text=True).stdout
    level = {r["rule"]: r["level"] for r in json.loads(listing)["rules"]}
    level["schema"] = "MUST"
    problems, used_host, used_gaps, lines = [], set(), set(), []
    with tempfile.TemporaryDirectory(prefix="oci-lint-agreement-") as tmp:
        for fixture in sorted((SEMANTIC / "fixtures").glob("*.json")):
            name = fixture.stem
            data = json.loads(fixture.read_text(encoding="utf-8"))
            findings = lint(args.oci_lint, config_for(fixture, Path(tmp)))
            errors = [d for d in findings if d["severity"] == "error"]
            rules = sorted({d["rule"] for d in findings})
            refusals = []
            for runtime in RUNTIMES:
                row = observed[runtime].get(name)
                if not row or row["outcome"] != "refused":
                    continue
                if (runtime, name) in HOST_REASONS:
                    used_host.add((runtime, name))
                    continue
                refusals.append(runtime)
            flagged = all(errors or any(r in d.get("help", "") for d in findings)
                          for r in refusals)
            started_by_both = all(observed[r].get(name, {}).get("outcome") in ("started", "warned")
                                  for r in RUNTIMES)
            verdict = "ok"
            if refusals and not flagged:
                if name in KNOWN_GAPS:
                    used_gaps.add(name)
                    verdict = "gap: " + KNOWN_GAPS[name]
                else:
                    verdict = "MISSED"
                    problems.append("%s: refused by %s, but oci-lint reports %s" %
                                    (name, " and ".join(refusals),
                                     ", ".join(rules) or "nothing"))
            elif refusals and name in KNOWN_GAPS:
                problems.append("%s: listed in KNOWN_GAPS but now flagged (%s): remove it" %
                                (name, ", ".join(rules)))
            unjustified = [d for d in errors if level.get(d["rule"]) not in STRONG]
            if started_by_both and errors and not unjustified:
                verdict = "runtimes do not conform"
            elif started_by_both and unjustified and data.get("expect") != "error":
                verdict = "FALSE ERROR"
                problems.append("%s: both runtimes start it and no MUST forbids it, but oci-lint "
                                "reports errors: %s" %
                                (name, ", ".join(sorted({d["rule"] for d in unjustified}))))
            lines.append("%-55s %-8s %-8s %-12s %s" % (
                name, observed["runc"].get(name, {}).get("outcome", "-"),
                observed["crun"].get(name, {}).get("outcome", "-"), verdict,
                ", ".join(rules) or "-"))
    judged = lambda runtime, name: name in observed[runtime]
    for key in sorted(set(HOST_REASONS) - used_host):
        if args.live and not judged(*key):
            continue
        problems.append("HOST_REASONS entry %s no longer matches a refusal: remove it" % (key,))
    for name in sorted(set(KNOWN_GAPS) - used_gaps):
        if args.live and not all(judged(runtime, name) for runtime in RUNTIMES):
            continue
        if not any(p.startswith(name + ":") for p in problems):
            problems.append("KNOWN_GAPS entry %s no longer matches a refusal: remove it" % name)
    if args.verbose or problems:
        print("%-55s %-8s %-8s %-12s %s" % ("fixture", "runc", "crun", "verdict", "oci-lint"))
        print("\n".join(lines))
    for p in problems:
        print("error: " + p, file=sys.stderr)
    for line in differing:
        print("differs from the committed table, not judged: " + line)
    total = sum(len([n for n in observed[r] if not n.startswith("base")]) for r in RUNTIMES)
    foreign_host = args.live and len(differing) * 4 > total + len(differing)
    gaps = len(used_gaps)
    print("%d fixtures: %d disagreements, %d known gaps, %d host-caused refusals set aside" %
          (len(lines), len(problems), gaps, len(used_host)))
    if problems:
        return 1
    if foreign_host:
        # The rows still judged agree, but too few are left for the run to say much.
        print("SKIP: %d of %d rows differ from the committed tables: this host or these runtimes "
              "are not the ones they were recorded with (record new tables with "
              "scripts/semantic-truth.sh)" % (len(differing), total + len(differing)))
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
