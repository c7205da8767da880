#!/usr/bin/env bash
# The ctest gate.podman_runtime_flags: the podman acceptance test of issue 18 for
# oci-lint-runtime (docs/runtime-gate.md, "Engines: podman").
#
# podman asks for RLIMIT_NOFILE 1048576 by default; runc cannot set a hard limit above its
# environment's without CAP_SYS_RESOURCE. The test makes that environment itself, whatever the
# host has: the podman commands run under `prlimit --nofile=N:N` (N = 8192, or the hard limit
# when lower) and `setpriv --bounding-set -sys_resource --inh-caps=-sys_resource`, so podman,
# conmon and the runtime lack CAP_SYS_RESOURCE and have the hard limit N. Then, with a scratch
# image holding busybox-static built offline:
#   1. `podman --runtime runc run` fails with runc's "error setting rlimit type 7";
#   2. `podman --runtime WRAPPER --runtime-flag oci-lint-runtime=RUNC
#      --runtime-flag oci-lint-policy=adapt run` starts, the container's hard and soft
#      RLIMIT_NOFILE are N (busybox `ulimit`, /proc/self/limits), and the bundle's config.json
#      says so;
#   3. with oci-lint-policy=enforce, podman fails, its error names process-rlimit-unavailable,
#      and the container never ran;
#   4. the containers.conf way: `[engine.runtimes] oci-lint-runtime = [WRAPPER]`, the settings
#      in a runtime.toml named through conmon_env_vars, and the wrapper in runtime_supports_json
#      so that podman passes it --log: adapt starts the container, the adaptation is in that log
#      and not in the container's own output (`podman logs`); a --runtime-flag policy still wins.
# Every podman command uses a storage, configuration and temporary directory of its own (vfs,
# cgroupfs, the file events backend, no network), removed at exit with the image and containers.
# Needs root, podman (with conmon), runc, busybox-static and util-linux (setpriv, prlimit); exits
# 77 (ctest: skipped) with the reason when one is missing or podman cannot run a container here
# at all.
#
# Usage: scripts/gate-podman-test.sh OCI_LINT_RUNTIME
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/test-lib.sh
source "$repo/scripts/test-lib.sh"

[[ -n "${1:-}" ]] || fail "usage: gate-podman-test.sh OCI_LINT_RUNTIME"
[[ -x "$1" ]] || fail "$1 is not an executable"
wrapper=$(realpath "$1")

[[ $(id -u) -eq 0 ]] ||
  skip "not root (uid $(id -u)): the test runs rootful podman and drops CAP_SYS_RESOURCE from" \
    "the bounding set, which needs CAP_SETPCAP"
for tool in podman runc setpriv prlimit; do
  command -v "$tool" >/dev/null ||
    skip "no $tool on PATH (scripts/setup.sh installs podman, runc and util-linux)"
done
[[ -x /bin/busybox ]] || skip "no /bin/busybox (busybox-static; scripts/setup.sh installs it)"
if command -v readelf >/dev/null && LC_ALL=C readelf -l /bin/busybox | grep -q INTERP; then
  skip "/bin/busybox is not static (install busybox-static)"
fi
runc=$(command -v runc)

# The environment: hard RLIMIT_NOFILE N, no CAP_SYS_RESOURCE.
limit=8192
hard=$(prlimit --nofile --noheadings --output=HARD | tr -d ' ')
[[ "$hard" =~ ^[0-9]+$ ]] && ((hard < limit)) && limit=$hard
((limit >= 1024)) || skip "the hard RLIMIT_NOFILE here is $hard: too low for podman itself"
restricted=(prlimit "--nofile=$limit:$limit" -- setpriv --bounding-set -sys_resource
  --inh-caps=-sys_resource --)
probe=$("${restricted[@]}" sh -c 'grep -E "^Cap(Prm|Bnd):" /proc/self/status; ulimit -Hn' 2>&1) ||
  skip "cannot make the environment with ${restricted[*]}: $probe"
