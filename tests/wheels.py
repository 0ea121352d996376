"""Packages for tests to install, made on the spot: no index, no network, no build backend.

A wheel is a zip archive with a ``.dist-info`` directory; writing one by hand keeps the tests
independent of which build tools the test environment happens to have.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

from virtualenv import cli_run


def _hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def build_wheel(directory: Path, name: str, *, version: str = "1.0",
                modules: dict[str, str] | None = None,
                console_scripts: dict[str, str] | None = None) -> Path:
    """Write ``NAME-VERSION-py3-none-any.whl`` into ``directory`` and return its path.

    ``modules`` maps a top-level module name to its source; ``console_scripts`` maps a
    command name to its entry point (``module:function``).
    """
    directory.mkdir(parents=True, exist_ok=True)
    project = name.replace("-", "_")
    info = f"{project}-{version}.dist-info"
    files = {f"{module}.py": source for module, source in (modules or {}).items()}
    files[f"{info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    files[f"{info}/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: vew-tests\n"
                              "Root-Is-Purelib: true\nTag: py3-none-any\n")
    if console_scripts:
        lines = "".join(f"{command} = {target}\n" for command, target in console_scripts.items())
        files[f"{info}/entry_points.txt"] = f"[console_scripts]\n{lines}"
    record = [f"{path},{_hash(text.encode())},{len(text.encode())}" for path, text in files.items()]
    files[f"{info}/RECORD"] = "\n".join([*record, f"{info}/RECORD,,"]) + "\n"
    wheel = directory / f"{project}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, text in files.items():
            archive.writestr(path, text)
    return wheel


# A console script that tells which environment it runs in.
PREFIX_TOOL = {
    "modules": {"prefix_tool": "import sys\n\ndef main():\n    print('prefix', sys.prefix)\n"},
    "console_scripts": {"prefix-tool": "prefix_tool:main"},
}


def seeded_env(path: Path, environ: dict[str, str], *args: str) -> Path:
    """An environment with pip (and setuptools), made directly with virtualenv."""
    cli_run([*args, str(path)], setup_logging=False, env=environ)
    return path
