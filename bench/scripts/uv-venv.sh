# The reference for mkvirtualenv with uv: uv venv --seed on the same interpreter and target.
bench_step() {
    "$BENCH_UV" venv --quiet --seed "--python=$BENCH_PYTHON" "$WORKON_HOME/bench-mk-$1"
}

bench_after() {
    command rm -rf -- "$WORKON_HOME/bench-mk-$1"
}
