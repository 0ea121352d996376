# The start-up cost as the shell sees it: sourcing the tool's set-up once ($BENCH_SETUP).
bench_step() {
    # shellcheck disable=SC1090 # the set-up being timed, named by the benchmark
    . "$BENCH_SETUP"
}
