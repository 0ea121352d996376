"""The settings in force: the environment first, then the configuration file, then defaults.

Each setting is one of virtualenvwrapper's variables; the optional configuration file (see
:mod:`vew.configfile`) holds the same settings under the short keys of :data:`KEYS`. The
environment wins, so the values a shell exported at load time and the ones the core uses agree
whatever the file says now. :func:`load` is the one way to read them.

Every core call starts here, so the module imports nothing heavy: paths are resolved as text
and become :class:`pathlib.Path` objects only when a command reads them, and the modules for
regular expressions, shell words and TOML load only for values that need them.
"""

from __future__ import annotations

import os

from vew import configfile, filenames
from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path
    from typing import Any

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


class Key:
    __slots__ = ("kind", "name", "variable")

    def __init__(self, name: str, variable: str, kind: str) -> None:
        self.name = name  # the configuration file's key, and the attribute of Settings
        self.variable = variable  # the environment variable
        self.kind = kind

    def __repr__(self) -> str:
        return f"Key({self.name!r}, {self.variable!r}, {self.kind!r})"


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

class ShimDefault:
    """A setting each shim sets (and exports) at start-up, after ``WORKON_HOME``: the
    environment's value, else the configuration file's, else ``text``, else the value that
    ``variable`` has by then; with neither, the setting stays unset."""

    __slots__ = ("key", "text", "variable")

    def __init__(self, key: str, text: str = "", variable: str = "") -> None:
        self.key = key
        self.text = text
        self.variable = variable


# Rendered into every shim by `vew init` (vew.shells.render_settings).
SHIM_SETTINGS = (
    ShimDefault("hook_dir", variable="WORKON_HOME"),
    ShimDefault("project_filename", text=filenames.PROJECT_FILE),
    ShimDefault("workon_cd", text="1"),
    ShimDefault("auto_activate"),
)

_KINDS = {key.name: key.kind for key in KEYS}


def _public(kind: str, value: Any) -> Any:
    """A resolved value as :class:`Settings` gives it: paths as :class:`pathlib.Path`."""
    if value is None or kind not in (HOME, PATH, PATHS):
        return value
    from pathlib import Path

    if kind == PATHS:
        return tuple(Path(item) for item in value)
    return Path(value)


class Settings:
    """The value of every setting (see :data:`KEYS`), and where it came from.

    ``workon_home``, ``hook_dir``, ``project_home``, ``log_file`` and ``tmpdir`` are paths
    (``project_home``, ``log_file`` and ``tmpdir`` may be None), ``plugin_path`` a tuple of
    paths (VEW_PLUGIN_PATH: more directories where the core looks for plugins, see
    :mod:`vew.plugins`), ``project_filename`` text, ``workon_cd`` and ``auto_activate`` flags
    (VEW_AUTO_ACTIVATE: the shims' auto-activation, whose project index the core keeps),
    ``virtualenv_args`` a tuple of words and ``virtualenv_command`` one too, or None to create
    through virtualenv's Python API in-process, ``creator`` (VEW_CREATOR) what makes new
    environments, "virtualenv" or "uv" (see :mod:`vew.creator`). :meth:`text` gives a path as a
    string without importing pathlib.
    """

    __slots__ = ("_file", "_from_file", "_made", "_values", "origins")

    def __init__(self, values: Mapping[str, Any], origins: Mapping[str, str],
                 config_file: str | None, from_file: Mapping[str, Any]) -> None:
        self._values = dict(values)
        self._made: dict[str, Any] = {}  # the values as given, made once
        # Key name -> ENVIRONMENT, FILE or DEFAULT.
        self.origins = origins
        self._file = config_file
        self._from_file = from_file

    def _get(self, name: str) -> Any:
        if name not in self._made:
            self._made[name] = _public(_KINDS[name], self._values[name])
        return self._made[name]

    def text(self, name: str) -> str | None:
        """A path setting as text (None when unset)."""
        value: str | None = self._values[name]
        return value

    @property
    def workon_home(self) -> Path:
        path: Path = self._get("workon_home")
        return path

    @property
    def hook_dir(self) -> Path:
        path: Path = self._get("hook_dir")
        return path

    @property
    def project_home(self) -> Path | None:
        path: Path | None = self._get("project_home")
        return path

    @property
    def log_file(self) -> Path | None:
        path: Path | None = self._get("log_file")
        return path

    @property
    def tmpdir(self) -> Path | None:
        path: Path | None = self._get("tmpdir")
        return path

    @property
    def plugin_path(self) -> tuple[Path, ...]:
        paths: tuple[Path, ...] = self._get("plugin_path")
        return paths

    @property
    def project_filename(self) -> str:
        value: str = self._values["project_filename"]
        return value

    @property
    def workon_cd(self) -> bool:
        value: bool = self._values["workon_cd"]
        return value

    @property
    def auto_activate(self) -> bool:
        value: bool = self._values["auto_activate"]
        return value

    @property
    def virtualenv_args(self) -> tuple[str, ...]:
        value: tuple[str, ...] = self._values["virtualenv_args"]
        return value

    @property
    def virtualenv_command(self) -> tuple[str, ...] | None:
        value: tuple[str, ...] | None = self._values["virtualenv_command"]
        return value

    @property
    def creator(self) -> str:
        value: str = self._values["creator"]
        return value

    @property
    def config_file(self) -> Path | None:
        """The configuration file consulted (it may not exist)."""
        if self._file is None:
            return None
        path: Path = _public(PATH, self._file)
        return path

    @property
    def from_file(self) -> dict[str, Any]:
        """The values the configuration file sets, resolved."""
        return {name: _public(_KINDS[name], value) for name, value in self._from_file.items()}


