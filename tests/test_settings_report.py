"""`vew config`: every setting, its value and its origin; `--path`; a file vew cannot use."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

VEW = [sys.executable, "-m", "vew"]
VARIABLES = ["WORKON_HOME", "VIRTUALENVWRAPPER_HOOK_DIR", "PROJECT_HOME",
             "VIRTUALENVWRAPPER_PROJECT_FILENAME", "VIRTUALENVWRAPPER_WORKON_CD",
             "VIRTUALENVWRAPPER_VIRTUALENV", "VIRTUALENVWRAPPER_VIRTUALENV_ARGS",
             "VIRTUALENVWRAPPER_LOG_FILE", "VIRTUALENVWRAPPER_TMPDIR", "VEW_PLUGIN_PATH",
             "VEW_AUTO_ACTIVATE", "VEW_CREATOR"]


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VEW, *args], capture_output=True, text=True, env=environ,
                          check=False)


@pytest.fixture
def config_file(environ: dict[str, str]) -> Path:
    path = Path(environ["XDG_CONFIG_HOME"], "vew", "config.toml")
    path.parent.mkdir(parents=True)
    return path


def rows(stdout: str) -> dict[str, tuple[str, str]]:
    """VARIABLE -> (origin, value) from the table's lines."""
    table = {}
    for line in stdout.splitlines():
        if line.startswith("note:"):
            continue
        origin, assignment = line.split("  ", 1)
        variable, value = assignment.strip().split("=", 1)
        table[variable] = (origin.strip(), value)
    return table


def test_path_prints_the_file_in_the_user_config_directory(environ: dict[str, str]) -> None:
    done = vew("config", "--path", environ=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout == str(Path(environ["XDG_CONFIG_HOME"], "vew", "config.toml")) + "\n"


def test_every_setting_with_its_value_and_origin(environ: dict[str, str],
                                                 config_file: Path) -> None:
    config_file.write_text('project_home = "~/src"\nvirtualenv_args = ["--prompt", "a b"]\n'
                           "workon_cd = false\n", encoding="utf-8")
    environ.pop("VIRTUALENVWRAPPER_VIRTUALENV_ARGS")
    environ["VIRTUALENVWRAPPER_LOG_FILE"] = "/var/log/vew.log"
    done = vew("config", environ=environ)
    assert done.returncode == 0, done.stderr
    table = rows(done.stdout)
    assert list(table) == VARIABLES
    home = environ["HOME"]
    assert table["WORKON_HOME"] == ("environment", environ["WORKON_HOME"])
    assert table["VIRTUALENVWRAPPER_HOOK_DIR"] == ("default", environ["WORKON_HOME"])
    assert table["PROJECT_HOME"] == (str(config_file), f"{home}/src")
    assert table["VIRTUALENVWRAPPER_PROJECT_FILENAME"] == ("default", ".project")
    assert table["VIRTUALENVWRAPPER_WORKON_CD"] == (str(config_file), "0")
    assert table["VIRTUALENVWRAPPER_VIRTUALENV"] == ("default", "")
    # Values are written as a shell would take them back.
    assert table["VIRTUALENVWRAPPER_VIRTUALENV_ARGS"] == (str(config_file),
                                                          "'--prompt '\"'\"'a b'\"'\"''")
    assert table["VIRTUALENVWRAPPER_LOG_FILE"] == ("environment", "/var/log/vew.log")
    assert "note:" not in done.stdout
    assert done.stderr == ""


def test_without_a_file_everything_else_is_a_default(environ: dict[str, str]) -> None:
    environ.pop("WORKON_HOME")
    environ.pop("VIRTUALENVWRAPPER_VIRTUALENV_ARGS")
    done = vew("config", environ=environ)
    assert done.returncode == 0, done.stderr
    table = rows(done.stdout)
    assert {origin for origin, _ in table.values()} == {"default"}
    assert table["WORKON_HOME"][1] == f"{environ['HOME']}/.virtualenvs"


def test_notes_a_file_value_the_environment_overrides(environ: dict[str, str],
                                                      config_file: Path) -> None:
    config_file.write_text('workon_home = "/from/file"\n', encoding="utf-8")
    done = vew("config", environ=environ)
    assert done.returncode == 0, done.stderr
    assert rows(done.stdout)["WORKON_HOME"] == ("environment", environ["WORKON_HOME"])
    notes = [line for line in done.stdout.splitlines() if line.startswith("note:")]
    assert f"WORKON_HOME in the environment overrides workon_home (/from/file) in {config_file}" \
        in notes[0]
    assert "vew init SHELL --static" in notes[1]


def test_a_malformed_file_is_one_error_line(environ: dict[str, str], config_file: Path) -> None:
    config_file.write_text('workon_home = "/x"\nworkon_cd = maybe\n', encoding="utf-8")
    done = vew("config", environ=environ)
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr == (f"ERROR: configuration file {config_file}, line 2, column 13: "
                           "Invalid value\n")
    # Finding the file to fix it still works.
    assert vew("config", "--path", environ=environ).stdout == f"{config_file}\n"


def test_init_says_a_malformed_file_is_broken_and_renders_the_defaults(
        environ: dict[str, str], config_file: Path) -> None:
    """The eval set-up keeps every command; the static one refuses to write a file."""
    config_file.write_text("log_file = 42\n", encoding="utf-8")
    message = f"ERROR: configuration file {config_file}, line 1: log_file must be a string"
    done = vew("init", "bash", environ=environ)
    assert done.returncode == 0
    assert "workon()" in done.stdout
    assert done.stderr == f"{message} (vew's defaults apply until it is fixed)\n"
    static = vew("init", "bash", "--static", environ=environ)
    assert (static.returncode, static.stdout, static.stderr) == (1, "", f"{message}\n")
