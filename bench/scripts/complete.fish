# Name completion for `workon ` (an empty word, 1,000 environments) through fish's own
# completion machinery. Not applicable (status 80) when nothing is registered for workon.
if test -z "$(complete -c workon)"
    echo 'no completion is registered for workon' >&2
    exit 80
end

function bench_step
    set -g bench_names (complete -C 'workon ')
    return 0
end

function bench_after
    count $bench_names >$BENCH_CAPTURE; or true
end
