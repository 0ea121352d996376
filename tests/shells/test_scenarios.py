"""One user's day in every shell: the same scenarios, the same outcomes, in bash, zsh, fish
and PowerShell.

Sourced hooks are written in every dialect (NAME, NAME.fish, ...) by the harness; each shell
sources its own. Run hooks are one program for all shells.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, export_hook, log_hook, read_log

UNSET = "<unset>"


def set_project(env: Path, project: Path) -> None:
    project.mkdir(parents=True, exist_ok=True)
    (env / ".project").write_text(f"{project}\n")


def mark_activate_scripts(env: Path) -> None:
    """Make each of the env's own activate scripts tell which one ran."""
    with (env / "bin" / "activate").open("a") as script:
        script.write("\nexport VEW_TEST_ACTIVATED=activate\n")
    with (env / "bin" / "activate.fish").open("a") as script:
        script.write("\nset -gx VEW_TEST_ACTIVATED activate.fish\n")
    with (env / "bin" / "activate.ps1").open("a") as script:
        script.write("\n$env:VEW_TEST_ACTIVATED = 'activate.ps1'\n")


ACTIVATE_SCRIPT = {"bash": "activate", "zsh": "activate", "fish": "activate.fish",
                   "pwsh": "activate.ps1"}


# --- loading -------------------------------------------------------------------------------


