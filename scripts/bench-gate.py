#!/usr/bin/env python3
"""The time oci-lint-runtime adds to a runtime (issue 18's benchmark; root, not a test).

Median wall time, same bundle, wrapper vs the runtime alone, interleaved so that both see the
same machine: `create` (the container is deleted after each, untimed) with each policy, and two
pass-through commands (`state` of a running container, `--version`). The features answer cache
is warmed first (the steady state of an engine that creates containers); --cold empties it
before every wrapped create. Prints a Markdown table for reports/benchmarks.md.

Usage: sudo scripts/bench-gate.py WRAPPER [--runtime runc] [--runs 100] [--cold]
"""
import argparse
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
    start = time.perf_counter()
    done = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench-gate: {' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()}")
    return elapsed * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("wrapper")
    parser.add_argument("--runtime", default="runc")
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--cold", action="store_true")
    args = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("bench-gate: runs containers: run it as root")
    runtime = shutil.which(args.runtime) or sys.exit(f"bench-gate: no {args.runtime}")
    busybox = shutil.which("busybox") or sys.exit("bench-gate: no busybox (busybox-static)")
    work = tempfile.mkdtemp(prefix="oci-lint-bench-gate-")
    try:
        bundle = os.path.join(work, "bundle")
        os.makedirs(os.path.join(bundle, "rootfs", "bin"))
        os.makedirs(os.path.join(bundle, "rootfs", "proc"))
        shutil.copy(busybox, os.path.join(bundle, "rootfs", "bin", "busybox"))
        with open(os.path.join(bundle, "config.json"), "w") as f:
            json.dump(CONFIG, f, indent=2)
        root = os.path.join(work, "state")
        cache = "/run/oci-lint-runtime"
        plain = [runtime, "--root", root]
        wrapped = {p: [args.wrapper, f"--oci-lint-runtime={runtime}", f"--oci-lint-policy={p}",
                       "--root", root] for p in ("warn", "enforce", "adapt")}
        times = {k: [] for k in ("runtime", "warn", "enforce", "adapt", "state runtime",
                                 "state wrapper", "version runtime", "version wrapper")}
        subprocess.run(wrapped["warn"] + ["features"], stdout=subprocess.DEVNULL, check=True)
        n = 0

        def create(key, prefix):
            nonlocal n
            n += 1
            cid = f"bench-{os.getpid()}-{n}"
            if args.cold and key != "runtime":
                shutil.rmtree(cache, ignore_errors=True)
            elif key != "runtime":  # warm: the answers are there
                subprocess.run(prefix + ["create", "--bundle", bundle, "warm-" + cid],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                subprocess.run(plain + ["delete", "--force", "warm-" + cid], stderr=subprocess.DEVNULL)
            times[key].append(timed(prefix + ["create", "--bundle", bundle, cid]))
            subprocess.run(plain + ["delete", "--force", cid], check=True)

        for _ in range(args.runs):
            create("runtime", plain)
            for policy in ("warn", "enforce", "adapt"):
                create(policy, wrapped[policy])
        running = f"bench-{os.getpid()}-state"
        subprocess.run(plain + ["create", "--bundle", bundle, running], check=True)
        try:
            for _ in range(args.runs):
                times["state runtime"].append(timed(plain + ["state", running]))
                times["state wrapper"].append(timed(wrapped["warn"] + ["state", running]))
                times["version runtime"].append(timed([runtime, "--version"]))
                times["version wrapper"].append(timed(wrapped["warn"][:2] + ["--version"]))
        finally:
            subprocess.run(plain + ["delete", "--force", running])
        med = {k: statistics.median(v) for k, v in times.items()}
        version = subprocess.run([runtime, "--version"], capture_output=True, text=True).stdout
        print(f"runtime: {runtime} ({version.splitlines()[0]}); runs: {args.runs} each, interleaved; "
              f"features cache: {'cold (emptied before each wrapped create)' if args.cold else 'warm'}\n")
        print("| command | runtime alone (median ms) | through oci-lint-runtime (median ms) | added (ms) |")
        print("| --- | ---: | ---: | ---: |")
        for policy in ("warn", "enforce", "adapt"):
            print(f"| create, policy {policy} | {med['runtime']:.2f} | {med[policy]:.2f} | "
                  f"{med[policy] - med['runtime']:+.2f} |")
        for cmd in ("state", "version"):
            label = "state ID (pass-through)" if cmd == "state" else "--version (pass-through)"
            print(f"| {label} | {med[cmd + ' runtime']:.2f} | {med[cmd + ' wrapper']:.2f} | "
                  f"{med[cmd + ' wrapper'] - med[cmd + ' runtime']:+.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
