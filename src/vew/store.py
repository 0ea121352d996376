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

from vew import filenames, layout, log, names
from vew.errors import CommandError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import IO, Any

INCOMPLETE_MARKER = filenames.INCOMPLETE
REPAIR_BACKUP = filenames.REPAIR_BACKUP


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


def is_stale_build(path: Path) -> bool:
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
def building(workon_home: Path, name: str, *, repairing: bool = False) -> Iterator[Path]:
    """Reserve ``WORKON_HOME/NAME`` for a new environment and yield its path.

    The directory is made atomically (two builders of one name: one wins, the other gets a
    :class:`CommandError`), marked incomplete until the block ends without an exception, and
    removed entirely if it does not, its marker last. ``KeyboardInterrupt`` counts as an
    exception. While a repair of NAME keeps the old environment aside (see :mod:`vew.backups`)
    only that repair (``repairing``) may build NAME.
    """
    path = workon_home / names.check_new(name)
    if not repairing and os.path.lexists(workon_home / f".{name}{REPAIR_BACKUP}"):
        raise CommandError(f"Environment '{name}' is being repaired; nothing else is created "
                           "under its name until the repair ends.")
    other = names.clash(name, os.listdir(workon_home))
    if other is not None:
        raise CommandError(names.describe_clash(name, other))
    for attempt in (1, 2):
        try:
            path.mkdir()
            break
        except FileExistsError:
            if attempt == 1 and (path / INCOMPLETE_MARKER).exists() and is_stale_build(path):
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
            _delete_build(path)
            raise
        (path / INCOMPLETE_MARKER).unlink()
    finally:
        marker.close()


# --- deletion --------------------------------------------------------------------------------


def _delete_build(path: Path) -> None:
    """Delete a failed build, its incomplete-marker last: killed half way, what is left is
    still known for a build that never finished."""
    for entry in os.listdir(path):
        child = path / entry
        if entry == INCOMPLETE_MARKER:
            continue
        if child.is_dir():
            _delete_tree(child)  # a link to a directory: only the link
        else:
            child.unlink()
    _delete_tree(path)


def _rmtree(path: str, retry: Callable[..., Any]) -> None:
    import shutil

    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=lambda function, target, info: retry(function, target,
                                                                             info[1]))


def _delete_tree(path: Path) -> None:
    """Delete ``path`` (a symlink: only the link), making what it holds writable as needed.

    Permissions are only ever changed inside ``path``: never on its parent (``$WORKON_HOME``
    stays as the user set it).
    """
    if path.is_symlink():
        path.unlink()
        return
    root = os.path.abspath(path)
    retried: set[str] = set()

    def make_writable_and_retry(function: Callable[..., Any], target: str,
                                error: BaseException) -> None:
        target = os.path.abspath(target)
        inside = target != root and target.startswith(root + os.sep)
        if target in retried or not isinstance(error, PermissionError):
            raise error
        retried.add(target)
        parent = os.path.dirname(target)
        if inside:
            os.chmod(parent, os.stat(parent).st_mode | stat.S_IWUSR | stat.S_IXUSR)
        if os.path.isdir(target) and not os.path.islink(target):
            # An unreadable or unwritable directory: open it up and start over inside it.
            os.chmod(target, os.stat(target).st_mode | stat.S_IRWXU)
            _rmtree(target, make_writable_and_retry)
        elif function in (os.unlink, os.remove, os.rmdir) and inside:
            function(target)
        else:
            raise error

    _rmtree(root, make_writable_and_retry)


def check_deletable(path: Path) -> None:
    """Refuse, before anything is deleted, a tree this user could only delete in part.

    Its directory must be writable (vew never changes that one's permissions), and every
    directory in it must be this user's (which vew may open up) or writable by this user.
    """
    if path.is_symlink() or not hasattr(os, "geteuid") or os.geteuid() == 0:
        return
    parent = path.parent
    if not os.access(parent, os.W_OK | os.X_OK):
        raise CommandError(f"cannot remove {path}: {parent} is not writable; nothing was removed")
    uid = os.geteuid()
    for directory, _, _ in os.walk(path):
        try:
            owner = os.lstat(directory).st_uid
        except OSError:
            continue
        if owner != uid and not os.access(directory, os.R_OK | os.W_OK | os.X_OK):
            raise CommandError(f"cannot remove {path}: {directory} belongs to another user "
                               f"(uid {owner}) and is not writable; nothing was removed")


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
    if is_environment(path) or is_stale_build(path):
        return path
    if (path / INCOMPLETE_MARKER).exists():
        raise CommandError(f"{path} is being created by another process; not removed.")
    if is_half_deleted(path):
        return path
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


def is_half_deleted(path: Path) -> bool:
    """An environment whose activate script is gone (an interrupted delete, say) but whose
    ``pyvenv.cfg`` or interpreter is still there: still an environment, to be removed. (A
    conda environment, with its ``conda-meta``, is some other tool's.)"""
    return path.is_dir() and not (path / INCOMPLETE_MARKER).exists() \
        and not (path / "conda-meta").exists() \
        and ((path / "pyvenv.cfg").is_file() or os.path.lexists(layout.python(path)))


def delete(path: Path) -> None:
    """Delete a path that :func:`removable` returned: a symlink itself, never its target.

    A tree the user could only delete in part is refused first (:func:`check_deletable`).
    """
    check_deletable(path)
    _delete_tree(path)
    log.event("deleted %s", path)
