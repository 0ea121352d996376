# mkvirtualenv NAME, seeded with pip (the default); the environment is removed untimed.
bench_step() {
    mkvirtualenv "bench-mk-$1" >/dev/null || return
    [ "${VIRTUAL_ENV-}" = "$WORKON_HOME/bench-mk-$1" ] || return 97
}

bench_after() {
    deactivate
    command rm -rf -- "$WORKON_HOME/bench-mk-$1"
}
