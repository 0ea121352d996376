# The floor of a listing: one shell glob over the environments' activate scripts.
bench_step() {
    printf '%s\n' "$WORKON_HOME"/*/bin/activate >"$BENCH_CAPTURE"
}
