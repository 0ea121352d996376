"""How the benchmark starts each shell: interactively with an rc file, or on a timing script."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent / "scripts"


@dataclass(frozen=True)
class Shell:
    name: str
    family: str  # which bench/scripts files it reads: "sh" (bash, zsh) or "fish"
    # fish has no clock variable: its timing script times batches and needs a calibration.
    precise_clock: bool

    @property
    def available(self) -> bool:
        return shutil.which(self.name) is not None

    def script_argv(self, script: Path, *args: str) -> list[str]:
        """Run ``script`` with no user configuration at all."""
        flags = {"bash": ["--norc", "--noprofile"], "zsh": ["-f"], "fish": ["--no-config"]}
        return [self.name, *flags[self.name], str(script), *args]

    def interactive(self, rc_text: str, directory: Path) -> tuple[list[str], dict[str, str]]:
        """An interactive start that runs ``rc_text`` as the user's rc file, then exits.

        Returns the argv and the variables that point the shell at that rc file.
        """
        directory.mkdir(parents=True, exist_ok=True)
        if self.name == "bash":
            rc = directory / ".bashrc"
            rc.write_text(rc_text)
            return ["bash", "--rcfile", str(rc), "-i", "-c", "exit"], {}
        if self.name == "zsh":
            (directory / ".zshrc").write_text(rc_text)
            return ["zsh", "-i", "-c", "exit"], {"ZDOTDIR": str(directory)}
        config = directory / "fish"
        config.mkdir(exist_ok=True)
        (config / "config.fish").write_text(rc_text)
        return ["fish", "-i", "-c", "exit"], {"XDG_CONFIG_HOME": str(directory)}

    def timing_script(self) -> Path:
        return SCRIPTS / f"timing.{self.family}"

    def body(self, figure: str, tool: str) -> Path | None:
        """The file defining ``bench_step`` for ``figure``, most specific first."""
        for stem in (f"{figure}-{tool}", figure):
            for suffix in (self.name, self.family):
                path = SCRIPTS / f"{stem}.{suffix}"
                if path.is_file():
                    return path
        return None


SHELLS = {
    "bash": Shell("bash", "sh", True),
    "zsh": Shell("zsh", "sh", True),
    "fish": Shell("fish", "fish", False),
}
