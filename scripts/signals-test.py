#!/usr/bin/env python3
"""Termination signals end `oci-lint conformance` and `oci-lint probe` cleanly.

usage: signals-test.py OCI_LINT HOLD_HELPER

For runc and crun (each skipped when absent), `conformance` is sent SIGTERM, SIGHUP and SIGINT
as soon as its working directory exists (during `<runtime> spec` or the first bundle), while a
container runs (one scenario, and the second scenario of a battery whose first one timed out),
and while a report is being written (its name is a FIFO, so the open blocks); each time it must exit 128 + the signal, and no container, mount, working
directory or process of the run may be left. After a SIGKILL, the next run sweeps the leftover and
says so. `probe` is sent SIGTERM and SIGINT while a test process runs, as root and as nobody: exit
128 + the signal, every test process gone. A probe test process that is stopped is killed by
--timeout. HOLD_HELPER is a static program that never exits, so containers run until killed.
Needs root; exits 77 (skipped) with the reason otherwise.
"""

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

failures = []


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(77)


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}", file=sys.stderr)
    return condition


def wait_until(predicate, seconds):
    """The first true value of predicate() within `seconds`, or None."""
    deadline = time.monotonic() + seconds
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value or None
        time.sleep(0.01)


def read(path, mode="r"):
    try:
        with open(path, mode) as f:
            return f.read()
    except OSError:
        return b"" if "b" in mode else ""


def processes():
    """(pid, cmdline, exe) of every process."""
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        cmdline = read(f"/proc/{entry}/cmdline", "rb").replace(b"\0", b" ").decode(errors="replace")
        try:
            exe = os.readlink(f"/proc/{entry}/exe")
        except OSError:
            exe = ""
        yield int(entry), cmdline, exe


def start_time(pid):
    """The start time of `pid` (field 22 of its stat), or None when it is gone."""
    text = read(f"/proc/{pid}/stat")
    fields = text[text.rfind(")") + 2:].split() if text else []
    return fields[19] if len(fields) > 19 else None


def state(pid):
    """The state letter of `pid` (R, S, T, Z...), or None when it is gone."""
    text = read(f"/proc/{pid}/stat")
    fields = text[text.rfind(")") + 2:].split() if text else []
    return fields[0] if fields else None


def children(pid):
    return [int(c) for c in read(f"/proc/{pid}/task/{pid}/children").split()]


class Run:
    """A started oci-lint whose standard error is collected as it comes."""

    def __init__(self, argv, env=None, preexec=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=env, preexec_fn=preexec)
        self.err = ""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in iter(self.proc.stderr.readline, b""):
            self.err += line.decode(errors="replace")

    def finish(self, seconds=120):
        try:
            code = self.proc.wait(seconds)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
            self.err += f"\n(still running after {seconds} s: killed by the test)"
        self.reader.join(10)
        return 128 + -code if code < 0 else code


class Conformance:
    def __init__(self, oci_lint, hold_helper, runtime, scratch):
        self.oci_lint = oci_lint
        self.hold_helper = hold_helper
        self.runtime = runtime
        self.scratch = scratch
        self.tmp = os.path.join(scratch, f"tmp-{runtime}")
        os.mkdir(self.tmp, 0o755)
        self.env = dict(os.environ, TMPDIR=self.tmp)

    def start(self, *args, hold=True, out=None):
        argv = [self.oci_lint, "conformance", "--runtime", self.runtime,
                "--out", out or os.path.join(self.scratch, "reports"), *args]
        if hold:
            argv += ["--helper", self.hold_helper]
        return Run(argv, self.env)

    def container_ids(self):
        r = subprocess.run([self.runtime, "list", "-q"], capture_output=True, text=True)
        return r.stdout.split()

    def status(self, container):
        r = subprocess.run([self.runtime, "state", container], capture_output=True, text=True)
        try:
            return json.loads(r.stdout).get("status") if r.returncode == 0 else None
        except ValueError:
            return None

    def running_container(self, pid, scenarios):
        """The id of a running container of run `pid` among `scenarios`, or None."""
        for container in self.container_ids():
            if any(container == f"oci-lint-{pid}-{s}" for s in scenarios):
                if self.status(container) == "running":
                    return container
        return None

    def leftovers(self, pid):
        """What run `pid` left: directories, containers, mounts, processes."""
        found = [f"directory {name}" for name in os.listdir(self.tmp)]
        prefix = f"oci-lint-{pid}-"
        found += [f"container {c}" for c in self.container_ids() if c.startswith(prefix)]
        found += [f"mount {line}" for line in read("/proc/self/mountinfo").splitlines()
                  if self.tmp in line or prefix in line]
        found += [f"process {p}: {cmdline} ({exe})" for p, cmdline, exe in processes()
                  if p != os.getpid() and (self.tmp in cmdline or self.tmp in exe or
                                           prefix in cmdline)]
        return found

    def expect_nothing_left(self, pid, where):
        # The kernel finishes a SIGKILLed container's exit asynchronously: allow it a moment.
        left = wait_until(lambda: not self.leftovers(pid), 10)
        check(left, f"{where}: left behind: {self.leftovers(pid)}")


