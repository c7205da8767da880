#!/usr/bin/env bash
# The ctest distribution.completions_in_their_shells: the completion scripts the build wrote
# (oci-lint completion bash|zsh|fish) complete for real in their shells: bash with
# bash-completion (COMP_WORDS, COMP_CWORD, the function, COMPREPLY), fish (complete -C), and
# zsh (parsed, then completed through compinit in a pseudo-terminal). A shell that is not
# installed is skipped with the reason; exit 77 (ctest: skipped) when none is.
#
# Usage: scripts/completions-test.sh SHARE_DIR (the build tree's share/)
set -euo pipefail
share=$(cd "${1:?usage: completions-test.sh SHARE_DIR}" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bash_script="$share/bash-completion/completions/oci-lint"
zsh_script="$share/zsh/vendor-completions/_oci-lint"
fish_script="$share/fish/vendor_completions.d/oci-lint.fish"

work=$(mktemp -d "${TMPDIR:-/tmp}/oci-lint-completions.XXXXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
echo '{}' >config.json
mkdir bundle

failed=0 tested=0
fail() { echo "FAIL: $*"; failed=1; }
# expect WHAT OUTPUT WORD...: every WORD is a line of OUTPUT.
expect() {
  local what=$1 output=$2 word
  shift 2
  for word in "$@"; do
    grep -qxF -- "$word" <<<"$output" || fail "$what: no '$word' in: $(tr '\n' ' ' <<<"$output")"
  done
}
# expect_not WHAT OUTPUT WORD...: no WORD is a line of OUTPUT.
expect_not() {
  local what=$1 output=$2 word
  shift 2
  for word in "$@"; do
    ! grep -qxF -- "$word" <<<"$output" || fail "$what: '$word' should not be offered"
  done
}

if [[ -r /usr/share/bash-completion/bash_completion ]]; then
  tested=$((tested + 1))
  # Completes the words given (the last one is the word under the cursor), a reply a line.
  bash_complete() {
    bash --norc --noprofile -c '
      source /usr/share/bash-completion/bash_completion
      source "$1"
      shift
      COMP_WORDS=(oci-lint "$@")
      COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
      COMP_LINE="${COMP_WORDS[*]}"
      COMP_POINT=${#COMP_LINE}
      COMPREPLY=()
      _oci_lint oci-lint "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
      printf "%s\n" "${COMPREPLY[@]}"' bash "$bash_script" "$@"
  }
  expect "bash: oci-lint <TAB>" "$(bash_complete '')" lint caps probe conformance rules explain \
    coverage completion config.json
  expect_not "bash: oci-lint <TAB>" "$(bash_complete '')" man
  expect "bash: oci-lint lint --f<TAB>" "$(bash_complete lint --f)" --format --fail-on
  expect "bash: oci-lint lint --format <TAB>" "$(bash_complete lint --format '')" text json sarif
  expect_not "bash: oci-lint lint --format <TAB>" "$(bash_complete lint --format '')" config.json
  expect "bash: oci-lint lint --format=j<TAB>" "$(bash_complete lint --format=j)" json
  expect "bash: oci-lint --fail-on <TAB> (implicit lint)" "$(bash_complete --fail-on '')" \
    error warning never
  expect "bash: oci-lint con<TAB>" "$(bash_complete con)" config.json
  expect "bash: oci-lint lint --kernel <TAB>" "$(bash_complete lint --kernel '')" host none
  expect "bash: oci-lint lint --bundle <TAB>" "$(bash_complete lint --bundle '')" bundle
  expect_not "bash: oci-lint lint --bundle <TAB>" "$(bash_complete lint --bundle '')" config.json
  expect "bash: oci-lint caps --s<TAB>" "$(bash_complete caps --s)" --strip
  expect "bash: oci-lint rules --format <TAB>" "$(bash_complete rules --format '')" markdown
  expect "bash: oci-lint completion <TAB>" "$(bash_complete completion '')" bash zsh fish
  expect "bash: oci-lint lint -<TAB>" "$(bash_complete lint -)" -j --jobs --help --output
  expect "bash: oci-lint conformance <TAB>" "$(bash_complete conformance '')" compare
  expect "bash: oci-lint conformance --r<TAB>" "$(bash_complete conformance --r)" --runtime
  expect "bash: oci-lint conformance compare -<TAB>" "$(bash_complete conformance compare -)" \
    --format --out --help
  expect_not "bash: oci-lint conformance compare -<TAB>" "$(bash_complete conformance compare -)" \
    --runtime
  expect "bash: oci-lint conformance compare --format <TAB>" \
    "$(bash_complete conformance compare --format '')" html md
  expect "bash: oci-lint conformance compare <TAB>" "$(bash_complete conformance compare '')" bundle
  expect_not "bash: oci-lint conformance compare <TAB>" "$(bash_complete conformance compare '')" \
    config.json compare
else
  echo "skip bash: /usr/share/bash-completion/bash_completion is missing (apt-get install bash-completion)"
fi

if command -v fish >/dev/null; then
  tested=$((tested + 1))
  # Completes a command line with fish's complete -C, a candidate (without its description) a line.
  fish_complete() {
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$fish_script" "$1" | cut -f1
  }
  expect "fish: oci-lint lint --fo" "$(fish_complete 'oci-lint lint --fo')" --format
  expect "fish: oci-lint " "$(fish_complete 'oci-lint ')" lint caps probe conformance rules \
    explain coverage completion config.json
  expect "fish: oci-lint lint --format " "$(fish_complete 'oci-lint lint --format ')" text json sarif
  expect "fish: oci-lint --fail-on (implicit lint)" "$(fish_complete 'oci-lint --fail-on ')" \
    error warning never
  expect "fish: oci-lint lint con" "$(fish_complete 'oci-lint lint con')" config.json
  expect "fish: oci-lint lint --bundle " "$(fish_complete 'oci-lint lint --bundle ')" bundle/
  expect_not "fish: oci-lint lint --bundle " "$(fish_complete 'oci-lint lint --bundle ')" config.json
  expect "fish: oci-lint caps --s" "$(fish_complete 'oci-lint caps --s')" --strip
  expect_not "fish: oci-lint caps --s" "$(fish_complete 'oci-lint caps --s')" --schema-dir
  expect "fish: oci-lint completion " "$(fish_complete 'oci-lint completion ')" bash zsh fish
  expect "fish: oci-lint conformance " "$(fish_complete 'oci-lint conformance ')" compare
  expect "fish: oci-lint conformance compare --" "$(fish_complete 'oci-lint conformance compare --')" \
    --format --out
  expect_not "fish: oci-lint conformance compare --" \
    "$(fish_complete 'oci-lint conformance compare --')" --runtime
  expect "fish: oci-lint conformance compare --format " \
    "$(fish_complete 'oci-lint conformance compare --format ')" html md
  expect "fish: oci-lint conformance compare " "$(fish_complete 'oci-lint conformance compare ')" \
    bundle/
  expect_not "fish: oci-lint conformance --runtime runc " \
    "$(fish_complete 'oci-lint conformance --runtime runc ')" compare
else
  echo "skip fish: not installed (apt-get install fish)"
fi

if command -v zsh >/dev/null; then
  tested=$((tested + 1))
  zsh -n "$zsh_script" || fail "zsh: $zsh_script does not parse"
  # A real completion: an interactive zsh in a pseudo-terminal (zpty) with compinit and the
  # script on its fpath, asked to list the completions of a command line.
  zsh_complete() {
    timeout 20 zsh -f "$here/zsh-complete.zsh" "$(dirname "$zsh_script")" "$1"
  }
  expect "zsh: oci-lint lint --fo" "$(zsh_complete 'oci-lint lint --fo')" --format
  expect "zsh: oci-lint " "$(zsh_complete 'oci-lint ')" lint caps completion config.json
  expect "zsh: oci-lint lint --format " "$(zsh_complete 'oci-lint lint --format ')" text json sarif
  expect "zsh: oci-lint --fail-on (implicit lint)" "$(zsh_complete 'oci-lint --fail-on ')" \
    error warning never
  expect "zsh: oci-lint lint --bundle " "$(zsh_complete 'oci-lint lint --bundle ')" bundle
  expect_not "zsh: oci-lint lint --bundle " "$(zsh_complete 'oci-lint lint --bundle ')" config.json
  expect "zsh: oci-lint completion " "$(zsh_complete 'oci-lint completion ')" bash zsh fish
  expect "zsh: oci-lint conformance " "$(zsh_complete 'oci-lint conformance ')" compare
  expect "zsh: oci-lint conformance compare --" "$(zsh_complete 'oci-lint conformance compare --')" \
    --format --out
  expect_not "zsh: oci-lint conformance compare --" \
    "$(zsh_complete 'oci-lint conformance compare --')" --runtime
  expect "zsh: oci-lint conformance compare --format " \
    "$(zsh_complete 'oci-lint conformance compare --format ')" html md
else
  echo "skip zsh: not installed (apt-get install zsh)"
fi

if ((tested == 0)); then
  echo "SKIP: none of bash-completion, fish, zsh is installed"
  exit 77
fi
((failed == 0)) && echo "ok: the completions complete in $tested shells"
exit $failed
