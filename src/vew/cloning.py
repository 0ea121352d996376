"""Copying an environment so that the copy works on its own.

An environment is not relocatable: its own path is written into its activate scripts, into the
shebang of every console script and into ``pyvenv.cfg``. So the copy is the tree as it is
(symlinks kept as symlinks, so that ``bin/python`` still points at the base interpreter), then
every such mention of the source's path is rewritten to the target's:

* every text file in the script directory (activate scripts, console scripts, including the
  ``exec`` trampoline pip writes for long paths or paths with spaces) and ``pyvenv.cfg``;
* symlinks that point into the source by absolute path;
* the ``RECORD`` hashes of the rewritten files, so that the metadata still matches them.

``__pycache__`` directories are left behind: compiled files name their source file by the
path it had when compiled, which tracebacks would show; Python recompiles them on first use.
``.pth`` files, the ``.project`` file and hooks are copied as they are (``mvvirtualenv`` asks
for the ``.project`` and ``.pth`` files to be rewritten too: the source is going away).

Nothing is ever written outside the copy, and the source is never modified: a directory the
copy writes into (its script directory, site-packages, the metadata directories) that was a
symlink in the source becomes a real directory holding a copy of what it pointed at; a file the
copy rewrites is replaced by a new file (:func:`vew.files.write_atomic`), so that a symlinked
one gets a copy of its content and its target is left alone, and a file hard-linked to the
source's (``mvvirtualenv``) is never written into.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from vew import files, layout, log, rewrite

# The activate scripts write the environment's path as VIRTUAL_ENV=..., quoted or not.
_ACTIVATE_PATH = re.compile(rb"""^\s*VIRTUAL_ENV=(['"]?)(/[^'"\n]*)\1\s*$""", re.MULTILINE)


def baked_prefixes(source: Path) -> list[str]:
    """Every spelling of the source's path that its files may contain, longest first.

    The path as given and with symlinks resolved, and the path its bash activate script was
    written with (the environment may have been moved or reached through a link since).
    """
    found = {os.path.normpath(os.path.abspath(source)), os.path.realpath(source)}
    try:
        match = _ACTIVATE_PATH.search((layout.bin_dir(source) / "activate").read_bytes())
    except OSError:
        match = None
    if match:
        found.add(os.path.normpath(os.fsdecode(match[2])))
    return sorted((prefix for prefix in found if prefix != os.sep), key=len, reverse=True)


def _rewrite_bytes(data: bytes, pattern: re.Pattern[bytes], target: bytes) -> bytes:
    return pattern.sub(lambda _: target, data)


def _write_keeping_mode(path: Path, data: bytes) -> None:
    """Replace ``path`` (a symlink: the link, never its target) with ``data``, same mode."""
    files.write_atomic(path, data, stat.S_IMODE(path.stat().st_mode))


def _own_directory(target: Path, directory: Path) -> None:
    """Make ``directory`` (inside ``target``) and every directory between them real ones of
    the copy: one that is a symlink becomes a copy of what it points at."""
    current = target
    for part in directory.relative_to(target).parts:
        current = current / part
        if current.is_symlink() and current.is_dir():
            pointed = Path(os.path.realpath(current))
            current.unlink()
            shutil.copytree(pointed, current, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))


def _is_text(data: bytes) -> bool:
    return b"\0" not in data


def _text_files(target: Path) -> list[Path]:
    """The files whose text may hold the environment's path: scripts and ``pyvenv.cfg``
    (symlinks to files among them: their content is read, and a copy replaces the link if it
    has to change)."""
    found = [target / "pyvenv.cfg"]
    bin_dir = layout.bin_dir(target)
    if bin_dir.is_dir():
        found += sorted(entry for entry in bin_dir.iterdir() if entry.is_file())
    return [path for path in found if path.is_file()]


def _read_text_file(path: Path) -> bytes | None:
    """The content of a regular text file; None for anything else (a binary such as the
    interpreter a link points at, too big to be a script; a FIFO; something unreadable)."""
    try:
        data = files.read_regular(path)
    except OSError:
        return None
    return data if _is_text(data) else None


