"""No Python traceback ever reaches the user: closed pipes, names that are not UTF-8, special
files where a configuration file should be, and errors too long to read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, require

pytestmark = pytest.mark.usefixtures("hook_dir")

TRACES = ("Traceback", "Error:", "Exception ignored")


def assert_no_trace(text: str) -> None:
    for trace in TRACES:
        assert trace not in text, text


# --- closed pipes ---


PIPES = ["lsvirtualenv -l | head -n 1", "lsvirtualenv -l | true", "mkvirtualenv -h | head -n 1",
         "mkvirtualenv -h | true", "showvirtualenv e | true"]


@pytest.mark.parametrize("pipeline", PIPES)
def test_a_closed_pipe_ends_quietly(sh: ShellHarness, make_env, pipeline: str) -> None:
    for index in range(3):
        make_env(f"e{index}" if index else "e")
    script = sh.script()
    piped = script.raw(pipeline)
    after = script.call("lsvirtualenv", "-b")
    run = sh.run(script)
    assert_no_trace(run[piped].stderr)
    assert run[piped].stderr == ""
    assert run[after].stdout.split() == ["e", "e1", "e2"]


def test_vew_itself_ends_quietly_on_a_closed_pipe(environ: dict[str, str], make_env) -> None:
    make_env("e")
    for argv in (["--help"], ["pythons"], ["doctor"], ["config"]):
        done = subprocess.run(f"{sys.executable} -m vew {' '.join(argv)} | true", shell=True,
                              capture_output=True, text=True, env=environ, check=False)
        assert done.stderr == "", (argv, done.stderr)


# --- names that are not UTF-8 ---


# PowerShell is not among them: .NET holds names as UTF-16 and decodes a file name that is not
# UTF-8 with replacement characters, so no PowerShell code can name such an environment.
@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_name_that_is_not_utf8_is_carried_byte_exact(environ: dict[str, str], make_env,
                                                        shell: str) -> None:
    """Latin-1 "café": byte 0xE9 alone is no UTF-8. Listing, completion, allvirtualenv and
    cpvirtualenv carry it as it is; the code the core sends the shell too."""
    require(shell)
    sh = ShellHarness(shell, Path(environ["HOME"]), environ)
    name = os.fsdecode(b"caf\xe9")
    made = make_env("plain")
    made.rename(sh.workon_home / name)
    script = sh.script()
    brief = script.call("lsvirtualenv", "-b")
    long = script.call("lsvirtualenv", "-l")
    every = script.call("allvirtualenv", "pwd")
    copied = script.call("cpvirtualenv", name)
    worked = script.call("workon", name)
    run = sh.run(script)
    for index in (brief, long, every, copied, worked):
        assert_no_trace(run[index].stderr)
    assert run[brief].stdout == f"{name}\n"
    assert run[long].stdout.startswith(f"{name}\n====\n")
    assert f"{sh.workon_home / name}\n" in run[every].stdout
    assert run[copied].status == 1  # it exists: the copy keeps the name, and is refused
    assert run[worked].status == 0, run[worked].stderr
    copy = sh("cpvirtualenv", name, os.fsdecode(b"copie-\xe9"))
    assert copy.status == 0, copy.stderr
    assert (sh.workon_home / os.fsdecode(b"copie-\xe9") / "bin" / "activate").is_file()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_offers_a_name_that_is_not_utf8(environ: dict[str, str], make_env,
                                                    shell: str) -> None:
    require(shell)
    sh = ShellHarness(shell, Path(environ["HOME"]), environ)
    name = os.fsdecode(b"caf\xe9")
    make_env("plain").rename(sh.workon_home / name)
    complete = {
        "bash": 'COMP_LINE="workon c"; COMP_POINT=8; _vew_complete workon c workon; '
                'printf "%s\\n" "${COMPREPLY[@]}"',
        "zsh": '_vew_compctl_envs; printf "%s\\n" "${reply[@]}"',
        "fish": "complete -C 'workon c'",
    }[sh.shell]
    script = sh.script()
    offered = script.raw(complete)
    run = sh.run(script)
    # bash offers the word as it must be typed ($'...' for the byte); zsh and fish the name.
    offered_text = run[offered].stdout
    assert "c$'af\\351'" in offered_text if sh.shell == "bash" \
        else os.fsencode(name) in os.fsencode(offered_text), offered_text


# --- special files ---


def test_a_fifo_for_the_configuration_file_is_refused(sh: ShellHarness,
                                                      environ: dict[str, str]) -> None:
    config = Path(environ["XDG_CONFIG_HOME"]) / "vew" / "config.toml"
    config.parent.mkdir(parents=True)
    os.mkfifo(config)
    refused = f"ERROR: configuration file {config}: is not a regular file; not read"
    for argv in (["config"], ["doctor"]):
        done = subprocess.run([sys.executable, "-m", "vew", *argv], capture_output=True,
                              text=True, env=environ, timeout=30, check=False)
        assert done.returncode != 0, argv
        assert done.stderr.splitlines() == [refused], argv
    # The eval set-up says so too, and keeps the shell's commands, as for any unusable file.
    init = subprocess.run([sys.executable, "-m", "vew", "init", "bash"], capture_output=True,
                          text=True, env=environ, timeout=30, check=False)
    assert init.stderr.splitlines() == [f"{refused} (vew's defaults apply until it is fixed)"]
    assert "workon()" in init.stdout
    listed = sh("lsvirtualenv", timeout=30)
    assert listed.status != 0
    assert "is not a regular file" in listed.stderr
    assert_no_trace(listed.stderr)


# A backslash in the name: PowerShell's provider cannot look at the files, .NET takes a FIFO
# for a file, and vew must learn the type another way.
@pytest.mark.parametrize("name", ["e", "back\\slash"])
def test_a_fifo_in_place_of_an_environment_file_hangs_nothing(sh: ShellHarness,
                                                              make_env, name: str) -> None:
    env = make_env(name)
    os.mkfifo(env / ".project")
    (env / "pyvenv.cfg").unlink()
    os.mkfifo(env / "pyvenv.cfg")
    script = sh.script()
    shown = script.call("showvirtualenv", name)
    toggled = script.raw(f"workon {sh.language.quote(name)}; toggleglobalsitepackages")
    run = sh.run(script, timeout=60)
    assert_no_trace(run.stderr)
    assert run[shown].status == 0
    assert run[toggled].status == 1
    doctor = subprocess.run([sys.executable, "-m", "vew", "doctor"], capture_output=True,
                            text=True, env=sh.environ, timeout=30, check=False)
    assert_no_trace(doctor.stderr)


# --- messages of a readable length ---


def test_a_copy_failing_on_many_files_says_so_in_one_short_line(
        sh: ShellHarness, source: Path) -> None:
    """Thousands of files that cannot be copied: one line names the first and counts the
    rest (a full disk once produced a line of 256,941 characters)."""
    crowd = source / "crowd"
    crowd.mkdir()
    for index in range(3000):
        os.mkfifo(crowd / f"fifo-{index:04d}-{'x' * 60}")
    copied = sh("cpvirtualenv", str(source), "copy")
    assert copied.status == 1
    errors = [line for line in copied.stderr.splitlines() if line.startswith("ERROR:")]
    assert len(errors) == 1, copied.stderr
    assert "(and 2999 more)" in errors[0]
    assert len(errors[0]) < 700
    assert not (sh.workon_home / "copy").exists()
    shutil.rmtree(crowd)
