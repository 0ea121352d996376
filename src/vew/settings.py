"""The settings in force: the environment first, then the configuration file, then defaults.

Each setting is one of virtualenvwrapper's variables; the optional configuration file (see
:mod:`vew.configfile`) holds the same settings under the short keys of :data:`KEYS`. The
environment wins, so the values a shell exported at load time and the ones the core uses agree
whatever the file says now. :func:`load` is the one way to read them.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vew import configfile
from vew.errors import CommandError

_VARIABLE = re.compile(r"\$(?:(\w+)|\{(\w+)\})")

# Where a setting's value came from.
ENVIRONMENT = "environment"
FILE = "file"
DEFAULT = "default"

# How a value is written and read: a path (HOME: WORKON_HOME's rules), a list of paths
# (os.pathsep between them, or a TOML array), plain text, an on/off flag, or a command line
# (split with shell quoting, or a TOML array of words).
HOME, PATH, PATHS, TEXT, FLAG, COMMAND = "home", "path", "paths", "text", "flag", "command"

# The values a TEXT setting may take, where it has a fixed set (the first is the default).
CHOICES = {"creator": ("virtualenv", "uv")}


@dataclass(frozen=True)
class Key:
    name: str  # the configuration file's key, and the attribute of Settings
    variable: str  # the environment variable
    kind: str


KEYS = (
    Key("workon_home", "WORKON_HOME", HOME),
    Key("hook_dir", "VIRTUALENVWRAPPER_HOOK_DIR", PATH),
    Key("project_home", "PROJECT_HOME", PATH),
    Key("project_filename", "VIRTUALENVWRAPPER_PROJECT_FILENAME", TEXT),
    Key("workon_cd", "VIRTUALENVWRAPPER_WORKON_CD", FLAG),
    Key("virtualenv_command", "VIRTUALENVWRAPPER_VIRTUALENV", COMMAND),
    Key("virtualenv_args", "VIRTUALENVWRAPPER_VIRTUALENV_ARGS", COMMAND),
    Key("log_file", "VIRTUALENVWRAPPER_LOG_FILE", PATH),
    Key("tmpdir", "VIRTUALENVWRAPPER_TMPDIR", PATH),
    Key("plugin_path", "VEW_PLUGIN_PATH", PATHS),
    Key("auto_activate", "VEW_AUTO_ACTIVATE", FLAG),
    Key("creator", "VEW_CREATOR", TEXT),
)


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
    # VEW_AUTO_ACTIVATE: the shims' auto-activation (the core keeps their project index).
    auto_activate: bool = False
    # VEW_CREATOR: what makes new environments, "virtualenv" or "uv" (see vew.creator).
    creator: str = CHOICES["creator"][0]
    # Key name -> ENVIRONMENT, FILE or DEFAULT.
    origins: Mapping[str, str] = field(default_factory=dict, compare=False)
    # The configuration file consulted (it may not exist), and the values it sets, resolved.
    config_file: Path | None = field(default=None, compare=False)
    from_file: Mapping[str, Any] = field(default_factory=dict, compare=False)


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


def _split(text: str) -> tuple[str, ...]:
    return tuple(shlex.split(text))


def _path_list(value: str | None, environ: Mapping[str, str]) -> tuple[Path, ...]:
    parts = (value or "").split(os.pathsep)
    return tuple(path for path in (_optional_dir(part, environ) for part in parts) if path)


def _from_environment(key: Key, raw: str, environ: Mapping[str, str]) -> Any:
    """The value of a non-empty variable (relative paths as virtualenvwrapper takes them)."""
    if key.kind == HOME:
        return resolve_home(raw, environ)
    if key.kind == PATH:
        return _optional_dir(raw, environ)
    if key.kind == PATHS:
        return _path_list(raw, environ) or None
    if key.kind == FLAG:
        return raw == "1"
    if key.kind == COMMAND:
        try:
            return _split(raw) or None
        except ValueError as error:
            raise CommandError(f"{key.variable} cannot be split into words: {error}") from None
    problem = _not_a_choice(key, raw)
    if problem:
        raise CommandError(f"{key.variable} {problem}", 2)
    return raw


def _not_a_choice(key: Key, value: str) -> str | None:
    """What is wrong with ``value`` for a setting with a fixed set of values, if anything."""
    allowed = CHOICES.get(key.name)
    if allowed is None or value in allowed:
        return None
    return f"must be {' or '.join(repr(choice) for choice in allowed)}, not {value!r}"


_EXPECTED = {HOME: "a string", PATH: "a string", TEXT: "a string", FLAG: "true or false",
             PATHS: "a string or an array of strings", COMMAND: "a string or an array of strings"}


def _from_file(key: Key, value: Any, document: configfile.Document,
               environ: Mapping[str, str]) -> Any:
    """The value the file sets, or None for an empty one; relative paths go under ``$HOME``."""
    if key.kind == FLAG:
        if not isinstance(value, bool):
            raise document.error(key.name, f"{key.name} must be {_EXPECTED[FLAG]}")
        return value
    if key.kind in (COMMAND, PATHS) and isinstance(value, list):
        if not all(isinstance(word, str) for word in value):
            raise document.error(key.name, f"{key.name} must be {_EXPECTED[key.kind]}")
        if key.kind == PATHS:
            return tuple(resolve_home(path, environ) for path in value if path) or None
        return tuple(value) or None
    if not isinstance(value, str):
        raise document.error(key.name, f"{key.name} must be {_EXPECTED[key.kind]}")
    if not value:
        return None
    if "\n" in value or "\r" in value:
        # vew init writes these values into the shim, one per line.
        raise document.error(key.name, f"{key.name} must not contain a line break")
    # A file is read from anywhere: its relative paths cannot mean the current directory.
    if key.kind in (HOME, PATH):
        return resolve_home(value, environ)
    if key.kind == PATHS:
        paths = value.split(os.pathsep)
        return tuple(resolve_home(path, environ) for path in paths if path) or None
    if key.kind == COMMAND:
        try:
            return _split(value) or None
        except ValueError as error:
            raise document.error(key.name, f"{key.name} cannot be split into words: "
                                 f"{error}") from None
    problem = _not_a_choice(key, value)
    if problem:
        raise document.error(key.name, f"{key.name} {problem}", status=2)
    return value


def _default(key: Key, environ: Mapping[str, str], resolved: Mapping[str, Any]) -> Any:
    if key.name == "workon_home":
        return resolve_home(None, environ)
    if key.name == "hook_dir":
        return resolved["workon_home"]
    if key.name == "tmpdir":
        return Path(environ["TMPDIR"]) if environ.get("TMPDIR") else None
    return _CONSTANT_DEFAULTS[key.name]


_CONSTANT_DEFAULTS: dict[str, Any] = {
    "project_home": None,
    "project_filename": ".project",
    "workon_cd": True,
    "virtualenv_command": None,
    "virtualenv_args": (),
    "log_file": None,
    "plugin_path": (),
    "auto_activate": False,
    "creator": CHOICES["creator"][0],
}


def read_file(file: Path, environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings ``file`` sets, resolved (empty when there is no file)."""
    document = configfile.read(file)
    if document is None:
        return {}
    known = {key.name: key for key in KEYS}
    values = {}
    for name, value in document.values.items():
        if name not in known:
            where = " (settings are top-level keys, not a table)" if isinstance(value, dict) else ""
            raise document.error(name, f"unknown setting {name!r}{where}; known settings: "
                                 f"{', '.join(known)}")
        resolved = _from_file(known[name], value, document, environ)
        if resolved is not None:
            values[name] = resolved
    return values


