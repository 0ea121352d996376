"""settings.load(): the environment, then the configuration file, then the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vew import configfile, settings
from vew.errors import CommandError

HOME = "/home/user"


def load(tmp_path: Path, toml: str | None = None, **variables: str) -> settings.Settings:
    """Settings for exactly ``variables`` (plus HOME) and a config file holding ``toml``."""
    file = tmp_path / "config.toml"
    if toml is not None:
        file.write_text(toml, encoding="utf-8")
    return settings.load({"HOME": HOME, **variables}, file)


def error_of(tmp_path: Path, toml: str | bytes) -> str:
    file = tmp_path / "config.toml"
    if isinstance(toml, bytes):
        file.write_bytes(toml)
    else:
        file.write_text(toml, encoding="utf-8")
    with pytest.raises(configfile.ConfigError) as caught:
        settings.load({"HOME": HOME}, file)
    return str(caught.value)


# --- defaults ------------------------------------------------------------------------------


def test_defaults_without_environment_or_file(tmp_path: Path) -> None:
    current = load(tmp_path)
    assert current.workon_home == Path(HOME, ".virtualenvs")
    assert current.hook_dir == current.workon_home
    assert current.project_home is None
    assert current.project_filename == ".project"
    assert current.workon_cd is True
    assert current.virtualenv_command is None
    assert current.virtualenv_args == ()
    assert current.log_file is None
    assert current.tmpdir is None
    assert current.plugin_path == ()
    assert set(current.origins.values()) == {settings.DEFAULT}
    assert current.config_file == tmp_path / "config.toml"


def test_tmpdir_defaults_to_TMPDIR(tmp_path: Path) -> None:
    current = load(tmp_path, TMPDIR="/scratch")
    assert current.tmpdir == Path("/scratch")
    assert current.origins["tmpdir"] == settings.DEFAULT


# --- WORKON_HOME from the environment ------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [
    ("~", HOME),
    ("~/envs", f"{HOME}/envs"),
    ("$HOME/envs", f"{HOME}/envs"),
    ("${HOME}/envs", f"{HOME}/envs"),
    ("$BASE/envs", "/data/envs"),
    ("envs", f"{HOME}/envs"),  # relative: under HOME, not the current directory
    ("./envs/", f"{HOME}/envs"),
    ("/a/b/../c/./d/", "/a/c/d"),
    ("/a//b", "/a/b"),
    ("$UNKNOWN/envs", f"{HOME}/$UNKNOWN/envs"),  # unknown variables stay as written
])
def test_workon_home_is_expanded_then_made_absolute(tmp_path: Path, value: str,
                                                   expected: str) -> None:
    current = load(tmp_path, WORKON_HOME=value, BASE="/data")
    assert current.workon_home == Path(expected)
    assert current.hook_dir == Path(expected)


def test_empty_variables_count_as_unset(tmp_path: Path) -> None:
    current = load(tmp_path, "workon_home = '/from/file'\n", WORKON_HOME="",
                   VIRTUALENVWRAPPER_WORKON_CD="", VIRTUALENVWRAPPER_VIRTUALENV="  ")
    assert current.workon_home == Path("/from/file")
    assert current.origins["workon_home"] == settings.FILE
    assert current.workon_cd is True
    assert current.virtualenv_command is None


@pytest.mark.parametrize(("value", "enabled"), [("1", True), ("0", False), ("yes", False),
                                                ("true", False)])
def test_only_exactly_1_enables_workon_cd(tmp_path: Path, value: str, enabled: bool) -> None:
    assert load(tmp_path, VIRTUALENVWRAPPER_WORKON_CD=value).workon_cd is enabled


def test_command_variables_are_split_with_shell_quoting(tmp_path: Path) -> None:
    current = load(tmp_path, VIRTUALENVWRAPPER_VIRTUALENV="uv venv",
                   VIRTUALENVWRAPPER_VIRTUALENV_ARGS="--prompt 'my env' --no-seed")
    assert current.virtualenv_command == ("uv", "venv")
    assert current.virtualenv_args == ("--prompt", "my env", "--no-seed")


def test_plugin_path_is_a_list_of_directories(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    current = load(tmp_path, VEW_PLUGIN_PATH="~/a::rel")
    assert current.plugin_path == (Path(HOME, "a"), tmp_path / "rel")
    from_file = load(tmp_path, "plugin_path = '~/a:/b'\n")
    assert from_file.plugin_path == (Path(HOME, "a"), Path("/b"))


def test_a_variable_that_cannot_be_split_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="VIRTUALENVWRAPPER_VIRTUALENV_ARGS cannot be split"):
        load(tmp_path, VIRTUALENVWRAPPER_VIRTUALENV_ARGS="--prompt 'open")


# --- the configuration file ----------------------------------------------------------------

FULL = """\
# every setting
workon_home = "~/envs"
hook_dir = "$HOME/hooks"
project_home = "src"
project_filename = ".proj"
workon_cd = false
virtualenv_command = ["uv", "venv"]
virtualenv_args = "--no-seed --prompt 'a b'"
log_file = "/var/log/vew.log"
tmpdir = "tmp"
plugin_path = ["~/plugins", "/opt/vew-plugins"]
auto_activate = true
creator = "uv"
"""


def test_the_file_sets_every_setting(tmp_path: Path) -> None:
    current = load(tmp_path, FULL, TMPDIR="/ignored")
    assert current.workon_home == Path(HOME, "envs")
    assert current.hook_dir == Path(HOME, "hooks")
    # A file's relative paths are taken under HOME: it is read from any directory.
    assert current.project_home == Path(HOME, "src")
    assert current.project_filename == ".proj"
    assert current.workon_cd is False
    assert current.virtualenv_command == ("uv", "venv")
    assert current.virtualenv_args == ("--no-seed", "--prompt", "a b")
    assert current.log_file == Path("/var/log/vew.log")
    assert current.tmpdir == Path(HOME, "tmp")
    assert current.plugin_path == (Path(HOME, "plugins"), Path("/opt/vew-plugins"))
    assert current.auto_activate is True
    assert current.creator == "uv"
    assert set(current.origins.values()) == {settings.FILE}
    assert set(current.from_file) == {key.name for key in settings.KEYS}


def test_the_environment_wins_over_the_file(tmp_path: Path) -> None:
    current = load(tmp_path, FULL, WORKON_HOME="/env/home", VIRTUALENVWRAPPER_WORKON_CD="1",
                   VIRTUALENVWRAPPER_VIRTUALENV_ARGS="--clear",
                   VIRTUALENVWRAPPER_TMPDIR="/env/tmp")
    assert current.workon_home == Path("/env/home")
    assert current.workon_cd is True
    assert current.virtualenv_args == ("--clear",)
    assert current.tmpdir == Path("/env/tmp")
    for name in ("workon_home", "workon_cd", "virtualenv_args", "tmpdir"):
        assert current.origins[name] == settings.ENVIRONMENT
    # The file still says what it says, for `vew config` to show what is overridden.
    assert current.from_file["workon_home"] == Path(HOME, "envs")
    assert current.origins["hook_dir"] == settings.FILE


def test_hook_dir_follows_workon_home_from_the_file(tmp_path: Path) -> None:
    current = load(tmp_path, "workon_home = '/file/envs'\n")
    assert current.hook_dir == Path("/file/envs")
    assert current.origins["hook_dir"] == settings.DEFAULT


def test_a_variable_holding_what_the_file_says_comes_from_the_file(tmp_path: Path) -> None:
    """The shim exports the file's values at load: the core then sees them as variables."""
    current = load(tmp_path, "workon_home = '~/envs'\nworkon_cd = false\n",
                   WORKON_HOME=f"{HOME}/envs", VIRTUALENVWRAPPER_WORKON_CD="0",
                   VIRTUALENVWRAPPER_HOOK_DIR=f"{HOME}/envs",
                   VIRTUALENVWRAPPER_PROJECT_FILENAME=".project")
    assert current.origins["workon_home"] == settings.FILE
    assert current.origins["workon_cd"] == settings.FILE
    assert current.origins["hook_dir"] == settings.DEFAULT
    assert current.origins["project_filename"] == settings.DEFAULT


