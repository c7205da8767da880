#!/usr/bin/env python3
"""Helper for scripts/semantic-truth.sh (standard library only).

Subcommands:
    list FIXTURE_DIR
        Checks every fixture's format and prints the fixture names, sorted.
    needs FIXTURE
        Prints the namespace files the fixture refers to (net, user), one a line.
    config --base BASE [--fixture FIXTURE] --id ID --ns-dir DIR [--oci-version V]
        Prints BASE with FIXTURE's merge patch (RFC 7386) applied and its placeholders filled.
    classify --runtime NAME --rc N --case DIR --id ID ...
        Prints one observed row: fixture, outcome, exit code, message (tab-separated).
    combine FILE
        Prints one row for the rows (one a line) of repeated runs of the same case.
    lint-slugs FILE
        Prints the sorted rule slugs of an `oci-lint lint --format json` report, comma-separated.
    report --fixtures DIR --base BASE --out DIR [--schema-dir DIR]
        Writes the side-by-side table into OUT/README.md between the generated-table markers
        (or into OUT/summary.md when there is no README with markers).

Fixture format (testdata/semantic/README.md has the long version): a JSON object with
    about       one line: what the config gets wrong (or right)
    kind        "mistake" or "correct" ("control" fixtures are marked correct)
    expect      what v1.3.0 demands of a runtime: "error", "run" or "unspecified"
    basis       for expect error/run: "direct" (a sentence about this very property says the
                runtime MUST generate an error / MUST do it) or "valid-values" (the config breaks
                a MUST and config.md "Valid values" makes the runtime refuse invalid values)
    spec        [{file, section, quote}] the sentences relied on
    since       optional: the spec version that added the property, when after v1.0.2
    note        optional
    mergePatch  the RFC 7386 merge patch applied to base.json
Placeholders, in any string of the patched config:
    @ID@            the container ID (inside a string)
    @BUNDLE@        the bundle's absolute path (at the start of a string)
    @NS_NET@        a network namespace file the script made (whole string)
    @NS_USER@       a user namespace file the script made (whole string)
    @CURRENT@       as a linux.sysctl value: the key's current value in the namespace the runtime runs in
    @BLOCK_MAJOR@   the whole value becomes the first disk's major number (integer)
    @BLOCK_MINOR@   the same for its minor number
"""

import argparse
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

FIXTURE_KEYS = {"about", "kind", "expect", "basis", "spec", "since", "note", "mergePatch"}
EXPECTS = {"error", "run", "unspecified"}
BASES = {"direct", "valid-values"}
NAME_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
BEGIN = "<!-- BEGIN GENERATED: scripts/semantic-truth.sh writes this table -->"
END = "<!-- END GENERATED -->"


def fail(message):
    sys.stderr.write("semantic-truth.py: %s\n" % message)
    sys.exit(2)


def load_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def check_fixture(path):
    name = os.path.basename(path)[:-len(".json")]
    if not NAME_RE.match(name):
        fail("%s: the name is not kebab-case" % path)
    data = load_json(path)
    if not isinstance(data, dict):
        fail("%s: not an object" % path)
    unknown = set(data) - FIXTURE_KEYS
    if unknown:
        fail("%s: unknown keys %s" % (path, sorted(unknown)))
    for key in ("about", "kind", "expect", "spec", "mergePatch"):
        if key not in data:
            fail("%s: missing %s" % (path, key))
    if data["expect"] not in EXPECTS:
        fail("%s: expect must be one of %s" % (path, sorted(EXPECTS)))
    if data["kind"] not in ("mistake", "correct"):
        fail("%s: kind must be mistake or correct" % path)
    if data["expect"] != "unspecified" and data.get("basis") not in BASES:
        fail("%s: expect %s needs basis direct or valid-values" % (path, data["expect"]))
    if not isinstance(data["mergePatch"], dict):
        fail("%s: mergePatch must be an object" % path)
    for cite in data["spec"]:
        if set(cite) != {"file", "section", "quote"}:
            fail("%s: each spec entry needs file, section, quote" % path)
    return name, data


def fixtures(directory):
    result = {}
    for path in sorted(glob.glob(os.path.join(directory, "*.json"))):
        name, data = check_fixture(path)
        result[name] = data
    return result


