from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.environments import platlib
from tests.support.harness import ShellHarness
from vew.path_extensions import FOOTER, HEADER

# virtualenvwrapper 6.1.1 writes these two lines; files must interchange both ways.
UPSTREAM_HEADER = "import sys; sys.__plen = len(sys.path)"
UPSTREAM_FOOTER = ("import sys; new=sys.path[sys.__plen:]; del sys.path[sys.__plen:]; "
                   "p=getattr(sys,'__egginsert',0); sys.path[p:p]=new; "
                   "sys.__egginsert = p+len(new)")


def _pth(env: Path) -> Path:
    return Path(platlib(env)) / "_virtualenv_path_extensions.pth"


def _sys_path(env: Path, code: str = "import sys; print('\\n'.join(sys.path))") -> list[str]:
    done = subprocess.run([env / "bin" / "python", "-c", code], capture_output=True, text=True,
                          check=True, cwd="/")
    return done.stdout.splitlines()


def test_the_file_is_virtualenvwrappers() -> None:
    assert (HEADER, FOOTER) == (UPSTREAM_HEADER, UPSTREAM_FOOTER)


def test_added_directories_are_importable_first_newest_first(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    env = make_env("e")
    first, second = tmp_path / "first dir", tmp_path / "second"
    for directory, label in ((first, "first"), (second, "second")):
        directory.mkdir()
        (directory / "shadowed.py").write_text(f"WHO = {label!r}\n")
    script = sh.script()
    script.call("workon", "e")
    added = script.call("add2virtualenv", str(first), str(second))
    run = sh.run(script)
    assert (run[added].status, run[added].stdout, run[added].stderr) == (0, "", "")
    assert _pth(env).read_text() == f"{HEADER}\n{second}\n{first}\n{FOOTER}\n"
    path = _sys_path(env)
    # Right after sys.path[0] (the script's directory), before the standard library.
    assert path[1:3] == [str(second), str(first)]
    assert _sys_path(env, "import shadowed; print(shadowed.WHO)") == ["second"]


def test_relative_directory_is_made_absolute_with_a_warning(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    env = make_env("e")
    (tmp_path / "lib").mkdir()
    script = sh.script()
    script.call("workon", "-n", "e")
    added = script.call("add2virtualenv", "lib/", "missing")
    run = sh.run(script, cwd=tmp_path)
    assert run[added].status == 0
    assert run[added].stderr == (f'Warning: Converting "lib/" to "{tmp_path}/lib"\n'
                                 f'Warning: Converting "missing" to "{tmp_path}/missing"\n')
    assert _pth(env).read_text() == f"{HEADER}\n{tmp_path}/missing\n{tmp_path}/lib\n{FOOTER}\n"


def test_remove_mode_and_duplicates(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    odd = "/tmp/a:b[c].*&d"
    script = sh.script()
    script.call("workon", "e")
    script.call("add2virtualenv", "/one", odd, "/two", "/one")
    removed = script.call("add2virtualenv", "-d", odd, "/absent")
    # -d counts only as the first argument; elsewhere it is a (relative) directory.
    script.call("add2virtualenv", "/three", "-d")
    run = sh.run(script, cwd=Path("/"))
    assert run[removed].status == 0
    assert _pth(env).read_text() == f"{HEADER}\n/-d\n/three\n/two\n/one\n{FOOTER}\n"


def test_an_upstream_file_is_extended_in_place(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    _pth(env).write_text(f"{UPSTREAM_HEADER}\n/old\n{UPSTREAM_FOOTER}\n")
    script = sh.script()
    script.call("workon", "e")
    script.call("add2virtualenv", "/new")
    script.call("add2virtualenv", "-d", "/old")
    run = sh.run(script)
    assert run.status == 0
    assert _pth(env).read_text() == f"{UPSTREAM_HEADER}\n/new\n{UPSTREAM_FOOTER}\n"


def test_no_directory_shows_usage_and_the_existing_paths(sh: ShellHarness, make_env) -> None:
    make_env("e")
    script = sh.script()
    script.call("workon", "e")
    empty = script.call("add2virtualenv")
    script.call("add2virtualenv", "/a", "/b")
    listed = script.call("add2virtualenv")
    only_d = script.call("add2virtualenv", "-d")
    run = sh.run(script)
    assert run[empty].status == 1
    assert run[empty].stdout == ""
    assert run[empty].stderr.startswith("Usage: add2virtualenv")
    assert run[listed].status == 1
    assert run[listed].stdout == "\nExisting paths:\n/b\n/a\n"
    assert run[listed].stderr.startswith("Usage: add2virtualenv")
    assert run[only_d].status == 1


def test_nothing_active_is_an_error(sh: ShellHarness, workon_home: Path) -> None:
    done = sh("add2virtualenv", "/x")
    assert done.status == 1
    assert "no virtualenv active" in done.stderr


def test_relative_directories_are_taken_from_the_directory_the_shell_shows(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """In a symlinked directory, `lib` and `../lib` are read as `cd` reads them (as $PWD
    spells it), the same way setvirtualenvproject reads a relative project."""
    env = make_env("e")
    (tmp_path / "real" / "lib").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "link").symlink_to(tmp_path / "real")
    script = sh.script()
    script.call("workon", "-n", "e")
    script.call("cd", str(tmp_path / "elsewhere" / "link"))
    added = script.call("add2virtualenv", "lib", "../lib")
    run = sh.run(script)
    assert run[added].status == 0, run[added].stderr
    link = tmp_path / "elsewhere" / "link"
    assert _pth(env).read_text() == \
        f"{HEADER}\n{tmp_path / 'elsewhere' / 'lib'}\n{link / 'lib'}\n{FOOTER}\n"
