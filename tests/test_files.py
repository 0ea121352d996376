"""vew.files: whole-file replacement that never writes through a link, and reads that never
block on a special file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from vew import files


def test_a_planted_link_at_the_temporary_name_is_never_followed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone who guesses the temporary name and plants a link there gets nothing written
    through it: the exclusive, no-follow creation fails and another name is used."""
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    target = tmp_path / "pyvenv.cfg"
    target.write_text("old\n")
    names = iter(["guessed", "fresh"])
    monkeypatch.setattr(files, "_random_hex", lambda: next(names))
    (tmp_path / ".pyvenv.cfg.vew-guessed.tmp").symlink_to(victim)
    files.write_atomic(target, b"new\n")
    assert victim.read_text() == "precious\n"
    assert target.read_text() == "new\n"


def test_the_mode_is_kept_and_a_link_is_replaced_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.write_text("outside\n")
    link = tmp_path / ".project"
    link.symlink_to(outside)
    files.write_atomic(link, b"/somewhere\n")
    assert outside.read_text() == "outside\n"
    assert not link.is_symlink() and link.read_text() == "/somewhere\n"
    script = tmp_path / "script"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o751)
    files.write_atomic(script, b"#!/bin/sh\necho new\n")
    assert stat.S_IMODE(script.stat().st_mode) == 0o751


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file"
    target.write_text("old\n")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", no_space)
    with pytest.raises(OSError):
        files.write_atomic(target, b"new\n")
    assert target.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["file"]


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    with pytest.raises(files.NotRegular):
        files.read_regular(fifo)
    with pytest.raises(FileNotFoundError):
        files.read_regular(tmp_path / "missing")
