#!/usr/bin/env bash
# Installs and builds the peers scripts/bench-peers.sh runs beside oci-lint, from packages only
# (Debian's apt and the npm registry; nothing else is downloaded). Idempotent: quick and quiet
# when everything is already there.
#
#  - runtime-tools: Debian's golang-github-opencontainers-runtime-tools-dev (the library; Debian
#    ships no cmd/) built with Debian's golang-go in GOPATH mode (GO111MODULE=off, the Go
#    dependencies from /usr/share/gocode, no network). The package source is copied to
#    build/peers/gopath and ONE line is patched: validate.go's configSchemaTemplate, the
#    https://raw.githubusercontent.com/... URL the schema is otherwise fetched from, becomes
#    file://REPO/schema/config-schema.json, this repository's draft-04 runtime-spec v1.3.0 schema,
#    so every peer checks the same schema. The main is scripts/peers/runtime-tools-validate.go,
#    which does what `oci-runtime-tool validate --path BUNDLE` does (see its comment).
#    Result: build/peers/bin/runtime-tools-validate.
#  - Ajv 8 with ajv-draft-04: npm ci of scripts/peers/package{,-lock}.json into build/peers/npm.
#  - python3-jsonschema (Debian's, run with /usr/bin/python3) and GNU time (/usr/bin/time, for
#    peak RSS) from apt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
peers="$root/build/peers"
log() { printf 'setup-peers: %s\n' "$*" >&2; }

# --- apt ----------------------------------------------------------------------------------------
# runtime-tools-dev depends on the Go packages it imports (gojsonschema, specs-go, logrus,
# go-multierror, semver, gocapability, ...); they are named here too so a partial install is
# repaired.
packages=(
  golang-go
  golang-github-opencontainers-runtime-tools-dev
  golang-github-opencontainers-specs-dev golang-github-xeipuuv-gojsonschema-dev
  golang-github-sirupsen-logrus-dev golang-github-hashicorp-go-multierror-dev
  golang-github-blang-semver-dev golang-gocapability-dev golang-golang-x-sys-dev
  golang-github-mrunalp-fileutils-dev golang-github-opencontainers-selinux-dev
  python3 python3-jsonschema
  time
)
missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  log "installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then
      sudo=(sudo)
    else
      log "not root and no sudo; install as root: apt-get install ${missing[*]}"
      exit 1
    fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

for tool in go node npm /usr/bin/python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { log "$tool is missing"; exit 1; }
done

# --- runtime-tools ------------------------------------------------------------------------------
src=/usr/share/gocode/src/github.com/opencontainers/runtime-tools
[[ -f "$src/validate/validate.go" ]] || { log "$src/validate/validate.go is missing"; exit 1; }
schema_url="file://$root/schema/config-schema.json"
[[ -f "$root/schema/config-schema.json" ]] || { log "$root/schema/config-schema.json is missing"; exit 1; }
binary="$peers/bin/runtime-tools-validate"
stamp="$peers/bin/runtime-tools-validate.stamp"
want_stamp=$(
  {
    dpkg-query -W golang-go golang-github-opencontainers-runtime-tools-dev \
      golang-github-xeipuuv-gojsonschema-dev golang-github-opencontainers-specs-dev
    echo "$schema_url"
    cat "$root/scripts/peers/runtime-tools-validate.go" "$0"
  } | sha256sum | cut -d' ' -f1
)
if [[ ! -x "$binary" || ! -f "$stamp" || "$(cat "$stamp")" != "$want_stamp" ]]; then
  log "building runtime-tools' validator into build/peers/bin"
  gopath="$peers/gopath"
  rm -rf "$gopath"
  dst="$gopath/src/github.com/opencontainers/runtime-tools"
  mkdir -p "$(dirname "$dst")" "$gopath/src/oci-lint-peers/runtime-tools-validate" "$peers/bin"
  cp -r "$src" "$dst"
  chmod -R u+w "$dst"
  # The one patch: the schema URL template. It is used as fmt.Sprintf(configSchemaTemplate,
  # version); "%.0s" consumes the version and prints nothing, so the same local file is used
  # whatever ociVersion the config declares, and the code that checks the version (JSONSchemaURL
  # refuses anything older than 1.0.2) is left as it is.
  sed -i -E "s#^(\s*configSchemaTemplate\s*=\s*)\"https://raw\.githubusercontent\.com/opencontainers/runtime-spec/v%s/schema/config-schema\.json\"#\1\"$schema_url%.0s\"#" \
    "$dst/validate/validate.go"
  if ! grep -qF "configSchemaTemplate = \"$schema_url%.0s\"" "$dst/validate/validate.go"; then
    log "could not patch configSchemaTemplate in $dst/validate/validate.go (has the package changed?)"
    exit 1
  fi
  diff -u "$src/validate/validate.go" "$dst/validate/validate.go" >"$peers/runtime-tools-schema-url.patch" || true
  cp "$root/scripts/peers/runtime-tools-validate.go" "$gopath/src/oci-lint-peers/runtime-tools-validate/main.go"
  (
    cd "$gopath/src/oci-lint-peers/runtime-tools-validate"
    GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOCACHE="$peers/go-cache" GOFLAGS='' \
      GOPROXY=off CGO_ENABLED=0 go build -o "$binary" .
  )
  echo "$want_stamp" >"$stamp"
fi

# --- Ajv ----------------------------------------------------------------------------------------
npm_dir="$peers/npm"
if [[ ! -f "$npm_dir/node_modules/ajv-draft-04/package.json" ]] ||
  ! cmp -s "$root/scripts/peers/package-lock.json" "$npm_dir/package-lock.json"; then
  log "installing ajv and ajv-draft-04 into build/peers/npm"
  mkdir -p "$npm_dir"
  cp "$root/scripts/peers/package.json" "$root/scripts/peers/package-lock.json" "$npm_dir/"
  npm ci --no-audit --no-fund --silent --prefix "$npm_dir" >&2
fi

# --- python-jsonschema --------------------------------------------------------------------------
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || {
  log "/usr/bin/python3 cannot import jsonschema (python3-jsonschema)"
  exit 1
}
exit 0
