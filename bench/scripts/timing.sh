# Times a step inside one bash or zsh process: the benchmark's clock for per-call figures.
#
# usage: bash|zsh timing.sh LOADER BODY COUNT BATCH OUT
#
# LOADER is the tool's set-up, sourced first (vew's static file, virtualenvwrapper.sh, ...);
# BODY defines bench_step N (the work timed) and may define bench_after FIRST LAST (clean-up
# after each sample, not timed) and bench_finish (after the last sample). Each of COUNT
# samples times BATCH consecutive steps with the shell's own clock ($EPOCHREALTIME: no process
# is started to read it) and writes "START END" to OUT. A step that fails stops the run: its
# status is this script's status.

[ -n "${ZSH_VERSION-}" ] && zmodload zsh/datetime

# shellcheck disable=SC1090 # the set-up and the body under test, named by the benchmark
. "$1" || exit 90
# shellcheck disable=SC1090 # likewise
. "$2" || exit $?
bench_count=$3 bench_batch=$4 bench_out=$5
bench_samples=()
bench_sample=0
while [ "$bench_sample" -lt "$bench_count" ]; do
    bench_first=$((bench_sample * bench_batch))
    bench_last=$((bench_first + bench_batch - 1))
    bench_n=$bench_first
    bench_start=$EPOCHREALTIME
    while [ "$bench_n" -le "$bench_last" ]; do
        bench_step "$bench_n" || exit $?
        bench_n=$((bench_n + 1))
    done
    bench_end=$EPOCHREALTIME
    bench_samples+=("$bench_start $bench_end")
    if typeset -f bench_after >/dev/null; then
        bench_after "$bench_first" "$bench_last" || exit $?
    fi
    bench_sample=$((bench_sample + 1))
done
if typeset -f bench_finish >/dev/null; then
    bench_finish || exit $?
fi
printf '%s\n' "${bench_samples[@]}" >"$bench_out"
