#!/usr/bin/env python3
"""Writes the seed corpora of validator/fuzz/corpus/<target>/ from testdata/ and schema/.

Run from anywhere; replaces the corpus directories. The seeds are committed: the lint target's
first byte picks its options and the schema_dir target's first byte the file replaced and the
kind (see each *_fuzzer.cc).
"""
import hashlib
import pathlib
import random
import shutil

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "validator/fuzz/corpus"


def write(target, seeds):
    directory = OUT / target
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    for data in seeds:
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def files(*globs):
    return [p for g in globs for p in sorted(ROOT.glob(g))]


def lint_seeds():
    options = [0x00, 0x04, 0x0D, 0x35, 0x49, 0x5C, 0x21, 0x7F]
    paths = files("testdata/examples/*.json", "testdata/harvested/[crt]*.json",
                  "testdata/harvested/podman-[dpu]*.json",
                  "testdata/rules/features-*/fire-*.json", "testdata/rules/state-*/fire-*.json",
                  "testdata/rules/process-rlimit-*/fire-*.json",
                  "testdata/rules/runtime-hook-unsupported/fire-*.json",
                  "testdata/caps/features/*.json")
    return [bytes([options[i % len(options)]]) + p.read_bytes() for i, p in enumerate(paths)]


def schema_dir_seeds():
    seeds = []
    for index, path in enumerate(sorted((ROOT / "schema").glob("*.json"))):
        kind = 2 if path.name.startswith("features") else 3 if path.name.startswith("state") else 1
        seeds.append(bytes([(index << 2) | kind]) + path.read_bytes())
    return seeds


POLICIES = [
    b'fail-on = "warning"\ndisable = ["cap-duplicate"]\n[target]\nkernel = "5.4"\n'
    b'environment = "env.status"\nruntime-features = "runc.json"\n[severity]\n'
    b'cap-ambient-not-granted = "note"\n[[ignore]]\npath = "vendor/*"\nrules = ["schema"]\n',
    b'fail-on = "never"\n[target]\nenvironment = "host"\nkernel = "host"\n',
    b'[[ignore]]\npath = "*.json"\n[[ignore]]\npath = "a/**"\nrules = ["cap-unknown", "mount-nosuid"]\n',
    b'[severity]\n"cap-unknown" = "error"\nschema = "warning"\n',
    b"disable = ['cap-duplicate', \"\"\"cap-unknown\"\"\"]\n# comment\n",
    b'fail-on = 1\n', b'[target]\nkernel = 5.4\n', b'x = { a = [1, 2.5, 1979-05-27T07:32:00Z] }\n',
]


def proc_capture_seeds():
    return [p.read_bytes() for p in files("testdata/caps/environments/*.status",
                                          "testdata/rules/process-rlimit-unavailable/env*")]


def features_seeds():
    return [p.read_bytes() for p in files("testdata/caps/features/*.json",
                                          "testdata/runtimes/*.json",
                                          "testdata/rules/features-*/*.json")]


def conformance_report_seeds():
    return [p.read_bytes() for p in files("reports/*/report.json")] + [
        b'{"runtime": {"name": "runc"}, "scenarios": [{"id": "a", "battery": "spec", '
        b'"verdict": "fail", "skipReason": null, "requirements": [{"id": "config/x/1", '
        b'"verdict": "fail", "evidence": ["<script>"]}, {"verdict": "skip"}]}]}',
    ]


def exec_model_seeds():
    rng = random.Random(16)
    return [bytes(rng.getrandbits(8) for _ in range(43)) for _ in range(8)]


def gate_adapt_seeds():
    return [p.read_bytes() for p in files("testdata/rules/cap-*/fire-*.json",
                                          "testdata/rules/process-rlimit-*/fire-*.json",
                                          "testdata/harvested/podman-default.json")]


write("lint", lint_seeds())
write("schema_dir", schema_dir_seeds())
write("policy", POLICIES)
write("proc_capture", proc_capture_seeds())
write("features", features_seeds())
write("exec_model", exec_model_seeds())
write("conformance_report", conformance_report_seeds())
write("gate_adapt", gate_adapt_seeds())
