"""Property: any name, in any WORKON_HOME and project path, works end to end or is refused
cleanly, and nothing in it is ever executed.

Hypothesis generates a WORKON_HOME, a project directory and a list of environment names from
pieces that break careless shell code (quotes, ``$``, backticks, ``;``, globs, non-ASCII,
emoji, injections that would create a marker file), and one real shell drives every name of an
example through mkvirtualenv, lsvirtualenv, workon, the hooks and rmvirtualenv. The expected
outcome of each name comes from the rules of issue 7, written here independently of names.py.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, assume, event, given, settings
from hypothesis import strategies as st

from tests.support.harness import UNSET, ShellHarness, read_log

# Sized for CI: each example is one shell process driving 6 to 14 names (about 9), so the
# default profile runs over two hundred names per shell in about two minutes. No shrinking: a
# failure is reported as generated (the assertion names the name), and print_blob lets it be
# replayed. VEW_PROPERTY_PROFILE=quick is for working on the test itself.
settings.register_profile(
    "vew-safety",
    max_examples=25,
    deadline=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    print_blob=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.data_too_large],
)
settings.register_profile("vew-safety-quick", settings.get_profile("vew-safety"), max_examples=5)
PROFILE = settings.get_profile(
    "vew-safety-quick" if os.environ.get("VEW_PROPERTY_PROFILE") == "quick" else "vew-safety")

MARKER = "PWNED"
# Each would create the marker if any shell code ever evaluated the name instead of quoting it.
INJECTIONS = [
    f"$(touch {MARKER})",
    f"`touch {MARKER}`",
    f";touch {MARKER}",
    f"&touch {MARKER}&",
    f"|touch {MARKER}",
    f"';touch {MARKER};'",
    f'";touch {MARKER};"',
    f"\\$(touch {MARKER})",
    f"$(touch \"${MARKER}\")",  # $PWNED: an absolute path outside every directory involved
    f"${{{MARKER}:+$(touch {MARKER})}}",
    f"<(touch {MARKER})",
    f"$'\\x3btouch {MARKER}'",
]
SPECIALS = [
    *" '\"$`;&|*?[]~#!%(){}<>=^\\-.,@+",
    "é", "ß", "Ω", "日本", "🐍", "👨\u200d👩\u200d👧", "e\u0301", "\u00a0",
]
# What makes a name invalid (alone, or anywhere in it).
POISON = ["/", "\n", "\t", "\r", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", os.pathsep,
          "\u202e", "\u200b", "\ufeff"]
_text = st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp"),
                              exclude_characters=f"/{os.pathsep}"), min_size=1, max_size=3)
_pieces = st.lists(st.one_of(st.sampled_from(SPECIALS), st.sampled_from(INJECTIONS), _text),
                   min_size=1, max_size=5).map("".join)
# Mostly names that must work; some that must be refused, in every way issue 7 lists.
valid_names = _pieces.filter(lambda name: not name.startswith(("-", ".")))
invalid_names = st.one_of(
    st.sampled_from(["", ".", "..", "-", "--", "-rf"]),
    st.builds("{}{}{}".format, _pieces | st.just(""), st.sampled_from(POISON),
              _pieces | st.just("")),
    st.builds("{}{}".format, st.sampled_from(["-", "."]), _pieces),
)
# One name in five is invalid (one_of would not weigh a strategy listed several times).
names_strategy = st.integers(0, 4).flatmap(lambda i: valid_names if i else invalid_names)


# --- the rules of issue 7, independent of names.py ---


def addressable(name: str) -> bool:
    """Can name an entry of WORKON_HOME (so rmvirtualenv looks for it)."""
    return not (
        name in ("", ".", "..")
        or "/" in name
        or name.startswith("-")
        or any(unicodedata.category(c) in ("Cc", "Zl", "Zp") for c in name)
    )


def invisible(name: str) -> bool:
    """Holds a format character (bidirectional control, zero-width ...) other than a joiner
    between two emoji."""
    for index, char in enumerate(name):
        if unicodedata.category(char) != "Cf":
            continue
        if char != "\u200d" or index == 0 or index == len(name) - 1:
            return True
        before = name[:index].rstrip("".join(c for c in name[:index]
                                             if unicodedata.category(c) in ("Mn", "Sk")))
        if not before or unicodedata.category(before[-1]) != "So" \
                or unicodedata.category(name[index + 1]) != "So":
            return True
    return False


def creatable(name: str) -> bool:
    """Can be created: addressable, not hidden, no PATH separator, nothing invisible."""
    return (addressable(name) and not name.startswith(".") and os.pathsep not in name
            and not invisible(name))


def folded(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def _with_fold_clashes(names: list[str]) -> st.SearchStrategy[list[str]]:
    """The names, plus case variants of some of them (refused, or already there)."""
    variants = st.lists(st.sampled_from(names).map(str.swapcase), max_size=2)
    return variants.map(lambda extra: names + extra)


name_lists = st.lists(names_strategy, min_size=6, max_size=12, unique_by=folded)
name_lists = name_lists.flatmap(_with_fold_clashes)

# A path component: anything a user may name a directory, except what a path cannot hold and
# what vew is documented to expand in WORKON_HOME and -a (a leading ~, $NAME and ${NAME}).
_EXPANDED = re.compile(r"\$[A-Za-z0-9_{]")


def _component_ok(value: str) -> bool:
    return (addressable(value) and not value.startswith(".") and ":" not in value
            and not _EXPANDED.search(value) and not value.startswith("~"))


components = valid_names.filter(_component_ok)


def _virtualenv_refuses(path: str) -> bool:
    # virtualenv's own rule (dash reads "%func" and "%builtin" in PATH entries as options).
    return path.partition("%")[2].startswith(("func", "builtin"))


@dataclass
class Expect:
    """What a user must see, built name by name as the script is written."""

    workon_home: Path
    created: list[str] = field(default_factory=list)
    log: list[str] = field(default_factory=list)

    def outcome(self, name: str) -> str:
        if not creatable(name):
            return "refused"
        # The hook files live in WORKON_HOME too: a name folding onto one clashes as well.
        present = [*self.created, *os.listdir(self.workon_home)]
        if name in present:
            return "exists"
        if any(folded(other) == folded(name) for other in present):
            return "clash"
        return "created"

    def env(self, name: str) -> str:
        return str(self.workon_home / name)

    def activated(self, name: str) -> list[str]:
        return [f"preactivate\t{name}", f"postactivate\t{self.env(name)}"]

    def made(self, name: str) -> list[str]:
        """mkvirtualenv's hooks, as every command that creates an environment fires them."""
        return [f"premkvirtualenv\t{name}", *self.activated(name),
                f"postmkvirtualenv\t{self.env(name)}"]


