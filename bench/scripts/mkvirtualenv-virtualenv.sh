# The reference for mkvirtualenv: the virtualenv command for the same target.
bench_step() {
    "$BENCH_VIRTUALENV" "$WORKON_HOME/bench-mk-$1" >/dev/null
}

bench_after() {
    command rm -rf -- "$WORKON_HOME/bench-mk-$1"
}
