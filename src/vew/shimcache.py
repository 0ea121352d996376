"""``eval "$(vew init SHELL)"``, at every shell start: the rendered shim, kept in a cache.

Rendering the shim costs several times what starting the interpreter does (the templates, the
completion spec of every command, the configuration file, the plugins), yet it changes only
with vew itself, the interpreter it runs on, the configuration file and the variables it reads,
and the installed plugins. So ``vew init SHELL`` keeps what it printed in the user cache
directory (``$XDG_CACHE_HOME/vew/init-SHELL`` on Linux), headed by the key it was made for, and
the next call prints it again once the keys agree, importing nothing beyond ``os`` and ``sys``.

The key holds vew's version, the interpreter's path and ``sys.path``, the size and modification
time of every file of the package and of the shell templates, each shell's folder included (an
edited checkout renders anew), of the loader file the shim names (``VIRTUALENVWRAPPER_SCRIPT``,
rewritten when it changed or went) and of every directory plugins are looked for in (installing
or removing a distribution changes its directory), the configuration file's path and content,
and the value of ``HOME``, of every setting's variable and of every variable the file names
(``$VAR``). A file that does not hold this key exactly, or that another user could have
written, is rendered over, and is written under a fresh name and renamed into place, so that a
shell never reads a half-written one. A shim rendered while the configuration file was unusable
(its error said, vew's defaults in force) is never kept: each ``vew init`` says the error again
until the file is fixed.
"""

from __future__ import annotations

import os
import sys

from vew import __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from vew.settings import Settings

FORMAT = "vew-shim-cache 2"
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

        # As it is now: looking for plugins adds their directories to it.
        search_path = list(sys.path)
        text, _, current = integration.rendering(shells.get(name))
        if path and current is not None:
            _store(path, config_path, config, text, current, search_path)
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
    from vew import files

    # Never a plain open: a FIFO there would block `vew init` at every shell start.
    try:
        return files.read_regular(path)
    except (FileNotFoundError, NotADirectoryError):
        return None


def _package_files() -> list[str]:
    """The files whose content the shim is rendered from: vew's modules and the templates."""
    package = os.path.dirname(os.path.realpath(__file__))
    templates = os.path.join(package, "shell")
    if not os.path.isdir(templates):  # a source checkout: shell/ beside src/
        templates = os.path.join(os.path.dirname(os.path.dirname(package)), "shell")
    directories = (package, os.path.join(package, "shells"), os.path.join(package, "commands"))
    return [*(os.path.join(directory, entry) for directory in directories
              for entry in sorted(_entries(directory))), *_tree(templates)]


def _tree(directory: str) -> list[str]:
    """Every entry under ``directory``, its subfolders' too: the templates are one folder per
    shell, and an edit to a file changes no folder's modification time."""
    found = []
    for entry in sorted(_entries(directory)):
        path = os.path.join(directory, entry)
        found.append(path)
        if os.path.isdir(path):
            found += _tree(path)
    return found


def _entries(directory: str) -> list[str]:
    try:
        return [entry for entry in os.listdir(directory)
                if not entry.startswith(".") and entry != "__pycache__"]
    except OSError:
        return []


def _signature(files: Iterable[str]) -> tuple[tuple[str, int, int], ...]:
    """Each file's (or directory's) path, modification time and size; those missing left out."""
    result = []
    for file in files:
        try:
            status = os.stat(file)
        except OSError:
            continue
        result.append((file, status.st_mtime_ns, status.st_size))
    return tuple(result)


def _key(config_path: str, config: bytes | None, variables: Iterable[str],
         watched: Iterable[str] = (), search_path: Iterable[str] | None = None) -> str:
    """The key for the present state; ``watched``: the directories plugins are looked for in,
    ``search_path``: ``sys.path`` as the call found it."""
    from vew import dirs

    environ = os.environ
    search = tuple(sys.path if search_path is None else search_path)
    return repr((FORMAT, __version__, sys.executable, search,
                 _signature(_package_files()), _signature([dirs.loader_file()]),
                 _signature(watched), config_path, config,
                 tuple((name, environ.get(name)) for name in variables)))


def _variables(config: bytes | None, settings_variables: Iterable[str]) -> list[str]:
    """The variables the rendering reads: HOME, every setting's (the settings decide the
    plugins' points and the project index, and a bad value makes an error to say), and every
    ``$NAME`` or ``${NAME}`` the configuration file holds (its paths are expanded with them)."""
    names = ["HOME", *settings_variables]
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
    # Line 1: whether auto-activation is on, then the variables of the key; line 2: the
    # project index's path and the directories plugins are looked for in, NUL between them;
    # line 3: the key.
    first, _, rest = data.partition(b"\n")
    places, _, rest = rest.partition(b"\n")
    stored_key, _, body = rest.partition(b"\n")
    auto, *variables = first.decode(ENCODING, ERRORS).split(" ")
    index, *watched = places.decode(ENCODING, ERRORS).split("\0")
    if stored_key.decode(ENCODING, ERRORS) != _key(config_path, config, variables, watched):
        return None
    # The project index auto-activation reads is brought up to date at every `vew init`
    # while it is on, and once the index exists (see vew.projects.index_kept).
    if (auto == "1" or os.path.isfile(index)) and not _refresh_index():
        return None
    return body.decode(ENCODING, ERRORS)


def _refresh_index() -> bool:
    """Rewrite the project index; False when the settings cannot be loaded (the rendering then
    says why, as without the cache)."""
    from vew import integration, settings
    from vew.errors import CommandError, report_error

    try:
        current = settings.load()
    except CommandError:
        return False
    try:
        integration.refresh_project_index(current)
    except CommandError as error:
        report_error(str(error))
    return True


def _trusted(status: os.stat_result) -> bool:
    """Only a file of this user's that no one else may write is code to run at shell start."""
    if not hasattr(os, "getuid"):
        return True
    return status.st_uid == os.getuid() and not status.st_mode & 0o022


def _store(path: str, config_path: str, config: bytes | None, text: str,  # noqa: PLR0917
           current: Settings, search_path: list[str]) -> None:
    """Keep ``text``, rendered with the settings ``current``, at ``path`` for the present key;
    a cache that cannot be written is none."""
    from vew.projects import INDEX_FILE
    from vew.settings import KEYS

    variables = _variables(config, [key.variable for key in KEYS])
    index = os.path.join(str(current.workon_home), INDEX_FILE)
    watched = [entry for entry in search_path if entry and os.path.isdir(entry)]
    watched += [str(directory) for directory in current.plugin_path]
    places = [index, *watched]
    if any("\0" in place or "\n" in place for place in places):
        return  # not a line of NUL-separated paths: no cache
    data = b"\n".join([" ".join(["1" if current.auto_activate else "0", *variables]
                                 ).encode(ENCODING, ERRORS),
                       "\0".join(places).encode(ENCODING, ERRORS),
                       _key(config_path, config, variables, watched, search_path
                            ).encode(ENCODING, ERRORS),
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
