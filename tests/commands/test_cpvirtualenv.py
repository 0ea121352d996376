from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import wheels
from tests.support.harness import ShellHarness, log_hook, read_log
from vew import store

# A name that needs quoting in every language an activate script is written in.
ODD_NAME = "it's a copy"


def _text_mentions(env: Path, needle: str) -> list[str]:
    """Files of the script directory, and pyvenv.cfg, whose bytes hold ``needle``."""
    files = [env / "pyvenv.cfg", *(env / "bin").iterdir()]
    return [path.name for path in files
            if path.is_file() and not path.is_symlink()
            and needle.encode() in path.read_bytes()]


@pytest.fixture
def tool_wheel(tmp_path: Path) -> Path:
    return wheels.build_wheel(tmp_path / "dist", "prefix_tool", **wheels.PREFIX_TOOL)


def test_copy_works_on_its_own_after_the_source_is_deleted(
        sh: ShellHarness, workon_home: Path, environ: dict[str, str], tool_wheel: Path) -> None:
    source = wheels.seeded_env(workon_home / "src", environ)
    subprocess.run([source / "bin" / "python", "-m", "pip", "install", "-q", "--no-index",
                    str(tool_wheel)], check=True, env=environ)
    target = workon_home / ODD_NAME
    script = sh.script()
    copy = script.call("cpvirtualenv", "src", ODD_NAME)
    active = script.var("VIRTUAL_ENV")
    script.call("rm", "-rf", str(source))
    pip = script.call("pip", "--version")
    tool = script.call("prefix-tool")
    prefix = script.call("python", "-c", "import sys; print(sys.prefix)")
    script.call("deactivate")
    # Activating anew, after the source is gone, still means the copy.
    again = script.call("workon", ODD_NAME)
    which = script.call("python", "-c", "import sys; print(sys.executable)")
    run = sh.run(script)

    assert run[copy].status == 0, run[copy]
    assert run[copy].stdout.startswith(f"Copying src as {ODD_NAME}...\n")
    assert run[active].stdout == str(target)
    assert run[pip].status == 0, run[pip]
    assert f"from {target}/lib/" in run[pip].stdout
    assert run[tool].stdout == f"prefix {target}\n"
    assert run[prefix].stdout == f"{target}\n"
    assert run[again].status == 0
    assert run[which].stdout == f"{target / 'bin' / 'python'}\n"
    assert not source.exists()
    assert _text_mentions(target, str(source)) == []


def test_activate_scripts_of_the_copy_set_its_path(
        workon_home: Path, make_env, sh: ShellHarness) -> None:
    make_env("src", "--activators", "bash,fish,powershell")
    target = workon_home / ODD_NAME
    assert sh("cpvirtualenv", "src", ODD_NAME).status == 0
    fish = subprocess.run(
        ["fish", "--no-config", "-c", 'source $argv[1]; printf %s "$VIRTUAL_ENV"',
         str(target / "bin" / "activate.fish")],
        capture_output=True, text=True, check=True)
    assert fish.stdout == str(target)
    bash = subprocess.run(
        ["bash", "--norc", "-c", '. "$1"; printf %s "$VIRTUAL_ENV"', "bash",
         str(target / "bin" / "activate")], capture_output=True, text=True, check=True)
    assert bash.stdout == str(target)
    config = (target / "pyvenv.cfg").read_text()
    assert str(workon_home / "src") not in config


def test_copy_from_a_path_outside_workon_home(
        sh: ShellHarness, tmp_path: Path, environ: dict[str, str], workon_home: Path) -> None:
    outside = tmp_path / "elsewhere" / "proj env"
    subprocess.run([sys.executable, "-m", "virtualenv", "-q", "--no-seed", str(outside)],
                   check=True, env=environ)
    script = sh.script()
    copy = script.call("cpvirtualenv", str(outside))
    active = script.var("VIRTUAL_ENV")
    prefix = script.call("python", "-c", "import sys; print(sys.prefix)")
    run = sh.run(script)
    assert run[copy].status == 0, run[copy]
    assert run[copy].stdout.startswith("Copying proj env as proj env...\n")
    assert run[active].stdout == str(workon_home / "proj env")
    assert run[prefix].stdout == f"{workon_home / 'proj env'}\n"
    assert outside.is_dir()


