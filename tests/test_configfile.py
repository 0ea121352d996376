"""The configuration file in real shells: through `vew init` to the shell, and to the core."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.support.harness import LANGUAGES, ShellHarness
from vew import shells


def write_config(environ: dict[str, str], text: str) -> Path:
    path = Path(environ["XDG_CONFIG_HOME"], "vew", "config.toml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("setup", ["eval", "init-static"])
def test_workon_home_from_the_file_reaches_the_shell(sh: ShellHarness, setup: str) -> None:
    """Set only in the file: mkvirtualenv creates there, and a new shell's workon finds it."""
    del sh.environ["WORKON_HOME"]
    write_config(sh.environ, "workon_home = \"~/it's my envs\"\nworkon_cd = false\n")
    expected = sh.home / "it's my envs"
    sh.setup = setup

    script = sh.script()
    home = script.var("WORKON_HOME")
    hook_dir = script.var("VIRTUALENVWRAPPER_HOOK_DIR")
    cd = script.var("VIRTUALENVWRAPPER_WORKON_CD")
    made = script.call("mkvirtualenv", "e")
    run = sh.run(script)
    assert run[home].stdout == str(expected)
    assert run[hook_dir].stdout == str(expected)
    assert run[cd].stdout == "0"
    assert run[made].status == 0, run[made].stderr
    assert (expected / "e" / "bin" / "activate").is_file()

    script = sh.script()
    listed = script.call("lsvirtualenv", "-b")
    worked = script.call("workon", "e")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[listed].stdout == "e\n"
    assert run[worked].status == 0, run[worked].stderr
    assert run[active].stdout == str(expected / "e")


def test_the_environment_wins_over_the_file(sh: ShellHarness) -> None:
    write_config(sh.environ, 'workon_home = "~/from-file"\nproject_filename = ".link"\n')
    sh.setup = "eval"
    script = sh.script()
    home = script.var("WORKON_HOME")
    filename = script.var("VIRTUALENVWRAPPER_PROJECT_FILENAME")
    made = script.call("mkvirtualenv", "e")
    run = sh.run(script, extra_env={"VIRTUALENVWRAPPER_PROJECT_FILENAME": ".mine"})
    assert run[home].stdout == str(sh.workon_home)
    assert run[filename].stdout == ".mine"
    assert run[made].status == 0, run[made].stderr
    assert (sh.workon_home / "e").is_dir()
    assert not (sh.home / "from-file").exists()


def test_the_core_reads_the_file_itself(sh: ShellHarness) -> None:
    """A setting only the core uses applies at once, with a shim rendered before the file."""
    del sh.environ["VIRTUALENVWRAPPER_VIRTUALENV_ARGS"]
    write_config(sh.environ, 'virtualenv_args = ["--no-seed", "--prompt", "from the file"]\n')
    made = sh("mkvirtualenv", "e")
    assert made.status == 0, made.stderr
    assert "from the file" in (sh.workon_home / "e" / "bin" / "activate").read_text()


def test_a_static_setup_keeps_the_values_it_was_rendered_with(sh: ShellHarness) -> None:
    """Documented: after editing the file, a static set-up needs `vew init SHELL --static`."""
    del sh.environ["WORKON_HOME"]
    config = write_config(sh.environ, 'workon_home = "~/first"\n')
    sh.setup = "init-static"
    script = sh.script()
    home = script.var("WORKON_HOME")
    assert sh.run(script)[home].stdout == str(sh.home / "first")

    config.write_text('workon_home = "~/second"\n', encoding="utf-8")
    static = sh.home / ".local" / "share" / "vew" / shells.get(sh.shell).static_name
    language = LANGUAGES[sh.shell]
    sourced = subprocess.run(
        language.inline_argv(f"{language.source(str(static))}; "
                             f"{language.show_var('WORKON_HOME')}"),
        capture_output=True, text=True, env=sh.environ, check=False)
    assert sourced.stdout == str(sh.home / "first"), sourced.stderr
    # `vew init SHELL --static` again (as this set-up does first) picks the change up.
    assert sh.run(script)[home].stdout == str(sh.home / "second")


def test_a_malformed_file_stops_core_commands_not_workon(sh: ShellHarness, make_env) -> None:
    make_env("there")
    config = write_config(sh.environ, 'workon_home = "/x"\nvirtualenv_args = [\n')
    script = sh.script()
    made = script.call("mkvirtualenv", "e")
    worked = script.call("workon", "there")
    run = sh.run(script)
    assert run[made].status == 1
    assert run[made].stderr == (f"ERROR: configuration file {config}, line 2: "
                                "Invalid value at the end of the file\n")
    assert "Traceback" not in run.stderr
    assert not (sh.workon_home / "e").exists()
    assert run[worked].status == 0


def test_a_malformed_file_at_eval_setup_is_said_once_and_the_defaults_apply(
        sh: ShellHarness, make_env) -> None:
    """`workon_cd = fals`: every command is still defined, with vew's defaults."""
    make_env("there")
    (sh.workon_home / "there" / ".project").write_text(f"{sh.home}\n")
    config = write_config(sh.environ, "workon_cd = fals\n")
    sh.setup = "eval"
    script = sh.script()
    defined = [script.function_exists(name) for name in ("workon", "mkvirtualenv", "vew")]
    cd = script.var("VIRTUALENVWRAPPER_WORKON_CD")
    worked = script.call("workon", "there")
    where = script.pwd()
    run = sh.run(script)
    assert [run[index].stdout for index in defined] == ["yes", "yes", "yes"]
    assert run[cd].stdout == "1"
    assert run[worked].status == 0, run[worked].stderr
    assert run[where].stdout == str(sh.home)
    loading = run.stderr.split("\x1e", 1)[0]
    assert loading == (f"ERROR: configuration file {config}, line 1, column 13: Invalid value "
                       "(vew's defaults apply until it is fixed)\n")
