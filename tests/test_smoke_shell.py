from tests.harness import ShellHarness


def test_workon_activates(sh: ShellHarness, make_env) -> None:
    make_env("one")
    script = sh.script()
    w = script.call("workon", "one")
    v = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[w].status == 0, run
    assert run[v].stdout == str(sh.workon_home / "one")
