"""Where things are inside an environment, for both layouts, checked on any platform.

Windows environments (virtualenv's and venv's alike) keep their scripts in ``Scripts\\`` with
``python.exe`` and ``Lib\\site-packages``; the trees below are built by hand as they lie there.
"""

from __future__ import annotations

from pathlib import Path

from vew import health, layout, store


def windows_env(path: Path, *, activate_ps1: str = "activate.ps1") -> Path:
    """A Windows-layout environment as virtualenv (activate.ps1) or venv (Activate.ps1) makes."""
    scripts = path / "Scripts"
    scripts.mkdir(parents=True)
    for name in ("activate", "activate.bat", "deactivate.bat", activate_ps1, "python.exe",
                 "pythonw.exe", "pip.exe"):
        (scripts / name).write_text("")
    (path / "Lib" / "site-packages").mkdir(parents=True)
    (path / "Include").mkdir()
    (path / "pyvenv.cfg").write_text(
        f"home = {path.parent}\nimplementation = CPython\nversion_info = 3.12.4.final.0\n"
        "include-system-site-packages = false\n")
    return path


def posix_env(path: Path) -> Path:
    bin_dir = path / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("activate", "activate.fish", "activate.ps1", "python"):
        (bin_dir / name).write_text("")
    (path / "lib" / "python3.12" / "site-packages").mkdir(parents=True)
    (path / "pyvenv.cfg").write_text("home = /usr/bin\nversion_info = 3.12.4\n")
    return path


def test_windows_layout(tmp_path: Path) -> None:
    env = windows_env(tmp_path / "win")
    assert layout.is_windows_layout(env)
    assert layout.bin_dir(env) == env / "Scripts"
    assert layout.python(env) == env / "Scripts" / "python.exe"
    assert layout.site_packages(env) == env / "Lib" / "site-packages"


def test_posix_layout(tmp_path: Path) -> None:
    env = posix_env(tmp_path / "nix")
    assert not layout.is_windows_layout(env)
    assert layout.bin_dir(env) == env / "bin"
    assert layout.python(env) == env / "bin" / "python"
    assert layout.site_packages(env) == env / "lib" / "python3.12" / "site-packages"


def test_a_directory_with_both_is_the_posix_layout(tmp_path: Path) -> None:
    """MSYS2's Python makes bin/ even on Windows; a stray Scripts/ beside it changes nothing."""
    env = posix_env(tmp_path / "both")
    (env / "Scripts").mkdir()
    assert layout.bin_dir(env) == env / "bin"
    assert layout.python(env) == env / "bin" / "python"


def test_site_packages_missing(tmp_path: Path) -> None:
    env = tmp_path / "bare"
    (env / "Scripts").mkdir(parents=True)
    assert layout.site_packages(env) is None


def test_the_store_sees_windows_layout_environments(tmp_path: Path) -> None:
    home = tmp_path / "wh"
    windows_env(home / "win")
    windows_env(home / "venv-made", activate_ps1="Activate.ps1")
    posix_env(home / "nix")
    windows_env(home / "building")
    (home / "building" / store.INCOMPLETE_MARKER).write_text("")
    windows_env(home / ".hidden")
    (home / "not-an-env" / "Scripts").mkdir(parents=True)
    assert store.is_environment(home / "win")
    assert not store.is_environment(home / "building")
    assert not store.is_environment(home / "not-an-env")
    assert store.names_in(home) == ["nix", "venv-made", "win"]


def test_health_of_a_windows_layout_environment(tmp_path: Path) -> None:
    home = tmp_path / "wh"
    windows_env(home / "win")
    report = health.inspect(home, "win")
    assert report.problems == []
    assert report.python_version == "3.12.4"
