"""Project templates for ``mkproject -t``: what is installed, what each does, and applying one.

A template is an executable file in ``$VIRTUALENVWRAPPER_HOOK_DIR/templates/`` (its description:
the first comment line after the shebang), a plugin's entry point in the group
``vew.project_templates`` (its description: the first line of the object's docstring), or one
of virtualenvwrapper's plugins in its group ``virtualenvwrapper.project.template`` (its
description: the whole docstring, as virtualenvwrapper lists it). A file wins over a plugin of
the same name, so that a user can override a plugin's template locally, and vew's group over
virtualenvwrapper's. All run with the project name and directory as arguments (in a list, for
virtualenvwrapper's) and the project directory as the working directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vew import plugins, wrapper_plugins
from vew.errors import CommandError, report_error
from vew.settings import Settings
from vew.steps import Step

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


@dataclass(frozen=True)
class Template:
    name: str
    # Exactly one of the two: an executable file, or a plugin's entry point.
    path: Path | None = None
    entry: EntryPoint | None = None
    # The entry point is virtualenvwrapper's kind (see vew.wrapper_plugins), not vew's.
    wrapper: bool = False


def directory(settings: Settings) -> Path:
    return settings.hook_dir / "templates"


def _is_executable_file(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def available(settings: Settings) -> dict[str, Template]:
    """Every installed template by name, sorted by name."""
    found: dict[str, Template] = {}
    try:
        files = sorted(os.listdir(directory(settings)))
    except OSError:
        files = []
    for name in files:
        path = directory(settings) / name
        if not name.startswith(".") and _is_executable_file(path):
            found[name] = Template(name, path=path)
    for entry in plugins.entry_points(plugins.TEMPLATE_GROUP, settings.plugin_path):
        found.setdefault(entry.name, Template(entry.name, entry=entry))
    for name, entry in wrapper_plugins.templates(settings.plugin_path).items():
        found.setdefault(name, Template(name, entry=entry, wrapper=True))
    return dict(sorted(found.items()))


def find(settings: Settings, names: Sequence[str]) -> list[Template]:
    """The templates called ``names``, in order; an unknown name is a :class:`CommandError`."""
    known = available(settings)
    chosen = []
    for name in names:
        if name in known:
            chosen.append(known[name])
            continue
        path = directory(settings) / name
        if "/" not in name and path.is_file():
            raise CommandError(f"Project template {path} is not executable")
        raise CommandError(f"Unknown project template '{name}' "
                           "('mkproject -l' lists the installed ones)")
    return chosen


def _file_description(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(4096).decode("utf-8", errors="replace")
    except OSError:
        return ""
    lines = head.splitlines()
    if lines and lines[0].startswith("#!"):
        lines = lines[1:]
    for line in lines:
        text = line.strip()
        if text.startswith("#") and text.lstrip("#").strip():
            return text.lstrip("#").strip()
    return ""


def _entry_description(entry: EntryPoint) -> str:
    try:
        doc = entry.load().__doc__ or ""
    except Exception as error:
        return f"(cannot be loaded: {type(error).__name__}: {error})"
    lines = [line.strip() for line in doc.strip().splitlines()]
    return lines[0] if lines else ""


def describe(template: Template) -> str:
    if template.path is not None:
        return _file_description(template.path)
    assert template.entry is not None
    if template.wrapper:
        return wrapper_plugins.describe(template.entry)
    return _entry_description(template.entry)


def listing(settings: Settings) -> str:
    """``Available project templates:`` and one line per template (name, description), laid
    out as virtualenvwrapper's ``mkproject -h`` lays them out."""
    known = available(settings)
    if not known:
        return "Available project templates:\n\n  No templates installed.\n"
    lines = [f"  {name:<10} -- {describe(template)}" for name, template in known.items()]
    return "Available project templates:\n\n" + "\n".join(lines) + "\n"


def apply(template: Template, name: str, project: Path, settings: Settings,
          environ: Mapping[str, str]) -> tuple[int, list[Step]]:
    """Run one template for project ``name`` in ``project``: 0, or non-zero after a report, and
    the shell code a virtualenvwrapper template returned for the shell to run there."""
    print()
    print(f"Applying template {template.name}")
    if template.wrapper:
        return wrapper_plugins.apply_template(template.name, name, project, settings)
    if template.entry is not None:
        return plugins.call(template.entry, f"template {template.name}", project, name,
                            project), []
    return _run_file(template, name, project, environ), []


def _run_file(template: Template, name: str, project: Path, environ: Mapping[str, str]) -> int:
    assert template.path is not None
    sys.stdout.flush()
    try:
        status = subprocess.call([str(template.path), name, str(project)], cwd=project,
                                 env=dict(environ))
    except OSError as error:
        report_error(f"template {template.path} could not run: {error.strerror}")
        return 1
    if status != 0:
        report_error(f"template {template.path} exited with status {status}")
    return status
