#!/usr/bin/python3
"""Test-only reference oracle for oci-lint's capability rules (cap-*).

An independent Python implementation, written from the rule text alone, used
by scripts/compare-caps.py to check the C++ rules. Standard library only; run
it with /usr/bin/python3.

Usage:
    /usr/bin/python3 scripts/caps-oracle.py [--kernel K] [--environment E]
        [--runtime-features F] CONFIG...

    --kernel VERSION|host|none   (default host)
        VERSION: its leading N(.N)* digits ("5.15.0-91-generic" is 5.15.0),
        compared component-wise, missing components = 0. A cap whose "since"
        version is greater is unsupported. host: a cap whose number is above
        /proc/sys/kernel/cap_last_cap is unsupported (if that file can't be
        read or parsed, the release from uname -r is used as a VERSION).
        none: nothing is unsupported.
    --environment host|none|FILE (default host)
        FILE: a /proc/PID/status capture; a cap whose bit is clear in its
        (first) CapBnd: mask is unavailable. host: /proc/self/status.
        none: nothing is unavailable.
    --runtime-features FILE
        `runc features` JSON; linux.capabilities (an array of names) is the
        list the runtime knows. Missing, null or not an array: unknown, and
        nothing is unsupported by the runtime.

Output: for each CONFIG, in argument order, one line per finding
    PATH<TAB>RULE<TAB>POINTER
sorted by pointer (set in the order bounding, effective, inheritable,
permitted, ambient; then index), then rule. A CONFIG that is unreadable or not
a JSON object prints nothing (it is reported on stderr).

Reading CONFIG: a leading UTF-8 BOM is skipped and invalid UTF-8 becomes
U+FFFD (oci-lint reports both as json-syntax and still judges the rest); the
text is parsed with json.loads, rejecting NaN, Infinity and -Infinity; for
duplicate keys the last one wins (python's default).

Exit status: 0; 2 for a usage error (bad --kernel value, an environment FILE
that can't be read, has no CapBnd: line, two of them, or a mask that isn't
1-16 hex digits, a features FILE that can't be read, isn't a JSON object, or
whose linux.capabilities is neither null nor an array of strings).
"""

import json
import os
import re
import sys

# (number, name, since) -- the project's capability table.
CAPS = [
    (0, "CAP_CHOWN", "2.2"),
    (1, "CAP_DAC_OVERRIDE", "2.2"),
    (2, "CAP_DAC_READ_SEARCH", "2.2"),
    (3, "CAP_FOWNER", "2.2"),
    (4, "CAP_FSETID", "2.2"),
    (5, "CAP_KILL", "2.2"),
    (6, "CAP_SETGID", "2.2"),
    (7, "CAP_SETUID", "2.2"),
    (8, "CAP_SETPCAP", "2.2"),
    (9, "CAP_LINUX_IMMUTABLE", "2.2"),
    (10, "CAP_NET_BIND_SERVICE", "2.2"),
    (11, "CAP_NET_BROADCAST", "2.2"),
    (12, "CAP_NET_ADMIN", "2.2"),
    (13, "CAP_NET_RAW", "2.2"),
    (14, "CAP_IPC_LOCK", "2.2"),
    (15, "CAP_IPC_OWNER", "2.2"),
    (16, "CAP_SYS_MODULE", "2.2"),
    (17, "CAP_SYS_RAWIO", "2.2"),
    (18, "CAP_SYS_CHROOT", "2.2"),
    (19, "CAP_SYS_PTRACE", "2.2"),
    (20, "CAP_SYS_PACCT", "2.2"),
    (21, "CAP_SYS_ADMIN", "2.2"),
    (22, "CAP_SYS_BOOT", "2.2"),
    (23, "CAP_SYS_NICE", "2.2"),
    (24, "CAP_SYS_RESOURCE", "2.2"),
    (25, "CAP_SYS_TIME", "2.2"),
    (26, "CAP_SYS_TTY_CONFIG", "2.2"),
    (27, "CAP_MKNOD", "2.4"),
    (28, "CAP_LEASE", "2.4"),
    (29, "CAP_AUDIT_WRITE", "2.6.11"),
    (30, "CAP_AUDIT_CONTROL", "2.6.11"),
    (31, "CAP_SETFCAP", "2.6.24"),
    (32, "CAP_MAC_OVERRIDE", "2.6.25"),
    (33, "CAP_MAC_ADMIN", "2.6.25"),
    (34, "CAP_SYSLOG", "2.6.37"),
    (35, "CAP_WAKE_ALARM", "3.0"),
    (36, "CAP_BLOCK_SUSPEND", "3.5"),
    (37, "CAP_AUDIT_READ", "3.16"),
    (38, "CAP_PERFMON", "5.8"),
    (39, "CAP_BPF", "5.8"),
    (40, "CAP_CHECKPOINT_RESTORE", "5.9"),
]
CAP_NUMBER = {name: num for num, name, _ in CAPS}
CAP_SINCE = {name: since for _, name, since in CAPS}