@dataclass
class Creation:
    """One command that creates environment ``name``, and what it does when it succeeds."""

    name: str
    argv: list[str]
    cwd: Path  # where the shell is afterwards
    log: list[str]  # the hooks it fires, with their arguments


RUN_HOOKS = ("premkvirtualenv", "preactivate", "get_env_details", "prermvirtualenv",
             "postrmvirtualenv", "precpvirtualenv", "premkproject")
SOURCED_HOOKS = ("postactivate", "postmkvirtualenv", "postcpvirtualenv", "postmkproject")


def _hooks(directory: Path) -> None:
    """Every hook logs its name and its arguments (run hooks) or $VIRTUAL_ENV (sourced)."""
    for hook in RUN_HOOKS:
        (directory / hook).write_text(
            '#!/bin/sh\n{ printf "%s" "${0##*/}"; printf "\\t%s" "$@"; echo; } '
            '>> "$VEW_TEST_LOG"\n')
        (directory / hook).chmod(0o755)
    for hook in SOURCED_HOOKS:
        # The same line is sh and fish: both flavours of the sourced hook.
        for name in (hook, f"{hook}.fish"):
            (directory / name).write_text(
                f'printf "%s\\t%s\\n" {hook} "$VIRTUAL_ENV" >> "$VEW_TEST_LOG"\n')
        (directory / f"{hook}.ps1").write_text(
            f"Add-Content -LiteralPath $env:VEW_TEST_LOG -Value \"{hook}`t$env:VIRTUAL_ENV\"\n")


@PROFILE
@given(home_part=components, project_part=components, project_home_part=components,
       names=name_lists, copies=st.lists(names_strategy, max_size=1),
       projects=st.lists(names_strategy, max_size=1))
