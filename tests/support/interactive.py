"""An interactive shell on a pseudo-terminal, driven as a user would: type a line, press Ctrl-C.

Each shell starts with a controlled rc file (its own prompt, no bracketed paste) that loads the
shim; ``rc`` adds the test's own lines (aliases, options) before the shim is loaded.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Mapping
from pathlib import Path

import pexpect

from tests.support.harness import LANGUAGES, rendered_shim

PROMPT = "vew-test-prompt> "

# Per shell: the terminal settings that keep the output plain, and how to start it with an rc
# (each shell the sh fixture runs needs its entry here and in _spawn_argv).
_QUIET = {
    "bash": f"PS1='{PROMPT}'; PS2=''; bind 'set enable-bracketed-paste off' 2>/dev/null",
    "zsh": f"PS1='{PROMPT}'; PS2=''; PROMPT_EOL_MARK=''; unset zle_bracketed_paste",
    "fish": f"function fish_prompt; printf '%s' '{PROMPT}'; end\n"
            "function fish_right_prompt; end\nset -g fish_greeting ''\n"
            "set -g fish_autosuggestion_enabled 0",
}
# How a line reads the status of the command before it.
_STATUS = {"bash": "$?", "zsh": "$?", "fish": "$status"}


def _spawn_argv(shell: str, rc: Path, environ: dict[str, str]) -> list[str]:
    if shell == "bash":
        return ["bash", "--noprofile", "--rcfile", str(rc), "-i"]
    if shell == "zsh":
        zdotdir = rc.parent / "zdotdir"
        zdotdir.mkdir(exist_ok=True)
        (zdotdir / ".zshrc").write_text(rc.read_text())
        environ["ZDOTDIR"] = str(zdotdir)
        return ["zsh", "-i"]
    if shell == "fish":
        return ["fish", "--no-config", "--interactive", "--init-command", f"source {rc}"]
    raise ValueError(f"no interactive set-up for {shell}")


def _default_interrupt() -> None:
    """In the shell about to start: Ctrl-C does what it does at a terminal, however the test
    runner was started. A process started in the background by a non-interactive shell (CI
    scripts, `pytest ... &`) ignores SIGINT, and a shell that starts with it ignored can never
    catch it, nor can the programs it runs."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class InteractiveShell:
    def __init__(self, shell: str, home: Path, environ: Mapping[str, str], rc: str = "",
                 timeout: float = 60) -> None:
        self.shell = shell
        shim = rendered_shim(shell, str(home.parent))
        rc_path = home / f"interactive-rc{LANGUAGES[shell].suffix}"
        rc_path.write_text(f"{_QUIET[shell]}\n{rc}\nsource {LANGUAGES[shell].quote(str(shim))}\n")
        env = dict(environ)
        argv = _spawn_argv(shell, rc_path, env)
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(home), encoding="utf-8",
                                   timeout=timeout, dimensions=(24, 200),
                                   preexec_fn=_default_interrupt)
        self.child.expect_exact(PROMPT)
        self._count = 0

    def start(self, line: str) -> None:
        """Type ``line`` (followed by a report of its status) and return while it runs."""
        self._count += 1
        status = _STATUS[self.shell]
        self.child.sendline(f"{line}; printf '\\n__vew_done_{self._count}_%s__\\n' {status}")

    def finish(self) -> tuple[str, int | None]:
        """Wait until the line is done: what it printed, and its status (None if it was cut
        short before reporting it).

        A second line, typed now (the terminal keeps it until the shell reads it), prints a
        marker: its output, unlike its echo or a repainted prompt, ends the first line's.
        """
        self.child.sendline(f"printf '__vew_sync_{self._count}__\\n'")
        self.child.expect(rf"__vew_sync_{self._count}__\r?\n")
        output = self.child.before
        found = re.search(rf"__vew_done_{self._count}_(\d+)__", output)
        return output, int(found.group(1)) if found else None

    def run(self, line: str) -> tuple[str, int | None]:
        self.start(line)
        return self.finish()

    def interrupt_when(self, path: Path, timeout: float = 60) -> None:
        """Press Ctrl-C once ``path`` exists (the running command created it)."""
        deadline = time.monotonic() + timeout
        while not path.exists():
            if time.monotonic() > deadline:
                raise TimeoutError(f"{path} never appeared: {self.child.before!r}")
            time.sleep(0.02)
        self.child.sendintr()

    def alive(self) -> bool:
        """The shell still reads and runs commands."""
        output, status = self.run("echo still-here")
        return status == 0 and "still-here" in output and self.child.isalive()

    def close(self) -> None:
        self.child.sendline("exit")
        self.child.expect(pexpect.EOF)
        self.child.close()
