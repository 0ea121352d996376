"""virtualenvwrapper's plugins (entry points in its groups), installed from wheels, under vew.

Each plugin of tests/wrapper_plugin_wheels.py is written as the ones on PyPI are; the shells
load vew with `eval "$(vew init SHELL)"`, as users do, so that vew finds the plugins where it
renders the shell's code. bash and zsh run the shell code the ``_source`` hooks return; fish
leaves it out with a note (PowerShell, the same, is checked by its own tests' parser only).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support import pwsh_grammar as pwsh
from tests.support import wrapper_plugin_wheels as wheels
from tests.support.harness import ShellHarness, log_hook, read_log
from vew import integration, shells, wrapper_plugins


@pytest.fixture(scope="session")
def plugin_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugins users install for projects and activation, and virtualenvwrapper itself."""
    return wheels.install_plugins(
        [wheels.TEMPLATE, wheels.PROJECT_HOOKS, wheels.ENV_VARS, wheels.LIFECYCLE,
         wheels.VIRTUALENVWRAPPER], tmp_path_factory.mktemp("wrapper-plugins"))


@pytest.fixture(scope="session")
def loading_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A plugin with initialize hooks and a broken post_activate hook."""
    return wheels.install_plugins([wheels.LOADING], tmp_path_factory.mktemp("loading-plugin"))


@pytest.fixture
def test_log(environ: dict[str, str], tmp_path: Path) -> Path:
    path = tmp_path / "calls.log"
    environ["VEW_TEST_LOG"] = str(path)
    return path


@pytest.fixture
def plugged(sh: ShellHarness, environ: dict[str, str], plugin_site: Path,
            test_log: Path) -> ShellHarness:
    environ["VEW_PLUGIN_PATH"] = str(plugin_site)
    sh.setup = "eval"
    return sh


def runs_sh_code(sh: ShellHarness) -> bool:
    return sh.shell in ("bash", "zsh")


def skipped_code_note(sh: ShellHarness) -> str:
    """The note fish and PowerShell print once per session for a plugin's sh code."""
    name = "PowerShell" if sh.shell == "pwsh" else "fish"
    return f"returned shell code for bash and zsh, which {name} does not run"

TEMPLATES = (
    "Available project templates:\n\n"
    "  marker     -- Leave a file named after the project where the shell stands.\n"
    "  readme     -- Write a README.md that names the project.\n"
    "\n"
    "A second paragraph, which virtualenvwrapper lists as well.\n"
)


def test_templates_are_listed_as_virtualenvwrapper_lists_them(
        plugged: ShellHarness, project_home: Path) -> None:
    script = plugged.script()
    listed = script.call("mkproject", "-l")
    helped = script.call("mkproject", "-h")
    run = plugged.run(script)

    assert run[listed].status == 0
    assert run[listed].stdout == TEMPLATES
    assert run[helped].status == 0
    assert run[helped].stdout.endswith("\n" + TEMPLATES)


def test_a_template_is_applied_in_the_project_with_virtualenvwrappers_arguments(
        plugged: ShellHarness, project_home: Path, test_log: Path) -> None:
    project = project_home / "demo"
    script = plugged.script()
    made = script.call("mkproject", "-t", "readme", "-t", "marker", "demo")
    where = script.pwd()
    run = plugged.run(script)

    assert run[made].status == 0, run[made].stderr
    assert "\nApplying template readme\n\nApplying template marker\n" in run[made].stdout
    assert (project / "README.md").read_text() == "# demo\n"
    templates = [line for line in read_log(test_log) if line.startswith("template")]
    assert templates == [f"template readme demo {project} cwd={project}"]
    assert run[where].stdout == str(project)
    marker = project / "marker-demo"
    if runs_sh_code(plugged):
        # Its shell code ran in the user's shell, in the project, with the environment active.
        assert marker.read_text() == f"{plugged.workon_home / 'demo'}\n"
        assert run[made].stderr == ""
    else:
        assert not marker.exists()
        assert skipped_code_note(plugged) in run[made].stderr


