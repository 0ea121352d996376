"""``eval "$(vew init SHELL)"``, at every shell start: the rendered shim, kept in a cache.

Rendering the shim costs several times what starting the interpreter does (the templates, the
completion spec of every command, the configuration file), yet it changes only with vew
itself, the interpreter it runs on, the configuration file and the variables that file refers
to. So ``vew init SHELL`` keeps what it printed in the user cache directory
(``$XDG_CACHE_HOME/vew/init-SHELL`` on Linux), headed by the key it was made for, and the next
call prints it again once the keys agree, importing nothing beyond ``os`` and ``sys``.

The key holds vew's version, the interpreter's path, the size and modification time of every
file of the package and of the shell templates (an edited checkout renders anew), the
configuration file's path and content, and the value of ``HOME`` and of every variable the file
names (``$VAR``). A file that does not hold this key exactly, or that another user could have
written, is rendered over, and is written under a fresh name and renamed into place, so that a
shell never reads a half-written one.
"""

from __future__ import annotations

import os
import sys

from vew import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

FORMAT = "vew-shim-cache 1"
ENCODING = "utf-8"
ERRORS = "surrogateescape"  # names and paths that are not UTF-8 come back byte for byte


def print_shim(name: str) -> int | None:
    """``vew init NAME``: print the shim (from the cache when it is current); the exit status,
    or None when NAME is no shell's name (the command line deals with every other form)."""
    from vew import shells

    if name not in shells.NAMES:
        return None
    config_path = _config_path()
    try:
        config = _read(config_path)
    except OSError:
        # A file that exists but cannot be read is an error the rendering reports.
        config, path = None, ""
    else:
        path = os.path.join(_cache_dir(), f"init-{name}")
    text = _cached(path, config_path, config) if path else None
    if text is None:
        from vew import integration
        from vew.errors import CommandError

        try:
            defaults = integration.config_defaults()
            integration.refresh_project_index(defaults)
            text = integration.shim(shells.get(name), config=defaults)
        except CommandError as error:
            print(f"ERROR: {error}", file=sys.stderr)
            return error.status
        if path:
            _store(path, config_path, config, text, defaults.get("auto_activate", ""))
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def _config_path() -> str:
    from vew import configfile

    return configfile.location()


def _cache_dir() -> str:
    from vew import dirs

    return dirs.cache_dir()


def _read(path: str) -> bytes | None:
    """The configuration file's bytes; None when there is none."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _package_files() -> list[str]:
    """The files whose content the shim is rendered from: vew's modules and the templates."""
    package = os.path.dirname(os.path.realpath(__file__))
    templates = os.path.join(package, "shell")
    if not os.path.isdir(templates):  # a source checkout: shell/ beside src/
        templates = os.path.join(os.path.dirname(os.path.dirname(package)), "shell")
    directories = (package, os.path.join(package, "shells"), os.path.join(package, "commands"),
                   templates)
    return [os.path.join(directory, entry) for directory in directories
            for entry in sorted(_entries(directory))]


def _entries(directory: str) -> list[str]:
    try:
        return [entry for entry in os.listdir(directory)
                if not entry.startswith(".") and entry != "__pycache__"]
    except OSError:
        return []


def _signature(files: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    result = []
    for file in files:
        try:
            status = os.stat(file)
        except OSError:
            continue
        result.append((file, status.st_mtime_ns, status.st_size))
    return tuple(result)


def _key(config_path: str, config: bytes | None, variables: Iterable[str]) -> str:
    environ = os.environ
    return repr((FORMAT, __version__, sys.executable, _signature(_package_files()), config_path,
                 config, tuple((name, environ.get(name)) for name in variables)))


def _variables(config: bytes | None) -> list[str]:
    """The variables the rendering reads: HOME, and every ``$NAME`` or ``${NAME}`` the
    configuration file holds (its paths are expanded with them)."""
    names = ["HOME"]
    if config and b"$" in config:
        import re

        text = config.decode(ENCODING, ERRORS)
        for match in re.finditer(r"\$(?:(\w+)|\{(\w+)\})", text):
            name = match[1] or match[2]
            if name not in names:
                names.append(name)
    return names


def _cached(path: str, config_path: str, config: bytes | None) -> str | None:
    """The shim kept at ``path`` if it was rendered for the present key; else None."""
    try:
        with open(path, "rb") as handle:
            if not _trusted(os.fstat(handle.fileno())):
                return None
            data = handle.read()
    except OSError:
        return None
    # Line 1: the file's auto_activate, then the variables of the key; line 2: the key.
    first, _, rest = data.partition(b"\n")
    stored_key, _, body = rest.partition(b"\n")
    auto, *variables = first.decode(ENCODING, ERRORS).split(" ")
    if stored_key.decode(ENCODING, ERRORS) != _key(config_path, config, variables):
        return None
    if (os.environ.get("VEW_AUTO_ACTIVATE") or auto) == "1":
        # Auto-activation's project index is brought up to date at every `vew init`, which
        # may also find the settings unusable: then nothing is printed, as without the cache.
        from vew import integration
        from vew.errors import CommandError

        try:
            integration.refresh_project_index()
        except CommandError as error:
            print(f"ERROR: {error}", file=sys.stderr)
            raise SystemExit(error.status) from None
    return body.decode(ENCODING, ERRORS)


def _trusted(status: os.stat_result) -> bool:
    """Only a file of this user's that no one else may write is code to run at shell start."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _store(path: str, config_path: str, config: bytes | None, text: str, auto: str) -> None:
    """Keep ``text`` at ``path`` for the present key; a cache that cannot be written is none."""
    variables = _variables(config)
    data = b"\n".join([" ".join([auto or "0", *variables]).encode(ENCODING, ERRORS),
                       _key(config_path, config, variables).encode(ENCODING, ERRORS),
                       text.encode(ENCODING, ERRORS)])
    directory = os.path.dirname(path)
    temporary = os.path.join(directory, f".{os.path.basename(path)}.{os.getpid()}."
                                        f"{os.urandom(4).hex()}")
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)
