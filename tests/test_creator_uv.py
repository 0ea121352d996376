"""uv as vew's creator and installer, driven for real and offline.

uv runs with ``UV_OFFLINE`` (it never reaches the network), a cache of its own, and local
wheels only: the pip and setuptools wheels virtualenv embeds for seeding, a stand-in ``wheel``
built here (uv also seeds ``wheel`` below Python 3.12 and virtualenv no longer embeds one), and
small packages built per test.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import virtualenv

import vew
from tests.support.harness import ShellHarness, log_hook, read_log
from tests.support.interpreters import disposable_python
from tests.support.wheels import PREFIX_TOOL, build_wheel
from vew import layout, uvbin

EMBEDDED_WHEELS = Path(virtualenv.__file__).parent / "seed" / "wheels" / "embed"
TMP_NAME = re.compile(r"tmp-[0-9a-f]{16}")
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"


@pytest.fixture(scope="session")
def uv_offline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The variables that keep uv offline, on local wheels and away from the user's files."""
    seed = tmp_path_factory.mktemp("uv-seed")
    build_wheel(seed, "wheel", "0.0.1")
    return {
        "UV_OFFLINE": "1",
        "UV_NO_CONFIG": "1",
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_CACHE_DIR": str(tmp_path_factory.mktemp("uv-cache")),
        "UV_FIND_LINKS": f"{EMBEDDED_WHEELS},{seed}",
    }


@pytest.fixture
def wheels(tmp_path: Path) -> Path:
    """Three small packages: two for -r, one with a console script for -i."""
    directory = tmp_path / "wheels"
    build_wheel(directory, "uvpkg_one", modules={"uvpkg_one.py": "VALUE = 1\n"})
    build_wheel(directory, "uvpkg_two", modules={"uvpkg_two.py": "VALUE = 2\n"})
    build_wheel(directory, "prefix_tool", **PREFIX_TOOL)
    return directory


@pytest.fixture
def uv_environ(environ: dict[str, str], uv_offline: dict[str, str],
               wheels: Path) -> dict[str, str]:
    """The test's environment (the one its shells get) with uv as vew's creator."""
    environ.update(uv_offline)
    environ["UV_FIND_LINKS"] += f",{wheels}"
    environ["VEW_CREATOR"] = "uv"
    # The suite's default (--no-seed) is virtualenv's option; uv has none of that name.
    environ["VIRTUALENVWRAPPER_VIRTUALENV_ARGS"] = ""
    return environ


def installer_of(env: Path, distribution: str) -> str:
    """Which tool installed ``distribution`` in ``env`` (its dist-info's INSTALLER file)."""
    site_packages = layout.site_packages(env)
    assert site_packages is not None
    [dist_info] = site_packages.glob(f"{distribution}-*.dist-info")
    return (dist_info / "INSTALLER").read_text().strip()


def vew_command(*args: str, environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vew", *args], capture_output=True, text=True,
                          env=environ, check=False)


# --- creator = "uv" ---------------------------------------------------------------------------


def test_mkvirtualenv_with_uv_seeds_pip_and_installs_with_uv(
        sh: ShellHarness, uv_environ: dict[str, str], tmp_path: Path) -> None:
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("uvpkg_one\nuvpkg_two\n")
    script = sh.script()
    made = script.call("mkvirtualenv", "-r", str(requirements), "-i", "prefix_tool", "fast")
    active = script.var("VIRTUAL_ENV")
    imported = script.call("python", "-c", "import uvpkg_one, uvpkg_two; "
                           "print(uvpkg_one.VALUE + uvpkg_two.VALUE)")
    tool = script.call("prefix-tool")
    pip = script.call("pip", "--version")
    run = sh.run(script)

    env = sh.workon_home / "fast"
    assert run[made].status == 0, run[made].stderr
    assert "created virtual environment" in run[made].stdout
    assert run[active].stdout == str(env)
    assert run[imported].stdout == "3\n"
    assert run[tool].stdout == f"prefix {env}\n"
    # pip is there for the user, as virtualenv would have put it.
    assert run[pip].status == 0 and str(env) in run[pip].stdout
    config = layout.read_pyvenv_cfg(env)
    assert "uv" in config
    assert config["version_info"].startswith(f"{VERSION}.")
    for distribution in ("uvpkg_one", "uvpkg_two", "prefix_tool"):
        assert installer_of(env, distribution) == "uv"
    assert not {".vew-incomplete", ".vew-build"} & set(os.listdir(env))


