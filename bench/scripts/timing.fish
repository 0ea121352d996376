# Times a step inside one fish process: the benchmark's clock for per-call figures in fish.
#
# usage: fish timing.fish LOADER BODY COUNT BATCH OUT
#
# As timing.sh, but fish has no clock variable: each sample reads `date +%s.%N` before and
# after its batch (two processes per sample, not per step); the caller subtracts the cost of
# an empty batch, measured the same way, and uses batches long enough to drown the rest.

source $argv[1]; or exit 90
source $argv[2]; or exit $status
set -l count $argv[3]
set -l batch $argv[4]
set -l out $argv[5]
set -l samples
for sample in (seq 0 (math $count - 1))
    set -l first (math $sample \* $batch)
    set -l last (math $first + $batch - 1)
    set -l steps (seq $first $last)
    set -l start (command date +%s.%N)
    for n in $steps
        bench_step $n; or exit $status
    end
    set -l end (command date +%s.%N)
    set -a samples "$start $end"
    if functions -q bench_after
        bench_after $first $last; or exit $status
    end
end
if functions -q bench_finish
    bench_finish; or exit $status
end
printf '%s\n' $samples >$out
