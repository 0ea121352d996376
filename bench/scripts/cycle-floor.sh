# The floor of a cycle: source the environment's activate script, then its deactivate.
bench_step() {
    . "$WORKON_HOME/$BENCH_ENV/bin/activate" || return
    deactivate || return
    [ -z "${VIRTUAL_ENV-}" ] || return 98
}
