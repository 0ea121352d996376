"""Reading and writing the small files vew owns, safely.

Every file vew writes (``pyvenv.cfg``, ``.project``, ``.pth`` files, its indexes) goes through
:func:`write_atomic`: a new file created exclusively beside the target and renamed over it. A
reader sees the old content or the new, never a truncated file (a full disk leaves the old one
whole), and a symlink planted at the target or at the temporary name is replaced or refused,
never written through.

Files vew only reads but that others may have put in place (the configuration file,
``pyvenv.cfg``, ``.project``) are read with :func:`read_regular`, which refuses anything but a
regular file: a FIFO would block the read forever, a device could be endless.
"""

from __future__ import annotations

import os
import stat

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

# Bigger than any file vew has a reason to read whole.
READ_LIMIT = 1 << 20


class NotRegular(OSError):
    """The path exists but is no regular file (a FIFO, a socket, a device, a directory)."""


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace ``path`` with a file holding ``data``, all at once.

    ``mode`` defaults to the mode of the file being replaced (what the umask leaves of 0o666
    for a new one). Raises :class:`OSError` and leaves ``path`` as it was when anything fails.
    """
    if mode is None:
        try:
            current = os.stat(path, follow_symlinks=False)
        except FileNotFoundError:
            current = None
        if current is not None and stat.S_ISREG(current.st_mode):
            mode = stat.S_IMODE(current.st_mode)
        else:
            mode = 0o666 & ~_umask()
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    for _ in range(10):
        temporary = path.with_name(f".{path.name}.vew-{_random_hex()}.tmp")
        try:
            fd = os.open(temporary, flags, 0o600)
            break
        except FileExistsError:
            continue
    else:  # pragma: no cover - ten collisions of 32 random bits
        raise FileExistsError(f"cannot create a temporary file beside {path}")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), mode)
        os.replace(temporary, path)
    except BaseException:
        # Imported here: a core call's start, which imports this module, stays import-free.
        import contextlib

        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _random_hex() -> str:
    return os.urandom(4).hex()


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_text_atomic(path: Path, text: str, mode: int | None = None) -> None:
    write_atomic(path, text.encode("utf-8", "surrogateescape"), mode)


def read_regular(path: str | os.PathLike[str], limit: int = READ_LIMIT) -> bytes:
    """The content of ``path``, which must be a regular file (symlinks to one are fine).

    Raises :class:`FileNotFoundError` when it does not exist, :class:`NotRegular` when it is
    something else, and :class:`OSError` for a file that cannot be read or is over ``limit``.
    The open never blocks: a FIFO is refused before anything is read from it.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(0, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(0, f"larger than {limit} bytes", str(path))
        return handle.read(limit + 1)[:limit]


def read_regular_text(path: Path) -> str:
    """:func:`read_regular`, decoded as UTF-8 with undecodable bytes kept (surrogateescape)."""
    return read_regular(path).decode("utf-8", "surrogateescape")
