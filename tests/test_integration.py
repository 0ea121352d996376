"""`vew init`: the eval set-up, the static set-up, and a core reached by absolute path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness
from vew import __version__, integration, shells

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
    assert "Did not find environment" in run[made].stderr


@pytest.mark.parametrize("setup", ["static", "eval"])
def test_vew_itself_works_whatever_path_holds(sh: ShellHarness, make_env, setup: str) -> None:
    """After the set-up `vew` is the installation the shim came from, even with no vew on
    PATH and another environment active."""
    make_env("other")
    sh.setup = setup
    script = sh.script()
    script.call("workon", "other")
    script.export("PATH", "/nonexistent-bin")
    version = script.call("vew", "--version")
    listed = script.call("vew", "doctor")
    mistake = script.call("vew", "doctr")
    run = sh.run(script)
    assert (run[version].status, run[version].stdout) == (0, f"vew {__version__}\n")
    assert run[listed].status == 0, run[listed].stderr
    assert run[listed].stdout == f"No problems found in {sh.workon_home} (1 environment).\n"
    assert run[mistake].status == 2
    assert run[mistake].stderr.startswith("ERROR: vew: No such command 'doctr'.")


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


def _pwsh() -> str:
    found = shutil.which("pwsh") or str(Path.home() / ".dotnet" / "tools" / "pwsh")
    if not os.access(found, os.X_OK):
        pytest.fail("pwsh is not installed")
    return found


# Each shell started as a user's would be, reading its own start-up files; it shows that vew
# loaded (workon is a function) and works.
STARTED = {
    "zsh": ["zsh", "-i", "-c", "whence -w workon; vew --version"],
    "fish": ["fish", "-c", "functions -q workon; and echo 'workon: function'; vew --version"],
    "powershell": ["pwsh", "-NoLogo", "-NonInteractive", "-Command",
                   "'workon: ' + (Get-Command workon).CommandType.ToString().ToLower(); "
                   "vew --version"],
}


@pytest.mark.parametrize(("shell", "variable"), [
    ("zsh", "ZDOTDIR"), ("fish", "XDG_CONFIG_HOME"), ("powershell", "XDG_CONFIG_HOME")])
def test_static_install_writes_where_the_shell_reads(shell: str, variable: str,
                                                     environ: dict[str, str],
                                                     tmp_path: Path) -> None:
    """ZDOTDIR for zsh, XDG_CONFIG_HOME for fish, $PROFILE as PowerShell reports it."""
    environ[variable] = str(tmp_path / "elsewhere")
    argv = STARTED[shell]
    if shell == "powershell":
        argv = [_pwsh(), *argv[1:]]
        environ["PATH"] = f"{Path(argv[0]).parent}{os.pathsep}{environ['PATH']}"
        # .ci/run sets it where pwsh finds no ICU data.
        environ.update({key: value for key, value in os.environ.items()
                        if key.startswith("DOTNET_")})
    done = vew("init", shell, "--static", "--install", environ=environ)
    assert done.returncode == 0, done.stderr
    assert f"# added to {tmp_path / 'elsewhere'}{os.sep}" in done.stdout
    started = subprocess.run(argv, capture_output=True, text=True, env=environ,
                             cwd=tmp_path, timeout=120, check=False)
    assert started.returncode == 0, started.stderr
    assert started.stdout.splitlines()[-2:] == ["workon: function", f"vew {__version__}"]


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
