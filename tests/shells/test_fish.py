"""What only fish needs checking: its quoting, its set-up, and a hot path that starts nothing."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.harness import require
from vew import catalogue, checked_hooks, hooks, integration, settings, shells, steps
from vew.shells.fish import DIALECT as FISH

SHELL_DIR = Path(__file__).resolve().parents[2] / "shell"

AWKWARD = ["", "plain", "it's", "back\\slash", "\\'", "'\\", "trailing\\", "a\nb", "tab\there",
           "$HOME", "$(echo x)", "(echo x)", "{a,b}", "*", "?", "~", "~/x", "%self", "#hash",
           '"double"', "semi;colon & amp | pipe", "ünïcödé ε", "-n", "--", "a  b", "<>"]


def fish(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    require("fish")
    return subprocess.run(["fish", "--no-config", *args], capture_output=True, text=True,
                          check=False, **kwargs)  # type: ignore[call-overload]


def test_quote_writes_fish_single_quotes() -> None:
    assert FISH.quote("plain-word_1.2/x") == "plain-word_1.2/x"
    assert FISH.quote("") == "''"
    assert FISH.quote("it's") == "'it\\'s'"
    assert FISH.quote("a\\b") == "'a\\\\b'"
    assert FISH.quote("%self") == "'%self'"
    assert FISH.quote("~") == "'~'"


def test_every_quoted_value_reaches_fish_unchanged() -> None:
    code = "\n".join(f"printf '%s\\x1f' {FISH.quote(value)}" for value in AWKWARD)
    done = fish("-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\x1f")[:-1] == AWKWARD


def test_steps_render_as_calls_with_quoted_values_and_local_refs() -> None:
    rendered = shells.render_steps(FISH, [
        steps.step("workon", "it's", "1"),
        steps.step("source_hook", steps.HOOK_DIR, "postactivate"),
        steps.step("activate", steps.ENV),
    ])
    assert rendered.splitlines() == [
        "_vew_workon 'it\\'s' 1",
        '_vew_source_hook "$VIRTUALENVWRAPPER_HOOK_DIR" postactivate',
        '_vew_activate "$_vew_env"',
    ]


def test_wrapper_and_source_line() -> None:
    assert FISH.wrapper("rmvirtualenv").splitlines() == [
        "function rmvirtualenv", "    _vew_call rmvirtualenv $argv", "end"]
    assert FISH.source_line("/a b/vew.fish") == "source '/a b/vew.fish'"


def test_rc_file_follows_xdg_config_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "conf"))
    assert integration.rc_path(FISH) == tmp_path / "conf" / "fish" / "config.fish"
    monkeypatch.delenv("XDG_CONFIG_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert integration.rc_path(FISH) == tmp_path / ".config" / "fish" / "config.fish"


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_templates_parse_with_their_placeholders(shell: str) -> None:
    require(shell)
    text = "\n".join((SHELL_DIR / name).read_text() for name in shells.get(shell).templates)
    done = subprocess.run([shell, "-n"], input=text, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def test_the_shell_written_commands_describe_themselves_as_the_catalogue_does(
        environ: dict[str, str], tmp_path: Path) -> None:
    """fish shows a function's description when completing command names."""
    Path(environ["WORKON_HOME"]).mkdir()
    path = tmp_path / "vew.fish"
    path.write_text(integration.shim(FISH, str(path)))
    for name in ("workon", "lsvirtualenv"):
        done = fish("-c", f"source {FISH.quote(str(path))}; functions -Dv {name}", env=environ)
        assert done.returncode == 0, done.stderr
        assert done.stdout.splitlines()[-1] == catalogue.BY_NAME[name].summary


def test_vew_init_without_a_shell_detects_fish(environ: dict[str, str]) -> None:
    vew = " ".join(FISH.quote(word) for word in [sys.executable, "-m", "vew"])
    Path(environ["WORKON_HOME"]).mkdir()
    done = fish("-c", f"{vew} init | source; and functions -q workon; and echo defined",
                env=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "defined\n"


def test_hot_path_starts_no_process_of_vews(environ: dict[str, str], tmp_path: Path) -> None:
    """workon, deactivate and lsvirtualenv -b with vew's stub hooks everywhere start no Python:
    only fish, what virtualenv's activate.fish itself starts, and the listing's `sort`."""
    from virtualenv import cli_run

    workon_home = Path(environ["WORKON_HOME"])
    for name in ("b-2", "b", "A"):
        cli_run(["--no-seed", "--activators", "bash,fish", str(workon_home / name)],
                setup_logging=False, env=environ)
        hooks.create_local_stubs(workon_home / name / "bin", environ)
    hooks.ensure_global_stubs(workon_home, environ)
    # As the core does after making stubs: its list of checked hooks spares fish the `find`
    # that trusting them would otherwise take (src/vew/checked_hooks.py).
    time.sleep(0.01)
    checked_hooks.write_checked(settings.load(environ))
    path = tmp_path / "vew.fish"
    path.write_text(integration.shim(FISH, str(path)))
    trace = tmp_path / "trace"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), "fish", "--no-config",
         "-c", f"source {path}; lsvirtualenv -b; workon b; and deactivate; and workon A"],
        capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "A\nb\nb-2\n"
    programs = {line.split('"')[1].rsplit("/", 1)[-1]
                for line in trace.read_text().splitlines() if "execve(" in line}
    assert programs <= {"fish", "uname", "basename", "env", "sort"}, programs


SORT_CASES = ["b", "B", "a10", "a9", "a", "a b", "a-b", "a.b", "a_b", "_x", "Z", "1",
              "10", "2", "é", "e", "ε", "😀", "\uffff", "it's", "a\\b", "A", "ab", "aB", "Ab"]


def test_names_sort_by_code_point(environ: dict[str, str], tmp_path: Path) -> None:
    """fish's own order ignores case and reads digits as numbers; the listing's is code points."""
    Path(environ["WORKON_HOME"]).mkdir()
    path = tmp_path / "vew.fish"
    path.write_text(integration.shim(FISH, str(path)))
    names = " ".join(FISH.quote(name) for name in SORT_CASES)
    done = fish("-c", f"source {FISH.quote(str(path))}; printf '%s\\n' {names} | _vew_sort",
                env=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == sorted(SORT_CASES)


def test_interactive_fish_with_the_static_setup(environ: dict[str, str], make_env) -> None:
    """A real interactive fish reading config.fish: the prompt shows the environment."""
    import pexpect

    require("fish")
    make_env("e")
    installed = subprocess.run([sys.executable, "-m", "vew", "init", "fish", "--static",
                                "--install"], env=environ, capture_output=True, text=True,
                               check=False)
    assert installed.returncode == 0, installed.stderr
    config = Path(environ["XDG_CONFIG_HOME"]) / "fish" / "config.fish"
    config.write_text("function fish_prompt; printf '%s> ' PROMPT; end\nset fish_greeting\n"
                      + config.read_text())
    child = pexpect.spawn("fish", ["-i"], env=dict(environ, TERM="dumb"), encoding="utf-8",
                          timeout=60, cwd=environ["HOME"])
    prompts = []
    for command in ["workon e", "deactivate"]:
        # Typed as P[%s], printed as P[the prompt]: only the output matches.
        child.sendline(f"{command}; printf 'P[%s]\\n' (fish_prompt)")
        child.expect(r"P\[([^%\]]*)\]\r\n")
        prompts.append(child.match.group(1))
    child.sendline("exit")
    child.expect(pexpect.EOF)
    assert prompts == ["(e) PROMPT> ", "PROMPT> "]
