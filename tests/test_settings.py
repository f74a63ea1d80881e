"""settings.toml: defaults when missing, bad values reported, unknown keys kept."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from fatiguelog.settings import Settings, Substance, load_settings, save_settings
from fatiguelog.store import StoreError
from tests.conftest import mode
from tests.factories import write_settings


def test_missing_settings_list_no_substance_but_the_table_still_classifies(tmp_path: Path) -> None:
    """Why: "every user sees 'Yours: kratom, 7-hydroxymitragynine' whether or not they take
    it"."""
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.substances == ()
    assert settings.substance("Kratom") is None
    assert settings.substance_class("Kratom") == "opioid"
    assert settings.is_opioid_acting("7-OH tablets")
    assert settings.substance_class("senna") == "laxative"
    assert settings.substance_class("magnesium") is None  # not classified, never "no"
    assert all(settings.asks(step) for step in ("sleep", "intake", "notes"))


def test_class_in_settings_wins_and_version_1_opioid_acting_still_means_opioid(
    tmp_path: Path,
) -> None:
    write_settings(
        tmp_path,
        '[[substances]]\nname = "kratom"\nunit = "g"\nclass = "other"\n'
        '[[substances]]\nname = "Kanna"\nunit = "mg"\nopioid_acting = true\n'
        '[[substances]]\nname = "Tea X"\nunit = "cup"\nclass = "laxative"\n'
        '[[substances]]\nname = "codeine"\nunit = "mg"\n',
    )
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.substance_class("Kratom") == "other"
    assert settings.substance_class("kanna") == "opioid"
    assert settings.substance_class("tea x") == "laxative"
    assert settings.substance_class("Codeine") == "opioid"  # no class set: the table


def test_user_substances_steps_theme_and_birth_year(tmp_path: Path) -> None:
    write_settings(
        tmp_path,
        'theme = "light"\nbirth_year = 1968\nfavourite = "tea"\n[steps]\ndiet = false\n'
        '[[substances]]\nname = "kratom"\nunit = "g"\nopioid_acting = true\n'
        '[[substances]]\nname = "Movicol"\nunit = "other"\n',
    )
    settings, problems = load_settings(tmp_path)
    assert problems == []
    assert settings.theme == "light" and settings.birth_year == 1968
    assert not settings.asks("diet") and settings.asks("sleep")
    assert settings.substance("movicol") == Substance("Movicol", "other", None)
    assert settings.substance_class("movicol") == "laxative"  # from the built-in table
    assert settings.substance("kratom") == Substance("kratom", "g", "opioid")

    save_settings(tmp_path, settings)
    doc = tomllib.loads((tmp_path / "settings.toml").read_text())
    assert doc["favourite"] == "tea"
    assert doc["steps"]["diet"] is False
    assert mode(tmp_path / "settings.toml") == 0o600


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('theme = "purple"\n', "theme must be"),
        ("birth_year = 12\n", "birth_year"),
        ('[[substances]]\nunit = "g"\n', "needs a name"),
        ('[[substances]]\nname = "x"\nunit = "kg"\n', "unit must be"),
        ("[steps]\nsleep = 1\n", "steps.sleep"),
        ('[[substances]]\nname = "x"\nunit = "g"\nclass = 3\n', "class must be one of"),
        ('[[substances]]\nname = "x"\nunit = "g"\nclass = "opiate"\n', "class must be one of"),
    ],
)
def test_bad_settings_are_reported_and_defaults_used(tmp_path: Path, text: str, words: str) -> None:
    write_settings(tmp_path, text)
    settings, problems = load_settings(tmp_path)
    assert any(words in p.message for p in problems), problems
    assert isinstance(settings, Settings)


def test_unreadable_settings_are_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text("theme = [broken")
    with pytest.raises(StoreError):
        save_settings(tmp_path, Settings(theme="light"))
    assert path.read_text() == "theme = [broken"


def test_changing_the_theme_keeps_everything_else_as_written(tmp_path: Path) -> None:
    from fatiguelog.settings import update_settings

    text = (
        '# my settings\nbirth_year = 1968\n[[substances]]\nname = "kratom"\nunit = "g"\n'
        'opioid_acting = true\nbatch = "A7"\n'
    )
    write_settings(tmp_path, text)
    update_settings(tmp_path, theme="light")
    doc = tomllib.loads((tmp_path / "settings.toml").read_text())
    assert doc["theme"] == "light"
    assert doc["substances"] == [
        {"name": "kratom", "unit": "g", "opioid_acting": True, "batch": "A7"}
    ]
    assert "steps" not in doc  # nothing added that the user did not write


@pytest.mark.parametrize("text", ["theme = [broken", '[[substances]]\nname = "x"\nunit = "kg"\n'])
def test_a_file_with_problems_is_never_rewritten(tmp_path: Path, text: str) -> None:
    from fatiguelog.settings import update_settings

    path = tmp_path / "settings.toml"
    path.write_text(text)
    with pytest.raises(StoreError, match="was not changed"):
        update_settings(tmp_path, theme="light")
    assert path.read_text() == text
