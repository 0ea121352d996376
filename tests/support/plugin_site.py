"""Plugins for tests, put where vew's core finds them: a directory named by ``VEW_PLUGIN_PATH``.

The core runs as ``python -E``, so ``PYTHONPATH`` cannot reach it, and installing into the
shared test environment would leak plugins into every other test. A plugin directory is the
way a user would add plugins without touching vew's own installation, so the tests use it too:
the example package in tests/support/plugin_example is built into a wheel and installed there with
``pip install --target``; small throwaway plugins are written there directly as a module and
its ``.dist-info``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

EXAMPLE = Path(__file__).parent / "plugin_example"


def install_example(directory: Path) -> Path:
    """Build tests/support/plugin_example into a wheel (offline), install it into ``directory``."""
    source = directory / "source"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("__pycache__"))
    dist = directory / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation",
                    "--outdir", str(dist), str(source)],
                   check=True, capture_output=True)
    site = directory / "site"
    (wheel,) = dist.glob("*.whl")
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    return site


def write_plugin(site: Path, name: str, source: str,
                 entry_points: Mapping[str, Mapping[str, str]]) -> None:
    """Module ``name`` with ``source``, and a distribution declaring ``entry_points``
    (group -> entry name -> ``module:attr``), as an installer would leave them."""
    site.mkdir(parents=True, exist_ok=True)
    (site / f"{name}.py").write_text(source)
    dist_info = site / f"{name}-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    sections = [
        f"[{group}]\n" + "".join(f"{entry} = {target}\n" for entry, target in entries.items())
        for group, entries in entry_points.items()
    ]
    (dist_info / "entry_points.txt").write_text("\n".join(sections))
