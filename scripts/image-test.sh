#!/usr/bin/env bash
# The ctest dist.container_image: builds the oci-lint image with scripts/image.sh from BUILD_DIR
# (under a tag of its own) and runs it with podman on testdata/examples: clean.oci.json exits 0,
# schema-errors.oci.json exits 1 with its findings, --format sarif gives a SARIF log; checks the
# image's labels and that it holds nothing but the programs and the licence. It first proves
# that podman can build and run a trivial image here (a scratch image holding busybox-static)
# and exits 77 (ctest: skipped) with the reason when it cannot; from then on any failure of our
# image is a failure. When pre-commit is installed, also runs the oci-lint-image hook of
# .pre-commit-hooks.yaml with it (`docker` on PATH running podman). Removes the images it made.
#
# Usage: scripts/image-test.sh BUILD_DIR
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=$(cd "${1:?usage: image-test.sh BUILD_DIR}" && pwd)

# shellcheck source=scripts/test-lib.sh
source "$repo/scripts/test-lib.sh"

[[ $(id -u) -eq 0 ]] || skip "not root"
command -v podman >/dev/null || skip "no podman (scripts/setup.sh installs it)"
command -v python3 >/dev/null || skip "no python3"
[[ -x /bin/busybox ]] || skip "no /bin/busybox (busybox-static) for the trivial image"
LC_ALL=C readelf -l /bin/busybox | grep -q INTERP && skip "/bin/busybox is not static"

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-image-test.XXXXXXXX")
probe_tag="localhost/oci-lint-test-probe-$$:busybox"
tag="localhost/oci-lint-test-$$:latest"
cleanup() {
  podman rmi --force "$probe_tag" "$tag" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# Can podman build and run anything here? The same fallbacks image.sh applies: limits the host
# can give when its bounding set lacks CAP_SYS_RESOURCE (bit 24), runc when crun refuses the
# cgroup hierarchy.
mkdir -p "$work/probe/bin"
cp /bin/busybox "$work/probe/bin/busybox"
printf 'FROM scratch\nCOPY bin/busybox /bin/busybox\nENTRYPOINT ["/bin/busybox"]\n' \
  >"$work/probe/Containerfile"
podman build --pull=never --layers=false --tag "$probe_tag" "$work/probe" >"$work/probe.log" 2>&1 ||
  skip "podman cannot build a scratch image here: $(tail -n 3 "$work/probe.log")"
run=(podman)
ulimits=()
capbnd=$(awk '/^CapBnd:/ { print $2 }' /proc/self/status)
if ((((16#$capbnd) >> 24 & 1) == 0)); then
  ulimits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
fi
if ! podman run --rm "${ulimits[@]}" "$probe_tag" true 2>"$work/probe.err"; then
  if grep -q 'cgroups in hybrid mode not supported' "$work/probe.err"; then
    run=(podman --runtime runc)
    "${run[@]}" run --rm "${ulimits[@]}" "$probe_tag" true 2>"$work/probe.err" ||
      skip "podman cannot run a trivial container here, with crun ($(
        podman run --rm "${ulimits[@]}" "$probe_tag" true 2>&1 | tail -n 1)) or runc: $(
        tail -n 1 "$work/probe.err")"
  else
    skip "podman cannot run a trivial container here: $(tail -n 1 "$work/probe.err")"
  fi
fi
echo "podman runs containers here as: ${run[*]} run ${ulimits[*]}"

# From here on, a failure is ours.
"$repo/scripts/image.sh" --build-dir "$build_dir" --tag "$tag" >"$work/image.log" 2>&1 ||
  { cat "$work/image.log"; fail "scripts/image.sh failed"; }
grep -qF "${run[*]} run --rm ${ulimits[*]:+${ulimits[*]} }-v" "$work/image.log" ||
  { cat "$work/image.log"; fail "image.sh did not print the command line that works here"; }

version=$("$build_dir/oci-lint" --version | head -n 1)
version=${version##* }
labels=$(podman image inspect --format '{{json .Labels}}' "$tag")
commit=$("$build_dir/oci-lint" --version | sed -n 's/^commit: //p')
python3 - "$version" "$labels" "${commit%-dirty}" <<'EOF' || fail "image labels: $labels"
import json, re, sys
version, labels, commit = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
want = {"org.opencontainers.image.title": "oci-lint",
        "org.opencontainers.image.version": version,
        "org.opencontainers.image.licenses": "Apache-2.0"}
for key, value in want.items():
    assert labels.get(key) == value, (key, labels.get(key))
for key in ("revision", "created", "description", "source", "documentation"):
    assert "org.opencontainers.image." + key in labels, key
revision = labels["org.opencontainers.image.revision"]
assert len(revision) >= 40 and revision.startswith(commit), (revision, commit)
assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", labels["org.opencontainers.image.created"])
EOF
entrypoint=$(podman image inspect --format '{{json .Config.Entrypoint}} {{.Config.WorkingDir}}' "$tag")
[[ "$entrypoint" == '["/usr/bin/oci-lint"] /work' ]] || fail "entrypoint and workdir: $entrypoint"

# Its files: the two programs and the licence, no shell, no libc.
container=$(podman create "$tag")
podman export "$container" | tar -t | sort >"$work/files"
podman rm "$container" >/dev/null
for f in usr/bin/oci-lint usr/libexec/oci-lint/oci-lint-probe-helper usr/share/doc/oci-lint/LICENSE; do
  grep -qx "$f" "$work/files" || { cat "$work/files"; fail "$f missing from the image"; }
done
if grep -E '^(bin/|lib|usr/lib/|etc/.*\.so)' "$work/files"; then
  fail "the image holds more than oci-lint (above)"
fi

lint() { # lint OUT ARGS...: prints the exit status of the image run with ARGS on the examples
  local out=$1 status=0
  shift
  "${run[@]}" run --rm "${ulimits[@]}" -v "$repo/testdata/examples:/work:ro" "$tag" "$@" \
    >"$out" 2>"$out.err" || status=$?
  echo "$status"
}

status=$(lint "$work/clean" clean.oci.json)
[[ $status -eq 0 ]] || fail "clean.oci.json: exit $status: $(cat "$work/clean" "$work/clean.err")"
grep -q '1 file checked: 0 errors' "$work/clean" || fail "clean.oci.json: $(cat "$work/clean")"

status=$(lint "$work/errors" schema-errors.oci.json)
[[ $status -eq 1 ]] ||
  fail "schema-errors.oci.json: exit $status, expected 1: $(cat "$work/errors" "$work/errors.err")"
grep -q '^schema-errors.oci.json:6:11: error: .*\[schema\]$' "$work/errors" ||
  fail "schema-errors.oci.json: findings missing: $(cat "$work/errors")"

status=$(lint "$work/sarif" --format sarif schema-errors.oci.json)
[[ $status -eq 1 ]] || fail "--format sarif: exit $status, expected 1: $(cat "$work/sarif.err")"
python3 - "$work/sarif" <<'EOF' || fail "--format sarif did not give a SARIF log with the findings"
import json, sys
log = json.load(open(sys.argv[1]))
assert log["version"] == "2.1.0"
results = log["runs"][0]["results"]
assert sum(r["level"] == "error" for r in results) >= 4, results
EOF

# The oci-lint-image hook of .pre-commit-hooks.yaml, run by pre-commit (when installed) with
# `docker` on PATH running podman the way found above, and the entry pointed at our tag.
hook_note="(pre-commit or git missing: oci-lint-image hook not run)"
if command -v pre-commit >/dev/null && command -v git >/dev/null; then
  (
    export PRE_COMMIT_HOME="$work/pre-commit" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
    export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org
    export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.org
    mkdir -p "$work/shim"
    printf '#!/bin/sh\nexec %s "$@"\n' "${run[*]}" >"$work/shim/docker"
    chmod +x "$work/shim/docker"
    export PATH="$work/shim:$PATH"
    git init -q -b main "$work/hooks"
    cp "$repo/.pre-commit-hooks.yaml" "$work/hooks/"
    git -C "$work/hooks" add .pre-commit-hooks.yaml
    git -C "$work/hooks" commit -q -m hooks
    git init -q -b main "$work/project"
    mkdir -p "$work/project/good" "$work/project/bad"
    cp "$repo/testdata/examples/clean.oci.json" "$work/project/good/config.json"
    cp "$repo/testdata/examples/schema-errors.oci.json" "$work/project/bad/config.json"
    git -C "$work/project" add .
    git -C "$work/project" commit -q -m project
    {
      echo "repos:"
      echo "  - repo: $work/hooks"
      echo "    rev: $(git -C "$work/hooks" rev-parse HEAD)"
      echo "    hooks:"
      echo "      - id: oci-lint-image"
      echo "        entry: ${ulimits[*]} $tag lint"
    } >"$work/hook-config.yaml"
    cd "$work/project"
    status=0
    pre-commit run --config "$work/hook-config.yaml" --files bad/config.json good/config.json \
      >"$work/hook-fail.log" 2>&1 || status=$?
    if [[ $status -eq 0 ]] || ! grep -q '^bad/config.json:6:11: error' "$work/hook-fail.log"; then
      cat "$work/hook-fail.log"
      fail "the oci-lint-image hook did not fail on bad/config.json with its errors"
    fi
    pre-commit run --config "$work/hook-config.yaml" --files good/config.json \
      >"$work/hook-pass.log" 2>&1 ||
      { cat "$work/hook-pass.log"; fail "the oci-lint-image hook failed a clean config"; }
    grep -q 'Passed$' "$work/hook-pass.log" ||
      { cat "$work/hook-pass.log"; fail "pre-commit did not report the oci-lint-image hook as Passed"; }
  )
  hook_note="and as the oci-lint-image pre-commit hook"
fi

echo "PASS: $tag built and run as '${run[*]} run ${ulimits[*]}' $hook_note"