SCENARIOS = ["baseline", "unknown-name", "malformed-name", "kernel-unsupported",
             "environment-unavailable", "ambient-without-inheritable", "non-root-ambient",
             "no-new-privileges"]


def report(where, failures_before, detail):
    """Prints ok for a case that added no failure."""
    if len(failures) == failures_before:
        print(f"ok: {where}: {detail}")


def conformance_signal(c, sig, point):
    before = len(failures)
    name = signal.Signals(sig).name
    where = f"{c.runtime} conformance, {name} {point}"
    out = os.path.join(c.scratch, "reports")
    if point == "as soon as the working directory exists":
        run = c.start("--scenario", "baseline", "--scenario", "non-root-ambient")
        if not check(wait_until(lambda: "bundles in " in run.err, 30), f"{where}: {run.err}"):
            run.proc.kill()
    elif point == "while its one container runs":
        run = c.start("--scenario", "baseline", "--timeout", "120")
        if not check(wait_until(lambda: c.running_container(run.proc.pid, ["baseline"]), 60),
                     f"{where}: no running container: {run.err}"):
            run.proc.kill()
    elif point == "while the second scenario's container runs":
        run = c.start("--timeout", "1")
        later = SCENARIOS[1:]
        if not check(wait_until(lambda: c.running_container(run.proc.pid, later), 60),
                     f"{where}: no running container: {run.err}"):
            run.proc.kill()
        check("scenario baseline... " in run.err, f"{where}: the first scenario did not run")
    else:  # while a report is written
        out = os.path.join(c.scratch, f"fifo-{c.runtime}-{name}")
        os.mkdir(out)
        os.mkfifo(os.path.join(out, "report.md"))
        run = c.start("--scenario", "baseline", hold=False, out=out)
        blocked = wait_until(lambda: read(f"/proc/{run.proc.pid}/wchan") in
                             ("wait_for_partner", "fifo_open"), 60)
        if not check(blocked, f"{where}: never blocked opening report.md: {run.err}"):
            run.proc.kill()
    pid = run.proc.pid
    run.proc.send_signal(sig)
    code = run.finish()
    check(code == 128 + sig, f"{where}: exit {code}, not {128 + sig}: {run.err}")
    check(f"interrupted by {name}" in run.err, f"{where}: no 'interrupted by {name}': {run.err}")
    if point == "while a report is written":
        check("while writing" in run.err, f"{where}: the report is not named: {run.err}")
        left = sorted(os.listdir(out))
        check(left == ["report.md"], f"{where}: the reports directory holds {left}")
    c.expect_nothing_left(pid, where)
    report(where, before, f"exit {code}")


def conformance_sigkill_then_sweep(c):
    where = f"{c.runtime} conformance, SIGKILL then the next run"
    before = len(failures)
    run = c.start("--scenario", "baseline", "--timeout", "120")
    if not check(wait_until(lambda: c.running_container(run.proc.pid, ["baseline"]), 60),
                 f"{where}: no running container: {run.err}"):
        run.proc.kill()
        return
    pid = run.proc.pid
    run.proc.send_signal(signal.SIGKILL)
    check(run.finish() == 128 + signal.SIGKILL, f"{where}: not killed")
    leftover = [os.path.join(c.tmp, n) for n in os.listdir(c.tmp)]
    check(len(leftover) == 1, f"{where}: SIGKILL left {leftover}, not one directory")
    check(f"oci-lint-{pid}-baseline" in c.container_ids(), f"{where}: no container left to sweep")
    sweeper = c.start("--scenario", "baseline", hold=False)
    code = sweeper.finish()
    check(code in (0, 1), f"{where}: the next run exited {code}: {sweeper.err}")
    for path in leftover:
        check(f"removed {path}, left by process {pid} which no longer exists" in sweeper.err,
              f"{where}: the sweep does not say it removed {path}: {sweeper.err}")
    c.expect_nothing_left(pid, where)
    c.expect_nothing_left(sweeper.proc.pid, where + " (the sweeping run)")
    report(where, before, f"swept {leftover}")