def test_load_exports_the_settings(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    shown = {name: script.call("printenv", name) for name in (
        "WORKON_HOME", "VIRTUALENVWRAPPER_HOOK_DIR", "VIRTUALENVWRAPPER_PROJECT_FILENAME",
        "VIRTUALENVWRAPPER_WORKON_CD")}
    bin_dir = script.var("VIRTUALENVWRAPPER_ENV_BIN_DIR")
    run = sh.run(script)
    assert {name: run[i].stdout for name, i in shown.items()} == {
        "WORKON_HOME": f"{workon_home}\n",
        "VIRTUALENVWRAPPER_HOOK_DIR": f"{workon_home}\n",
        "VIRTUALENVWRAPPER_PROJECT_FILENAME": ".project\n",
        "VIRTUALENVWRAPPER_WORKON_CD": "1\n",
    }
    assert run[bin_dir].stdout == "bin"
    assert [result.stderr for result in run.results] == [""] * len(run)


@pytest.mark.parametrize(("value", "under_home"), [
    ("envs", "envs"),
    ("~/tilde envs", "tilde envs"),
    ("$HOME/var-envs", "var-envs"),
    ("${HOME}/braced", "braced"),
    ("{home}/slash/", "slash"),
    ("{home}/a/../dotted/./x", "dotted/x"),
    ("", ".virtualenvs"),
])
def test_load_resolves_workon_home(sh: ShellHarness, value: str, under_home: str) -> None:
    expected = sh.home / under_home
    script = sh.script()
    shown = script.call("printenv", "WORKON_HOME")
    hook_dir = script.call("printenv", "VIRTUALENVWRAPPER_HOOK_DIR")
    run = sh.run(script, extra_env={"WORKON_HOME": value.replace("{home}", str(sh.home))})
    assert run[shown].stdout == f"{expected}\n"
    assert run[hook_dir].stdout == f"{expected}\n"
    assert expected.is_dir()


def test_load_sources_the_initialize_hook(sh: ShellHarness, workon_home: Path) -> None:
    export_hook(workon_home, "initialize", "VEW_INITIALIZED", "it's $done")
    script = sh.script()
    shown = script.call("printenv", "VEW_INITIALIZED")
    run = sh.run(script)
    assert run[shown].stdout == "it's $done\n"


def test_load_sources_initialize_from_the_hook_dir(sh: ShellHarness, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    log_hook(workon_home, "initialize", log, sourced=True, label="in WORKON_HOME")
    log_hook(sh.home / "hooks", "initialize", log, sourced=True, label="in the hook dir")
    run = sh.run(sh.script(), extra_env={"VIRTUALENVWRAPPER_HOOK_DIR": str(sh.home / "hooks")})
    assert run.status == 0, run.stderr
    assert read_log(log) == ["in the hook dir"]


def test_loading_twice_stacks_nothing(sh: ShellHarness, make_env, workon_home: Path) -> None:
    make_env("e")
    log = sh.home / "hooks.log"
    log_hook(workon_home, "postactivate", log, sourced=True)
    script = sh.script()
    script.raw(sh._loader())
    worked = script.call("workon", "e")
    run = sh.run(script)
    assert run[worked].status == 0, run[worked].stderr
    assert read_log(log) == ["postactivate"]


# --- mkvirtualenv -----------------------------------------------------------------------------


def test_mkvirtualenv_activates_with_hooks_in_order(sh: ShellHarness, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    log_hook(workon_home, "premkvirtualenv", log, sourced=False, variable="VIRTUAL_ENV")
    log_hook(workon_home, "preactivate", log, sourced=False)
    log_hook(workon_home, "postactivate", log, sourced=True, variable="VIRTUAL_ENV")
    log_hook(workon_home, "postmkvirtualenv", log, sourced=True, variable="VIRTUAL_ENV")
    script = sh.script()
    made = script.call("mkvirtualenv", "new one")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    env = workon_home / "new one"
    assert run[made].status == 0, run[made].stderr
    assert run[active].stdout == str(env)
    assert read_log(log) == [
        "premkvirtualenv new one VIRTUAL_ENV=",
        "preactivate new one",
        f"postactivate VIRTUAL_ENV={env}",
        f"postmkvirtualenv VIRTUAL_ENV={env}",
    ]
    local = {path.name for path in (env / "bin").iterdir()}
    assert local >= {"preactivate", "postactivate", "predeactivate", "postdeactivate",
                     "get_env_details"}
    # vew's own stubs are sh files holding only comments: no note about them in fish.
    assert "NOTE" not in run[made].stderr


# --- workon -----------------------------------------------------------------------------------


def test_workon_sources_the_shells_own_activate_script(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    mark_activate_scripts(env)
    script = sh.script()
    worked = script.call("workon", "e")
    which = script.var("VEW_TEST_ACTIVATED")
    python = script.call("python", "-c", "import sys; print(sys.prefix)")
    run = sh.run(script)
    assert run[worked].status == 0, run[worked].stderr
    assert run[which].stdout == ACTIVATE_SCRIPT[sh.shell]
    assert run[python].stdout == f"{env}\n"


def test_workon_hooks_fire_in_reference_order(sh: ShellHarness, make_env, workon_home: Path,
                                              tmp_path: Path) -> None:
    env = make_env("e")
    project = tmp_path / "project"
    set_project(env, project)
    log = sh.home / "hooks.log"
    for where, directory in [("G", workon_home), ("L", env / "bin"),
                             ("P", project / ".virtualenvwrapper")]:
        if where != "P":
            log_hook(directory, "preactivate", log, sourced=False, label=f"{where} preactivate",
                     variable="VIRTUAL_ENV")
        log_hook(directory, "postactivate", log, sourced=True, label=f"{where} postactivate",
                 variable="VIRTUALENVWRAPPER_PROJECT_CD")
    script = sh.script()
    worked = script.call("workon", "e")
    where_now = script.pwd()
    cd_flag = script.var("VIRTUALENVWRAPPER_PROJECT_CD")
    run = sh.run(script)

    assert run[worked].status == 0, run[worked].stderr
    assert run[worked].stdout == ""
    assert read_log(log) == [
        "G preactivate e VIRTUAL_ENV=",
        "L preactivate e VIRTUAL_ENV=",
        "P postactivate VIRTUALENVWRAPPER_PROJECT_CD=1",
        "G postactivate VIRTUALENVWRAPPER_PROJECT_CD=1",
        "L postactivate VIRTUALENVWRAPPER_PROJECT_CD=1",
    ]
    assert run[where_now].stdout == str(project)
    assert run[cd_flag].stdout == UNSET


def test_run_hooks_run_in_workon_home(sh: ShellHarness, make_env, workon_home: Path) -> None:
    """The global hooks and the environment's own alike."""
    env = make_env("e")
    log = sh.home / "hooks.log"
    for hook in (workon_home / "preactivate", env / "bin" / "preactivate"):
        hook.write_text(f'#!/bin/sh\npwd >> "{log}"\n')
        hook.chmod(0o755)
    script = sh.script()
    worked = script.call("workon", "e")
    where_now = script.pwd()
    run = sh.run(script)
    assert run[worked].status == 0, run[worked].stderr
    assert read_log(log) == [str(workon_home)] * 2
    assert run[where_now].stdout == str(sh.home)  # the shell itself stays put


def test_global_postactivate_exports_into_the_shell(sh: ShellHarness, make_env,
                                                    workon_home: Path) -> None:
    make_env("e")
    export_hook(workon_home, "postactivate", "VEW_FROM_HOOK", "a 'quoted' \\ value")
    script = sh.script()
    script.call("workon", "e")
    seen = script.var("VEW_FROM_HOOK")
    exported = script.call("printenv", "VEW_FROM_HOOK")
    run = sh.run(script)
    assert run[seen].stdout == "a 'quoted' \\ value"
    assert run[exported].stdout == "a 'quoted' \\ value\n"


@pytest.mark.parametrize(("args", "workon_cd", "goes"), [
    ((), "1", True),
    (("-n",), "1", False),
    (("--no-cd",), "1", False),
    ((), "0", False),
    (("-c",), "0", True),
    (("--cd", "-n"), "1", False),
    (("-n", "-c"), "1", True),
])
def test_workon_project_cd(sh: ShellHarness, make_env, args: tuple[str, ...], workon_cd: str,
                           goes: bool) -> None:
    env = make_env("e")
    project = sh.home / "the project"
    set_project(env, project)
    script = sh.script()
    worked = script.call("workon", *args, "e")
    where_now = script.pwd()
    run = sh.run(script, extra_env={"VIRTUALENVWRAPPER_WORKON_CD": workon_cd})
    assert run[worked].status == 0, run[worked].stderr
    assert run[where_now].stdout == str(project if goes else sh.home)


def test_workon_missing_project_dir_is_an_error_after_activation(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    env = make_env("e")
    (env / ".project").write_text(f"{tmp_path / 'gone'}\n")
    script = sh.script()
    worked = script.call("workon", "e")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[worked].status == 1
    assert f"Project directory {tmp_path / 'gone'} does not exist" in run[worked].stderr
    assert run[active].stdout == str(env)


def test_workon_dot_uses_the_current_directory_name(sh: ShellHarness, make_env,
                                                    tmp_path: Path) -> None:
    env = make_env("here")
    cwd = tmp_path / "somewhere" / "here"
    cwd.mkdir(parents=True)
    script = sh.script()
    worked = script.call("workon", ".")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, cwd=cwd)
    assert run[worked].status == 0, run[worked].stderr
    assert run[active].stdout == str(env)


def test_workon_creates_a_missing_workon_home(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    script.call("rm", "-rf", "--", str(workon_home))
    bare = script.call("workon")
    run = sh.run(script)
    assert run[bare].status == 1
    assert run[bare].stdout == ""
    assert run[bare].stderr == (f"NOTE: Virtual environments directory {workon_home} does not "
                                "exist. Creating...\n")
    assert workon_home.is_dir()


def test_bare_workon_lists_and_returns_1(sh: ShellHarness, make_env, workon_home: Path) -> None:
    make_env("b")
    make_env("a")
    log = sh.home / "hooks.log"
    for name in ("preactivate", "get_env_details"):
        log_hook(workon_home, name, log, sourced=False)
    result = sh("workon")
    assert (result.stdout, result.stderr, result.status) == ("a\nb\n", "", 1)
    assert read_log(log) == []


def test_workon_errors_leave_the_current_env_alone(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    (sh.workon_home / "no-activate").mkdir()
    script = sh.script()
    script.call("workon", "e")
    unknown = script.call("workon", "nope")
    option = script.call("workon", "-x", "e")
    empty = script.call("workon", "no-activate")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[unknown].status == 1
    assert "ERROR: Environment 'nope' does not exist" in run[unknown].stderr
    assert "mkvirtualenv nope" in run[unknown].stderr
    assert run[option].status == 1
    assert "unknown option '-x'" in run[option].stderr
    assert run[empty].status == 1
    assert "does not contain an activate script" in run[empty].stderr
    assert run[active].stdout == str(env)


def test_workon_help(sh: ShellHarness) -> None:
    result = sh("workon", "-h")
    assert result.status == 0
    assert "Usage: workon" in result.stdout


# --- switching and deactivate -----------------------------------------------------------------


def hook_everything(log: Path, workon_home: Path, *envs: Path) -> None:
    for name in ("preactivate",):
        log_hook(workon_home, name, log, sourced=False, label=f"G {name}")
        for env in envs:
            log_hook(env / "bin", name, log, sourced=False, label=f"{env.name} {name}")
    for name in ("postactivate", "predeactivate", "postdeactivate"):
        variable = ("VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV" if name == "postdeactivate"
                    else "VIRTUAL_ENV")
        log_hook(workon_home, name, log, sourced=True, label=f"G {name}", variable=variable)
        for env in envs:
            log_hook(env / "bin", name, log, sourced=True, label=f"{env.name} {name}")


def test_switching_leaves_the_old_env_before_entering_the_new(
        sh: ShellHarness, make_env, workon_home: Path, tmp_path: Path) -> None:
    first, second = make_env("first"), make_env("second")
    project = tmp_path / "p"
    set_project(first, project)
    log = sh.home / "hooks.log"
    hook_everything(log, workon_home, first, second)
    log_hook(project / ".virtualenvwrapper", "predeactivate", log, sourced=True,
             label="P predeactivate")
    script = sh.script()
    script.call("workon", "first")
    script.raw(sh.language.command(["echo", "--- switch"]) + f" >> {sh.language.quote(str(log))}")
    switched = script.call("workon", "-n", "second")
    active = script.var("VIRTUAL_ENV")
    last = script.var("VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV")
    run = sh.run(script)

    assert run[switched].status == 0, run[switched].stderr
    assert run[active].stdout == str(second)
    assert run[last].stdout == UNSET
    assert read_log(log)[read_log(log).index("--- switch") + 1:] == [
        "P predeactivate",
        "first predeactivate",
        f"G predeactivate VIRTUAL_ENV={first}",
        "first postdeactivate",
        f"G postdeactivate VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV={first}",
        "G preactivate second",
        "second preactivate second",
        f"G postactivate VIRTUAL_ENV={second}",
        "second postactivate",
    ]


def test_deactivate_runs_hooks_and_restores_the_shell(sh: ShellHarness, make_env,
                                                      workon_home: Path) -> None:
    env = make_env("e")
    log = sh.home / "hooks.log"
    hook_everything(log, workon_home, env)
    script = sh.script()
    path_before = script.var("PATH")
    script.call("workon", "e")
    path_inside = script.var("PATH")
    present = script.function_exists("deactivate")
    script.raw(sh.language.command(["echo", "--- leave"]) + f" >> {sh.language.quote(str(log))}")
    left = script.call("deactivate")
    active = script.var("VIRTUAL_ENV")
    path_after = script.var("PATH")
    gone = script.function_exists("deactivate")
    last = script.var("VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV")
    again = script.call("deactivate")
    run = sh.run(script)

    assert run[present].stdout == "yes"
    assert run[path_inside].stdout != run[path_before].stdout
    assert run[left].status == 0, run[left].stderr
    assert run[active].stdout == UNSET
    assert run[path_after].stdout == run[path_before].stdout
    assert run[gone].stdout == "no"
    assert run[last].stdout == UNSET
    assert run[again].status != 0  # no deactivate any more: the shell's own error
    assert read_log(log)[read_log(log).index("--- leave") + 1:] == [
        "e predeactivate",
        f"G predeactivate VIRTUAL_ENV={env}",
        "e postdeactivate",
        f"G postdeactivate VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV={env}",
    ]


def test_deactivate_nondestructive_keeps_the_function(sh: ShellHarness, make_env,
                                                      workon_home: Path) -> None:
    make_env("e")
    log = sh.home / "hooks.log"
    log_hook(workon_home, "postdeactivate", log, sourced=True)
    script = sh.script()
    script.call("workon", "e")
    left = script.call("deactivate", "nondestructive")
    active = script.var("VIRTUAL_ENV")
    kept = script.function_exists("deactivate")
    run = sh.run(script)
    assert run[left].status == 0, run[left].stderr
    assert run[active].stdout == UNSET
    assert run[kept].stdout == "yes"
    assert read_log(log) == ["postdeactivate"]


def test_hand_activated_env_is_left_without_hooks(sh: ShellHarness, make_env,
                                                  workon_home: Path) -> None:
    """An env the user activated with its own script is not vew's to deactivate with hooks."""
    other, target = make_env("other"), make_env("target")
    log = sh.home / "hooks.log"
    log_hook(workon_home, "predeactivate", log, sourced=True)
    script = sh.script()
    script.raw(sh.language.source(str(other / "bin" / ACTIVATE_SCRIPT[sh.shell])))
    worked = script.call("workon", "target")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[worked].status == 0, run[worked].stderr
    assert run[active].stdout == str(target)
    assert read_log(log) == []


# --- rmvirtualenv -----------------------------------------------------------------------------


def test_rmvirtualenv_runs_its_hooks_in_workon_home(sh: ShellHarness, make_env,
                                                    workon_home: Path) -> None:
    make_env("doomed")
    log = sh.home / "hooks.log"
    for name in ("prermvirtualenv", "postrmvirtualenv"):
        hook = workon_home / name
        hook.write_text(f'#!/bin/sh\necho {name} "$@" "$(pwd)" >> "{log}"\n')
        hook.chmod(0o755)
    script = sh.script()
    removed = script.call("rmvirtualenv", "doomed")
    where_now = script.pwd()
    run = sh.run(script)
    assert run[removed].status == 0, run[removed].stderr
    assert run[removed].stdout == "Removing doomed...\n"
    assert not (workon_home / "doomed").exists()
    assert read_log(log) == [f"prermvirtualenv doomed {workon_home}",
                             f"postrmvirtualenv doomed {workon_home}"]
    assert run[where_now].stdout == str(sh.home)


def test_rmvirtualenv_refuses_the_active_env(sh: ShellHarness, make_env) -> None:
    env = make_env("busy")
    script = sh.script()
    script.call("workon", "busy")
    refused = script.call("rmvirtualenv", "busy")
    run = sh.run(script)
    assert run[refused].status == 1
    assert "You cannot remove the active environment" in run[refused].stderr
    assert env.is_dir()


def test_rmvirtualenv_of_a_missing_env(sh: ShellHarness, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    log_hook(workon_home, "prermvirtualenv", log, sourced=False)
    result = sh("rmvirtualenv", "ghost")
    assert result.status == 0
    assert result.stderr == f"Did not find environment {workon_home / 'ghost'} to remove.\n"
    assert read_log(log) == []


def test_rmvirtualenv_of_the_current_directory_goes_to_workon_home(
        sh: ShellHarness, make_env, workon_home: Path) -> None:
    env = make_env("inside")
    script = sh.script()
    script.raw(f"cd {sh.language.quote(str(env / 'bin'))}")
    removed = script.call("rmvirtualenv", "inside")
    where_now = script.pwd()
    run = sh.run(script)
    assert run[removed].status == 0, run[removed].stderr
    assert run[where_now].stdout == str(workon_home)


# --- lsvirtualenv -----------------------------------------------------------------------------


def test_lsvirtualenv_brief_is_in_code_point_order(sh: ShellHarness, workon_home: Path) -> None:
    names = ["b", "B", "a10", "a9", "a", "_x", "Z", "é", "e", "z z", "1", "it's", "ε", "a-b"]
    for name in names:
        (workon_home / name / "bin").mkdir(parents=True)
        (workon_home / name / "bin" / "activate").write_text("")
    (workon_home / ".hidden" / "bin").mkdir(parents=True)
    (workon_home / ".hidden" / "bin" / "activate").write_text("")
    (workon_home / "building" / "bin").mkdir(parents=True)
    (workon_home / "building" / "bin" / "activate").write_text("")
    (workon_home / "building" / ".vew-incomplete").write_text("")
    (workon_home / "no-activate" / "bin").mkdir(parents=True)
    script = sh.script()
    brief = script.call("lsvirtualenv", "-b")
    core = script.call("lsvirtualenv", "-l", "-b")
    run = sh.run(script)
    expected = "".join(f"{name}\n" for name in sorted(names))
    assert run[brief].stdout == expected
    assert run[core].stdout == expected
    assert run[brief].status == 0


# --- names that are hard to quote -----------------------------------------------------------


@pytest.mark.parametrize("name", ["it's", 'say "hi"', "a $HOME b", "semi;colon&amp",
                                  "back\\slash", "ünïcödé", "two  spaces", "star*?[x]"])
def test_awkward_names_work_everywhere(sh: ShellHarness, workon_home: Path, name: str) -> None:
    log = sh.home / "hooks.log"
    log_hook(workon_home, "premkvirtualenv", log, sourced=False)
    script = sh.script()
    made = script.call("mkvirtualenv", name)
    active = script.var("VIRTUAL_ENV")
    script.call("deactivate")
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", name)
    again = script.var("VIRTUAL_ENV")
    script.call("deactivate")
    removed = script.call("rmvirtualenv", name)
    run = sh.run(script)
    env = workon_home / name
    assert run[made].status == 0, run[made].stderr
    assert run[active].stdout == str(env)
    assert run[listed].stdout == f"{name}\n"
    assert run[worked].status == 0, run[worked].stderr
    assert run[again].stdout == str(env)
    assert run[removed].status == 0, run[removed].stderr
    assert not env.exists()
    assert read_log(log) == [f"premkvirtualenv {name}"]


# --- sh hooks seen from other shells -----------------------------------------------------------


# How fish and PowerShell say, once, that they leave a sh hook alone (bash and zsh source it).
SH_HOOK_NOTE = {"fish": "is a sh hook", "pwsh": "is a hook for bash and zsh"}


def test_sh_only_hooks_are_noted_once_in_fish_and_powershell_and_sourced_elsewhere(
        sh: ShellHarness, make_env, workon_home: Path) -> None:
    """A virtualenvwrapper user's sh hooks: bash and zsh source them; fish and PowerShell say
    so, once."""
    env = make_env("e")
    log = sh.home / "hooks.log"
    (workon_home / "postactivate").write_text(
        f"#!/bin/bash\n# sourced after activation\necho sh-postactivate >> '{log}'\n"
        "export SH_HOOK=on\n")
    (env / "bin" / "predeactivate").write_text(f"echo sh-predeactivate >> '{log}'\n")
    script = sh.script()
    first = script.call("workon", "e")
    seen = script.var("SH_HOOK")
    left = script.call("deactivate")
    second = script.call("workon", "e")
    run = sh.run(script)

    for index in (first, left, second):
        assert run[index].status == 0, run[index].stderr
    if sh.shell in SH_HOOK_NOTE:
        assert run[seen].stdout == UNSET
        assert read_log(log) == []
        assert run.stderr.count("NOTE:") == 1
        assert (f"{workon_home / 'postactivate'} {SH_HOOK_NOTE[sh.shell]}"
                in run[first].stderr)
        assert f"postactivate{sh.language.suffix}" in run[first].stderr
    else:
        assert run[seen].stdout == "on"
        assert read_log(log) == ["sh-postactivate", "sh-predeactivate", "sh-postactivate"]
        assert "NOTE:" not in run.stderr


# --- failures that are reported, not fatal ----------------------------------------------------


def test_failing_and_unexecutable_hooks_are_reported(sh: ShellHarness, make_env,
                                                     workon_home: Path) -> None:
    env = make_env("e")
    for name in ("postactivate", "postactivate.fish", "postactivate.ps1"):
        (workon_home / name).write_text("false\n")
    (workon_home / "preactivate").write_text("#!/bin/sh\nexit 3\n")
    (workon_home / "preactivate").chmod(0o755)
    (env / "bin" / "preactivate").write_text("#!/bin/sh\necho should not run\n")
    script = sh.script()
    worked = script.call("workon", "e")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    suffix = {"fish": ".fish", "pwsh": ".ps1"}.get(sh.shell, "")
    assert run[worked].status == 0
    assert run[worked].stdout == ""
    assert run[active].stdout == str(env)
    assert f"hook {workon_home / 'preactivate'} exited with status 3" in run[worked].stderr
    assert f"hook {env / 'bin' / 'preactivate'} is not executable" in run[worked].stderr
    assert (f"hook {workon_home / ('postactivate' + suffix)} exited with status 1"
            in run[worked].stderr)


def test_loading_fails_when_workon_home_cannot_be_made(sh: ShellHarness, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    script = sh.script()
    loaded = script.raw(sh._loader())
    run = sh.run(script, extra_env={"WORKON_HOME": str(blocker / "envs")})
    assert run[loaded].status == 1
    assert f"cannot create WORKON_HOME {blocker / 'envs'}" in run[loaded].stderr


def test_deactivating_a_temporary_env_removes_it(sh: ShellHarness, make_env,
                                                 workon_home: Path) -> None:
    env = make_env("tmp-0123456789abcdef")
    (env / "README.tmpenv").write_text("This is a temporary environment.\n")
    log = sh.home / "hooks.log"
    log_hook(workon_home, "prermvirtualenv", log, sourced=False)
    script = sh.script()
    script.call("workon", "tmp-0123456789abcdef")
    left = script.call("deactivate")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[left].status == 0, run[left].stderr
    assert "Removing temporary environment: tmp-0123456789abcdef" in run[left].stdout
    assert run[active].stdout == UNSET
    assert not env.exists()
    assert read_log(log) == ["prermvirtualenv tmp-0123456789abcdef"]


def test_allvirtualenv_leaves_the_active_env_as_it_was(sh: ShellHarness, make_env,
                                                       workon_home: Path) -> None:
    """fish has no subshell: what allvirtualenv activates is put back, deactivate still works."""
    env = make_env("active")
    make_env("other")
    log = sh.home / "hooks.log"
    log_hook(workon_home, "postdeactivate", log, sourced=True)
    script = sh.script()
    path_before = script.var("PATH")
    script.call("workon", "active")
    path_active = script.var("PATH")
    ran = script.call("allvirtualenv", "true")
    active = script.var("VIRTUAL_ENV")
    path_after_all = script.var("PATH")
    left = script.call("deactivate")
    gone = script.var("VIRTUAL_ENV")
    path_after = script.var("PATH")
    no_function = script.function_exists("deactivate")
    run = sh.run(script)
    assert run[ran].status == 0, run[ran].stderr
    assert run[active].stdout == str(env)
    assert run[path_after_all].stdout == run[path_active].stdout
    assert run[left].status == 0, run[left].stderr
    assert (run[gone].stdout, run[no_function].stdout) == (UNSET, "no")
    assert run[path_after].stdout == run[path_before].stdout
    assert read_log(log) == ["postdeactivate"]
