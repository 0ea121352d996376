"""Auto-activation (VEW_AUTO_ACTIVATE=1): entering a project activates its environment."""

from __future__ import annotations

from pathlib import Path

from tests.harness import ShellHarness

AUTO = {"VEW_AUTO_ACTIVATE": "1"}


def prompt(sh: ShellHarness) -> str:
    """What the shell runs between commands at an interactive prompt."""
    return 'eval "$PROMPT_COMMAND"' if sh.shell == "bash" else ":"


def test_project_and_link_file_activate_and_leaving_deactivates(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    project = tmp_path / "my project"
    (project / "sub dir").mkdir(parents=True)
    linked = tmp_path / "linked"
    linked.mkdir()
    (linked / ".venv").write_text("second\n")
    make_env("first")
    make_env("second")
    outside = tmp_path / "outside"
    outside.mkdir()

    script = sh.script()
    script.call("mkvirtualenv", "-a", str(project), "third")
    script.call("deactivate")
    script.raw(f"cd {sh.language.quote(str(project / 'sub dir'))}; {prompt(sh)}")
    in_project = script.var("VIRTUAL_ENV")
    script.raw(f"cd {sh.language.quote(str(linked))}; {prompt(sh)}")
    in_linked = script.var("VIRTUAL_ENV")
    script.raw(f"cd {sh.language.quote(str(outside))}; {prompt(sh)}")
    left = script.var("VIRTUAL_ENV")
    script.call("workon", "first")
    script.raw(f"cd {sh.language.quote(str(project))}; {prompt(sh)}")
    manual = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)

    assert run[in_project].stdout == str(sh.workon_home / "third"), run.stderr
    assert run[in_linked].stdout == str(sh.workon_home / "second")
    assert run[left].stdout == "<unset>"
    # An environment the user chose by hand is never replaced or deactivated.
    assert run[manual].stdout == str(sh.workon_home / "first")


def test_off_by_default(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    make_env("quiet")
    (tmp_path / ".venv").write_text("quiet\n")
    script = sh.script()
    script.raw(f"cd {sh.language.quote(str(tmp_path))}; {prompt(sh)}")
    active = script.var("VIRTUAL_ENV")
    marker = script.var("_VEW_AUTO_PWD")
    run = sh.run(script)
    assert run[active].stdout == "<unset>"
    assert run[marker].stdout == "<unset>"
