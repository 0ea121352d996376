"""``vew config``: every setting, its value, and where that value came from."""

from __future__ import annotations

import shlex

from vew import settings
from vew.settings import KEYS, Settings

# The settings the shim exports when it loads (_vew_load, shell/*/load.*), from the environment,
# else from the file as `vew init` rendered it: a stale rendering shows up as the environment
# winning.
EXPORTED_AT_LOAD = ("workon_home", "hook_dir", "project_filename", "workon_cd")


def origin_text(current: Settings, name: str) -> str:
    """"environment", "default", or the configuration file's path."""
    origin = current.origins.get(name, settings.DEFAULT)
    if origin == settings.FILE:
        return str(current.config_file)
    return origin


def _assignment(variable: str, text: str) -> str:
    # Written as the shell would take it back; an unset setting is an empty variable.
    return f"{variable}={shlex.quote(text) if text else ''}"


def report(current: Settings) -> list[str]:
    """One line per setting, ``ORIGIN  VARIABLE=VALUE``, then notes on overridden file values."""
    rows = [(origin_text(current, key.name),
             _assignment(key.variable, settings.as_text(getattr(current, key.name))))
            for key in KEYS]
    width = max(len(origin) for origin, _ in rows)
    lines = [f"{origin:<{width}}  {assignment}" for origin, assignment in rows]
    overridden = [key for key in KEYS if key.name in current.from_file
                  and current.origins.get(key.name) == settings.ENVIRONMENT]
    for key in overridden:
        value = settings.as_text(current.from_file[key.name])
        lines.append(f"note: {key.variable} in the environment overrides {key.name} "
                     f"({value}) in {current.config_file}")
    if any(key.name in EXPORTED_AT_LOAD for key in overridden):
        lines.append("note: the shell exports these when vew loads; after editing the file, "
                     "start a new shell (eval set-up) or run `vew init SHELL --static` again "
                     "(static set-up)")
    return lines
