from __future__ import annotations

import re
import shlex
from pathlib import Path

from tests.support.harness import ShellHarness, log_hook, read_log
from vew import store

NOTICE = "This is a temporary environment. It will be deleted when you run 'deactivate'."
TMP_NAME = re.compile(r"tmp-[0-9a-f]{16}")

GLOBAL_HOOKS = (("premkvirtualenv", False), ("postmkvirtualenv", True), ("preactivate", False),
                ("postactivate", True), ("predeactivate", True), ("postdeactivate", True),
                ("prermvirtualenv", False), ("postrmvirtualenv", False))
LOCAL_HOOKS = (("preactivate", False), ("postactivate", True), ("predeactivate", True),
               ("postdeactivate", True))


def _log_every_hook(workon_home: Path, log: Path, templates: Path) -> None:
    """Global hooks log "NAME ARGS"; each new environment gets local ones logging "local NAME".

    The global premkvirtualenv hook (a program, the same in every shell) installs the local
    hooks into the environment being made, over the stubs vew has just created there.
    """
    for name, sourced in GLOBAL_HOOKS:
        log_hook(workon_home, name, log, sourced=sourced)
    for name, sourced in LOCAL_HOOKS:
        log_hook(templates, name, log, sourced=sourced, label=f"local {name}")
    hook = workon_home / "premkvirtualenv"
    hook.write_text(hook.read_text() +
                    f'cp -p {shlex.quote(str(templates))}/* "$1/bin/"\n')


def _name(env: str) -> str:
    assert TMP_NAME.fullmatch(Path(env).name), env
    return Path(env).name


