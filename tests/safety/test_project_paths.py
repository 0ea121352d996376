"""A relative path in ``.project`` is relative to the environment's directory, taken once:
workon, its project hooks, cdproject and auto-activation all reach the same directory, from
wherever the shell is, whatever CDPATH says, without a false error."""

from __future__ import annotations

from pathlib import Path

from tests.support.harness import ShellHarness, log_hook, read_log


def test_a_relative_project_path(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    env = make_env("rel")
    project = tmp_path / "projects" / "rel project"
    project.mkdir(parents=True)
    relative = "../../projects/rel project"  # from WORKON_HOME/rel
    assert (env / relative).resolve() == project.resolve()
    (env / ".project").write_text(f"{relative}\n")
    log = tmp_path / "hooks.log"
    log_hook(project / ".virtualenvwrapper", "postactivate", log, sourced=True)
    # A directory of the same relative name where the shell starts, and one on CDPATH: the
    # path must not be taken relative to either.
    start = tmp_path / "start" / "a" / "b"
    (start / relative).mkdir(parents=True)
    decoy = tmp_path / "cdpath" / "a" / "b"
    (decoy / relative).mkdir(parents=True)

    script = sh.script()
    script.call("cd", str(start))
    script.export("CDPATH", str(decoy))
    workon = script.call("workon", "rel")
    where = script.pwd()
    script.call("cd", str(start))
    back = script.call("cdproject")
    again = script.pwd()
    run = sh.run(script)
    assert run[workon].status == 0, run[workon].stderr
    assert run[workon].stderr == ""
    assert Path(run[where].stdout).resolve() == project.resolve()
    assert run[back].status == 0, run[back].stderr
    assert Path(run[again].stdout).resolve() == project.resolve()
    assert read_log(log) == ["postactivate"]


def test_a_relative_project_for_auto_activation(sh: ShellHarness, make_env,
                                                tmp_path: Path) -> None:
    env = make_env("auto-rel")
    project = tmp_path / "auto project"
    project.mkdir()
    (env / ".project").write_text("../../auto project\n")
    auto = {"VEW_AUTO_ACTIVATE": "1"}
    # Any core command with auto-activation on writes the index of projects.
    assert sh("rmvirtualenv", "not-there", extra_env=auto).status == 0
    script = sh.script()
    script.call("cd", str(project))
    if sh.shell == "bash":
        script.raw('eval "$PROMPT_COMMAND"')
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=auto)
    assert run[active].stdout == str(env), run.stderr
