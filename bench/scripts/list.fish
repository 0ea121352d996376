# lsvirtualenv -b, its output kept for the benchmark to check.
function bench_step
    lsvirtualenv -b >$BENCH_CAPTURE
end
