"""Where vew's own files live: its configuration, data and cache directories, as platformdirs
names them.

On Linux and the other systems that follow the XDG base directory rules, the answer is worked
out here as platformdirs works it out, because importing platformdirs costs a core call more
than the rest of its start; elsewhere platformdirs answers.
"""

from __future__ import annotations

import os
import sys

APP = "vew"

# The file VIRTUALENVWRAPPER_SCRIPT names, in vew's data directory: under virtualenvwrapper's
# name, so that a `source .../virtualenvwrapper.sh` line can point at it too.
LOADER_NAME = "virtualenvwrapper.sh"


def _xdg() -> bool:
    return sys.platform not in ("win32", "darwin", "ios") and not hasattr(sys, "getandroidapilevel")


def _xdg_dir(variable: str, default: str) -> str:
    """``$variable/vew`` when it holds an absolute path, else ``~/default/vew``."""
    value = os.environ.get(variable, "")
    if value.startswith("/"):
        return os.path.join(value, APP)
    home = os.environ.get("HOME")
    if home is not None and not home.startswith("/"):
        # A relative HOME counts as none: the account's home directory instead.
        import pwd

        home = pwd.getpwuid(os.getuid()).pw_dir
        base = home.rstrip("/") + "/" + default
    else:
        base = os.path.expanduser("~/" + default)
    if not base.startswith("/"):
        raise RuntimeError(f"could not determine the home directory for '~/{default}', set an "
                           "absolute HOME or XDG variable")
    return os.path.join(base, APP)


def config_dir() -> str:
    if _xdg():
        return _xdg_dir("XDG_CONFIG_HOME", ".config")
    import platformdirs

    return platformdirs.user_config_dir(APP)


def data_dir() -> str:
    if _xdg():
        return _xdg_dir("XDG_DATA_HOME", ".local/share")
    import platformdirs

    return platformdirs.user_data_dir(APP)


def loader_file() -> str:
    """The file ``VIRTUALENVWRAPPER_SCRIPT`` names (see :func:`vew.integration.ensure_loader`)."""
    return os.path.join(data_dir(), LOADER_NAME)


def cache_dir() -> str:
    if _xdg():
        return _xdg_dir("XDG_CACHE_HOME", ".cache")
    import platformdirs

    return platformdirs.user_cache_dir(APP)
