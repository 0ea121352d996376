# virtualfish's name completion: `vf activate ` through fish's completion machinery.
function bench_step
    set -g bench_names (complete -C 'vf activate ')
    return 0
end

function bench_after
    count $bench_names >$BENCH_CAPTURE; or true
end
