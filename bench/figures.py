"""Each figure of issue 6, measured for vew, its rival and the reference in one run."""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench import creators, probes, sandbox, tools
from bench.results import Measurement
from bench.shells import SCRIPTS, Shell
from bench.tools import Tool

ENV = "bench"


@dataclass(frozen=True)
class Repetitions:
    startup_pairs: int = 30  # interactive starts per tool, each paired with a bare one
    source_runs: int = 20  # shells timing how long sourcing the set-up takes
    rounds: int = 4  # shell processes per tool for each per-call figure, interleaved
    fast_steps: int = 25  # steps per process for vew, virtualfish and the floors
    slow_steps: int = 4  # steps per process for virtualenvwrapper's cycle (~0.7 s each)
    list_steps: int = 15  # steps per process for listing and completion
    mk_rounds: int = 4
    mk_steps: int = 2
    envs: int = 1000
    # The listing and completion again with this many environments: do they grow linearly?
    more_envs: int = 10000
    more_steps: int = 10  # steps per process at that size (each takes 10 times as long)
    core_rounds: int = 30  # processes per probe of the core's own start, interleaved


QUICK = Repetitions(startup_pairs=5, source_runs=3, rounds=2, fast_steps=5, slow_steps=1,
                    list_steps=3, mk_rounds=1, mk_steps=1, envs=1000, more_envs=10000,
                    more_steps=2, core_rounds=5)


@dataclass
class Plan:
    sandbox: sandbox.Sandbox
    shells: list[Shell]
    vew: Tool
    vew_eval: Tool
    virtualenvwrapper: Tool
    virtualfish: Tool
    reps: Repetitions
    count_processes: bool
    log: Path
    results: list[Measurement] = field(default_factory=list)
    # fish's clock is `date`: the cost it adds to one step, per shell and batch size.
    clock_cost: dict[tuple[str, int], float] = field(default_factory=dict)

    def rival(self, shell: Shell) -> Tool:
        return self.virtualfish if shell.name == "fish" else self.virtualenvwrapper

    def say(self, message: str) -> None:
        print(f"  {message}", file=sys.stderr, flush=True)


@dataclass
class Task:
    """A tool's share of one per-call figure: where it runs and what one step is."""

    measurement: Measurement
    shell: Shell
    loader: str
    body: Path
    environ: dict[str, str]
    steps: int
    check: Callable[[], str | None] = lambda: None  # returns a problem, or None
    # False where the work runs in a process the timed shell does not wait for (zsh's
    # completion runs in a pseudo-terminal): its CPU time would not be seen.
    cpu: bool = True


def _skip(plan: Plan, figure: str, shell: Shell, tool: Tool) -> bool:
    """Record why ``tool`` has no figure in ``shell``, if it has none."""
    if tool.loader(shell.name) is not None:
        return False
    reason = tool.missing.get(shell.name, f"{tool.name} does not support {shell.name}")
    plan.results.append(Measurement(figure, shell.name, tool.name, note=f"not measured: {reason}"))
    return True


def _clock_cost(plan: Plan, shell: Shell, batch: int) -> float:
    """What reading the clock adds to each step of a batch: the least time a batch of steps
    that do nothing took (the least, as a busy moment can only add to it)."""
    if shell.precise_clock:
        return 0.0
    key = (shell.name, batch)
    if key not in plan.clock_cost:
        timed = probes.step_times(shell, "", SCRIPTS / f"nothing.{shell.family}",
                                  plan.sandbox.environ(), count=10, batch=batch)
        plan.clock_cost[key] = min(timed.times_ms)
    return plan.clock_cost[key]


