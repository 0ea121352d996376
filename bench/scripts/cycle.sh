# workon + deactivate, with a global and an environment postactivate hook (each sets a
# variable, checked here so that a cycle that skipped its hooks cannot pass for a fast one).
bench_step() {
    BENCH_GLOBAL_HOOK=0
    BENCH_ENV_HOOK=0
    workon "$BENCH_ENV" || return
    [ "$BENCH_GLOBAL_HOOK$BENCH_ENV_HOOK" = 11 ] || return 97
    deactivate || return
    [ -z "${VIRTUAL_ENV-}" ] || return 98
}
