#!/usr/bin/env python3
"""Writes the benchmark corpus for scripts/bench-peers.sh, deterministically (fixed seed).

Usage: python3 scripts/make-bench-corpus.py OUT_DIR [--count 5000] [--seed 7]
                                            [--invalid-percent 3] [--semantic-percent 1]
                                            [--heavy-count 5000]

OUT_DIR/batch/config-NNNNN.json
    --count configs derived from the real configs in testdata/harvested/*.json (podman, runc,
    crun and ctr generated), varied the way a fleet varies: container IDs and the paths that
    carry them, hostname, command, working directory, user, environment, bind and tmpfs mounts,
    capabilities added and dropped, annotations and labels, cgroup resources, rlimits, sysctls,
    user-namespace ID maps, seccomp present, tightened or absent, masked paths. Each keeps its
    generator's formatting (podman writes compact JSON, runc and crun tabs, ctr four spaces).
    --invalid-percent of them carry one realistic mistake the schema rejects (args as one string,
    env as an object, "net" for "network", a Docker-style memory "512m", a mount with "target"
    instead of "destination", a trailing comma left by a hand edit, ...); --semantic-percent
    carry one the schema accepts but a runtime would reject (a misspelt capability, a relative
    cwd or mount destination, a duplicated rlimit).
OUT_DIR/heavy/config-NNNNN.json
    --heavy-count configs varied the same way (another seed), each with several mistakes the
    schema accepts, so that a linter's cost per finding shows: a misspelt capability in three
    sets, and one to three of an unknown capability, a relative cwd, mount destination or
    masked path, a duplicated rlimit, a soft rlimit above its hard one, an env entry without
    '=', a namespace listed twice, a hostname without a UTS namespace, a reserved
    org.opencontainers annotation. All are schema-valid.
OUT_DIR/sizes/size-{1K,4K,16K,64K,256K,1M}.json
    schema-valid configs of about those sizes, grown from a small runc-style config the way
    big configs grow: a seccomp profile with one rule per syscall and argument filters,
    Kubernetes-style secret/config-map/volume mounts, service-link environment variables,
    annotations.
OUT_DIR/check/schema-error.json
    testdata/harvested/podman-default.json with two schema errors that survive Go's
    json.Unmarshal into specs-go (so runtime-tools' schema check sees them too): a namespace
    type "net" and a seccomp defaultAction "SCMP_ACT_DENY". Every tool must flag it.
OUT_DIR/batch.list, OUT_DIR/heavy.list, OUT_DIR/sizes.list
    the files, one a line, each path starting with OUT_DIR as it was given.
OUT_DIR/manifest.json
    counts: files, schema-invalid (which a schema validator must flag), semantic-only mistakes,
    mistakes by kind, total bytes; and the size of each sizes/ file.

The same arguments always write the same bytes (random.Random(seed), no clock, no hash order).
"""

import argparse
import copy
import json
import os
import random
import shutil
import sys

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
HARVESTED = os.path.join(REPO, "testdata", "harvested")

# How often each generator's configs appear in the fleet (podman-made configs dominate).
BASE_WEIGHTS = {"podman": 10, "runc": 2, "crun": 2, "ctr": 3}

ALL_CAPS = [
    "CAP_AUDIT_CONTROL", "CAP_AUDIT_READ", "CAP_AUDIT_WRITE", "CAP_BLOCK_SUSPEND", "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE", "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER", "CAP_FSETID", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_KILL", "CAP_LEASE",
    "CAP_LINUX_IMMUTABLE", "CAP_MAC_ADMIN", "CAP_MAC_OVERRIDE", "CAP_MKNOD", "CAP_NET_ADMIN",
    "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_RAW", "CAP_PERFMON", "CAP_SETFCAP",
    "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYSLOG", "CAP_SYS_ADMIN", "CAP_SYS_BOOT",
    "CAP_SYS_CHROOT", "CAP_SYS_MODULE", "CAP_SYS_NICE", "CAP_SYS_PACCT", "CAP_SYS_PTRACE",
    "CAP_SYS_RAWIO", "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_WAKE_ALARM",
]
ADDED_CAPS = ["CAP_NET_ADMIN", "CAP_SYS_ADMIN", "CAP_SYS_PTRACE", "CAP_IPC_LOCK", "CAP_SYS_NICE",
              "CAP_NET_RAW", "CAP_SYS_RESOURCE", "CAP_BPF", "CAP_PERFMON", "CAP_SYS_TIME"]