def test_any_name_works_end_to_end_or_is_refused(
        sh: ShellHarness, tmp_path: Path, *, home_part: str, project_part: str,
        project_home_part: str, names: list[str], copies: list[str],
        projects: list[str]) -> None:
    if sh.shell == "pwsh":
        # PowerShell cannot enter a directory whose path holds a backslash, nor start programs
        # in one holding a wildcard escape (README: PowerShell; tests/shells/test_powershell.py):
        # no project may, though names and WORKON_HOME can.
        for part in (project_part, project_home_part, *projects):
            assume("\\" not in part and not re.search(r"`[][*?`]", part))
    root = Path(tempfile.mkdtemp(dir=tmp_path))
    workon_home = root / home_part
    project = root / "projects" / project_part
    project_home = root / "project-home" / project_home_part
    for path in (workon_home, project, project_home):
        path.mkdir(parents=True)
    for name in [*names, *copies, *projects]:
        if _virtualenv_refuses(str(workon_home / name)):
            return
    log = root / "hooks.log"
    marker = root / "marker" / MARKER
    marker.parent.mkdir()
    _hooks(workon_home)
    expect = Expect(workon_home)

    # Every way to create an environment: mkvirtualenv -a, cpvirtualenv of the first
    # environment made, mkproject.
    creations = [
        Creation(name, ["mkvirtualenv", "-a", str(project), name], project, expect.made(name))
        for name in names
    ]
    source = next((name for name in names if expect.outcome(name) == "created"), None)
    if source is not None:
        creations += [
            # The copy keeps the source's .project: workon goes to the same project.
            Creation(dest, ["cpvirtualenv", source, dest], project,
                     [f"precpvirtualenv\t{expect.env(source)}\t{dest}", *expect.made(dest),
                      f"postcpvirtualenv\t{expect.env(dest)}"])
            for dest in copies
        ]
    creations += [
        Creation(name, ["mkproject", name], project_home / name,
                 [*expect.made(name), f"premkproject\t{name}",
                  f"postmkproject\t{expect.env(name)}"])
        for name in projects
    ]
    all_names = [creation.name for creation in creations]

    script = sh.script()
    checks = []
    for creation in creations:
        outcome = expect.outcome(creation.name)
        checks.append((creation, outcome, script.call(*creation.argv),
                       script.var("VIRTUAL_ENV"), script.pwd()))
        if outcome == "created":
            expect.created.append(creation.name)
            expect.log += creation.log
    created = sorted(expect.created)  # code point order, as lsvirtualenv sorts
    brief = script.call("lsvirtualenv", "-b")
    bare = script.call("workon")
    workons = []
    for name in expect.created:
        workons.append((name, script.call("workon", name), script.var("VIRTUAL_ENV")))
        expect.log += expect.activated(name)
    if expect.created:
        script.call("deactivate")
    long = script.call("lsvirtualenv", "-l")
    expect.log += [f"get_env_details\t{name}" for name in created]
    # "--": every name is a name, even one that looks like an option (which alone would be
    # refused as one, removing nothing).
    remove = script.call("rmvirtualenv", "--", *all_names)
    remaining = set(expect.created)
    for name in all_names:
        if name in remaining:
            remaining.discard(name)
            expect.log += [f"prermvirtualenv\t{name}", f"postrmvirtualenv\t{name}"]
    after = script.call("lsvirtualenv", "-b")

    for _, outcome, *_ in checks:
        event(f"outcome: {outcome}")
    run = sh.run(script, extra_env={
        "WORKON_HOME": str(workon_home),
        "PROJECT_HOME": str(project_home),
        "VEW_TEST_LOG": str(log),
        MARKER: str(marker),
    })
    assert len(run) == script.count, run.stderr

    # Nothing embedded in any name or path was ever run.
    assert not marker.exists()
    assert not [p for p in (root, sh.home) for p in p.rglob(MARKER) if p.is_file()]

    active = UNSET
    for creation, outcome, index, virtual_env, cwd in checks:
        result, name = run[index], creation.name
        if outcome == "created":
            assert result.status == 0, (creation.argv, result)
            assert result.stderr == "", (creation.argv, result)
            active = expect.env(name)
            assert run[virtual_env].stdout == active, creation.argv
            assert run[cwd].stdout == str(creation.cwd), creation.argv
        else:
            assert result.status == (2 if outcome == "refused" else 1), (creation.argv, result)
            assert len(result.stderr.splitlines()) == 1, (creation.argv, result)
            assert result.stderr.startswith("ERROR: "), (creation.argv, result)
            assert run[virtual_env].stdout == active, creation.argv
    listing = "".join(f"{name}\n" for name in created)
    assert run[brief].stdout == listing
    assert (run[bare].stdout, run[bare].status) == (listing, 1)
    for name, workon, virtual_env in workons:
        assert run[workon].status == 0, (name, run[workon])
        assert run[workon].stderr == "", (name, run[workon])
        assert run[virtual_env].stdout == expect.env(name)
    assert run[long].status == 0
    assert run[long].stdout == "".join(f"{n}\n{'=' * len(n)}\n\n\n" for n in created)
    assert run[remove].status == (0 if all(map(addressable, all_names)) else 1), run[remove]
    assert run[after].stdout == ""
    assert read_log(log) == expect.log
