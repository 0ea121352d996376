"""The environment store: the environments directly inside ``$WORKON_HOME``.

An entry ``WORKON_HOME/NAME`` (a directory or a symlink to one) is an environment when its
script directory holds an ``activate`` script and it is not still being built. Everything that
creates or deletes an environment goes through here, so that nothing is ever half-made and
nothing outside ``$WORKON_HOME`` is ever removed.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from contextlib import contextmanager
from pathlib import Path

from vew import layout, log, names
from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import IO, Any

# Present while an environment is being built; listings and workon ignore such a directory.
# The builder holds an exclusive lock on it, which tells a live build from a crashed one.
INCOMPLETE_MARKER = ".vew-incomplete"


def ensure_home(workon_home: Path) -> None:
    """virtualenvwrapper's WH-check: create a missing ``$WORKON_HOME`` with a note."""
    if workon_home.is_dir():
        return
    print(f"NOTE: Virtual environments directory {workon_home} does not exist. Creating...",
          file=sys.stderr)
    try:
        workon_home.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CommandError(f"cannot create {workon_home}: {error.strerror}") from error


def is_environment(path: Path) -> bool:
    return (layout.bin_dir(path) / "activate").is_file() and not (path / INCOMPLETE_MARKER).exists()


def names_in(workon_home: Path) -> list[str]:
    """Environment names, sorted by code point, as ``lsvirtualenv -b`` prints them."""
    try:
        entries = os.listdir(workon_home)
    except OSError:
        return []
    return sorted(
        entry for entry in entries
        if not entry.startswith(".") and is_environment(workon_home / entry)
    )


def path_of(workon_home: Path, name: str) -> Path:
    """``WORKON_HOME/NAME`` for a valid name; raises :class:`names.InvalidName` otherwise."""
    return workon_home / names.check(name)


def existing(workon_home: Path, name: str) -> Path:
    """The environment called ``name``, or a :class:`CommandError` saying how to make it."""
    path = path_of(workon_home, name)
    if not path.is_dir():
        raise CommandError(
            f"Environment '{name}' does not exist. Create it with 'mkvirtualenv {name}'."
        )
    if (path / INCOMPLETE_MARKER).exists():
        raise CommandError(f"Environment '{name}' is still being created, or its creation failed.")
    return path


# --- creation --------------------------------------------------------------------------------


def _try_lock(handle: IO[Any]) -> bool:
    if os.name == "nt":  # pragma: no cover - no flock; creation on Windows relies on mkdir alone
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _is_stale_build(path: Path) -> bool:
    """True when ``path`` is a build that nobody is working on any more (its builder died)."""
    try:
        with (path / INCOMPLETE_MARKER).open("rb") as handle:
            return _try_lock(handle)
    except OSError:
        return False


def _in_the_way(path: Path, name: str) -> CommandError:
    """The error for a ``WORKON_HOME/NAME`` that already exists, saying what it is."""
    if (path / INCOMPLETE_MARKER).exists():
        return CommandError(f"Environment '{name}' is being created by another process.")
    if is_environment(path):
        return CommandError(
            f"Environment '{name}' already exists. Activate it with 'workon {name}'."
        )
    return CommandError(f"{path} already exists and is not an environment; "
                        "move it away or choose another name.")


def _hold_marker(path: Path) -> IO[Any]:
    """Create the incomplete-marker in ``path``, locked before anyone can see it.

    It is locked under a temporary name and renamed into place, so that another builder that
    finds the marker never takes a live build for a crashed one.
    """
    temporary = path / (INCOMPLETE_MARKER + ".new")
    handle = temporary.open("w")
    try:
        _try_lock(handle)
        temporary.replace(path / INCOMPLETE_MARKER)
    except BaseException:
        handle.close()
        raise
    return handle


@contextmanager
def building(workon_home: Path, name: str) -> Iterator[Path]:
    """Reserve ``WORKON_HOME/NAME`` for a new environment and yield its path.

    The directory is made atomically (two builders of one name: one wins, the other gets a
    :class:`CommandError`), marked incomplete until the block ends without an exception, and
    removed entirely if it does not. ``KeyboardInterrupt`` counts as an exception.
    """
    path = workon_home / names.check_new(name)
    other = names.clash(name, os.listdir(workon_home))
    if other is not None:
        raise CommandError(names.describe_clash(name, other))
    for attempt in (1, 2):
        try:
            path.mkdir()
            break
        except FileExistsError:
            if attempt == 1 and (path / INCOMPLETE_MARKER).exists() and _is_stale_build(path):
                _delete_tree(path)
                continue
            raise _in_the_way(path, name) from None
    try:
        marker = _hold_marker(path)
    except BaseException:
        _delete_tree(path)
        raise
    try:
        try:
            yield path
        except BaseException:
            _delete_tree(path)
            raise
        (path / INCOMPLETE_MARKER).unlink()
    finally:
        marker.close()


# --- deletion --------------------------------------------------------------------------------


def _make_writable_and_retry(function: Callable[..., Any], target: str, _: object) -> None:
    parent = os.path.dirname(target)
    os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
    if os.path.isdir(target) and not os.path.islink(target):
        os.chmod(target, os.stat(target).st_mode | stat.S_IWUSR | stat.S_IXUSR | stat.S_IRUSR)
    function(target)


def _delete_tree(path: Path) -> None:
    import shutil

    if path.is_symlink():
        path.unlink()
    elif sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=_make_writable_and_retry)
    else:
        shutil.rmtree(path, onerror=_make_writable_and_retry)


def removable(workon_home: Path, name: str) -> Path:
    """The path ``rmvirtualenv NAME`` may delete, after every check that keeps it inside WH.

    Raises :class:`names.InvalidName` for names that could reach outside ``$WORKON_HOME``,
    :class:`FileNotFoundError` when there is nothing of that name and :class:`CommandError` when
    what is there is not an environment (a dangling link is one that is gone).
    """
    path = path_of(workon_home, name)
    if path.parent != workon_home or not os.path.lexists(path):
        raise FileNotFoundError(errno.ENOENT, "no such environment", str(path))
    if path.is_symlink() and not path.exists():
        return path  # a link to an environment that is gone: only the link goes
    if is_environment(path) or _is_stale_build(path):
        return path
    if (path / INCOMPLETE_MARKER).exists():
        raise CommandError(f"{path} is being created by another process; not removed.")
    raise CommandError(f"{path} is not an environment; not removed.")


def delete_at_once(path: Path) -> None:
    """Delete an environment that another one replaces: it leaves ``$WORKON_HOME`` at once,
    by a rename to a hidden name beside it, then that is deleted."""
    hidden = path.with_name(f".vew-deleting-{os.getpid()}")
    try:
        os.rename(path, hidden)
    except OSError:
        hidden = path
    delete(hidden)


def delete(path: Path) -> None:
    """Delete a path that :func:`removable` returned: a symlink itself, never its target."""
    _delete_tree(path)
    log.event("deleted %s", path)
