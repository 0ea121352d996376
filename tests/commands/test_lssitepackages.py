from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.environments import platlib
from tests.support.harness import ShellHarness


def test_lists_site_packages_then_the_path_extensions(sh: ShellHarness, make_env) -> None:
    env = make_env("e")
    site = Path(platlib(env))
    (site / ".hidden").write_text("")
    listing = subprocess.run(["ls", str(site)], capture_output=True, text=True,
                             check=True).stdout
    script = sh.script()
    script.call("workon", "e")
    plain = script.call("lssitepackages")
    with_args = script.call("lssitepackages", "-a")
    bad = script.call("lssitepackages", "--no-such-option")
    run = sh.run(script)
    assert (run[plain].status, run[plain].stdout) == (0, listing)
    assert ".hidden\n" in run[with_args].stdout
    assert run[bad].status == 2  # ls's own status
    assert run[bad].stderr != ""

    pth = site / "_virtualenv_path_extensions.pth"
    pth.write_text("import sys; a\n/some/dir\nimport sys; b\n")
    listing = subprocess.run(["ls", str(site)], capture_output=True, text=True,
                             check=True).stdout
    script = sh.script()
    script.call("workon", "e")
    shown = script.call("lssitepackages")
    run = sh.run(script)
    assert run[shown].stdout == (f"{listing}\n_virtualenv_path_extensions.pth:\n"
                                 "import sys; a\n/some/dir\nimport sys; b\n")