def _run_interleaved(plan: Plan, tasks: list[Task], rounds: int) -> None:
    """Round-robin over the tools, so that a busy moment of the machine hits them all."""
    live = list(tasks)
    baseline_cpu: dict[int, float] = {}
    for _ in range(rounds):
        for task in list(live):
            batch = 1 if task.shell.precise_clock else 5
            count = max(1, task.steps // batch)
            cwd = plan.sandbox.scratch("cwd")
            try:
                timed = probes.step_times(task.shell, task.loader, task.body, task.environ,
                                          count=count, batch=batch, cwd=cwd)
                if task.cpu and id(task) not in baseline_cpu:
                    # The same run with no step: the CPU time of loading the tool and of the
                    # body's own set-up, taken off to leave the steps' own.
                    baseline = probes.step_times(task.shell, task.loader, task.body,
                                                 task.environ, count=0, warmup=False, cwd=cwd)
                    baseline_cpu[id(task)] = baseline.cpu_ms
            except probes.ProbeError as error:
                task.measurement.note = f"not measured: {error}"
                task.measurement.samples_ms.clear()
                task.measurement.cpu_ms.clear()
                live.remove(task)
                continue
            cost = _clock_cost(plan, task.shell, batch)
            task.measurement.samples_ms.extend(max(0.0, t - cost) for t in timed.times_ms)
            if task.cpu:
                task.measurement.cpu_ms.append(
                    max(0.0, timed.cpu_ms - baseline_cpu[id(task)]) / timed.steps)
            _note_stderr(task.measurement, timed.stderr)
            problem = task.check()
            if problem:
                task.measurement.note = f"not measured: {problem}"
                task.measurement.samples_ms.clear()
                task.measurement.cpu_ms.clear()
                live.remove(task)
    for task in tasks:
        if plan.count_processes and task.measurement.samples_ms:
            try:
                task.measurement.programs = probes.executed_by_step(
                    task.shell, task.loader, task.body, task.environ,
                    plan.sandbox.scratch("cwd"))
            except probes.ProbeError as error:
                task.measurement.note = f"processes not counted: {error}"
        plan.results.append(task.measurement)


def _note_stderr(measurement: Measurement, stderr: str) -> None:
    if stderr and "stderr" not in measurement.note:
        first = stderr.splitlines()[0][:160]
        measurement.note = (measurement.note + "; " if measurement.note else "") + \
            f"wrote to stderr: {first}"


def _body(shell: Shell, figure: str, tool: str) -> Path:
    body = shell.body(figure, tool)
    if body is None:
        raise LookupError(f"no bench/scripts file for {figure} ({tool}) in {shell.name}")
    return body


# --- start-up -----------------------------------------------------------------------------


def startup(plan: Plan) -> None:
    """What loading the tool adds to an interactive start, and what it starts."""
    for shell in plan.shells:
        for figure, tool in (("startup", plan.vew), ("eval", plan.vew_eval),
                             ("startup", plan.rival(shell))):
            if _skip(plan, figure, shell, tool):
                continue
            plan.say(f"{figure}: {tool.name} in {shell.name}")
            _startup_one(plan, figure, shell, tool)


def _startup_one(plan: Plan, figure: str, shell: Shell, tool: Tool) -> None:
    loader = tool.loader(shell.name) or ""
    home = plan.sandbox.scratch(f"rc-{shell.name}-{tool.name}")
    bare_argv, bare_vars = shell.interactive("", home / "bare")
    tool_argv, tool_vars = shell.interactive(loader + "\n", home / "tool")
    environ = plan.sandbox.environ(tool.workon_home)
    cwd = plan.sandbox.scratch("cwd")
    wall = Measurement(figure, shell.name, tool.name)
    inside = Measurement(f"{figure}-source", shell.name, tool.name)
    try:
        # One start of each first: the files the shells read are then cached for both.
        probes.wall_time(bare_argv, {**environ, **bare_vars}, cwd)
        probes.wall_time(tool_argv, {**environ, **tool_vars}, cwd)
        bare, loaded = [], []
        for _ in range(plan.reps.startup_pairs):
            bare_wall, bare_cpu = probes.wall_time(bare_argv, {**environ, **bare_vars}, cwd)
            tool_wall, tool_cpu = probes.wall_time(tool_argv, {**environ, **tool_vars}, cwd)
            bare.append(bare_wall)
            loaded.append(tool_wall)
            wall.cpu_ms.append(tool_cpu - bare_cpu)
        wall.samples_ms = [a - b for a, b in zip(loaded, bare, strict=True)]
        wall.note = (f"bare {shell.name} -i: {statistics.median(bare):.1f} ms, with "
                     f"{tool.name}: {statistics.median(loaded):.1f} ms (medians)")
        if plan.count_processes:
            started = probes.executed(tool_argv, {**environ, **tool_vars}, cwd)
            for program in probes.executed(bare_argv, {**environ, **bare_vars}, cwd):
                if program in started:
                    started.remove(program)
            wall.programs = started
    except probes.ProbeError as error:
        wall.note = f"not measured: {error}"
        wall.samples_ms.clear()
        wall.cpu_ms.clear()
    setup = home / f"setup.{shell.family}"
    setup.write_text(loader + "\n")
    source_environ = {**environ, "BENCH_SETUP": str(setup)}
    try:
        for _ in range(plan.reps.source_runs):
            timed = probes.step_times(shell, "", _body(shell, "source", tool.name),
                                      source_environ, count=1, warmup=False, cwd=cwd)
            cost = _clock_cost(plan, shell, 1)
            inside.samples_ms.extend(max(0.0, t - cost) for t in timed.times_ms)
            _note_stderr(inside, timed.stderr)
    except probes.ProbeError as error:
        inside.note = f"not measured: {error}"
        inside.samples_ms.clear()
    plan.results.extend([wall, inside])


# --- workon + deactivate ------------------------------------------------------------------


def prepare_cycle_envs(plan: Plan) -> None:
    """One environment per tool home, made by the tool itself, plus the two hooks."""
    posix = next((shell for shell in plan.shells if shell.family == "sh"), None)
    for tool in (plan.vew, plan.virtualenvwrapper):
        assert tool.workon_home is not None
        env = tool.workon_home / ENV
        if env.is_dir():
            continue
        environ = plan.sandbox.environ(tool.workon_home,
                                       VIRTUALENVWRAPPER_VIRTUALENV_ARGS="--no-seed")
        if posix is not None and tool.loader(posix.name) is not None:
            tools.run_shell(posix, f"{tool.loader(posix.name)}\nmkvirtualenv {ENV}", environ,
                            plan.log)
        elif tool is plan.vew:
            # No bash or zsh in this run: make it the way vew's core does.
            from virtualenv import cli_run

            tool.workon_home.mkdir(parents=True, exist_ok=True)
            cli_run(["--no-seed", str(env)], setup_logging=False)
        else:
            continue
        sandbox.write_postactivate_hooks(tool.workon_home, env / "bin")
        if tool is plan.vew:
            # As after any vew command once hooks are written: bash and fish find them in the
            # core's list of checked hooks and need no `find` to trust them
            # (src/vew/checked_hooks.py).
            subprocess.run([str(tools.vew_bin()), "init", "bash"], env=environ,
                           stdout=subprocess.DEVNULL, check=False)


def cycle(plan: Plan) -> None:
    prepare_cycle_envs(plan)
    reps = plan.reps
    for shell in plan.shells:
        tasks = []
        rival = plan.rival(shell)
        for tool, steps in ((plan.vew, reps.fast_steps), (rival, reps.slow_steps
                                                          if rival is plan.virtualenvwrapper
                                                          else reps.fast_steps)):
            if _skip(plan, "cycle", shell, tool):
                continue
            environ = plan.sandbox.environ(tool.workon_home, BENCH_ENV=ENV)
            tasks.append(Task(Measurement("cycle", shell.name, tool.name), shell,
                              tool.loader(shell.name) or "", _body(shell, "cycle", tool.name),
                              environ, steps))
        floor_environ = plan.sandbox.environ(plan.vew.workon_home, BENCH_ENV=ENV)
        tasks.append(Task(Measurement("cycle", shell.name, "floor"), shell, "",
                          _body(shell, "cycle", "floor"), floor_environ, reps.fast_steps))
        plan.say(f"cycle: {', '.join(t.measurement.tool for t in tasks)} in {shell.name}")
        _run_interleaved(plan, tasks, reps.rounds)


# --- mkvirtualenv ---------------------------------------------------------------------------


def mkvirtualenv(plan: Plan) -> None:
    """mkvirtualenv NAME seeded with pip, against the virtualenv command; in one shell only:
    nearly all of it is Python, whatever the shell."""
    shell = next((shell for shell in plan.shells if shell.family == "sh"), None)
    if shell is None:
        return
    tasks = []
    for tool in (plan.vew, plan.virtualenvwrapper):
        if _skip(plan, "mkvirtualenv", shell, tool):
            continue
        assert tool.workon_home is not None
        tool.workon_home.mkdir(parents=True, exist_ok=True)
        tasks.append(Task(Measurement("mkvirtualenv", shell.name, tool.name), shell,
                          tool.loader(shell.name) or "", _body(shell, "mkvirtualenv", tool.name),
                          plan.sandbox.environ(tool.workon_home), plan.reps.mk_steps))
    reference = plan.sandbox.environ(plan.vew.workon_home,
                                     BENCH_VIRTUALENV=str(tools.virtualenv_bin()))
    tasks.append(Task(Measurement("mkvirtualenv", shell.name, "virtualenv"), shell, "",
                      _body(shell, "mkvirtualenv", "virtualenv"), reference,
                      plan.reps.mk_steps))
    plan.say(f"mkvirtualenv: {', '.join(t.measurement.tool for t in tasks)} in {shell.name}")
    saved, plan.count_processes = plan.count_processes, False
    try:
        _run_interleaved(plan, tasks, plan.reps.mk_rounds)
    finally:
        plan.count_processes = saved


# --- lsvirtualenv -b and completion with many environments ---------------------------------


def _many_home(plan: Plan, count: int) -> Path:
    home = plan.sandbox.workon_home("many" if count == plan.reps.envs else f"many-{count}")
    if not home.is_dir():
        sandbox.fake_envs(home, count)
    return home


def many_figure(figure: str, count: int) -> str:
    """The figure's key for ``count`` environments: "list" for 1,000, "list-10k" for 10,000."""
    return figure if count == 1000 else f"{figure}-{count // 1000}k"


def _capture_check(capture: Path, expected: int, *, count_lines: bool) -> Callable[[], str | None]:
    def check() -> str | None:
        try:
            text = capture.read_text()
        except OSError:
            return "the step wrote nothing"
        got = len(text.splitlines()) if count_lines else int(text.strip() or 0)
        return None if got == expected else f"expected {expected} names, got {got}"

    return check


def listing(plan: Plan) -> None:
    for count, steps in ((plan.reps.envs, plan.reps.list_steps),
                         (plan.reps.more_envs, plan.reps.more_steps)):
        _many(plan, "list", count, steps, count_lines=True)


def completion(plan: Plan) -> None:
    for count, steps in ((plan.reps.envs, plan.reps.list_steps),
                         (plan.reps.more_envs, plan.reps.more_steps)):
        _many(plan, "complete", count, steps, count_lines=False)


def _many(plan: Plan, kind: str, count: int, steps: int, *, count_lines: bool) -> None:
    """``kind`` (list, complete) for vew and the rival, with ``count`` environments, and the
    bare glob over them (the floor of both) interleaved with them."""
    home = _many_home(plan, count)
    figure = many_figure(kind, count)
    for shell in plan.shells:
        tasks = []
        candidates = [plan.vew, plan.rival(shell)]
        for tool in candidates:
            if _skip(plan, figure, shell, tool):
                continue
            capture = plan.sandbox.scratch("capture") / f"{figure}-{shell.name}-{tool.name}"
            environ = plan.sandbox.environ(home, BENCH_CAPTURE=str(capture))
            tasks.append(Task(Measurement(figure, shell.name, tool.name), shell,
                              tool.loader(shell.name) or "", _body(shell, kind, tool.name),
                              environ, steps,
                              _capture_check(capture, count, count_lines=count_lines),
                              cpu=not (kind == "complete" and shell.name == "zsh")))
        capture = plan.sandbox.scratch("capture") / f"{figure}-{shell.name}-glob"
        environ = plan.sandbox.environ(home, BENCH_CAPTURE=str(capture))
        tasks.append(Task(Measurement(figure, shell.name, "glob"), shell, "",
                          _body(shell, "list", "glob"), environ, steps,
                          _capture_check(capture, count, count_lines=True)))
        plan.say(f"{figure}: {', '.join(t.measurement.tool for t in tasks)} in {shell.name}")
        _run_interleaved(plan, tasks, plan.reps.rounds)


# --- the core's own start ------------------------------------------------------------------
# Python processes, the same whatever shell calls them: `vew init SHELL` (the eval set-up, its
# shim cached) and each core command up to its own work, against a bare `python -c pass` of
# the same interpreter. The shims call the core with the arguments integration.core_command
# gives; the start probe is that entry point stopped where the command itself would run.

_START = ("import sys\nfrom vew.callback import prepare\n"
          "sys.exit(isinstance(prepare(sys.argv[1:]), int))")


def core(plan: Plan) -> None:
    """What a Python process of vew's costs before it does its work, interleaved with a bare
    interpreter; "init" per shell, "core-start" per command, "core-call" for one whole call."""
    from vew import commands, integration

    python, *flags = integration.core_command()
    flags = flags[:flags.index("-c")]
    environ = plan.sandbox.environ(plan.vew.workon_home)
    assert plan.vew.workon_home is not None
    plan.vew.workon_home.mkdir(parents=True, exist_ok=True)
    cwd = plan.sandbox.scratch("cwd")
    probes_: list[tuple[Measurement, list[str]]] = [
        (Measurement("init", shell.name, "python"), [python, "-c", "pass"])
        for shell in plan.shells]
    probes_ += [(Measurement("init", shell.name, "vew"), [str(tools.vew_bin()), "init",
                                                          shell.name]) for shell in plan.shells]
    probes_.append((Measurement("core-start", "-", "python"), [python, *flags, "-c", "pass"]))
    probes_ += [(Measurement("core-start", "-", command),
                 [python, *flags, "-c", _START, "bash", "/dev/null", command])
                for command in commands.COMMANDS]
    probes_.append((Measurement("core-call", "-", "vew"),
                    [*integration.core_command(), "__call", "bash", "/dev/null",
                     "rmvirtualenv", "no-such-environment"]))
    plan.say(f"core: python -c pass, vew init, {len(commands.COMMANDS)} commands' start")
    live = list(probes_)
    for argv in [argv for _, argv in probes_]:  # once each first: the files are then cached
        with contextlib.suppress(probes.ProbeError):
            probes.wall_time(argv, environ, cwd)
    for _ in range(plan.reps.core_rounds):
        for measurement, argv in list(live):
            try:
                wall, cpu = probes.wall_time(argv, environ, cwd)
            except probes.ProbeError as error:
                measurement.note = f"not measured: {error}"
                measurement.samples_ms.clear()
                measurement.cpu_ms.clear()
                live.remove((measurement, argv))
                continue
            measurement.samples_ms.append(wall)
            measurement.cpu_ms.append(cpu)
    plan.results.extend(measurement for measurement, _ in probes_)


ALL = {"startup": startup, "cycle": cycle, "mkvirtualenv": mkvirtualenv, "list": listing,
       "complete": completion, "core": core, **creators.FIGURES}
