"""The hot path stays cheap: no Python in the shell's everyday commands, no framework in the core.

What users run most (workon, deactivate, lsvirtualenv -b, loading vew) must not start Python:
the shell does it all; a virtualenvwrapper plugin adds a Python process only at the hook points
it uses (none without plugins). What still calls the core takes the lean entry point, which must not
import the command-line framework (typer, click, rich) nor, where a command has no use for it,
virtualenv; and every core call starts, up to its command's own work, and `vew init SHELL`
prints a cached shim, with no module beyond those a bare interpreter has loaded. The speed
itself is the benchmark's job (bench/), never a timed assertion here.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import wrapper_plugin_wheels as wheels
from tests.support.harness import pwsh_program, require
from vew import checked_hooks, commands, hooks, integration, settings, shells

FRAMEWORK = {"typer", "click", "rich"}


def imported(args: list[str], environ: dict[str, str], cwd: Path) -> set[str]:
    """The top-level packages the shims' call of the core (``vew ARGS``) imports, read from
    ``-X importtime``."""
    python, *flags = integration.core_command()
    done = subprocess.run([python, "-X", "importtime", *flags, *args],
                          capture_output=True, text=True, env=environ, cwd=cwd, check=False)
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            module = line.rsplit("|", 1)[1].strip()
            if module != "imported package":  # the header line
                names.add(module.split(".")[0])
    assert "vew" in names, done.stderr
    return names


# `vew init SHELL` runs at every shell start with the eval set-up: it must not import typer
# (vew's own completion spec is read from src/vew/vew_command.json, checked against typer).
# What the shims call at shell start (eval set-up), for listings, help texts and removals:
# none of it needs virtualenv either.
LEAN_WITHOUT_VIRTUALENV = [
    pytest.param(["init", "bash"], id="init bash"),
    pytest.param(["init", "zsh"], id="init zsh"),
    pytest.param(["init", "fish"], id="init fish"),
    pytest.param(["init", "powershell"], id="init powershell"),
    ["__home"],
    ["__call", "bash", "EMIT", "lsvirtualenv", "-b"],
    ["__call", "zsh", "EMIT", "lsvirtualenv", "-l"],
    ["__call", "bash", "EMIT", "workon", "--help"],
    ["__call", "zsh", "EMIT", "rmvirtualenv", "no-such-env"],
    ["__complete", "site-packages", "ENV"],
]


@pytest.mark.parametrize("args", LEAN_WITHOUT_VIRTUALENV, ids=" ".join)
def test_lean_entry_imports_no_framework_and_no_virtualenv(
        args: list[str], environ: dict[str, str], workon_home: Path, make_env: Callable[..., Path],
        tmp_path: Path) -> None:
    env = make_env("one")
    places = {"EMIT": str(tmp_path / "emit"), "ENV": str(env)}
    args = [places.get(arg, arg) for arg in args]
    names = imported(args, environ, tmp_path)
    assert not names & (FRAMEWORK | {"virtualenv"}), sorted(names & (FRAMEWORK | {"virtualenv"}))


@pytest.mark.parametrize("command", commands.COMMANDS)
def test_no_core_command_imports_the_framework(command: str, environ: dict[str, str],
                                               workon_home: Path, tmp_path: Path) -> None:
    """Every command the shims hand to the core, shown its help: typer, click, rich stay out."""
    names = imported(["__call", "bash", str(tmp_path / "emit"), command, "-h"], environ,
                     tmp_path)
    assert not names & FRAMEWORK, sorted(names & FRAMEWORK)


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_everyday_commands_start_no_python(shell: str, environ: dict[str, str],
                                           workon_home: Path, make_env: Callable[..., Path],
                                           tmp_path: Path) -> None:
    """Load vew, list, switch between environments and leave them, with every hook stub and a
    global and an environment postactivate hook present, and complete a name: strace sees only
    the shell and the programs virtualenv's own activate script runs."""
    for name in ("b", "A"):
        env = make_env(name)
        hooks.create_local_stubs(env / "bin", environ)
        (env / "bin" / "postactivate").write_text("ENV_HOOK_RAN=1\n")
    hooks.ensure_global_stubs(workon_home, environ)
    (workon_home / "postactivate").write_text("GLOBAL_HOOK_RAN=1\n")
    # Some vew command ran since the hooks were written, as any user's does: its list of
    # checked hooks spares bash the `find` that trusting them would otherwise take.
    time.sleep(0.01)
    checked_hooks.write_checked(settings.load(environ))
    path = tmp_path / f"vew.{shell}"
    path.write_text(integration.shim(shells.get(shell), str(path)))
    flags = ["--norc", "--noprofile"] if shell == "bash" else ["-f"]
    trace = tmp_path / "trace"
    # Completing `workon ` as each shell would without a terminal: bash through the function
    # registered with `complete -F`, zsh (no compinit here) through its compctl function.
    complete = {"bash": 'COMP_LINE="workon "; COMP_POINT=7; _vew_complete workon "" workon; '
                        'echo "names: ${COMPREPLY[*]}"',
                "zsh": '_vew_compctl_envs; echo "names: ${reply[*]}"'}[shell]
    code = (f". {path}; lsvirtualenv -b; workon b && workon A && deactivate && workon b && "
            'deactivate && echo "hooks: $GLOBAL_HOOK_RAN$ENV_HOOK_RAN, env: ${VIRTUAL_ENV-none}"'
            f" && {complete}")
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), shell, *flags, "-c",
         code], capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "A\nb\nhooks: 11, env: none\nnames: A b\n"
    assert done.stderr == ""
    programs = {line.split('"')[1].rsplit("/", 1)[-1]
                for line in trace.read_text().splitlines()
                if "execve(" in line and line.rstrip().endswith("= 0")}
    assert programs <= {shell, "uname", "basename"}, programs