def probe_configs(scratch):
    """A directory anyone can read holding a config whose probe starts many test processes."""
    configs = os.path.join(scratch, "probe")
    os.mkdir(configs, 0o755)
    caps = ["CAP_CHOWN", "CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_SYS_ADMIN", "CAP_SYS_TIME"]
    config = {
        "ociVersion": "1.2.0",
        "process": {
            "user": {"uid": 0, "gid": 0}, "cwd": "/", "args": ["sh"],
            "capabilities": {"bounding": caps[:3], "effective": caps, "permitted": caps[:4],
                             "inheritable": caps, "ambient": caps},
            "rlimits": [{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 1024},
                        {"type": "RLIMIT_CORE", "soft": 0, "hard": 0}],
        },
        "root": {"path": "rootfs"},
    }
    path = os.path.join(configs, "config.json")
    with open(path, "w") as f:
        json.dump(config, f)
    os.chmod(path, 0o644)
    os.chmod(scratch, 0o755)
    return path


def as_nobody():
    os.setgroups([])
    os.setresgid(65534, 65534, 65534)
    os.setresuid(65534, 65534, 65534)


def probe_run(oci_lint, config, user, *extra):
    argv = [oci_lint, "probe", "--environment", "host", *extra] + [config] * 300
    return Run(argv, preexec=as_nobody if user == "nobody" else None)


def catch_child(run, live_only):
    """A (pid, start time) of a test process of `run`, alive when caught."""
    def one():
        for child in children(run.proc.pid):
            started = start_time(child)
            if started and (not live_only or state(child) not in (None, "Z")):
                return child, started
        return None
    return wait_until(one, 30)


def probe_signal(oci_lint, config, user, sig):
    name = signal.Signals(sig).name
    where = f"probe as {user}, {name} while a test process runs"
    before = len(failures)
    run = probe_run(oci_lint, config, user)
    caught = catch_child(run, True)
    if not check(caught, f"{where}: no test process seen: {run.err}"):
        run.proc.kill()
    run.proc.send_signal(sig)
    code = run.finish()
    check(code == 128 + sig, f"{where}: exit {code}, not {128 + sig}: {run.err}")
    check(f"interrupted by {name}" in run.err, f"{where}: no 'interrupted by {name}': {run.err}")
    if caught:
        child, started = caught
        check(start_time(child) != started, f"{where}: test process {child} is still there")
    check(not children(run.proc.pid), f"{where}: children left")
    report(where, before, f"exit {code}")


def probe_stopped_child(oci_lint, config, user):
    where = f"probe as {user}, a stopped test process"
    before = len(failures)
    run = probe_run(oci_lint, config, user, "--timeout", "2")
    stopped = None
    deadline = time.monotonic() + 30
    while not stopped and time.monotonic() < deadline and run.proc.poll() is None:
        caught = catch_child(run, True)
        if not caught:
            break
        try:
            os.kill(caught[0], signal.SIGSTOP)
        except ProcessLookupError:
            continue  # it ended between being seen and being stopped: catch the next one
        if start_time(caught[0]) == caught[1] and state(caught[0]) == "T":
            stopped = caught
    if not check(stopped, f"{where}: could not stop a test process: {run.err}"):
        run.proc.kill()
        run.finish()
        return
    began = time.monotonic()
    gone = wait_until(lambda: start_time(stopped[0]) != stopped[1], 2 + 5)
    check(gone, f"{where}: the stopped test process was not killed within --timeout 2 + 5 s")
    killed_after = time.monotonic() - began
    run.proc.send_signal(signal.SIGTERM)  # no need to probe the other 299 copies
    code = run.finish()
    check(code == 128 + signal.SIGTERM, f"{where}: exit {code}: {run.err}")
    report(where, before, f"killed after {killed_after:.1f} s")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    oci_lint, hold_helper = map(os.path.abspath, sys.argv[1:])
    if os.geteuid() != 0:
        skip("conformance and the nobody probe runs need root")
    scratch = tempfile.mkdtemp(prefix="oci-lint-signals-")
    try:
        runtimes = [r for r in ("runc", "crun") if shutil.which(r)]
        if not runtimes:
            print("no runc or crun: the conformance part is skipped")
        for runtime in runtimes:
            c = Conformance(oci_lint, hold_helper, runtime, scratch)
            for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                for point in ("as soon as the working directory exists", "while its one container runs",
                              "while the second scenario's container runs",
                              "while a report is written"):
                    conformance_signal(c, sig, point)
            conformance_sigkill_then_sweep(c)
        config = probe_configs(scratch)
        users = ["root"]
        nobody = subprocess.run([oci_lint, "probe", config], preexec_fn=as_nobody,
                                capture_output=True, text=True)
        if nobody.returncode in (0, 1):
            users.append("nobody")
        else:
            print(f"probe as nobody skipped: {nobody.stdout.strip()} {nobody.stderr.strip()}")
        for user in users:
            for sig in (signal.SIGTERM, signal.SIGINT):
                probe_signal(oci_lint, config, user, sig)
            probe_stopped_child(oci_lint, config, user)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        sys.exit(1)
    print("every run cleaned up")


if __name__ == "__main__":
    main()
