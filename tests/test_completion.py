"""The reference completer (what PowerShell asks the core for) and the lean entry point."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.completing import fake_env
from vew import catalogue, completion, shells


def values(words: list[str], environ: dict[str, str], cwd: Path | None = None) -> list[str]:
    return [candidate.value for candidate in completion.complete(words, environ, cwd)]


def test_environment_names(environ: dict[str, str], workon_home: Path) -> None:
    for name in ["one", "two", "my env", ".hidden", "building"]:
        fake_env(workon_home, name)
    (workon_home / "building" / ".vew-incomplete").write_text("")
    fake_env(workon_home, "windows", bin_dir="Scripts")
    assert values(["workon", ""], environ) == ["my env", "one", "two", "windows"]
    assert values(["workon", "-c", "o"], environ) == ["one"]
    assert values(["rmvirtualenv", "one", "t"], environ) == ["two"]
    assert values(["cpvirtualenv", "one", ""], environ) == []
    assert values(["setvirtualenvproject", "m"], environ) == ["my env"]


def test_options_carry_their_description(environ: dict[str, str]) -> None:
    found = completion.complete(["workon", "--"], environ)
    assert [(c.value, c.description) for c in found] == [
        ("--help", "show this help"),
        ("--cd", "change to the project directory (the default)"),
        ("--no-cd", "stay in the current directory"),
    ]


def test_option_values(environ: dict[str, str], tmp_path: Path) -> None:
    tmp_path = tmp_path / "here"
    (tmp_path / "project").mkdir(parents=True)
    (tmp_path / "requirements.txt").write_text("")
    (tmp_path / ".git").mkdir()
    assert values(["mkvirtualenv", "-a", ""], environ, tmp_path) == ["project/"]
    assert values(["mkvirtualenv", "-r", ""], environ, tmp_path) == [
        "project/", "requirements.txt"]
    assert values(["mkvirtualenv", "-a", "."], environ, tmp_path) == [".git/"]
    assert values(["mkvirtualenv", "-i", ""], environ, tmp_path) == []
    assert values(["mkvirtualenv", "-i", "x", "-"], environ, tmp_path)[:2] == ["-a", "-i"]
    assert values(["deactivate", ""], environ) == ["nondestructive"]


def test_a_long_option_value_after_an_equals_sign(environ: dict[str, str],
                                                  tmp_path: Path) -> None:
    (tmp_path / "vewpy3.99").write_text("")
    (tmp_path / "vewpy3.99").chmod(0o755)
    environ = dict(environ, PATH=str(tmp_path))
    assert values(["mkvirtualenv", "--python=vewpy"], environ) == ["--python=vewpy3.99"]
    assert values(["mkvirtualenv", "-p", "vewpy"], environ) == ["vewpy3.99"]


def test_directories_of_the_active_environment(environ: dict[str, str],
                                               workon_home: Path) -> None:
    env = fake_env(workon_home, "env")
    (env / "lib" / "python3.11" / "site-packages" / "pkg").mkdir(parents=True)
    (env / "pyvenv.cfg").write_text("home = /usr/bin\n")
    active = dict(environ, VIRTUAL_ENV=str(env))
    assert values(["cdvirtualenv", ""], active) == ["bin/", "lib/"]
    assert values(["cdvirtualenv", "lib/p"], active) == ["lib/python3.11/"]
    assert values(["cdsitepackages", ""], active) == ["pkg/"]
    assert values(["cdvirtualenv", ""], environ) == []


def test_templates_with_descriptions(environ: dict[str, str], workon_home: Path) -> None:
    templates = workon_home / "templates"
    templates.mkdir()
    (templates / "django").write_text("#!/bin/sh\n# a Django site\n")
    (templates / "django").chmod(0o755)
    found = completion.complete(["mkproject", "-t", ""], environ)
    assert [(c.value, c.description) for c in found] == [("django", "a Django site")]


def test_allvirtualenv_hands_over_to_the_command(environ: dict[str, str]) -> None:
    allvirtualenv = catalogue.BY_NAME["allvirtualenv"]
    assert completion.locate(allvirtualenv, ["allvirtualenv", "py"]).value.kind == "command"
    position = completion.locate(allvirtualenv, ["allvirtualenv", "ls", "-"])
    assert position.value is not None
    assert position.value.kind == catalogue.COMMAND_LINE


def test_vew_itself_comes_from_its_command_line(environ: dict[str, str]) -> None:
    vew = catalogue.vew_command()
    assert {"--version", "--help"} <= {flag for o in vew.options for flag in o.flags}
    init = vew.subcommand("init")
    assert init is not None and init.summary.startswith("Print the shell integration")
    assert "init" in values(["vew", ""], environ)
    assert values(["vew", "i"], environ) == ["init"]
    assert values(["vew", "init", ""], environ) == list(shells.NAMES)
    assert values(["vew", "init", "--st"], environ) == ["--static"]


def test_vew_values_are_known_by_their_metavar(environ: dict[str, str],
                                               workon_home: Path) -> None:
    fake_env(workon_home, "one")
    assert values(["vew", "run", ""], environ) == ["one"]
    assert values(["vew", "link", "o"], environ) == ["one"]
    assert values(["vew", "repair", "--all", "one", ""], environ) == ["one"]
    run = completion.locate(catalogue.vew_command(), ["vew", "run", "one", "--", "ls", "-"])
    assert run.value is not None and run.value.kind == catalogue.COMMAND_LINE


def _lean(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = ("import sys; from vew.__main__ import main; status = main(sys.argv[1:]); "
            "heavy = sorted(m for m in ('typer', 'click', 'rich', 'virtualenv') "
            "if m in sys.modules); print('HEAVY', heavy); sys.exit(status)")
    return subprocess.run([sys.executable, "-E", "-c", code, *args], capture_output=True,
                          text=True, env=environ, check=False)


@pytest.mark.parametrize("args", [["__complete", "site-packages", "ENV"],
                                  ["__complete", "templates"],
                                  ["__complete", "words", "bash", "workon", ""],
                                  ["__complete", "words", "zsh", "mkproject", "-t", ""]])
def test_the_entry_point_stays_lean(environ: dict[str, str], workon_home: Path,
                                    args: list[str]) -> None:
    env = fake_env(workon_home, "env")
    (env / "lib" / "python3.11" / "site-packages").mkdir(parents=True)
    args = [str(env) if arg == "ENV" else arg for arg in args]
    done = _lean(*args, environ=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "HEAVY []"


def test_the_entry_point_prints_what_the_shells_read(environ: dict[str, str],
                                                     workon_home: Path) -> None:
    env = fake_env(workon_home, "env")
    site = env / "lib" / "python3.12" / "site-packages"
    site.mkdir(parents=True)
    done = _lean("__complete", "site-packages", str(env), environ=environ)
    assert done.stdout.splitlines()[0] == str(site)
    done = _lean("__complete", "words", "bash", "workon", "--n", environ=environ)
    assert done.stdout.splitlines()[0] == "--no-cd\t--no-cd\tstay in the current directory"
    missing = _lean("__complete", "site-packages", str(workon_home / "nothing"), environ=environ)
    assert missing.returncode == 1
    assert _lean("__complete", environ=environ).returncode == 2


def test_the_stored_vew_command_matches_the_command_line() -> None:
    """vew init reads vew's own spec from a file (no typer at shell start); it must not drift."""
    from vew import cli

    stored = Path(catalogue.VEW_COMMAND_FILE).read_text(encoding="utf-8")
    derived = catalogue.to_json(cli.command_spec()) + "\n"
    assert stored == derived, "run `python -m vew.cli` to rewrite src/vew/vew_command.json"
