"""Drive real shells through vew's shim and read back what a user would see.

A :class:`Script` is a list of commands written once, shell-neutrally; each shell's
:class:`Language` turns it into that shell's code, with this module's own quoting (not vew's),
and separates every command's stdout, stderr and exit status with marker bytes.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from vew import integration, shells

MARK = "\x1e"
UNSET = "<unset>"


def fish_quote(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


@dataclass(frozen=True)
class Language:
    name: str
    argv: tuple[str, ...]
    suffix: str

    def quote(self, value: str) -> str:
        if self.name == "fish":
            return fish_quote(value)
        if value.startswith("="):
            # shlex leaves it bare, and zsh would read =WORD as the path of command WORD.
            return "'" + value.replace("'", "'\"'\"'") + "'"
        return shlex.quote(value)

    def command(self, argv: Sequence[str]) -> str:
        return " ".join(self.quote(a) if i else a for i, a in enumerate(argv))

    def marked(self, code: str, index: int) -> str:
        status = "$status" if self.name == "fish" else "$?"
        var = "__vew_test_status"
        if self.name == "fish":
            keep = f"set {var} {status}"
            show = f"${var}"
        else:
            keep = f"{var}={status}"
            show = f'"${var}"'
        return (f"{code}\n{keep}\n"
                f"printf '{MARK}%s:%s{MARK}' {index} {show}\n"
                f"printf '{MARK}%s{MARK}' {index} >&2\n")

    def show_var(self, name: str) -> str:
        if self.name == "fish":
            return f"if set -q {name}; printf '%s' \"${name}\"; else; printf '{UNSET}'; end"
        return f"printf '%s' \"${{{name}-{UNSET}}}\""

    def show_global(self, name: str) -> str:
        """A variable of the shell session (in PowerShell, not the environment's)."""
        return self.show_var(name)

    def export(self, name: str, value: str) -> str:
        if self.name == "fish":
            return f"set -gx {name} {self.quote(value)}"
        return f"export {name}={self.quote(value)}"

    def unset(self, name: str) -> str:
        return f"set -e {name}" if self.name == "fish" else f"unset {name}"

    def show_function(self, name: str) -> str:
        if self.name == "fish":
            return f"functions -q {name}; and printf yes; or printf no"
        if self.name == "zsh":
            return f"(( $+functions[{name}] )) && printf yes || printf no"
        return f"declare -F {name} >/dev/null && printf yes || printf no"

    def pwd(self) -> str:
        return "printf '%s' \"$PWD\""

    def source(self, path: str) -> str:
        return f"source {self.quote(path)}"

    def cd(self, path: str) -> str:
        return f"cd {self.quote(path)}"

    def init(self, vew: Sequence[str], shell: str, static: bool) -> str:
        """The line a user's rc file holds to load vew through ``vew init``."""
        init = " ".join([*(self.quote(word) for word in vew), "init", shell,
                         *(["--static"] if static else [])])
        return f"{init} | source" if self.name == "fish" else f'eval "$({init})"'

    def header(self) -> str:
        """The first lines of every script."""
        return ""

    def launch(self) -> list[str]:
        """The command line that starts this shell, its program by absolute path (so that a
        test may give the shell any PATH)."""
        return [shutil.which(self.argv[0]) or self.argv[0], *self.argv[1:]]

    def script_argv(self, path: Path) -> list[str]:
        """The command line that runs the script file ``path``."""
        return [*self.launch(), str(path)]

    def inline_argv(self, code: str) -> list[str]:
        """The command line that runs ``code``."""
        return [*self.launch(), "-c", code]


# PowerShell's tokenizer takes each of these for a single quote (the harness's own list).
PWSH_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


@dataclass(frozen=True)
class PowerShellLanguage(Language):
    """PowerShell 7: verbatim strings; a command's status is $LASTEXITCODE, or 1 when $? says
    it failed; each command runs in a try block, as a line typed at the prompt is cut short by
    a terminating error without ending the session."""

    def quote(self, value: str) -> str:
        for quote in PWSH_SINGLE_QUOTES:
            value = value.replace(quote, quote * 2)
        return f"'{value}'"

    def _write(self, expression: str) -> str:
        return f"[Console]::Out.Write({expression})"

    def marked(self, code: str, index: int) -> str:
        return (f"$global:LASTEXITCODE = 0\n"
                f"try {{\n{code}\n$__vew_test_ok = $?\n}} catch {{\n"
                f"[Console]::Error.WriteLine('uncaught: ' + $_.Exception.Message)\n"
                f"$__vew_test_ok = $false\n}}\n"
                f"$__vew_test_status = if ($global:LASTEXITCODE) {{ $global:LASTEXITCODE }} "
                f"elseif ($__vew_test_ok) {{ 0 }} else {{ 1 }}\n"
                f'[Console]::Out.Write("`u{{1e}}{index}:$__vew_test_status`u{{1e}}")\n'
                f'[Console]::Error.Write("`u{{1e}}{index}`u{{1e}}")\n')

    # .NET rather than cmdlets, which a test may have replaced with functions of their names.
    def show_var(self, name: str) -> str:
        value = f"[Environment]::GetEnvironmentVariable({self.quote(name)})"
        return (f"if ($null -ne {value}) {{ {self._write(value)} }} "
                f"else {{ {self._write(self.quote(UNSET))} }}")

    def show_global(self, name: str) -> str:
        found = (f"(Microsoft.PowerShell.Utility\\Get-Variable -Name {self.quote(name)} "
                 "-Scope Global -ErrorAction Ignore)")
        return (f"if ($null -ne {found}) {{ {self._write(found + '.Value')} }} "
                f"else {{ {self._write(self.quote(UNSET))} }}")

    def export(self, name: str, value: str) -> str:
        return f"$env:{name} = {self.quote(value)}"

    def unset(self, name: str) -> str:
        return f"[Environment]::SetEnvironmentVariable({self.quote(name)}, $null)"

    def show_function(self, name: str) -> str:
        yes, no = self._write("'yes'"), self._write("'no'")
        return (f"if (Microsoft.PowerShell.Core\\Get-Command -Name {self.quote(name)} "
                f"-CommandType Function "
                f"-ErrorAction Ignore) {{ {yes} }} else {{ {no} }}")

    def pwd(self) -> str:
        return self._write("$ExecutionContext.SessionState.Path.CurrentLocation.ProviderPath")

    def source(self, path: str) -> str:
        return f". {self.quote(path)}"

    def cd(self, path: str) -> str:
        # cd is Set-Location -Path, which reads wildcards in the path.
        return f"Set-Location -LiteralPath {self.quote(path)}"

    def init(self, vew: Sequence[str], shell: str, static: bool) -> str:
        # As the README has users write it in $PROFILE.
        words = [*vew, "init", shell, *(["--static"] if static else [])]
        return f"Invoke-Expression (& {' '.join(map(self.quote, words))} | Out-String)"

    def header(self) -> str:
        # Error records without colour codes, as a terminal that takes none shows them.
        return "$PSStyle.OutputRendering = 'PlainText'"

    def launch(self) -> list[str]:
        return [*pwsh_program(), *self.argv[1:]]

    def script_argv(self, path: Path) -> list[str]:
        return [*self.launch(), "-File", str(path)]

    def inline_argv(self, code: str) -> list[str]:
        return [*self.launch(), "-Command", code]


@cache
def pwsh_program() -> tuple[str, ...]:
    """What really runs PowerShell. Installed as a .NET tool, `pwsh` is a launcher that starts
    `dotnet pwsh.dll` found on PATH, and so fails under a PATH without dotnet: the harness
    starts `dotnet pwsh.dll` itself, by absolute paths."""
    found = shutil.which("pwsh")
    if found is None:
        return ("pwsh",)
    done = subprocess.run([found, "-NoLogo", "-NoProfile", "-NonInteractive", "-Command",
                           "[Environment]::ProcessPath; "
                           "[Reflection.Assembly]::GetEntryAssembly().Location"],
                          capture_output=True, text=True, check=True)
    host, assembly = done.stdout.splitlines()[:2]
    if Path(host).name.startswith("dotnet"):
        return (host, assembly)
    return (host,)


LANGUAGES = {
    "bash": Language("bash", ("bash", "--norc", "--noprofile"), ".bash"),
    "zsh": Language("zsh", ("zsh", "-f"), ".zsh"),
    "fish": Language("fish", ("fish", "--no-config"), ".fish"),
    "pwsh": PowerShellLanguage("pwsh", ("pwsh", "-NoLogo", "-NoProfile", "-NonInteractive"),
                               ".ps1"),
}


@dataclass
class Outcome:
    stdout: str
    stderr: str
    status: int


@dataclass
class Run:
    """What one script run printed, split per command."""

    results: list[Outcome]
    stdout: str
    stderr: str
    status: int

    def __getitem__(self, index: int) -> Outcome:
        return self.results[index]

    def __len__(self) -> int:
        return len(self.results)


@cache
def rendered_shim(shell: str, directory: str) -> Path:
    dialect = shells.get(shell)
    path = Path(directory) / f"vew-shim{LANGUAGES[shell].suffix}"
    path.write_text(integration.shim(dialect, str(path)), encoding="utf-8")
    path.chmod(0o644)  # readable by a test's other user too
    return path


@dataclass
class Script:
    language: Language
    lines: list[str] = field(default_factory=list)
    count: int = 0

    def _add(self, code: str) -> int:
        self.lines.append(self.language.marked(code, self.count))
        self.count += 1
        return self.count - 1

    def call(self, *argv: str) -> int:
        """Run a command; its output and status come back at the returned index."""
        return self._add(self.language.command(argv))

    def var(self, name: str) -> int:
        return self._add(self.language.show_var(name))

    def global_var(self, name: str) -> int:
        """A variable of the shell session, which PowerShell keeps apart from the environment."""
        return self._add(self.language.show_global(name))

    def pwd(self) -> int:
        return self._add(self.language.pwd())

    def function_exists(self, name: str) -> int:
        return self._add(self.language.show_function(name))

    def export(self, name: str, value: str) -> int:
        """Set and export a variable in the shell running the script."""
        return self._add(self.language.export(name, value))

    def raw(self, code: str) -> int:
        """Code in this script's shell, written by the test for that shell."""
        return self._add(code)


_MARKED_OUT = re.compile(re.escape(MARK) + r"(\d+):(\d+)" + re.escape(MARK))
_MARKED_ERR = re.compile(re.escape(MARK) + r"(\d+)" + re.escape(MARK))


def _split(text: str, pattern: re.Pattern[str]) -> tuple[list[str], list[re.Match[str]]]:
    parts, matches, start = [], [], 0
    for match in pattern.finditer(text):
        parts.append(text[start:match.start()])
        matches.append(match)
        start = match.end()
    return parts, matches


@dataclass
class ShellHarness:
    """One shell, one home directory and one environment for every script run in a test."""

    shell: str
    home: Path
    environ: dict[str, str]
    # "static": a shim rendered in-process (no configuration file); "eval":
    # `eval "$(vew init SHELL)"` as users write it; "init-static": `vew init SHELL --static`
    # run in the shell, then the line it prints.
    setup: str = "static"

    @property
    def language(self) -> Language:
        return LANGUAGES[self.shell]

    @property
    def workon_home(self) -> Path:
        return Path(self.environ["WORKON_HOME"])

    def script(self) -> Script:
        return Script(self.language)

    def _loader(self) -> str:
        if self.setup in ("eval", "init-static"):
            return self.language.init(integration.core_command(), self.shell,
                                      self.setup == "init-static")
        shim = rendered_shim(self.shell, str(self.home.parent))
        return self.language.source(str(shim))

    def run(self, script: Script, *, prelude: str = "", timeout: float = 120,
            cwd: Path | None = None, extra_env: Mapping[str, str] | None = None,
            as_user: Sequence[str] = ()) -> Run:
        """Run ``script``; ``as_user`` is a command that runs the shell as another user
        (``setpriv --reuid=...``). Names that are not UTF-8 go in and come out as bytes
        (surrogate escapes)."""
        body = "\n".join([self.language.header(), prelude, self._loader(), *script.lines])
        path = self.home / f"script{self.language.suffix}"
        path.write_text(body + "\n", encoding="utf-8", errors="surrogateescape")
        environ = dict(self.environ, **(extra_env or {}))
        done = subprocess.run([*as_user, *self.language.script_argv(path)],
                              capture_output=True, text=True, errors="surrogateescape",
                              env=environ, cwd=cwd or self.home, timeout=timeout, check=False)
        out_parts, out_marks = _split(done.stdout, _MARKED_OUT)
        err_parts, _ = _split(done.stderr, _MARKED_ERR)
        results = [
            Outcome(out_parts[i], err_parts[i] if i < len(err_parts) else "",
                    int(out_marks[i][2]))
            for i in range(len(out_marks))
        ]
        return Run(results, done.stdout, done.stderr, done.returncode)

    def __call__(self, *argv: str, **kwargs: object) -> Outcome:
        """Run a single command and return what it printed."""
        script = self.script()
        script.call(*argv)
        run = self.run(script, **kwargs)  # type: ignore[arg-type]
        assert len(run) == 1, (run.stdout, run.stderr)
        return run[0]


def require(shell: str) -> str:
    """The shell's path; in CI a missing shell is a failure, never a skip."""
    found = shutil.which(LANGUAGES[shell].argv[0])
    if found is None:
        import pytest

        pytest.fail(f"{shell} is not installed; .ci/run installs it")
    return found


# --- hooks for tests -------------------------------------------------------------------------
# A sourced hook is written in each shell's language (NAME for bash/zsh, NAME.fish, NAME.ps1);
# a run hook is one program for every shell.


def log_hook(directory: Path, name: str, log: Path, *, sourced: bool, label: str = "",
             variable: str = "") -> None:
    """A hook that appends "LABEL ARGS..." (LABEL defaults to NAME) to ``log`` when it fires.

    With ``variable``, the line ends with "VARIABLE=value" (empty when unset) as the hook saw it.
    """
    directory.mkdir(parents=True, exist_ok=True)
    label = label or name
    shown = f' "{variable}=${variable}"' if variable else ""
    if not sourced:
        path = directory / name
        path.write_text(f'#!/bin/sh\necho {shlex.quote(label)} "$@"{shown} '
                        f'>> {shlex.quote(str(log))}\n')
        path.chmod(0o755)
        return
    (directory / name).write_text(f"echo {shlex.quote(label)}{shown} >> {shlex.quote(str(log))}\n")
    (directory / f"{name}.fish").write_text(
        f"echo {fish_quote(label)}{shown} >> {fish_quote(str(log))}\n")
    ps_label, ps_log = (v.replace("'", "''") for v in (label, str(log)))
    ps_value = f"('{ps_label} {variable}=' + $env:{variable})" if variable else f"'{ps_label}'"
    (directory / f"{name}.ps1").write_text(
        f"Add-Content -LiteralPath '{ps_log}' -Value {ps_value}\n")


def export_hook(directory: Path, name: str, variable: str, value: str) -> None:
    """A sourced hook that exports ``variable=value`` into the user's shell."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_text(f"export {variable}={shlex.quote(value)}\n")
    (directory / f"{name}.fish").write_text(f"set -gx {variable} {fish_quote(value)}\n")
    ps_value = value.replace("'", "''")
    (directory / f"{name}.ps1").write_text(f"$env:{variable} = '{ps_value}'\n")


def details_hook(directory: Path, label: str) -> None:
    """A get_env_details hook printing its label, argument, and the environment it runs in."""
    hook = directory / "get_env_details"
    hook.write_text(f'#!/bin/sh\necho "{label} $1 $VIRTUAL_ENV $(command -v python)"\n')
    hook.chmod(0o755)


def read_log(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []
