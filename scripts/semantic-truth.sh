#!/usr/bin/env bash
# What runc and crun really do with configs that break runtime-spec v1.3.0 semantic rules the
# JSON schema cannot express (issue 12, section 5 "Truth against the real runtimes").
#
# Usage: sudo scripts/semantic-truth.sh [--runtime runc|crun]... [--out DIR] [--oci-lint PATH]
#                                      [--oci-version VERSION] [--timeout SECONDS] [--only NAME]...
#                                      [--logs DIR] [--repeat N]
#
# For every fixture in testdata/semantic/fixtures/ (a merge patch over testdata/semantic/base.json,
# see testdata/semantic/README.md) and every runtime, it builds a bundle with a busybox-static rootfs
# in a fresh private directory (mktemp -d), runs `RUNTIME --log LOG run --bundle DIR ID` under
# `timeout`, then `RUNTIME delete -f ID`, and records the outcome in
# OUT/observed-RUNTIME-VERSION.tsv (OUT defaults to testdata/semantic); then it rewrites the
# generated table in OUT/README.md (OUT/summary.md if OUT has no README with the markers).
#
# Outcomes: started (exit 0, nothing in the log), warned (exit 0, a warning or an error in the log,
# or anything on stderr), refused (non-zero exit: the first error of the log, else of stderr),
# timeout (no answer within --timeout seconds, default 20), not-run (the script could not build the
# case). Some fixtures run a probe instead of /bin/true: what it prints is recorded, and its exit
# status 42 (with no runtime error) means the container ran but the probe found the config not
# applied as written: that is recorded as started, with the probe's output.
#
# Safety: a mistaken config can make a runtime change "the host" (a hostname without a UTS
# namespace, a sysctl in the runtime's network namespace). Every runtime invocation therefore runs
# inside throwaway namespaces (`unshare --uts --ipc --net --mount --pid --mount-proc --fork`):
# "the runtime namespace" is the wrapper's own, and when the wrapper ends, every process of the case
# (runtime, hooks, container) dies with its pid namespace. Sysctl fixtures write the current value.
# The one thing no namespace isolates is a non-namespaced sysctl (vm.swappiness): its fixture asks for
# the host's current value (runc 1.1.5 and crun 1.8.1 refuse it anyway). runc's cgroups are real (cgroup v1 on this kind of host); they are removed by
# `delete -f` and, failing that, by the script.
#
# crun refuses hybrid cgroup hosts ("cgroups in hybrid mode not supported"): on such a host crun
# runs with --cgroup-manager=disabled in the wrapper's mount namespace, whose /sys/fs/cgroup is a
# fresh cgroup2 mount. crun then applies no cgroup setting at all (see the README).
#
# crun 1.8.1 refuses any ociVersion that does not contain "1.0" ("unknown version specified"), so
# v1.3.0's base config never starts. When a runtime refuses the base with that message, the script
# records that row, adds a row for the base with ociVersion 1.0.2, and runs every fixture that does
# not set ociVersion itself with 1.0.2 (written in the table's header). --oci-version forces a value.
#
# --repeat N runs every case N times (each in its own fresh directory and namespaces). A row whose
# outcome or message was not the same every time keeps the first run's outcome and exit code, and its
# message ends with "[varies over N runs: ...]" (the counts, and the other messages).
#
# --logs DIR keeps a copy of each case's config.json, runtime log, stdout and stderr in
# DIR/RUNTIME/FIXTURE/ (DIR must not exist yet). --only NAME runs just those fixtures (and the base);
# without --out it then prints the rows instead of writing the table.
#
# --oci-lint PATH also runs `PATH lint --format json` on every generated config.json and writes the
# rule slugs it reports into the table's lint column ("n/a" without --oci-lint).
#
# Exits 0 with "SKIP: ..." when not root or when no requested runtime (or busybox-static, unshare,
# python3) is installed. Everything it makes lives under one mktemp -d directory and is removed on
# exit, error, SIGINT and SIGTERM.
set -euo pipefail

