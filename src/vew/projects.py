"""Projects: the ``.project`` file that ties an environment to a working directory."""

from __future__ import annotations

from pathlib import Path


def project_file(env: Path, filename: str) -> Path:
    return env / filename


def read(env: Path, filename: str) -> Path | None:
    """The project directory ``env`` names, or None; the directory itself may be gone."""
    try:
        text = project_file(env, filename).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    line = text.split("\n", 1)[0]
    return Path(line) if line else None


def associate(env: Path, project: Path, filename: str) -> None:
    print(f"Setting project for {env.name} to {project}")
    project_file(env, filename).write_text(f"{project}\n", encoding="utf-8")
