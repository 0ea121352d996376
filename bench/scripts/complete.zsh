# Name completion for `workon ` (an empty word, 1,000 environments) in zsh with compinit, as
# most zsh users have it: keys typed into an interactive zsh in a pseudo-terminal (zpty),
# where ^T completes the line and reports how many names it found (complete-widget.zsh). A
# step is the time from the keys to that report: what a user waits for, less drawing a list.
# $1 is the tool's set-up, the first argument of timing.sh.
zmodload zsh/zpty || exit 80
zpty bench_pty zsh -f -i
zpty -w bench_pty "source ${(q)${0:h}}/complete-widget.zsh ${(q)1}"
zpty -r bench_pty bench_reply '*BENCH-READY*' || exit 92

bench_step() {
    zpty -w -n bench_pty $'workon \x14'
    zpty -r bench_pty bench_reply '*BENCH-DONE*' || return 93
}

bench_after() {
    local found=${bench_reply##*BENCH-MATCHES=}
    printf '%s\n' "${found%%BENCH-DONE*}" >"$BENCH_CAPTURE"
}
