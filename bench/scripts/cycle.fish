# workon + deactivate, with a global and an environment postactivate hook (see cycle.sh).
function bench_step
    set -g BENCH_GLOBAL_HOOK 0
    set -g BENCH_ENV_HOOK 0
    workon $BENCH_ENV; or return
    test "$BENCH_GLOBAL_HOOK$BENCH_ENV_HOOK" = 11; or return 97
    deactivate; or return
    not set -q VIRTUAL_ENV; or return 98
end
