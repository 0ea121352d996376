"""The old environment a repair keeps aside, and putting it back when a repair was killed.

While ``vew repair NAME`` rebuilds, the old environment waits as ``WORKON_HOME/.NAME.vew-repair``
and the repair holds a lock on it. Once the new one is complete the old one is renamed
``.NAME.vew-repaired`` and deleted. A repair killed at any point (SIGKILL included) therefore
leaves one of:

* ``.NAME.vew-repair`` (and perhaps a part-built NAME): the repair never finished, so the old
  environment goes back under its name and the part-built one is deleted;
* ``.NAME.vew-repaired`` beside a complete NAME: the repair finished; the old one is deleted.

Every call into the core (and ``vew init``) does that first (:func:`recover`), for backups no
live repair holds; until then ``store.building`` refuses to create anything called NAME.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from vew import log, names, store

PENDING = store.REPAIR_BACKUP
DONE = ".vew-repaired"


def pending(workon_home: Path, name: str) -> Path:
    """Where the old environment waits while NAME is rebuilt."""
    return workon_home / f".{name}{PENDING}"


def done(workon_home: Path, name: str) -> Path:
    """Where the old environment goes once the rebuilt NAME is complete, to be deleted."""
    return workon_home / f".{name}{DONE}"


def _lock(path: Path) -> int | None:
    """A descriptor holding an exclusive lock on the directory ``path``; None when another
    process holds it (or there is no such directory)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | os.O_CLOEXEC)
    except OSError:
        return None
    if os.name == "nt":  # pragma: no cover - no flock: a repair there is not recoverable
        return fd
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


@contextlib.contextmanager
def held(env: Path) -> Iterator[bool]:
    """Lock the environment a repair is about to move aside; False when a repair holds it."""
    fd = _lock(env)
    try:
        yield fd is not None
    finally:
        if fd is not None:
            os.close(fd)


def recover(workon_home: Path) -> list[str]:
    """Finish what killed repairs left in WORKON_HOME; the names put back as they were."""
    try:
        entries = [entry for entry in os.listdir(workon_home) if entry.startswith(".")]
    except OSError:
        return []
    restored = []
    for entry in entries:
        if entry.endswith(DONE) and (name := _name(entry, DONE)):
            _finish(workon_home, name)
        elif entry.endswith(PENDING) and (name := _name(entry, PENDING)) \
                and _restore(workon_home, name):
            restored.append(name)
    return restored


def _name(entry: str, suffix: str) -> str | None:
    try:
        return names.check(entry[1:-len(suffix)])
    except names.InvalidName:
        return None


def _finish(workon_home: Path, name: str) -> None:
    """The repair completed (it renamed the old environment last thing before unmarking the
    new one): delete the old one, and the new one's marker if the repair died before that."""
    old = done(workon_home, name)
    fd = _lock(old)
    if fd is None:
        return
    try:
        new = workon_home / name
        if (new / store.INCOMPLETE_MARKER).exists() and store.is_stale_build(new):
            (new / store.INCOMPLETE_MARKER).unlink()
        store._delete_tree(old)
        log.event("deleted %s, left by a repair that completed", old)
    except OSError:
        pass
    finally:
        os.close(fd)


def _unfinished(path: Path) -> bool:
    """True for what a repair killed while building leaves under the environment's name."""
    if (path / store.INCOMPLETE_MARKER).exists():
        return store.is_stale_build(path)
    try:
        # Killed between making the directory and marking it.
        return set(os.listdir(path)) <= {store.INCOMPLETE_MARKER + ".new"}
    except OSError:
        return False


def _restore(workon_home: Path, name: str) -> bool:
    """Put a killed repair's old environment back under its name."""
    backup = pending(workon_home, name)
    target = workon_home / name
    fd = _lock(backup)
    if fd is None:
        return False
    try:
        if os.path.lexists(target):
            if not _unfinished(target):
                # Not the repair's work (a backup left by an older vew, beside an environment
                # made since): neither is touched.
                print(f"WARNING: {backup} is the environment '{name}' as it was before a repair "
                      f"that did not finish, beside a newer '{name}'; move one of them away",
                      file=sys.stderr)
                return False
            store._delete_tree(target)
        os.rename(backup, target)
    except OSError as error:
        print(f"WARNING: cannot put back {backup} as {name}: {error.strerror}",
              file=sys.stderr)
        return False
    finally:
        os.close(fd)
    log.event("restored %s from an interrupted repair", target)
    print(f"NOTE: environment '{name}' is back as it was before an interrupted repair",
          file=sys.stderr)
    return True


def main() -> int:
    """``vew __recover``: what workon calls when it finds a killed repair's backup."""
    from vew import settings
    from vew.errors import CommandError

    try:
        current = settings.load()
    except CommandError as error:
        print(f"ERROR: {error}", file=sys.stderr)
        return error.status
    recover(current.workon_home)
    return 0