def test_project_hooks_run_at_virtualenvwrappers_points(
        plugged: ShellHarness, project_home: Path, test_log: Path) -> None:
    hook_dir = plugged.workon_home
    log_hook(hook_dir, "premkproject", test_log, sourced=False, label="file premkproject")
    log_hook(hook_dir, "postmkproject", test_log, sourced=True, label="file postmkproject")
    made = plugged("mkproject", "-t", "readme", "demo")

    assert made.status == 0, made.stderr
    project, wh = project_home / "demo", plugged.workon_home
    expected = [
        "file premkproject demo",
        f"plugin pre_mkproject demo cwd={wh} env=demo",
        f"template readme demo {project} cwd={project}",
        "file postmkproject",
        # virtualenvwrapper's hook loader runs in $WORKON_HOME; the shell is in the project.
        f"plugin post_mkproject cwd={wh} env=demo",
    ]
    if runs_sh_code(plugged):
        expected.append(f"plugin post_mkproject_source {project}")
    # (Leaving out what the other plugins log as the environment is made and activated.)
    assert [line for line in read_log(test_log)
            if "mkvirtualenv" not in line and "activate" not in line] == expected


def test_a_pre_activate_pair_keeps_its_state_and_post_deactivate_undoes_it(
        plugged: ShellHarness, make_env: Callable[..., Path], test_log: Path) -> None:
    (make_env("first") / ".vars").write_text("VWR_A=1\nVWR_B=two words\n")
    (make_env("second") / ".vars").write_text("VWR_B=second's\n")
    script = plugged.script()
    script.call("workon", "first")
    first = (script.var("VWR_A"), script.var("VWR_B"))
    script.call("workon", "second")
    second = (script.var("VWR_A"), script.var("VWR_B"))
    script.call("deactivate")
    gone = (script.var("VWR_A"), script.var("VWR_B"))
    run = plugged.run(script)

    assert [result.status for result in run.results] == [0, 0, 0, 0, 0, 0, 0, 0, 0]
    values = [tuple(run[index].stdout for index in pair) for pair in (first, second, gone)]
    if runs_sh_code(plugged):
        # Both hooks of a point run in one process: what pre_activate read, its _source
        # hook exported; leaving "first" unset its variables before "second" set its own.
        assert values == [("1", "two words"), ("<unset>", "second's"), ("<unset>", "<unset>")]
        assert [result.stderr for result in run.results] == [""] * 9
    else:
        assert values == [("<unset>", "<unset>")] * 3
        assert run.stderr.count(skipped_code_note(plugged)) == 1
    wh = plugged.workon_home
    assert read_log(test_log) == [
        f"plugin pre_activate first cwd={wh}",
        "plugin post_deactivate_source first",
        f"plugin pre_activate second cwd={wh}",
        "plugin post_deactivate_source second",
    ]


def test_the_core_points_get_virtualenvwrappers_arguments(
        plugged: ShellHarness, test_log: Path) -> None:
    script = plugged.script()
    made = script.call("mkvirtualenv", "made")
    post_mk = script.var("VWR_TEST_POST_MK")
    pre_mk = script.var("VWR_TEST_PRE_MK")
    shown = script.call("showvirtualenv", "made")
    copied = script.call("cpvirtualenv", "made", "copy")
    script.call("deactivate")
    removed = script.call("rmvirtualenv", "copy")
    run = plugged.run(script)

    for index in (made, shown, copied, removed):
        assert run[index].status == 0, run[index].stderr
    assert run[shown].stdout == "details of made\n\n"
    wh = plugged.workon_home
    lines = [line for line in read_log(test_log) if "activate" not in line]
    expected = [
        f"plugin pre_mkvirtualenv made cwd={wh} env=",
        f"plugin post_mkvirtualenv cwd={wh} env=made",
        f"plugin get_env_details made cwd={wh} env=made",
        f"plugin pre_cpvirtualenv {wh / 'made'} copy cwd={wh} env=made",
        f"plugin pre_mkvirtualenv copy cwd={wh} env=made",
        f"plugin post_mkvirtualenv cwd={wh} env=copy",
        f"plugin post_cpvirtualenv cwd={wh} env=copy",
        f"plugin pre_rmvirtualenv copy cwd={wh} env=",
        f"plugin post_rmvirtualenv copy cwd={wh} env=",
    ]
    if runs_sh_code(plugged):
        # pre_mkvirtualenv's code ran in a subshell, as in virtualenvwrapper: its variable
        # stayed there; post_mkvirtualenv's ran in the user's shell.
        expected.insert(1, "pre_mkvirtualenv_source 1")
        expected.insert(6, "pre_mkvirtualenv_source 1")
        assert (run[post_mk].stdout, run[pre_mk].stdout) == ("made", "<unset>")
    else:
        assert (run[post_mk].stdout, run[pre_mk].stdout) == ("<unset>", "<unset>")
    assert lines == expected


