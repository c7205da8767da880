#!/usr/bin/python3
"""Check validator/data/spec-coverage.json, the runtime-spec v1.3.0 coverage matrix.

The data file is a JSON array with one row per normative sentence of ten
documents of runtime-spec v1.3.0: the eight configuration documents
(config.md, config-linux.md, config-windows.md, config-solaris.md,
config-vm.md, config-zos.md, config-freebsd.md, bundle.md) and the two
runtime documents (runtime.md, runtime-linux.md), in document order and in
that file order. Each row says how oci-lint covers the sentence: a lint rule
("rule"), the embedded JSON schema ("schema"), nothing because it binds the
runtime ("runtime", with a note saying what a test of the runtime observes
to judge it; conformance tests cite these rows by id), or nothing because
neither the bundle nor a test can judge it ("not-checkable").

What is checked
---------------
(a) Rows:
    - every row is an object with exactly the allowed members: id, file,
      section, anchor, level, text, status, and by status: rules + note
      ("rule"), note ("runtime"), reason ("not-checkable"), optional note
      ("schema"); optional covers (a list of sentences) on any row;
    - file is one of the ten documents, rows are grouped by file in the
      order above;
    - anchor is GitHub's anchor for section (lower case, punctuation
      removed, spaces to '-'), possibly with a -N suffix for repeated
      headings; id is <file without .md>/<anchor>/<n> with n counting the
      rows of that section from 1; ids are unique;
    - text is one line, whitespace collapsed, without markdown markup
      (backticks, **, [x](y) links); an optional "[field.path] " prefix
      gives the field context;
    - level is one of the RFC 2119 keywords and is the strongest keyword
      that occurs in the row's text (or in its covers): MUST, MUST NOT,
      REQUIRED, SHALL, SHALL NOT rank above SHOULD, SHOULD NOT, RECOMMENDED,
      NOT RECOMMENDED, which rank above MAY, OPTIONAL. "OPTIONAL" inside a
      field's type annotation, "(string, OPTIONAL)", does not count;
    - rule slugs are kebab-case with a known family prefix.
(b) Against the spec text, when the spec folder exists:
    - every sentence of the ten files that contains an upper-case RFC 2119
      keyword other than MAY/OPTIONAL ("strong" sentences) must be matched
      by a row: a row matches the first not-yet-matched sentence of its file
      whose text equals the row's text (markup and whitespace normalised,
      the "[field.path] " prefix ignored); sentences still unmatched are
      matched by any row of the file that lists them in "covers" (used for
      a sentence split over several rows, for the bare MUST/SHOULD/MAY
      cells of a requirement table, which appear as "<first cell> |
      <keyword>", and for identical sentences repeated in one section);
    - a row whose text matches no sentence must have covers, and every
      covers entry must be a sentence of that file;
    - rows matched by text must be in document order, and their section and
      anchor must be those of the heading above the sentence;
    - sentences whose only keywords are MAY or OPTIONAL need a row only when
      they constrain content; they are counted, and listed with
      --show-permissive, but are not errors.
    How sentences are extracted: fenced code blocks, link definitions and
    headings are skipped; paragraphs and list items are joined into single
    lines and split after '.', '!' or '?' followed by white space and an
    upper-case letter, a quote or a bracket (not after e.g., i.e., etc.);
    a trailing ':' that introduces a list also ends a sentence. Table rows
    are split into cells; a cell that is only a keyword becomes the pseudo
    sentence "<first cell> | <keyword>", other cells are split into
    sentences.
(c) A summary: rows by status, by file, and by file and status; rule slugs
    with the number of rows that propose each.

Exit status: 0 when there is no error; 1 when a row is invalid or a strong
sentence is unmatched; 2 for a usage error (unreadable data file).
The spec folder is reference material outside the repository (the default
is ../shared/reference/runtime-spec-v1.3.0 next to the repository root).
When it is absent, nothing is checked: the script prints
"skip: <folder> absent" and exits 0.
"""

import argparse
import collections
import json
import os
import re
import sys

