# virtualfish's listing.
function bench_step
    vf ls >$BENCH_CAPTURE
end