CAP_TYPOS = ["CAP_NET_ADMN", "CAP_SYSADMIN", "NET_ADMIN", "CAP_SYS_PTRACED", "cap_chown"]

COMMANDS = [
    ["/bin/sh"], ["/bin/bash"], ["nginx", "-g", "daemon off;"],
    ["/usr/local/bin/docker-entrypoint.sh", "postgres"], ["redis-server", "--appendonly", "yes"],
    ["python3", "-m", "http.server", "8080"], ["node", "server.js"],
    ["java", "-Xmx512m", "-jar", "/app/app.jar"], ["/usr/bin/supervisord", "-n"],
    ["/app/bin/api", "--config", "/etc/api/config.yaml", "--log-level=info"],
    ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "4", "app.wsgi:application"],
    ["/bin/sh", "-c", "while true; do date; sleep 30; done"], ["sleep", "infinity"],
    ["/usr/sbin/sshd", "-D", "-e"], ["/prometheus", "--config.file=/etc/prometheus/prometheus.yml"],
    ["/entrypoint.sh", "mysqld"], ["haproxy", "-f", "/usr/local/etc/haproxy/haproxy.cfg"],
]
WORKDIRS = ["/", "/", "/app", "/srv", "/usr/src/app", "/home/app", "/var/www/html", "/data", "/opt/service"]
IMAGES = ["nginx", "postgres", "redis", "python", "node", "openjdk", "alpine", "debian", "busybox",
          "prom/prometheus", "grafana/grafana", "mysql", "haproxy", "registry.example.com/team/api"]
ENV_POOL = [
    "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TZ=UTC", "TZ=Europe/Berlin", "NODE_ENV=production",
    "PYTHONUNBUFFERED=1", "PYTHONDONTWRITEBYTECODE=1", "JAVA_HOME=/usr/lib/jvm/java-17-openjdk",
    "JAVA_OPTS=-XX:+UseContainerSupport -XX:MaxRAMPercentage=75.0", "GOMAXPROCS=2",
    "NGINX_VERSION=1.25.3", "PGDATA=/var/lib/postgresql/data", "POSTGRES_DB=app",
    "POSTGRES_USER=app", "REDIS_URL=redis://redis:6379/0", "LOG_LEVEL=info", "LOG_FORMAT=json",
    "DATABASE_URL=postgres://app@db.internal:5432/app?sslmode=require", "HTTP_PORT=8080",
    "http_proxy=http://proxy.internal:3128", "https_proxy=http://proxy.internal:3128",
    "no_proxy=localhost,127.0.0.1,.internal", "OTEL_EXPORTER_OTLP_ENDPOINT=http://otel:4317",
    "FEATURE_FLAGS=search,new-ui", "WORKERS=4", "APP_ENV=staging", "EMPTY=", "USER=app",
]
# The org.opencontainers.image.* keys are four of the eight config.md allows; the rest of that
# namespace is reserved (annotation-reserved-key), a mistake the findings-heavy batch makes.
ANNOTATION_KEYS = [
    "org.opencontainers.image.os", "org.opencontainers.image.architecture",
    "org.opencontainers.image.author", "org.opencontainers.image.created",
    "io.kubernetes.pod.name", "io.kubernetes.pod.namespace", "io.kubernetes.container.name",
    "io.kubernetes.cri-o.ContainerType", "io.podman.annotations.label", "com.example.team",
    "com.example.cost-center", "prometheus.io/scrape", "prometheus.io/port",
]
SYSCTLS = {"net.ipv4.ip_forward": "1", "net.core.somaxconn": "1024", "kernel.msgmax": "65536",
           "net.ipv4.ip_unprivileged_port_start": "0", "net.ipv4.tcp_keepalive_time": "600",
           "kernel.shmmax": "68719476736"}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def hexid(self, n=64):
        return "".join(self.r.choice("0123456789abcdef") for _ in range(n))

    def word(self):
        return self.r.choice(["api", "web", "worker", "db", "cache", "proxy", "batch", "auth",
                              "search", "billing", "metrics", "queue", "cron", "gateway"])


# --- reading the real configs -----------------------------------------------------------------

def load_bases():
    bases = []
    for name in sorted(os.listdir(HARVESTED)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(HARVESTED, name), "rb") as fh:
            text = fh.read().decode("utf-8")
        doc = json.loads(text)
        if "\n" not in text.strip():
            style = "compact"
        elif "\n\t" in text:
            style = "tab"
        else:
            style = "space4"
        kind = name.split("-")[0]
        bases.append({"name": name[:-5], "kind": kind, "doc": doc, "style": style})
    if not bases:
        sys.exit("make-bench-corpus: no configs in %s" % HARVESTED)
    return bases


