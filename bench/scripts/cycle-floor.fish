# The floor of a cycle: source the environment's activate.fish, then its deactivate.
function bench_step
    source $WORKON_HOME/$BENCH_ENV/bin/activate.fish; or return
    deactivate; or return
    not set -q VIRTUAL_ENV; or return 98
end
