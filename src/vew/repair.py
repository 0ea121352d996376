"""``vew repair``: rebuild an environment in place on an interpreter that exists.

What the environment held is read from files (site-packages metadata, ``pyvenv.cfg``, hook
files, ``.project``), never by running its interpreter, which may be gone. The old environment
is moved aside while the new one is built, and moved back if anything fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.parser import HeaderParser
from pathlib import Path
from urllib.parse import unquote, urlparse

from vew import creator, health, hooks, layout, pythons, store
from vew.errors import CommandError, report_error
from vew.installer import for_env
from vew.running import activated_environ
from vew.settings import Settings

# Seeded by the creator itself; reinstalling them would only fight the seeder's versions.
SEEDED = {"pip", "setuptools", "wheel"}
PATH_EXTENSIONS = "_virtualenv_path_extensions.pth"


@dataclass(frozen=True)
class Distribution:
    name: str
    version: str
    editable: Path | None = None

    def requirement(self) -> list[str]:
        if self.editable is not None:
            return ["-e", str(self.editable)]
        return [f"{self.name}=={self.version}"]


@dataclass
class Plan:
    name: str
    env: Path
    python: str
    old_version: str | None
    distributions: list[Distribution]
    creator_args: list[str]
    kept: dict[str, bytes] = field(default_factory=dict)  # relative path -> content
    # uv made it: uv rebuilds it, whatever the creator setting.
    made_by_uv: bool = False
    path_extensions: bytes | None = None


def _editable_location(dist_info: Path) -> Path | None:
    try:
        data = json.loads((dist_info / "direct_url.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not data.get("dir_info", {}).get("editable"):
        return None
    url = urlparse(data.get("url", ""))
    return Path(unquote(url.path)) if url.scheme == "file" else None


def installed(site_packages: Path | None) -> list[Distribution]:
    """Distributions from their ``*.dist-info`` metadata; editable ones keep their source."""
    if site_packages is None:
        return []
    found = {}
    for dist_info in sorted(site_packages.glob("*.dist-info")):
        try:
            headers = HeaderParser().parsestr(
                (dist_info / "METADATA").read_text(encoding="utf-8", errors="replace"))
        except OSError:
            continue
        name, version = headers.get("Name"), headers.get("Version")
        if not name or not version or name.lower() in SEEDED:
            continue
        found[name.lower()] = Distribution(name, version, _editable_location(dist_info))
    for egg_link in sorted(site_packages.glob("*.egg-link")):
        source = egg_link.read_text(encoding="utf-8").splitlines()[0].strip()
        name = egg_link.stem
        if name.lower() not in found:
            found[name.lower()] = Distribution(name, "", Path(source))
    return list(found.values())


def _kept_files(env: Path, project_filename: str) -> dict[str, bytes]:
    bin_dir = layout.bin_dir(env)
    kept = {}
    for hook in hooks.HOOKS:
        for suffix in ("", ".fish", ".ps1"):
            path = bin_dir / f"{hook}{suffix}"
            if path.is_file():
                kept[f"{bin_dir.name}/{path.name}"] = path.read_bytes()
    for name in (project_filename, "README.tmpenv"):
        if (env / name).is_file():
            kept[name] = (env / name).read_bytes()
    return kept


def plan(settings: Settings, name: str, python: str | None,
         environ: Mapping[str, str]) -> Plan:
    env = store.path_of(settings.workon_home, name)
    if not env.is_dir():
        raise CommandError(f"Environment '{name}' does not exist.")
    cfg = layout.read_pyvenv_cfg(env)
    old_version = health.python_version(cfg)
    chosen = _choose_python(python, old_version, cfg.get("implementation", "CPython"), environ)
    args = [f"--python={chosen}"]
    if cfg.get("include-system-site-packages", "false").lower() == "true":
        args.append("--system-site-packages")
    if cfg.get("prompt"):
        args += ["--prompt", cfg["prompt"]]
    site_packages = layout.site_packages(env)
    extensions = site_packages / PATH_EXTENSIONS if site_packages else None
    return Plan(
        name=name,
        env=env,
        python=chosen,
        old_version=old_version,
        distributions=installed(site_packages),
        creator_args=args,
        kept=_kept_files(env, settings.project_filename),
        path_extensions=extensions.read_bytes() if extensions and extensions.is_file() else None,
        made_by_uv="uv" in cfg,
    )


def _choose_python(spec: str | None, old_version: str | None, implementation: str,
                   environ: Mapping[str, str]) -> str:
    if spec:
        found = pythons.find(spec, environ)
        return str(found.path) if found else spec
    if old_version:
        nearest = pythons.closest(old_version, environ, implementation)
        if nearest is not None:
            return str(nearest.path)
    raise CommandError("cannot tell which Python to rebuild on; give one with -p")


def describe(plan: Plan) -> str:
    lines = [f"{plan.name}: rebuild on {plan.python} (was Python {plan.old_version or '?'})"]
    for dist in plan.distributions:
        what = f"editable {dist.editable}" if dist.editable else f"{dist.name}=={dist.version}"
        lines.append(f"    reinstall {what}")
    lines += [f"    keep {path}" for path in sorted(plan.kept)]
    if plan.path_extensions is not None:
        lines.append(f"    keep {PATH_EXTENSIONS}")
    return "\n".join(lines)


def _restore(plan: Plan, env: Path) -> None:
    for relative, content in plan.kept.items():
        target = env / relative
        if target.parent.name in (layout.POSIX_BIN, layout.WINDOWS_BIN):
            target = layout.bin_dir(env) / target.name
        target.write_bytes(content)
        if target.parent == layout.bin_dir(env) and not target.suffix:
            hook = hooks.HOOKS.get(target.name)
            target.chmod(0o644 if hook and hook.sourced else 0o755)
    site_packages = layout.site_packages(env)
    if plan.path_extensions is not None and site_packages is not None:
        (site_packages / PATH_EXTENSIONS).write_bytes(plan.path_extensions)


def _reinstall(plan: Plan, env: Path, settings: Settings,
               environ: Mapping[str, str]) -> list[Distribution]:
    """Install everything; what fails as a whole is retried one by one. Returns the failures."""
    if not plan.distributions:
        return []
    installer = for_env(env, settings, environ)
    child = activated_environ(env, environ)

    def pip(*requirements: str) -> int:
        sys.stdout.flush()
        return subprocess.call(installer.install("--no-deps", *requirements), env=child)

    everything = [word for dist in plan.distributions for word in dist.requirement()]
    if pip(*everything) == 0:
        return []
    return [dist for dist in plan.distributions if pip(*dist.requirement()) != 0]


def execute(plan: Plan, settings: Settings, environ: Mapping[str, str]) -> list[Distribution]:
    """Rebuild; on any failure (Ctrl-C included) put the old environment back and re-raise."""
    backup = plan.env.with_name(f".{plan.name}.vew-repair")
    if backup.exists():
        raise CommandError(f"{backup} exists: an earlier repair did not finish; "
                           "move it back or remove it first")
    plan.env.rename(backup)
    try:
        with store.building(settings.workon_home, plan.name) as env:
            creator.create(settings, plan.creator_args, env, environ,
                           creator=creator.UV if plan.made_by_uv else None)
            _restore(plan, env)
            failures = _reinstall(plan, env, settings, environ)
    except BaseException:
        if not plan.env.exists():
            backup.rename(plan.env)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    return failures


def repair(settings: Settings, names: list[str], *, every: bool, python: str | None,
           dry_run: bool, environ: Mapping[str, str]) -> int:
    """``vew repair``: 0 when every environment was rebuilt with everything it held."""
    if every:
        names = [report.name for report in map(
            lambda n: health.inspect(settings.workon_home, n, settings.project_filename),
            health.candidates(settings.workon_home)) if report.broken]
        if not names:
            print("Nothing to repair.")
            return 0
    if not names:
        raise CommandError("name the environments to repair, or use --all")
    active = environ.get("VIRTUAL_ENV")
    status = 0
    for name in names:
        try:
            if active and Path(active) == store.path_of(settings.workon_home, name):
                raise CommandError(f"'{name}' is active; deactivate it before repairing it")
            current = plan(settings, name, python, environ)
            print(describe(current))
            if dry_run:
                continue
            failures = execute(current, settings, environ)
        except CommandError as error:
            report_error(f"{name}: {error}")
            status = 1
            continue
        if failures:
            listed = ", ".join(" ".join(dist.requirement()) for dist in failures)
            report_error(f"{name} was rebuilt, but these could not be reinstalled: {listed}")
            status = 1
        else:
            print(f"Repaired {name}.")
    return status