def test_virtualenvwrappers_own_hooks_are_left_to_vew(
        plugged: ShellHarness, make_env: Callable[..., Path], test_log: Path) -> None:
    """virtualenvwrapper installed beside vew declares the hooks that run its hook files:
    vew runs those files itself, once."""
    make_env("e")
    log_hook(plugged.workon_home, "preactivate", test_log, sourced=False)
    log_hook(plugged.workon_home, "postactivate", test_log, sourced=True)
    done = plugged("workon", "e")

    assert done.status == 0, done.stderr
    lines = read_log(test_log)
    assert "preactivate e" in lines and "postactivate" in lines
    assert not [line for line in lines if "virtualenvwrapper's own" in line]
    assert len(lines) == 3  # the two files, and the env-vars plugin's pre_activate


def test_loading_runs_initialize_plugins_and_a_failing_plugin_is_one_line(
        sh: ShellHarness, environ: dict[str, str], loading_site: Path, test_log: Path,
        make_env: Callable[..., Path]) -> None:
    environ["VEW_PLUGIN_PATH"] = str(loading_site)
    sh.setup = "eval"
    make_env("e")
    script = sh.script()
    initialized = script.var("VWR_TEST_INITIALIZED")
    activated = script.call("workon", "e")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)

    assert read_log(test_log) == ["plugin initialize"]
    # The plugin's logger, as virtualenvwrapper's hook loader shows it: INFO and up.
    assert run.stderr.startswith("virtualenvwrapper.test_loading initializing\n")
    assert "not shown" not in run.stderr
    assert run[initialized].stdout == ("yes" if runs_sh_code(sh) else "<unset>")
    assert run[activated].status == 0
    assert run[activated].stderr == ("ERROR: hook virtualenvwrapper.post_activate from "
                                     "vwr_test_loading failed: RuntimeError: no luck\n")
    assert run[active].stdout == str(sh.workon_home / "e")


@pytest.mark.usefixtures("test_log")
def test_shell_code_that_exits_ends_itself_not_the_shell(
        posix_sh: ShellHarness, environ: dict[str, str], loading_site: Path,
        make_env: Callable[..., Path]) -> None:
    environ["VEW_PLUGIN_PATH"] = str(loading_site)
    posix_sh.setup = "eval"
    make_env("e")
    script = posix_sh.script()
    script.call("workon", "e")
    left = script.call("deactivate")
    variables = (script.var("VWR_TEST_BEFORE_EXIT"), script.var("VWR_TEST_AFTER_EXIT"))
    aliases = script.raw("alias exit || echo no alias")
    run = posix_sh.run(script)

    assert run[left].status == 0
    assert run[left].stderr == ("ERROR: shell code of vwr_test_loading "
                                "(virtualenvwrapper.pre_deactivate_source: exits) exited with "
                                "status 3\n")
    assert tuple(run[index].stdout for index in variables) == ("1", "<unset>")
    assert run[aliases].stdout == "no alias\n"