def merge_patch(target, patch):
    """RFC 7386."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def first_disk():
    """major, minor of the first whole disk in /sys/block (loop, ram and zram last)."""
    names = sorted(os.listdir("/sys/block"))
    names.sort(key=lambda n: n.startswith(("loop", "ram", "zram")))
    for name in names:
        try:
            with open("/sys/block/%s/dev" % name) as fh:
                major, minor = fh.read().strip().split(":")
            return int(major), int(minor)
        except OSError:
            continue
    fail("no block device in /sys/block for @BLOCK_MAJOR@")
    return None


def fill(node, ctx, path=()):
    if isinstance(node, dict):
        return {k: fill(v, ctx, path + (k,)) for k, v in node.items()}
    if isinstance(node, list):
        return [fill(v, ctx, path + (i,)) for i, v in enumerate(node)]
    if not isinstance(node, str) or "@" not in node:
        return node
    if node == "@CURRENT@":
        if len(path) != 3 or path[:2] != ("linux", "sysctl"):
            fail("@CURRENT@ is only for linux.sysctl values")
        key = path[2]
        with open(os.path.join("/proc/sys", key.replace(".", "/"))) as fh:
            return fh.read().strip().replace("\t", " ")
    if node in ("@BLOCK_MAJOR@", "@BLOCK_MINOR@"):
        return first_disk()[0 if node == "@BLOCK_MAJOR@" else 1]
    if node == "@NS_NET@":
        return os.path.join(ctx["ns_dir"], "net")
    if node == "@NS_USER@":
        return os.path.join(ctx["ns_dir"], "user")
    node = node.replace("@ID@", ctx["id"])
    if node.startswith("@BUNDLE@"):
        node = ctx["bundle"] + node[len("@BUNDLE@"):]
    if re.search(r"@[A-Z_]+@", node):
        fail("unknown placeholder in %r" % node)
    return node


def cmd_list(args):
    for name in fixtures(args.dir):
        print(name)


def cmd_needs(args):
    text = open(args.fixture, encoding="utf-8").read()
    for ns in ("net", "user"):
        if "@NS_%s@" % ns.upper() in text:
            print(ns)


def cmd_config(args):
    config = load_json(args.base)
    patch = {}
    if args.fixture:
        _, data = check_fixture(args.fixture)
        patch = data["mergePatch"]
        config = merge_patch(config, patch)
    if args.oci_version and "ociVersion" not in patch:
        config["ociVersion"] = args.oci_version
    config = fill(config, {"id": args.id, "ns_dir": args.ns_dir, "bundle": args.bundle})
    json.dump(config, sys.stdout, indent=2)
    sys.stdout.write("\n")


def read_text(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except OSError:
        return ""


def parse_line(line):
    """(level, message) of a runc/crun JSON log line, ('', line) for plain text. crun forwards the
    container side's JSON errors as the msg of its own entry: those are unwrapped."""
    level = ""
    for _ in range(3):
        try:
            obj = json.loads(line)
        except ValueError:
            break
        if not isinstance(obj, dict) or "msg" not in obj:
            break
        level = level or str(obj.get("level", ""))
        line = str(obj["msg"]).strip()
    return level, line


def log_entries(text):
    return [parse_line(l.strip()) for l in text.splitlines() if l.strip()]


def own_cgroups():
    """This process's cgroup paths (the script may itself run in a nested cgroup)."""
    paths = set()
    for line in read_text("/proc/self/cgroup").splitlines():
        path = line.split(":", 2)[-1]
        if path not in ("", "/"):
            paths.add(path)
    return sorted(paths, key=len, reverse=True)


def sanitize(message, args):
    pairs = [(args.case, "<case>"), (args.work, "<work>"), (args.id, "<id>")]
    pairs += [(path, "/<own cgroup>") for path in own_cgroups()]
    for old, new in pairs:
        if old:
            message = message.replace(old, new)
    message = re.sub(r"/proc/\d+/", "/proc/<pid>/", message)
    message = re.sub(r"\bpid \d+", "pid <pid>", message)
    message = re.sub(r"\[\d+\]", "[<pid>]", message)
    message = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", "<time>", message)
    message = " ".join(message.split())
    return message[:300] if message else "-"