def test_mktmpenv_makes_activates_and_enters_a_temporary_environment(
        sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    made = script.call("mktmpenv")
    env = script.var("VIRTUAL_ENV")
    cwd = script.pwd()
    run = sh.run(script)
    assert run[made].status == 0, run[made]
    assert run[made].stdout.endswith(f"\n{NOTICE}\n")
    name = _name(run[env].stdout)
    assert run[env].stdout == str(workon_home / name)
    assert run[cwd].stdout == str(workon_home / name)
    assert (workon_home / name / "README.tmpenv").read_text() == f"{NOTICE}\n"


def test_deactivate_removes_it_after_every_deactivate_hook(
        sh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    log = tmp_path / "hooks.log"
    _log_every_hook(workon_home, log, tmp_path / "local")
    script = sh.script()
    made = script.call("mktmpenv")
    env = script.var("VIRTUAL_ENV")
    gone = script.call("deactivate")
    after = script.var("VIRTUAL_ENV")
    cwd = script.pwd()
    listed = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    name = _name(run[env].stdout)
    assert run[made].status == 0, run[made]
    assert run[gone].status == 0, run[gone]
    assert run[gone].stdout == f"Removing temporary environment: {name}\nRemoving {name}...\n"
    assert run[gone].stderr == ""
    assert run[after].stdout == "<unset>"
    # The shell stood in the removed environment: it is now in WORKON_HOME.
    assert run[cwd].stdout == str(workon_home)
    assert run[listed].stdout == ""
    assert read_log(log) == [
        f"premkvirtualenv {name}",
        f"preactivate {name}",
        f"local preactivate {name}",
        "postactivate",
        "local postactivate",
        "postmkvirtualenv",
        "local predeactivate",
        "predeactivate",
        "local postdeactivate",
        "postdeactivate",
        f"prermvirtualenv {name}",
        f"postrmvirtualenv {name}",
    ]


def test_workon_another_environment_removes_it_before_activating(
        sh: ShellHarness, workon_home: Path, make_env, tmp_path: Path) -> None:
    make_env("other")
    log = tmp_path / "hooks.log"
    for name, sourced in GLOBAL_HOOKS:
        log_hook(workon_home, name, log, sourced=sourced)
    script = sh.script()
    script.call("mktmpenv", "-n")
    env = script.var("VIRTUAL_ENV")
    script.call("sh", "-c", f": > {shlex.quote(str(log))}")
    switch = script.call("workon", "other")
    after = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    name = _name(run[env].stdout)
    assert run[switch].status == 0, run[switch]
    assert run[switch].stdout == f"Removing temporary environment: {name}\nRemoving {name}...\n"
    assert run[after].stdout == str(workon_home / "other")
    assert store.names_in(workon_home) == ["other"]
    assert read_log(log) == [
        "predeactivate", "postdeactivate", f"prermvirtualenv {name}",
        f"postrmvirtualenv {name}", "preactivate other", "postactivate",
    ]


def test_another_mktmpenv_removes_the_first(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    script.call("mktmpenv")
    first = script.var("VIRTUAL_ENV")
    second_made = script.call("mktmpenv")
    second = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    one, two = _name(run[first].stdout), _name(run[second].stdout)
    assert one != two
    assert f"Removing temporary environment: {one}\nRemoving {one}...\n" in \
        run[second_made].stdout
    assert store.names_in(workon_home) == [two]


def test_cd_flags_override_workon_cd_for_the_final_cd(
        sh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    start = tmp_path / "start"
    start.mkdir()
    script = sh.script()
    script.call("mktmpenv", "-n")
    stayed = script.pwd()
    script.call("deactivate")
    script.call("cd", str(start))
    script.call("mktmpenv", "--no-cd", "-c")
    entered = script.var("VIRTUAL_ENV")
    moved = script.pwd()
    script.call("deactivate")
    script.call("cd", str(start))
    script.call("mktmpenv")
    not_moved = script.pwd()
    run = sh.run(script, cwd=start, extra_env={"VIRTUALENVWRAPPER_WORKON_CD": "0"})
    assert run[stayed].stdout == str(start)
    assert run[moved].stdout == run[entered].stdout
    assert run[not_moved].stdout == str(start)


def test_mkvirtualenv_options_pass_through(
        sh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    script = sh.script()
    made = script.call("mktmpenv", "-n", "-a", str(project), "--prompt", "temp")
    env = script.var("VIRTUAL_ENV")
    prompt = script.var("VIRTUAL_ENV_PROMPT")
    run = sh.run(script)
    name = _name(run[env].stdout)
    assert run[made].status == 0, run[made]
    assert f"Setting project for {name} to {project}\n" in run[made].stdout
    assert (workon_home / name / ".project").read_text() == f"{project}\n"
    assert run[prompt].stdout == "temp"


def test_a_name_given_by_the_user_is_refused_and_nothing_is_made(
        sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    made = script.call("mktmpenv", "myname")
    env = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[made].status == 2
    assert run[made].stderr == "ERROR: mktmpenv: unexpected argument 'myname'\n"
    assert run[env].stdout == "<unset>"
    assert store.names_in(workon_home) == []
    assert [entry for entry in workon_home.iterdir() if entry.is_dir()] == []


def test_removing_the_marker_makes_it_permanent(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    script.call("mktmpenv")
    env = script.var("VIRTUAL_ENV")
    script.call("sh", "-c", 'rm "$VIRTUAL_ENV/README.tmpenv"')
    gone = script.call("deactivate")
    run = sh.run(script)
    assert run[gone].stdout == ""
    assert store.names_in(workon_home) == [_name(run[env].stdout)]


def test_upstream_postdeactivate_removal_snippet_is_tolerated(
        sh: ShellHarness, workon_home: Path, tmp_path: Path) -> None:
    """virtualenvwrapper appended a removal snippet to the local postdeactivate hook."""
    templates = tmp_path / "local"
    templates.mkdir()
    (templates / "postdeactivate").write_text(
        'if [ -f "$VIRTUAL_ENV_SAVED/README.tmpenv" ]\nthen\n'
        '    echo "Removing temporary environment:" "${VIRTUAL_ENV_SAVED##*/}"\n'
        '    rmvirtualenv "${VIRTUAL_ENV_SAVED##*/}"\nfi\n')
    (templates / "postdeactivate.fish").write_text(
        'if test -f "$VIRTUAL_ENV_SAVED/README.tmpenv"\n'
        '    echo "Removing temporary environment:" (basename $VIRTUAL_ENV_SAVED)\n'
        '    rmvirtualenv (basename $VIRTUAL_ENV_SAVED)\nend\n')
    (workon_home / "premkvirtualenv").write_text(
        f'#!/bin/sh\ncp -p {shlex.quote(str(templates))}/* "$1/bin/"\n')
    (workon_home / "premkvirtualenv").chmod(0o755)
    # The snippet had the environment's path written into it; the tests pass it in.
    (workon_home / "postactivate").write_text('export VIRTUAL_ENV_SAVED="$VIRTUAL_ENV"\n')
    (workon_home / "postactivate.fish").write_text(
        "set -gx VIRTUAL_ENV_SAVED $VIRTUAL_ENV\n")
    script = sh.script()
    script.call("mktmpenv")
    env = script.var("VIRTUAL_ENV")
    gone = script.call("deactivate")
    run = sh.run(script)
    name = _name(run[env].stdout)
    assert run[gone].status == 0, run[gone]
    assert run[gone].stdout == f"Removing temporary environment: {name}\nRemoving {name}...\n"
    assert run[gone].stderr == ""
    assert store.names_in(workon_home) == []


def test_help(sh: ShellHarness, workon_home: Path) -> None:
    done = sh("mktmpenv", "-h")
    assert done.status == 0
    assert done.stdout.startswith("Usage: mktmpenv")
    assert "-a project_directory" in done.stdout  # mkvirtualenv's options
    assert "virtualenv help:" in done.stdout
    assert store.names_in(workon_home) == []
