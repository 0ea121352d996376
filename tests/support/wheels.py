"""Build tiny wheels locally, so that tests install real packages without any network."""

from __future__ import annotations

import base64
import hashlib
import zipfile
from collections.abc import Mapping
from pathlib import Path


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(directory: Path, name: str, version: str = "1.0", *,
                modules: Mapping[str, str] | None = None,
                console_scripts: Mapping[str, str] | None = None,
                entry_points: Mapping[str, Mapping[str, str]] | None = None) -> Path:
    """Write ``name-version-py3-none-any.whl`` holding ``modules`` (file name -> source), and
    declaring ``entry_points`` (group -> entry name -> ``module:attr``) besides the console
    scripts."""
    dist_info = f"{name}-{version}.dist-info"
    files: dict[str, bytes] = {
        path: source.encode() for path, source in (modules or {f"{name}.py": ""}).items()
    }
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: vew-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    groups = {**({"console_scripts": console_scripts} if console_scripts else {}),
              **(entry_points or {})}
    if groups:
        files[f"{dist_info}/entry_points.txt"] = "\n".join(
            f"[{group}]\n" + "".join(f"{key} = {target}\n" for key, target in entries.items())
            for group, entries in groups.items()).encode()
    record = [_record_line(path, data) for path, data in files.items()]
    record.append(f"{dist_info}/RECORD,,")
    files[f"{dist_info}/RECORD"] = ("\n".join(record) + "\n").encode()
    directory.mkdir(parents=True, exist_ok=True)
    wheel = directory / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in files.items():
            archive.writestr(path, data)
    return wheel


# A console script that tells which environment it runs in.
PREFIX_TOOL: dict[str, dict[str, str]] = {
    "modules": {"prefix_tool.py": "import sys\n\ndef main():\n    print('prefix', sys.prefix)\n"},
    "console_scripts": {"prefix-tool": "prefix_tool:main"},
}


def seeded_env(path: Path, environ: Mapping[str, str], *args: str) -> Path:
    """An environment with pip (and setuptools), made directly with virtualenv."""
    from virtualenv import cli_run

    cli_run([*args, str(path)], setup_logging=False, env=dict(environ))
    return path
