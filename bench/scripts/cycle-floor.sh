# The floor of a cycle: source the environment's activate script, then its deactivate.
bench_step() {
    # shellcheck disable=SC1090 # the environment under test: known only when it runs
    . "$WORKON_HOME/$BENCH_ENV/bin/activate" || return
    deactivate || return
    [ -z "${VIRTUAL_ENV-}" ] || return 98
}