def test_empty_file_values_count_as_unset(tmp_path: Path) -> None:
    current = load(tmp_path, "workon_home = ''\nvirtualenv_args = []\n")
    assert current.workon_home == Path(HOME, ".virtualenvs")
    assert current.origins["workon_home"] == settings.DEFAULT
    assert current.from_file == {}


def test_an_empty_file_is_fine(tmp_path: Path) -> None:
    assert load(tmp_path, "").origins["workon_home"] == settings.DEFAULT


def test_the_file_lives_in_the_user_config_directory(monkeypatch: pytest.MonkeyPatch,
                                                     tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert configfile.path() == tmp_path / "xdg" / "vew" / "config.toml"
    (tmp_path / "xdg" / "vew").mkdir(parents=True)
    configfile.path().write_text("project_filename = '.here'\n", encoding="utf-8")
    current = settings.load({"HOME": HOME})
    assert current.project_filename == ".here"
    assert current.config_file == configfile.path()


# --- a file vew cannot use: one error naming the file and the line ---------------------------


def test_a_syntax_error_names_the_file_line_and_column(tmp_path: Path) -> None:
    message = error_of(tmp_path, "workon_home = '/x'\nworkon_cd = yes\n")
    assert message == (f"configuration file {tmp_path / 'config.toml'}, line 2, column 13: "
                       "Invalid value")


def test_something_left_open_names_the_last_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "workon_home = '/x'\nvirtualenv_args = ['--no-seed',\n\n")
    assert message.startswith(f"configuration file {tmp_path / 'config.toml'}, line 2: ")
    assert "end of the file" in message


