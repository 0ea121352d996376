# A step that does nothing: the baseline of process counts and of fish's clock.
bench_step() {
    :
}
