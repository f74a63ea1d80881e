"""Every edit the app makes to settings.toml keeps the user's file byte for byte outside the line
it changes (or the lines it adds or moves): comments, blank lines, spacing, order, spelling.

The file below is written as a person would: comments above tables, comments at the end of
lines, a comment that ends the file, `[[substances]]` tables. Each test names the exact text
the file must hold afterwards.
"""

from __future__ import annotations

import tomllib
from functools import partial
from pathlib import Path

import pytest

from fatiguelog import settings_edit as edit
from fatiguelog.settings import Tracker, load_settings, update_settings
from fatiguelog.store import StoreError
from tests.factories import edited, read_settings, write_settings

HAND_WRITTEN = """\
# My fatiguelog settings -- written by hand, please keep my notes!
birth_year = 1968   # for the 50+ alarm

# steps I skip on bad days
[steps]
sleep = true   # I like this one

# --- what I take ---
[[substances]]
name = "kratom"   # leaf powder, morning
unit = "g"

# my laxative
[[substances]]
name = "Movicol"
unit = "tablet"
class = "laxative"  # set by hand

# my own questions

# from the watch, every morning
[[trackers]]
key = "heart_rate"
label = "Resting heart rate"   # from the watch
kind = "number"
unit = "bpm"

[[trackers]]
key = "headache"
label = "Headache"
kind = "rating"

# the end
"""


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    write_settings(root, HAND_WRITTEN)
    return root


#: The settings file after one edit: HAND_WRITTEN with one piece changed (there exactly once).
replaced = partial(edited, HAND_WRITTEN)
#: The settings file as it is on disk now.
text = read_settings


def test_the_theme_key_adds_one_line_after_the_top_level_keys(root: Path) -> None:
    update_settings(root, theme="light")  # what ctrl+t calls
    assert text(root) == replaced("alarm\n", 'alarm\ntheme = "light"\n')
    update_settings(root, theme="dark")
    assert text(root) == replaced("alarm\n", 'alarm\ntheme = "dark"\n')


def test_a_value_already_there_changes_in_place_with_its_comment(root: Path) -> None:
    edit.set_value(root, "birth_year", 1970)
    assert text(root) == replaced("birth_year = 1968", "birth_year = 1970")


def test_clearing_the_birth_year_removes_its_line_only(root: Path) -> None:
    edit.set_value(root, "birth_year", None)
    assert text(root) == replaced("birth_year = 1968   # for the 50+ alarm\n", "")


def test_the_day_start(root: Path) -> None:
    edit.set_value(root, "day_starts_at", "04:00")
    assert text(root) == replaced("alarm\n", 'alarm\nday_starts_at = "04:00"\n')
    assert load_settings(root)[0].day_starts_at.hour == 4


def test_a_step_switched_off_is_one_line_in_its_table(root: Path) -> None:
    edit.set_step(root, "diet", False)
    assert text(root) == replaced("I like this one\n", "I like this one\ndiet = false\n")
    edit.set_step(root, "sleep", False)
    assert text(root) == replaced("I like this one\n", "I like this one\ndiet = false\n").replace(
        "sleep = true", "sleep = false"
    )


def test_a_step_without_a_steps_table_is_an_inline_table(tmp_path: Path) -> None:
    write_settings(
        tmp_path, '# mine\ntheme = "dark"\n\n# pills\n[[substances]]\nname = "x"\nunit = "g"\n'
    )
    edit.set_step(tmp_path, "diet", False)
    assert (tmp_path / "settings.toml").read_text() == (
        '# mine\ntheme = "dark"\nsteps = { diet = false }\n\n# pills\n'
        '[[substances]]\nname = "x"\nunit = "g"\n'
    )
    assert edit.set_step(tmp_path, "sleep", True) is False  # already asked: nothing written


def test_a_substance_is_added_after_the_last_one_before_the_next_tables_comment(root: Path) -> None:
    edit.add_substance(root, "Senna", "tablet", None)
    assert text(root) == replaced(
        'class = "laxative"  # set by hand\n',
        'class = "laxative"  # set by hand\n\n[[substances]]\nname = "Senna"\nunit = "tablet"\n',
    )


