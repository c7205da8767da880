#!/usr/bin/python3
"""Bench peer: python-jsonschema (Debian's python3-jsonschema; run with /usr/bin/python3)
validating OCI config.json files against the schema directory (default: this repository's
schema/, config-schema.json is the root).

Usage: /usr/bin/python3 scripts/peers/jsonschema-validate.py [--schema-dir DIR] [--verbose]
                                                           [--list FILE] [FILE...]

Every DIR/*.json is put in the resolver's store under its file:// URI (refs between the files
are relative file names, resolved against the referring file, as in scripts/jsonschema-oracle.py);
nothing is ever fetched. One Draft4Validator is built, then each FILE (and each line of --list
FILE) is read, parsed with json.loads and validated with iter_errors, collecting every error as a
linter reporting every finding must. No format checker. --verbose prints each invalid file and
its errors. Prints "files=N valid=V invalid=I" (a file that does not parse counts as invalid) and
exits 0; 2 on a usage error or an unresolvable schema, 3 when a file cannot be read.
"""

import argparse
import json
import os
import sys
import urllib.parse

import jsonschema


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def build_validator(schema_dir):
    store = {}
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".json"):
            full = os.path.join(schema_dir, name)
            with open(full, "rb") as fh:
                store[file_uri(full)] = json.loads(fh.read().decode("utf-8"))
    root_uri = file_uri(os.path.join(schema_dir, "config-schema.json"))
    if root_uri not in store:
        raise ValueError("%s/config-schema.json is missing" % schema_dir)
    root = store[root_uri]

    def refuse(uri):
        raise jsonschema.exceptions.RefResolutionError("%s is not in the schema directory" % uri)

    resolver = jsonschema.RefResolver(
        base_uri=root_uri, referrer=root, store=store,
        handlers={scheme: refuse for scheme in ("http", "https", "ftp", "file", "")})
    return jsonschema.Draft4Validator(root, resolver=resolver)


def pointer(items):
    return "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in items) or "/"


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(prog="jsonschema-validate.py")
    parser.add_argument("--schema-dir", default=os.path.join(here, "..", "..", "schema"))
    parser.add_argument("--list", metavar="FILE", action="append", default=[])
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("files", metavar="FILE", nargs="*")
    args = parser.parse_args(argv)
    files = list(args.files)
    for listing in args.list:
        with open(listing, encoding="utf-8") as fh:
            files.extend(line.strip() for line in fh if line.strip())
    if not files:
        parser.error("no FILE")
    try:
        validator = build_validator(args.schema_dir)
    except (OSError, ValueError) as exc:
        sys.stderr.write("jsonschema-validate: cannot load the schema: %s\n" % exc)
        return 2

    valid = invalid = unreadable = 0
    out = sys.stdout
    for path in files:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            sys.stderr.write("jsonschema-validate: %s: %s\n" % (path, exc.strerror))
            unreadable += 1
            continue
        try:
            instance = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            invalid += 1
            if args.verbose:
                out.write("%s: invalid JSON: %s\n" % (path, exc))
            continue
        try:
            errors = list(validator.iter_errors(instance))
        except jsonschema.exceptions.RefResolutionError as exc:
            sys.stderr.write("jsonschema-validate: %s: unresolvable $ref: %s\n" % (path, exc))
            return 2
        if errors:
            invalid += 1
            if args.verbose:
                out.write("%s: %d error(s)\n" % (path, len(errors)))
                for e in errors:
                    out.write("  %s: %s\n" % (pointer(e.absolute_path), e.message))
        else:
            valid += 1
    out.write("files=%d valid=%d invalid=%d%s\n" % (
        len(files), valid, invalid, " unreadable=%d" % unreadable if unreadable else ""))
    return 3 if unreadable else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
