"""Outside test of issue 13, finding 12: an edit changes nothing else of the file's style: an
inline table keeps its spacing, a 'literal' string its single quotes, and a file without a
final line break gets none."""

from __future__ import annotations

from pathlib import Path

from fatiguelog import settings_edit
from tests.factories import read_settings, write_settings


def edited(root: Path, text: str, change) -> str:
    write_settings(root, text)
    change(root)
    return read_settings(root)


def test_a_step_added_to_an_inline_table_keeps_its_spacing(tmp_path: Path):
    after = edited(
        tmp_path,
        "steps = { sleep = false }  # mine\n",
        lambda root: settings_edit.set_step(root, "notes", False),
    )
    assert after == "steps = { sleep = false, notes = false }  # mine\n"


def test_single_quotes_stay_single(tmp_path: Path):
    after = edited(
        tmp_path, "theme='dark'\n", lambda root: settings_edit.set_value(root, "theme", "light")
    )
    assert after == "theme='light'\n"
    after = edited(
        tmp_path,
        "[[substances]]\nname = 'senna'\nunit = 'g'\n",
        lambda root: settings_edit.change_substance(root, "senna", unit="mg", klass=None),
    )
    assert after == "[[substances]]\nname = 'senna'\nunit = 'mg'\n"


def test_no_final_line_break_is_added(tmp_path: Path):
    after = edited(
        tmp_path, 'theme = "dark"', lambda root: settings_edit.set_value(root, "theme", "light")
    )
    assert after == 'theme = "light"'
    after = edited(
        tmp_path, 'theme = "dark"', lambda root: settings_edit.set_value(root, "birth_year", 1968)
    )
    assert after == 'theme = "dark"\nbirth_year = 1968'
