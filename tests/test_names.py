"""names.py, the one place deciding what an environment name may be."""

from __future__ import annotations

import os

import pytest

from vew import names

# Names every command must refuse: they could reach outside $WORKON_HOME, read as an option or
# break a line.
INVALID = [
    "",
    ".",
    "..",
    "a/b",
    "/abs",
    "trailing/",
    "../up",
    "-leading-dash",
    "-",
    "nul\0byte",
    "new\nline",
    "carriage\rreturn",
    "tab\there",
    "escape\x1b[31m",
    "delete\x7f",
    "c1\x85control",
    "line\u2028separator",
    "paragraph\u2029separator",
]

# Names vew may not create, though it can address an existing entry of that name.
NOT_CREATABLE = [
    ".hidden",
    f"path{os.pathsep}separator",
    # Invisible format characters would let a name pass for another in a listing.
    "gnp.exe\u202e",  # right-to-left override
    "evil\u202egnp",
    "a\u200bb",  # zero-width space
    "a\u200db",  # a zero-width joiner between letters
    "\u200dleading",
    "bom\ufeff",
    "a\u2066isolate\u2069",
]

VALID = [
    "plain",
    "with space",
    " leading and trailing ",
    "it's",
    'double"quote',
    "$dollar",
    "$(touch PWNED)",
    "`touch PWNED`",
    ";touch PWNED",
    "a&b|c",
    "*?[",
    "~tilde",
    "#hash",
    "!bang",
    "100%",
    "(paren)",
    "{brace}",
    "back\\slash" if os.name != "nt" else "backslash",
    "déjà vu",
    "日本語",
    "🐍 snake",
    "family 👨\u200d👩\u200d👧",  # emoji sequences hold zero-width joiners: allowed
    "coder 👩🏽\u200d💻",  # with a skin tone before the joiner
    "dash-inside",
    "dot.inside",
    "trailing.",
]


@pytest.mark.parametrize("name", INVALID)
def test_invalid_names_are_refused_everywhere(name: str) -> None:
    with pytest.raises(names.InvalidName) as error:
        names.check(name)
    with pytest.raises(names.InvalidName):
        names.check_new(name)
    message = str(error.value)
    assert message and "\n" not in message and "\r" not in message


@pytest.mark.parametrize("name", NOT_CREATABLE)
def test_hidden_and_path_separator_names_cannot_be_created(name: str) -> None:
    assert names.check(name) == name
    with pytest.raises(names.InvalidName):
        names.check_new(name)


@pytest.mark.parametrize("name", VALID)
def test_everything_else_is_a_name(name: str) -> None:
    assert names.check(name) == name
    assert names.check_new(name) == name


def test_backslash_is_a_separator_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names.os, "name", "nt")
    with pytest.raises(names.InvalidName):
        names.check("a\\b")


@pytest.mark.parametrize(("new", "existing"), [
    ("foo", "Foo"),
    ("STRASSE", "straße"),
    ("\u00e9", "e\u0301"),  # NFC and NFD spellings of é
])
def test_names_a_filesystem_would_fold_together_clash(new: str, existing: str) -> None:
    assert names.clash(new, ["other", existing]) == existing
    message = names.describe_clash(new, existing)
    assert "\n" not in message


def test_the_same_name_or_a_different_one_does_not_clash() -> None:
    assert names.clash("foo", ["foo", "bar", "fo"]) is None


def test_a_normalisation_clash_shows_the_code_points() -> None:
    # The two print alike; the message must tell them apart.
    message = names.describe_clash("\u00e9", "e\u0301")
    assert "\\xe9" in message and "\\u0301" in message
