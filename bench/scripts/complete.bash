# Name completion for `workon ` (an empty word, 1,000 environments): the function registered
# with `complete -F`, called as bash's completion calls it. Not applicable (status 80) when
# nothing is registered for workon.
bench_complete=$(complete -p workon 2>/dev/null)
case $bench_complete in
    *' -F '*)
        bench_complete=${bench_complete#* -F }
        bench_complete=${bench_complete%% *}
        ;;
    *)
        printf 'no completion function is registered for workon\n' >&2
        exit 80
        ;;
esac

bench_step() {
    COMP_WORDS=(workon "")
    COMP_CWORD=1
    COMP_LINE="workon "
    COMP_POINT=7
    COMPREPLY=()
    # compopt and friends complain outside a real completion; the names are what counts.
    "$bench_complete" workon "" workon 2>/dev/null
    return 0
}

bench_after() {
    printf '%s\n' "${#COMPREPLY[@]}" >"$BENCH_CAPTURE"
}
