"""``vew doctor``: every problem in WORKON_HOME, each with a command that fixes it.

A fix is only suggested when it works as printed: ``vew repair`` when a rebuild could be planned
(a Python to rebuild on was found), ``rmvirtualenv`` when that would remove the entry; names
and paths are quoted for a POSIX shell.
"""

from __future__ import annotations

import json
import os
import shlex
from dataclasses import dataclass
from pathlib import Path

from vew import checked_hooks, health, hooks, store
from vew.errors import CommandError
from vew.settings import Settings


@dataclass(frozen=True)
class Finding:
    name: str
    problem: str
    fix: str


def _repairable(settings: Settings, name: str) -> bool:
    from vew import repair

    try:
        repair.plan(settings, name, None, os.environ)
    except (CommandError, OSError):
        return False
    return True


def _removable(settings: Settings, name: str) -> bool:
    try:
        store.removable(settings.workon_home, name)
    except (CommandError, OSError, ValueError):
        return False
    return True


def _fix_for(settings: Settings, problem: str, name: str) -> str:
    quoted = shlex.quote(name)
    remove = f"rmvirtualenv {quoted}" if _removable(settings, name) else ""
    if problem == "its creation never finished":
        return f"{remove}   (a build that was interrupted)" if remove else \
            "wait: another process is still creating it"
    rebuild = f"vew repair {quoted}" if _repairable(settings, name) else ""
    if rebuild and remove:
        return f"{rebuild}   (rebuilds it on an available Python, keeping its packages; " \
            f"or {remove})"
    if rebuild:
        return f"{rebuild}   (rebuilds it on an available Python, keeping its packages)"
    if remove:
        return f"{remove}   (vew found no Python to rebuild it on; vew repair -p PYTHON " \
            f"{quoted} would name one)"
    return f"mv {shlex.quote(str(store.path_of(settings.workon_home, name)))} DESTINATION   " \
        "(vew can neither rebuild nor remove it)"


def examine(settings: Settings) -> list[Finding]:
    findings = []
    if not settings.workon_home.is_dir():
        return [Finding("", f"WORKON_HOME {settings.workon_home} does not exist",
                        "it is created the next time vew runs a command")]
    for name in health.candidates(settings.workon_home):
        report = health.inspect(settings.workon_home, name, settings.project_filename)
        findings += [Finding(name, problem, _fix_for(settings, problem, name))
                     for problem in report.problems]
        if report.project and not Path(report.project).is_dir():
            findings.append(Finding(name, f"its project directory {report.project} is gone",
                                    f"setvirtualenvproject {shlex.quote(name)}   "
                                    "(in the project's directory now)"))
    hook_dir = settings.hook_dir
    for hook in sorted(hook_dir.iterdir()) if hook_dir.is_dir() else []:
        if hook.name in _RUN_HOOKS and hook.is_file() and not _executable(hook):
            findings.append(Finding("", f"run hook {hook} is not executable",
                                    f"chmod +x {shlex.quote(str(hook))}"))
    for untrusted in checked_hooks.untrusted_hooks(settings):
        findings.append(Finding("", f"hook {untrusted.path} is refused: {untrusted.reason}",
                                untrusted.fix))
    return findings


def _executable(path: Path) -> bool:
    return os.access(path, os.X_OK)


_RUN_HOOKS = {name for name, hook in hooks.HOOKS.items() if not hook.sourced}


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
