#!/usr/bin/env python3
"""The ctest robustness.hostile_inputs_memory: generates the hostile inputs of issue 16 at the
default --max-size (64 MiB) and checks that each ends within a generous time (a hang guard, not
a speed target), within 256 MiB of peak RSS, with a clear finding and the documented exit code;
then that --max-memory keeps -j 4 over four large files below what the same run takes unbudgeted.

Usage: scripts/hostile-inputs-test.py OCI_LINT
"""
import os
import subprocess
import sys
import tempfile
import time

MIB = 1024 * 1024
SIZE = 64 * MIB - 1  # the largest input the default --max-size accepts
RSS_LIMIT_KIB = 256 * 1024
SECONDS_LIMIT = 120


def spawn(argv):
    """Like run, but reaps the child itself with wait4 so its rusage is its own."""
    start = time.monotonic()
    with tempfile.TemporaryFile() as out:
        pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=[
            (os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, out.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
        seconds = time.monotonic() - start
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return os.waitstatus_to_exitcode(status), text, usage.ru_maxrss, seconds


def write(path, chunks):
    with open(path, "wb") as f:
        for chunk in chunks:
            f.write(chunk)
    assert os.path.getsize(path) <= SIZE, path


def repeated(head, unit, tail, total=SIZE):
    """head + unit repeated + tail, `total` bytes at most, written in large blocks."""
    count = (total - len(head) - len(tail)) // len(unit)
    block = unit * max(1, (1 * MIB) // len(unit))
    yield head
    per_block = len(block) // len(unit)
    while count >= per_block:
        yield block
        count -= per_block
    yield unit * count
    yield tail


def object_of_members(count):
    """An object of `count` members, in blocks (this process stays small: a child's peak RSS
    counts the RSS of the process that started it)."""
    yield b"{"
    for start in range(0, count, 10_000):
        end = min(count, start + 10_000)
        block = b",".join(b'"k%d":%d' % (i, i) for i in range(start, end))
        yield (b"," if start else b"") + block
    yield b"}"


def main():
    oci_lint = os.path.abspath(sys.argv[1])
    failures = []
    with tempfile.TemporaryDirectory(prefix="oci-lint-hostile.") as work:
        cases = {
            # 33 million values: refused at the millionth, with its position.
            "zeros.json": (repeated(b"[", b"0,", b"0]"), 1, "more than 1000000 values"),
            # A million members of one object (about 16 MB).
            "members.json": (object_of_members(999_990), 1, "[schema]"),
            # One string of 10 million escapes.
            "escapes.json": (repeated(b'"', b"\\u00e9", b'"'), 1, "[schema]"),
            # One string of 64 MiB.
            "long-string.json": (repeated(b'"', b"a", b'"'), 1, "[schema]"),
            # 64 million line breaks, then nothing: the error is on the last line.
            "line-breaks.json": (repeated(b"[", b"\n", b""), 1, "[json-syntax]"),
            # 64 million opening brackets.
            "deep.json": (repeated(b"", b"[", b""), 1, "nests deeper than 1000 levels"),
        }
        for name, (chunks, want_code, want_text) in cases.items():
            path = os.path.join(work, name)
            write(path, chunks)
            code, text, rss, seconds = spawn([oci_lint, "--kernel", "none", "--environment",
                                              "none", "-j", "1", path])
            print(f"{name}: {os.path.getsize(path)} bytes: exit {code}, {rss // 1024} MiB peak, "
                  f"{seconds:.2f} s")
            if code != want_code:
                failures.append(f"{name}: exit {code}, expected {want_code}: {text[-400:]}")
            if want_text not in text:
                failures.append(f"{name}: no {want_text!r} in the report: {text[-400:]}")
            if rss > RSS_LIMIT_KIB:
                failures.append(f"{name}: peak RSS {rss // 1024} MiB, above 256 MiB")
            if seconds > SECONDS_LIMIT:
                failures.append(f"{name}: {seconds:.0f} s, above {SECONDS_LIMIT} s")
            if name != "members.json":
                os.remove(path)

        # --max-memory: four large files linted on four threads at once, or one at a time.
        members = os.path.join(work, "members.json")
        copies = []
        for i in range(4):
            copy = os.path.join(work, f"m{i}.json")
            os.link(members, copy)
            copies.append(copy)
        common = [oci_lint, "--kernel", "none", "--environment", "none", "-q", "-j", "4"]
        _, _, all_at_once, _ = spawn(common + ["--max-memory", "64G"] + copies)
        code, text, budgeted, _ = spawn(common + ["--max-memory", "1M"] + copies)
        print(f"-j 4 on 4 x members.json: {all_at_once // 1024} MiB peak unbudgeted, "
              f"{budgeted // 1024} MiB with --max-memory 1M")
        if code != 1 or not all(os.path.basename(c) in text for c in copies):
            failures.append(f"--max-memory 1M: exit {code}: {text[-400:]}")
        if budgeted > 0.7 * all_at_once:
            failures.append(f"--max-memory 1M took {budgeted // 1024} MiB, more than 70% of the "
                            f"{all_at_once // 1024} MiB four at once take")

    for failure in failures:
        print("FAIL:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
