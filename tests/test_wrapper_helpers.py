"""virtualenvwrapper's helper functions in bash and zsh, called by real hook files and scripts.

What each prints and returns is virtualenvwrapper's (its virtualenvwrapper.sh is the
specification): where it asked Python, the expected value here comes from Python too.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, log_hook, read_log
from vew import __version__, hooks, integration, shells


def platlib(env: Path) -> str:
    """What virtualenvwrapper_get_site_packages_dir printed: the interpreter's own answer."""
    return subprocess.run([str(env / "bin" / "python"), "-c",
                           "import sysconfig; print(sysconfig.get_path('platlib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def version(env: Path) -> str:
    """What virtualenvwrapper_get_python_version printed: `python -V`, cut to X.Y."""
    shown = subprocess.run([str(env / "bin" / "python"), "-V"], capture_output=True,
                           text=True, check=True).stdout.split()[1]
    return ".".join(shown.split(".")[:2])


def test_hooks_built_on_the_site_packages_dir_and_the_python_version(
        posix_sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    """A postactivate that changes to site-packages and puts the version in a variable; a
    predeactivate that deletes a file there (with no answer, it would delete /NAME)."""
    env = make_env("e")
    site = Path(platlib(env))
    (site / "_virtualenv_path_extensions.pth").write_text("import sys\n")
    bin_dir = env / "bin"
    (bin_dir / "postactivate").write_text(
        'cd "$(virtualenvwrapper_get_site_packages_dir)"\n'
        'export VEW_TEST_PROMPT="(py$(virtualenvwrapper_get_python_version)) "\n')
    (bin_dir / "predeactivate").write_text(
        'rm -f "$(virtualenvwrapper_get_site_packages_dir)/_virtualenv_path_extensions.pth"\n')
    script = posix_sh.script()
    activated = script.call("workon", "e")
    where = script.pwd()
    prompt = script.var("VEW_TEST_PROMPT")
    shown = script.call("virtualenvwrapper_get_site_packages_dir")
    python = script.call("virtualenvwrapper_get_python_version")
    script.call("deactivate")
    run = posix_sh.run(script)

    assert run[activated].status == 0, run[activated].stderr
    assert run[where].stdout == str(site)
    assert run[prompt].stdout == f"(py{version(env)}) "
    assert (run[shown].stdout, run[shown].status) == (f"{site}\n", 0)
    assert (run[python].stdout, run[python].status) == (f"{version(env)}\n", 0)
    assert not (site / "_virtualenv_path_extensions.pth").exists()
    assert [result.stderr for result in run.results] == [""] * len(run.results)


def test_the_interpreter_answers_where_the_layout_does_not(
        posix_sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    """Two pythonX.Y directories (an environment upgraded in place) and no version in
    pyvenv.cfg: the environment's interpreter is asked, as virtualenvwrapper always did."""
    env = make_env("e")
    (env / "lib" / "python2.7" / "site-packages").mkdir(parents=True)
    config = env / "pyvenv.cfg"
    config.write_text("".join(line + "\n" for line in config.read_text().splitlines()
                              if not line.startswith("version")))
    script = posix_sh.script()
    script.call("workon", "e")
    shown = script.call("virtualenvwrapper_get_site_packages_dir")
    python = script.call("virtualenvwrapper_get_python_version")
    run = posix_sh.run(script)

    assert run[shown].stdout == f"{platlib(env)}\n"
    assert run[python].stdout == f"{version(env)}\n"


def test_listing_and_checks_print_and_return_what_virtualenvwrapper_does(
        posix_sh: ShellHarness, environ: dict[str, str], tmp_path: Path) -> None:
    environ["WORKON_HOME"] = str(tmp_path / "not-yet")
    script = posix_sh.script()
    # (Loading vew created it.)
    created = script.raw('command rmdir "$WORKON_HOME"; virtualenvwrapper_show_workon_options')
    quiet = script.raw('command rmdir "$WORKON_HOME"; virtualenvwrapper_verify_workon_home -q')
    noted = script.raw('command rmdir "$WORKON_HOME"; virtualenvwrapper_verify_workon_home')
    present = script.call("virtualenvwrapper_verify_workon_home")
    inactive = script.call("virtualenvwrapper_verify_active_environment")
    no_projects = script.call("virtualenvwrapper_verify_project_home")
    script.export("PROJECT_HOME", str(tmp_path / "missing"))
    missing = script.call("virtualenvwrapper_verify_project_home")
    missing_quiet = script.call("virtualenvwrapper_verify_project_home", "-q")
    script.export("PROJECT_HOME", str(tmp_path))
    projects = script.call("virtualenvwrapper_verify_project_home")
    version_shown = script.call("_virtualenvwrapper_version")
    run = posix_sh.run(script)

    note = (f"NOTE: Virtual environments directory {tmp_path / 'not-yet'} does not exist. "
            "Creating...\n")
    # No environment: nothing printed and status 1, as virtualenvwrapper's grep gave it.
    assert (run[created].stdout, run[created].stderr, run[created].status) == ("", note, 1)
    assert (run[quiet].stderr, run[quiet].status) == ("", 0)
    assert (run[noted].stderr, run[noted].status) == (note, 0)
    assert (run[present].stderr, run[present].status) == ("", 0)
    assert (tmp_path / "not-yet").is_dir()
    assert run[inactive].status == 1
    assert run[inactive].stderr == "ERROR: no virtualenv active, or active virtualenv is missing\n"
    assert run[no_projects].status == 1
    assert run[no_projects].stderr == (
        "ERROR: Set the PROJECT_HOME shell variable to the name of the directory where projects "
        "should be created.\n")
    assert run[missing].status == 1
    assert run[missing].stderr == (
        f"ERROR: Project directory '{tmp_path / 'missing'}' does not exist.  Create it or set "
        "PROJECT_HOME to an existing directory.\n")
    assert (run[missing_quiet].stderr, run[missing_quiet].status) == ("", 1)
    assert (run[projects].stderr, run[projects].status) == ("", 0)
    assert (run[version_shown].stdout, run[version_shown].status) == (f"{__version__}\n", 0)


def test_completion_built_on_the_workon_options(
        posix_sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    """An rc file's own completion, as written for virtualenvwrapper."""
    for name in ("b", "a", "with space"):
        make_env(name)
    (posix_sh.workon_home / "not-an-env").mkdir()
    own_completion = {
        "bash": '_my_envs() { local IFS=$\'\\n\'; COMPREPLY=($(compgen -W '
                '"$(virtualenvwrapper_show_workon_options)" -- "$2")); }\n'
                '_my_envs workon a; printf "%s|" "${COMPREPLY[@]}"',
        "zsh": '_my_envs() { reply=("${(@f)$(virtualenvwrapper_show_workon_options)}"); }\n'
               '_my_envs; printf "%s|" "${reply[@]}"',
    }[posix_sh.shell]
    script = posix_sh.script()
    listed = script.call("virtualenvwrapper_show_workon_options")
    completed = script.raw(own_completion)
    run = posix_sh.run(script)

    assert (run[listed].stdout, run[listed].status) == ("a\nb\nwith space\n", 0)
    expected = "a|" if posix_sh.shell == "bash" else "a|b|with space|"
    assert run[completed].stdout == expected


PATHS = ["~/a/../b//c/.", "~", "~/", "$HOME/x", "${VEW_TEST_DIR}/y", "$VEW_TEST_UNSET/z",
         "//a//b/./c/..", "///a", "a/./b/", "../../x", "/..", "/a/../../b", ".", "x/..",
         "it's \"quoted\"/./here", "~nosuchuser/x", "$VEW_TEST_DIR", "a/b/../../.."]


def test_expandpath_expands_and_normalises_as_python_does(
        posix_sh: ShellHarness, environ: dict[str, str]) -> None:
    environ["VEW_TEST_DIR"] = "/srv/some dir"
    script = posix_sh.script()
    shown = [script.call("virtualenvwrapper_expandpath", path) for path in PATHS]
    empty = script.call("virtualenvwrapper_expandpath", "")
    run = posix_sh.run(script)

    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(environ)
    try:
        expected = [os.path.normpath(os.path.expanduser(os.path.expandvars(path)))
                    for path in PATHS]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    assert [run[index].stdout for index in shown] == [f"{path}\n" for path in expected]
    assert all(run[index].status == 0 for index in shown)
    assert (run[empty].stdout, run[empty].status) == ("", 1)


def test_derive_workon_home_and_initialize_again(
        posix_sh: ShellHarness, environ: dict[str, str], workon_home: Path) -> None:
    """virtualenvwrapper_initialize may run again (some rc files call it after changing
    WORKON_HOME): it loads the settings again and sources the initialize hook again, and
    nothing of vew's is set up twice."""
    (workon_home / "initialize").write_text("VEW_TEST_COUNT=$((${VEW_TEST_COUNT:-0} + 1))\n")
    home = Path(environ["HOME"])
    registered = {
        "bash": 'printf "%s" "$PROMPT_COMMAND"; complete -p workon',
        "zsh": 'printf "%s\\n" "${chpwd_functions[*]}"',
    }[posix_sh.shell]
    script = posix_sh.script()
    derived = script.call("virtualenvwrapper_derive_workon_home")
    script.raw("WORKON_HOME=envs")
    relative = script.call("virtualenvwrapper_derive_workon_home")
    script.raw("WORKON_HOME='~/other/'")
    tilde = script.call("virtualenvwrapper_derive_workon_home")
    before = script.raw(registered)
    again = script.call("virtualenvwrapper_initialize")
    after = script.raw(registered)
    count = script.var("VEW_TEST_COUNT")
    current = script.var("WORKON_HOME")
    run = posix_sh.run(script)

    assert run[derived].stdout == f"{workon_home}\n"
    assert run[relative].stdout == f"{home / 'envs'}\n"
    assert run[tilde].stdout == f"{home / 'other'}\n"
    assert run[again].status == 0
    assert run[count].stdout == "2"
    assert run[current].stdout == str(home / "other")
    assert (home / "other").is_dir()
    assert run[after].stdout == run[before].stdout


def test_cd_is_the_builtin_whatever_the_user_defines(posix_sh: ShellHarness,
                                                      tmp_path: Path) -> None:
    target = tmp_path / "some where"
    target.mkdir()
    script = posix_sh.script()
    script.raw("cd() { echo user-cd; }; alias cd='echo user-alias'")
    moved = script.call("virtualenvwrapper_cd", str(target))
    where = script.pwd()
    missing = script.call("virtualenvwrapper_cd", str(tmp_path / "missing"))
    run = posix_sh.run(script)

    assert (run[moved].stdout, run[moved].status) == ("", 0)
    assert run[where].stdout == str(target)
    assert run[missing].status == 1
    assert "user" not in run.stdout


def test_run_hook_runs_a_point_as_vew_does(
        posix_sh: ShellHarness, make_env: Callable[..., Path], workon_home: Path,
        tmp_path: Path) -> None:
    env = make_env("e")
    log = tmp_path / "hooks.log"
    for directory, label in ((workon_home, "global"), (env / "bin", "env")):
        log_hook(directory, "preactivate", log, sourced=False, label=f"{label} preactivate")
        log_hook(directory, "postdeactivate", log, sourced=True, label=f"{label} postdeactivate",
                 variable="VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV")
        log_hook(directory, "get_env_details", log, sourced=False, label=f"{label} details")
    script = posix_sh.script()
    pre = script.call("virtualenvwrapper_run_hook", "pre_activate", "e")
    post = script.call("virtualenvwrapper_run_hook", "post_deactivate", "e")
    left = script.var("VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV")
    details = script.call("virtualenvwrapper_run_hook", "-q", "get_env_details", "e")
    unknown = script.call("virtualenvwrapper_run_hook", "-x", "pre_activate")
    nothing = script.call("virtualenvwrapper_run_hook")
    shown = script.call("virtualenvwrapper_run_hook", "--version")
    run = posix_sh.run(script)

    assert [run[index].status for index in (pre, post, details)] == [0, 0, 0]
    assert read_log(log) == [
        "global preactivate e", "env preactivate e",
        f"env postdeactivate VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV={env}",
        f"global postdeactivate VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV={env}",
        "global details e", "env details e",
    ]
    assert run[left].stdout == "<unset>"
    assert (run[unknown].status, run[unknown].stderr) == (
        2, "ERROR: virtualenvwrapper_run_hook: no such option: -x\n")
    assert (run[nothing].status, run[nothing].stderr) == (
        2, "ERROR: virtualenvwrapper_run_hook: Please specify the hook to run\n")
    assert run[shown].stdout == f"{__version__}\n"


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_the_helpers_start_no_python(shell: str, environ: dict[str, str], workon_home: Path,
                                     make_env: Callable[..., Path], tmp_path: Path) -> None:
    """Where the shell finds the answer itself, the helpers start nothing: strace sees only
    the shell and the programs virtualenv's own activate script runs."""
    env = make_env("e")
    hooks.create_local_stubs(env / "bin", environ)
    hooks.ensure_global_stubs(workon_home, environ)
    path = tmp_path / f"vew.{shell}"
    path.write_text(integration.shim(shells.get(shell), str(path)))
    flags = ["--norc", "--noprofile"] if shell == "bash" else ["-f"]
    trace = tmp_path / "trace"
    code = (f". {path}; workon e && virtualenvwrapper_get_site_packages_dir && "
            "virtualenvwrapper_get_python_version && virtualenvwrapper_show_workon_options && "
            "virtualenvwrapper_expandpath '~/x/../y' && virtualenvwrapper_derive_workon_home && "
            "virtualenvwrapper_verify_workon_home && virtualenvwrapper_verify_active_environment"
            " && _virtualenvwrapper_version >/dev/null && "
            "virtualenvwrapper_run_hook post_activate && virtualenvwrapper_initialize && "
            "virtualenvwrapper_cd / && deactivate")
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), shell, *flags, "-c",
         code], capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (f"{platlib(env)}\n{version(env)}\ne\n{Path(environ['HOME'], 'y')}\n"
                           f"{workon_home}\n")
    programs = {line.split('"')[1].rsplit("/", 1)[-1]
                for line in trace.read_text().splitlines()
                if "execve(" in line and line.rstrip().endswith("= 0")}
    assert programs <= {shell, "uname", "basename"}, programs


STRICT = {
    "bash": "set -euo pipefail\n",
    "zsh": "setopt nounset err_exit pipe_fail ksh_arrays sh_word_split\n",
}


def test_the_helpers_work_in_the_strictest_shells(
        posix_sh: ShellHarness, make_env: Callable[..., Path]) -> None:
    """The user's strict options neither break the helpers nor end the shell when a check
    fails; the options are the user's again afterwards."""
    env = make_env("e")
    options = {"bash": 'printf "%s" "$-"', "zsh": 'printf "%s" "$options[ksh_arrays]"'}
    script = posix_sh.script()
    script.call("workon", "e")
    before = script.raw(options[posix_sh.shell])
    calls = [script.call("virtualenvwrapper_get_site_packages_dir"),
             script.call("virtualenvwrapper_show_workon_options"),
             script.call("virtualenvwrapper_expandpath", "~/a b/../c"),
             script.raw("virtualenvwrapper_verify_project_home || echo failed"),
             script.call("virtualenvwrapper_run_hook", "pre_deactivate"),
             script.call("virtualenvwrapper_get_python_version")]
    after = script.raw(options[posix_sh.shell])
    end = script.call("echo", "reached the end")
    run = posix_sh.run(script, prelude=STRICT[posix_sh.shell])

    assert run[end].stdout == "reached the end\n", run.stderr
    home = posix_sh.home
    assert [run[index].stdout for index in calls] == [
        f"{platlib(env)}\n", "e\n", f"{home / 'c'}\n", "failed\n", "", f"{version(env)}\n"]
    assert run[after].stdout == run[before].stdout
