# virtualfish's cycle: vf activate + vf deactivate, with the same two hooks as vew's, written
# the virtualfish way (a handler for every environment, and one for this environment only).
function bench_global_hook --on-event virtualenv_did_activate
    set -g BENCH_GLOBAL_HOOK 1
end
function bench_env_hook --on-event virtualenv_did_activate:$BENCH_ENV
    set -g BENCH_ENV_HOOK 1
end

function bench_step
    set -g BENCH_GLOBAL_HOOK 0
    set -g BENCH_ENV_HOOK 0
    vf activate $BENCH_ENV; or return
    test "$BENCH_GLOBAL_HOOK$BENCH_ENV_HOOK" = 11; or return 97
    vf deactivate; or return
    not set -q VIRTUAL_ENV; or return 98
end
