"""`vew init SHELL` prints the shim it rendered last time while nothing it depends on changed.

What it depends on: vew's version and files, the interpreter, the configuration file, the
variables the settings and that file name, the installed plugins and the loader file. Each test
changes one of them and checks what a shell would then be given; the cache file itself must
never hold anything a stranger could have written, nor be seen half-written.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import wrapper_plugin_wheels as wheels
from vew import shells, shimcache

VEW = [sys.executable, "-m", "vew"]


def init(shell: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*VEW, "init", shell], capture_output=True, text=True, env=environ,
                          check=False)


def cache_file(environ: dict[str, str], shell: str = "bash") -> Path:
    return Path(environ["XDG_CACHE_HOME"]) / "vew" / f"init-{shell}"


def config_file(environ: dict[str, str]) -> Path:
    path = Path(environ["XDG_CONFIG_HOME"]) / "vew" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def uncached(shell: str, environ: dict[str, str]) -> str:
    """What the command line renders (`vew init BASH` is no shell name the cache serves)."""
    done = init(shell.upper(), environ)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_the_second_init_prints_the_first_ones_shim(shell: str, environ: dict[str, str]) -> None:
    first = init(shell, environ)
    assert first.returncode == 0, first.stderr
    assert cache_file(environ, shell).is_file()
    second = init(shell, environ)
    assert second.returncode == 0, second.stderr
    assert second.stdout == first.stdout == uncached(shell, environ)


def test_a_changed_configuration_file_is_rendered_anew(environ: dict[str, str]) -> None:
    config = config_file(environ)
    config.write_text('project_filename = ".one"\n', encoding="utf-8")
    assert ".one" in init("bash", environ).stdout
    # Same size, same second: only the content differs.
    config.write_text('project_filename = ".two"\n', encoding="utf-8")
    shim = init("bash", environ).stdout
    assert ".two" in shim and ".one" not in shim
    assert shim == uncached("bash", environ)
    config.unlink()
    assert ".two" not in init("bash", environ).stdout


def test_a_variable_the_file_names_is_part_of_the_key(environ: dict[str, str]) -> None:
    config_file(environ).write_text('workon_home = "${BASE}/envs"\n', encoding="utf-8")
    assert "/first/envs" in init("bash", {**environ, "BASE": "/first"}).stdout
    shim = init("bash", {**environ, "BASE": "/second"}).stdout
    assert "/second/envs" in shim and "/first/envs" not in shim


def test_home_is_part_of_the_key(environ: dict[str, str], tmp_path: Path) -> None:
    config_file(environ).write_text('workon_home = "~/envs"\n', encoding="utf-8")
    other = tmp_path / "other-home"
    other.mkdir()
    assert f"{environ['HOME']}/envs" in init("bash", environ).stdout
    shim = init("bash", {**environ, "HOME": str(other)}).stdout
    assert f"{other}/envs" in shim


def test_a_malformed_file_is_said_at_every_init_even_after_a_good_one_was_cached(
        environ: dict[str, str]) -> None:
    """The shell keeps its commands, with vew's defaults, and each `vew init` names the error
    until the file is fixed: a shim rendered without the file is never kept."""
    config = config_file(environ)
    config.write_text("workon_cd = false\n", encoding="utf-8")
    assert init("bash", environ).returncode == 0
    config.write_text("workon_cd = maybe\n", encoding="utf-8")
    for _ in range(2):
        done = init("bash", environ)
        assert done.returncode == 0
        assert done.stderr.startswith(f"ERROR: configuration file {config}, line 1")
        assert done.stderr.endswith("(vew's defaults apply until it is fixed)\n")
        assert "workon()" in done.stdout
        assert done.stdout == uncached("bash", environ)


def test_a_file_for_another_key_is_never_printed(environ: dict[str, str]) -> None:
    """A cache file that names another key (say, an older vew) is rendered over."""
    path = cache_file(environ)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"0 HOME\n('another key',)\necho stale shim\n")
    path.chmod(0o600)
    done = init("bash", environ)
    assert done.returncode == 0, done.stderr
    assert "stale shim" not in done.stdout
    assert done.stdout == uncached("bash", environ)
    assert b"stale shim" not in path.read_bytes()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file modes are POSIX")
def test_a_file_others_could_write_is_never_printed(environ: dict[str, str]) -> None:
    """The shim runs at shell start: a cache file writable by group or others is not trusted,
    even with the right key."""
    good = init("bash", environ).stdout
    path = cache_file(environ)
    planted = path.read_bytes().replace(b"workon()", b"echo planted; workon()", 1)
    path.write_bytes(planted)
    path.chmod(0o666)
    done = init("bash", environ)
    assert "planted" not in done.stdout
    assert done.stdout == good
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_package_files_are_part_of_the_key(environ: dict[str, str], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """An edited file of the package (a source checkout) makes a new key, not a stale shim."""
    template = tmp_path / "core.sh"
    template.write_text("one\n")
    monkeypatch.setattr(shimcache, "_package_files", lambda: [str(template)])
    before = shimcache._key("/config.toml", None, ["HOME"])
    template.write_text("two, longer\n")
    assert shimcache._key("/config.toml", None, ["HOME"]) != before


def test_an_edit_to_a_template_in_a_shell_folder_makes_a_new_key(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The templates are one folder per shell: editing a file there changes no modification
    time of shell/ itself, yet must not leave the old shim in the cache."""
    package = tmp_path / "vew"
    template = package / "shell" / "bash" / "core.bash"
    template.parent.mkdir(parents=True)
    template.write_text("one\n")
    monkeypatch.setattr(shimcache, "__file__", str(package / "shimcache.py"))
    assert str(template) in shimcache._package_files()
    before = shimcache._key("/config.toml", None, ["HOME"])
    folder_time = template.parent.parent.stat().st_mtime_ns
    template.write_text("two, longer\n")
    assert template.parent.parent.stat().st_mtime_ns == folder_time
    assert shimcache._key("/config.toml", None, ["HOME"]) != before


