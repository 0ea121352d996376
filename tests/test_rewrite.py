from __future__ import annotations

import shlex
import subprocess

import pytest

from vew import rewrite

OLD = "/envs/src"


def _rewrite(text: str, name: str, new: str, old: str = OLD) -> str:
    return rewrite.rewrite(text.encode(), name, [old], new).decode()


@pytest.mark.parametrize("new", ["/envs/dst", "/envs/a b", "/envs/it's", '/envs/q"$`\\x'])
def test_sh_activate_reads_back_the_new_path_in_every_quoting(new: str) -> None:
    text = (f"VIRTUAL_ENV={OLD}\n"
            f"A='{OLD}/bin'\n"
            f'B="{OLD}"\n'
            f"if [ -d {OLD} ]; then C={OLD}/lib; fi\n")
    code = _rewrite(text, "activate", new) + 'printf "%s|" "$VIRTUAL_ENV" "$A" "$B" "$C"'
    done = subprocess.run(["bash", "--norc", "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout == f"{new}|{new}/bin|{new}||"


@pytest.mark.parametrize("new", ["/envs/a b", "/envs/it's", "/envs/back\\slash"])
def test_fish_activate_reads_back_the_new_path(new: str) -> None:
    text = f"set -gx VIRTUAL_ENV '{OLD}'\nset -gx B \"{OLD}/bin\"\n"
    code = _rewrite(text, "activate.fish", new) + 'printf "%s|" $VIRTUAL_ENV $B'
    done = subprocess.run(["fish", "--no-config", "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout == f"{new}|{new}/bin|"


def test_a_quoted_old_path_is_found_in_its_escaped_spellings() -> None:
    old = "/envs/it's old"
    escaped = old.replace("'", "'\\''")
    text = f"VIRTUAL_ENV={shlex.quote(old)}\nA='{escaped}/bin'\n"
    new = _rewrite(text, "activate", "/envs/new", old=old)
    assert new == "VIRTUAL_ENV=/envs/new\nA='/envs/new/bin'\n"


def test_fish_single_quote_spellings_of_an_old_path() -> None:
    old = "/envs/it's"
    text = "set -gx A '/envs/it\\'s'\nset -gx B '/envs/it'\\''s'\n"
    assert _rewrite(text, "activate.fish", "/envs/n", old=old) == \
        "set -gx A '/envs/n'\nset -gx B '/envs/n'\n"


def test_a_longer_name_or_path_is_not_touched() -> None:
    text = f"{OLD}x/bin {OLD}-2 /mnt{OLD} {OLD}/bin file://{OLD}/lib\n"
    assert _rewrite(text, "pyvenv.cfg", "/n") == \
        f"{OLD}x/bin {OLD}-2 /mnt{OLD} /n/bin file:///n/lib\n"


def test_shebang_is_rewritten_in_place_when_it_can_be() -> None:
    text = f"#!{OLD}/bin/python\nimport sys\nprint('{OLD}')\n"
    assert _rewrite(text, "tool", "/envs/dst") == \
        "#!/envs/dst/bin/python\nimport sys\nprint('/envs/dst')\n"


@pytest.mark.parametrize("new", ["/envs/with space", "/envs/" + "x" * 130])
def test_shebang_becomes_a_trampoline_when_the_kernel_cannot_read_it(new: str) -> None:
    text = f"#!{OLD}/bin/python -E\nimport sys\n"
    assert _rewrite(text, "tool", new) == (
        "#!/bin/sh\n"
        f"'''exec' \"{new}/bin/python\" -E \"$0\" \"$@\"\n"
        "' '''\n"
        "import sys\n")


def test_trampoline_line_is_sh_and_the_rest_python() -> None:
    text = (f"#!/bin/sh\n'''exec' \"{OLD}/bin/python\" \"$0\" \"$@\"\n' '''\n"
            f"X = '{OLD}'\n")
    assert _rewrite(text, "tool", "/e/$x'y") == (
        "#!/bin/sh\n'''exec' \"/e/\\$x'y/bin/python\" \"$0\" \"$@\"\n' '''\n"
        "X = '/e/$x\\'y'\n")


def test_powershell_single_quotes() -> None:
    assert _rewrite(f"$env:VIRTUAL_ENV = '{OLD}'\n", "activate.ps1", "/e/it's") == \
        "$env:VIRTUAL_ENV = '/e/it''s'\n"


@pytest.mark.parametrize("new", ["/envs/dst", "/envs/ünï cödé", "/envs/🐍 it's"])
def test_sh_activate_with_non_ascii_paths_in_virtualenvs_printf_spelling(new: str) -> None:
    """virtualenv writes a path with non-ASCII characters as octal escapes for printf."""
    from virtualenv.activation.bash import BashActivator

    old = "/envs/sröc;x&y"
    text = f"VIRTUAL_ENV={BashActivator.quote(old)}\n"
    rewritten = _rewrite(text, "activate", new, old=old)
    assert rewritten.isascii()
    done = subprocess.run(["bash", "--norc", "-c", rewritten + 'printf "%s" "$VIRTUAL_ENV"'],
                          capture_output=True, text=True, check=True)
    assert done.stdout == new
