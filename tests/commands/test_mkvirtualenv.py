"""mkvirtualenv in real shells: options, hooks, installs, and failures that leave nothing."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.support.harness import ShellHarness, log_hook, read_log
from tests.support.wheels import build_wheel

LOCAL_STUBS = {"preactivate", "postactivate", "predeactivate", "postdeactivate",
               "get_env_details"}
GLOBAL_STUBS = LOCAL_STUBS | {"initialize", "premkvirtualenv", "postmkvirtualenv",
                              "prermvirtualenv", "postrmvirtualenv", "premkproject",
                              "postmkproject"}
SEEDED = {"VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "", "PIP_NO_INDEX": "1"}


def entries(path: Path) -> set[str]:
    return {entry.name for entry in path.iterdir()} if path.exists() else set()


def test_creates_activates_and_writes_stubs(sh: ShellHarness) -> None:
    script = sh.script()
    made = script.call("mkvirtualenv", "first")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    assert run[made].status == 0, run[made].stderr
    assert "created virtual environment" in run[made].stdout
    assert run[active].stdout == str(sh.workon_home / "first")
    assert entries(sh.workon_home / "first" / "bin") >= LOCAL_STUBS
    assert entries(sh.workon_home) >= GLOBAL_STUBS
    assert not (sh.workon_home / "first" / ".vew-incomplete").exists()


def test_hooks_fire_in_virtualenvwrapper_order(sh: ShellHarness, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    for name, sourced in [("premkvirtualenv", False), ("preactivate", False),
                          ("postactivate", True), ("postmkvirtualenv", True)]:
        log_hook(workon_home, name, log, sourced=sourced, label=f"global {name}")
    assert sh("mkvirtualenv", "ordered").status == 0
    assert read_log(log) == [
        "global premkvirtualenv ordered",
        "global preactivate ordered",
        "global postactivate",
        "global postmkvirtualenv",
    ]


def test_wrapper_options_after_the_name_and_creator_options_pass_through(
        sh: ShellHarness, tmp_path: Path) -> None:
    project = tmp_path / "my project"
    project.mkdir()
    script = sh.script()
    made = script.call("mkvirtualenv", "--prompt", "shown", "named", "-a", str(project))
    where = script.pwd()
    run = sh.run(script)

    assert run[made].status == 0, run[made].stderr
    assert f"Setting project for named to {project}" in run[made].stdout
    assert run[where].stdout == str(project)
    env = sh.workon_home / "named"
    assert (env / ".project").read_text() == f"{project}\n"
    assert "shown" in (env / "bin" / "activate").read_text()


def test_python_option_reaches_virtualenv(sh: ShellHarness) -> None:
    assert sh("mkvirtualenv", f"--python={sys.executable}", "chosen").status == 0
    cfg = (sh.workon_home / "chosen" / "pyvenv.cfg").read_text()
    assert f"version_info = {sys.version_info.major}.{sys.version_info.minor}" in cfg


def test_existing_environment_is_an_error_and_stays_untouched(
        sh: ShellHarness, make_env, workon_home: Path) -> None:
    env = make_env("taken")
    (env / "keep-me").write_text("mine")
    log = sh.home / "hooks.log"
    log_hook(workon_home, "premkvirtualenv", log, sourced=False)

    result = sh("mkvirtualenv", "taken")

    assert result.status == 1
    assert "already exists" in result.stderr and "workon taken" in result.stderr
    assert (env / "keep-me").read_text() == "mine"
    assert read_log(log) == []


def test_usage_errors_exit_2_and_create_nothing(sh: ShellHarness, workon_home: Path) -> None:
    script = sh.script()
    missing = script.call("mkvirtualenv")
    slash = script.call("mkvirtualenv", "a/b")
    dash = script.call("mkvirtualenv", "-a")
    run = sh.run(script)

    for index in (missing, slash, dash):
        assert run[index].status == 2
        assert run[index].stderr.startswith("ERROR:")
    # The hook directory (WORKON_HOME here) holds vew's stubs and its list of checked hooks.
    assert entries(workon_home) <= GLOBAL_STUBS | {".vew-hooks-checked"}


def test_bad_project_directory_creates_nothing(sh: ShellHarness, tmp_path: Path) -> None:
    result = sh("mkvirtualenv", "-a", str(tmp_path / "absent"), "orphan")
    assert result.status == 1
    assert "absent" in result.stderr
    assert not (sh.workon_home / "orphan").exists()


def test_failing_creator_leaves_nothing(sh: ShellHarness) -> None:
    script = sh.script()
    failed = script.call("mkvirtualenv", "-p", "/nonexistent/python9", "broken")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    assert run[failed].status != 0
    assert run[failed].stderr.count("ERROR:") == 1
    assert "Traceback" not in run[failed].stderr
    assert not (sh.workon_home / "broken").exists()
    assert run[active].stdout == "<unset>"


def test_help_shows_wrapper_and_virtualenv_options(sh: ShellHarness) -> None:
    result = sh("mkvirtualenv", "-h")
    assert result.status == 0
    assert result.stdout.startswith("Usage: mkvirtualenv ")
    assert "-a project_directory" in result.stdout
    assert "virtualenv help:" in result.stdout
    assert "--prompt" in result.stdout


def test_installs_requirements_then_packages(sh: ShellHarness, tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    first = build_wheel(wheels, "firstpkg", modules={"firstpkg.py": "VALUE = 1\n"})
    second = build_wheel(wheels, "secondpkg", modules={"secondpkg.py": "VALUE = 2\n"})
    requirements = tmp_path / "requirements.txt"
    requirements.write_text(f"{first}\n")
    script = sh.script()
    made = script.call("mkvirtualenv", "-r", str(requirements), "-i", str(second), "filled")
    imported = script.call("python", "-c", "import firstpkg, secondpkg, sys; print(sys.prefix)")
    run = sh.run(script, extra_env=SEEDED)

    assert run[made].status == 0, run[made].stderr
    assert run[made].stdout.index("firstpkg") < run[made].stdout.index("secondpkg")
    assert run[imported].stdout.strip() == str(sh.workon_home / "filled")


def test_failed_install_removes_the_new_env_and_keeps_the_old_one_active(
        sh: ShellHarness, make_env) -> None:
    make_env("current")
    script = sh.script()
    script.call("workon", "current")
    failed = script.call("mkvirtualenv", "-i", "no-such-package-anywhere", "doomed")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env=SEEDED)

    assert run[failed].status == 1
    assert "pip install failed" in run[failed].stderr
    assert not (sh.workon_home / "doomed").exists()
    assert run[active].stdout == str(sh.workon_home / "current")


def test_configured_creator_command(sh: ShellHarness) -> None:
    virtualenv = str(Path(sys.executable).parent / "virtualenv")
    ok = sh("mkvirtualenv", "viacommand",
            extra_env={"VIRTUALENVWRAPPER_VIRTUALENV": virtualenv})
    assert ok.status == 0, ok.stderr
    assert (sh.workon_home / "viacommand" / "bin" / "activate").is_file()

    missing = sh("mkvirtualenv", "nocreator",
                 extra_env={"VIRTUALENVWRAPPER_VIRTUALENV": "no-such-creator --flag"})
    assert missing.status == 1
    assert "no-such-creator" in missing.stderr
    assert not (sh.workon_home / "nocreator").exists()
