#!/usr/bin/python3
"""Compare oci-lint's cap-* rules with scripts/caps-oracle.py.

Usage:
    /usr/bin/python3 scripts/compare-caps.py --oci-lint BIN [--seed N]
        [--mutations N] [--keep DIR] [-v]

Steps:
 1. Check every expectation in testdata/caps/README.md against the oracle
    (complete (rule, pointer) lists at a stated target; usage errors exit 2),
    and that every testdata/caps/{fire,silent}/<rule>*.json is listed there and
    fires (fire/) or does not fire (silent/) <rule> at each of its targets.
 2. Probe BIN for --kernel/--environment/--runtime-features; if it rejects
    them (exit 2), print a SKIP line and exit 77.
 3. Run the README expectations and usage errors through BIN.
 4. The battery: every config in testdata/caps/{fire,silent}/,
    testdata/harvested/*.json, --mutations deterministic random mutations of
    their capability sets (seeded by --seed) and five inputs that are not JSON
    objects (RFC 8259: not an object, truncated, a UTF-8 BOM, invalid UTF-8,
    trailing data; no cap-* finding is expected on them), crossed with the
    TARGETS below.
    For each target BIN runs once over all configs:
        BIN lint --format json --fail-on never <target flags> CONFIG...
    and for each config the set of (rule, pointer) of its cap-* diagnostics
    must equal the oracle's; every cap-* diagnostic must have severity
    "warning" (or "note").

Prints each mismatch (config, flags, only-in-oci-lint, only-in-oracle) and a
closing line "N passed, M failed". Exit status: 0 all passed, 1 any failure,
2 usage error, 77 BIN does not support the target flags yet.
"""

import argparse
import copy
import importlib.util
import json
import os
import random
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CAPS_DIR = os.path.join(ROOT, "testdata", "caps")
HARVESTED_DIR = os.path.join(ROOT, "testdata", "harvested")