def test_a_substance_class_is_one_line_in_its_own_table(root: Path) -> None:
    edit.change_substance(root, "KRATOM", unit="g", klass="opioid")
    assert text(root) == replaced('unit = "g"\n', 'unit = "g"\nclass = "opioid"\n')
    edit.change_substance(root, "movicol", unit="tablet", klass="other")
    assert 'class = "other"  # set by hand\n' in text(root)
    edit.change_substance(root, "movicol", unit="tablet", klass=None)  # the built-in table
    assert text(root) == replaced('unit = "g"\n', 'unit = "g"\nclass = "opioid"\n').replace(
        'class = "laxative"  # set by hand\n', ""
    )
    assert load_settings(root)[0].substance_class("Movicol") == "laxative"  # the table's


def test_removing_a_substance_takes_its_table_and_the_comment_above_it(root: Path) -> None:
    edit.remove_substance(root, "Movicol")
    assert text(root) == replaced(
        '# my laxative\n[[substances]]\nname = "Movicol"\n'
        'unit = "tablet"\nclass = "laxative"  # set by hand\n\n',
        "",
    )


def test_a_tracker_is_added_after_the_last_one_before_the_comment_that_ends_the_file(
    root: Path,
) -> None:
    tracker = Tracker("dizziness_on_standing", 'Dizziness on "standing"', "rating")
    edit.add_tracker(root, tracker)
    assert text(root) == replaced(
        'kind = "rating"\n',
        'kind = "rating"\n\n[[trackers]]\nkey = "dizziness_on_standing"\n'
        'label = "Dizziness on \\"standing\\""\nkind = "rating"\nhigher = "worse"\n',
    )
    assert load_settings(root)[0].trackers[-1] == tracker


def test_renaming_a_tracker_changes_its_label_line_only(root: Path) -> None:
    edit.change_tracker(root, "heart_rate", label="Heart rate at rest")
    assert text(root) == replaced('"Resting heart rate"', '"Heart rate at rest"')


def test_switching_a_tracker_off_adds_ask_false_in_its_table(root: Path) -> None:
    edit.change_tracker(root, "heart_rate", ask=False)
    assert text(root) == replaced('unit = "bpm"\n', 'unit = "bpm"\nask = false\n')
    edit.change_tracker(root, "heart_rate", ask=True)
    assert text(root) == replaced('unit = "bpm"\n', 'unit = "bpm"\nask = true\n')
    assert load_settings(root)[0].trackers[0].ask


def test_moving_a_tracker_moves_its_table_and_keeps_every_comment_in_place(root: Path) -> None:
    """The comment right above a table is about it and moves with it; one set apart by a
    blank line is about what follows, and stays."""
    first = (
        '# from the watch, every morning\n[[trackers]]\nkey = "heart_rate"\n'
        'label = "Resting heart rate"   # from the watch\nkind = "number"\nunit = "bpm"\n'
    )
    second = '[[trackers]]\nkey = "headache"\nlabel = "Headache"\nkind = "rating"\n'
    edit.move_tracker(root, "headache", -1)
    assert text(root) == replaced(first + "\n" + second, second + "\n" + first)
    assert [t.key for t in load_settings(root)[0].trackers] == ["headache", "heart_rate"]
    assert edit.move_tracker(root, "headache", -1) is False  # already first: nothing written
    edit.move_tracker(root, "headache", +1)
    assert text(root) == HAND_WRITTEN


def test_windows_line_ends_and_a_byte_order_mark_are_kept(tmp_path: Path) -> None:
    original = "\ufeff# mine\r\nbirth_year = 1970\r\n\r\n[steps]\r\nsleep = true\r\n"
    (tmp_path / "settings.toml").write_bytes(original.encode())
    edit.set_value(tmp_path, "theme", "light")
    edit.set_step(tmp_path, "diet", False)
    assert (tmp_path / "settings.toml").read_bytes().decode() == (
        '\ufeff# mine\r\nbirth_year = 1970\r\ntheme = "light"\r\n\r\n[steps]\r\n'
        "sleep = true\r\ndiet = false\r\n"
    )


def test_an_inline_array_of_substances_stays_inline(tmp_path: Path) -> None:
    """What tomli-w made of `[[substances]]` before: edited where it is, one line each."""
    original = 'theme = "dark"\nsubstances = [\n    { name = "kratom", unit = "g" },\n]\n'
    write_settings(tmp_path, original)
    edit.change_substance(tmp_path, "kratom", unit="g", klass="opioid")
    edit.add_substance(tmp_path, "senna", "tablet", "laxative")
    settings = load_settings(tmp_path)[0]
    assert [(s.name, s.klass) for s in settings.substances] == [
        ("kratom", "opioid"),
        ("senna", "laxative"),
    ]
    assert (tmp_path / "settings.toml").read_text().startswith('theme = "dark"\nsubstances = [\n')


