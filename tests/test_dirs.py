"""vew.dirs names the directories platformdirs names, without importing it where it can."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from vew import dirs

ENVIRONMENTS = [
    {},
    {"XDG_CONFIG_HOME": "/cfg", "XDG_CACHE_HOME": "/cache", "XDG_DATA_HOME": "/data"},
    {"XDG_CONFIG_HOME": "relative", "XDG_CACHE_HOME": "also/relative",
     "XDG_DATA_HOME": "data/too"},
    {"XDG_CONFIG_HOME": "", "XDG_CACHE_HOME": "  ", "XDG_DATA_HOME": ""},
    {"HOME": "/home/other/"},
    {"HOME": "relative-home"},
    {"HOME": "/"},
    {"XDG_CONFIG_HOME": "/with space/ü", "HOME": "/h"},
]


@pytest.mark.parametrize("variables", ENVIRONMENTS, ids=str)
def test_the_same_directories_as_platformdirs(variables: dict[str, str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert dirs.config_dir() == platformdirs.user_config_dir("vew")
    assert dirs.cache_dir() == platformdirs.user_cache_dir("vew")
    assert dirs.data_dir() == platformdirs.user_data_dir("vew")


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="the XDG rules")
def test_no_platformdirs_on_xdg_systems() -> None:
    import subprocess

    done = subprocess.run([sys.executable, "-c", "import sys; from vew import dirs; "
                           "dirs.config_dir(); dirs.cache_dir(); dirs.data_dir(); "
                           "print('platformdirs' in sys.modules)"],
                          capture_output=True, text=True, check=True)
    assert done.stdout == "False\n"
