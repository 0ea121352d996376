"""``python -m bench``: build a throw-away world, measure every figure, print the table."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import figures, machine, probes, report, tools
from bench.sandbox import Sandbox
from bench.shells import SHELLS, Shell

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="few repetitions: checks that everything runs, figures are rough")
    parser.add_argument("--shells", default="bash,zsh,fish",
                        help="comma-separated shells to measure (default: %(default)s)")
    parser.add_argument("--figures", default=",".join(figures.ALL),
                        help="comma-separated figures to measure (default: %(default)s)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON,
                        help="where to write the results (default: bench/results/latest.json)")
    parser.add_argument("--workdir", type=Path,
                        help="keep the throw-away world here (reused by the next run) instead "
                             "of a temporary directory removed at the end")
    parser.add_argument("--no-rivals", action="store_true",
                        help="do not install virtualenvwrapper and virtualfish (installed with "
                             "pip otherwise, which honours PIP_NO_INDEX and PIP_FIND_LINKS)")
    parser.add_argument("--no-strace", action="store_true", help="do not count processes")
    return parser.parse_args(argv)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _ensure_strace(notes: list[str]) -> bool:
    if probes.strace_available():
        return True
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        notes.append("strace is missing and cannot be installed here: processes not counted")
        return False
    _say("strace is missing: installing it with apt-get (to count processes)")
    environ = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}

    def apt(*args: str) -> int:
        return subprocess.run(["apt-get", *args], env=environ, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, check=False).returncode

    if apt("install", "-y", "-qq", "strace") != 0:
        apt("update", "-qq")
        apt("install", "-y", "-qq", "strace")
    if probes.strace_available():
        notes.append("strace was missing: installed with apt-get for this run")
        return True
    notes.append("strace is missing and apt-get could not install it: processes not counted")
    return False


def _setup(plan_args: argparse.Namespace, sandbox: Sandbox, shells: list[Shell], notes: list[str],
           log: Path) -> tuple[tools.Tool, tools.Tool, tools.Tool, tools.Tool]:
    if not tools.vew_bin().exists():
        raise SystemExit(f"ERROR: {tools.vew_bin()} not found: install vew into this "
                         "interpreter first (python -m pip install -e .)")
    _say("setting up vew (vew init SHELL --static)")
    vew, vew_eval = tools.setup_vew(sandbox, shells)
    if plan_args.no_rivals:
        wrapper = tools.Tool("virtualenvwrapper")
        fish = tools.Tool("virtualfish")
        for shell in shells:
            target = fish if shell.name == "fish" else wrapper
            target.missing[shell.name] = "not installed (--no-rivals)"
        return vew, vew_eval, wrapper, fish
    _say(f"installing virtualenvwrapper with pip into a temporary venv ({tools.pip_source()})")
    notes.append(f"rivals installed by pip from {tools.pip_source()}")
    wrapper = tools.setup_virtualenvwrapper(sandbox, shells, log)
    if any(shell.name == "fish" for shell in shells):
        _say("installing virtualfish with pip into a temporary venv")
    fish = tools.setup_virtualfish(sandbox, shells, log)
    for tool in (wrapper, fish):
        for shell_name, reason in tool.missing.items():
            notes.append(f"{tool.name} in {shell_name}: {reason}")
            _say(f"WARNING: {reason}; vew is still measured")
    return vew, vew_eval, wrapper, fish


def main(argv: list[str] | None = None) -> int:
    args = _parse(sys.argv[1:] if argv is None else argv)
    notes: list[str] = []
    wanted = [name.strip() for name in args.shells.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SHELLS]
    if unknown:
        raise SystemExit(f"ERROR: unknown shell(s): {', '.join(unknown)}")
    shells = []
    for name in wanted:
        if SHELLS[name].available:
            shells.append(SHELLS[name])
        else:
            notes.append(f"{name} is not installed: not measured")
    selected = [name.strip() for name in args.figures.split(",") if name.strip()]
    for name in selected:
        if name not in figures.ALL:
            raise SystemExit(f"ERROR: unknown figure {name!r}; "
                             f"choose from {', '.join(figures.ALL)}")

    temporary = None if args.workdir else tempfile.mkdtemp(prefix="vew-bench-")
    root = (args.workdir or Path(temporary or ".")).resolve()
    sandbox = Sandbox(root)
    sandbox.create()
    log = root / "setup.log"
    started = time.time()
    try:
        count_processes = not args.no_strace and _ensure_strace(notes)
        description = machine.describe([shell.name for shell in shells])
        vew, vew_eval, wrapper, fish = _setup(args, sandbox, shells, notes, log)
        plan = figures.Plan(sandbox, shells, vew, vew_eval, wrapper, fish,
                            figures.QUICK if args.quick else figures.Repetitions(),
                            count_processes, log)
        for name in selected:
            _say(f"measuring {name}")
            figures.ALL[name](plan)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)

    names = [shell.name for shell in shells]
    description["tools"] = {tool.name: tool.version for tool in (vew, wrapper, fish)}
    description["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()] \
        if hasattr(os, "getloadavg") else None
    verdicts = report.verdicts(plan.results, names)
    command = "python -m bench" + (" " + " ".join(argv if argv is not None else sys.argv[1:])
                                   if (argv or sys.argv[1:]) else "")
    print(f"vew benchmark - {command}")
    print(f"machine: {description['cpu']}, {description['cores']} cores, "
          f"{description['kernel']}, {description['os']}; "
          + ", ".join(f"{v}" for v in description["shells"].values() if v))
    print(f"tools: vew {vew.version}, virtualenvwrapper {wrapper.version or '-'}, "
          f"virtualfish {fish.version or '-'}; load average at start "
          f"{description['load_average_at_start']}, at end {description['load_average_at_end']}")
    print()
    print(report.table(plan.results, names))
    print()
    print("Targets:")
    print(report.verdict_lines(verdicts))
    all_notes = notes + report.notes(plan.results)
    if all_notes:
        print()
        print("Notes:")
        print("\n".join(f"- {note}" for note in all_notes))
    payload = {
        "command": command,
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(started)),
        "seconds": round(time.time() - started, 1),
        "machine": description,
        "repetitions": plan.reps.__dict__,
        "measurements": [m.as_dict() for m in plan.results],
        "targets": [v.as_dict() for v in verdicts],
        "notes": notes,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
