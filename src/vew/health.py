"""The health of an environment, judged without starting its interpreter.

Everything here reads files: ``pyvenv.cfg``, the interpreter link, the activate script. A Python
upgrade or removal shows up as a dangling link, a ``home`` that is gone, or a ``home`` that no
longer holds the ``pythonX.Y`` the environment was built for.
"""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from vew import filenames, layout, projects, store

_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?")


@dataclass(frozen=True)
class Health:
    name: str
    path: str
    python_version: str | None
    implementation: str | None
    project: str | None
    problems: list[str] = field(default_factory=list)

    @property
    def broken(self) -> bool:
        return bool(self.problems)

    def as_json(self) -> dict[str, Any]:
        """The stable, documented shape of ``lsvirtualenv --json`` and ``showvirtualenv --json``."""
        data = asdict(self)
        return {
            "name": data["name"],
            "path": data["path"],
            "python": {"version": data["python_version"],
                       "implementation": data["implementation"]},
            "project": data["project"],
            "broken": self.broken,
            "problems": data["problems"],
        }


def python_version(cfg: dict[str, str]) -> str | None:
    """X.Y.Z from pyvenv.cfg, whichever tool wrote it (virtualenv, venv, uv)."""
    match = _VERSION.match(cfg.get("version") or cfg.get("version_info") or "")
    if not match:
        return None
    return ".".join(part for part in match.groups() if part is not None)


def major_minor(version: str | None) -> str | None:
    match = _VERSION.match(version or "")
    return f"{match[1]}.{match[2]}" if match else None


def _interpreter_problems(env: Path, cfg: dict[str, str]) -> list[str]:
    problems = []
    python = layout.python(env)
    home = cfg.get("home")
    if home and not Path(home).is_dir():
        problems.append(f"pyvenv.cfg points at a missing home {home}")
    if python.is_symlink() and not python.exists():
        problems.append(f"the interpreter is gone: {python} -> {os.readlink(python)}")
    elif not python.exists():
        problems.append(f"no interpreter at {python}")
    expected = major_minor(python_version(cfg))
    if expected and home and Path(home).is_dir() and not layout.is_windows_layout(env):
        target = Path(os.path.realpath(python)).name if python.exists() else ""
        found = major_minor(target.removeprefix("python").removeprefix("pypy"))
        if found and found != expected:
            problems.append(f"built for Python {expected}, but its interpreter is now {found}")
        elif not found and not any(Path(home, f"{stem}{expected}").exists()
                                   for stem in ("python", "pypy")):
            problems.append(f"built for Python {expected}, which {home} no longer holds")
    return problems


def inspect(workon_home: Path, name: str, project_filename: str = filenames.PROJECT_FILE) -> Health:
    env = workon_home / name
    problems: list[str] = []
    if (env / store.INCOMPLETE_MARKER).exists():
        problems.append("its creation never finished")
    if not (layout.bin_dir(env) / "activate").is_file():
        problems.append("no activate script")
    cfg = layout.read_pyvenv_cfg(env)
    if not (env / "pyvenv.cfg").is_file():
        problems.append("pyvenv.cfg is missing")
    elif "home" not in cfg:
        problems.append("pyvenv.cfg has no home")
    problems += _interpreter_problems(env, cfg)
    project = projects.read(env, project_filename)
    return Health(
        name=name,
        path=str(env),
        python_version=python_version(cfg),
        implementation=cfg.get("implementation"),
        project=str(project) if project else None,
        problems=problems,
    )


def candidates(workon_home: Path) -> list[str]:
    """Every entry of WORKON_HOME that is, or looks meant to be, an environment."""
    try:
        entries = sorted(os.listdir(workon_home))
    except OSError:
        return []
    return [
        entry for entry in entries
        if not entry.startswith(".") and (workon_home / entry).is_dir()
        and ((workon_home / entry / "pyvenv.cfg").exists()
             or (layout.bin_dir(workon_home / entry) / "activate").exists()
             or (workon_home / entry / store.INCOMPLETE_MARKER).exists())
    ]
