# mkvirtualenv -r FILE NAME, FILE naming a dozen local wheels; the creator comes from the
# environment (VEW_CREATOR). Checked and removed untimed.
bench_step() {
    mkvirtualenv -r "$BENCH_REQUIREMENTS" "bench-req-$1" >/dev/null 2>&1 || return
    [ "${VIRTUAL_ENV-}" = "$WORKON_HOME/bench-req-$1" ] || return 97
}

bench_after() {
    deactivate
    "$WORKON_HOME/bench-req-$1/bin/python" -c "import $BENCH_IMPORTS" || return 98
    command rm -rf -- "$WORKON_HOME/bench-req-$1"
}
