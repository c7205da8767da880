#!/usr/bin/python3
"""Differential test: oci-lint's schemaValid against python-jsonschema's Draft4Validator.

Usage:
    /usr/bin/python3 scripts/compare-with-jsonschema.py --oci-lint BIN --oracle-schema DIR
        [--schema-dir DIR] [--mutations N] [--seed S] [--allow-differences FILE]
        [--kind config|features|state] FILE...

Judges every CONFIG, plus N deterministic mutations of them (wrong types, integers just inside
and just outside 32- and 64-bit bounds, floats for integers, unknown enum values, deleted
required properties...), with oci-lint (embedded schema, or --schema-dir DIR) and with the
reference oracle (scripts/jsonschema-oracle.py) over --oracle-schema DIR. Prints every config
on which they disagree and exits 1 when there is one that --allow-differences does not list
(a file of `POINTER-PREFIX[=JSON]<TAB>reason` lines: a disagreement is allowed when a mutated
pointer starts with a listed prefix and, when =JSON is given, the value written there is that
JSON, such as =null). Files the oracle cannot parse are left out.
"""

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

REPLACEMENTS = [
    None, True, False, 0, -1, 1, 1.0, 1.5, 100.0, "", "foo", "SCMP_ACT_FOO", [], {}, ["x"],
    {"x": 1}, 255, 256, 65535, 65536, 2**31 - 1, 2**31, -(2**31), -(2**31) - 1,
    2**32 - 1, 2**32, 2**53 + 1, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2**64 - 1, 2**64,
    2**65, -(2**64), 10**30, 1e300,
]


def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, prefix + (index,))


def get(node, path):
    for token in path:
        node = node[token]
    return node


def pointer(path):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in path)


def value_at(document, pointer_text):
    """The value at a JSON pointer, or the marker MISSING (a deleted member)."""
    node = document
    for token in pointer_text.split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        elif isinstance(node, dict) and token in node:
            node = node[token]
        else:
            return "MISSING"
    return node


def mutate(config, rng):
    config = copy.deepcopy(config)
    candidates = [p for p in paths(config) if p]
    path = rng.choice(candidates)
    parent = get(config, path[:-1])
    kind = rng.random()
    if kind < 0.15 and isinstance(parent, dict):
        del parent[path[-1]]
        return config, pointer(path)
    if kind < 0.25 and isinstance(parent, dict):
        parent["unknownField" + str(rng.randrange(100))] = rng.choice(REPLACEMENTS)
        return config, pointer(path[:-1])
    parent[path[-1]] = copy.deepcopy(rng.choice(REPLACEMENTS))
    return config, pointer(path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--oci-lint", required=True)
    parser.add_argument("--oracle-schema", required=True)
    parser.add_argument("--schema-dir")
    parser.add_argument("--mutations", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--allow-differences")
    parser.add_argument("--kind", default="config", choices=("config", "features", "state"),
                        help="what the files are: the oracle's root is KIND-schema.json")
    parser.add_argument("configs", nargs="+")
    args = parser.parse_args()
    for needed in [args.oracle_schema] + ([args.schema_dir] if args.schema_dir else []):
        if not os.path.isdir(needed):
            print("SKIP: schema directory %s is missing (scripts/setup.sh installs it)" % needed)
            return 77
    try:
        import jsonschema  # noqa: F401
    except ImportError:  # pragma: no cover
        print("SKIP: python3-jsonschema is missing (scripts/setup.sh installs it)")
        return 77

    allowed = []  # (pointer prefix, JSON text the mutated value must have, or None)
    if args.allow_differences:
        with open(args.allow_differences) as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    entry = line.rstrip("\n").split("\t", 1)[0]
                    prefix, _, value = entry.partition("=")
                    allowed.append((prefix, value or None))

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="oci-lint-compare-") as tmp:
        files = {}  # path -> mutated pointer ("" for an original)
        originals = []
        for i, config in enumerate(args.configs):
            target = os.path.join(tmp, "orig-%03d.json" % i)
            with open(config, "rb") as src, open(target, "wb") as dst:
                dst.write(src.read())
            files[target] = ("", config)
            try:
                with open(config) as fh:
                    loaded = json.load(fh)
                if isinstance(loaded, dict) and (args.kind != "config" or "ociVersion" in loaded):
                    copy.deepcopy(loaded)  # too deep for the mutator: RecursionError
                    originals.append((config, loaded))
            except (ValueError, RecursionError):
                pass
        for n in range(args.mutations if originals else 0):
            source, config = originals[n % len(originals)]
            mutated, where = mutate(config, rng)
            target = os.path.join(tmp, "mut-%05d.json" % n)
            with open(target, "w") as fh:
                json.dump(mutated, fh, indent=2)
            files[target] = (where, source)

        names = sorted(files)
        oracle = subprocess.run(
            ["/usr/bin/python3", os.path.join(HERE, "jsonschema-oracle.py"), args.oracle_schema,
             "--root", args.kind + "-schema.json"] + names, capture_output=True, text=True, check=True).stdout
        verdicts = {}
        for line in oracle.splitlines():
            fields = line.split("\t")
            verdicts[fields[1]] = fields[0]
        command = [args.oci_lint, "--format", "json", "--fail-on", "never", "--kind", args.kind]
        if args.schema_dir:
            command += ["--schema-dir", args.schema_dir]
        run = subprocess.run(command + [tmp], capture_output=True, text=True)
        if run.returncode != 0:
            sys.stderr.write("oci-lint failed (%d): %s\n" % (run.returncode, run.stderr))
            return 1
        ours = {f["path"]: f for f in json.loads(run.stdout)["files"]}

        compared = disagreements = unexplained = 0
        for name in names:
            verdict = verdicts.get(name)
            if verdict not in ("valid", "invalid"):
                continue
            compared += 1
            mine = ours[name]["schemaValid"]
            if mine == (verdict == "valid"):
                continue
            disagreements += 1
            where, source = files[name]
            explained = False
            if where:
                with open(name) as fh:
                    mutated = json.load(fh)
                value = value_at(mutated, where)
                explained = any(where.startswith(prefix) and
                                (want is None or json.dumps(value) == want)
                                for prefix, want in allowed)
            unexplained += not explained
            with open(name) as fh:
                text = fh.read()
            print("%s: %s (from %s, mutated at %r): jsonschema says %s, oci-lint says %s; %s"
                  % ("allowed" if explained else "DIFFERENCE", name, source, where, verdict,
                     "valid" if mine else "invalid",
                     json.dumps(ours[name]["diagnostics"])[:400]))
            if not explained:
                print("    " + text[:2000].replace("\n", "\n    "))
        print("compared %d configs (%d mutations): %d disagreements, %d unexplained"
              % (compared, args.mutations, disagreements, unexplained))
        return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