def serialize(doc, style):
    if style == "compact":
        return json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    if style == "tab":
        return json.dumps(doc, indent="\t", ensure_ascii=False) + "\n"
    return json.dumps(doc, indent=4, ensure_ascii=False) + "\n"


def replace_strings(node, old, new):
    """Every string in node with old replaced by new (container IDs live in many paths)."""
    if isinstance(node, dict):
        return {k: replace_strings(v, old, new) for k, v in node.items()}
    if isinstance(node, list):
        return [replace_strings(v, old, new) for v in node]
    if isinstance(node, str):
        return node.replace(old, new)
    return node


# --- variation ----------------------------------------------------------------------------------

def vary(g, base):
    r = g.r
    doc = copy.deepcopy(base["doc"])
    podman = base["kind"] == "podman"
    proc = doc.setdefault("process", {})

    # Identity: podman configs carry the container ID in paths, the hostname and the cgroup.
    if podman:
        blob = json.dumps(doc)
        old_ids = sorted({w for w in blob.replace('"', " ").replace("/", " ").replace("-", " ").split()
                          if len(w) == 64 and all(c in "0123456789abcdef" for c in w)})
        for old in old_ids:
            doc = replace_strings(doc, old, g.hexid())
        doc = replace_strings(doc, "/tmp/oci-lint-harvest.IQr397", "/var/lib/containers/storage")
        proc = doc["process"]
        hostname = g.hexid(12)
        doc["hostname"] = hostname
        proc["env"] = [e if not e.startswith("HOSTNAME=") else "HOSTNAME=" + hostname
                       for e in proc.get("env", [])]
    elif r.random() < 0.7:
        doc["hostname"] = "%s-%d" % (g.word(), r.randint(0, 99))

    # Command, working directory, user.
    if r.random() < 0.8:
        proc["args"] = list(r.choice(COMMANDS))
    if r.random() < 0.5:
        proc["cwd"] = r.choice(WORKDIRS)
    if r.random() < 0.3:
        uid = r.choice([0, 33, 101, 999, 1000, 1001, 65534])
        user = proc.setdefault("user", {})
        user["uid"], user["gid"] = uid, uid
        if r.random() < 0.3:
            user["additionalGids"] = sorted(r.sample([4, 10, 27, 44, 100, 1000], r.randint(1, 3)))
    if "terminal" in proc:  # runc/crun/ctr write it; interactive containers set it
        proc["terminal"] = r.random() < 0.2

    # Environment: image defaults plus what the deployment sets.
    env = list(proc.get("env", ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]))
    env += r.sample(ENV_POOL, r.randint(0, 12))
    for _ in range(r.choice([0, 0, 0, 2, 5, 14, 30])):  # a few Kubernetes service links
        svc = g.word().upper() + "_" + r.choice(["SVC", "SERVICE", "BACKEND", "V2"])
        port = r.choice([80, 443, 5432, 6379, 8080, 9090])
        ip = "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
        env += ["%s_SERVICE_HOST=%s" % (svc, ip), "%s_SERVICE_PORT=%d" % (svc, port),
                "%s_PORT=tcp://%s:%d" % (svc, ip, port)]
    proc["env"] = env

    # Capabilities: podman --cap-add/--cap-drop, or a privileged container.
    caps = proc.get("capabilities")
    if caps is not None and r.random() < 0.35:
        if r.random() < 0.08:
            full = list(ALL_CAPS)
            for k in ("bounding", "effective", "permitted"):
                caps[k] = list(full)
        else:
            add = r.sample(ADDED_CAPS, r.randint(0, 3))
            drop = set(r.sample(ALL_CAPS, r.randint(0, 4)))
            for k in list(caps):
                merged = [c for c in caps[k] if c not in drop]
                if k != "ambient":
                    merged += [c for c in add if c not in merged]
                caps[k] = sorted(merged)
            if "ambient" in caps:
                allowed = set(caps.get("permitted", [])) & set(caps.get("inheritable", []))
                caps["ambient"] = [c for c in caps["ambient"] if c in allowed]
    if r.random() < 0.15:
        proc["noNewPrivileges"] = True
    if r.random() < 0.2:
        proc["oomScoreAdj"] = r.choice([-999, -500, 0, 100, 500, 1000])
    if r.random() < 0.2:
        proc["apparmorProfile"] = r.choice(["containers-default-0.50.1", "docker-default", "unconfined"])
    if r.random() < 0.2:
        rl = proc.setdefault("rlimits", [])
        have = {x.get("type") for x in rl}
        for t, soft, hard in (("RLIMIT_NOFILE", 65536, 65536), ("RLIMIT_MEMLOCK", 67108864, 67108864),
                              ("RLIMIT_CORE", 0, 0), ("RLIMIT_NPROC", 4096, 8192)):
            if t not in have and r.random() < 0.5:
                rl.append({"type": t, "hard": hard, "soft": soft})

    # Mounts: volumes, secrets and scratch space.
    mounts = doc.setdefault("mounts", [])
    for _ in range(r.choice([0, 0, 1, 2, 3, 5, 8])):
        name = g.word()
        kind = r.random()
        if kind < 0.55:
            mounts.append({"destination": r.choice(["/data", "/var/lib/", "/etc/", "/srv/", "/config/"]) + name,
                           "type": "bind",
                           "source": "/var/lib/containers/storage/volumes/%s-%s/_data" % (name, g.hexid(8)),
                           "options": r.choice([["rbind", "rw"], ["rbind", "ro"], ["bind", "rprivate", "ro"],
                                                ["nosuid", "nodev", "rbind", "rprivate"]])})
        elif kind < 0.8:
            mounts.append({"destination": "/run/secrets/" + name, "type": "bind",
                           "source": "/var/lib/kubelet/pods/%s/volumes/kubernetes.io~secret/%s" % (g.hexid(32), name),
                           "options": ["rbind", "ro", "rprivate"]})
        else:
            mounts.append({"destination": r.choice(["/tmp", "/scratch", "/var/cache/", "/run/"]) + ("" if r.random() < 0.5 else name),
                           "type": "tmpfs", "source": "tmpfs",
                           "options": ["nosuid", "nodev", "mode=1777", "size=%dm" % r.choice([16, 64, 256])]})
    if len(mounts) > 6 and r.random() < 0.1:
        del mounts[r.randrange(5, len(mounts))]

    # Annotations and labels.
    if podman or r.random() < 0.3:
        ann = doc.setdefault("annotations", {})
        for k in r.sample(ANNOTATION_KEYS, r.randint(0, 6)):
            if k.endswith("revision"):
                ann[k] = g.hexid(40)
            elif k.endswith("port"):
                ann[k] = str(r.choice([8080, 9090, 9100]))
            elif k.endswith("created"):
                ann[k] = "2024-%02d-%02dT%02d:%02d:%02dZ" % (r.randint(1, 12), r.randint(1, 28), r.randint(0, 23),
                                                          r.randint(0, 59), r.randint(0, 59))
            elif "image" in k:
                ann[k] = "https://git.example.com/%s/%s" % (g.word(), g.word()) if k.endswith("source") else "1.%d.%d" % (
                    r.randint(0, 30), r.randint(0, 9))
            else:
                ann[k] = g.word() + "-" + g.hexid(5)
        if "io.kubernetes.cri-o.Created" in ann:
            ann["io.kubernetes.cri-o.Created"] = "2024-%02d-%02dT%02d:%02d:%02d.%09dZ" % (
                r.randint(1, 12), r.randint(1, 28), r.randint(0, 23), r.randint(0, 59), r.randint(0, 59),
                r.randint(0, 999999999))

    # The root file system.
    root = doc.setdefault("root", {"path": "rootfs"})
    if r.random() < 0.15:
        root["readonly"] = True

    linux = doc.setdefault("linux", {})
    # Resources.
    if r.random() < 0.5:
        res = linux.setdefault("resources", {})
        if r.random() < 0.7:
            limit = r.choice([64, 128, 256, 512, 1024, 2048, 4096]) * 1024 * 1024
            mem = {"limit": limit}
            if r.random() < 0.4:
                mem["reservation"] = limit // 2
            if r.random() < 0.4:
                mem["swap"] = limit * 2
            res["memory"] = mem
        if r.random() < 0.6:
            period = 100000
            res["cpu"] = {"shares": r.choice([256, 512, 1024, 2048]), "quota": r.choice([25000, 50000, 100000, 200000]),
                          "period": period}
            if r.random() < 0.3:
                res["cpu"]["cpus"] = r.choice(["0", "1", "0-1"])
        if r.random() < 0.6:
            res["pids"] = {"limit": r.choice([100, 512, 1024, 2048, 4096])}
        if r.random() < 0.15:
            res["blockIO"] = {"weight": r.choice([100, 300, 500, 1000])}
        if r.random() < 0.1:
            res["hugepageLimits"] = [{"pageSize": "2MB", "limit": 1073741824}]
    # Sysctls.
    if r.random() < 0.15:
        linux["sysctl"] = {k: SYSCTLS[k] for k in sorted(r.sample(sorted(SYSCTLS), r.randint(1, 3)))}
    # User namespace with ID maps.
    if r.random() < 0.12 and "uidMappings" not in linux:
        host = r.choice([100000, 165536, 231072, 524288])
        linux["uidMappings"] = [{"containerID": 0, "hostID": host, "size": 65536}]
        linux["gidMappings"] = [{"containerID": 0, "hostID": host, "size": 65536}]
        ns = linux.setdefault("namespaces", [])
        if not any(n.get("type") == "user" for n in ns):
            ns.append({"type": "user"})
    # Seccomp: dropped (unconfined), tightened, or given an extra rule.
    sec = linux.get("seccomp")
    if sec is not None:
        x = r.random()
        if x < 0.08:
            del linux["seccomp"]
        elif x < 0.3 and sec.get("syscalls"):
            rule = sec["syscalls"][min(1, len(sec["syscalls"]) - 1)]
            names = rule.get("names", [])
            if len(names) > 20:
                for _ in range(r.randint(1, 8)):
                    names.pop(r.randrange(len(names)))
        elif x < 0.4:
            sec.setdefault("syscalls", []).append(
                {"names": r.sample(["ptrace", "personality", "keyctl", "add_key", "request_key", "bpf",
                                    "perf_event_open", "unshare", "setns"], r.randint(1, 3)),
                 "action": "SCMP_ACT_ERRNO", "errnoRet": 1})
    # Masked paths.
    if "maskedPaths" in linux and r.random() < 0.2:
        linux["maskedPaths"].append(r.choice(["/proc/interrupts", "/sys/devices/virtual/powercap", "/proc/kcore"]))
    if r.random() < 0.1:
        linux["rootfsPropagation"] = r.choice(["private", "slave", "shared"])
    return doc