SELF="$(readlink -f "${BASH_SOURCE[0]}")"
REPO="$(cd "$(dirname "$SELF")/.." && pwd)"
HELPER="$REPO/scripts/semantic-truth.py"
SEMDIR="$REPO/testdata/semantic"
BASE="$SEMDIR/base.json"
FIXDIR="$SEMDIR/fixtures"
SENTINEL="semtruth-sentinel"
PYTHON="$(command -v python3 || true)"

# ---------------------------------------------------------------------------------------------------
# Inner half: runs as pid 1 of the throwaway namespaces, one case.
#   --inner RUNTIME CASE ID FIXTURE|- OCI_VERSION|- TIMEOUT PRIVATE_CGROUP2 FLAGS...
inner() {
  local runtime=$1 case=$2 id=$3 fixture=$4 oci_version=$5 tmo=$6 cgroup2=$7
  shift 7
  local -a flags=("$@")
  local bundle="$case/bundle" rc=0 ns
  local -a cfg_args=(config --base "$BASE" --id "$id" --ns-dir "$case/ns" --bundle "$bundle")
  [[ $fixture != - ]] && cfg_args+=(--fixture "$fixture")
  [[ $oci_version != - ]] && cfg_args+=(--oci-version "$oci_version")

  # make_ns_file net|user FILE: a new namespace of that type, kept alive by a bind mount on FILE.
  make_ns_file() {
    local type=$1 file=$2 holder tries=0
    : >"$file"
    unshare "--$type" sleep 60 &
    holder=$!
    while [[ $(readlink "/proc/$holder/ns/$type") == "$(readlink "/proc/self/ns/$type")" ]]; do
      ((++tries < 100)) || { kill "$holder"; return 1; }
      sleep 0.05
    done
    mount --bind "/proc/$holder/ns/$type" "$file" || { kill "$holder"; return 1; }
    kill "$holder"
    wait "$holder" 2>/dev/null || true
  }
  setup_error() {
    printf '%s\n' "$1" >"$case/setup-error"
    exit 0
  }
  hostname "$SENTINEL" || setup_error "cannot set the wrapper's hostname"
  printf '%s' "$SENTINEL" >/proc/sys/kernel/domainname || setup_error "cannot set the wrapper's domainname"
  if [[ $cgroup2 == 1 ]]; then
    umount -l /sys/fs/cgroup || setup_error "cannot detach /sys/fs/cgroup"
    mount -t cgroup2 none /sys/fs/cgroup || setup_error "cannot mount a private cgroup2"
  fi

  mkdir -m 0700 "$case/ns"
  if [[ $fixture != - ]]; then
    for ns in $("$PYTHON" "$HELPER" needs "$fixture"); do
      make_ns_file "$ns" "$case/ns/$ns" || setup_error "cannot make a $ns namespace file"
    done
  fi

  mkdir -p "$bundle/rootfs/bin" "$bundle/rootfs/proc" "$bundle/rootfs/dev" "$bundle/rootfs/tmp" \
    "$bundle/rootfs/mnt" "$bundle/rootfs/etc"
  cp /bin/busybox "$bundle/rootfs/bin/busybox"
  for applet in true sh test stat env grep readlink cat head wc hostname; do
    ln -s busybox "$bundle/rootfs/bin/$applet"
  done
  : >"$bundle/rootfs/semtruth-regular-file"
  : >"$bundle/not-a-dir"
  # A relative hook path "bin/sh" resolves from the bundle (runc's and crun's cwd), from / on the
  # host and from / in the container alike: what is observed is whether the runtime checks it.
  mkdir -p "$bundle/bin"
  ln -s ../rootfs/bin/busybox "$bundle/bin/sh"
  "$PYTHON" "$HELPER" "${cfg_args[@]}" >"$bundle/config.json" 2>"$case/config-error" ||
    setup_error "config: $(head -n 1 "$case/config-error")"

  cd /
  timeout -k 5 "$tmo" "$runtime" "${flags[@]}" --log "$case/log" run --bundle "$bundle" "$id" \
    </dev/null >"$case/stdout" 2>"$case/stderr" || rc=$?
  "$runtime" "${flags[@]}" delete -f "$id" >/dev/null 2>&1 || true
  printf 'rc=%s\nhostname=%s\ndomainname=%s\n' "$rc" "$(hostname)" \
    "$(cat /proc/sys/kernel/domainname)" >"$case/result"
}