def test_hooks_fire_in_order_and_local_hooks_go_to_the_target_only(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    source = make_env("src")
    make_env("before")
    log = tmp_path / "hooks.log"
    for name, sourced in (("precpvirtualenv", False), ("premkvirtualenv", False),
                          ("preactivate", False), ("postactivate", True),
                          ("predeactivate", True), ("postdeactivate", True),
                          ("postmkvirtualenv", True), ("postcpvirtualenv", True)):
        log_hook(workon_home, name, log, sourced=sourced)
    script = sh.script()
    script.call("workon", "before")
    script.call("sh", "-c", f": > '{log}'")
    copy = script.call("cpvirtualenv", "src", "dst")
    run = sh.run(script)
    assert run[copy].status == 0, run[copy]
    assert read_log(log) == [
        f"precpvirtualenv {source} dst",
        "premkvirtualenv dst",
        "predeactivate",
        "postdeactivate",
        "preactivate dst",
        "postactivate",
        "postmkvirtualenv",
        "postcpvirtualenv",
    ]
    local = {"preactivate", "postactivate", "predeactivate", "postdeactivate", "get_env_details"}
    assert local <= {path.name for path in (workon_home / "dst" / "bin").iterdir()}
    assert not local & {path.name for path in (source / "bin").iterdir()}


def test_project_file_is_copied_as_it_is_and_the_copy_is_never_temporary(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    source = make_env("src")
    (source / ".project").write_text(f"{tmp_path}\n")
    (source / "README.tmpenv").write_text("temporary\n")
    assert sh("cpvirtualenv", "src", "dst").status == 0
    assert (workon_home / "dst" / ".project").read_text() == f"{tmp_path}\n"
    assert not (workon_home / "dst" / "README.tmpenv").exists()
    assert (source / "README.tmpenv").read_text() == "temporary\n"


@pytest.mark.parametrize("args", [(), ("missing",), ("",)])
def test_no_valid_source_is_an_error(sh: ShellHarness, workon_home: Path,
                                     args: tuple[str, ...]) -> None:
    done = sh("cpvirtualenv", *args)
    assert done.status == 1
    assert done.stdout == ""
    assert "provide a valid virtualenv to copy" in done.stderr
    assert store.names_in(workon_home) == []


def test_existing_target_is_an_error_and_nothing_runs(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    make_env("src")
    make_env("dst")
    log = tmp_path / "hooks.log"
    log_hook(workon_home, "precpvirtualenv", log, sourced=False)
    script = sh.script()
    same = script.call("cpvirtualenv", "src")
    other = script.call("cpvirtualenv", "src", "dst")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    for index, name in ((same, "src"), (other, "dst")):
        assert run[index].status == 1
        assert run[index].stdout == ""
        assert f"{name} virtualenv already exists" in run[index].stderr
    assert run[active].stdout == "<unset>"
    assert read_log(log) == []


def test_invalid_target_name_is_a_usage_error(sh: ShellHarness, make_env) -> None:
    make_env("src")
    done = sh("cpvirtualenv", "src", "a/b")
    assert done.status == 2
    assert done.stderr.startswith("ERROR: ")


def test_failed_copy_leaves_nothing_and_runs_no_hooks(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    source = make_env("src")
    os.mkfifo(source / "a-fifo")  # a file type a copy refuses
    log = tmp_path / "hooks.log"
    log_hook(workon_home, "precpvirtualenv", log, sourced=False)
    log_hook(workon_home, "premkvirtualenv", log, sourced=False)
    script = sh.script()
    copy = script.call("cpvirtualenv", "src", "dst")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[copy].status == 1
    assert run[copy].stderr.startswith("ERROR: cannot copy")
    assert not (workon_home / "dst").exists()
    assert run[active].stdout == "<unset>"
    assert read_log(log) == []


def test_a_failing_premkvirtualenv_cancels_the_copy(
        sh: ShellHarness, workon_home: Path, make_env) -> None:
    make_env("src")
    hook = workon_home / "premkvirtualenv"
    hook.write_text("#!/bin/sh\nexit 3\n")
    hook.chmod(0o755)
    script = sh.script()
    copy = script.call("cpvirtualenv", "src", "dst")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[copy].status == 1
    assert "premkvirtualenv" in run[copy].stderr
    assert not (workon_home / "dst").exists()
    assert run[active].stdout == "<unset>"
