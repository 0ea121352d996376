"""The distribution: built offline from this checkout, with its licence and one version."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import vew

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_carries_the_version_licence_and_shell_files(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "*_cache", ".hypothesis", "dist", "build"))
    done = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                           "--outdir", str(tmp_path / "dist"), str(source)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    wheel = next((tmp_path / "dist").glob("vew-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        info = f"vew-{vew.__version__}.dist-info"
        metadata = Parser().parsestr(archive.read(f"{info}/METADATA").decode())
        licence = archive.read(f"{info}/licenses/LICENSE").decode()
    assert metadata["Version"] == vew.__version__
    assert metadata["License-Expression"] == "MIT"
    assert licence.startswith("MIT License\n")
    # Every template, in its shell's folder: the installed vew renders the shims from them.
    shipped = {f"vew/shell/{path.relative_to(ROOT / 'shell').as_posix()}"
               for path in (ROOT / "shell").rglob("*") if path.is_file()}
    assert {"vew/shell/bash/core.bash", "vew/shell/posix/helpers.sh"} <= shipped <= names
    # Every Python version the classifiers name is one Requires-Python allows.
    floor = tuple(map(int, metadata["Requires-Python"].removeprefix(">=").split(".")))
    named = [tuple(map(int, c.rsplit(" :: ", 1)[1].split(".")))
             for c in metadata.get_all("Classifier")
             if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)]
    assert named and all(version >= floor for version in named)


def test_the_changelog_names_the_version_being_built() -> None:
    headings = re.findall(r"^## (\S+)", (ROOT / "CHANGELOG.md").read_text(), re.MULTILINE)
    assert headings[0] == vew.__version__
