"""``_virtualenv_path_extensions.pth``: extra import directories of an environment.

The file is virtualenvwrapper's, byte for byte: a header line that records the length of
``sys.path``, one directory per line (newest first), and a footer line that moves the
directories ``site`` appended since the header to the front of ``sys.path`` (right after the
script's directory at run time). Files written by either tool work with the other.
"""

from __future__ import annotations

from pathlib import Path

from vew import files

FILENAME = "_virtualenv_path_extensions.pth"
HEADER = "import sys; sys.__plen = len(sys.path)"
FOOTER = ("import sys; new=sys.path[sys.__plen:]; del sys.path[sys.__plen:]; "
          "p=getattr(sys,'__egginsert',0); sys.path[p:p]=new; sys.__egginsert = p+len(new)")


def file_in(site_packages: Path) -> Path:
    return site_packages / FILENAME


def _is_entry(line: str) -> bool:
    # `site` executes lines starting with "import"; every other line is a directory.
    return not line.startswith("import")


def _read_lines(path: Path) -> list[str]:
    return files.read_regular_text(path).splitlines()


def _write_lines(path: Path, lines: list[str]) -> None:
    files.write_text_atomic(path, "".join(f"{line}\n" for line in lines))


def entries(path: Path) -> list[str]:
    """The directories the file lists, in file order (the order they come in ``sys.path``)."""
    return [line for line in _read_lines(path) if _is_entry(line)]


def add(path: Path, directory: str) -> None:
    """List ``directory`` first, right after the header; a listed one stays where it is."""
    lines = _read_lines(path) if path.exists() else []
    if not lines:
        lines = [HEADER, FOOTER]
    if directory in lines:
        return
    # Right after the header, where virtualenvwrapper's `sed '1 a'` puts it.
    at = lines.index(HEADER) + 1 if HEADER in lines else 1
    lines.insert(at, directory)
    _write_lines(path, lines)


def remove(path: Path, directory: str) -> None:
    """Drop the lines that are exactly ``directory``; nothing if there is none."""
    if not path.exists():
        return
    lines = _read_lines(path)
    kept = [line for line in lines if not (_is_entry(line) and line == directory)]
    if kept != lines:
        _write_lines(path, kept)
