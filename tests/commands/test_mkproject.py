"""mkproject in real shells: the project, its environment, templates, hook order, failures."""

from __future__ import annotations

import shlex
from pathlib import Path

from tests.support.harness import LANGUAGES, ShellHarness, fish_quote, log_hook, read_log
from tests.support.plugin_site import write_plugin


def write_template(hook_dir: Path, name: str, body: str, description: str = "") -> Path:
    """An executable template; ``description`` becomes its comment line."""
    directory = hook_dir / "templates"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    comment = f"# {description}\n" if description else ""
    path.write_text(f"#!/bin/sh\n{comment}{body}\n")
    path.chmod(0o755)
    return path


def logging_template(hook_dir: Path, name: str, log: Path) -> None:
    """A template that logs its name, arguments, working directory and active environment."""
    write_template(hook_dir, name, f'echo "{name} $1 $2 $PWD $VIRTUAL_ENV" >> '
                                   f"{shlex.quote(str(log))}")


def test_makes_environment_and_project_and_changes_to_it(
        sh: ShellHarness, project_home: Path) -> None:
    script = sh.script()
    made = script.call("mkproject", "my project")
    where = script.pwd()
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    project = project_home / "my project"
    env = sh.workon_home / "my project"
    assert run[made].status == 0, run[made].stderr
    assert "created virtual environment" in run[made].stdout
    assert f"Creating {project}\nSetting project for my project to {project}\n" \
        in run[made].stdout
    assert run[made].stderr == ""
    assert run[where].stdout == str(project)
    assert run[active].stdout == str(env)
    assert (env / ".project").read_text() == f"{project}\n"
    assert project.is_dir()


