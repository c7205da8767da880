#!/usr/bin/env bash
# The ctest dist.pre_commit_hook: runs the `oci-lint` hook of .pre-commit-hooks.yaml through
# pre-commit itself, with OCI_LINT's directory first on PATH and PRE_COMMIT_HOME in a temporary
# directory (language: system installs nothing, so nothing is downloaded):
#   - `pre-commit try-repo HOOKS oci-lint --files ...` with a config.json holding schema errors
#     fails and shows them, and does not lint a JSON file of another name (package.json);
#   - the same with only clean configs (config.json, *.oci.json) passes;
#   - `pre-commit try-repo HOOKS oci-lint --files testdata/examples/*.json` (the examples are
#     named *.oci.json, which the hook matches) fails on schema-errors.oci.json;
#   - `pre-commit run` with a project config that widens `files` to bundles/*.json fails on the
#     schema errors there.
# HOOKS is a throw-away git repository holding this working tree's .pre-commit-hooks.yaml, so
# that the manifest under test is the one on disk, committed or not (try-repo would otherwise
# see only committed and tracked files). Exit 77 (ctest: skipped), with the reason, without
# pre-commit or git.
#
# Usage: scripts/pre-commit-test.sh OCI_LINT
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
oci_lint=${1:?usage: pre-commit-test.sh OCI_LINT}
oci_lint_dir=$(cd "$(dirname "$oci_lint")" && pwd)

# shellcheck source=scripts/test-lib.sh
source "$repo/scripts/test-lib.sh"

command -v git >/dev/null || skip "no git"
command -v pre-commit >/dev/null || skip "no pre-commit (scripts/setup.sh installs it)"
[[ -x "$oci_lint_dir/oci-lint" ]] || fail "no oci-lint in $oci_lint_dir"

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-pre-commit-test.XXXXXXXX")
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
export PATH="$oci_lint_dir:$PATH"
# No user's or system's git configuration: only what the commands below say.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.org
export GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.org
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

hooks="$work/hooks"
git init -q -b main "$hooks"
cp "$repo/.pre-commit-hooks.yaml" "$hooks/"
git -C "$hooks" add .pre-commit-hooks.yaml
git -C "$hooks" commit -q -m hooks

project="$work/project"
git init -q -b main "$project"
examples="$repo/testdata/examples"
mkdir -p "$project/good" "$project/bad" "$project/other" "$project/testdata/examples" \
  "$project/bundles"
cp "$examples/clean.oci.json" "$project/good/config.json"
cp "$examples/clean.oci.json" "$project/app.oci.json"
cp "$examples/schema-errors.oci.json" "$project/bad/config.json"
cp "$examples/schema-errors.oci.json" "$project/other/package.json"
cp "$examples"/*.json "$project/testdata/examples/"
cp "$examples/schema-errors.oci.json" "$project/bundles/web.json"
git -C "$project" add .
git -C "$project" commit -q -m project
cd "$project"

# A config.json with schema errors fails the hook; package.json is not the hook's business.
status=0
pre-commit try-repo "$hooks" oci-lint --files bad/config.json good/config.json \
  other/package.json >"$work/fail.log" 2>&1 || status=$?
[[ $status -ne 0 ]] || { cat "$work/fail.log"; fail "the hook passed a config with schema errors"; }
grep -q '^bad/config.json:6:11: error: .*\[schema\]$' "$work/fail.log" ||
  { cat "$work/fail.log"; fail "the hook's output lacks the schema errors of bad/config.json"; }
grep -q '^oci-lint\.*Failed$' "$work/fail.log" ||
  { cat "$work/fail.log"; fail "pre-commit did not report the hook as Failed"; }
if grep -q 'package.json' "$work/fail.log"; then
  cat "$work/fail.log"
  fail "the hook linted other/package.json, which its files pattern excludes"
fi

# Clean configs pass.
pre-commit try-repo "$hooks" oci-lint --files good/config.json app.oci.json \
  >"$work/pass.log" 2>&1 || { cat "$work/pass.log"; fail "the hook failed clean configs"; }
grep -q '^oci-lint\.*Passed$' "$work/pass.log" ||
  { cat "$work/pass.log"; fail "pre-commit did not report the hook as Passed"; }

# The examples, as issue 15 runs them: every file of testdata/examples/*.json is a *.oci.json.
status=0
pre-commit try-repo "$hooks" oci-lint --files testdata/examples/*.json \
  >"$work/examples.log" 2>&1 || status=$?
[[ $status -ne 0 ]] || { cat "$work/examples.log"; fail "the hook passed testdata/examples"; }
grep -q '^testdata/examples/schema-errors.oci.json:6:11: error: .*\[schema\]$' "$work/examples.log" ||
  { cat "$work/examples.log"; fail "the hook did not show schema-errors.oci.json's errors"; }
grep -q '^testdata/examples/syntax-error.oci.json:.*\[json-syntax\]$' "$work/examples.log" ||
  { cat "$work/examples.log"; fail "the hook did not show syntax-error.oci.json's error"; }

# A project that widens `files` to its own names gets them linted.
rev=$(git -C "$hooks" rev-parse HEAD)
cat >"$work/config.yaml" <<EOF
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: oci-lint
        files: ^bundles/.*\.json$
EOF
status=0
pre-commit run --config "$work/config.yaml" --files bundles/web.json \
  >"$work/widened.log" 2>&1 || status=$?
[[ $status -ne 0 ]] || { cat "$work/widened.log"; fail "the widened hook passed bundles/web.json"; }
grep -q '^bundles/web.json:6:11: error' "$work/widened.log" ||
  { cat "$work/widened.log"; fail "the widened hook did not show bundles/web.json's errors"; }

echo "PASS: the oci-lint pre-commit hook fails on schema errors and passes clean configs"
