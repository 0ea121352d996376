# The start-up cost as the shell sees it: sourcing the tool's set-up once ($BENCH_SETUP).
function bench_step
    source $BENCH_SETUP
end