def test_hooks_and_templates_fire_in_virtualenvwrapper_order(
        sh: ShellHarness, project_home: Path, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    for name, sourced in [("premkvirtualenv", False), ("preactivate", False),
                          ("postactivate", True), ("postmkvirtualenv", True),
                          ("premkproject", False), ("postmkproject", True)]:
        log_hook(workon_home, name, log, sourced=sourced)
    logging_template(workon_home, "first", log)
    logging_template(workon_home, "second", log)
    assert sh("mkproject", "-t", "second", "-t", "first", "ordered").status == 0

    project = project_home / "ordered"
    env = sh.workon_home / "ordered"
    assert read_log(log) == [
        "premkvirtualenv ordered",
        "preactivate ordered",
        "postactivate",
        "postmkvirtualenv",
        "premkproject ordered",
        f"second ordered {project} {project} {env}",
        f"first ordered {project} {project} {env}",
        "postmkproject",
    ]


def test_hook_working_directories_and_environment(
        sh: ShellHarness, project_home: Path, workon_home: Path) -> None:
    log = sh.home / "cwd.log"
    quoted = shlex.quote(str(log))
    premkproject = workon_home / "premkproject"
    premkproject.write_text(f'#!/bin/sh\necho "pre $PWD $VIRTUAL_ENV" >> {quoted}\n')
    premkproject.chmod(0o755)
    (workon_home / "postmkproject").write_text(f'echo "post $PWD $VIRTUAL_ENV" >> {quoted}\n')
    (workon_home / "postmkproject.fish").write_text(
        f'echo "post $PWD $VIRTUAL_ENV" >> {fish_quote(str(log))}\n')
    (workon_home / "postmkproject.ps1").write_text(
        f"Add-Content -LiteralPath {LANGUAGES['pwsh'].quote(str(log))} "
        '-Value "post $PWD $env:VIRTUAL_ENV"\n')
    assert sh("mkproject", "placed").status == 0

    env = sh.workon_home / "placed"
    assert read_log(log) == [f"pre {workon_home} {env}", f"post {project_home / 'placed'} {env}"]


def test_each_template_is_announced_and_gets_its_arguments(
        sh: ShellHarness, project_home: Path, workon_home: Path) -> None:
    write_template(workon_home, "readme", 'printf "# %s\\n" "$1" > README.md; echo "in $2"',
                   "A README that names the project")
    result = sh("mkproject", "-t", "readme", "documented")

    project = project_home / "documented"
    assert result.status == 0, result.stderr
    assert f"\nApplying template readme\nin {project}\n" in result.stdout
    assert (project / "README.md").read_text() == "# documented\n"


def test_errors_come_in_order_and_create_nothing(
        sh: ShellHarness, tmp_path: Path, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    log_hook(workon_home, "premkvirtualenv", log, sourced=False)
    projects = tmp_path / "projects"
    (projects / "taken").mkdir(parents=True)
    script = sh.script()
    script.raw(sh.language.unset("PROJECT_HOME"))
    unset = script.call("mkproject", "-t", "nope", "taken")
    script.export("PROJECT_HOME", str(tmp_path / "absent"))
    missing = script.call("mkproject", "-t", "nope", "taken")
    script.export("PROJECT_HOME", str(projects))
    exists = script.call("mkproject", "-t", "nope", "taken")
    unknown = script.call("mkproject", "-t", "nope", "fresh")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    assert "PROJECT_HOME" in run[unset].stderr
    assert str(tmp_path / "absent") in run[missing].stderr
    assert str(projects / "taken") in run[exists].stderr
    assert "nope" in run[unknown].stderr and "mkproject -l" in run[unknown].stderr
    for index in (unset, missing, exists, unknown):
        assert run[index].status == 1
        assert run[index].stdout == ""
        assert run[index].stderr.startswith("ERROR: ")
        assert run[index].stderr.count("\n") == 1
    assert read_log(log) == []
    assert sorted(path.name for path in projects.iterdir()) == ["taken"]
    assert not (workon_home / "taken").exists() and not (workon_home / "fresh").exists()
    assert run[active].stdout == "<unset>"


def test_usage_errors_exit_2(sh: ShellHarness, project_home: Path) -> None:
    script = sh.script()
    nothing = script.call("mkproject")
    slash = script.call("mkproject", "a/b")
    no_template = script.call("mkproject", "name", "-t")
    run = sh.run(script)

    for index in (nothing, slash, no_template):
        assert run[index].status == 2
        assert run[index].stderr.startswith("ERROR:")
    assert list(project_home.iterdir()) == []


def test_force_makes_the_environment_of_an_existing_project(
        sh: ShellHarness, project_home: Path) -> None:
    project = project_home / "old"
    project.mkdir()
    (project / "keep.txt").write_text("mine")
    script = sh.script()
    made = script.call("mkproject", "-f", "old")
    where = script.pwd()
    run = sh.run(script)

    assert run[made].status == 0, run[made].stderr
    assert run[where].stdout == str(project)
    assert (project / "keep.txt").read_text() == "mine"
    assert (sh.workon_home / "old" / ".project").read_text() == f"{project}\n"


def test_existing_environment_is_an_error_even_with_force(
        sh: ShellHarness, project_home: Path, make_env) -> None:
    make_env("taken")
    result = sh("mkproject", "-f", "taken")
    assert result.status == 1
    assert "already exists" in result.stderr
    assert not (project_home / "taken").exists()


def test_project_home_may_be_workon_home(sh: ShellHarness, environ: dict[str, str],
                                         workon_home: Path) -> None:
    environ["PROJECT_HOME"] = str(workon_home)
    script = sh.script()
    made = script.call("mkproject", "same")
    where = script.pwd()
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    env = workon_home / "same"
    assert run[made].status == 0, run[made].stderr
    assert run[where].stdout == str(env)
    assert run[active].stdout == str(env)
    assert (env / ".project").read_text() == f"{env}\n"
    assert (env / "bin" / "activate").is_file()


def test_failing_template_is_reported_and_the_others_still_run(
        sh: ShellHarness, project_home: Path, workon_home: Path) -> None:
    log = sh.home / "hooks.log"
    write_template(workon_home, "broken", "exit 3")
    logging_template(workon_home, "fine", log)
    log_hook(workon_home, "postmkproject", log, sourced=True)
    script = sh.script()
    made = script.call("mkproject", "-t", "broken", "-t", "fine", "partial")
    where = script.pwd()
    run = sh.run(script)

    project = project_home / "partial"
    assert run[made].status == 1
    assert run[made].stderr.count("ERROR:") == 1
    assert "broken" in run[made].stderr and "status 3" in run[made].stderr
    assert read_log(log)[-1] == "postmkproject"
    assert read_log(log)[0].startswith("fine partial")
    assert run[where].stdout == str(project)


def test_failure_after_activation_removes_environment_and_leaves_it(
        sh: ShellHarness, project_home: Path, workon_home: Path) -> None:
    # premkproject puts a file where the project directory goes: creating it fails.
    hook = workon_home / "premkproject"
    hook.write_text(f"#!/bin/sh\ntouch {shlex.quote(str(project_home))}/\"$1\"\n")
    hook.chmod(0o755)
    script = sh.script()
    made = script.call("mkproject", "blocked")
    active = script.var("VIRTUAL_ENV")
    has_deactivate = script.function_exists("deactivate")
    run = sh.run(script)

    assert run[made].status == 1
    assert run[made].stderr.count("ERROR:") == 1
    assert "blocked" in run[made].stderr
    assert not (workon_home / "blocked").exists()
    assert (project_home / "blocked").is_file()  # not vew's to remove
    assert run[active].stdout == "<unset>"
    assert run[has_deactivate].stdout == "no"


def test_interrupted_template_removes_the_project_directory_and_environment(
        sh: ShellHarness, project_home: Path, environ: dict[str, str], tmp_path: Path) -> None:
    site = tmp_path / "plugins"
    write_plugin(site, "interrupting", "def template(name, project_dir):\n"
                 "    (project_dir / 'half').write_text('x')\n"
                 "    raise KeyboardInterrupt\n",
                 {"vew.project_templates": {"interrupt": "interrupting:template"}})
    environ["VEW_PLUGIN_PATH"] = str(site)
    script = sh.script()
    made = script.call("mkproject", "-t", "interrupt", "halted")
    active = script.var("VIRTUAL_ENV")
    where = script.pwd()
    run = sh.run(script)

    assert run[made].status == 130
    assert "interrupted" in run[made].stderr
    assert "Traceback" not in run[made].stderr
    assert not (project_home / "halted").exists()
    assert not (sh.workon_home / "halted").exists()
    assert run[active].stdout == "<unset>"
    assert run[where].stdout == str(sh.home)


def test_creator_failure_returns_its_status(sh: ShellHarness, project_home: Path,
                                            tmp_path: Path) -> None:
    creator = tmp_path / "creator"
    creator.write_text("#!/bin/sh\nexit 7\n")
    creator.chmod(0o755)
    result = sh("mkproject", "uncreated",
                extra_env={"VIRTUALENVWRAPPER_VIRTUALENV": str(creator)})
    assert result.status == 7
    assert not (project_home / "uncreated").exists()
    assert not (sh.workon_home / "uncreated").exists()


def test_list_and_help_show_the_templates(sh: ShellHarness, project_home: Path,
                                          workon_home: Path) -> None:
    script = sh.script()
    empty = script.call("mkproject", "-l")
    run = sh.run(script)
    assert run[empty].status == 0
    # Laid out as virtualenvwrapper's mkproject -h lays them out.
    assert run[empty].stdout == "Available project templates:\n\n  No templates installed.\n"

    write_template(workon_home, "readme", "true", "A README that names the project")
    write_template(workon_home, "git", "git init -q", "An empty git repository")
    (workon_home / "templates" / "notes.txt").write_text("not a template\n")
    script = sh.script()
    listed = script.call("mkproject", "-l")
    helped = script.call("mkproject", "-h")
    run = sh.run(script)

    assert run[listed].status == 0
    assert run[listed].stdout == (
        "Available project templates:\n\n"
        "  git        -- An empty git repository\n"
        "  readme     -- A README that names the project\n"
    )
    assert run[helped].status == 0
    help_text = run[helped].stdout
    assert help_text.startswith("Usage: mkproject")
    for part in ("-f, --force", "-t template", "order", "virtualenv help:",
                 "-a project_directory", "--prompt", run[listed].stdout):
        assert part in help_text
    assert help_text.index("--prompt") < help_text.index("Available project templates:")
    assert list(project_home.iterdir()) == []


def test_a_non_executable_template_is_named(sh: ShellHarness, project_home: Path,
                                            workon_home: Path) -> None:
    path = write_template(workon_home, "plain", "true")
    path.chmod(0o644)
    result = sh("mkproject", "-t", "plain", "unmade")
    assert result.status == 1
    assert str(path) in result.stderr and "not executable" in result.stderr
    assert not (sh.workon_home / "unmade").exists()


def test_a_failing_premkproject_hook_is_reported_and_does_not_stop_it(
        sh: ShellHarness, project_home: Path, workon_home: Path) -> None:
    hook = workon_home / "premkproject"
    hook.write_text("#!/bin/sh\nexit 5\n")
    hook.chmod(0o755)
    result = sh("mkproject", "hooked")
    assert result.status == 0
    assert result.stderr == f"ERROR: hook {hook} exited with status 5\n"
    assert (project_home / "hooked").is_dir()