if [[ ${1:-} == --inner ]]; then
  shift
  inner "$@"
  exit 0
fi

# ---------------------------------------------------------------------------------------------------
# Outer half.
usage() {
  sed -n '5,7p' "$SELF" | sed 's/^# //' >&2
  exit 2
}

runtimes=()
only=()
out=""
oci_lint=""
forced_oci_version=""
logs=""
repeat=1
tmo=20
while [[ $# -gt 0 ]]; do
  case $1 in
    --runtime) [[ $# -ge 2 ]] || usage; runtimes+=("$2"); shift 2 ;;
    --out) [[ $# -ge 2 ]] || usage; out=$2; shift 2 ;;
    --oci-lint) [[ $# -ge 2 ]] || usage; oci_lint=$2; shift 2 ;;
    --oci-version) [[ $# -ge 2 ]] || usage; forced_oci_version=$2; shift 2 ;;
    --timeout) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || usage; tmo=$2; shift 2 ;;
    --only) [[ $# -ge 2 ]] || usage; only+=("$2"); shift 2 ;;
    --logs) [[ $# -ge 2 ]] || usage; logs=$2; shift 2 ;;
    --repeat) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]*$ ]] || usage; repeat=$2; shift 2 ;;
    -h | --help) usage ;;
    *) echo "semantic-truth.sh: unknown argument $1" >&2; usage ;;
  esac
done
[[ ${#runtimes[@]} -gt 0 ]] || runtimes=(runc crun)
for rt in "${runtimes[@]}"; do
  [[ $rt == runc || $rt == crun ]] || { echo "semantic-truth.sh: --runtime takes runc or crun" >&2; exit 2; }
done
# With --only, nothing is written unless --out is given (a partial table must not replace the full one).
write=1
if [[ -z $out ]]; then
  out=$SEMDIR
  [[ ${#only[@]} -eq 0 ]] || write=0
fi
if [[ -n $logs ]]; then
  [[ ! -e $logs ]] || { echo "semantic-truth.sh: --logs $logs already exists" >&2; exit 2; }
  logs=$(readlink -m "$logs")
fi
if [[ -n $oci_lint && ! -x $oci_lint ]]; then
  echo "semantic-truth.sh: --oci-lint $oci_lint is not an executable" >&2
  exit 2
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: semantic-truth.sh needs root (it runs runc/crun and makes namespaces)"
  exit 0
fi
for tool in unshare timeout mount umount hostname; do
  command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 0; }
done
[[ -n $PYTHON ]] || { echo "SKIP: python3 is not installed"; exit 0; }
if [[ ! -x /bin/busybox ]] || ! LC_ALL=C file -L /bin/busybox 2>/dev/null | grep -q 'statically linked'; then
  if ! { [[ -x /bin/busybox ]] && LC_ALL=C ldd /bin/busybox 2>&1 | grep -q 'not a dynamic executable'; }; then
    echo "SKIP: /bin/busybox is missing or not static (apt-get install busybox-static)"
    exit 0
  fi
fi
available=()
for rt in "${runtimes[@]}"; do
  if command -v "$rt" >/dev/null; then
    available+=("$rt")
  else
    echo "SKIP: $rt is not installed"
  fi
done
[[ ${#available[@]} -gt 0 ]] || exit 0

mapfile -t names < <("$PYTHON" "$HELPER" list "$FIXDIR")
if [[ ${#only[@]} -gt 0 ]]; then
  selected=()
  for n in "${only[@]}"; do
    [[ $n == base || -f $FIXDIR/$n.json ]] || { echo "semantic-truth.sh: no fixture $n" >&2; exit 2; }
    [[ $n == base ]] || selected+=("$n")
  done
  names=("${selected[@]}")
fi

cgroup_fs=$(stat -fc %T /sys/fs/cgroup)
if [[ $cgroup_fs == cgroup2fs ]]; then
  cgroup_mode="unified (cgroup v2)"
elif [[ -d /sys/fs/cgroup/unified ]]; then
  cgroup_mode="hybrid (cgroup v1 + v2)"
else
  cgroup_mode="legacy (cgroup v1)"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/semantic-truth.XXXXXXXX")
chmod 0700 "$WORK"
CHILD=""
ROWS=""
LAST_ROW=""
CURRENT_RT=""
CURRENT_FLAGS=()

sweep_case() { # delete whatever a case left behind, then the case directory
  local case=$1 rt=$2 id
  shift 2
  id="semtruth-${case##*.}"
  if [[ -d $case/state ]]; then
    "$rt" "$@" delete -f "$id" >/dev/null 2>&1 || true
  fi
  if [[ $rt == runc ]]; then
    # runc's cgroups live in the real (host) hierarchies: remove any left with this ID in the name.
    find /sys/fs/cgroup -mindepth 2 -maxdepth 4 -type d -name "*$id*" -print0 2>/dev/null |
      sort -zr | xargs -0 -r rmdir 2>/dev/null || true
  fi
  rm -rf --one-file-system "$case"
}

cleanup() {
  local status=$? cdir
  trap - EXIT INT TERM
  if [[ -n $CHILD ]]; then
    # The wrapper's pid namespace dies with its init (unshare --kill-child): so does the case.
    kill -TERM "$CHILD" 2>/dev/null || true
    wait "$CHILD" 2>/dev/null || true
    sleep 1
  fi
  if [[ -d $WORK ]]; then
    for cdir in "$WORK"/case.*; do
      [[ -d $cdir ]] || continue
      sweep_case "$cdir" "${CURRENT_RT:-runc}" "${CURRENT_FLAGS[@]}" --root "$cdir/state"
    done
    rm -rf --one-file-system "$WORK"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run_case RUNTIME NAME FIXTURE|- OCI_VERSION|- : runs the case --repeat times, appends the combined
# row to $ROWS and sets LAST_ROW. (Not called in $(...): the traps must see CHILD.)
run_case() {
  local runs r
  runs=$(mktemp "$WORK/runs.XXXXXXXX")
  for ((r = 1; r <= repeat; r++)); do
    run_once "$@" "$runs" "$r"
  done
  LAST_ROW=$("$PYTHON" "$HELPER" combine "$runs")
  printf '%s\n' "$LAST_ROW" >>"$ROWS"
  rm -f "$runs"
}

# run_once RUNTIME NAME FIXTURE|- OCI_VERSION|- RUNS_FILE RUN: one run of one case, its row appended
# to RUNS_FILE.
run_once() {
  local rt=$1 name=$2 fixture=$3 oci_version=$4 runs=$5 run=$6 case id rc lint="n/a" row keep
  local -a flags wrapper
  case=$(mktemp -d "$WORK/case.XXXXXXXX")
  id="semtruth-${case##*.}"
  flags=("${RT_FLAGS[@]}" --root "$case/state")
  CURRENT_FLAGS=("${RT_FLAGS[@]}")
  wrapper=(unshare --uts --ipc --net --mount --pid --mount-proc --propagation private --fork --kill-child)
  "${wrapper[@]}" bash "$SELF" --inner "$(command -v "$rt")" "$case" "$id" "$fixture" \
    "$oci_version" "$tmo" "$PRIVATE_CGROUP2" "${flags[@]}" &
  CHILD=$!
  wait "$CHILD" || true
  CHILD=""
  rc=$(sed -n 's/^rc=//p' "$case/result" 2>/dev/null || true)
  if [[ -n $oci_lint && -f $case/bundle/config.json ]]; then
    "$oci_lint" lint --format json "$case/bundle/config.json" >"$case/lint.json" 2>/dev/null || true
    lint=$("$PYTHON" "$HELPER" lint-slugs "$case/lint.json")
  fi
  [[ -f $case/setup-error || -n $rc ]] || printf 'the wrapper ended before the case did\n' >"$case/setup-error"
  row=$("$PYTHON" "$HELPER" classify --runtime "$rt" --fixture "$name" --rc "${rc:-0}" \
    --case "$case" --work "$WORK" --id "$id" --log "$case/log" --stderr "$case/stderr" \
    --stdout "$case/stdout" --result "$case/result" --setup-error "$case/setup-error" \
    --sentinel "$SENTINEL")
  printf '%s\t%s\n' "$row" "$lint" >>"$runs"
  if [[ -n $logs ]]; then
    keep="$logs/$rt/$name"
    [[ $repeat -eq 1 ]] || keep="$keep/run$run"
    mkdir -p "$keep"
    for f in bundle/config.json log stdout stderr setup-error lint.json; do
      [[ ! -f $case/$f ]] || cp "$case/$f" "$keep/"
    done
  fi
  sweep_case "$case" "$rt" "${flags[@]}"
}

for rt in "${available[@]}"; do
  CURRENT_RT=$rt
  PRIVATE_CGROUP2=0
  if [[ $rt == runc ]]; then
    RT_FLAGS=(--log-format json)
  else
    RT_FLAGS=(--debug --log-format=json)
    if [[ $cgroup_mode != unified* ]]; then
      RT_FLAGS+=(--cgroup-manager=disabled)
      PRIVATE_CGROUP2=1
    fi
  fi
  version_line=$("$rt" --version | head -n 1)
  full_version=$(awk '{print $3}' <<<"$version_line")
  version=${full_version%%+*}
  spec_version=$("$rt" --version | sed -n 's/^spec: //p' | head -n 1)
  ROWS=$(mktemp "$WORK/rows.XXXXXXXX")
  echo "== $rt $full_version: base + ${#names[@]} fixtures" >&2

  oci_version=${forced_oci_version:--}
  note="as written in each config"
  [[ -n $forced_oci_version ]] && note="forced to $forced_oci_version by --oci-version, except where a fixture sets it"
  run_case "$rt" base - "$oci_version"
  if [[ -z $forced_oci_version && $LAST_ROW == *"unknown version specified"* ]]; then
    oci_version=1.0.2
    note="$rt refuses the base's $(sed -n 's/.*"ociVersion": "\([^"]*\)".*/\1/p' "$BASE" | head -n 1) (row base); every other row ran with ociVersion 1.0.2 unless the fixture sets ociVersion"
    run_case "$rt" "base+ociVersion=1.0.2" - "$oci_version"
  fi
  for name in "${names[@]}"; do
    run_case "$rt" "$name" "$FIXDIR/$name.json" "$oci_version"
    printf '.' >&2
  done
  echo >&2

  table=$(mktemp "$WORK/table.XXXXXXXX")
  {
    printf '# runtime: %s %s\n' "$rt" "$full_version"
    printf '# runtime spec version: %s\n' "$spec_version"
    printf '# invocation: %s %s --root STATE --log LOG run --bundle BUNDLE ID; timeout %ss; %s run(s) per case\n' \
      "$rt" "${RT_FLAGS[*]}" "$tmo" "$repeat"
    printf '# host: Linux %s, %s cgroups\n' "$(uname -r)" "$cgroup_mode"
    printf '# ociVersion: %s\n' "$note"
    printf 'fixture\toutcome\texit\tmessage\tlint\n'
    cat "$ROWS"
  } >"$table"
  if [[ $write == 1 ]]; then
    mkdir -p "$out"
    cp "$table" "$out/observed-$rt-$version.tsv"
    echo "wrote $out/observed-$rt-$version.tsv" >&2
  else
    cat "$table"
  fi
done

if [[ $write == 1 ]]; then
  "$PYTHON" "$HELPER" report --fixtures "$FIXDIR" --base "$BASE" --out "$out" --schema-dir "$REPO/schema" >&2
fi