def cmd_classify(args):
    entries = log_entries(read_text(args.log))
    stderr = [m for _, m in log_entries(read_text(args.stderr))]
    result = dict(l.split("=", 1) for l in read_text(args.result).splitlines() if "=" in l)
    notes = []
    if result.get("hostname") and result["hostname"] != args.sentinel:
        notes.append("runtime namespace hostname became %r" % result["hostname"])
    if result.get("domainname") and result["domainname"] != args.sentinel:
        notes.append("runtime namespace domainname became %r" % result["domainname"])
    setup_error = read_text(args.setup_error).strip()
    errors = [m for lvl, m in entries if lvl in ("error", "fatal", "panic")]
    warnings = [m for lvl, m in entries if lvl in ("warning", "warn")]
    rc = args.rc
    if setup_error:
        outcome, message = "not-run", "script could not set up the case: " + setup_error
    elif rc in (124, 137):
        outcome = "timeout"
        message = (errors or stderr or ["no answer within the timeout"])[0]
    elif rc == 42 and not errors:
        outcome, message = "started", "the probe found it not applied as written (exit 42)"
    elif rc == 0:
        if warnings or stderr:
            outcome, message = "warned", (warnings or stderr)[0]
        elif errors:
            outcome, message = "warned", "(logged as an error) " + errors[0]
        else:
            outcome, message = "started", ""
    else:
        outcome = "refused"
        if errors or stderr:
            message = (errors or stderr)[0]
        else:
            stdout = [l.strip() for l in read_text(args.stdout).splitlines() if l.strip()]
            message = "no runtime message (exit %d)" % rc
            if stdout:
                message += "; it printed: " + " / ".join(stdout[:2])
    stdout = [l.strip() for l in read_text(args.stdout).splitlines() if l.strip()]
    if stdout and outcome in ("started", "warned"):
        notes.insert(0, "container printed: " + " / ".join(stdout[:3]))
    if notes:
        message = "; ".join(([message] if message else []) + notes)
    print("%s\t%s\t%d\t%s" % (args.fixture, outcome, rc, sanitize(message, args)))


