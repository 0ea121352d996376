from tests.support.harness import ShellHarness


def test_workon_activates(sh: ShellHarness, make_env) -> None:
    make_env("one")
    script = sh.script()
    w = script.call("workon", "one")
    v = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[w].status == 0, run
    assert run[v].stdout == str(sh.workon_home / "one")


def test_a_workon_deactivate_cycle_prints_nothing(sh: ShellHarness, make_env) -> None:
    make_env("quiet")
    script = sh.script()
    on = script.call("workon", "quiet")
    off = script.call("deactivate")
    gone = script.function_exists("deactivate")
    run = sh.run(script)
    for index in (on, off):
        assert (run[index].stdout, run[index].stderr, run[index].status) == ("", "", 0)
    assert run[gone].stdout == "no"
