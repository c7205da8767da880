"""Issue 14's findings-heavy batch, for scripts/peers/bench-run.py: oci-lint with both output
formats and Ajv (schema only, verdicts only) on build/bench-corpus/heavy/, every config of which
carries several mistakes the schema accepts (scripts/make-bench-corpus.py). Configs per second,
and for oci-lint findings per second: the cost of reporting a finding shows here, not in the
clean batch."""

import json
import os
import statistics


def commands(tools, corpus, node):
    jobs = ["--jobs", "2"] if tools.jobs else []
    heavy = os.path.join(corpus, "heavy")
    return [
        ("oci-lint json", [tools.oci_lint, "--format", "json"] + jobs + [heavy], (0, 1)),
        ("oci-lint text", [tools.oci_lint, "--format", "text", "--color", "never"] + jobs + [heavy],
         (0, 1)),
        ("ajv", [node, tools.ajv, "--list", os.path.join(corpus, "heavy.list")], (0,)),
    ]


def judge(results, n_files, capture, oci_lint, corpus):
    """The numbers, after checking the answers: Ajv finds every config schema-valid, and oci-lint
    reports findings in every file (counted from one JSON run). ValueError when they do not."""
    s = results["ajv"]["summary"]
    if not s or s["files"] != n_files or s["invalid"] != 0:
        raise ValueError("ajv judged %s on the findings-heavy batch of %d schema-valid configs" % (s, n_files))
    _, text, _ = capture([oci_lint, "--format", "json", os.path.join(corpus, "heavy")])
    report = json.loads(text)
    findings = sum(len(f["diagnostics"]) for f in report["files"])
    flagged = sum(1 for f in report["files"] if f["diagnostics"])
    invalid = sum(1 for f in report["files"] if not f["schemaValid"])
    if len(report["files"]) != n_files or flagged != n_files or invalid:
        raise ValueError("oci-lint reported %d files, %d with findings, %d schema-invalid; the "
                         "findings-heavy batch has %d schema-valid configs, each with mistakes"
                         % (len(report["files"]), flagged, invalid, n_files))
    out = {"files": n_files, "findings": findings, "tools": {}}
    for name, r in results.items():
        best = min(r["wall"]) / 1000
        middle = statistics.median(r["wall"]) / 1000
        out["tools"][name] = {"best": best, "wall": r["wall"], "rss": max(r["rss"]),
                              "rate": n_files / best, "median_rate": n_files / middle}
    return out


def summary_rows(hv, verdict):
    """Issue 14's rows, judged on the medians of the rounds, as the issue states its targets."""
    ajv = hv["tools"]["ajv"]
    rows = []
    for fmt in ("json", "text"):
        t = hv["tools"]["oci-lint " + fmt]
        rows.append("| findings-heavy batch (%d configs, %d findings), `--format %s`: oci-lint configs/s "
                    ">= 2 x Ajv's (medians) | oci-lint %.0f/s (%.0f findings/s), Ajv %.0f/s: %.2f x "
                    "(best rounds: %.2f x) | %s |" % (
                        hv["files"], hv["findings"], fmt, t["median_rate"],
                        hv["findings"] / hv["files"] * t["median_rate"], ajv["median_rate"],
                        t["median_rate"] / ajv["median_rate"], t["rate"] / ajv["rate"],
                        verdict(t["median_rate"] >= 2 * ajv["median_rate"])))
    rss = max(hv["tools"]["oci-lint " + f]["rss"] for f in ("json", "text"))
    rows.append("| findings-heavy batch: oci-lint peak RSS <= 64 MiB | %.1f MiB | %s |" % (
        rss / 1024, verdict(rss <= 64 * 1024)))
    return rows


def section(hv, manifest, repeats):
    mistakes = ", ".join("%s %d" % kv for kv in manifest["mistakes"].items())
    lines = [
        "## Batch with many findings: %d configs in one process" % hv["files"],
        "",
        "`build/bench-corpus/heavy/` (%.1f MB): the clean batch's variation with another seed, every "
        "config schema-valid and carrying several mistakes the schema accepts (configs with each: %s). "
        "oci-lint reports %d findings on them (%.1f a config), with `--jobs 2`, in JSON and in text "
        "(`--color never`); Ajv only validates them against the schema, as in the clean batch. %d "
        "rounds, the order of the tools turning by one each round; best wall time; peak RSS is the "
        "largest of the rounds." % (
            manifest["bytes"] / 1e6, mistakes, hv["findings"], hv["findings"] / hv["files"], repeats),
        "",
        "| tool | best s | all rounds s | configs/s | findings/s | peak RSS MiB | oci-lint json / tool (rate) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    base = hv["tools"]["oci-lint json"]["rate"]
    for name, t in hv["tools"].items():
        per_s = "%.0f" % (hv["findings"] / t["best"]) if name.startswith("oci-lint") else "-"
        lines.append("| %s | %.3f | %s | %.0f | %s | %.1f | %.2f x |" % (
            name, t["best"], ", ".join("%.3f" % (x / 1000) for x in t["wall"]), t["rate"], per_s,
            t["rss"] / 1024, base / t["rate"]))
    lines.append("")
    return lines


def console(hv):
    ajv = hv["tools"]["ajv"]["rate"]
    return ["findings-heavy batch (%d configs, %d findings): " % (hv["files"], hv["findings"]) + ", ".join(
        "%s %.0f/s %.1f MiB" % (k, v["rate"], v["rss"] / 1024) for k, v in hv["tools"].items()),
            "  medians: oci-lint json / ajv = %.2f, text / ajv = %.2f (target >= 2)" % (
                hv["tools"]["oci-lint json"]["median_rate"] / hv["tools"]["ajv"]["median_rate"],
                hv["tools"]["oci-lint text"]["median_rate"] / hv["tools"]["ajv"]["median_rate"])]
