"""Auto-activation (VEW_AUTO_ACTIVATE=1): entering a project activates its environment."""

from __future__ import annotations

from pathlib import Path

from tests.support.harness import Script, ShellHarness, rendered_shim

AUTO = {"VEW_AUTO_ACTIVATE": "1"}


def prompt(sh: ShellHarness) -> str:
    """What the shell runs between commands at an interactive prompt.

    bash checks at each prompt (PROMPT_COMMAND); zsh (chpwd_functions), fish (an event on
    PWD) and PowerShell (LocationChangedAction) check on the directory change itself, so
    nothing more is needed there.
    """
    return 'eval "$PROMPT_COMMAND"' if sh.shell == "bash" else "true"


def enter(sh: ShellHarness, directory: Path) -> str:
    return f"{sh.language.cd(str(directory))}; {prompt(sh)}"


def count_activations(sh: ShellHarness) -> None:
    """A global postactivate hook that adds an x to VEW_TEST_COUNT, in every shell."""
    (sh.workon_home / "postactivate").write_text('VEW_TEST_COUNT="${VEW_TEST_COUNT-}x"\n')
    (sh.workon_home / "postactivate.fish").write_text('set -g VEW_TEST_COUNT "$VEW_TEST_COUNT"x\n')
    (sh.workon_home / "postactivate.ps1").write_text(
        '$env:VEW_TEST_COUNT = "$env:VEW_TEST_COUNT" + "x"\n')


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
    script.raw(enter(sh, project / "sub dir"))
    in_project = script.var("VIRTUAL_ENV")
    # Without the project cd.
    stayed = script.pwd()
    remembered = script.global_var("_VEW_AUTO_ENV")
    script.raw(enter(sh, linked))
    in_linked = script.var("VIRTUAL_ENV")
    script.raw(enter(sh, outside))
    left = script.var("VIRTUAL_ENV")
    forgotten = script.global_var("_VEW_AUTO_ENV")
    script.call("workon", "first")
    script.raw(enter(sh, project))
    manual = script.var("VIRTUAL_ENV")
    script.raw(enter(sh, outside))
    still_manual = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)

    assert run[in_project].stdout == str(sh.workon_home / "third"), run.stderr
    assert run[stayed].stdout == str(project / "sub dir")
    assert run[remembered].stdout == str(sh.workon_home / "third")
    assert run[in_linked].stdout == str(sh.workon_home / "second")
    assert run[left].stdout == "<unset>"
    assert run[forgotten].stdout == "<unset>"
    # An environment the user chose by hand is never replaced or deactivated.
    assert run[manual].stdout == str(sh.workon_home / "first")
    assert run[still_manual].stdout == str(sh.workon_home / "first")
    assert "ERROR" not in run.stderr


