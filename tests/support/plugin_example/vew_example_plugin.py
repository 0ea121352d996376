"""An example vew plugin: a project template and a hook."""

from __future__ import annotations

from pathlib import Path


def readme(name: str, project_dir: Path) -> None:
    """Write a README.md that names the project."""
    (project_dir / "README.md").write_text(f"# {name}\n", encoding="utf-8")
    print(f"wrote {project_dir / 'README.md'}")


def premkproject(name: str) -> None:
    print(f"vew-example-plugin: making project {name}")