# --- mistakes ---------------------------------------------------------------------------------------

def schema_mistake(g, doc):
    """One mistake the schema rejects, as people make them; returns (doc or text, kind)."""
    r = g.r
    proc = doc.setdefault("process", {})
    linux = doc.setdefault("linux", {})
    kinds = ["args-string", "env-object", "uid-negative", "uid-string", "namespace-net",
             "memory-string", "mount-target", "rlimit-string", "caps-flat-list", "annotation-number",
             "cpu-shares-float", "seccomp-action-typo", "ociversion-missing", "trailing-comma"]
    kind = r.choice(kinds)
    if kind == "args-string":
        proc["args"] = " ".join(proc.get("args") or ["/bin/sh", "-c", "echo hello"])
    elif kind == "env-object":
        proc["env"] = dict(e.split("=", 1) for e in proc.get("env", ["A=b"]) if "=" in e)
    elif kind == "uid-negative":
        proc.setdefault("user", {"gid": 0})["uid"] = -1
    elif kind == "uid-string":
        proc.setdefault("user", {"gid": 0})["uid"] = "1000"
    elif kind == "namespace-net":
        ns = linux.setdefault("namespaces", [{"type": "pid"}])
        ns.append({"type": "net"})
    elif kind == "memory-string":
        linux.setdefault("resources", {})["memory"] = {"limit": r.choice(["512m", "1g", "256M"])}
    elif kind == "mount-target":
        doc.setdefault("mounts", []).append({"target": "/data", "type": "bind", "source": "/srv/data",
                                             "options": ["rbind", "rw"]})
    elif kind == "rlimit-string":
        proc.setdefault("rlimits", []).append({"type": "RLIMIT_NOFILE", "soft": "unlimited", "hard": "unlimited"})
    elif kind == "caps-flat-list":
        caps = proc.get("capabilities") or {"bounding": ["CAP_CHOWN"]}
        proc["capabilities"] = caps.get("bounding", ["CAP_CHOWN"])
    elif kind == "annotation-number":
        doc.setdefault("annotations", {})["com.example.replicas"] = 3
    elif kind == "cpu-shares-float":
        linux.setdefault("resources", {})["cpu"] = {"shares": 0.5}
    elif kind == "seccomp-action-typo":
        sec = linux.setdefault("seccomp", {"syscalls": []})
        sec["defaultAction"] = r.choice(["SCMP_ACT_DENY", "SCMP_ACT_ERRNO_EPERM", "ERRNO"])
    elif kind == "ociversion-missing":
        doc.pop("ociVersion", None)
    elif kind == "trailing-comma":
        text = json.dumps(doc, indent="\t")
        cut = text.rfind("\n\t}")  # the end of the last top-level member
        text = text[:cut] + "," + text[cut:] if cut > 0 else text[:-2] + ",\n}"
        return text + "\n", kind
    return doc, kind