def test_p_takes_what_uv_takes_and_args_reach_uv(
        sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    script = sh.script()
    by_version = script.call("mkvirtualenv", "-p", VERSION, "--system-site-packages", "byversion")
    by_path = script.call("mkvirtualenv", f"--python={sys.executable}", "bypath")
    run = sh.run(script, extra_env={"VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "--prompt 'my env'"})

    assert run[by_version].status == 0, run[by_version].stderr
    assert run[by_path].status == 0, run[by_path].stderr
    version = layout.read_pyvenv_cfg(sh.workon_home / "byversion")
    assert version["version_info"].startswith(f"{VERSION}.")
    assert version["include-system-site-packages"] == "true"
    assert version["prompt"] == "my env"
    path = layout.read_pyvenv_cfg(sh.workon_home / "bypath")
    assert Path(path["home"]) == Path(sys._base_executable).parent
    assert path["include-system-site-packages"] == "false"


def test_options_vew_gives_uv_itself_may_also_be_given(
        sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    """uv refuses a flag given twice: vew adds only those missing, and a -v wins over --quiet."""
    script = sh.script()
    made = script.call("mkvirtualenv", "--seed", "--allow-existing", "-v", "twice")
    shown = script.call("virtualenvwrapper")
    helped = script.call("mkvirtualenv", "-h")
    run = sh.run(script, extra_env={"VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "--no-project"})
    assert run[helped].status == 0, run[helped].stderr
    assert "Usage: uv venv [OPTIONS] [PATH]" in run[helped].stdout
    assert run[made].status == 0, run[made].stderr
    assert "Creating virtual environment" in run[made].stderr  # uv's own words, not quiet
    assert "uv" in layout.read_pyvenv_cfg(sh.workon_home / "twice")
    assert "VEW_CREATOR: uv" in run[shown].stdout.splitlines()


def test_a_failed_uv_install_leaves_nothing(
        sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    script = sh.script()
    failed = script.call("mkvirtualenv", "-i", "no-such-package-anywhere", "doomed")
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script)
    assert run[failed].status == 1
    assert "uv pip install failed" in run[failed].stderr
    assert run[active].stdout == "<unset>"
    assert not (sh.workon_home / "doomed").exists()


def test_mktmpenv_with_uv(sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    script = sh.script()
    made = script.call("mktmpenv", "-i", "uvpkg_one")
    env = script.var("VIRTUAL_ENV")
    cwd = script.pwd()
    gone = script.call("deactivate")
    run = sh.run(script)
    assert run[made].status == 0, run[made].stderr
    name = Path(run[env].stdout).name
    assert TMP_NAME.fullmatch(name)
    assert run[cwd].stdout == str(sh.workon_home / name)
    assert run[gone].status == 0, run[gone].stderr
    assert not (sh.workon_home / name).exists()


def test_mkproject_with_uv(sh: ShellHarness, uv_environ: dict[str, str],
                           project_home: Path) -> None:
    script = sh.script()
    made = script.call("mkproject", "-i", "uvpkg_one", "proj")
    cwd = script.pwd()
    imported = script.call("python", "-c", "import uvpkg_one; print(uvpkg_one.VALUE)")
    run = sh.run(script)
    assert run[made].status == 0, run[made].stderr
    assert run[cwd].stdout == str(project_home / "proj")
    assert run[imported].stdout == "1\n"
    env = sh.workon_home / "proj"
    assert "uv" in layout.read_pyvenv_cfg(env)
    assert (env / ".project").read_text() == f"{project_home / 'proj'}\n"


def test_a_copy_of_a_uv_environment_works_on_its_own_and_installs_with_uv(
        sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    # uv quotes these paths in its activate scripts in a way of its own.
    original, name = "it's $original", "the copy's $name"
    script = sh.script()
    made = script.call("mkvirtualenv", "-i", "prefix_tool", original)
    copied = script.call("cpvirtualenv", original, name)
    run = sh.run(script)
    assert run[made].status == 0, run[made].stderr
    assert run[copied].status == 0, run[copied].stderr

    script = sh.script()
    script.call("rmvirtualenv", original)
    script.call("workon", name)
    active = script.var("VIRTUAL_ENV")
    tool = script.call("prefix-tool")
    pip = script.call("pip", "--version")
    wiped = script.call("wipeenv")
    run = sh.run(script, extra_env={"VEW_CREATOR": "virtualenv"})
    copy = sh.workon_home / name
    assert not (sh.workon_home / original).exists()
    assert run[active].stdout == str(copy)
    assert run[tool].stdout == f"prefix {copy}\n"
    assert run[pip].status == 0 and str(copy) in run[pip].stdout
    # The copy says uv made it, so wipeenv goes through uv whatever the setting.
    assert run[wiped].status == 0, run[wiped].stderr
    assert run[wiped].stdout == "Uninstalling packages:\n\nprefix-tool\n"
    assert "Uninstalled 1 package" in run[wiped].stderr
    assert not list(layout.site_packages(copy).glob("prefix_tool*"))  # type: ignore[union-attr]


def test_hooks_fire_exactly_as_with_virtualenv(
        sh: ShellHarness, uv_environ: dict[str, str], tmp_path: Path) -> None:
    """The same session under each creator logs the same hooks with the same arguments."""
    hooks = (("premkvirtualenv", False), ("postmkvirtualenv", True), ("preactivate", False),
             ("postactivate", True), ("predeactivate", True), ("postdeactivate", True),
             ("precpvirtualenv", False), ("postcpvirtualenv", True), ("premkproject", False),
             ("postmkproject", True), ("prermvirtualenv", False), ("postrmvirtualenv", False))
    logs = {}
    for creator in ("virtualenv", "uv"):
        workon_home, project_home = tmp_path / creator / "wh", tmp_path / creator / "projects"
        project_home.mkdir(parents=True)
        log = tmp_path / creator / "hooks.log"
        for name, sourced in hooks:
            log_hook(workon_home, name, log, sourced=sourced)
        script = sh.script()
        steps = [script.call("mkvirtualenv", "first"),
                 script.call("mkproject", "proj"),
                 script.call("cpvirtualenv", "first", "second"),
                 script.call("mktmpenv"),
                 script.call("deactivate"),
                 script.call("rmvirtualenv", "first", "second", "proj")]
        run = sh.run(script, extra_env={"VEW_CREATOR": creator, "WORKON_HOME": str(workon_home),
                                        "PROJECT_HOME": str(project_home)})
        for index in steps:
            assert run[index].status == 0, (creator, run[index].stderr)
        logs[creator] = [TMP_NAME.sub("TMP", line.replace(str(workon_home), "WH"))
                         for line in read_log(log)]
    assert "premkvirtualenv first" in logs["uv"]
    assert logs["uv"] == logs["virtualenv"]


# --- which creator ----------------------------------------------------------------------------


def test_an_unknown_creator_is_one_error_and_nothing_is_made(
        sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    result = sh("mkvirtualenv", "never", extra_env={"VEW_CREATOR": "conda"})
    assert result.status == 2
    assert result.stderr == "ERROR: VEW_CREATOR must be 'virtualenv' or 'uv', not 'conda'\n"
    assert not (sh.workon_home / "never").exists()


def test_an_unknown_creator_in_the_file_names_its_line(
        uv_environ: dict[str, str], workon_home: Path) -> None:
    config = Path(uv_environ["XDG_CONFIG_HOME"], "vew", "config.toml")
    config.parent.mkdir(parents=True)
    config.write_text('workon_cd = true\ncreator = "UV"\n')
    del uv_environ["VEW_CREATOR"]
    done = vew_command("config", environ=uv_environ)
    assert done.returncode == 2
    assert done.stderr == (f"ERROR: configuration file {config}, line 2: creator must be "
                           "'virtualenv' or 'uv', not 'UV'\n")


def test_creator_in_the_file(sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    config = Path(uv_environ["XDG_CONFIG_HOME"], "vew", "config.toml")
    config.parent.mkdir(parents=True)
    config.write_text('creator = "uv"\n')
    del uv_environ["VEW_CREATOR"]
    made = sh("mkvirtualenv", "fromfile")
    assert made.status == 0, made.stderr
    assert "uv" in layout.read_pyvenv_cfg(sh.workon_home / "fromfile")
    done = vew_command("config", environ=uv_environ)
    assert done.returncode == 0, done.stderr
    assert f"{config}  VEW_CREATOR=uv" in done.stdout.splitlines()


def _path_without_uv(path: str) -> str:
    return os.pathsep.join(entry for entry in path.split(os.pathsep)
                           if entry and not (Path(entry) / "uv").exists())


def test_the_uv_package_beside_vew_serves_when_uv_is_not_on_path(
        sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    result = sh("mkvirtualenv", "-i", "uvpkg_one", "beside",
                extra_env={"PATH": _path_without_uv(uv_environ["PATH"])})
    assert result.status == 0, result.stderr
    env = sh.workon_home / "beside"
    assert "uv" in layout.read_pyvenv_cfg(env)
    assert installer_of(env, "uvpkg_one") == "uv"


def _vew_without_uv(tmp_path: Path) -> Path:
    """Another installation of this vew, with every dependency but no uv package."""
    from virtualenv import cli_run

    purelib = Path(sysconfig.get_paths()["purelib"])
    packages = tmp_path / "packages"
    packages.mkdir()
    (packages / "vew").symlink_to(Path(vew.__file__).parent)
    for entry in purelib.iterdir():
        if entry.name in ("uv", "vew") or entry.name.startswith("uv-") or entry.suffix == ".pth":
            continue
        (packages / entry.name).symlink_to(entry)
    venv = tmp_path / "vew-without-uv"
    cli_run(["--no-seed", str(venv)], setup_logging=False)
    site_packages = layout.site_packages(venv)
    assert site_packages is not None
    (site_packages / "packages.pth").write_text(f"{packages}\n")
    return layout.python(venv)


def test_without_uv_anywhere_creation_is_one_error_saying_how_to_get_it(
        uv_environ: dict[str, str], workon_home: Path, tmp_path: Path) -> None:
    python = _vew_without_uv(tmp_path)
    uv_environ["PATH"] = _path_without_uv(uv_environ["PATH"])
    emitted = tmp_path / "emitted"
    # What the shims run: the core's lean entry point.
    done = subprocess.run([str(python), "-E", "-P", "-m", "vew", "__call", "bash", str(emitted),
                           "mkvirtualenv", "nouv"], capture_output=True, text=True,
                          env=uv_environ, check=False)
    assert done.returncode == 1
    assert done.stderr == f"ERROR: {uvbin.NOT_FOUND}\n"
    assert "vew[uv]" in done.stderr
    assert not (workon_home / "nouv").exists()
    assert not emitted.exists()


# --- environments uv made, whatever the creator -----------------------------------------------


def test_uv_venv_as_the_creator_command(sh: ShellHarness, uv_environ: dict[str, str]) -> None:
    """``uv venv`` makes no pip: -i and wipeenv work only because they go through uv."""
    script = sh.script()
    made = script.call("mkvirtualenv", "-p", sys.executable, "-i", "prefix_tool",
                       "--system-site-packages", "plain")
    active = script.var("VIRTUAL_ENV")
    tool = script.call("prefix-tool")
    wiped = script.call("wipeenv")
    # `uv venv` is found on PATH, as the shell would find it.
    on_path = f"{Path(uvbin.find(os.environ)).parent}{os.pathsep}{uv_environ['PATH']}"
    run = sh.run(script, extra_env={
        "VEW_CREATOR": "virtualenv", "VIRTUALENVWRAPPER_VIRTUALENV": "uv venv",
        "VIRTUALENVWRAPPER_VIRTUALENV_ARGS": "--prompt 'plain env'", "PATH": on_path})
    env = sh.workon_home / "plain"
    assert run[made].status == 0, run[made].stderr
    assert run[active].stdout == str(env)
    assert run[tool].stdout == f"prefix {env}\n"
    config = layout.read_pyvenv_cfg(env)
    assert "uv" in config
    assert config["prompt"] == "plain env"
    assert config["include-system-site-packages"] == "true"
    assert not (env / "bin" / "pip").exists()
    assert run[wiped].status == 0, run[wiped].stderr
    assert not list(layout.site_packages(env).glob("prefix_tool*"))  # type: ignore[union-attr]


def test_a_creator_command_that_refuses_an_existing_directory(
        sh: ShellHarness, uv_environ: dict[str, str], tmp_path: Path) -> None:
    """A command vew cannot recognise builds aside; the result names its final place."""
    creator = tmp_path / "my creator"
    creator.write_text(f'#!/bin/sh\nexec "{uvbin.find(os.environ)}" venv --seed "$@"\n')
    creator.chmod(0o755)
    name = "it's $wrapped"  # its path is rewritten into the scripts: quoting matters
    script = sh.script()
    made = script.call("mkvirtualenv", "-i", "prefix_tool", name)
    tool = script.call("prefix-tool")
    prefix = script.call("python", "-c", "import sys; print(sys.prefix)")
    pip = script.call("pip", "--version")
    script.call("deactivate")
    again = script.call("workon", name)
    active = script.var("VIRTUAL_ENV")
    run = sh.run(script, extra_env={"VEW_CREATOR": "virtualenv",
                                    "VIRTUALENVWRAPPER_VIRTUALENV": shlex.quote(str(creator))})
    env = sh.workon_home / name
    assert run[made].status == 0, run[made].stderr
    assert run[tool].stdout == f"prefix {env}\n"
    assert run[prefix].stdout == f"{env}\n"
    assert run[pip].status == 0 and str(env) in run[pip].stdout
    assert run[again].status == 0, run[again].stderr
    assert run[active].stdout == str(env)
    # Nothing beside it: the build directory went into it, not next to it.
    assert [entry.name for entry in sh.workon_home.iterdir() if entry.is_dir()] == [name]
    assert not (env / ".vew-build").exists()
    for script_file in (env / "bin").iterdir():
        # Nushell's activate.nu is left aside: vew does not drive nushell, nor parse its quotes.
        if script_file.is_file() and not script_file.is_symlink() and script_file.suffix != ".nu":
            assert b".vew-build" not in script_file.read_bytes(), script_file


def test_repair_rebuilds_a_uv_environment_with_uv(
        sh: ShellHarness, uv_environ: dict[str, str], tmp_path: Path) -> None:
    interpreter = disposable_python(tmp_path / "doomed-python")
    made = sh("mkvirtualenv", "-p", str(interpreter), "-i", "uvpkg_one", "fragile")
    assert made.status == 0, made.stderr
    shutil.rmtree(tmp_path / "doomed-python")
    env = sh.workon_home / "fragile"

    del uv_environ["VEW_CREATOR"]  # the default creator: uv made it, uv rebuilds it
    repaired = vew_command("repair", "fragile", "-p", sys.executable, environ=uv_environ)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "reinstall uvpkg_one==1.0" in repaired.stdout
    config = layout.read_pyvenv_cfg(env)
    assert "uv" in config
    assert Path(config["home"]) == Path(sys._base_executable).parent
    assert installer_of(env, "uvpkg_one") == "uv"
    works = subprocess.run([layout.python(env), "-c", "import uvpkg_one; print(uvpkg_one.VALUE)"],
                           capture_output=True, text=True, check=False)
    assert works.stdout == "1\n", works.stderr


# --- .python-version --------------------------------------------------------------------------


@pytest.fixture
def pinned_root(tmp_path: Path, uv_environ: dict[str, str]) -> Path:
    """A pyenv root whose only version, ``9.9.9``, is really this Python: an environment built
    on it names that directory as its home, which proves the pin was followed."""
    root = tmp_path / "pyenv"
    binary = disposable_python(root / "versions" / "9.9.9")
    (binary.parent / "python3").symlink_to(binary.name)
    uv_environ["PYENV_ROOT"] = str(root)
    return root / "versions" / "9.9.9" / "bin"


@pytest.mark.parametrize("creator", ["uv", "virtualenv"])
def test_mkvirtualenv_a_follows_the_projects_python_version(
        sh: ShellHarness, uv_environ: dict[str, str], pinned_root: Path, tmp_path: Path,
        creator: str) -> None:
    project = tmp_path / "my project"
    project.mkdir()
    (project / ".python-version").write_text("# pinned\n9.9.9\n")
    script = sh.script()
    pinned = script.call("mkvirtualenv", "-a", str(project), "pinned")
    chosen = script.call("mkvirtualenv", "-a", str(project), "-p", sys.executable, "chosen")
    run = sh.run(script, extra_env={"VEW_CREATOR": creator})
    assert run[pinned].status == 0, run[pinned].stderr
    assert f"Using Python 9.9.9 from {project / '.python-version'}\n" in run[pinned].stderr
    assert Path(layout.read_pyvenv_cfg(sh.workon_home / "pinned")["home"]) == pinned_root
    # -p wins over the file, and nothing is said about it.
    assert run[chosen].status == 0, run[chosen].stderr
    assert ".python-version" not in run[chosen].stderr
    assert Path(layout.read_pyvenv_cfg(sh.workon_home / "chosen")["home"]) != pinned_root


def test_mkproject_f_follows_the_existing_projects_python_version(
        sh: ShellHarness, uv_environ: dict[str, str], pinned_root: Path,
        project_home: Path) -> None:
    (project_home / "existing").mkdir()
    (project_home / "existing" / ".python-version").write_text("9.9.9\n")
    result = sh("mkproject", "-f", "existing")
    assert result.status == 0, result.stderr
    version_file = project_home / "existing" / ".python-version"
    assert f"Using Python 9.9.9 from {version_file}\n" in result.stderr
    assert Path(layout.read_pyvenv_cfg(sh.workon_home / "existing")["home"]) == pinned_root