def load(environ: Mapping[str, str] | None = None, config_file: Path | None = None) -> Settings:
    """The settings in force for ``environ`` (default: this process's environment).

    ``config_file`` defaults to the platform's configuration file. A variable that holds just
    what the file (or, where the file is silent, the default) gives is reported as coming from
    there: vew's shell set-up exports those values itself at load time.
    """
    env = os.environ if environ is None else environ
    file = configfile.path() if config_file is None else config_file
    from_file = read_file(file, env)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key in KEYS:
        default = _default(key, env, values)
        raw = env.get(key.variable, "")
        value = _from_environment(key, raw, env) if raw else None
        if value is None:
            values[key.name], origins[key.name] = ((from_file[key.name], FILE)
                                                   if key.name in from_file else (default, DEFAULT))
            continue
        values[key.name] = value
        if key.name in from_file:
            origins[key.name] = FILE if value == from_file[key.name] else ENVIRONMENT
        else:
            origins[key.name] = DEFAULT if value == default else ENVIRONMENT
    return Settings(**values, origins=origins, config_file=file, from_file=from_file)


def as_text(value: Any) -> str:
    """A setting's value as its environment variable would hold it ("" for unset)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        if all(isinstance(item, Path) for item in value):
            return os.pathsep.join(map(str, value))
        return shlex.join(value)
    return str(value)
