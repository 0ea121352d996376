"""vew's own command line: help, version, and one plain line for each mistake."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vew import __version__


def vew(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True,
                          text=True, env=environ, check=False)


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_version_prints_the_version(flag: str, environ: dict[str, str]) -> None:
    done = vew(flag, environ=environ)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"vew {__version__}\n", "")


@pytest.mark.parametrize("args", [["-h"], ["--help"], [], ["doctor", "-h"]])
def test_help_is_plain_text_and_succeeds(args: list[str], environ: dict[str, str]) -> None:
    done = vew(*args, environ=environ)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: vew")
    assert done.stderr == ""
    # No framework panels: box-drawing characters would mean rich drew them.
    assert not any("\u2500" <= char <= "\u257f" for char in done.stdout)


@pytest.mark.parametrize(("args", "expected"), [
    (["doctr"], "ERROR: vew: No such command 'doctr'. Did you mean 'doctor'? "
                "(see 'vew --help')\n"),
    (["--bogus"], "ERROR: vew: No such option: --bogus (see 'vew --help')\n"),
    (["doctor", "--bogus"], "ERROR: vew doctor: No such option: --bogus "
                            "(see 'vew doctor --help')\n"),
    (["link"], "ERROR: vew link: Missing argument 'ENV'. (see 'vew link --help')\n"),
])
def test_a_mistake_is_one_line_with_status_2(args: list[str], expected: str,
                                            environ: dict[str, str]) -> None:
    done = vew(*args, environ=environ)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", expected)


def test_help_and_version_flags_after_double_dash_belong_to_the_command(
        make_env, environ: dict[str, str]) -> None:
    make_env("runner")
    done = vew("run", "runner", "--", "python", "-V", environ=environ)
    assert (done.returncode, done.stdout) == (0, f"Python {sys.version.split()[0]}\n")
    helped = vew("run", "runner", "--", "python", "-h", environ=environ)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: ")
