"""virtualenvwrapper's variables that scripts rely on: VIRTUALENVWRAPPER_SCRIPT, a file bash and
zsh can source to get vew, and VIRTUALENVWRAPPER_PYTHON, the interpreter vew runs on."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness
from vew import integration

FLAGS = {"bash": ["--norc", "--noprofile"], "zsh": ["-f"]}


def loaded_variables(sh: ShellHarness) -> tuple[str, str]:
    script = sh.script()
    where = script.var("VIRTUALENVWRAPPER_SCRIPT")
    python = script.var("VIRTUALENVWRAPPER_PYTHON")
    run = sh.run(script)
    return run[where].stdout, run[python].stdout


@pytest.mark.parametrize("setup", ["eval", "init-static"])
def test_the_script_loads_vew_into_a_fresh_bash_and_zsh(
        posix_sh: ShellHarness, environ: dict[str, str], make_env: Callable[..., Path],
        setup: str) -> None:
    """Whichever shell and set-up wrote it, both shells get vew from it, in a process that
    has nothing but WORKON_HOME (and HOME, which every login has) in its environment."""
    make_env("e")
    posix_sh.setup = setup
    script, python = loaded_variables(posix_sh)
    assert script == str(Path(environ["XDG_DATA_HOME"], "vew", "virtualenvwrapper.sh"))
    assert python == integration.core_command()[0]
    for shell in ("bash", "zsh"):
        done = subprocess.run(
            ["env", "-i", f"WORKON_HOME={environ['WORKON_HOME']}", f"HOME={environ['HOME']}",
             shell, *FLAGS[shell], "-c",
             f'source "{script}" && workon e && printf "%s\\n" "$VIRTUAL_ENV" && '
             'lsvirtualenv -b && printf "%s\\n" "$VIRTUALENVWRAPPER_SCRIPT"'],
            capture_output=True, text=True, check=False)
        assert done.returncode == 0, (shell, done.stderr)
        assert done.stdout == f"{environ['WORKON_HOME']}/e\ne\n{script}\n", shell
        assert done.stderr == ""


def test_a_stale_script_is_written_again(posix_sh: ShellHarness,
                                         environ: dict[str, str]) -> None:
    posix_sh.setup = "eval"
    script = Path(loaded_variables(posix_sh)[0])
    fresh = script.read_text()
    assert integration.core_command()[0] in fresh
    script.write_text("echo an older vew\n")
    assert loaded_variables(posix_sh)[0] == str(script)
    assert script.read_text() == fresh


def test_a_python_of_the_users_own_is_kept(posix_sh: ShellHarness,
                                           environ: dict[str, str]) -> None:
    environ["VIRTUALENVWRAPPER_PYTHON"] = "/usr/bin/python3"
    assert loaded_variables(posix_sh)[1] == "/usr/bin/python3"


def test_the_python_runs_vew(posix_sh: ShellHarness) -> None:
    done = posix_sh("sh", "-c", '"$VIRTUALENVWRAPPER_PYTHON" -c "import vew; print(vew.__name__)"')
    assert (done.stdout, done.status) == ("vew\n", 0)
