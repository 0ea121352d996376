# A step that does nothing: the baseline of process counts and of fish's clock.
function bench_step
end
