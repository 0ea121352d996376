"""An interactive shell on a pseudo-terminal, driven as a user would: type a line, press Ctrl-C.

Each shell starts with a controlled rc file (its own prompt, no bracketed paste) that loads the
shim; ``rc`` adds the test's own lines (aliases, options) before the shim is loaded.

PowerShell runs without PSReadLine, on its own line editor, which asks the terminal where its
cursor is (ESC [6n) as it draws: the answer comes from here, as a terminal would give it.
"""

from __future__ import annotations

import re
import signal
import time
from collections.abc import Mapping
from pathlib import Path

import pexpect

from tests.support.harness import LANGUAGES, pwsh_program, rendered_shim

PROMPT = "vew-test-prompt> "

# Per shell: the terminal settings that keep the output plain, and how to start it with an rc
# (each shell the sh fixture runs needs its entry here and in _spawn_argv).
_QUIET = {
    "bash": f"PS1='{PROMPT}'; PS2=''; bind 'set enable-bracketed-paste off' 2>/dev/null",
    "zsh": f"PS1='{PROMPT}'; PS2=''; PROMPT_EOL_MARK=''; unset zle_bracketed_paste",
    "fish": f"function fish_prompt; printf '%s' '{PROMPT}'; end\n"
            "function fish_right_prompt; end\nset -g fish_greeting ''\n"
            "set -g fish_autosuggestion_enabled 0",
    "pwsh": "Microsoft.PowerShell.Core\\Remove-Module PSReadLine -ErrorAction Ignore\n"
            f"function global:prompt {{ '{PROMPT}' }}",
}
# How a line reads the status of the command before it.
_STATUS = {"bash": "$?", "zsh": "$?", "fish": "$status", "pwsh": "$LASTEXITCODE"}
# PowerShell stops the whole line at Ctrl-C: the status is read by the next line instead.
_STATUS_LATER = frozenset({"pwsh"})
_CURSOR_QUERY = "\x1b[6n"


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
    if shell == "pwsh":
        return [*pwsh_program(), "-NoLogo", "-NoProfile", "-NoExit", "-Command",
                LANGUAGES[shell].source(str(rc))]
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
        rc_path.write_text(f"{_QUIET[shell]}\n{rc}\n{LANGUAGES[shell].source(str(shim))}\n")
        env = dict(environ)
        argv = _spawn_argv(shell, rc_path, env)
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=str(home), encoding="utf-8",
                                   timeout=timeout, dimensions=(24, 200),
                                   preexec_fn=_default_interrupt)
        # pexpect waits a while before each send, which adds up over PowerShell's queries.
        self.child.delaybeforesend = None
        self._count = 0
        # What came before the terminal queries answered so far.
        self._pending = ""
        self._expect(PROMPT)

    def _expect(self, pattern: str, *, regex: bool = False) -> str:
        """Wait for ``pattern``, answering the terminal queries on the way: what came before."""
        before, self._pending = self._pending, ""
        while True:
            if regex:
                found = self.child.expect([pattern, re.escape(_CURSOR_QUERY)])
            else:
                found = self.child.expect_exact([pattern, _CURSOR_QUERY])
            before += self.child.before
            if found == 0:
                return before
            self.child.send("\x1b[1;1R")

    def _report(self) -> str:
        return f"printf '\\n__vew_done_{self._count}_%s__\\n' {_STATUS[self.shell]}"

    def start(self, line: str) -> None:
        """Type ``line`` (followed by a report of its status) and return while it runs."""
        self._count += 1
        if self.shell in _STATUS_LATER:
            self.child.sendline(f"$global:LASTEXITCODE = 0; {line}")
        else:
            self.child.sendline(f"{line}; {self._report()}")

    def finish(self) -> tuple[str, int | None]:
        """Wait until the line is done: what it printed, and its status (None if it was cut
        short before reporting it).

        A second line, typed now (the terminal keeps it until the shell reads it), prints a
        marker: its output, unlike its echo or a repainted prompt, ends the first line's.
        """
        report = f"{self._report()}; " if self.shell in _STATUS_LATER else ""
        sync = f"{report}printf '__vew_sync_{self._count}__\\n'"
        self.child.sendline(sync)
        output = self._expect(rf"__vew_sync_{self._count}__\r?\n", regex=True)
        # The terminal echoes the second line as it arrives, which may be in the middle of what
        # the first one prints (between two of its writes): that echo is no output of it.
        output = output.replace(f"{sync}\r\n", "", 1)
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
            # Meanwhile the shell may be waiting for the answer to a query.
            if self.child.expect_exact([_CURSOR_QUERY, pexpect.TIMEOUT], timeout=0.02) == 0:
                self._pending += self.child.before
                self.child.send("\x1b[1;1R")
        self.child.sendintr()

    def alive(self) -> bool:
        """The shell still reads and runs commands."""
        output, status = self.run("echo still-here")
        return status == 0 and "still-here" in output and self.child.isalive()

    def close(self) -> None:
        self.child.sendline("exit")
        self._expect(pexpect.EOF)  # type: ignore[arg-type]
        self.child.close()