def test_the_interpreter_and_version_are_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = shimcache._key("/config.toml", None, ["HOME"])
    monkeypatch.setattr(shimcache.sys, "executable", "/elsewhere/python")
    moved = shimcache._key("/config.toml", None, ["HOME"])
    monkeypatch.setattr(shimcache, "__version__", "99.0")
    assert len({before, moved, shimcache._key("/config.toml", None, ["HOME"])}) == 3


def test_the_cache_covers_every_template_and_module() -> None:
    files = shimcache._package_files()
    templates = shells.template_dir()
    for shell in shells.NAMES:
        dialect = shells.get(shell)
        for name in (*dialect.templates, dialect.helpers or dialect.templates[0]):
            assert str(templates / name) in files
    assert str(templates / "posix" / "loader.sh") in files
    package = Path(shimcache.__file__).resolve().parent
    for module in ("steps.py", "shells/bash.py", "commands/mkvirtualenv.py", "catalogue.py",
                   "vew_command.json"):
        assert str(package / module) in files


def test_concurrent_inits_agree_and_leave_one_whole_file(environ: dict[str, str]) -> None:
    """Shells starting at once: every one gets the whole shim; no temporary file stays."""
    processes = [subprocess.Popen([*VEW, "init", "zsh"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=environ)
                 for _ in range(6)]
    outputs = [process.communicate() for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    assert len({out for out, _ in outputs}) == 1
    directory = cache_file(environ, "zsh").parent
    assert sorted(entry.name for entry in directory.iterdir()) == ["init-zsh"]
    assert init("zsh", environ).stdout == outputs[0][0]


def test_an_unwritable_cache_still_prints_the_shim(environ: dict[str, str],
                                                   tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("")
    environ = {**environ, "XDG_CACHE_HOME": str(blocked)}
    done = init("bash", environ)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == uncached("bash", environ)


def test_a_cached_init_still_refreshes_the_project_index(
        environ: dict[str, str], workon_home: Path, make_env, tmp_path: Path) -> None:
    """With auto-activation on, every `vew init` rewrites the index the shims read."""
    env = make_env("proj")
    project = tmp_path / "project"
    project.mkdir()
    (env / ".project").write_text(f"{project}\n")
    environ = {**environ, "VEW_AUTO_ACTIVATE": "1"}
    index = workon_home / ".vew-projects"
    assert init("bash", environ).returncode == 0
    index.unlink()
    assert init("bash", environ).returncode == 0
    assert index.read_text() == f"{project}\tproj\n"


def test_the_cached_shim_is_the_one_the_core_renders(environ: dict[str, str]) -> None:
    """The key's parts are all the rendering reads: the eval set-up's shim, as rendered, with
    the loader file it names."""
    init("fish", environ)
    cached = init("fish", environ).stdout
    loader = Path(environ["XDG_DATA_HOME"]) / "vew" / "virtualenvwrapper.sh"
    assert cached == uncached("fish", environ)
    assert str(loader) in cached and loader.is_file()


def test_a_removed_loader_file_is_written_again(environ: dict[str, str]) -> None:
    """VIRTUALENVWRAPPER_SCRIPT names a file `vew init` keeps: gone, the cache is no answer."""
    first = init("bash", environ).stdout
    loader = Path(environ["XDG_DATA_HOME"]) / "vew" / "virtualenvwrapper.sh"
    text = loader.read_text(encoding="utf-8")
    loader.unlink()
    assert init("bash", environ).stdout == first
    assert loader.read_text(encoding="utf-8") == text


def test_a_plugin_installed_after_the_cache_was_filled_is_in_the_next_shim(
        environ: dict[str, str], tmp_path: Path) -> None:
    """Installing a distribution changes the directory it goes into, which is in the key: the
    plugin's hook points are rendered into the shell's workon at once."""
    plugins = tmp_path / "plugins"
    site = wheels.install_plugins([], plugins)
    environ = {**environ, "VEW_PLUGIN_PATH": str(site)}
    before = init("bash", environ).stdout
    assert "plugin-hook" not in before
    wheels.install([wheels.build(wheels.ENV_VARS, plugins / "dist")], site)
    after = init("bash", environ).stdout
    assert "plugin-hook" in after
    assert after == uncached("bash", environ)


def test_an_unreadable_configuration_file_is_an_error_not_a_cache_hit(
        environ: dict[str, str]) -> None:
    """A file that is there but cannot be read (here a directory: root reads any file) is not
    "no file", whose shim the cache holds."""
    assert init("bash", environ).returncode == 0  # cached without a file
    config_file(environ).mkdir()
    done = init("bash", environ)
    assert "cannot be read" in done.stderr
    assert "(vew's defaults apply until it is fixed)" in done.stderr
    assert done.returncode == 0
    assert done.stdout == uncached("bash", environ)
