"""Examples the property test may take a while to draw: WORKON_HOME with non-ASCII characters,
quotes and a command substitution, and names alike, through every everyday command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.harness import ShellHarness

HOMES = ["wörk on", "it's $(touch PWNED) `touch PWNED`", "🐍;x&y|z"]
NAMES = ["a", "é x", "a b", "日本 🐍", "$(touch PWNED)"]


@pytest.mark.parametrize("home", HOMES)
def test_a_hostile_workon_home(sh: ShellHarness, tmp_path: Path, home: str) -> None:
    workon_home = tmp_path / home
    workon_home.mkdir()
    sh.environ["WORKON_HOME"] = str(workon_home)
    script = sh.script()
    made = [script.call("mkvirtualenv", name) for name in NAMES]
    listing = script.call("lsvirtualenv", "-b")
    worked = [(script.call("workon", name), script.var("VIRTUAL_ENV")) for name in NAMES]
    script.call("deactivate")
    removed = script.call("rmvirtualenv", *NAMES)
    after = script.call("lsvirtualenv", "-b")
    run = sh.run(script, cwd=tmp_path)
    for index in made:
        assert run[index].status == 0, run[index]
    # Code point order, which is UTF-8 byte order.
    assert run[listing].stdout == "".join(f"{name}\n" for name in sorted(NAMES))
    for name, (index, virtual_env) in zip(NAMES, worked, strict=True):
        assert run[index].status == 0, run[index]
        assert run[virtual_env].stdout == str(workon_home / name)
    assert run[removed].status == 0, run[removed]
    assert run[after].stdout == ""
    assert not [path for path in tmp_path.rglob("PWNED") if path.is_file()]