SETS = ["bounding", "effective", "inheritable", "permitted", "ambient"]
RULES = [
    "cap-unknown",
    "cap-malformed",
    "cap-unsupported-kernel",
    "cap-unavailable",
    "cap-unsupported-runtime",
    "cap-duplicate",
    "cap-inheritable-not-bounding",
    "cap-ambient-not-granted",
    "cap-effective-not-permitted",
]

ASCII_WS = " \t\n\r\f\v"
_LOWER_TO_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
_VERSION_RE = re.compile(r"[0-9]+(?:\.[0-9]+)*")


class OracleError(Exception):
    """A usage error: the CLI prints it and exits 2."""


def normalize(s):
    """Strip ASCII whitespace, ASCII upper-case, drop every leading CAP_, add one."""
    s = s.strip(ASCII_WS).translate(_LOWER_TO_UPPER)  # ASCII only: not str.upper()
    while s.startswith("CAP_"):
        s = s[4:]
    return "CAP_" + s


def parse_version(text):
    """Leading N(.N)* digits of text as a tuple of ints, or None."""
    m = _VERSION_RE.match(text)
    if not m:
        return None
    return tuple(int(x) for x in m.group(0).split("."))


def version_gt(a, b):
    n = max(len(a), len(b))
    return a + (0,) * (n - len(a)) > b + (0,) * (n - len(b))


class Target:
    """What the entries are judged against: kernel, environment, runtime."""

    def __init__(self, kernel_version=None, cap_last_cap=None, bounding_mask=None,
                 runtime_caps=None):
        self.kernel_version = kernel_version  # tuple, or None
        self.cap_last_cap = cap_last_cap      # int, or None
        self.bounding_mask = bounding_mask    # int, or None (= nothing unavailable)
        self.runtime_caps = runtime_caps      # set of str, or None (= unknown)

    def unsupported_kernel(self, name):
        if self.cap_last_cap is not None:
            return CAP_NUMBER[name] > self.cap_last_cap
        if self.kernel_version is not None:
            return version_gt(parse_version(CAP_SINCE[name]), self.kernel_version)
        return False

    def unavailable(self, name):
        if self.bounding_mask is None:
            return False
        return not (self.bounding_mask >> CAP_NUMBER[name]) & 1

    def unsupported_runtime(self, name):
        return self.runtime_caps is not None and name not in self.runtime_caps


def kernel_from_arg(arg, target):
    if arg == "none":
        return
    if arg == "host":
        try:
            with open("/proc/sys/kernel/cap_last_cap", "rb") as f:
                target.cap_last_cap = int(f.read().decode("ascii").strip())
            return
        except (OSError, ValueError, UnicodeDecodeError):
            pass
        release = os.uname().release
        target.kernel_version = parse_version(release)
        if target.kernel_version is None:
            sys.stderr.write("caps-oracle: cannot read cap_last_cap and uname -r %r has no "
                             "version: no cap is unsupported by the kernel\n" % release)
        return
    v = parse_version(arg)
    if v is None:
        raise OracleError("bad --kernel value %r: expected VERSION (like 5.4 or "
                          "5.15.0-91-generic), host or none" % arg)
    target.kernel_version = v


def parse_status(text, where):
    """The CapBnd mask of a /proc/PID/status text."""
    masks = []
    for line in text.splitlines():
        if line.startswith("CapBnd:"):
            value = line[len("CapBnd:"):].strip(ASCII_WS)
            if not re.fullmatch(r"[0-9a-fA-F]{1,16}", value):
                raise OracleError("%s: CapBnd: %r is not a hex mask of 1-16 digits"
                                  % (where, value))
            masks.append(int(value, 16))
    if len(masks) > 1:
        raise OracleError("%s: more than one CapBnd: line" % where)
    if not masks:
        raise OracleError("%s: no CapBnd: line" % where)
    return masks[0]


def environment_from_arg(arg, target):
    if arg == "none":
        return
    path = "/proc/self/status" if arg == "host" else arg
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", errors="replace")
    except OSError as exc:
        raise OracleError("cannot read environment %s: %s" % (path, exc.strerror))
    target.bounding_mask = parse_status(text, path)


def features_from_arg(path, target):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise OracleError("cannot read runtime features %s: %s" % (path, exc.strerror))
    try:
        doc = load_json(data)
    except ValueError as exc:
        raise OracleError("runtime features %s is not JSON: %s" % (path, exc))
    if not isinstance(doc, dict):
        raise OracleError("runtime features %s is not a JSON object" % path)
    caps = None
    if isinstance(doc.get("linux"), dict):
        caps = doc["linux"].get("capabilities")
    if caps is None:
        target.runtime_caps = None  # missing or null: unknown
    elif isinstance(caps, list) and all(isinstance(c, str) for c in caps):
        target.runtime_caps = set(caps)
    else:
        raise OracleError("runtime features %s: linux.capabilities is not an array of strings"
                          % path)