def _rewrite_files(target: Path, prefixes: list[str], also: Iterable[Path] = ()
                   ) -> list[Path]:
    """Rewrite the source's path in the text files; return the files that changed."""
    changed = []
    for path in [*_text_files(target), *(p for p in also if p.is_file() and not p.is_symlink())]:
        data = _read_text_file(path)
        if data is None:
            continue
        new = rewrite.rewrite(data, path.name, prefixes, str(target))
        if new != data:
            _write_keeping_mode(path, new)
            changed.append(path)
    return changed


def _relink(target: Path, pattern: re.Pattern[bytes]) -> None:
    """Point symlinks that lead into the source by absolute path into the target instead."""
    replacement = os.fsencode(str(target))
    for directory, dirnames, filenames in os.walk(target):
        for name in (*dirnames, *filenames):
            link = os.path.join(directory, name)
            if not os.path.islink(link):
                continue
            destination = os.fsencode(os.readlink(link))
            new = _rewrite_bytes(destination, pattern, replacement)
            if new != destination:
                os.unlink(link)
                os.symlink(os.fsdecode(new), link)


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return f"sha256={digest.decode('ascii')}"


def _update_records(target: Path, changed: list[Path]) -> None:
    """Refresh the hash and size ``RECORD`` files hold for the rewritten files."""
    site_packages = layout.site_packages(target)
    if site_packages is None or not changed:
        return
    wanted = {os.path.normcase(os.path.normpath(path)) for path in changed}
    for record in site_packages.glob("*.dist-info/RECORD"):
        text = files.read_regular_text(record)
        rows = list(csv.reader(io.StringIO(text)))
        updated = False
        for row in rows:
            if len(row) < 3 or not row[1]:
                continue
            path = os.path.normcase(os.path.normpath(site_packages / row[0]))
            if path in wanted:
                data = Path(path).read_bytes()
                row[1], row[2] = _record_hash(data), str(len(data))
                updated = True
        if updated:
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(rows)
            _own_directory(target, record.parent)
            _write_keeping_mode(record, out.getvalue().encode("utf-8", "surrogateescape"))


def _link_or_copy(source: str, target: str) -> None:
    """A hard link to ``source``, or a copy where the filesystem cannot link it.

    (copytree recreates symlinks itself: only regular files come here.)
    """
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def clone(source: Path, target: Path, *, skip: Iterable[str] = (), link: bool = False,
          also: Iterable[str] = ()) -> None:
    """Copy the environment at ``source`` into ``target``, an existing directory.

    ``skip`` names entries of the source's top directory not to copy (such as a marker the
    target already holds). With ``link``, files are hard links to the source's rather than
    copies (for a source that is about to go: nothing is copied, and every file rewritten
    here is a new one). ``also`` names more files (relative paths) whose lines may name the
    source's path (``.project``, ``.pth`` files), rewritten in the target too. Raises
    :class:`OSError` (or :class:`shutil.Error`) on failure; the caller removes the partial
    target.
    """
    prefixes = baked_prefixes(source)
    skipped = set(skip)

    def ignore(directory: str, entries: list[str]) -> set[str]:
        ignored = {entry for entry in entries if entry == "__pycache__"}
        if directory == os.fspath(source):
            ignored |= skipped & set(entries)
        return ignored

    shutil.copytree(source, target, symlinks=True, ignore=ignore, dirs_exist_ok=True,
                    copy_function=_link_or_copy if link else shutil.copy2)
    log.event("copied %s to %s", source, target)
    # The directories the copy writes into are its own before anything is written.
    _own_directory(target, layout.bin_dir(target))
    site_packages = layout.site_packages(target)
    if site_packages is not None:
        _own_directory(target, site_packages)
    relocate(target, prefixes, also)


def relocate(target: Path, prefixes: list[str], also: Iterable[str] = ()) -> None:
    """Make the environment now at ``target`` name itself: each of ``prefixes`` (the path it
    was made at, see :func:`baked_prefixes`) becomes ``target`` in its links and scripts, and
    in the files ``also`` names (relative paths, see :func:`clone`)."""
    _relink(target, rewrite.pattern(prefixes))
    changed = _rewrite_files(target, prefixes, [target / name for name in also])
    _update_records(target, changed)
    log.event("%s: the path %s rewritten in %s", target, " or ".join(prefixes),
              ", ".join(path.name for path in changed) or "no file")