for set in CapPrm CapBnd; do
  mask=$(awk -v s="$set:" '$1 == s { print $2 }' <<<"$probe")
  [[ -n "$mask" ]] || fail "no $set in /proc/self/status under ${restricted[*]}: $probe"
  ((((16#$mask) >> 24 & 1) == 0)) || fail "CAP_SYS_RESOURCE is still in $set: $probe"
done
[[ $(tail -n 1 <<<"$probe") == "$limit" ]] || fail "the hard RLIMIT_NOFILE is not $limit: $probe"
echo "environment: hard RLIMIT_NOFILE $limit (was $hard), no CAP_SYS_RESOURCE: ${restricted[*]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-gate-podman.XXXXXXXX")
tag="localhost/oci-lint-gate-podman-$$:busybox"
name="oci-lint-gate-podman-$$"
# The host's containers.conf and storage.conf are not read: these are the only ones.
export CONTAINERS_CONF="$work/containers.conf" CONTAINERS_STORAGE_CONF="$work/storage.conf"
printf '[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\ntmp_dir = "%s"\n' \
  "$work/tmp" >"$CONTAINERS_CONF"
printf '[storage]\ndriver = "vfs"\ngraphroot = "%s"\nrunroot = "%s"\n' "$work/root" \
  "$work/runroot" >"$CONTAINERS_STORAGE_CONF"
podman=(podman --root "$work/root" --runroot "$work/runroot" --tmpdir "$work/tmp"
  --storage-driver vfs --cgroup-manager cgroupfs --events-backend file)
cleanup() {
  "${podman[@]}" rm --all --force >/dev/null 2>&1 || true
  "${podman[@]}" rmi --all --force >/dev/null 2>&1 || true
  # Whatever podman left mounted under the work directory (shm of a container it lost).
  awk -v w="$work/" 'index($2, w) == 1 { print $2 }' /proc/self/mounts | sort -r |
    xargs -r -n 1 umount -l 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The image: busybox-static alone, built offline.
mkdir -p "$work/image"
cp /bin/busybox "$work/image/busybox"
printf 'FROM scratch\nCOPY busybox /bin/busybox\nENTRYPOINT ["/bin/busybox"]\n' \
  >"$work/image/Containerfile"
"${podman[@]}" build --pull=never --layers=false --network none --tag "$tag" "$work/image" \
  >"$work/build.log" 2>&1 ||
  skip "podman cannot build a scratch image here: $(tail -n 3 "$work/build.log")"

marker="oci-lint-gate-started"
script="echo $marker; ulimit -Hn; ulimit -Sn; grep 'Max open files' /proc/self/limits"
failures=0
check() { # check DESCRIPTION COMMAND...: runs the test COMMAND, counts a failure
  local what=$1
  shift
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAIL: $what" >&2
    failures=$((failures + 1))
  fi
}
contains() { grep -qF -- "$2" <<<"$1"; }
indent() { sed 's/^/  | /'; }
lacks() { ! grep -qF -- "$2" <<<"$1"; }
# run OUT_VAR STATUS_VAR COMMAND...: the command in the environment, its output shown.
run() {
  local -n out_ref=$1 status_ref=$2
  shift 2
  echo "+ ${restricted[*]} $*"
  status_ref=0
  out_ref=$("${restricted[@]}" "$@" 2>&1) || status_ref=$?
  indent <<<"$out_ref"
  echo "  exit status $status_ref"
}
# The hard and soft RLIMIT_NOFILE the container printed (after the marker) and its limits line.
limits_seen() {
  local out=$1
  [[ $(grep -A 2 -x "$marker" <<<"$out" | sed -n 2,3p | tr '\n' ' ') == "$limit $limit " ]] &&
    grep -qE "^Max open files +$limit +$limit +files" <<<"$out"
}
# The process.rlimits of a container's config.json, white space removed.
rlimits_of() {
  local config
  config=$("${podman[@]}" inspect --format '{{.OCIConfigPath}}' "$1") || return 1
  tr -d ' \n\t' <"$config" | grep -o '"rlimits":\[[^]]*\]'
}
state_of() { "${podman[@]}" inspect --format '{{.State.Status}}' "$1"; }

out="" status=0
# Can podman run anything here, within the environment's limits? Else there is nothing to test.
run out status "${podman[@]}" --runtime "$runc" run --rm --network none \
  --ulimit "nofile=$limit:$limit" --ulimit "nproc=1024:1024" "$tag" true
((status == 0)) || skip "podman cannot run a container here even within the limits: $out"

echo "== 1. runc alone fails"
run out status "${podman[@]}" --runtime "$runc" run --name "$name-runc" --network none "$tag" \
  sh -c "$script"
check "podman --runtime runc run fails" test "$status" -ne 0
check "with runc's error setting rlimit type 7" contains "$out" "error setting rlimit type 7"
check "the container did not run" lacks "$out" "$marker"
rlimits=$(rlimits_of "$name-runc" || true)
echo "  config.json rlimits: $rlimits"
check "podman asked for RLIMIT_NOFILE 1048576" \
  contains "$rlimits" '{"type":"RLIMIT_NOFILE","hard":1048576,"soft":1048576}'

flags=(--runtime "$wrapper" --runtime-flag "oci-lint-runtime=$runc")
echo "== 2. oci-lint-runtime, policy adapt: starts with the lowered limit"
run out status "${podman[@]}" "${flags[@]}" --runtime-flag oci-lint-policy=adapt \
  run --name "$name-adapt" --network none "$tag" sh -c "$script"
check "podman run through the wrapper (adapt) succeeds" test "$status" -eq 0
check "the container ran" contains "$out" "$marker"
check "its hard and soft RLIMIT_NOFILE are $limit" limits_seen "$out"
rlimits=$(rlimits_of "$name-adapt" || true)
echo "  config.json rlimits: $rlimits"
check "config.json now says RLIMIT_NOFILE $limit" \
  contains "$rlimits" "{\"type\":\"RLIMIT_NOFILE\",\"hard\":$limit,\"soft\":$limit}"

echo "== 3. oci-lint-runtime, policy enforce: refused with the finding"
run out status "${podman[@]}" "${flags[@]}" --runtime-flag oci-lint-policy=enforce \
  run --name "$name-enforce" --network none "$tag" sh -c "$script"
check "podman run through the wrapper (enforce) fails" test "$status" -ne 0
check "podman's error names process-rlimit-unavailable" \
  contains "$out" ": process-rlimit-unavailable: RLIMIT_NOFILE hard limit 1048576"
check "and the refusal" contains "$out" "refused (policy enforce)"
check "the container did not run" lacks "$out" "$marker"
logs=$("${podman[@]}" logs "$name-enforce" 2>&1 || true)
check "nothing in its log" lacks "$logs" "$marker"
state=$(state_of "$name-enforce" || true)
check "its state is created (was $state)" grep -qxE "created|configured" <<<"$state"
rlimits=$(rlimits_of "$name-enforce" || true)
check "config.json unchanged" \
  contains "$rlimits" '{"type":"RLIMIT_NOFILE","hard":1048576,"soft":1048576}'

echo "== 4. containers.conf: [engine.runtimes], runtime.toml, --log"
cat >>"$CONTAINERS_CONF" <<EOF
runtime_supports_json = ["crun", "runc", "kata", "runsc", "krun", "oci-lint-runtime"]
conmon_env_vars = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                   "OCI_LINT_RUNTIME_CONFIG=$work/runtime.toml"]

[engine.runtimes]
oci-lint-runtime = ["$wrapper"]
EOF
printf 'runtime = "%s"\npolicy = "adapt"\n' "$runc" >"$work/runtime.toml"
sed 's/^/  containers.conf | /' "$CONTAINERS_CONF"
sed 's/^/  runtime.toml | /' "$work/runtime.toml"
# Podman runs the runtime directly (not through conmon) for delete and kill: the same settings.
export OCI_LINT_RUNTIME_CONFIG="$work/runtime.toml"
run out status "${podman[@]}" --runtime oci-lint-runtime run --name "$name-conf" --network none \
  "$tag" sh -c "$script"
check "podman --runtime oci-lint-runtime run (adapt from runtime.toml) succeeds" \
  test "$status" -eq 0
check "its hard and soft RLIMIT_NOFILE are $limit" limits_seen "$out"
logs=$("${podman[@]}" logs "$name-conf" 2>&1 || true)
check "the container's log holds its output" contains "$logs" "$marker"
check "and none of the wrapper's" lacks "$logs" "oci-lint-runtime:"
id=$("${podman[@]}" inspect --format '{{.ID}}' "$name-conf" || true)
oci_log=$(find "$work/runroot" -path "*$id*" -name oci-log -print -quit)
log_text=$(cat "$oci_log" 2>/dev/null || true)
echo "  ${oci_log:-no oci-log}:"
indent <<<"$log_text"
check "the wrapper's --log (json) has the adaptation" \
  contains "$log_text" "{\"level\":\"warning\",\"msg\":\"oci-lint: "
check "naming the limit and the rule" \
  contains "$log_text" "adapted lowered RLIMIT_NOFILE hard 1048576 to $limit"
run out status "${podman[@]}" --runtime oci-lint-runtime --runtime-flag oci-lint-policy=enforce \
  run --name "$name-conf-enforce" --network none "$tag" sh -c "$script"
check "--runtime-flag oci-lint-policy=enforce over runtime.toml: podman fails" \
  test "$status" -ne 0
check "naming process-rlimit-unavailable" contains "$out" ": process-rlimit-unavailable: "
check "the container did not run" lacks "$out" "$marker"

((failures == 0)) || fail "$failures checks failed"
echo "all checks passed"
