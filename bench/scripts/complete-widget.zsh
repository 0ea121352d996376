# The interactive zsh of the completion figure (see complete.zsh): compinit, then the tool's
# set-up ($1), then ^T, which completes the line, reports the number of matches and clears it.
PS1='> '
# The matches are computed, not listed: drawing 1,000 names depends on the terminal, and a
# list still on its way would be read as part of the next step's answer.
unsetopt autolist listambiguous
setopt nobeep
autoload -Uz compinit && compinit -u -D
source "$1"
bench-complete() {
    zle complete-word
    print -n -- "BENCH-MATCHES=${_lastcomp[nmatches]-}BENCH-DONE"
    BUFFER=''
}
zle -N bench-complete
bindkey '^T' bench-complete
print -n -- 'BENCH-''READY'
