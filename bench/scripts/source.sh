# The start-up cost as the shell sees it: sourcing the tool's set-up once ($BENCH_SETUP).
bench_step() {
    . "$BENCH_SETUP"
}