def test_a_new_file_says_what_it_is(tmp_path: Path) -> None:
    edit.set_value(tmp_path, "theme", "light")
    assert (tmp_path / "settings.toml").read_text() == edit.NEW_FILE_HEADER + 'theme = "light"\n'


@pytest.mark.parametrize(
    "broken",
    [
        "theme = [broken\n# mine\n",  # not TOML
        '# mine\n[[substances]]\nname = "x"\nunit = "kg"\n',  # a value it won't accept
        '# mine\nday_starts_at = "25:00"\n',
        "\xff\xfe not utf-8",
    ],
)
@pytest.mark.parametrize(
    "change",
    [
        lambda root: update_settings(root, theme="light"),
        lambda root: edit.set_step(root, "diet", False),
        lambda root: edit.add_substance(root, "senna", "tablet", None),
        lambda root: edit.add_tracker(root, Tracker("x", "X", "yesno")),
    ],
)
def test_a_file_it_cannot_read_is_never_rewritten(tmp_path: Path, broken: str, change) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(broken.encode("latin-1") if broken.startswith("\xff") else broken.encode())
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not changed"):
        change(tmp_path)
    assert path.read_bytes() == before


def test_a_change_it_cannot_place_safely_is_refused_not_guessed(tmp_path: Path) -> None:
    """A `[substances.extra]` sub-table written after another table: removing its substance
    would take that other table along, which the proof before writing catches."""
    original = (
        '[[substances]]\nname = "a"\nunit = "g"\n[[substances]]\nname = "b"\n'
        'unit = "g"\n[other]\nx = 1\n[substances.extra]\ny = 2\n'
    )
    write_settings(tmp_path, original)
    with pytest.raises(StoreError, match="by hand"):
        edit.remove_substance(tmp_path, "b")
    assert (tmp_path / "settings.toml").read_text() == original
    edit.remove_substance(tmp_path, "a")  # nothing else in its way
    assert tomllib.loads((tmp_path / "settings.toml").read_text()) == {
        "substances": [{"name": "b", "unit": "g", "extra": {"y": 2}}],
        "other": {"x": 1},
    }


def test_a_header_inside_a_multi_line_string_is_not_a_table(tmp_path: Path) -> None:
    original = 'note = """\n[[substances]]\n"""\n\n[steps]\nsleep = true\n'
    write_settings(tmp_path, original)
    edit.add_substance(tmp_path, "senna", "tablet", None)
    doc = tomllib.loads((tmp_path / "settings.toml").read_text())
    assert doc["note"] == "[[substances]]\n"
    assert doc["substances"] == [{"name": "senna", "unit": "tablet"}]
    assert (tmp_path / "settings.toml").read_text().startswith(original)


def test_new_tracker_keys_come_from_the_label_and_are_never_reused() -> None:
    assert edit.new_tracker_key("Dizziness on standing", set()) == "dizziness_on_standing"
    assert edit.new_tracker_key("Héart-rate (bpm)!", set()) == "h_art_rate_bpm"
    assert edit.new_tracker_key("Pain", {"pain"}) == "pain_2"
    assert edit.new_tracker_key("???", set()) == "tracker"


def test_the_editing_is_textual_free_and_tomlkit_loads_only_for_an_edit() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import fatiguelog.settings, fatiguelog.cli.basic\n"
        "assert 'tomlkit' not in sys.modules, 'tomlkit at start-up'\n"
        "import fatiguelog.settings_edit, fatiguelog.trash, fatiguelog.pastdays\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual']\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_a_settings_file_that_is_a_link_is_never_written_through(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('# not the data folder\'s\ntheme = "dark"\n')
    root = tmp_path / "data"
    root.mkdir()
    (root / "settings.toml").symlink_to(outside)
    with pytest.raises(StoreError, match="link"):
        update_settings(root, theme="light")
    assert outside.read_text() == '# not the data folder\'s\ntheme = "dark"\n'
    assert (root / "settings.toml").is_symlink()