@pytest.mark.usefixtures("test_log")
def test_the_log_file_records_plugin_hooks_and_their_messages(
        sh: ShellHarness, environ: dict[str, str], loading_site: Path, tmp_path: Path,
        make_env: Callable[..., Path]) -> None:
    log_file = tmp_path / "vew.log"
    environ.update(VEW_PLUGIN_PATH=str(loading_site), VIRTUALENVWRAPPER_LOG_FILE=str(log_file))
    sh.setup = "eval"
    make_env("e")
    assert sh("workon", "e").status == 0

    text = log_file.read_text()
    assert "plugin-hook initialize: started" in text
    assert "] initializing\n" in text
    assert "ran plugin hook virtualenvwrapper.initialize (" in text
    assert ("ran plugin hook virtualenvwrapper.post_activate "
            "(virtualenvwrapper.test_loading:post_activate from vwr_test_loading): status 1"
            in text)
    assert "stderr: ERROR: hook virtualenvwrapper.post_activate" in text


def test_a_plugin_installed_after_vew_init_waits_for_the_next_one(
        posix_sh: ShellHarness, environ: dict[str, str], plugin_site: Path, test_log: Path,
        make_env: Callable[..., Path]) -> None:
    """The shell never looks for plugins: the static set-up, rendered before the plugin
    directory held any, calls none at workon until `vew init --static` runs again."""
    (make_env("e") / ".vars").write_text("VWR_A=1\n")
    site = test_log.parent / "later"
    site.mkdir()
    environ["VEW_PLUGIN_PATH"] = str(site)
    shell = posix_sh.shell

    def init_static() -> str:
        done = subprocess.run([*integration.core_command(), "init", shell, "--static"],
                              capture_output=True, text=True, env=environ, check=True)
        return done.stdout.strip()

    def workon(source_line: str) -> str:
        flags = ["--norc", "--noprofile"] if shell == "bash" else ["-f"]
        done = subprocess.run([shell, *flags, "-c", f'{source_line}; workon e; '
                               'printf %s "${VWR_A-unset}"'], capture_output=True, text=True,
                              env=environ, check=True)
        return done.stdout.strip()

    source_line = init_static()
    assert workon(source_line) == "unset"
    site.rmdir()
    site.symlink_to(plugin_site)
    assert workon(source_line) == "unset"
    assert read_log(test_log) == []
    assert init_static() == source_line
    assert workon(source_line) == "1"


def test_vew_init_finds_which_points_the_plugins_use(plugin_site: Path,
                                                     loading_site: Path) -> None:
    code = ("import sys; from pathlib import Path; from vew import settings, integration; "
            "print(sorted(integration.plugin_points(settings.load())['plugin_points']))")
    found = {}
    for name, site in (("plugins", plugin_site), ("loading", loading_site)):
        done = subprocess.run([sys.executable, "-E", "-P", "-c", code], capture_output=True,
                              text=True, check=True, env={"VEW_PLUGIN_PATH": str(site),
                                                          "HOME": str(site)})
        found[name] = done.stdout.strip()
    # virtualenvwrapper's own (pre_activate, post_activate_source) counts for nothing.
    assert found == {
        "plugins": str(sorted([
            "get_env_details", "post_cpvirtualenv", "post_deactivate", "post_mkvirtualenv",
            "post_rmvirtualenv", "pre_activate", "pre_cpvirtualenv", "pre_mkvirtualenv",
            "pre_rmvirtualenv", "project.post_mkproject", "project.pre_mkproject",
            "project.template"])),
        "loading": str(["initialize", "post_activate", "pre_deactivate"]),
    }


ALL_POINTS = frozenset(wrapper_plugins.FILE_POINTS.values()) | {wrapper_plugins.TEMPLATE_POINT}


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_a_shim_with_plugins_at_every_point_parses_and_calls_the_core_there(
        shell: str, tmp_path: Path) -> None:
    dialect = shells.get(shell)
    code = integration.shim(dialect, "/opt/vew/virtualenvwrapper.sh",
                            points={"plugin_points": ALL_POINTS, "run_hook_points": ALL_POINTS})
    for point in ("initialize", "pre_activate", "post_activate", "pre_deactivate",
                  "post_deactivate"):
        assert f"_vew_call {dialect.quote('plugin-hook')} {dialect.quote(point)}" in code, point
    if shell == "powershell":
        assert pwsh.syntax_errors(code) == []
        return
    path = tmp_path / f"shim.{shell}"
    path.write_text(code)
    checked = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True,
                             check=False)
    assert (checked.returncode, checked.stderr) == (0, "")
