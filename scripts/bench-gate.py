#!/usr/bin/env python3
"""The time oci-lint-runtime adds to a runtime (issue 18's benchmark; root, not a test).

Median wall time, same bundle, wrapper vs the runtime alone, interleaved so that both see the
same machine: `create` (the container is deleted after each, untimed) with each policy, and two
pass-through commands (`state` of a running container, `--version`). The features answer cache
is warmed first (the steady state of an engine that creates containers). A container's create
varies by milliseconds from run to run, more than the gate costs, so the gate is also timed
against a stand-in runtime that returns at once, and against the floor of any wrapper: a static
C program that only execs. Prints Markdown tables for reports/benchmarks.md.

Usage: sudo scripts/bench-gate.py WRAPPER [--runtime runc] [--runs 100]
"""
import argparse
import collections
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CONFIG = {
    "ociVersion": "1.2.0",
    "process": {
        "user": {"uid": 0, "gid": 0},
        "args": ["/bin/busybox", "sleep", "600"],
        "env": ["PATH=/bin"],
        "cwd": "/",
        "capabilities": {s: ["CAP_KILL", "CAP_CHOWN"] for s in ("bounding", "effective", "permitted")},
        "rlimits": [{"type": "RLIMIT_NOFILE", "hard": 1024, "soft": 1024}],
        "noNewPrivileges": True,
    },
    "root": {"path": "rootfs"},
    "hostname": "bench",
    "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"}],
    "linux": {"namespaces": [{"type": t} for t in ("pid", "ipc", "uts", "mount", "network")]},
}


def timed(argv):
    # The container inherits the runtime's stdio: a pipe would stay open as long as it runs.
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=err)
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            err.seek(0)
            sys.exit(f"bench-gate: {' '.join(argv)} failed ({done.returncode}): "
                     f"{err.read().decode()}")
    return elapsed * 1000


FAKE_RUNTIME = r"""
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* Answers `features` with the real runtime's document; any other command succeeds at once. */
int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "features") == 0) {
    FILE* f = fopen(getenv("BENCH_GATE_FEATURES"), "r");
    char buffer[65536];
    size_t n;
    while (f && (n = fread(buffer, 1, sizeof buffer, f)) > 0) fwrite(buffer, 1, n, stdout);
    return f ? 0 : 1;
  }
  return 0;
}
"""

EXECER = r"""
#include <unistd.h>
/* The least any wrapper does: exec the program it wraps. */
int main(int argc, char** argv) { (void)argc; execv(argv[1], argv + 1); return 127; }
"""


def compile_c(source, out):
    cc = shutil.which("cc") or shutil.which("gcc") or sys.exit("bench-gate: no C compiler")
    src = out + ".c"
    with open(src, "w") as f:
        f.write(source)
    subprocess.run([cc, "-O2", "-static", src, "-o", out], check=True)


OUT = []


def say(line=""):
    print(line)
    OUT.append(line)


def median_table(rows, times):
    med = {k: statistics.median(v) for k, v in times.items()}
    say("| command | alone (median ms) | through oci-lint-runtime (median ms) | added (ms) |")
    say("| --- | ---: | ---: | ---: |")
    for label, alone, wrapped in rows:
        say(f"| {label} | {med[alone]:.2f} | {med[wrapped]:.2f} | {med[wrapped] - med[alone]:+.2f} |")


BEGIN = "<!-- begin: scripts/bench-gate.py -->"
END = "<!-- end: scripts/bench-gate.py -->"


