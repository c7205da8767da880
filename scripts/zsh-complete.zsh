# Prints the candidates zsh's completion system offers for a command line, one a line: an
# interactive zsh in a pseudo-terminal (zsh/zpty) with compinit and FPATH_DIR first on its
# fpath, the line typed and TAB pressed, compadd wrapped to print what it adds. For
# completions-test.sh.
#
# Usage: zsh -f scripts/zsh-complete.zsh FPATH_DIR 'COMMAND LINE'
zmodload zsh/zpty || exit 2
local setup
setup=$(mktemp "${TMPDIR:-/tmp}/zsh-complete.XXXXXXXX") || exit 2
trap 'rm -f $setup' EXIT
cat >$setup <<'SETUP'
PROMPT=
unsetopt beep
fpath=($COMPLETE_FPATH $fpath)
autoload -U compinit && compinit -u -D
bindkey '^I' complete-word
zstyle ':completion:*' insert-tab false
compadd() {
  # With -O, -A or -D compadd only fills an array: nothing is offered.
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
    builtin compadd "$@"
    return
  fi
  local -a hits
  builtin compadd -A hits "$@"
  local hit
  for hit in $hits; do print -r -- "<<<$hit>>>"; done
  builtin compadd "$@"
}
completion-done() { print -r -- '<<<DONE>>>'; }
comppostfuncs=(completion-done)
print '<<<READY>>>'
SETUP
export COMPLETE_FPATH=$1
zpty completer zsh -f -i
zpty -w completer "source $setup"
zpty -r -m completer output '*<<<READY>>>*' || exit 2
zpty -w -n completer "$2"$'\t'
zpty -r -m completer output '*<<<DONE>>>*' || exit 2
zpty -d completer
# A candidate may follow the echo of the typed line: each starts a line of its own here.
print -r -- ${${output//$'\r'/}//'<<<'/$'\n<<<'} | sed -n 's/^<<<\(.*\)>>>$/\1/p' | grep -vx DONE
