#!/usr/bin/python3
"""Test-only reference oracle: judge OCI config.json files with python-jsonschema.

Usage:
    /usr/bin/python3 scripts/jsonschema-oracle.py SCHEMA_DIR [--root config-schema.json] FILE...

Uses Debian's python3-jsonschema (4.10.3): run it with /usr/bin/python3.

Every *.json in SCHEMA_DIR is loaded into the resolver's store under its
file:// URI (and under its "id"/"$id" when it has one; a $ref to a URL under
https://opencontainers.org/schema/, as upstream's v1.0.0 and v1.0.1 ids make them, is the file
of that name); FILE is validated with
Draft4Validator against SCHEMA_DIR/ROOT, with no format checker. A $ref that
the store cannot satisfy is never fetched: the file is reported as `error`.

Output, one tab-separated line per FILE, in argument order:
    valid       PATH
    invalid     PATH  POINTER[,POINTER...]   (sorted unique error instance paths)
    unparsable  PATH  REASON
    error       PATH  REASON                     ($ref not in SCHEMA_DIR, unreadable FILE)
Exit status: 0, or 2 for a usage error.

Reading FILE: the bytes must decode as strict UTF-8 with no BOM, and parse with
json.loads, rejecting NaN, Infinity and -Infinity; for duplicate keys the last
one wins (python's default).
"""

import argparse
import json
import os
import sys
import urllib.parse

try:
    import jsonschema
except ImportError as exc:  # pragma: no cover - environment problem
    sys.stderr.write(
        "jsonschema-oracle: cannot import jsonschema (%s); "
        "install python3-jsonschema and run with /usr/bin/python3\n" % exc
    )
    sys.exit(2)


class Unparsable(Exception):
    pass


class OfflineRefError(Exception):
    pass


class Unreadable(Exception):
    pass


def _reject_constant(name):
    raise ValueError("non-standard JSON constant %s" % name)


def read_instance(path):
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise Unreadable("cannot read: %s" % exc.strerror)
    if data.startswith(b"\xef\xbb\xbf"):
        raise Unparsable("UTF-8 byte order mark")
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise Unparsable("invalid UTF-8 at byte %d: %s" % (exc.start, exc.reason))
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise Unparsable("nesting too deep for python's json module")
    except ValueError as exc:  # json.JSONDecodeError is a ValueError
        raise Unparsable(" ".join(str(exc).split()))


def file_uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def load_store(schema_dir):
    store = {}
    for name in sorted(os.listdir(schema_dir)):
        if not name.endswith(".json"):
            continue
        full = os.path.join(schema_dir, name)
        if not os.path.isfile(full):
            continue
        with open(full, "rb") as fh:
            doc = json.loads(fh.read().decode("utf-8"))
        store[file_uri(full)] = doc
        if isinstance(doc, dict):
            for key in ("id", "$id"):
                ident = doc.get(key)
                if isinstance(ident, str) and ident:
                    # An id may be relative: it is then relative to the file.
                    absolute = urllib.parse.urljoin(file_uri(full), ident)
                    for key_uri in (ident, absolute):
                        store.setdefault(key_uri, doc)
                        store.setdefault(key_uri.rstrip("#"), doc)
    return store


def make_resolver(schema_dir, root_doc, store):
    base_uri = file_uri(schema_dir).rstrip("/") + "/"

    def refuse_remote(uri):
        raise OfflineRefError("$ref %s is not in SCHEMA_DIR (network disabled)" % uri)

    def opencontainers(uri):
        # Upstream's v1.0.0 and v1.0.1 files carry ids under this prefix, which no server has
        # served, so their $refs name such URLs: the file of that name in SCHEMA_DIR stands
        # for it (oci-lint --schema-dir resolves them the same way).
        prefix = "https://opencontainers.org/schema/"
        name = urllib.parse.urldefrag(uri)[0].rsplit("/", 1)[-1]
        local = os.path.join(schema_dir, name)
        if uri.startswith(prefix) and name and os.path.isfile(local):
            return store[file_uri(local)]
        refuse_remote(uri)

    handlers = {scheme: refuse_remote for scheme in ("http", "ftp", "file", "")}
    handlers["https"] = opencontainers
    return jsonschema.RefResolver(
        base_uri=base_uri,
        referrer=root_doc,
        store=store,
        handlers=handlers,
    )


def escape_token(token):
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(path_items):
    return "".join("/" + escape_token(t) for t in path_items)


def judge(validator, path):
    try:
        instance = read_instance(path)
    except Unparsable as exc:
        return "unparsable\t%s\t%s" % (path, exc)
    except Unreadable as exc:
        return "error\t%s\t%s" % (path, exc)
    try:
        pointers = set()
        for error in validator.iter_errors(instance):
            pointers.add(pointer(error.absolute_path))
    except OfflineRefError as exc:
        return "error\t%s\t%s" % (path, exc)
    except jsonschema.exceptions.RefResolutionError as exc:
        return "error\t%s\tunresolvable $ref: %s" % (path, " ".join(str(exc).split()))
    except RecursionError:
        return "error\t%s\trecursion limit while validating" % path
    if not pointers:
        return "valid\t%s" % path
    return "invalid\t%s\t%s" % (path, ",".join(sorted(pointers)))


def main(argv):
    parser = argparse.ArgumentParser(
        prog="jsonschema-oracle.py",
        description="Validate OCI config.json files with python-jsonschema (Draft 4).",
    )
    parser.add_argument("schema_dir", metavar="SCHEMA_DIR")
    parser.add_argument("--root", default="config-schema.json",
                        help="root schema file name inside SCHEMA_DIR (default: %(default)s)")
    parser.add_argument("files", metavar="FILE", nargs="+")
    args = parser.parse_args(argv)

    if not os.path.isdir(args.schema_dir):
        parser.error("SCHEMA_DIR %s is not a directory" % args.schema_dir)
    root_path = os.path.join(args.schema_dir, args.root)
    if not os.path.isfile(root_path):
        parser.error("root schema %s not found" % root_path)
    try:
        store = load_store(args.schema_dir)
    except (OSError, ValueError) as exc:
        parser.error("cannot load schemas from %s: %s" % (args.schema_dir, exc))
    root_doc = store[file_uri(root_path)]
    resolver = make_resolver(args.schema_dir, root_doc, store)
    validator = jsonschema.Draft4Validator(root_doc, resolver=resolver)

    out = sys.stdout
    for path in args.files:
        out.write(judge(validator, path) + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