FILES = [
    "config.md",
    "config-linux.md",
    "config-windows.md",
    "config-solaris.md",
    "config-vm.md",
    "config-zos.md",
    "config-freebsd.md",
    "bundle.md",
    "runtime.md",
    "runtime-linux.md",
]

STATUSES = ("rule", "planned", "schema", "runtime", "not-checkable")

LEVELS = (
    "MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT",
    "SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED",
    "MAY", "OPTIONAL",
)
TIER = {
    "MUST": 3, "MUST NOT": 3, "REQUIRED": 3, "SHALL": 3, "SHALL NOT": 3,
    "SHOULD": 2, "SHOULD NOT": 2, "RECOMMENDED": 2, "NOT RECOMMENDED": 2,
    "MAY": 1, "OPTIONAL": 1,
}
KEYWORD_RE = re.compile(
    r"\b(MUST NOT|MUST|SHALL NOT|SHALL|SHOULD NOT|SHOULD|NOT RECOMMENDED|"
    r"RECOMMENDED|REQUIRED|MAY|OPTIONAL)\b")
# "OPTIONAL" as the requirement of a field's type annotation, e.g.
# "(string, OPTIONAL)", "(object OPTIONAL)", "(int64, OPTIONAL, NOT RECOMMENDED)".
TYPE_OPTIONAL_RE = re.compile(r"(\([^()]*?[ ,])OPTIONAL(?=[,)])")

RULE_FAMILIES = (
    "process-", "root-", "mount-", "ns-", "sysctl-", "device-", "resource-",
    "hook-", "path-", "paths-", "annotation-", "seccomp-", "linux-", "oci-version-",
    "bundle-", "windows-", "solaris-", "vm-", "zos-", "freebsd-", "cap-",
    "state-",
)
EXISTING_RULES = {
    "cap-unknown", "cap-malformed", "cap-unsupported-kernel",
    "cap-unavailable", "cap-unsupported-runtime", "cap-duplicate",
    "cap-inheritable-not-bounding", "cap-ambient-not-granted",
    "cap-effective-not-permitted",
}
# Rules the pipeline reports itself (lint/rules/input_rules.cc).
BUILT_IN_RULES = {"json-syntax", "json-duplicate-key", "schema", "io-error", "input-too-large"}
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)+$")
PREFIX_RE = re.compile(r"^\[(?:[^\[\]\n]|\[\])+\] ")

COMMON = ("id", "file", "section", "anchor", "level", "text", "status")
BY_STATUS = {
    "rule": ({"rules", "note"}, {"covers"}),
    "planned": ({"rules", "note"}, {"covers"}),
    "schema": (set(), {"note", "covers"}),
    "runtime": ({"note"}, {"covers"}),
    "not-checkable": ({"reason"}, {"covers", "note"}),
}


# ---------------------------------------------------------------- markdown

