# lsvirtualenv -b, its output kept for the benchmark to check.
bench_step() {
    lsvirtualenv -b >"$BENCH_CAPTURE"
}
