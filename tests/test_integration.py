"""`vew init`: the eval set-up, the static set-up, and a core reached by absolute path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness
from vew import integration, shells

VEW = [sys.executable, "-m", "vew"]


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VEW, *args], capture_output=True, text=True, env=environ,
                          check=False)


def test_eval_setup_defines_the_commands(sh: ShellHarness, make_env) -> None:
    make_env("one")
    sh.setup = "eval"
    script = sh.script()
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", "one")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[listed].stdout == "one\n"
    assert run[worked].status == 0
    assert run[active].stdout == str(sh.workon_home / "one")


def test_the_core_is_called_by_absolute_path(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """An empty PATH and another environment active must not break the callback."""
    make_env("other")
    script = sh.script()
    script.call("workon", "other")
    script.export("PATH", "/nonexistent-bin")
    made = script.call("rmvirtualenv", "nothing-here")
    run = sh.run(script)
    assert run[made].status == 0
    assert "did not find environment" in run[made].stderr


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_init_prints_a_shim_that_parses(shell: str, environ: dict[str, str]) -> None:
    done = vew("init", shell, environ=environ)
    assert done.returncode == 0, done.stderr
    assert "workon" in done.stdout
    parsed = subprocess.run([shell, "-n"], input=done.stdout, text=True, capture_output=True,
                            check=False)
    assert parsed.returncode == 0, parsed.stderr


def test_init_without_shell_detects_the_calling_one(environ: dict[str, str]) -> None:
    command = " ".join(VEW) + " init"
    done = subprocess.run(["zsh", "-f", "-c", f"{command}; true"], capture_output=True,
                          text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert "emulate -L zsh" in done.stdout


def test_init_rejects_an_unknown_shell(environ: dict[str, str]) -> None:
    done = vew("init", "tcsh", environ=environ)
    assert done.returncode == 2
    assert "unsupported shell" in done.stderr


RC_FILES = {"bash": ".bashrc", "zsh": ".zshrc", "fish": ".config/fish/config.fish"}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_static_setup_writes_once_and_installs_one_line(shell: str,
                                                       environ: dict[str, str]) -> None:
    home = Path(environ["HOME"])
    done = vew("init", shell, "--static", "--install", environ=environ)
    assert done.returncode == 0, done.stderr
    rendered = home / ".local" / "share" / "vew" / f"vew.{shell}"
    assert rendered.is_file()
    rc = home / RC_FILES[shell]
    line = shells.get(shell).source_line(str(rendered))
    assert rc.read_text().splitlines().count(line) == 1

    again = vew("init", shell, "--static", "--install", environ=environ)
    assert again.returncode == 0
    assert "already in" in again.stdout
    assert rc.read_text().splitlines().count(line) == 1


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_sourcing_the_static_file_starts_no_process(shell: str, environ: dict[str, str],
                                                    tmp_path: Path) -> None:
    """Loading vew from the static file runs no program at all (strace counts execve)."""
    Path(environ["WORKON_HOME"]).mkdir()
    path = tmp_path / f"vew.{shell}"
    path.write_text(integration.shim(shells.get(shell), str(path)))
    flags = {"bash": ["--norc", "--noprofile"], "zsh": ["-f"], "fish": ["--no-config"]}[shell]
    trace = tmp_path / "trace"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), shell, *flags, "-c",
         f"source {path}; workon >/dev/null; lsvirtualenv -b"],
        capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    execs = [line for line in trace.read_text().splitlines() if "execve(" in line]
    assert len(execs) == 1, execs  # the shell itself, nothing else


def test_relative_and_tilde_workon_home_resolve_under_home(sh: ShellHarness) -> None:
    home = sh.home
    script = sh.script()
    shown = script.var("WORKON_HOME")
    for value, expected in [("envs", home / "envs"), ("~/tilde-envs", home / "tilde-envs"),
                            ("$HOME/var-envs", home / "var-envs")]:
        run = sh.run(script, extra_env={"WORKON_HOME": value})
        assert run[shown].stdout == str(expected)
        assert expected.is_dir()
    unset = dict(sh.environ)
    del unset["WORKON_HOME"]
    sh.environ = unset
    assert sh.run(script)[shown].stdout == str(home / ".virtualenvs")


def test_python_minus_m_vew_works(environ: dict[str, str]) -> None:
    done = vew("--version", environ=environ)
    assert done.returncode == 0
    assert done.stdout.startswith("vew ")


def test_environment_home_is_resolved_by_the_core(environ: dict[str, str]) -> None:
    env = dict(environ, WORKON_HOME="rel/../envs")
    done = vew("__home", environ=env)
    assert done.stdout.strip() == os.path.join(environ["HOME"], "envs")