def make_target(kernel="host", environment="host", runtime_features=None):
    t = Target()
    kernel_from_arg(kernel, t)
    environment_from_arg(environment, t)
    if runtime_features is not None:
        features_from_arg(runtime_features, t)
    return t


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def load_json(data, lenient=False):
    """Strict JSON; lenient (for configs) reads past a leading BOM and replaces invalid UTF-8
    with U+FFFD, as oci-lint does after reporting them, so the rules still judge the rest."""
    if data.startswith(b"\xef\xbb\xbf"):
        if not lenient:
            raise ValueError("UTF-8 byte order mark")
        data = data[3:]
    text = data.decode("utf-8", errors="replace" if lenient else "strict")
    return json.loads(text, parse_constant=_reject_constant)


def findings(config, target):
    """Sorted list of (rule, pointer) for a parsed config."""
    out = []
    process = config.get("process") if isinstance(config, dict) else None
    caps = process.get("capabilities") if isinstance(process, dict) else None
    if not isinstance(caps, dict):
        return out

    # entries[set] = list of (index, string) for the string entries of an array set
    entries = {}
    for s in SETS:
        arr = caps.get(s)
        if isinstance(arr, list):
            entries[s] = [(i, e) for i, e in enumerate(arr) if isinstance(e, str)]
        else:
            entries[s] = []

    def valid_for_target(e):
        return (e in CAP_NUMBER and not target.unsupported_kernel(e)
                and not target.unavailable(e))

    valid_names = {s: {e for _, e in entries[s] if valid_for_target(e)} for s in SETS}
    # An inheritable entry outside the valid bounding entries is refused by capset(2): it
    # fires cap-inheritable-not-bounding and does not count as granted for ambient.
    granted_inheritable = valid_names["inheritable"] & valid_names["bounding"]

    for s in SETS:
        seen = set()
        for i, e in entries[s]:
            ptr = "/process/capabilities/%s/%d" % (s, i)
            n = normalize(e)
            canonical = e in CAP_NUMBER
            if n not in CAP_NUMBER:
                out.append(("cap-unknown", ptr))
            elif not canonical:
                out.append(("cap-malformed", ptr))
            if canonical:
                if target.unsupported_kernel(e):
                    out.append(("cap-unsupported-kernel", ptr))
                elif target.unavailable(e):
                    out.append(("cap-unavailable", ptr))
                if target.unsupported_runtime(e):
                    out.append(("cap-unsupported-runtime", ptr))
            if n in seen:
                out.append(("cap-duplicate", ptr))
            seen.add(n)
            if valid_for_target(e):
                if s == "inheritable" and e not in valid_names["bounding"]:
                    out.append(("cap-inheritable-not-bounding", ptr))
                if s == "ambient" and (e not in valid_names["permitted"]
                                       or e not in granted_inheritable):
                    out.append(("cap-ambient-not-granted", ptr))
                if s == "effective" and e not in valid_names["permitted"]:
                    out.append(("cap-effective-not-permitted", ptr))
    return sorted(out, key=sort_key)


def sort_key(finding):
    rule, ptr = finding
    parts = ptr.split("/")  # ['', 'process', 'capabilities', set, index]
    return (SETS.index(parts[3]), int(parts[4]), RULES.index(rule))


def lint_path(path, target, quiet=False):
    """Findings for a config file; None when it is unreadable or not a JSON object."""
    def say(msg):
        if not quiet:
            sys.stderr.write("caps-oracle: %s: %s\n" % (path, msg))
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        say(exc.strerror)
        return None
    try:
        config = load_json(data, lenient=True)
    except ValueError as exc:
        say("not JSON: %s" % exc)
        return None
    if not isinstance(config, dict):
        say("not a JSON object")
        return None
    return findings(config, target)


def main(argv):
    usage = ("usage: caps-oracle.py [--kernel K] [--environment E] "
             "[--runtime-features F] CONFIG...")
    opts = {"--kernel": "host", "--environment": "host", "--runtime-features": None}
    configs = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a in ("-h", "--help"):
            print(__doc__)
            return 0
        key, eq, val = a.partition("=")
        if key in opts:
            if not eq:
                if i + 1 >= len(argv):
                    sys.stderr.write("caps-oracle: error: %s needs a value\n%s\n" % (a, usage))
                    return 2
                i += 1
                val = argv[i]
            opts[key] = val
        elif a == "--":
            configs.extend(argv[i + 1:])
            break
        elif a.startswith("-") and a != "-":
            sys.stderr.write("caps-oracle: error: unknown option %s\n%s\n" % (a, usage))
            return 2
        else:
            configs.append(a)
        i += 1
    if not configs:
        sys.stderr.write("caps-oracle: error: no CONFIG\n%s\n" % usage)
        return 2
    try:
        target = make_target(opts["--kernel"], opts["--environment"],
                             opts["--runtime-features"])
    except OracleError as exc:
        sys.stderr.write("caps-oracle: error: %s\n" % exc)
        return 2
    out = sys.stdout
    for path in configs:
        for rule, ptr in lint_path(path, target) or []:
            out.write("%s\t%s\t%s\n" % (path, rule, ptr))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