def load_oracle():
    spec = importlib.util.spec_from_file_location("caps_oracle",
                                                  os.path.join(HERE, "caps-oracle.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


oracle = load_oracle()
RULES = oracle.RULES

ENV = "testdata/caps/environments/"
FEAT = "testdata/caps/features/"
# Target flags, with paths relative to the repository root.
TARGETS = [
    "",  # the defaults: --kernel host --environment host
    "--kernel host --environment host",
    "--kernel host --environment none",
    "--kernel none --environment host",
    "--kernel none --environment none",
    "--kernel 5.4 --environment none",
    "--kernel 5.8 --environment none",
    "--kernel 5.9 --environment none",
    "--kernel 2.6.32 --environment none",
    "--kernel 2.6.4 --environment none",
    "--kernel 3 --environment none",
    "--kernel 3.16 --environment none",
    "--kernel 5.15.0-91-generic --environment none",
    "--kernel 5.8.0-63-generic --environment none",
    "--kernel 2.2 --environment none",
    "--kernel none --environment " + ENV + "full.status",
    "--kernel none --environment " + ENV + "docker-default.status",
    "--kernel none --environment " + ENV + "no-sys-admin.status",
    "--kernel none --environment " + ENV + "old-kernel-3.10.status",
    "--kernel none --environment none --runtime-features " + FEAT + "runc-1.1.5.json",
    "--kernel none --environment none --runtime-features " + FEAT + "no-bpf.json",
    "--kernel none --environment none --runtime-features " + FEAT + "capabilities-null.json",
    "--kernel 3.10.0-1160.el7.x86_64 --environment " + ENV + "old-kernel-3.10.status",
    "--kernel 5.4 --environment " + ENV + "docker-default.status --runtime-features "
    + FEAT + "no-bpf.json",
    "--kernel 5.8 --environment " + ENV + "no-sys-admin.status --runtime-features "
    + FEAT + "runc-1.1.5.json",
    "--kernel 5.8 --environment " + ENV + "old-kernel-3.10.status --runtime-features "
    + FEAT + "no-bpf.json",
    "--kernel 2.6.32 --environment " + ENV + "docker-default.status",
    "--kernel host --environment host --runtime-features " + FEAT + "no-bpf.json",
]


def rel(path):
    """path relative to the repository root when it is inside it, else absolute."""
    r = os.path.relpath(path, ROOT)
    return os.path.abspath(path) if r.startswith("..") else r


def parse_flags(args, base):
    """oracle.make_target keyword arguments from a flag list; paths relative to base."""
    kw = {}
    names = {"--kernel": "kernel", "--environment": "environment",
             "--runtime-features": "runtime_features"}
    i = 0
    while i < len(args):
        key, eq, val = args[i].partition("=")
        if key not in names:
            raise ValueError("unexpected flag %r" % args[i])
        if not eq:
            i += 1
            val = args[i]
        if key == "--runtime-features" or (key == "--environment"
                                           and val not in ("host", "none")):
            val = os.path.normpath(os.path.join(base, val))
        kw[names[key]] = val
        i += 1
    return kw


def flags_for_cli(args, base):
    """The flag list with file values made relative to the repository root."""
    kw = parse_flags(args, base)
    out = []
    for flag, name in (("--kernel", "kernel"), ("--environment", "environment"),
                       ("--runtime-features", "runtime_features")):
        if name in kw:
            v = kw[name]
            if os.path.isabs(v):
                v = rel(v)
            out += [flag, v]
    return out


def oracle_target(args, base=ROOT):
    return oracle.make_target(**parse_flags(args, base))


# ---------------------------------------------------------------- README

def parse_readme():
    """(expectations, usage_errors) from testdata/caps/README.md.

    expectations: list of (config path, flag list, frozenset of (rule, pointer));
    usage_errors: list of (flag list, set of allowed oci-lint exit codes).
    """
    path = os.path.join(CAPS_DIR, "README.md")
    section = None
    expectations, usage_errors = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("## "):
                section = line[3:].strip()
                continue
            if not line.startswith("| `"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if section == "Expectations":
                config, flags, expected = cells[0], cells[1], cells[2]
                config = config.strip("`")
                flags = shlex.split(flags.strip("`"))
                exp = set()
                if expected != "(none)":
                    for item in expected.split("<br>"):
                        rule, ptr = item.strip("`").split(" ")
                        exp.add((rule, ptr))
                expectations.append((os.path.normpath(os.path.join(CAPS_DIR, config)),
                                     flags, frozenset(exp)))
            elif section == "Usage errors":
                codes = {int(c) for c in cells[1].split(" or ")}
                usage_errors.append((shlex.split(cells[0].strip("`")), codes))
    return expectations, usage_errors


def fixture_rule(path):
    """The rule a fire/silent fixture is named for (the longest matching prefix)."""
    name = os.path.basename(path)
    best = None
    for r in RULES:
        if (name.startswith(r + "-") or name.startswith(r + ".")) and (
                best is None or len(r) > len(best)):
            best = r
    return best


def fixture_paths():
    out = []
    for sub in ("fire", "silent"):
        d = os.path.join(CAPS_DIR, sub)
        out += sorted(os.path.join(d, n) for n in os.listdir(d) if n.endswith(".json"))
    return out


def fmt_set(s):
    return ", ".join("%s %s" % rp for rp in sorted(s)) or "-"


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self):
        self.passed += 1

    def fail(self, text):
        self.failed += 1
        print("FAIL " + text)


def check_readme(tally, expectations, usage_errors):
    listed = {}
    for config, flags, exp in expectations:
        listed.setdefault(config, []).append((flags, exp))
        if not os.path.isfile(config):
            tally.fail("README: %s does not exist" % rel(config))
            continue
        try:
            target = oracle_target(flags, CAPS_DIR)
        except oracle.OracleError as exc:
            tally.fail("README: %s %s: oracle usage error: %s" % (rel(config), " ".join(flags), exc))
            continue
        got = oracle.lint_path(config, target, quiet=True)
        got = set(got) if got is not None else set()
        if got != exp:
            tally.fail("README vs oracle: %s [%s]\n  only in README: %s\n  only in oracle: %s"
                       % (rel(config), " ".join(flags), fmt_set(exp - got), fmt_set(got - exp)))
        else:
            tally.ok()
    for path in fixture_paths():
        rule = fixture_rule(path)
        kind = os.path.basename(os.path.dirname(path))
        if rule is None:
            tally.fail("README: %s is not named after a rule" % rel(path))
            continue
        if path not in listed:
            tally.fail("README: %s is not listed" % rel(path))
            continue
        for flags, exp in listed[path]:
            fires = any(r == rule for r, _ in exp)
            if fires != (kind == "fire"):
                tally.fail("README: %s [%s] %s %s" % (
                    rel(path), " ".join(flags),
                    "does not fire" if kind == "fire" else "fires", rule))
            else:
                tally.ok()
    for flags, _ in usage_errors:
        try:
            oracle_target(flags, CAPS_DIR)
            tally.fail("README usage error: oracle accepts %s" % " ".join(flags))
        except oracle.OracleError:
            tally.ok()


# ---------------------------------------------------------------- oci-lint

def run_oci_lint(binary, flags, configs):
    """(returncode, {path: [diagnostic, ...]} or None, stderr)."""
    cmd = [binary, "lint", "--format", "json", "--fail-on", "never"] + flags + ["--"] + configs
    try:
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    except OSError as exc:
        return -1, None, "cannot run %s: %s" % (binary, exc.strerror)
    stderr = p.stderr.decode("utf-8", "replace")
    try:
        doc = json.loads(p.stdout.decode("utf-8"))
    except ValueError:
        return p.returncode, None, stderr
    files = {}
    for f in doc.get("files", []):
        files[f.get("path")] = f.get("diagnostics") or []
    return p.returncode, files, stderr


def probe(binary, sample):
    flags = ["--kernel", "none", "--environment", "none",
             "--runtime-features", FEAT + "runc-1.1.5.json"]
    cmd = [binary, "lint", "--format", "json", "--fail-on", "never"] + flags + [sample]
    try:
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True)
    except OSError as exc:
        return "cannot run %s: %s" % (binary, exc.strerror)
    if p.returncode == 2:
        msg = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return "%s rejects the target flags (exit 2: %s)" % (
            binary, msg[0] if msg else "no message")
    return None


def compare_batch(tally, binary, flags, configs, verbose):
    """Run one target over many configs and compare each with the oracle."""
    shown = " ".join(flags) or "(defaults)"
    target = oracle_target(flags)
    rc, files, stderr = run_oci_lint(binary, flags, [rel(c) for c in configs])
    if files is None or rc not in (0,):
        tally.fail("oci-lint [%s]: exit %d%s\n  %s" % (
            shown, rc, ", no JSON report" if files is None else "",
            stderr.strip().replace("\n", "\n  ")))
        return
    for c in configs:
        diags = files.get(rel(c))
        if diags is None:
            tally.fail("%s [%s]: not in oci-lint's report" % (rel(c), shown))
            continue
        got, bad_sev = set(), []
        for d in diags:
            rule = d.get("rule") or ""
            if not rule.startswith("cap-"):
                continue
            got.add((rule, d.get("pointer")))
            if d.get("severity") not in ("warning", "note"):
                bad_sev.append("%s %s: %s" % (rule, d.get("pointer"), d.get("severity")))
        want = oracle.lint_path(c, target, quiet=True)
        want = set(want) if want is not None else set()
        if got != want or bad_sev:
            text = "%s [%s]" % (rel(c), shown)
            if got != want:
                text += "\n  only in oci-lint: %s\n  only in oracle:   %s" % (
                    fmt_set(got - want), fmt_set(want - got))
            if bad_sev:
                text += "\n  severity not warning/note: " + "; ".join(bad_sev)
            tally.fail(text)
        else:
            tally.ok()
            if verbose:
                print("ok   %s [%s] %d findings" % (rel(c), shown, len(want)))


def check_usage_errors(tally, binary, usage_errors):
    sample = rel(os.path.join(CAPS_DIR, "silent", "cap-ambient-not-granted.json"))
    for flags, codes in usage_errors:
        cli = flags_for_cli(flags, CAPS_DIR)
        cmd = [binary, "lint", "--format", "json", "--fail-on", "never"] + cli + [sample]
        try:
            p = subprocess.run(cmd, cwd=ROOT, capture_output=True)
        except OSError as exc:
            tally.fail("cannot run %s: %s" % (binary, exc.strerror))
            continue
        if p.returncode not in codes:
            tally.fail("oci-lint %s: exit %d, expected %s"
                       % (" ".join(shlex.quote(a) for a in cli), p.returncode,
                          " or ".join(map(str, sorted(codes)))))
        else:
            tally.ok()


# ---------------------------------------------------------------- mutations

ALL = [name for _, name, _ in oracle.CAPS]
HOT = ["CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE", "CAP_AUDIT_READ",
       "CAP_BLOCK_SUSPEND", "CAP_WAKE_ALARM", "CAP_SYSLOG", "CAP_SETFCAP",
       "CAP_AUDIT_WRITE", "CAP_SYS_ADMIN", "CAP_SYS_RESOURCE", "CAP_NET_ADMIN",
       "CAP_KILL", "CAP_NET_RAW"]
WS = " \t\n\r\f\v"
UNKNOWN = ["CAP_FOO", "", "CAP_", "cap_", " ", "CAP_KILL\u00a0", "cap_k\u0131ll",
           "\uff23\uff21\uff30_KILL", "CAP_SYS_ADMIN2", "CAP_NET-ADMIN", "CAP_41",
           "CAP_KILL\u0000", "CAP_ KILL", "CAPKILL", "CAP__KILL", "ALL", "CAP_ALL",
           "CAP_SYS_ADMN", "CAP_NET_BIND_SERVIC", "CAP_CHECKPOINT_RESTOR", "\u00e9"]


def canonical(rng):
    return rng.choice(HOT) if rng.random() < 0.5 else rng.choice(ALL)


def malformed(rng, name=None):
    name = name or canonical(rng)
    bare = name[4:]
    k = rng.randrange(7)
    if k == 0:
        return name.lower()
    if k == 1:
        return bare
    if k == 2:
        return "CAP_" * rng.randint(1, 3) + name
    if k == 3:
        return "".join(rng.choice(WS) for _ in range(rng.randint(1, 2))) + name + \
            "".join(rng.choice(WS) for _ in range(rng.randint(0, 2)))
    if k == 4:
        return "".join(c.lower() if rng.random() < 0.5 else c for c in name) or name.lower()
    if k == 5:
        return bare.lower()
    return rng.choice(["cap_", "Cap_", "CAP_cap_"]) + bare


def unknown(rng):
    if rng.random() < 0.5:
        return rng.choice(UNKNOWN)
    s = list(canonical(rng))
    k = rng.randrange(3)
    i = rng.randrange(4, len(s))
    if k == 0:
        del s[i]
    elif k == 1:
        s.insert(i, rng.choice("AEIOUXZ_"))
    else:
        s[i] = rng.choice("AEIOUXZ")
    out = "".join(s)
    return out if out not in ALL else out + "X"


def entry(rng, existing):
    r = rng.random()
    if r < 0.45:
        return canonical(rng)
    if r < 0.65:
        return malformed(rng)
    if r < 0.8:
        return unknown(rng)
    if r < 0.95 and existing:
        e = rng.choice(existing)
        if isinstance(e, str) and oracle.normalize(e) in oracle.CAP_NUMBER and rng.random() < 0.5:
            return malformed(rng, oracle.normalize(e))
        return e
    if r < 0.97:
        return rng.choice([5, None, True, {"cap": "CAP_KILL"}, ["CAP_KILL"], 1.5])
    return canonical(rng)


def mutate_set(rng, arr):
    arr = list(arr)
    for _ in range(rng.randint(0, 3)):
        if arr and rng.random() < 0.5:
            del arr[rng.randrange(len(arr))]
    for _ in range(rng.randint(0, 4)):
        arr.insert(rng.randint(0, len(arr)), entry(rng, arr))
    return arr


def mutate(rng, config):
    config = copy.deepcopy(config)
    if not isinstance(config.get("process"), dict):
        config["process"] = {"cwd": "/", "args": ["sh"], "user": {"uid": 0, "gid": 0}}
    process = config["process"]
    caps = process.get("capabilities")
    if not isinstance(caps, dict):
        caps = {}
    r = rng.random()
    if r < 0.02:
        process["capabilities"] = rng.choice([["CAP_FOO"], "CAP_KILL", None, 7])
        return config
    for s in oracle.SETS:
        arr = caps.get(s) if isinstance(caps.get(s), list) else []
        op = rng.random()
        if op < 0.25:
            continue
        if op < 0.33:
            caps.pop(s, None)
        elif op < 0.36:
            caps[s] = rng.choice(["CAP_KILL", {"0": "CAP_KILL"}, None, 3])
        elif op < 0.6:
            caps[s] = [entry(rng, []) for _ in range(rng.randint(0, 8))]
        else:
            caps[s] = mutate_set(rng, arr)
    # Often derive ambient/effective from permitted and inheritable, so that
    # the ambient and effective rules see both granted and missing names.
    perm = caps.get("permitted") if isinstance(caps.get("permitted"), list) else []
    inh = caps.get("inheritable") if isinstance(caps.get("inheritable"), list) else []
    if rng.random() < 0.35:
        pool = [e for e in perm if e in inh] or perm or inh
        amb = [e for e in pool if rng.random() < 0.7]
        if rng.random() < 0.5:
            amb.insert(rng.randint(0, len(amb)), entry(rng, amb))
        caps["ambient"] = amb
    if rng.random() < 0.35:
        eff = [e for e in perm if rng.random() < 0.7]
        if rng.random() < 0.5:
            eff.insert(rng.randint(0, len(eff)), entry(rng, eff))
        caps["effective"] = eff
    if rng.random() < 0.2 and "permitted" in caps and isinstance(caps["permitted"], list):
        caps["permitted"] = [e for e in caps["permitted"] if rng.random() < 0.6]
    if rng.random() < 0.2 and "inheritable" in caps and isinstance(caps["inheritable"], list):
        caps["inheritable"] = [e for e in caps["inheritable"] if rng.random() < 0.6]
    keys = list(caps)
    rng.shuffle(keys)
    process["capabilities"] = {k: caps[k] for k in keys}
    return config


def write_mutations(rng, bases, n, outdir):
    paths = []
    for i in range(n):
        config = mutate(rng, rng.choice(bases))
        text = json.dumps(config, ensure_ascii=rng.random() < 0.5,
                          indent=rng.choice([None, 1, "\t"]))
        p = os.path.join(outdir, "mutation-%04d.json" % i)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text + "\n")
        paths.append(p)
    # Inputs that are not JSON objects (RFC 8259): no cap-* findings from either side.
    body = b'{"process": {"capabilities": {"bounding": ["CAP_FOO"'
    for name, data in (("not-an-object.json", b'["CAP_FOO"]\n'),
                       ("truncated.json", body + b"\n"),
                       ("byte-order-mark.json", b"\xef\xbb\xbf" + body + b"]}}}\n"),
                       ("invalid-utf8.json", body + b', "CAP_\xff"]}}}\n'),
                       ("trailing-data.json", body + b"]}}} x\n")):
        p = os.path.join(outdir, name)
        with open(p, "wb") as f:
            f.write(data)
        paths.append(p)
    return paths


