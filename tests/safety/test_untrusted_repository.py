"""What a repository brings along is untrusted: a ``.venv`` file never reaches the terminal
raw, and auto-activation compares directories, not spellings of them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.harness import UNSET, Script, ShellHarness

AUTO = {"VEW_AUTO_ACTIVATE": "1"}
# What a hostile .venv could print: a clipboard write (OSC 52), a window title, a C1 CSI.
ESCAPES = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;owned\x07\u009b31m"


def enter(script: Script, sh: ShellHarness, directory: Path) -> None:
    """cd, then what an interactive shell runs before its next prompt."""
    script.raw(sh.language.cd(str(directory)))
    if sh.shell == "bash":
        script.raw('eval "$PROMPT_COMMAND"')


def test_a_hostile_venv_file_is_shown_harmless(sh: ShellHarness, tmp_path: Path,
                                              make_env) -> None:
    make_env("real")
    repository = tmp_path / "repo\x1b[2J"
    repository.mkdir()
    (repository / ".venv").write_text(f"real{ESCAPES}\n")
    script = sh.script()
    enter(script, sh, repository)
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)
    everything = run.stdout + run.stderr
    for raw in ("\x1b", "\x07", "\u009b"):
        assert raw not in everything, repr(everything)
    errors = [line for line in run.stderr.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1, run.stderr
    assert "/.venv names no environment: 'real?]52;c;cm0gLXJmIH4=??]0;owned??31m'" in errors[0]
    assert "repo?[2J" in errors[0]
    assert run[active].stdout == UNSET


def test_a_long_venv_line_is_cut(sh: ShellHarness, tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".venv").write_text("\x1b" + "x" * 100_000 + "\n")
    script = sh.script()
    enter(script, sh, tmp_path / "repo")
    run = sh.run(script, extra_env=AUTO)
    assert 0 < len(run.stderr) < 400, len(run.stderr)


def test_a_symlinked_workon_home_activates_once(sh: ShellHarness, tmp_path: Path) -> None:
    """The environment's activate script names its real directory; WORKON_HOME is a link to
    it: moving inside the project must not activate (and run the hooks) again."""
    real = tmp_path / "real-home"
    real.mkdir()
    linked = tmp_path / "linked-home"
    linked.symlink_to(real)
    sh.environ["WORKON_HOME"] = str(linked)
    (real / "postactivate").write_text('VEW_TEST_COUNT="${VEW_TEST_COUNT-}x"\n')
    (real / "postactivate.fish").write_text('set -g VEW_TEST_COUNT "$VEW_TEST_COUNT"x\n')
    (real / "postactivate.ps1").write_text('$env:VEW_TEST_COUNT = "$env:VEW_TEST_COUNT" + "x"\n')
    project = tmp_path / "project"
    (project / "deeper").mkdir(parents=True)
    (project / ".venv").write_text("linked-env\n")
    made = sh("mkvirtualenv", "linked-env")
    assert made.status == 0, made.stderr

    script = sh.script()
    counts = []
    for directory in (project, project / "deeper", project, project / "deeper"):
        enter(script, sh, directory)
        counts.append(script.var("VEW_TEST_COUNT"))
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)
    assert [run[index].stdout for index in counts] == ["x", "x", "x", "x"], run.stderr
    assert os.path.samefile(run[active].stdout, real / "linked-env")


def test_a_project_reached_through_its_real_path_activates(
        sh: ShellHarness, tmp_path: Path) -> None:
    """.project names the project through a symlink; entering the directory by its real
    path activates the environment too."""
    real = tmp_path / "real-project"
    real.mkdir()
    (tmp_path / "via-link").symlink_to(real)
    # With auto-activation on, the core refreshes its index of projects after the command.
    made = sh("mkvirtualenv", "-a", str(tmp_path / "via-link"), "linked-project",
              extra_env=AUTO)
    assert made.status == 0, made.stderr
    script = sh.script()
    script.call("deactivate")
    enter(script, sh, real)
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)
    assert run[active].stdout == str(sh.workon_home / "linked-project"), run.stderr


@pytest.mark.parametrize("content", ["../escape\n", "-rf\n", ".\n", "\n"])
def test_a_venv_file_naming_no_valid_environment(sh: ShellHarness, tmp_path: Path,
                                                 content: str) -> None:
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".venv").write_text(content)
    script = sh.script()
    enter(script, sh, tmp_path / "repo")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)
    assert run[active].stdout == UNSET
    assert "Traceback" not in run.stderr
    assert len([line for line in run.stderr.splitlines() if "ERROR" in line]) <= 1