def apply_mistake(r, doc, kind):
    """Makes the mistake `kind` (one the schema accepts) in doc, in place."""
    proc = doc.setdefault("process", {})
    linux = doc.setdefault("linux", {})
    if kind == "cap-typo":
        caps = proc.setdefault("capabilities", {})
        typo = r.choice(CAP_TYPOS)
        for k in ("bounding", "effective", "permitted"):
            caps.setdefault(k, []).append(typo)
    elif kind == "cap-unknown":
        caps = proc.setdefault("capabilities", {})
        caps.setdefault("bounding", []).append(r.choice(["CAP_NET_ROOT", "CAP_DOCKER", "CAP_ALL"]))
    elif kind == "cwd-relative":
        proc["cwd"] = r.choice(["app", "./src", "data"])
    elif kind == "mount-destination-relative":
        doc.setdefault("mounts", []).append({"destination": "data", "type": "bind", "source": "/srv/data",
                                             "options": ["rbind", "rw"]})
    elif kind == "rlimit-duplicate":
        proc.setdefault("rlimits", []).extend([{"type": "RLIMIT_NOFILE", "soft": 1024, "hard": 1024},
                                               {"type": "RLIMIT_NOFILE", "soft": 4096, "hard": 4096}])
    elif kind == "env-malformed":
        proc.setdefault("env", []).append(r.choice(["DEBUG", "PATH:/usr/bin", "=value"]))
    elif kind == "namespace-duplicate":
        linux.setdefault("namespaces", []).append({"type": "mount"})
    elif kind == "hostname-without-uts":
        doc["hostname"] = "web-%d" % r.randint(1, 99)
        linux["namespaces"] = [n for n in linux.get("namespaces", []) if n.get("type") != "uts"]
    elif kind == "annotation-reserved":
        doc.setdefault("annotations", {})["org.opencontainers.image.version"] = "1.%d" % r.randint(0, 9)
    elif kind == "rlimit-soft-above-hard":
        proc.setdefault("rlimits", []).append({"type": "RLIMIT_MEMLOCK", "soft": 131072, "hard": 65536})
    elif kind == "mask-relative":
        linux.setdefault("maskedPaths", []).append("proc/kcore")
    else:
        raise ValueError(kind)


