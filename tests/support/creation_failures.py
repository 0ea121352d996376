"""Ways to make an environment's creation fail, and the check that nothing was left behind.

Every command that creates an environment (mkvirtualenv today; mktmpenv, cpvirtualenv and
mkproject as they land) must produce a complete environment or nothing. A test takes a
:class:`Failure` (options for the command, variables for the shell, and what the error says),
runs the command with it, and asserts with :func:`assert_nothing_left` that the directories it
watched are exactly as before: compare :func:`snapshot` before and after.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.harness import Outcome


@dataclass(frozen=True)
class Failure:
    """One way creation fails: what to add to the command and what the error line says."""

    name: str
    options: tuple[str, ...] = ()  # before the environment name
    environ: Mapping[str, str] = field(default_factory=dict)
    says: str = ""  # a fragment of the one ERROR line
    status: int | None = None  # the exact status, when it is known
    # Other ERROR lines come before vew's: pip's own, or the failing hook's report.
    others_first: bool = False


def missing_interpreter(tmp_path: Path) -> Failure:
    missing = tmp_path / "no-such-python"
    return Failure("missing interpreter", ("-p", str(missing)),
                   says=f"no Python interpreter found for {str(missing)!r}")


def failing_creator(tmp_path: Path) -> Failure:
    """A creator that gets half way (an activate script, a python) and then fails."""
    script = tmp_path / "half-creator"
    script.write_text(
        "#!/bin/sh\n"
        'for target; do :; done\n'  # the target is the last argument
        'mkdir -p "$target/bin" && echo "# half" > "$target/bin/activate"\n'
        'ln -s /bin/sh "$target/bin/python"\n'
        "echo 'half-creator: giving up' >&2\n"
        "exit 3\n"
    )
    script.chmod(0o755)
    return Failure("failing creator", environ={"VIRTUALENVWRAPPER_VIRTUALENV": str(script)},
                   says="failed with status 3", status=3)


def failing_premkvirtualenv(hook_dir: Path) -> Failure:
    hook_dir.mkdir(parents=True, exist_ok=True)
    hook = hook_dir / "premkvirtualenv"
    hook.write_text("#!/bin/sh\necho 'premkvirtualenv: no' >&2\nexit 5\n")
    hook.chmod(0o755)
    return Failure("failing premkvirtualenv", says="premkvirtualenv", others_first=True)


def uninstallable_requirement(tmp_path: Path) -> Failure:
    """pip (seeded, so slower) with an empty local index: the package cannot be installed."""
    index = tmp_path / "empty-index"
    index.mkdir(exist_ok=True)
    return Failure(
        "uninstallable requirement",
        ("-i", "vew-no-such-package"),
        environ={
            "VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "",  # seed pip: the install must really run
            "PIP_NO_INDEX": "1",
            "PIP_FIND_LINKS": str(index),
        },
        says="pip install failed",
        status=1,
        others_first=True,
    )


# --- the commands that create an environment ---


@dataclass(frozen=True)
class Creator:
    """How a command is asked to create environment NAME with creation options OPTIONS."""

    command: str
    named: bool = True  # mktmpenv picks its own name
    takes_options: bool = True  # cpvirtualenv copies: no creator, no -p/-i

    def argv(self, options: tuple[str, ...], name: str, source: Path) -> list[str]:
        if self.command == "cpvirtualenv":
            return ["cpvirtualenv", str(source), name]
        return [self.command, *options, *([name] if self.named else [])]


CREATORS = {
    creator.command: creator
    for creator in (
        Creator("mkvirtualenv"),
        Creator("mktmpenv", named=False),
        Creator("mkproject"),
        Creator("cpvirtualenv", takes_options=False),
    )
}


# --- what is on disk ---


def _describe(path: Path) -> tuple[str, ...]:
    info = path.lstat()
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return ("dir", oct(info.st_mode))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return ("file", oct(info.st_mode), str(info.st_mtime_ns), digest)


def snapshot(*roots: Path) -> dict[str, tuple[str, ...]]:
    """Everything below ``roots``: path -> kind, mode, and for files mtime and content hash."""
    found: dict[str, tuple[str, ...]] = {}
    for root in roots:
        if not root.exists():
            continue
        found[str(root)] = _describe(root)
        for directory, subdirs, files in os.walk(root):
            for entry in (*subdirs, *files):
                path = Path(directory, entry)
                found[str(path)] = _describe(path)
    return found


def assert_nothing_left(before: dict[str, tuple[str, ...]], *roots: Path) -> None:
    after = snapshot(*roots)
    added = sorted(set(after) - set(before))
    removed = sorted(set(before) - set(after))
    changed = sorted(key for key in set(before) & set(after) if before[key] != after[key])
    # Directories' own timestamps move when an entry comes and goes; contents must not.
    assert (added, removed, changed) == ([], [], []), (added, removed, changed)


def assert_one_error(outcome: Outcome, fragment: str = "", *, others_first: bool = False) -> None:
    """The failure is reported as one ERROR line on stderr, the last one.

    With ``others_first``, ERROR lines may come before it: pip's own, or the report of a hook
    that failed (its file and status), which the final line then explains.
    """
    lines = outcome.stderr.splitlines()
    errors = [line for line in lines if line.startswith("ERROR:")]
    assert errors and lines[-1] == errors[-1], outcome.stderr
    assert len(errors) == 1 or others_first, outcome.stderr
    assert fragment in errors[-1], outcome.stderr
    assert "Traceback" not in outcome.stderr, outcome.stderr


# --- a filesystem that is full ---


class TinyFilesystem:
    """A tmpfs mounted for one test (vew's tests run as root, as .ci/run does).

    :meth:`leave_free` fills it so that only the given number of pages or inodes remain, so a
    test can sweep over every point at which creation can run out of space.
    """

    def __init__(self, mountpoint: Path, size: str = "4m", inodes: int = 4096) -> None:
        self.mountpoint = mountpoint
        mountpoint.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},nr_inodes={inodes},mode=0755",
             "tmpfs", str(mountpoint)],
            capture_output=True, text=True, check=False,
        )
        if done.returncode != 0:
            import pytest

            pytest.fail(f"cannot mount a tmpfs (the disk-full tests need root): {done.stderr}")
        self._filler = mountpoint / ".filler"
        self._spare_inodes: list[Path] = []

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.mountpoint)], check=False)

    def leave_free(self, pages: int | None = None, inodes: int | None = None) -> None:
        self.release()
        if pages is not None:
            stat = os.statvfs(self.mountpoint)
            spare = stat.f_bavail * stat.f_frsize - pages * stat.f_frsize
            with self._filler.open("wb") as handle:
                handle.truncate(0)
                os.posix_fallocate(handle.fileno(), 0, max(spare, 1))
        if inodes is not None:
            stat = os.statvfs(self.mountpoint)
            for index in range(stat.f_favail - inodes):
                path = self.mountpoint / f".inode-{index}"
                path.touch()
                self._spare_inodes.append(path)

    def release(self) -> None:
        self._filler.unlink(missing_ok=True)
        for path in self._spare_inodes:
            path.unlink()
        self._spare_inodes.clear()


# --- running several shells at once ---


def start_shell(argv: list[str], environ: Mapping[str, str],
                cwd: Path) -> subprocess.Popen[str]:
    """Start a shell on ``argv`` without waiting (for tests that race two shells)."""
    return subprocess.Popen(argv, env=dict(environ), cwd=cwd, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
