# The floor of a listing: one glob over the environments' activate scripts.
function bench_step
    printf '%s\n' $WORKON_HOME/*/bin/activate >$BENCH_CAPTURE
end
