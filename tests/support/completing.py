"""Ask real shells what they complete.

* :func:`bash_completions` calls the function bash has registered for a command, with
  ``COMP_LINE``/``COMP_POINT``/``COMP_WORDS``/``COMP_CWORD`` set as bash sets them, and reads
  ``COMPREPLY``; many lines in one bash process.
* :class:`Terminal` types into an interactive bash, zsh or fish on a pseudo-terminal, presses
  Tab and reads back the edited line (a key bound to print it between markers) and, in zsh,
  every match the completion system offered with its description (a ``compadd`` wrapper
  records them).
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pexpect

from tests.support.harness import ShellHarness, rendered_shim
from vew import integration

UNIT = "\x1f"  # separates the candidates bash prints


def fake_env(workon_home: Path, name: str, *, bin_dir: str = "bin") -> Path:
    """What a listing counts as an environment: a directory with an activate script."""
    env = workon_home / name
    (env / bin_dir).mkdir(parents=True)
    (env / bin_dir / "activate").write_text("# not a real environment\n")
    return env


def bash_completions(sh: ShellHarness, lines: Sequence[str], *, prelude: str = "",
                     cwd: Path | None = None) -> list[list[str]]:
    """COMPREPLY after completing at the end of each line, as bash would on Tab."""
    assert sh.shell == "bash"
    script = sh.script()
    indexes = []
    for line in lines:
        words = line.split()
        if line.endswith(" ") or not words:
            words.append("")
        command = words[0]
        indexes.append(script.raw(
            f"COMP_LINE={shlex.quote(line)}; COMP_POINT={len(line.encode())}\n"
            f"COMP_WORDS=({' '.join(map(shlex.quote, words))}); COMP_CWORD={len(words) - 1}\n"
            f"COMPREPLY=()\n"
            f"__spec=$(complete -p {shlex.quote(command)})\n"
            "__function=${__spec#*-F }; __function=${__function%% *}\n"
            f'"$__function" {shlex.quote(command)} {shlex.quote(words[-1])} '
            f"{shlex.quote(words[-2] if len(words) > 1 else '')} 2>/dev/null\n"
            f"[ ${{#COMPREPLY[@]}} = 0 ] || printf '%s{UNIT}' \"${{COMPREPLY[@]}}\""
        ))
    run = sh.run(script, prelude=prelude, cwd=cwd)
    assert len(run) == len(lines), (run.stdout, run.stderr)
    return [run[index].stdout.split(UNIT)[:-1] for index in indexes]


@dataclass
class Tab:
    """What one Tab did: the edited line, and (zsh) what was offered: match -> description."""

    line: str
    offered: dict[str, str] = field(default_factory=dict)
    screen: str = ""


_CAPTURE_ZSH = r"""
# Record every match the completion system adds, with its description.
compadd() {
    if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd "$@"
        return
    fi
    local -a __vew_hits __vew_descriptions
    local __vew_i __vew_d
    if (( $@[(I)-d] )); then
        __vew_d=${@[$(( ${@[(i)-d]} + 1 ))]}
        if [[ $__vew_d == \(* ]]; then
            eval "__vew_descriptions=$__vew_d"
        else
            __vew_descriptions=("${(@P)__vew_d}")
        fi
    fi
    builtin compadd -O __vew_hits "$@"
    for __vew_i in {1..$#__vew_hits}; do
        print -r -- "${__vew_hits[__vew_i]}"$'\t'"${__vew_descriptions[__vew_i]-}" \
            >>"$VEW_TEST_OFFERED"
    done
    builtin compadd "$@"
}
"""

_SHOW_ZSH = r"""
_vew_test_show() { print -rn -- $'\n<<'"$BUFFER"$'>>\n' >/dev/tty }
zle -N _vew_test_show
bindkey '^X^P' _vew_test_show
PS1='%% '
"""

_SHOW_FISH = r"""
function fish_prompt; printf '%% '; end
function fish_greeting; end
set -g fish_autosuggestion_enabled 0
bind \cx\cp 'printf "\n<<%s>>\n" (commandline)'
"""

_SHOW_BASH = r"""
bind -x '"\C-x\C-p": printf "\n<<%s>>\n" "$READLINE_LINE"'
bind 'set completion-query-items 0'
bind 'set page-completions off'
PS1='% '
"""


class Terminal:
    """An interactive bash, zsh or fish on a pseudo-terminal, with vew loaded by ``setup``.

    ``setup`` is the rc file's text with ``{vew}`` where vew is loaded (eval of ``vew init``).
    """

    def __init__(self, shell: str, environ: dict[str, str], home: Path, setup: str = "{vew}",
                 cwd: Path | None = None) -> None:
        self.shell = shell
        self.offered_log = home / "offered.log"
        core = shlex.join(integration.core_command())
        vew = f"{core} init fish | source" if shell == "fish" else f'eval "$({core} init {shell})"'
        rc = setup.format(vew=vew)
        env = dict(environ, TERM="dumb", VEW_TEST_OFFERED=str(self.offered_log))
        if shell == "zsh":
            zdotdir = home / "zdotdir"
            zdotdir.mkdir(exist_ok=True)
            (zdotdir / ".zshrc").write_text(rc + "\n" + _CAPTURE_ZSH + _SHOW_ZSH)
            env["ZDOTDIR"] = str(zdotdir)
            # -d: no system-wide rc files (some distributions run compinit in them).
            argv = ["-d", "-i"]
        elif shell == "fish":
            config = home / ".config" / "fish"
            config.mkdir(parents=True, exist_ok=True)
            (config / "config.fish").write_text(rc + "\n" + _SHOW_FISH)
            env["XDG_CONFIG_HOME"] = str(home / ".config")
            argv = ["-i"]
        else:
            rc_file = home / "test.bashrc"
            rc_file.write_text(rc + "\n" + _SHOW_BASH)
            argv = ["--noprofile", "--rcfile", str(rc_file), "-i"]
        self.child = pexpect.spawn(shell, argv, env=env, cwd=str(cwd or home),
                                   encoding="utf-8", dimensions=(200, 250), timeout=60)
        self.child.expect("% ")

    def tab(self, line: str) -> Tab:
        """Type ``line``, press Tab, and read what became of the line."""
        self.offered_log.write_text("")
        self.child.send(line + "\t")
        self.child.send("\x18\x10")  # Ctrl-X Ctrl-P: print the line between markers
        self.child.expect(r"<<(.*?)>>")
        screen = self.child.before
        edited = self.child.match.group(1)
        self.child.send("\x15\x03")  # Ctrl-U, Ctrl-C: an empty prompt again
        self.child.expect("% ")
        offered = {}
        for record in self.offered_log.read_text().splitlines():
            match, _, description = record.partition("\t")
            offered[match] = description
        return Tab(edited, offered, _plain(screen))

    def close(self) -> None:
        self.child.sendline("exit")
        self.child.expect(pexpect.EOF)
        self.child.close()


_ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\r")


def _plain(text: str) -> str:
    return _ESCAPES.sub("", text)


def static_source_line(sh: ShellHarness) -> str:
    """The static set-up's source line, for a shell's rc file."""
    return f". {shlex.quote(str(rendered_shim(sh.shell, str(sh.home.parent))))}"