def write_section(path, body):
    """Replaces the section between the markers in `path` (reports/benchmarks.md), or appends it;
    scripts/bench-peers.sh keeps it when it rewrites the rest of the file."""
    section = BEGIN + "\n" + body + "\n" + END + "\n"
    text = open(path).read() if os.path.exists(path) else ""
    begin, end = text.find(BEGIN), text.find(END)
    if begin >= 0 and end > begin:
        text = text[:begin] + section + text[end + len(END) + 1:]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("wrapper")
    parser.add_argument("--runtime", default="runc")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--write", metavar="FILE",
                        help="also put the results in FILE's oci-lint-runtime section "
                             "(reports/benchmarks.md)")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench-gate: runs containers: run it as root")
    runtime = shutil.which(args.runtime) or sys.exit(f"bench-gate: no {args.runtime}")
    busybox = shutil.which("busybox") or sys.exit("bench-gate: no busybox (busybox-static)")
    wrapper = os.path.abspath(args.wrapper)
    work = tempfile.mkdtemp(prefix="oci-lint-bench-gate-")
    try:
        bundle = os.path.join(work, "bundle")
        os.makedirs(os.path.join(bundle, "rootfs", "bin"))
        os.makedirs(os.path.join(bundle, "rootfs", "proc"))
        shutil.copy(busybox, os.path.join(bundle, "rootfs", "bin", "busybox"))
        config = os.path.join(bundle, "config.json")
        with open(config, "w") as f:
            json.dump(CONFIG, f, indent=2)
        # The same config with an unknown capability: adapt rewrites it at every create.
        adapt_config = json.loads(json.dumps(CONFIG))
        adapt_config["process"]["capabilities"]["bounding"].append("CAP_NO_SUCH")
        adapt_text = json.dumps(adapt_config, indent=2)
        root = os.path.join(work, "state")
        os.makedirs(os.path.join(work, "fake"))
        fake = os.path.join(work, "fake", os.path.basename(runtime))
        execer = os.path.join(work, "execer")
        compile_c(FAKE_RUNTIME, fake)
        compile_c(EXECER, execer)
        features = os.path.join(work, "features.json")
        with open(features, "wb") as f:
            f.write(subprocess.run([runtime, "features"], capture_output=True).stdout)
        os.environ["BENCH_GATE_FEATURES"] = features

        def through(rt, policy="warn"):
            return [wrapper, f"--oci-lint-runtime={rt}", f"--oci-lint-policy={policy}", "--root", root]

        # Warm the features answer cache of both runtimes (an engine's steady state).
        for rt in (runtime, fake):
            subprocess.run(through(rt) + ["features"], stdout=subprocess.DEVNULL, check=True)
        times = collections.defaultdict(list)
        n = 0
        version = subprocess.run([runtime, "--version"], capture_output=True, text=True).stdout
        load = os.getloadavg()
        say("## oci-lint-runtime: what the wrapper adds (issue 18)")
        say()
        say(f"Written by `sudo scripts/bench-gate.py build/oci-lint-runtime --runs {args.runs} --write "
            f"reports/benchmarks.md` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start, "
            f"{os.cpu_count()} CPUs, kernel {os.uname().release}. Runtime: {runtime} "
            f"({version.splitlines()[0]}). Median wall time of {args.runs} runs of each command, "
            "the commands interleaved, the wrapper's answer cache warm (an engine's steady state).")
        say()

        # 1. The gate's own cost at create: a stand-in runtime that answers `features` with the
        #    real runtime's document and returns at once from everything else.
        for _ in range(args.runs):
            times["fake create"].append(timed([fake, "--root", root, "create", "--bundle", bundle, "x"]))
            for policy in ("warn", "enforce", "adapt"):
                times["fake " + policy].append(
                    timed(through(fake, policy) + ["create", "--bundle", bundle, "x"]))
            with open(config, "w") as f:
                f.write(adapt_text)
            times["fake adapt rewrite"].append(
                timed(through(fake, "adapt") + ["create", "--bundle", bundle, "x"]))
            with open(config, "w") as f:
                json.dump(CONFIG, f, indent=2)
            times["fake state"].append(timed([fake, "--root", root, "state", "x"]))
            times["wrapper state"].append(timed(through(fake) + ["state", "x"]))
            times["execer state"].append(timed([execer, fake, "--root", root, "state", "x"]))
        say("The gate alone: the runtime is a stand-in (a static C program) that answers `features` "
            "with the real runtime's document and returns at once from everything else, so the "
            "difference is the wrapper's own time; the last row is the floor of any wrapper that "
            "execs the runtime, a static program that does nothing else.")
        say()
        median_table([
            ("create, policy warn", "fake create", "fake warn"),
            ("create, policy enforce", "fake create", "fake enforce"),
            ("create, policy adapt (nothing to change)", "fake create", "fake adapt"),
            ("create, policy adapt (rewrites config.json)", "fake create", "fake adapt rewrite"),
            ("state ID (pass-through)", "fake state", "wrapper state"),
            ("state ID through a 2-line static C program that only execs it (the floor of any "
             "wrapper)", "fake state", "execer state"),
        ], times)

        # 2. With the real runtime: create (the container deleted after each, untimed).
        for _ in range(args.runs):
            for key, prefix in (("runc create", [runtime, "--root", root]),
                                ("wrapped create", through(runtime))):
                n += 1
                cid = f"bench-{os.getpid()}-{n}"
                times[key].append(timed(prefix + ["create", "--bundle", bundle, cid]))
                subprocess.run([runtime, "--root", root, "delete", "--force", cid], check=True)
            times["runc version"].append(timed([runtime, "--version"]))
            times["wrapped version"].append(timed(through(runtime)[:2] + ["--version"]))
        say()
        say(f"With {os.path.basename(runtime)} itself (a create varies by milliseconds from run to "
            "run, so these medians carry that noise):")
        say()
        median_table([
            ("create, policy warn", "runc create", "wrapped create"),
            ("--version (pass-through)", "runc version", "wrapped version"),
        ], times)
        med = {k: statistics.median(v) for k, v in times.items()}
        say()
        say("Issue 18's targets:")
        say()
        say("| target | measured | result |")
        say("| --- | --- | --- |")
        worst = max(med["fake " + p] - med["fake create"] for p in ("warn", "enforce", "adapt"))
        say(f"| create adds <= 2 ms (median, same bundle) | the gate alone: at most {worst:+.2f} ms "
            f"(warn, enforce, adapt with nothing to change); with runc: "
            f"{med['wrapped create'] - med['runc create']:+.2f} ms | "
            f"{'**PASS**' if worst <= 2 else '**FAIL**'} |")
        added = med["wrapper state"] - med["fake state"]
        floor = med["execer state"] - med["fake state"]
        say(f"| a pass-through command adds <= 0.3 ms | {added:+.2f} ms, of which {floor:+.2f} ms is "
            f"the exec any wrapper costs on this machine and {added - floor:+.2f} ms the wrapper's own "
            f"| {'**PASS**' if added <= 0.3 else '**FAIL**'} (the wrapper's own part: "
            f"{'within' if added - floor <= 0.3 else 'above'} 0.3 ms) |")
        say()
        say("adapt that rewrites `config.json` costs more than the target: the atomic replacement "
            "syncs the file and the bundle directory (fsync twice) before the runtime starts, as "
            "it must to survive a crash; it happens only for a config that needs the change.")
        if args.write:
            write_section(args.write, "\n".join(OUT))
    finally:
        subprocess.run(["sh", "-c", f"{runtime} --root {root} list -q 2>/dev/null | "
                        f"xargs -r -n1 {runtime} --root {root} delete --force"],
                       stderr=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
