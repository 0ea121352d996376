"""Plugins: entry-point hooks and project templates from installed Python packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.harness import ShellHarness, log_hook, read_log
from tests.support.plugin_site import install_example, write_plugin

LOGGING_PLUGIN = """
import os


def _log(*words):
    with open(os.environ["VEW_TEST_LOG"], "a") as log:
        log.write(" ".join(words) + "\\n")


def hook(point):
    def logged(*args):
        _log("plugin", point, *args, os.getcwd())
    return logged


premkvirtualenv = hook("premkvirtualenv")
prermvirtualenv = hook("prermvirtualenv")
postrmvirtualenv = hook("postrmvirtualenv")
get_env_details = hook("get_env_details")
postactivate = hook("postactivate")
"""

POINTS = ("premkvirtualenv", "prermvirtualenv", "postrmvirtualenv", "get_env_details",
          "postactivate")


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/support/plugin_example, built into a wheel and installed into a plugin directory."""
    return install_example(tmp_path_factory.mktemp("example-plugin"))


def test_example_plugin_adds_a_template_and_a_hook(
        sh: ShellHarness, environ: dict[str, str], example_site: Path, tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    environ.update(PROJECT_HOME=str(projects), VEW_PLUGIN_PATH=str(example_site))
    script = sh.script()
    listed = script.call("mkproject", "-l")
    made = script.call("mkproject", "-t", "readme", "demo")
    run = sh.run(script)

    assert run[listed].stdout == ("Available project templates:\n\n"
                                  "  readme     -- Write a README.md that names the project.\n")
    assert run[made].status == 0, run[made].stderr
    out = run[made].stdout
    assert out.index("vew-example-plugin: making project demo") < out.index("Creating")
    assert f"\nApplying template readme\nwrote {projects / 'demo' / 'README.md'}\n" in out
    assert (projects / "demo" / "README.md").read_text() == "# demo\n"


def test_a_template_file_overrides_a_plugin_of_the_same_name(
        sh: ShellHarness, environ: dict[str, str], example_site: Path, tmp_path: Path,
        workon_home: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    environ.update(PROJECT_HOME=str(projects), VEW_PLUGIN_PATH=str(example_site))
    templates = workon_home / "templates"
    templates.mkdir()
    (templates / "readme").write_text("#!/bin/sh\n# My own README\necho mine > README.md\n")
    (templates / "readme").chmod(0o755)
    script = sh.script()
    listed = script.call("mkproject", "-l")
    made = script.call("mkproject", "-t", "readme", "local")
    run = sh.run(script)

    assert "  readme     -- My own README\n" in run[listed].stdout
    assert run[made].status == 0, run[made].stderr
    assert (projects / "local" / "README.md").read_text() == "mine\n"


def test_plugin_hooks_run_after_the_hook_file_at_the_cores_hook_points(
        sh: ShellHarness, environ: dict[str, str], tmp_path: Path, workon_home: Path) -> None:
    site = tmp_path / "plugins"
    write_plugin(site, "logging_plugin", LOGGING_PLUGIN,
                 {"vew.hooks": {point: f"logging_plugin:{point}" for point in POINTS}})
    log = tmp_path / "hooks.log"
    environ.update(VEW_PLUGIN_PATH=str(site), VEW_TEST_LOG=str(log))
    for point in POINTS:
        log_hook(workon_home, point, log, sourced=point == "postactivate", label=f"file {point}")
    script = sh.script()
    script.call("mkvirtualenv", "plugged")
    script.call("deactivate")
    script.call("lsvirtualenv", "-l")
    script.call("rmvirtualenv", "plugged")
    run = sh.run(script)

    assert [result.status for result in run.results] == [0, 0, 0, 0], run.stderr
    wh = str(workon_home)
    assert read_log(log) == [
        "file premkvirtualenv plugged", f"plugin premkvirtualenv plugged {wh}",
        # postactivate is sourced by the shell: Python never runs there, plugins neither.
        "file postactivate",
        "file get_env_details plugged", f"plugin get_env_details plugged {wh}",
        "file prermvirtualenv plugged", f"plugin prermvirtualenv plugged {wh}",
        "file postrmvirtualenv plugged", f"plugin postrmvirtualenv plugged {wh}",
    ]


def test_a_failing_plugin_is_one_error_line(
        sh: ShellHarness, environ: dict[str, str], tmp_path: Path, make_env) -> None:
    site = tmp_path / "plugins"
    write_plugin(site, "failing_plugin",
                 "def details(name):\n    raise ValueError('no details for ' + name)\n\n"
                 "def refuse(name):\n    raise SystemExit(4)\n",
                 {"vew.hooks": {"get_env_details": "failing_plugin:details",
                                "premkvirtualenv": "failing_plugin:refuse"}})
    environ["VEW_PLUGIN_PATH"] = str(site)
    make_env("present")
    script = sh.script()
    listed = script.call("lsvirtualenv", "-l")
    refused = script.call("mkvirtualenv", "refused")
    run = sh.run(script)

    assert run[listed].status == 0
    assert run[listed].stderr == ("ERROR: hook get_env_details from failing_plugin failed: "
                                  "ValueError: no details for present\n")
    # As with a premkvirtualenv hook file: a failure cancels the creation.
    assert run[refused].status == 1
    assert "premkvirtualenv from failing_plugin exited with status 4" in run[refused].stderr
    assert "Traceback" not in run.stderr
    assert not (sh.workon_home / "refused").exists()


def test_without_plugins_importlib_metadata_is_never_imported(tmp_path: Path) -> None:
    code = ("import sys; from vew import plugins; "
            "print(plugins.entry_points(plugins.HOOK_GROUP, ()), "
            "'importlib.metadata' in sys.modules)")
    done = subprocess.run([sys.executable, "-E", "-P", "-c", code], capture_output=True,
                          text=True, check=True, cwd=tmp_path)
    assert done.stdout == "() False\n"