def semantic_mistake(g, doc):
    """One mistake the schema accepts but a runtime rejects; returns (doc, kind)."""
    kind = g.r.choice(["cap-typo", "cwd-relative", "mount-destination-relative", "rlimit-duplicate"])
    apply_mistake(g.r, doc, kind)
    return doc, kind


HEAVY_KINDS = ["cap-typo", "cap-unknown", "cwd-relative", "mount-destination-relative",
               "rlimit-duplicate", "env-malformed", "namespace-duplicate", "hostname-without-uts",
               "annotation-reserved", "rlimit-soft-above-hard", "mask-relative"]


def heavy_mistakes(g, doc):
    """Several mistakes the schema accepts, as a careless generator or hand edit leaves them
    (capabilities first: they are most of what real configs get wrong); returns (doc, kinds)."""
    kinds = ["cap-typo"] + g.r.sample(HEAVY_KINDS[1:], g.r.randint(1, 3))
    for kind in kinds:
        apply_mistake(g.r, doc, kind)
    return doc, kinds


# --- size curve -------------------------------------------------------------------------------------

SIZES = [("1K", 1024), ("4K", 4096), ("16K", 16384), ("64K", 65536), ("256K", 262144), ("1M", 1048576)]


def small_config():
    """About 1 KB: what `runc spec` writes, minus what a minimal config can leave out."""
    return {
        "ociVersion": "1.0.2-dev",
        "process": {"terminal": False, "user": {"uid": 0, "gid": 0}, "args": ["/bin/app"],
                    "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                    "cwd": "/", "noNewPrivileges": True},
        "root": {"path": "rootfs", "readonly": True},
        "hostname": "app",
        "mounts": [{"destination": "/proc", "type": "proc", "source": "proc"},
                   {"destination": "/dev", "type": "tmpfs", "source": "tmpfs",
                    "options": ["nosuid", "strictatime", "mode=755", "size=65536k"]},
                   {"destination": "/sys", "type": "sysfs", "source": "sysfs",
                    "options": ["nosuid", "noexec", "nodev", "ro"]}],
        "linux": {"namespaces": [{"type": "pid"}, {"type": "network"}, {"type": "ipc"},
                                 {"type": "uts"}, {"type": "mount"}],
                  "maskedPaths": ["/proc/kcore", "/proc/keys", "/sys/firmware"],
                  "readonlyPaths": ["/proc/bus", "/proc/sys"]},
    }


def seccomp_names(bases):
    names = []
    for b in bases:
        sec = b["doc"].get("linux", {}).get("seccomp") or {}
        for rule in sec.get("syscalls", []):
            for n in rule.get("names", []):
                if n not in names:
                    names.append(n)
    return names or ["read", "write", "openat", "close", "mmap", "futex"]


def grow(g, doc, target, names):
    """Adds seccomp rules, mounts, environment and annotations in turn until doc reaches target
    bytes (tab-indented)."""
    r = g.r
    sec = None
    i = 0
    start = size = len(serialize(doc, "tab"))
    next_check = 1
    while size < target:
        step = i % 20
        if step < 7:  # seccomp: one rule per syscall, then argument-filtered variants
            if sec is None:
                sec = doc["linux"].setdefault("seccomp", {
                    "defaultAction": "SCMP_ACT_ERRNO", "defaultErrnoRet": 1,
                    "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"],
                    "syscalls": []})
            n = len(sec["syscalls"])
            rule = {"names": [names[n % len(names)]], "action": "SCMP_ACT_ALLOW"}
            if n >= len(names):
                rule["args"] = [{"index": r.randint(0, 5), "value": r.randint(0, 1 << 20),
                                 "valueTwo": r.randint(0, 1 << 20),
                                 "op": r.choice(["SCMP_CMP_EQ", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE"])}]
            sec["syscalls"].append(rule)
        elif step < 13:  # Kubernetes-style volume, secret and config-map mounts
            name = "%s-%s" % (g.word(), g.hexid(5))
            vol = r.choice(["kubernetes.io~secret", "kubernetes.io~configmap", "kubernetes.io~empty-dir",
                            "kubernetes.io~projected"])
            doc["mounts"].append({"destination": "/etc/%s/%s" % (g.word(), name), "type": "bind",
                                  "source": "/var/lib/kubelet/pods/%s/volumes/%s/%s" % (g.hexid(32), vol, name),
                                  "options": ["rbind", "rprivate", r.choice(["ro", "rw"])]})
        elif step < 19:  # service-link environment variables
            svc = "%s_%s" % (g.word().upper(), g.hexid(4).upper())
            ip = "10.%d.%d.%d" % (r.randint(0, 255), r.randint(0, 255), r.randint(1, 254))
            port = r.choice([80, 443, 5432, 6379, 8080, 9090])
            doc["process"]["env"].extend(["%s_SERVICE_HOST=%s" % (svc, ip), "%s_SERVICE_PORT=%d" % (svc, port)])
        else:
            doc.setdefault("annotations", {})["com.example.%s.%s" % (g.word(), g.hexid(6))] = g.hexid(24)
        i += 1
        if i >= next_check:  # serialize again when the estimate says the target is near
            size = len(serialize(doc, "tab"))
            per_step = max(1.0, (size - start) / i)
            next_check = i + max(1, int((target - size) / per_step * 0.7))
    return doc


# --- main ---------------------------------------------------------------------------------------------

def main(argv):
    p = argparse.ArgumentParser(prog="make-bench-corpus.py", description=__doc__.split("\n")[0])
    p.add_argument("out_dir")
    p.add_argument("--count", type=int, default=5000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--invalid-percent", type=float, default=3.0)
    p.add_argument("--semantic-percent", type=float, default=1.0)
    p.add_argument("--heavy-count", type=int, default=5000,
                   help="configs in heavy/, each with several semantic and capability mistakes")
    a = p.parse_args(argv)
    if a.count < 1:
        p.error("--count must be positive")

    bases = load_bases()
    g = Gen(a.seed)
    weights = [BASE_WEIGHTS.get(b["kind"], 1) for b in bases]

    out = a.out_dir
    for sub in ("batch", "heavy", "sizes", "check"):
        shutil.rmtree(os.path.join(out, sub), ignore_errors=True)
        os.makedirs(os.path.join(out, sub))

    manifest = {"seed": a.seed, "batch": {"files": a.count, "schemaInvalid": 0, "semanticOnly": 0,
                                          "mistakes": {}, "bytes": 0, "bases": {}}, "sizes": {}}
    batch_paths = []
    width = max(5, len(str(a.count - 1)))
    for i in range(a.count):
        base = g.r.choices(bases, weights)[0]
        doc = vary(g, base)
        text = None
        x = g.r.random() * 100
        if x < a.invalid_percent:
            result, kind = schema_mistake(g, doc)
            manifest["batch"]["schemaInvalid"] += 1
            if isinstance(result, str):
                text = result
            else:
                doc = result
        elif x < a.invalid_percent + a.semantic_percent:
            doc, kind = semantic_mistake(g, doc)
            manifest["batch"]["semanticOnly"] += 1
        else:
            kind = None
        if kind:
            manifest["batch"]["mistakes"][kind] = manifest["batch"]["mistakes"].get(kind, 0) + 1
        if text is None:
            text = serialize(doc, base["style"])
        data = text.encode("utf-8")
        path = os.path.join(out, "batch", "config-%0*d.json" % (width, i))
        with open(path, "wb") as fh:
            fh.write(data)
        batch_paths.append(path)
        manifest["batch"]["bytes"] += len(data)
        manifest["batch"]["bases"][base["name"]] = manifest["batch"]["bases"].get(base["name"], 0) + 1

    # The findings-heavy batch: the same variation, every config with several mistakes the
    # schema accepts. A generator of its own, so that the clean batch stays as it was.
    gh = Gen(a.seed + 1)
    heavy_paths = []
    manifest["heavy"] = {"files": a.heavy_count, "mistakes": {}, "bytes": 0}
    for i in range(a.heavy_count):
        base = gh.r.choices(bases, weights)[0]
        doc, kinds = heavy_mistakes(gh, vary(gh, base))
        for kind in kinds:
            manifest["heavy"]["mistakes"][kind] = manifest["heavy"]["mistakes"].get(kind, 0) + 1
        data = serialize(doc, base["style"]).encode("utf-8")
        path = os.path.join(out, "heavy", "config-%0*d.json" % (width, i))
        with open(path, "wb") as fh:
            fh.write(data)
        heavy_paths.append(path)
        manifest["heavy"]["bytes"] += len(data)
    manifest["heavy"]["mistakes"] = dict(sorted(manifest["heavy"]["mistakes"].items()))

    names = seccomp_names(bases)
    size_paths = []
    for label, target in SIZES:
        gs = Gen(a.seed * 1000 + target)
        doc = small_config()
        # The 1 KB file is the small config itself; the others grow to their size.
        if target > 1024:
            doc = grow(gs, doc, target, names)
        data = serialize(doc, "tab").encode("utf-8")
        path = os.path.join(out, "sizes", "size-%s.json" % label)
        with open(path, "wb") as fh:
            fh.write(data)
        size_paths.append(path)
        lin = doc["linux"]
        manifest["sizes"][os.path.basename(path)] = {
            "bytes": len(data), "seccompRules": len((lin.get("seccomp") or {}).get("syscalls", [])),
            "mounts": len(doc["mounts"]), "env": len(doc["process"]["env"]),
            "annotations": len(doc.get("annotations", {}))}

    check = copy.deepcopy(next(b for b in bases if b["name"] == "podman-default")["doc"])
    check["linux"]["namespaces"].append({"type": "net"})
    check["linux"]["seccomp"]["defaultAction"] = "SCMP_ACT_DENY"
    with open(os.path.join(out, "check", "schema-error.json"), "w") as fh:
        fh.write(serialize(check, "compact"))

    with open(os.path.join(out, "batch.list"), "w") as fh:
        fh.write("".join(q + "\n" for q in batch_paths))
    with open(os.path.join(out, "heavy.list"), "w") as fh:
        fh.write("".join(q + "\n" for q in heavy_paths))
    with open(os.path.join(out, "sizes.list"), "w") as fh:
        fh.write("".join(q + "\n" for q in size_paths))
    manifest["batch"]["mistakes"] = dict(sorted(manifest["batch"]["mistakes"].items()))
    manifest["batch"]["bases"] = dict(sorted(manifest["batch"]["bases"].items()))
    with open(os.path.join(out, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=2, sort_keys=False)
        fh.write("\n")
    b = manifest["batch"]
    print("make-bench-corpus: %d batch configs (%.1f MB; %d schema-invalid, %d semantic-only), %d "
          "findings-heavy configs (%.1f MB) and %d size configs in %s"
          % (b["files"], b["bytes"] / 1e6, b["schemaInvalid"], b["semanticOnly"],
             a.heavy_count, manifest["heavy"]["bytes"] / 1e6, len(size_paths), out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