# ---------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description="Compare oci-lint's cap-* rules with the oracle.")
    ap.add_argument("--oci-lint", required=True, metavar="BIN")
    ap.add_argument("--seed", type=int, default=20261128)
    ap.add_argument("--mutations", type=int, default=300)
    ap.add_argument("--keep", metavar="DIR", help="write the mutated configs to DIR and keep them")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    binary = os.path.abspath(a.oci_lint) if os.sep in a.oci_lint else a.oci_lint
    start = time.monotonic()
    tally = Tally()

    expectations, usage_errors = parse_readme()
    check_readme(tally, expectations, usage_errors)
    if tally.failed:
        print("%d passed, %d failed (testdata/caps/README.md disagrees with the oracle)"
              % (tally.passed, tally.failed))
        return 1
    print("README: %d checks agree with the oracle" % tally.passed)

    fixtures = fixture_paths()
    why = probe(binary, rel(fixtures[0]))
    if why:
        print("SKIP: %s" % why)
        return 77

    # README expectations through oci-lint, grouped by target.
    by_flags = {}
    for config, flags, exp in expectations:
        by_flags.setdefault(tuple(flags_for_cli(flags, CAPS_DIR)), []).append(config)
    for flags, configs in sorted(by_flags.items()):
        compare_batch(tally, binary, list(flags), sorted(set(configs)), a.verbose)
    check_usage_errors(tally, binary, usage_errors)

    harvested = sorted(os.path.join(HARVESTED_DIR, n) for n in os.listdir(HARVESTED_DIR)
                       if n.endswith(".json"))
    bases = []
    for p in fixtures + harvested:
        try:
            with open(p, "rb") as f:
                doc = oracle.load_json(f.read())
        except ValueError:
            continue
        if isinstance(doc, dict):
            bases.append(doc)
    rng = random.Random(a.seed)
    tmp = None
    if a.keep:
        os.makedirs(a.keep, exist_ok=True)
        outdir = a.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="compare-caps-")
        outdir = tmp.name
    try:
        mutations = write_mutations(rng, bases, a.mutations, outdir)
        configs = fixtures + harvested + mutations
        for t in TARGETS:
            compare_batch(tally, binary, shlex.split(t), configs, a.verbose)
    finally:
        if tmp is not None:
            tmp.cleanup()

    print("%d passed, %d failed (%d configs incl. %d mutations (seed %d) x %d targets, %.1f s)"
          % (tally.passed, tally.failed, len(configs), len(mutations), a.seed, len(TARGETS),
             time.monotonic() - start))
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
