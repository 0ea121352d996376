"""The settings in force, read from the environment the way virtualenvwrapper reads them."""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

_VARIABLE = re.compile(r"\$(?:(\w+)|\{(\w+)\})")

@dataclass(frozen=True)
class Settings:
    workon_home: Path
    hook_dir: Path
    project_home: Path | None
    project_filename: str
    workon_cd: bool
    virtualenv_args: tuple[str, ...]
    # None means: create through virtualenv's Python API in-process.
    virtualenv_command: tuple[str, ...] | None
    log_file: Path | None
    tmpdir: Path | None
    # VEW_PLUGIN_PATH: more directories where the core looks for plugins (see vew.plugins).
    plugin_path: tuple[Path, ...] = ()


def expand(value: str, environ: Mapping[str, str]) -> str:
    """Expand a leading ``~`` and ``$VAR``/``${VAR}`` references against ``environ``."""
    home = environ.get("HOME") or str(Path.home())
    if value == "~" or value.startswith("~/"):
        value = home + value[1:]
    # Unknown variables stay as written, as os.path.expandvars leaves them.
    return _VARIABLE.sub(lambda match: environ.get(match[1] or match[2], match[0]), value)


def resolve_home(value: str | None, environ: Mapping[str, str]) -> Path:
    """Resolve ``WORKON_HOME``: expand first, then take a relative value under ``$HOME``."""
    home = environ.get("HOME") or str(Path.home())
    if not value:
        return Path(home, ".virtualenvs")
    expanded = expand(value, environ)
    if not os.path.isabs(expanded):
        expanded = os.path.join(home, expanded)
    return Path(os.path.normpath(expanded))


def _optional_dir(value: str | None, environ: Mapping[str, str]) -> Path | None:
    if not value:
        return None
    return Path(os.path.normpath(os.path.abspath(expand(value, environ))))


def _path_list(value: str | None, environ: Mapping[str, str]) -> tuple[Path, ...]:
    parts = (value or "").split(os.pathsep)
    return tuple(path for path in (_optional_dir(part, environ) for part in parts) if path)


def load(environ: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if environ is None else environ
    workon_home = resolve_home(env.get("WORKON_HOME"), env)
    hook_dir_value = env.get("VIRTUALENVWRAPPER_HOOK_DIR")
    hook_dir = _optional_dir(hook_dir_value, env) or workon_home
    creator = env.get("VIRTUALENVWRAPPER_VIRTUALENV", "").strip()
    tmpdir = env.get("VIRTUALENVWRAPPER_TMPDIR") or env.get("TMPDIR")
    return Settings(
        workon_home=workon_home,
        hook_dir=hook_dir,
        project_home=_optional_dir(env.get("PROJECT_HOME"), env),
        project_filename=env.get("VIRTUALENVWRAPPER_PROJECT_FILENAME") or ".project",
        workon_cd=env.get("VIRTUALENVWRAPPER_WORKON_CD", "1") == "1",
        virtualenv_args=tuple(shlex.split(env.get("VIRTUALENVWRAPPER_VIRTUALENV_ARGS", ""))),
        virtualenv_command=tuple(shlex.split(creator)) if creator else None,
        log_file=_optional_dir(env.get("VIRTUALENVWRAPPER_LOG_FILE"), env),
        tmpdir=Path(tmpdir) if tmpdir else None,
        plugin_path=_path_list(env.get("VEW_PLUGIN_PATH"), env),
    )
