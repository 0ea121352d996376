"""Finding interpreters: on PATH, and those pyenv and uv manage off PATH.

Versions come from file and directory names (``python3.12``, ``versions/3.12.1``,
``cpython-3.12.1-linux-x86_64-gnu``), so listing starts no interpreter. Anything this module
does not resolve is left to virtualenv's own discovery.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

_SPEC = re.compile(r"(?:(?P<impl>python|cpython|pypy)-?)?"
                   r"(?P<version>\d+(?:\.\d+){0,2})(?P<free>t)?", re.IGNORECASE)
_NAME_VERSION = re.compile(r"(?P<impl>cpython|pypy|python)?-?(?P<version>\d+\.\d+(?:\.\d+)?)")
_EXECUTABLE = re.compile(r"(python|pypy)\d+(\.\d+)?(\.exe)?")


@dataclass(frozen=True)
class Interpreter:
    path: Path
    version: str
    implementation: str  # "CPython" or "PyPy"
    source: str  # "PATH", "pyenv" or "uv"

    def key(self) -> tuple[int, ...]:
        """The version as numbers, a missing patch level counted as 0."""
        parts = [int(part) for part in self.version.split(".")]
        return tuple(parts + [0] * (3 - len(parts)))


def _implementation(text: str) -> str:
    return "PyPy" if "pypy" in text.lower() else "CPython"


def _executable(directory: Path) -> Path | None:
    for name in ("python3", "python", "pypy3", "python.exe"):
        if (directory / name).is_file() and os.access(directory / name, os.X_OK):
            return directory / name
    return None


def _on_path(environ: Mapping[str, str]) -> Iterator[Interpreter]:
    pyenv_shims = str(Path(pyenv_root(environ), "shims"))
    for directory in environ.get("PATH", "").split(os.pathsep):
        # pyenv's shims re-dispatch to its versions, which are listed from pyenv itself.
        if not directory or os.path.normpath(directory) == pyenv_shims:
            continue
        try:
            names = sorted(os.listdir(directory))
        except OSError:
            continue
        for name in names:
            path = Path(directory, name)
            if not _EXECUTABLE.fullmatch(name) or not os.access(path, os.X_OK):
                continue
            match = _NAME_VERSION.search(name)
            if match and "." in match["version"]:
                yield Interpreter(path, match["version"], _implementation(name), "PATH")


def pyenv_root(environ: Mapping[str, str]) -> str:
    return environ.get("PYENV_ROOT") or os.path.join(environ.get("HOME", ""), ".pyenv")


def _managed(root: Path, source: str) -> Iterator[Interpreter]:
    try:
        entries = sorted(root.iterdir())
    except OSError:
        return
    for entry in entries:
        match = _NAME_VERSION.match(entry.name)
        executable = _executable(entry / "bin") or _executable(entry)
        if match and executable is not None:
            yield Interpreter(executable, match["version"], _implementation(entry.name), source)


def uv_python_dir(environ: Mapping[str, str]) -> Path | None:
    if environ.get("UV_PYTHON_INSTALL_DIR"):
        return Path(environ["UV_PYTHON_INSTALL_DIR"])
    uv = shutil.which("uv", path=environ.get("PATH"))
    if uv is None:
        return None
    try:
        done = subprocess.run([uv, "python", "dir"], capture_output=True, text=True,
                              env=dict(environ), timeout=10, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def discover(environ: Mapping[str, str]) -> list[Interpreter]:
    """Every interpreter found, each real file once (PATH first, then pyenv, then uv)."""
    found: list[Interpreter] = []
    seen: set[str] = set()
    sources = [_on_path(environ), _managed(Path(pyenv_root(environ), "versions"), "pyenv")]
    uv_dir = uv_python_dir(environ)
    if uv_dir is not None:
        sources.append(_managed(uv_dir, "uv"))
    for source in sources:
        for interpreter in source:
            real = os.path.realpath(interpreter.path)
            if real not in seen:
                seen.add(real)
                found.append(interpreter)
    return found


def by_source(found: list[Interpreter]) -> list[Interpreter]:
    """``found`` grouped by source (in the order the sources came), each group by version,
    oldest first (3.6 before 3.10), then by path."""
    order = {source: index for index, source in enumerate(dict.fromkeys(i.source for i in found))}
    return sorted(found, key=lambda i: (order[i.source], i.key(), str(i.path)))


def usable(interpreter: Interpreter, oldest: tuple[int, int] | None) -> bool | None:
    """Whether a creator that needs Python ``oldest`` or newer can use it (None: unknown)."""
    if oldest is None:
        return None
    return interpreter.key()[:2] >= oldest


VERSION_FILE = ".python-version"


def pinned(directory: Path) -> str | None:
    """The Python that ``DIRECTORY/.python-version`` names, if any: the first word that is no
    comment (pyenv may list several; uv reads the first). pyenv's ``system`` pins nothing."""
    try:
        text = (directory / VERSION_FILE).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            return None if words[0] == "system" else words[0]
    return None


def is_version_spec(spec: str) -> bool:
    return _SPEC.fullmatch(spec) is not None


def find(spec: str, environ: Mapping[str, str]) -> Interpreter | None:
    """The newest interpreter matching a version spec such as ``3.12``, ``python3.12``,
    ``3.12.1`` or ``pypy3.10``; None when the spec is not such a version (``3.13t`` is not)
    or nothing matches."""
    match = _SPEC.fullmatch(spec)
    # Names and folders do not tell a free-threaded build (3.13t) from the usual one:
    # virtualenv's discovery asks the interpreters themselves.
    if match is None or match["free"]:
        return None
    wanted = match["version"].split(".")
    implementation = _implementation(match["impl"] or "")
    matching = [
        interpreter for interpreter in discover(environ)
        if interpreter.implementation == implementation
        and interpreter.version.split(".")[:len(wanted)] == wanted
    ]
    return max(matching, key=Interpreter.key, default=None)


def closest(version: str, environ: Mapping[str, str],
            implementation: str = "CPython") -> Interpreter | None:
    """The available interpreter nearest to ``version``: the same X.Y if any (newest patch),
    else the nearest minor version, newer ones first on a tie."""
    parts = [int(part) for part in version.split(".")[:2]]
    if len(parts) < 2:
        return None
    major, minor = parts
    options = [i for i in discover(environ)
               if i.implementation == implementation and i.key()[0] == major]

    def distance(interpreter: Interpreter) -> tuple[int, int, tuple[int, ...]]:
        other = interpreter.key()[1]
        return (abs(other - minor), 0 if other >= minor else 1,
                tuple(-part for part in interpreter.key()))

    return min(options, key=distance, default=None)
