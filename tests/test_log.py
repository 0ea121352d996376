"""VIRTUALENVWRAPPER_LOG_FILE (or log_file): what each core command did, hooks included."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.support.harness import ShellHarness
from tests.support.plugin_site import write_plugin
from vew import shells
from vew.steps import step

STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \[(\d+)\] (.*)$")


def entries(log: Path) -> list[tuple[str, str]]:
    """(process id, message) per line; every line must carry a timestamp."""
    result = []
    for line in log.read_text(encoding="utf-8").splitlines():
        match = STAMP.match(line)
        assert match, line
        result.append((match[1], match[2]))
    return result


def messages(log: Path) -> list[str]:
    return [message for _, message in entries(log)]


def without_stubs(logged: list[str]) -> list[str]:
    """The first call against a hook directory also logs each hook file it creates."""
    return [message for message in logged if not message.startswith("created hook file ")]


def failing_hook(path: Path, status: int) -> None:
    path.write_text(f"#!/bin/sh\nexit {status}\n")
    path.chmod(0o755)


def test_logs_commands_hooks_and_what_the_shell_was_asked(sh: ShellHarness,
                                                          workon_home: Path) -> None:
    log = sh.home / "logs" / "vew.log"
    sh.environ["VIRTUALENVWRAPPER_LOG_FILE"] = str(log)
    script = sh.script()
    made = script.call("mkvirtualenv", "my env")
    script.call("deactivate")
    run = sh.run(script)
    assert run[made].status == 0, run[made].stderr
    hook_dir = workon_home

    logged = messages(log)
    dialect = shells.get(sh.shell)
    assert logged[0] == f"mkvirtualenv 'my env': started ({dialect.name}, in {sh.home})"
    assert f"created hook file {hook_dir / 'premkvirtualenv'}" in logged
    assert f"creating {workon_home / 'my env'} with virtualenv's API: --no-seed" in logged
    assert f"ran hook {hook_dir / 'premkvirtualenv'} 'my env': status 0" in logged
    # Each line as the shell's dialect writes it.
    asked = shells.render_steps(dialect, [step("workon", "my env", "1"),
                                          step("source_hook", str(hook_dir), "postmkvirtualenv")])
    assert logged[-3:] == [
        *(f"mkvirtualenv: shell runs: {line}" for line in asked.splitlines()),
        "mkvirtualenv: exit status 0",
    ]


def test_appends_each_command_with_its_errors_and_hook_statuses(sh: ShellHarness,
                                                                make_env) -> None:
    log = sh.home / "vew.log"
    log.write_text("", encoding="utf-8")
    make_env("gone")
    failing_hook(sh.workon_home / "prermvirtualenv", 3)
    sh.environ["VIRTUALENVWRAPPER_LOG_FILE"] = str(log)
    script = sh.script()
    script.call("rmvirtualenv", "gone")
    script.call("rmvirtualenv", "missing")
    sh.run(script)

    logged = entries(log)
    first, second = logged[0][0], logged[-1][0]
    assert first != second  # two core processes, one after the other, in one file
    assert without_stubs([message for pid, message in logged if pid == first]) == [
        f"rmvirtualenv gone: started ({shells.get(sh.shell).name}, in {sh.home})",
        f"ran hook {sh.workon_home / 'prermvirtualenv'} gone: status 3",
        f"stderr: ERROR: hook {sh.workon_home / 'prermvirtualenv'} exited with status 3",
        f"deleted {sh.workon_home / 'gone'}",
        f"ran hook {sh.workon_home / 'postrmvirtualenv'} gone: status 0",
        "rmvirtualenv: exit status 0",
    ]
    assert [message for pid, message in logged if pid == second] == [
        f"rmvirtualenv missing: started ({shells.get(sh.shell).name}, in {sh.home})",
        f"stderr: Did not find environment {sh.workon_home / 'missing'} to remove.",
        "rmvirtualenv: exit status 0",
    ]


def test_log_file_from_the_configuration_file(sh: ShellHarness, workon_home: Path) -> None:
    config = Path(sh.environ["XDG_CONFIG_HOME"], "vew", "config.toml")
    config.parent.mkdir(parents=True)
    config.write_text('log_file = "~/from-config.log"\n', encoding="utf-8")
    done = sh("mkvirtualenv", "-")
    assert done.status == 2
    assert without_stubs(messages(sh.home / "from-config.log")) == [
        f"mkvirtualenv -: started ({shells.get(sh.shell).name}, in {sh.home})",
        "stderr: ERROR: an environment name cannot start with '-': '-'",
        "mkvirtualenv: exit status 2",
    ]


def test_a_log_file_that_cannot_be_written_is_a_warning(sh: ShellHarness,
                                                        make_env) -> None:
    make_env("e")
    (sh.home / "a-directory").mkdir()
    sh.environ["VIRTUALENVWRAPPER_LOG_FILE"] = str(sh.home / "a-directory")
    done = sh("rmvirtualenv", "e")
    assert done.status == 0
    assert done.stderr.startswith(f"WARNING: cannot write the log file {sh.home / 'a-directory'}")
    assert not (sh.workon_home / "e").exists()


def test_no_log_file_no_logging_module(environ: dict[str, str], workon_home: Path) -> None:
    """Without a log file the core neither writes a log nor imports logging (or TOML)."""
    code = ("import sys\n"
            "from vew import callback\n"
            "status = callback.main(['bash', sys.argv[1], 'rmvirtualenv', 'missing'])\n"
            "print(status, sorted({'logging', 'tomllib'} & set(sys.modules)))\n")
    done = subprocess.run([sys.executable, "-E", "-P", "-c", code, str(workon_home / "emit")],
                          capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "0 []"
    assert not list(Path(environ["HOME"]).rglob("*.log"))


def test_a_log_that_fails_while_writing_is_one_warning(sh: ShellHarness, make_env) -> None:
    """/dev/full opens fine and fails every write, as a full disk does."""
    make_env("e")
    sh.environ["VIRTUALENVWRAPPER_LOG_FILE"] = "/dev/full"
    done = sh("rmvirtualenv", "e")
    assert done.status == 0
    assert done.stderr == "WARNING: cannot write the log file /dev/full; not logging\n"
    assert not (sh.workon_home / "e").exists()


def test_logs_plugin_hooks(sh: ShellHarness, make_env, tmp_path: Path) -> None:
    site = tmp_path / "plugins"
    write_plugin(site, "failing", "def prermvirtualenv(name):\n    raise SystemExit(4)\n",
                 {"vew.hooks": {"prermvirtualenv": "failing:prermvirtualenv"}})
    make_env("e")
    log = sh.home / "vew.log"
    sh.environ.update(VEW_PLUGIN_PATH=str(site), VIRTUALENVWRAPPER_LOG_FILE=str(log))
    assert sh("rmvirtualenv", "e").status == 0
    assert ("ran plugin hook prermvirtualenv (failing:prermvirtualenv from failing) e: "
            "status 4") in messages(log)