def test_everyday_commands_start_no_python_in_powershell(environ: dict[str, str],
                                                        workon_home: Path,
                                                        make_env: Callable[..., Path],
                                                        tmp_path: Path) -> None:
    """The same in PowerShell, but for completion, which asks the core (README: Tab
    completion): strace sees PowerShell's own process and nothing else."""
    require("pwsh")
    for name in ("b", "A"):
        env = make_env(name)
        hooks.create_local_stubs(env / "bin", environ)
        (env / "bin" / "postactivate.ps1").write_text("$env:ENV_HOOK_RAN = 1\n")
    hooks.ensure_global_stubs(workon_home, environ)
    (workon_home / "postactivate.ps1").write_text("$env:GLOBAL_HOOK_RAN = 1\n")
    path = tmp_path / "vew.ps1"
    path.write_text(integration.shim(shells.get("powershell"), str(path)))
    script = tmp_path / "everyday.ps1"
    script.write_text(f". '{path}'\nlsvirtualenv -b\nworkon b\nworkon A\ndeactivate\n"
                      "workon b\ndeactivate\n"
                      '"hooks: $env:GLOBAL_HOOK_RAN$env:ENV_HOOK_RAN, env: $([string] '
                      '$env:VIRTUAL_ENV)"\n')
    trace = tmp_path / "trace"
    program = pwsh_program()
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), *program, "-NoLogo",
         "-NoProfile", "-NonInteractive", "-File", str(script)],
        capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "A\nb\nhooks: 11, env: \n"
    assert done.stderr == ""
    programs = {line.split('"')[1] for line in trace.read_text().splitlines()
                if "execve(" in line and line.rstrip().endswith("= 0")}
    assert programs == {program[0]}, programs


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_lean_init_prints_what_the_command_line_prints(shell: str, environ: dict[str, str],
                                                       tmp_path: Path) -> None:
    """`vew init bash` skips typer; `vew init BASH` goes through it: the same shim either way."""
    outputs = []
    for name in (shell, shell.upper()):
        done = subprocess.run([sys.executable, "-m", "vew", "init", name], capture_output=True,
                              text=True, env=environ, cwd=tmp_path, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert "workon()" in outputs[0]


# --- virtualenvwrapper's plugins: a process only at the points they use ---------------------


def _traced_cycle(shell: str, shim: Path, environ: dict[str, str], tmp_path: Path) -> list[str]:
    """Load ``shim``, then workon and deactivate under strace: the programs started."""
    flags = ["--norc", "--noprofile"] if shell == "bash" else ["-f"]
    trace = tmp_path / f"trace-{shell}"
    done = subprocess.run(
        ["strace", "-f", "-qq", "-e", "trace=execve", "-o", str(trace), shell, *flags, "-c",
         f". {shim}; workon e && deactivate && lsvirtualenv -b"],
        capture_output=True, text=True, env=environ, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("e\n"), done.stdout
    return [line.split('"')[1].rsplit("/", 1)[-1] for line in trace.read_text().splitlines()
            if "execve(" in line and line.rstrip().endswith("= 0")]


def _rendered(shell: str, environ: dict[str, str], tmp_path: Path) -> Path:
    """`vew init SHELL` as the user's set-up runs it, where the plugins are found."""
    done = subprocess.run([*integration.core_command(), "init", shell], capture_output=True,
                          text=True, env=environ, check=True)
    path = tmp_path / f"vew-init.{shell}"
    path.write_text(done.stdout)
    return path


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_plugins_away_from_the_hot_path_keep_it_free_of_python(
        shell: str, environ: dict[str, str], workon_home: Path, make_env: Callable[..., Path],
        tmp_path: Path) -> None:
    """Plugins for templates, mkproject and the core's own points, and virtualenvwrapper's own
    distribution (whose hooks run the hook files, which vew does itself): loading, workon and
    deactivate still start no Python."""
    site = wheels.install_plugins([wheels.TEMPLATE, wheels.PROJECT_HOOKS, wheels.LIFECYCLE,
                                   wheels.VIRTUALENVWRAPPER], tmp_path / "plugins")
    environ.update(VEW_PLUGIN_PATH=str(site), VEW_TEST_LOG=str(tmp_path / "calls.log"))
    make_env("e")
    programs = _traced_cycle(shell, _rendered(shell, environ, tmp_path), environ, tmp_path)
    assert set(programs) <= {shell, "uname", "basename"}, programs


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_a_plugin_costs_one_python_per_point_it_uses(
        shell: str, environ: dict[str, str], workon_home: Path, make_env: Callable[..., Path],
        tmp_path: Path) -> None:
    """The env-vars plugin uses pre_activate and post_deactivate: a workon and deactivate
    cycle starts Python twice, once at each."""
    site = wheels.install_plugins([wheels.ENV_VARS], tmp_path / "plugins")
    environ.update(VEW_PLUGIN_PATH=str(site), VEW_TEST_LOG=str(tmp_path / "calls.log"))
    make_env("e")
    programs = _traced_cycle(shell, _rendered(shell, environ, tmp_path), environ, tmp_path)
    pythons = [name for name in programs if name.startswith("python")]
    assert len(pythons) == 2, programs
    assert set(programs) - set(pythons) <= {shell, "uname", "basename"}, programs
    assert (tmp_path / "calls.log").read_text().splitlines() == [
        f"plugin pre_activate e cwd={workon_home}", "plugin post_deactivate_source e"]


# --- what a core call and `vew init` import --------------------------------------------------

# What a bare interpreter has loaded is free; beyond it only vew's own modules are allowed, and
# __future__, whose import every `from __future__ import annotations` performs.
FREE = {"__future__"}


def loaded_modules(code: str, environ: dict[str, str], cwd: Path) -> tuple[set[str], set[str]]:
    """The modules a bare interpreter (as the shims start it) has loaded, and those that running
    ``code`` in it adds."""
    python, *flags = integration.core_command()
    flags = flags[:flags.index("-c")]
    script = ("import sys\nbare = set(sys.modules)\n" + code +
              "\nprint(' '.join(sorted(set(sys.modules) - bare)), file=sys.stderr)")
    done = subprocess.run([python, *flags, "-c", script], capture_output=True, text=True,
                          env=environ, cwd=cwd, check=False)
    added = done.stderr.strip().splitlines()[-1].split() if done.stderr.strip() else []
    bare = subprocess.run([python, *flags, "-c", "import sys; print(' '.join(sys.modules))"],
                          capture_output=True, text=True, env=environ, cwd=cwd, check=True)
    assert "vew.callback" in added or "vew.shimcache" in added, done.stderr
    return set(bare.stdout.split()), set(added)


@pytest.mark.parametrize("command", commands.COMMANDS)
def test_a_core_call_starts_with_no_module_beyond_the_bare_interpreter(
        command: str, environ: dict[str, str], workon_home: Path, tmp_path: Path) -> None:
    """Everything a call does before its command runs (arguments, settings, the hook stubs, the
    command's module): only vew's own modules, none of the standard library's heavier ones."""
    code = ("from vew.callback import prepare\n"
            f"assert not isinstance(prepare(['bash', {str(tmp_path / 'emit')!r}, {command!r}]),"
            " int)")
    bare, added = loaded_modules(code, environ, tmp_path)
    assert "pathlib" not in bare and "dataclasses" not in bare
    foreign = {name for name in added if name.split(".")[0] != "vew"} - FREE
    assert not foreign, sorted(foreign)
    assert f"vew.commands.{command}" in added


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_init_serves_the_cached_shim_with_no_module_beyond_the_bare_interpreter(
        shell: str, environ: dict[str, str], tmp_path: Path) -> None:
    """The second `vew init SHELL` prints what the first rendered, loading only the cache's
    module: no templates, catalogue, settings, pathlib, platformdirs or tomllib."""
    code = f"from vew.__main__ import main\nassert main(['init', {shell!r}]) == 0"
    loaded_modules(code, environ, tmp_path)  # renders, and fills the cache
    _, added = loaded_modules(code, environ, tmp_path)
    foreign = {name for name in added if name.split(".")[0] != "vew"} - FREE
    assert not foreign, sorted(foreign)
    assert not {"vew.settings", "vew.catalogue", "vew.integration"} & added, sorted(added)


def test_a_configuration_file_costs_the_cached_init_no_parser(
        environ: dict[str, str], tmp_path: Path) -> None:
    """With a configuration file the cache compares the file's bytes: no TOML parser."""
    config = Path(environ["XDG_CONFIG_HOME"]) / "vew" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('workon_cd = false\nproject_home = "$HOME/src"\n', encoding="utf-8")
    code = "from vew.__main__ import main\nassert main(['init', 'bash']) == 0"
    loaded_modules(code, environ, tmp_path)
    _, added = loaded_modules(code, environ, tmp_path)
    foreign = {name for name in added if name.split(".")[0] != "vew"} - FREE
    assert not foreign, sorted(foreign)