def test_an_unknown_key_names_its_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, "# settings\n\nworkon_hom = '/x'\n")
    assert message.startswith(f"configuration file {tmp_path / 'config.toml'}, line 3: "
                              "unknown setting 'workon_hom'")
    assert "workon_home" in message  # the known keys are listed


def test_a_table_is_not_where_settings_go(tmp_path: Path) -> None:
    message = error_of(tmp_path, "\n[vew]\nworkon_home = '/x'\n")
    assert ", line 2: unknown setting 'vew' (settings are top-level keys" in message


@pytest.mark.parametrize(("toml", "problem"), [
    ("workon_home = 3", "workon_home must be a string"),
    ("workon_cd = 1", "workon_cd must be true or false"),
    ("workon_cd = 'true'", "workon_cd must be true or false"),
    ("virtualenv_args = [1, 2]", "virtualenv_args must be a string or an array of strings"),
    ("plugin_path = 3", "plugin_path must be a string or an array of strings"),
    ("virtualenv_command = 'uv \"venv'", "virtualenv_command cannot be split into words"),
    ("hook_dir = \"a\\nb\"", "hook_dir must not contain a line break"),
    ("\"project_home\" = true", "project_home must be a string"),
])
def test_a_wrong_value_names_its_line(tmp_path: Path, toml: str, problem: str) -> None:
    message = error_of(tmp_path, f"# vew\n{toml}\n")
    assert message.startswith(f"configuration file {tmp_path / 'config.toml'}, line 2: {problem}")


def test_a_file_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    message = error_of(tmp_path, b"workon_home = '/x'\nproject_home = '/caf\xe9'\n")
    assert message == f"configuration file {tmp_path / 'config.toml'}, line 2: not UTF-8 text"


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()
    with pytest.raises(configfile.ConfigError,
                       match=r"config\.toml: cannot be read: Is a directory"):
        settings.load({"HOME": HOME}, tmp_path / "config.toml")


def test_errors_are_command_errors_with_status_1(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("workon_cd = 2\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        settings.load({"HOME": HOME}, tmp_path / "config.toml")
    assert caught.value.status == 1


# --- without shlex and pathlib ---------------------------------------------------------------
# Every core call resolves the settings, so they split words and spell paths without importing
# shlex or pathlib where the answer is the same; these compare the two ways on any text.


@given(st.text(alphabet=st.sampled_from(" \t\r\n\x0b\x0c\xa0ab-=.$#~*;|'\"\\"), max_size=30))
def test_words_split_as_shlex_splits_them(text: str) -> None:
    import shlex

    try:
        expected: tuple[str, ...] | None = tuple(shlex.split(text))
    except ValueError:
        expected = None
    try:
        got: tuple[str, ...] | None = settings._split(text)
    except ValueError:
        got = None
    assert got == expected


@given(st.text(alphabet=st.sampled_from("/.ab é"), max_size=20).filter(bool))
def test_paths_are_spelled_as_pathlib_spells_them(text: str) -> None:
    from pathlib import PurePosixPath

    assert settings._path_text(text) == str(PurePosixPath(text))