def expand(value: str, environ: Mapping[str, str]) -> str:
    """Expand a leading ``~`` and ``$VAR``/``${VAR}`` references against ``environ``."""
    home = environ.get("HOME") or os.path.expanduser("~")
    if value == "~" or value.startswith("~/"):
        value = home + value[1:]
    if "$" not in value:
        return value
    import re

    # Unknown variables stay as written, as os.path.expandvars leaves them.
    return re.sub(r"\$(?:(\w+)|\{(\w+)\})",
                  lambda match: environ.get(match[1] or match[2], match[0]), value)


def _home_text(value: str | None, environ: Mapping[str, str]) -> str:
    home = environ.get("HOME") or os.path.expanduser("~")
    if not value:
        return os.path.join(home, ".virtualenvs")
    expanded = expand(value, environ)
    if not os.path.isabs(expanded):
        expanded = os.path.join(home, expanded)
    return os.path.normpath(expanded)


def resolve_home(value: str | None, environ: Mapping[str, str]) -> Path:
    """Resolve ``WORKON_HOME``: expand first, then take a relative value under ``$HOME``."""
    from pathlib import Path

    return Path(_home_text(value, environ))


def home_text(environ: Mapping[str, str]) -> str:
    """``$WORKON_HOME`` of ``environ`` resolved, as text (see :func:`resolve_home`)."""
    return _home_text(environ.get("WORKON_HOME"), environ)


def _optional_dir(value: str | None, environ: Mapping[str, str]) -> str | None:
    if not value:
        return None
    return os.path.normpath(os.path.abspath(expand(value, environ)))


# What shlex treats specially besides the whitespace it splits on: without any of these, a
# value splits as str.split on that whitespace would split it, and shlex need not load.
_QUOTING = frozenset("'\"\\")


def _split(text: str) -> tuple[str, ...]:
    if _QUOTING.isdisjoint(text):
        for space in "\t\r\n":
            text = text.replace(space, " ")
        return tuple(word for word in text.split(" ") if word)
    import shlex

    return tuple(shlex.split(text))


def _path_list(value: str | None, environ: Mapping[str, str]) -> tuple[str, ...]:
    parts = (value or "").split(os.pathsep)
    return tuple(path for path in (_optional_dir(part, environ) for part in parts) if path)


def _path_text(value: str) -> str:
    """``str(pathlib.PurePosixPath(value))`` without pathlib: repeated slashes and ``.``
    parts dropped, as two values pathlib holds equal compare equal here."""
    if os.sep != "/":
        from pathlib import Path

        return str(Path(value))
    lead = "//" if value.startswith("//") and not value.startswith("///") else \
        "/" if value.startswith("/") else ""
    parts = [part for part in value.split("/") if part and part != "."]
    return (lead + "/".join(parts)) or "."


def _from_environment(key: Key, raw: str, environ: Mapping[str, str]) -> Any:
    """The value of a non-empty variable (relative paths as virtualenvwrapper takes them)."""
    if key.kind == HOME:
        return _home_text(raw, environ)
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
            return tuple(_home_text(path, environ) for path in value if path) or None
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
        return _home_text(value, environ)
    if key.kind == PATHS:
        paths = value.split(os.pathsep)
        return tuple(_home_text(path, environ) for path in paths if path) or None
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
        return _home_text(None, environ)
    if key.name == "hook_dir":
        return resolved["workon_home"]
    if key.name == "tmpdir":
        return _path_text(environ["TMPDIR"]) if environ.get("TMPDIR") else None
    return _CONSTANT_DEFAULTS[key.name]


_CONSTANT_DEFAULTS: dict[str, Any] = {
    "project_home": None,
    "project_filename": filenames.PROJECT_FILE,
    "workon_cd": True,
    "virtualenv_command": None,
    "virtualenv_args": (),
    "log_file": None,
    "plugin_path": (),
    "auto_activate": False,
    "creator": CHOICES["creator"][0],
}


def read_file(file: str | os.PathLike[str], environ: Mapping[str, str]) -> dict[str, Any]:
    """The settings ``file`` sets, resolved (empty when there is no file); paths as text."""
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


def file_texts(file: str | os.PathLike[str], environ: Mapping[str, str]) -> dict[str, str]:
    """The settings ``file`` sets, each as its environment variable would hold it."""
    return {name: _as_text(_KINDS[name], value) for name, value in read_file(file, environ).items()}


def load(environ: Mapping[str, str] | None = None,
         config_file: str | os.PathLike[str] | None = None) -> Settings:
    """The settings in force for ``environ`` (default: this process's environment).

    ``config_file`` defaults to the platform's configuration file. A variable that holds just
    what the file (or, where the file is silent, the default) gives is reported as coming from
    there: vew's shell set-up exports those values itself at load time.
    """
    env = os.environ if environ is None else environ
    file = configfile.location() if config_file is None else os.fspath(config_file)
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
    return Settings(values, origins, file, from_file)


def as_text(value: Any) -> str:
    """A setting's value, as :class:`Settings` gives it, as its environment variable would hold
    it ("" for unset)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        if all(isinstance(item, os.PathLike) for item in value):
            return os.pathsep.join(map(os.fspath, value))
        import shlex

        return shlex.join(value)
    return os.fspath(value) if isinstance(value, os.PathLike) else str(value)


def _as_text(kind: str, value: Any) -> str:
    """:func:`as_text` for a resolved value of ``kind``, whose paths are text."""
    if kind == PATHS and value is not None:
        return os.pathsep.join(value)
    return as_text(value)
