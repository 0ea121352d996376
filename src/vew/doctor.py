"""``vew doctor``: every problem in WORKON_HOME, each with the command that fixes it."""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from vew import health, store
from vew.settings import Settings


@dataclass(frozen=True)
class Finding:
    name: str
    problem: str
    fix: str


def _fix_for(problem: str, name: str) -> str:
    """The command that fixes ``problem``, quoted so that it can be pasted into a shell."""
    quoted = shlex.quote(name)
    if problem == "its creation never finished":
        return f"rmvirtualenv {quoted}   (a build that was interrupted)"
    if problem in ("no activate script", "pyvenv.cfg is missing", "pyvenv.cfg has no home"):
        return f"vew repair {quoted}   (or rmvirtualenv {quoted})"
    return f"vew repair {quoted}   (rebuilds it on an available Python, keeping its packages)"


def examine(settings: Settings) -> list[Finding]:
    findings = []
    if not settings.workon_home.is_dir():
        return [Finding("", f"WORKON_HOME {settings.workon_home} does not exist",
                        "it is created the next time vew runs a command")]
    for name in health.candidates(settings.workon_home):
        report = health.inspect(settings.workon_home, name, settings.project_filename)
        findings += [Finding(name, problem, _fix_for(problem, name))
                     for problem in report.problems]
        if report.project and not Path(report.project).is_dir():
            findings.append(Finding(name, f"its project directory {report.project} is gone",
                                    f"setvirtualenvproject {shlex.quote(name)} NEW_DIR"))
    hook_dir = settings.hook_dir
    for hook in sorted(hook_dir.iterdir()) if hook_dir.is_dir() else []:
        if hook.name in _RUN_HOOKS and hook.is_file() and not _executable(hook):
            findings.append(Finding("", f"run hook {hook} is not executable",
                                    f"chmod +x {shlex.quote(str(hook))}"))
    return findings


def _executable(path: Path) -> bool:
    return os.access(path, os.X_OK)


_RUN_HOOKS = {"premkvirtualenv", "prermvirtualenv", "postrmvirtualenv", "preactivate",
              "get_env_details", "premkproject", "precpvirtualenv"}


def report(settings: Settings, *, as_json: bool = False) -> int:
    """Print the findings; 0 when there is nothing wrong, 1 otherwise."""
    findings = examine(settings)
    count = len(store.names_in(settings.workon_home))
    if as_json:
        print(json.dumps({
            "workon_home": str(settings.workon_home),
            "environments": count,
            "problems": [{"name": finding.name or None, "problem": finding.problem,
                          "fix": finding.fix} for finding in findings],
        }, indent=2, ensure_ascii=False))
        return 1 if findings else 0
    if not findings:
        noun = "environment" if count == 1 else "environments"
        print(f"No problems found in {settings.workon_home} ({count} {noun}).")
        return 0
    for finding in findings:
        subject = f"{finding.name}: " if finding.name else ""
        print(f"{subject}{finding.problem}\n    fix: {finding.fix}")
    print(f"\n{len(findings)} problem(s) found in {settings.workon_home}.")
    return 1
