# Name completion for `workon ` (an empty word, 1,000 environments) in zsh without compinit:
# the function registered with `compctl -K`, called as zsh calls it. Not applicable
# (status 80) when workon has no such function.
# EXTENSION POINT: a shim that registers through the new completion system (compdef) needs
# its function called inside a completion widget; add that here when one does.
bench_spec=(${(z)"$(compctl -L workon 2>/dev/null)"})
bench_complete=${bench_spec[${bench_spec[(i)-K]}+1]}
if [[ -z $bench_complete ]] || ! (( $+functions[$bench_complete] )); then
    printf 'no compctl -K function is registered for workon\n' >&2
    exit 80
fi

bench_step() {
    reply=()
    "$bench_complete" "" ""
    return 0
}

bench_after() {
    printf '%s\n' "${#reply[@]}" >"$BENCH_CAPTURE"
}
