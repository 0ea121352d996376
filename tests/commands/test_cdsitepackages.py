from __future__ import annotations

from pathlib import Path

from tests.support.environments import platlib
from tests.support.harness import ShellHarness


def test_changes_to_site_packages_or_below(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    site = platlib(env)
    (Path(site) / "pkg").mkdir()
    script = sh.script()
    script.call("workon", "e")
    top = script.call("cdsitepackages")
    top_cwd = script.pwd()
    below = script.call("cdsitepackages", "pkg")
    below_cwd = script.pwd()
    missing = script.call("cdsitepackages", "nowhere")
    missing_cwd = script.pwd()
    run = sh.run(script)
    assert (run[top].status, run[top].stdout, run[top].stderr) == (0, "", "")
    assert run[top_cwd].stdout == site
    assert run[below].status == 0
    assert run[below_cwd].stdout == f"{site}/pkg"
    assert run[missing].status == 1
    assert run[missing].stderr != ""
    assert run[missing_cwd].stdout == f"{site}/pkg"