def strip_markup(s):
    """Markdown inline markup removed, whitespace collapsed."""
    # Backslash escapes (\\ -> \, \_ -> _), except inside code spans.
    parts = s.split("`")
    for i in range(0, len(parts), 2):
        parts[i] = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", parts[i])
    s = "`".join(parts)
    s = re.sub(r"<a\s+name=\"[^\"]*\"\s*/?>(</a>)?", "", s)
    s = re.sub(r"\s*\[\^[^\]]*\]", "", s)                 # footnote refs
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)       # [x](y)
    s = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", s)        # [x][y], [x][]
    s = s.replace("`", "")
    s = s.replace("**", "")
    s = re.sub(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])", r"\1", s)
    s = re.sub(r"(?<![\w])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w])", r"\1", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s


def normalise(s):
    """Text used to compare a row with a sentence."""
    s = strip_markup(s)
    s = PREFIX_RE.sub("", s, count=1)
    return s


def github_anchor(text):
    s = strip_markup(text).strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")


def keywords(text):
    """RFC 2119 keywords of a sentence, type-annotation OPTIONALs removed."""
    t = TYPE_OPTIONAL_RE.sub(r"\1", text)
    return KEYWORD_RE.findall(t)


def strongest(kws):
    best = None
    for k in kws:
        if best is None or TIER[k] > TIER[best]:
            best = k
    return best


ABBREV_RE = re.compile(r"(?:\be\.g|\bi\.e|\betc|\bvs|\bcf)\.$", re.I)
SEPARATOR_RE = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?$")


def split_sentences(text):
    out = []
    start = 0
    for m in re.finditer(r"[.!?](?=\s+\S)|:(?=\s+$)", text + " "):
        end = m.end()
        piece = text[start:end].strip()
        if m.group() != ":" and ABBREV_RE.search(piece):
            continue
        if piece:
            out.append(piece)
        start = end
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


Sentence = collections.namedtuple(
    "Sentence", "file line section anchor text kws")


def extract(path, name):
    """Sentences of one markdown file, in document order."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    sentences = []
    seen_anchor = collections.Counter()
    section, anchor = "", ""
    block, block_line = [], 0
    in_fence = False
    in_table = False

    def flush():
        nonlocal block
        if block:
            text = strip_markup(" ".join(block))
            for s in split_sentences(text):
                sentences.append(Sentence(name, block_line, section, anchor,
                                          s, keywords(s)))
        block = []

    for no, raw in enumerate(lines, 1):
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if re.match(r"^#{1,6}\s", stripped) and not raw.startswith(" "):
            flush()
            section = strip_markup(re.sub(r"^#{1,6}\s+", "", stripped))
            base = github_anchor(section)
            n = seen_anchor[base]
            seen_anchor[base] += 1
            anchor = base if n == 0 else "%s-%d" % (base, n)
            continue
        if not stripped:
            flush()
            in_table = False
            continue
        if re.match(r"^\[[^\]]+\]:\s*\S", stripped):       # link definition
            flush()
            continue
        nxt = lines[no].strip() if no < len(lines) else ""
        if "|" in stripped and SEPARATOR_RE.match(nxt):
            in_table = True
        elif "|" not in stripped:
            in_table = False
        if in_table:
            flush()
            if SEPARATOR_RE.match(stripped):
                continue
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            cells = [strip_markup(c) for c in cells]
            first = cells[0] if cells else ""
            for c in cells:
                if c in LEVELS:
                    t = "%s | %s" % (first, c)
                    sentences.append(Sentence(name, no, section, anchor, t,
                                              keywords(t)))
                elif c is not first:
                    for s in split_sentences(c):
                        sentences.append(Sentence(name, no, section, anchor,
                                                  s, keywords(s)))
            continue
        if re.match(r"^(\*|-|\+|\d+\.)\s+", stripped):       # list item
            flush()
            block_line = no
            block.append(re.sub(r"^(\*|-|\+|\d+\.)\s+", "", stripped))
            continue
        if stripped.startswith(">"):
            stripped = stripped.lstrip("> ").strip()
        if not block:
            block_line = no
        block.append(stripped)
    flush()
    return sentences


# ---------------------------------------------------------------- rows

def validate_rows(rows, errors):
    if not isinstance(rows, list):
        errors.append("data: the top level is not an array")
        return []
    good = []
    ids = set()
    last_file = -1
    per_section = collections.Counter()
    for i, row in enumerate(rows):
        where = "row %d" % i
        if not isinstance(row, dict):
            errors.append("%s: not an object" % where)
            continue
        if isinstance(row.get("id"), str):
            where = "row %d (%s)" % (i, row["id"])
        bad = False
        for k in COMMON:
            if not isinstance(row.get(k), str) or not row.get(k):
                errors.append("%s: %s missing or not a non-empty string"
                              % (where, k))
                bad = True
        if bad:
            continue
        status = row["status"]
        if status not in STATUSES:
            errors.append("%s: status %r is not one of %s"
                          % (where, status, ", ".join(STATUSES)))
            continue
        need, may = BY_STATUS[status]
        keys = set(row) - set(COMMON)
        for k in sorted(need - keys):
            errors.append("%s: status %s needs %s" % (where, status, k))
        for k in sorted(keys - need - may):
            errors.append("%s: member %s is not allowed with status %s"
                          % (where, k, status))
        for k in ("note", "reason"):
            if k in row and (not isinstance(row[k], str) or not row[k].strip()
                             or "\n" in row[k]):
                errors.append("%s: %s must be a one-line non-empty string"
                              % (where, k))
        if "rules" in row:
            r = row["rules"]
            if not isinstance(r, list) or not r:
                errors.append("%s: rules must be a non-empty array" % where)
            else:
                for slug in r:
                    if not isinstance(slug, str) or not SLUG_RE.match(slug):
                        errors.append("%s: rule %r is not a kebab-case slug"
                                      % (where, slug))
                    elif not slug.startswith(RULE_FAMILIES) and slug not in BUILT_IN_RULES:
                        errors.append("%s: rule %r has no known family prefix"
                                      % (where, slug))
                if len(set(map(str, r))) != len(r):
                    errors.append("%s: rules repeat a slug" % where)
        covers = row.get("covers", [])
        if "covers" in row:
            if (not isinstance(covers, list) or not covers
                    or not all(isinstance(c, str) and c for c in covers)):
                errors.append("%s: covers must be a non-empty array of "
                              "strings" % where)
                covers = []
        f = row["file"]
        if f not in FILES:
            errors.append("%s: file %r is not one of the ten documents"
                          % (where, f))
            continue
        fi = FILES.index(f)
        if fi < last_file:
            errors.append("%s: file %s out of order (files go %s)"
                          % (where, f, ", ".join(FILES)))
        last_file = max(last_file, fi)
        section, anchor = row["section"], row["anchor"]
        if re.sub(r"-\d+$", "", anchor) != github_anchor(section) and \
                anchor != github_anchor(section):
            errors.append("%s: anchor %r is not GitHub's anchor of %r (%r)"
                          % (where, anchor, section, github_anchor(section)))
        doc = f[:-3]
        per_section[(doc, anchor)] += 1
        want = "%s/%s/%d" % (doc, anchor, per_section[(doc, anchor)])
        if row["id"] != want:
            errors.append("%s: id should be %s" % (where, want))
        if row["id"] in ids:
            errors.append("%s: duplicate id" % where)
        ids.add(row["id"])
        text = row["text"]
        if "\n" in text or re.sub(r"\s+", " ", text).strip() != text:
            errors.append("%s: text is not one line with collapsed "
                          "white space" % where)
        if "`" in text or "**" in text or re.search(r"\]\(", text):
            errors.append("%s: text still has markdown markup" % where)
        kws = keywords(PREFIX_RE.sub("", text, count=1))
        for c in covers:
            kws += keywords(c)
        level = row["level"]
        if level not in LEVELS:
            errors.append("%s: level %r is not an RFC 2119 keyword"
                          % (where, level))
        elif not kws:
            errors.append("%s: text has no RFC 2119 keyword" % where)
        elif level not in kws:
            errors.append("%s: level %s does not occur in the text"
                          % (where, level))
        elif TIER[level] < TIER[strongest(kws)]:
            errors.append("%s: level %s is weaker than %s in the text"
                          % (where, level, strongest(kws)))
        good.append(row)
    return good


def match(rows, spec_dir, errors):
    """Match rows to sentences; return (unmatched strong, permissive)."""
    unmatched, permissive = [], []
    for f in FILES:
        path = os.path.join(spec_dir, f)
        if not os.path.isfile(path):
            errors.append("spec: %s is missing from %s" % (f, spec_dir))
            continue
        sents = [s for s in extract(path, f) if s.kws]
        frows = [r for r in rows if r["file"] == f]
        used = [False] * len(sents)
        last_pos = -1
        covered = set()
        for r in frows:
            t = normalise(r["text"])
            pos = next((i for i, s in enumerate(sents)
                        if not used[i] and s.text == t), None)
            if pos is None:
                if "covers" not in r:
                    errors.append("%s: text matches no sentence of %s: %s"
                                  % (r["id"], f, t))
            else:
                used[pos] = True
                s = sents[pos]
                if pos < last_pos:
                    errors.append("%s: out of document order (%s line %d)"
                                  % (r["id"], f, s.line))
                last_pos = max(last_pos, pos)
                if r["section"] != s.section or r["anchor"] != s.anchor:
                    errors.append("%s: sentence is in section %r (#%s), row "
                                  "says %r (#%s)" % (r["id"], s.section,
                                                     s.anchor, r["section"],
                                                     r["anchor"]))
            for c in r.get("covers", []):
                c = normalise(c)
                if not any(s.text == c for s in sents):
                    errors.append("%s: covers entry matches no sentence of "
                                  "%s: %s" % (r["id"], f, c))
                covered.add(c)
        for i, s in enumerate(sents):
            if used[i] or s.text in covered:
                continue
            if TIER[strongest(s.kws)] >= 2:
                unmatched.append(s)
            else:
                permissive.append(s)
    return unmatched, permissive


def summary(rows):
    print("rows: %d" % len(rows))
    by_status = collections.Counter(r["status"] for r in rows)
    print("by status: " + ", ".join("%s %d" % (s, by_status[s])
                                    for s in STATUSES))
    print("by file:")
    for f in FILES:
        c = collections.Counter(r["status"] for r in rows if r["file"] == f)
        print("  %-18s %4d  (%s)" % (f, sum(c.values()),
                                    ", ".join("%s %d" % (s, c[s])
                                              for s in STATUSES)))
    slugs = collections.Counter()
    for r in rows:
        for s in r.get("rules", []):
            slugs[s] += 1
    print("rule slugs: %d (%d existing)" % (
        len(slugs), len(set(slugs) & EXISTING_RULES)))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?",
                    default=os.path.join(root, "validator", "data",
                                         "spec-coverage.json"),
                    help="the coverage data file (default: %(default)s)")
    ap.add_argument("spec", nargs="?",
                    default=os.path.normpath(os.path.join(
                        root, "..", "shared", "reference",
                        "runtime-spec-v1.3.0")),
                    help="the runtime-spec v1.3.0 folder (default: %(default)s)")
    ap.add_argument("--show-permissive", action="store_true",
                    help="list the MAY/OPTIONAL-only sentences without a row")
    ap.add_argument("--list-sentences", action="store_true",
                    help="print every extracted keyword sentence and exit")
    ap.add_argument("--slugs", action="store_true",
                    help="also list every rule slug with its row count")
    args = ap.parse_args()

    if not os.path.isdir(args.spec):
        print("skip: %s absent" % args.spec)
        return 0

    if args.list_sentences:
        for f in FILES:
            for s in extract(os.path.join(args.spec, f), f):
                if s.kws:
                    print("%s:%d\t#%s\t%s\t%s" % (
                        f, s.line, s.anchor, strongest(s.kws), s.text))
        return 0

    try:
        with open(args.data, encoding="utf-8") as fh:
            rows = json.load(fh)
    except (OSError, ValueError) as e:
        print("error: %s: %s" % (args.data, e), file=sys.stderr)
        return 2

    errors = []
    good = validate_rows(rows, errors)
    unmatched, permissive = match(good, args.spec, errors)

    for e in errors:
        print("error: " + e)
    for s in unmatched:
        print("unmatched: %s:%d #%s [%s] %s" % (
            s.file, s.line, s.anchor, strongest(s.kws), s.text))
    if args.show_permissive:
        for s in permissive:
            print("permissive, no row: %s:%d #%s %s" % (
                s.file, s.line, s.anchor, s.text))
    summary(good)
    if args.slugs:
        slugs = collections.Counter()
        for r in good:
            for s in r.get("rules", []):
                slugs[s] += 1
        for s in sorted(slugs):
            print("  %-40s %d%s" % (s, slugs[s],
                                   "  (existing)" if s in EXISTING_RULES
                                   else ""))
    print("unmatched strong sentences: %d; MAY/OPTIONAL-only sentences "
          "without a row: %d (--show-permissive lists them); errors: %d"
          % (len(unmatched), len(permissive), len(errors)))
    return 1 if errors or unmatched else 0


if __name__ == "__main__":
    sys.exit(main())