def test_the_nearest_link_wins_and_moving_inside_a_tree_does_nothing(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    (tree / "other" / "deep").mkdir(parents=True)
    (tree / "inner").mkdir()
    (tree / ".venv").write_text("outer\n")
    (tree / "inner" / ".venv").write_text("inner\n")
    make_env("outer")
    make_env("inner")
    count_activations(sh)

    script = sh.script()
    steps = []
    for directory in (tree, tree / "other" / "deep", tree / "other", tree / "inner", tree,
                      tmp_path):
        script.raw(enter(sh, directory))
        steps.append((script.var("VIRTUAL_ENV"), script.var("VEW_TEST_COUNT")))
    run = sh.run(script, extra_env=AUTO)

    seen = [(run[env].stdout.replace(str(sh.workon_home) + "/", ""), run[count].stdout)
            for env, count in steps]
    assert seen == [
        ("outer", "x"),
        # Within the same tree: no second activation, no hooks run again.
        ("outer", "x"),
        ("outer", "x"),
        # A nearer .venv names another environment: switched, as both were automatic.
        ("inner", "xx"),
        ("outer", "xxx"),
        ("<unset>", "xxx"),
    ], run.stderr


def test_only_a_venv_file_counts(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    make_env("named")
    in_project_env = tmp_path / "in-project"
    (in_project_env / ".venv").mkdir(parents=True)
    (in_project_env / ".venv" / "named").mkdir()
    linked = tmp_path / "linked"
    linked.mkdir()
    (tmp_path / "name-file").write_text("named\n")
    (linked / ".venv").symlink_to(tmp_path / "name-file")

    script = sh.script()
    script.raw(enter(sh, in_project_env))
    in_dir = script.var("VIRTUAL_ENV")
    script.raw(enter(sh, linked))
    in_link = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)

    assert run[in_dir].stdout == "<unset>", run.stderr
    assert run[in_link].stdout == "<unset>"
    assert all(result.stderr == "" for result in run.results)


def test_off_by_default(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    make_env("quiet")
    (tmp_path / ".venv").write_text("quiet\n")
    script = sh.script()
    script.raw(enter(sh, tmp_path))
    active = script.var("VIRTUAL_ENV")
    marker = script.global_var("_VEW_AUTO_PWD")
    run = sh.run(script)
    assert run[active].stdout == "<unset>"
    assert run[marker].stdout == "<unset>"


def test_an_environment_chosen_with_workon_stays_even_if_auto_activation_had_it(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".venv").write_text("linked\n")
    make_env("linked")
    make_env("other")

    script = sh.script()
    script.raw(enter(sh, tree))
    auto = script.var("VIRTUAL_ENV")
    # Chosen by hand now: it is the user's, whatever activated it before.
    script.call("workon", "linked")
    script.raw(enter(sh, tmp_path))
    kept = script.var("VIRTUAL_ENV")
    # The same after a detour through another environment.
    script.call("deactivate")
    script.raw(enter(sh, tree))
    script.call("workon", "other")
    script.call("workon", "linked")
    script.raw(enter(sh, tmp_path))
    kept_again = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=AUTO)

    assert run[auto].stdout == str(sh.workon_home / "linked"), run.stderr
    assert run[kept].stdout == str(sh.workon_home / "linked")
    assert run[kept_again].stdout == str(sh.workon_home / "linked")


def test_a_hook_that_changes_directory_during_a_switch(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """Checked inside the switch, the hook's cd would activate a third environment halfway."""
    trees = {}
    for name in ("first", "second", "third"):
        make_env(name)
        trees[name] = tmp_path / f"tree-{name}"
        trees[name].mkdir()
        (trees[name] / ".venv").write_text(f"{name}\n")
    bin_dir = sh.workon_home / "first" / "bin"
    cd_second = sh.language.cd(str(trees["second"])) + "\n"
    for name in ("postdeactivate", "postdeactivate.fish", "postdeactivate.ps1"):
        (bin_dir / name).write_text(cd_second)

    script = sh.script()
    script.raw(enter(sh, trees["first"]))
    script.raw(enter(sh, trees["third"]))
    active = script.var("VIRTUAL_ENV")
    where = script.pwd()
    path = script.var("PATH")
    run = sh.run(script, extra_env=AUTO)

    assert run[active].stdout == str(sh.workon_home / "third"), run.stderr
    assert run[where].stdout == str(trees["second"])
    entries = run[path].stdout.split(":")
    assert str(sh.workon_home / "third" / "bin") in entries
    assert str(sh.workon_home / "second" / "bin") not in entries
    assert str(sh.workon_home / "first" / "bin") not in entries


def test_running_in_every_environment_leaves_auto_activation_alone(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """allvirtualenv changes directory into each environment and back: no check there."""
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / ".venv").write_text("linked\n")
    make_env("linked")
    make_env("other")
    count_activations(sh)

    script = sh.script()
    script.raw(enter(sh, tree))
    ran = script.call("allvirtualenv", "true")
    script.raw(prompt(sh))
    active = script.var("VIRTUAL_ENV")
    remembered = script.global_var("_VEW_AUTO_ENV")
    can_leave = script.function_exists("deactivate")
    count = script.var("VEW_TEST_COUNT")
    where = script.pwd()
    run = sh.run(script, extra_env=AUTO)

    assert run[ran].status == 0, run.stderr
    assert run[active].stdout == str(sh.workon_home / "linked"), run.stderr
    assert run[remembered].stdout == str(sh.workon_home / "linked")
    assert run[can_leave].stdout == "yes"
    assert run[count].stdout == "x"
    assert run[where].stdout == str(tree)


def test_project_paths_are_taken_literally(sh: ShellHarness, tmp_path: Path) -> None:
    # Non-ASCII too: the shells find the line by its offset in characters.
    base = tmp_path / "pro.ject [1] \u00e9\u65e5\u672c"
    # PowerShell cannot enter a path holding a backslash (README: PowerShell).
    odd = base / ("a+b (c)|d{2}^$g" + ("" if sh.shell == "pwsh" else "\\h"))
    dotted = base / "v1.0"
    starred = base / "a*b?"
    for directory in (odd, dotted, starred):
        directory.mkdir(parents=True)
    # Each would match a project if that project's path were read as a pattern, or its case
    # ignored.
    lookalikes = [base / "v1x0", base / "aXYbZ", base / "V1.0"]
    for directory in lookalikes:
        directory.mkdir()

    script = sh.script()
    for name, project in (("odd", odd), ("dotted", dotted), ("starred", starred)):
        script.call("mkvirtualenv", "-a", str(project), name)
        script.call("deactivate")
    outside = []
    for directory in lookalikes:
        script.raw(enter(sh, directory))
        outside.append(script.var("VIRTUAL_ENV"))
    inside = []
    for project in (odd, starred, dotted):
        script.raw(enter(sh, project))
        inside.append(script.var("VIRTUAL_ENV"))
    run = sh.run(script, extra_env=AUTO)

    assert [run[i].stdout for i in outside] == ["<unset>"] * 3, run.stderr
    assert [run[i].stdout.removeprefix(f"{sh.workon_home}/") for i in inside] == [
        "odd", "starred", "dotted"]


def test_turned_on_by_the_configuration_file(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """`auto_activate = true` in config.toml reaches the shell through `vew init`."""
    make_env("configured")
    config = Path(sh.environ["XDG_CONFIG_HOME"]) / "vew" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text("auto_activate = true\n")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / ".venv").write_text("configured\n")
    sh.setup = "eval"
    script = sh.script()
    switch = script.var("VEW_AUTO_ACTIVATE")
    script.raw(enter(sh, tmp_path / "linked"))
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[switch].stdout == "1"
    assert run[active].stdout == str(sh.workon_home / "configured")


def switch_on(sh: ShellHarness, script: Script) -> None:
    """Auto-activation switched on in a running shell, as the README says for each shell.

    zsh, fish and PowerShell check at every directory change whatever the setting was when
    vew loaded; bash's prompt check is set up at load time, so bash loads vew again.
    """
    script.export("VEW_AUTO_ACTIVATE", "1")
    if sh.shell == "bash":
        script.raw(f"source {sh.language.quote(str(rendered_shim('bash', str(sh.home.parent))))}")


def test_switched_on_in_a_running_shell_before_any_index_exists(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    env = make_env("late")
    (env / ".project").write_text(f"{project}\n")
    index = sh.workon_home / ".vew-projects"
    script = sh.script()
    switch_on(sh, script)
    script.raw(enter(sh, project))
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[active].stdout == str(env), run.stderr
    assert index.read_text() == f"{project}\tlate\n"


def test_an_index_once_written_is_kept_while_auto_activation_is_off(
        sh: ShellHarness, make_env, tmp_path: Path) -> None:
    """A project made while auto-activation was off is found once it is switched on."""
    (sh.workon_home / ".vew-projects").write_text("")
    project = tmp_path / "made while off"
    project.mkdir()
    script = sh.script()
    script.call("mkvirtualenv", "-a", str(project), "offline")
    script.call("deactivate")
    script.raw(f"cd {sh.language.quote(str(tmp_path))}")
    switch_on(sh, script)
    script.raw(enter(sh, project))
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[active].stdout == str(sh.workon_home / "offline"), run.stderr
