"""The three ways the benchmark observes a shell: its own clock, the wall clock, strace."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from bench.shells import SCRIPTS, Shell


class ProbeError(Exception):
    """A measured command failed: its figure is reported as not measured, with this reason."""


# What a timed body's exit status means when it is not a plain failure.
NOT_APPLICABLE = 80  # e.g. no completion is registered for workon: "not measured"


def _tail(text: str, lines: int = 6) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def _cpu_ms() -> float:
    """CPU time (user + system) of every child process waited for so far, in milliseconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


@dataclass(frozen=True)
class Timed:
    times_ms: list[float]  # per step, one value per sample (the warm-up sample dropped)
    steps: int  # steps the run executed, warm-up included
    cpu_ms: float  # CPU time of the whole run: the shell and every program it waited for
    stderr: str  # a step that complains is worth knowing about, even when it works


def step_times(shell: Shell, loader: str, body: Path, environ: Mapping[str, str], *,
               count: int, batch: int = 1, warmup: bool = True,
               cwd: Path | None = None) -> Timed:
    """Time ``count`` samples of ``batch`` steps each with the shell's own clock.

    ``loader`` is the tool's set-up, as the user would write it in an rc file.
    """
    with tempfile.TemporaryDirectory(prefix="vew-bench-") as directory:
        loader_file = Path(directory) / f"loader.{shell.family}"
        loader_file.write_text(loader + "\n")
        out = Path(directory) / "samples"
        samples = count + 1 if warmup else count
        argv = shell.script_argv(shell.timing_script(), str(loader_file), str(body),
                                 str(samples), str(batch), str(out))
        cpu_before = _cpu_ms()
        done = subprocess.run(argv, env=dict(environ), cwd=cwd or directory, check=False,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        cpu = _cpu_ms() - cpu_before
        if done.returncode == NOT_APPLICABLE:
            raise ProbeError(_tail(done.stderr) or "not applicable")
        if done.returncode != 0 or not out.exists():
            raise ProbeError(f"{body.name} in {shell.name} failed with status "
                             f"{done.returncode}: {_tail(done.stderr)}")
        lines = out.read_text().split("\n")
    times = []
    for line in filter(None, lines):
        start, end = (Decimal(value) for value in line.split())
        times.append(float(end - start) * 1000 / batch)
    return Timed(times[1:] if warmup else times, samples * batch, cpu, done.stderr.strip())


def wall_time(argv: list[str], environ: Mapping[str, str], cwd: Path) -> tuple[float, float]:
    """Milliseconds from starting ``argv`` to its exit, and the CPU milliseconds it used."""
    cpu_before = _cpu_ms()
    start = time.perf_counter()
    done = subprocess.run(argv, env=dict(environ), cwd=cwd, check=False,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL)
    elapsed = (time.perf_counter() - start) * 1000
    cpu = _cpu_ms() - cpu_before
    if done.returncode != 0:
        raise ProbeError(f"{' '.join(argv)} failed with status {done.returncode}")
    return elapsed, cpu


def strace_available() -> bool:
    return shutil.which("strace") is not None


def executed(argv: list[str], environ: Mapping[str, str], cwd: Path) -> list[str]:
    """The programs ``argv`` started, in order, itself excluded (``strace -f -e execve``)."""
    with tempfile.TemporaryDirectory(prefix="vew-bench-strace-") as directory:
        log = Path(directory) / "trace"
        done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(log),
                               *argv], env=dict(environ), cwd=cwd, check=False,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode != 0:
            raise ProbeError(f"strace {' '.join(argv)} failed with status "
                             f"{done.returncode}: {_tail(done.stderr)}")
        programs = []
        for line in log.read_text().splitlines():
            # PID execve("/usr/bin/bash", ["bash", ...], ...) = 0; failed PATH probes are -1.
            if "execve(" in line and line.rstrip().endswith("= 0"):
                programs.append(_program(line.split('"', 2)[1]))
    return programs[1:]


def _program(path: str) -> str:
    """The program's name; "NAME (python)" for a script the kernel hands to Python."""
    name = os.path.basename(path)
    if is_python(name):
        return name
    try:
        with open(path, "rb") as handle:
            first = handle.readline(256)
    except OSError:
        return name
    if first.startswith(b"#!") and b"python" in first:
        return f"{name} (python)"
    return name


def executed_by_step(shell: Shell, loader: str, body: Path, environ: Mapping[str, str],
                     cwd: Path) -> list[str]:
    """The programs one step of ``body`` starts: a traced run of one step, less the same run
    with no step (loading the tool, the body's own set-up), less what the clock itself starts
    for a step (fish reads the time with ``date``)."""
    nothing = SCRIPTS / f"nothing.{shell.family}"
    with tempfile.TemporaryDirectory(prefix="vew-bench-") as directory:
        loader_file = Path(directory) / f"loader.{shell.family}"
        loader_file.write_text(loader + "\n")
        out = Path(directory) / "samples"

        def run(body_file: Path, steps: str) -> list[str]:
            argv = shell.script_argv(shell.timing_script(), str(loader_file), str(body_file),
                                     steps, "1", str(out))
            return executed(argv, environ, cwd)

        extra = _without(run(body, "1"), run(body, "0"))
        return _without(extra, _without(run(nothing, "1"), run(nothing, "0")))


def _without(programs: list[str], others: list[str]) -> list[str]:
    """``programs`` less one occurrence of each of ``others``."""
    left = list(programs)
    for program in others:
        if program in left:
            left.remove(program)
    return left


def is_python(program: str) -> bool:
    return program.startswith(("python", "pypy")) or program.endswith("(python)")