def cmd_combine(args):
    """One row from the rows of repeated runs of a case."""
    rows = [l.rstrip("\n").split("\t") for l in read_text(args.file).splitlines() if l.strip()]
    if not rows:
        fail("combine: no rows in %s" % args.file)
    first = rows[0]
    if all(r[1:4] == first[1:4] for r in rows):
        print("\t".join(first))
        return
    counts = {}
    for r in rows:
        counts[r[1]] = counts.get(r[1], 0) + 1
    others = []
    for r in rows[1:]:
        if r[3] != first[3] and r[3] not in others:
            others.append(r[3])
    note = "[varies over %d runs: %s" % (len(rows), ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    if others:
        note += "; also: " + " | ".join(others)
    note += "]"
    message = (first[3] + " " if first[3] != "-" else "") + note
    print("\t".join([first[0], first[1], first[2], message] + first[4:]))


def cmd_lint_slugs(args):
    try:
        report = load_json(args.file)
    except (OSError, ValueError) as exc:
        print("lint-output-unreadable(%s)" % type(exc).__name__)
        return
    slugs = set()
    for entry in report.get("files", []):
        for diag in entry.get("diagnostics", []):
            if isinstance(diag, dict) and diag.get("rule"):
                slugs.add(str(diag["rule"]))
    print(",".join(sorted(slugs)) if slugs else "-")


# --- report ---------------------------------------------------------------------------------------

def read_observed(path):
    meta, rows = {}, {}
    for line in read_text(path).splitlines():
        if line.startswith("# "):
            key, _, value = line[2:].partition(": ")
            meta[key] = value
            continue
        cells = line.split("\t")
        if len(cells) < 4 or cells[0] == "fixture":
            continue
        rows[cells[0]] = {"outcome": cells[1], "exit": cells[2], "message": cells[3],
                          "lint": cells[4] if len(cells) > 4 else "n/a"}
    return meta, rows


def version_tuple(text):
    m = re.match(r"(\d+)\.(\d+)\.(\d+)", text or "")
    return tuple(int(x) for x in m.groups()) if m else None


def schema_verdicts(names, fixture_data, base, schema_dir):
    """name -> 'valid' / 'invalid: /pointer,...' via scripts/jsonschema-oracle.py, or {}."""
    oracle = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jsonschema-oracle.py")
    if not schema_dir or not os.path.exists(oracle):
        return {}
    python = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    with tempfile.TemporaryDirectory(prefix="semantic-truth-schema.") as tmp:
        paths = []
        ctx = {"id": "semtruth-id", "ns_dir": "/run/semtruth-ns", "bundle": "/run/semtruth-bundle"}
        for name in names:
            config = load_json(base)
            if name in fixture_data:
                config = merge_patch(config, fixture_data[name]["mergePatch"])
            text = json.dumps(config)
            text = text.replace('"@CURRENT@"', '"0"')
            text = text.replace('"@BLOCK_MAJOR@"', "8").replace('"@BLOCK_MINOR@"', "0")
            config = fill(json.loads(text), ctx)
            path = os.path.join(tmp, name + ".json")
            with open(path, "w") as fh:
                json.dump(config, fh)
            paths.append(path)
        proc = subprocess.run([python, oracle, schema_dir] + paths, capture_output=True, text=True)
        if proc.returncode != 0:
            return {}
        verdicts = {}
        for line in proc.stdout.splitlines():
            cells = line.split("\t")
            if len(cells) >= 2:
                name = os.path.basename(cells[1])[:-len(".json")]
                verdicts[name] = cells[0] + (": " + cells[2] if len(cells) > 2 and cells[0] == "invalid" else "")
        return verdicts


def touches_cgroups(patch):
    linux = patch.get("linux") or {}
    return "resources" in linux or "cgroupsPath" in linux


def md(text):
    return text.replace("|", "\\|").replace("\n", " ")


def cmd_report(args):
    fixture_data = fixtures(args.fixtures)
    observed = {}
    for runtime in ("runc", "crun"):
        files = sorted(glob.glob(os.path.join(args.out, "observed-%s-*.tsv" % runtime)),
                       key=lambda p: version_tuple(p.rsplit("-", 1)[-1]) or (0, 0, 0))
        if files:
            observed[runtime] = (os.path.basename(files[-1]),) + read_observed(files[-1])
    if not observed:
        fail("no observed-*.tsv in %s" % args.out)
    names = []
    for runtime in observed:
        for name in observed[runtime][2]:
            if name not in names:
                names.append(name)
    extra = [n for n in names if n not in fixture_data]
    names = extra + [n for n in names if n in fixture_data]
    schema = schema_verdicts([n for n in names if n in fixture_data or n == "base"], fixture_data,
                             args.base, args.schema_dir)
    runtimes = list(observed)
    any_lint = any(r["lint"] not in ("n/a", "") for rt in runtimes for r in observed[rt][2].values())

    out = []
    out.append("Generated from %s by `scripts/semantic-truth.py report`." %
               ", ".join("`%s`" % observed[rt][0] for rt in runtimes))
    for rt in runtimes:
        meta = observed[rt][1]
        out.append("")
        out.append("- **%s**: %s" % (rt, "; ".join("%s: %s" % (k, v) for k, v in meta.items())))
    out.append("")
    head = ["fixture", "v1.3.0 expects", "schema"] + runtimes + ["differ", "contradicts v1.3.0"]
    if any_lint:
        head.append("oci-lint")
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    counts = {rt: {} for rt in runtimes}
    contradictions = []
    for name in names:
        data = fixture_data.get(name)
        if data:
            expect = data["expect"]
            if expect != "unspecified":
                expect += " (%s)" % ("MUST" if data["basis"] == "direct" else "Valid values")
            expect = ("**correct** " if data["kind"] == "correct" else "") + expect
        else:
            expect = "**correct** (reference)"
        cells = [name, expect]
        verdict = schema.get(name, "n/a")
        cells.append("valid" if verdict == "valid" else ("**invalid**" if verdict.startswith("invalid") else verdict))
        outcomes = {}
        against = []
        for rt in runtimes:
            row = observed[rt][2].get(name)
            if not row:
                cells.append("—")
                continue
            no_cgroups = "cgroup-manager=disabled" in observed[rt][1].get("invocation", "") and \
                data is not None and touches_cgroups(data["mergePatch"])
            outcomes[rt] = row["outcome"] + (" ‡" if no_cgroups else "")
            counts[rt][row["outcome"]] = counts[rt].get(row["outcome"], 0) + 1
            text = row["outcome"] + (" ‡" if no_cgroups else "")
            if row["message"] not in ("-", ""):
                message = row["message"]
                if len(message) > 140:
                    message = message[:137] + "..."
                text += ": " + message
            cells.append(md(text))
            exp = data["expect"] if data and not no_cgroups else "unspecified"
            bad = (exp == "error" and row["outcome"] in ("started", "warned")) or \
                  (exp == "run" and row["outcome"] in ("refused", "timeout"))
            if bad:
                newer = ""
                spec_version = version_tuple(observed[rt][1].get("runtime spec version"))
                since = version_tuple(data.get("since")) if data else None
                if since and spec_version and since > spec_version:
                    newer = " †"
                against.append(rt + newer)
        differ = len(set(o.rstrip(" ‡") for o in outcomes.values())) > 1 and \
            not any(o.endswith("‡") for o in outcomes.values())
        varies = [rt for rt in runtimes if "[varies over" in observed[rt][2].get(name, {}).get("message", "")]
        cells.append(("**yes**" if differ else "") + ("; " if differ and varies else "") +
                     ("**nondeterministic**: " + ", ".join(varies) if varies else ""))
        if against:
            basis = data.get("basis", "direct") if data else "direct"
            cite = data["spec"][0] if data and data["spec"] else None
            where = "%s § %s" % (cite["file"], cite["section"]) if cite else ""
            cells.append(", ".join(against) + (" (%s%s)" % (where, "; Valid values" if basis == "valid-values" else "")))
            contradictions.append(name)
        else:
            cells.append("")
        if any_lint:
            cells.append(", ".join(md(observed[rt][2].get(name, {}).get("lint", "—")) for rt in runtimes))
        out.append("| " + " | ".join(cells) + " |")
    out.append("")
    out.append("† the property is newer than the spec version the runtime declares (`--version`), so it is"
               " an unknown property to that runtime: ignoring it obeys config.md § Extensibility of its own"
               " version, not v1.3.0.")
    out.append("")
    out.append("‡ the runtime ran with --cgroup-manager=disabled: it applies no cgroup setting, so this row"
               " says nothing about how it treats linux.resources or cgroupsPath (not counted as a"
               " contradiction or a disagreement).")
    out.append("")
    for rt in runtimes:
        out.append("- %s: %s" % (rt, ", ".join("%s %d" % kv for kv in sorted(counts[rt].items()))))
    out.append("")
    out.append("### The sentences relied on")
    out.append("")
    for name in names:
        data = fixture_data.get(name)
        if not data:
            continue
        quotes = "; ".join("%s § %s: \"%s\"" % (c["file"], c["section"], c["quote"]) for c in data["spec"])
        line = "- `%s`: %s. %s" % (name, data["about"], quotes)
        if data.get("since"):
            line += " (added in v%s)" % data["since"]
        if data.get("note"):
            line += " *%s*" % data["note"]
        out.append(md(line))
    block = "\n".join(out)

    readme = os.path.join(args.out, "README.md")
    text = read_text(readme)
    if BEGIN in text and END in text:
        before, rest = text.split(BEGIN, 1)
        _, after = rest.split(END, 1)
        with open(readme, "w", encoding="utf-8") as fh:
            fh.write(before + BEGIN + "\n" + block + "\n" + END + after)
        print(readme)
    else:
        path = os.path.join(args.out, "summary.md")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(block + "\n")
        print(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("list")
    p.add_argument("dir")
    p.set_defaults(func=cmd_list)
    p = sub.add_parser("needs")
    p.add_argument("fixture")
    p.set_defaults(func=cmd_needs)
    p = sub.add_parser("config")
    p.add_argument("--base", required=True)
    p.add_argument("--fixture")
    p.add_argument("--id", required=True)
    p.add_argument("--ns-dir", required=True)
    p.add_argument("--bundle", required=True)
    p.add_argument("--oci-version")
    p.set_defaults(func=cmd_config)
    p = sub.add_parser("classify")
    for opt in ("--runtime", "--fixture", "--case", "--work", "--id", "--log", "--stderr", "--stdout", "--result",
                "--setup-error", "--sentinel"):
        p.add_argument(opt, required=True)
    p.add_argument("--rc", type=int, required=True)
    p.set_defaults(func=cmd_classify)
    p = sub.add_parser("combine")
    p.add_argument("file")
    p.set_defaults(func=cmd_combine)
    p = sub.add_parser("lint-slugs")
    p.add_argument("file")
    p.set_defaults(func=cmd_lint_slugs)
    p = sub.add_parser("report")
    p.add_argument("--fixtures", required=True)
    p.add_argument("--base", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--schema-dir")
    p.set_defaults(func=cmd_report)
    args = parser.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
