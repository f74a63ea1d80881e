"""The settings screen as a user drives it: each change lands in settings.toml as one line (or one
table), every comment of a hand-written file kept; a file it can't read is said and never
rewritten; the app's settings follow, so the next check-in asks what the file now says."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest
from textual.widgets import OptionList

from fatiguelog.ui.screens.settings import SettingsScreen
from tests.factories import edited, read_settings, write_settings

from ..conftest import snapshot_tree
from .conftest import TODAY, make_app, press, type_text, wait_for_home

HAND_WRITTEN = """\
# My fatiguelog settings -- written by hand, please keep my notes!
birth_year = 1968   # for the 50+ alarm

# steps I keep
[steps]
sleep = true   # I like this one

# --- what I take ---
[[substances]]
name = "kratom"   # leaf powder, morning
unit = "g"

# my own questions

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
def hand_written(root: Path) -> Path:
    write_settings(root, HAND_WRITTEN)
    return root


#: The settings file after one edit: HAND_WRITTEN with one piece changed (there exactly once).
replaced = partial(edited, HAND_WRITTEN)
#: The settings file as it is on disk now.
text = read_settings


async def go_to(pilot, option_id: str) -> None:
    """Move the highlight with the arrow keys, as a user would, to the line `option_id`."""
    listing = pilot.app.screen.query_one(OptionList)
    target = listing.get_option_index(option_id)
    await press(pilot, "home")
    for _ in range(listing.option_count):
        if listing.highlighted == target:
            return
        await press(pilot, "down")
    raise AssertionError(f"never reached {option_id}")


def shown(pilot) -> list[str]:
    return [str(o.prompt) for o in pilot.app.screen.query_one(OptionList).options]


async def test_ctrl_t_on_home_changes_one_line_of_a_hand_written_file(hand_written: Path):
    """The outside test's report: ctrl+t dropped every comment and turned [[substances]] into
    an inline array. Now it adds one line and leaves every other byte as it was."""
    async with make_app(hand_written).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "ctrl+t")
        assert text(hand_written) == replaced("alarm\n", 'alarm\ntheme = "light"\n')
        await press(pilot, "ctrl+t")
        assert text(hand_written) == replaced("alarm\n", 'alarm\ntheme = "dark"\n')
        assert pilot.app.theme == "textual-dark"


async def test_s_opens_settings_and_esc_goes_back(hand_written: Path):
    async with make_app(hand_written).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, SettingsScreen)
        lines = shown(pilot)
        assert "  Birth year: 1968" in lines
        assert "  kratom · g · opioid (built-in table)" in lines
        assert "  1. Resting heart rate · a number in bpm · asked" in lines
        await press(pilot, "escape")
        assert not isinstance(pilot.app.screen, SettingsScreen)


async def test_fatiguelog_settings_opens_the_screen(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, SettingsScreen)
        said = "\n".join(shown(pilot))
        assert "Resting heart rate" in said and "kratom" in said  # the file's own settings


async def test_adding_a_substance_the_table_suggests_its_class(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-substance")
        await press(pilot, "enter")
        await type_text(pilot, "Senna")
        said = pilot.app.screen.query_one("#table-says").text
        assert said == "The built-in table says: laxative."
        await press(pilot, "tab")
        await type_text(pilot, "tablet")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, SettingsScreen)
        assert text(hand_written) == replaced(
            'unit = "g"\n', 'unit = "g"\n\n[[substances]]\nname = "Senna"\nunit = "tablet"\n'
        )
        assert pilot.app.settings.substance_class("senna") == "laxative"
        assert "  Senna · tablet · laxative (built-in table)" in shown(pilot)


async def test_a_name_the_table_does_not_know_is_said_not_classified(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-substance")
        await press(pilot, "enter")
        await type_text(pilot, "ashwagandha")
        assert "not classified" in pilot.app.screen.query_one("#table-says").text
        await press(pilot, "tab")
        await type_text(pilot, "capsule")
        await press(pilot, "enter")
        assert "  ashwagandha · capsule · not classified" in shown(pilot)


async def test_classifying_a_substance_adds_one_line_in_its_table(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "substance-0")
        await press(pilot, "enter")
        await press(pilot, "tab")  # to the class
        await press(pilot, "down", "down", "down")  # "other"
        await press(pilot, "space")
        await press(pilot, "enter")  # kratom is opioid in the built-in table: said first
        assert (
            "The built-in table says kratom is opioid" in pilot.app.screen.query_one("#error").text
        )
        await press(pilot, "enter")
        assert text(hand_written) == replaced('unit = "g"\n', 'unit = "g"\nclass = "other"\n')
        assert pilot.app.settings.substance_class("kratom") == "other"


async def test_adding_a_tracker_and_the_app_follows(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-tracker")
        await press(pilot, "enter")
        await type_text(pilot, "Dizziness on standing")
        await press(pilot, "enter")
        assert text(hand_written) == replaced(
            'kind = "rating"\n',
            'kind = "rating"\n\n[[trackers]]\nkey = "dizziness_on_standing"\n'
            'label = "Dizziness on standing"\nkind = "rating"\nhigher = "worse"\n',
        )
        assert [t.label for t in pilot.app.settings.trackers][-1] == "Dizziness on standing"
        assert "  3. Dizziness on standing · 0-10, higher is worse · asked" in shown(pilot)


async def test_a_number_tracker_with_its_unit_and_limits(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-tracker")
        await press(pilot, "enter")
        await type_text(pilot, "Steps walked")
        await press(pilot, "tab", "tab")  # key, then the kind
        await press(pilot, "down", "down", "space")  # a number
        await press(pilot, "tab")
        await type_text(pilot, "steps")
        await press(pilot, "tab")
        await type_text(pilot, "0")
        await press(pilot, "tab")
        await type_text(pilot, "50000")
        await press(pilot, "enter")
        tracker = pilot.app.settings.trackers[-1]
        assert (tracker.key, tracker.kind, tracker.unit, tracker.minimum, tracker.maximum) == (
            "steps_walked",
            "number",
            "steps",
            0,
            50000,
        )


async def test_renaming_switching_off_and_moving_a_tracker(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "tracker-0")
        await press(pilot, "enter")
        await press(pilot, "ctrl+a", "ctrl+k")  # clear the label box
        await type_text(pilot, "Heart rate at rest")
        await press(pilot, "enter")
        assert text(hand_written) == replaced('"Resting heart rate"', '"Heart rate at rest"')
        await press(pilot, "space")  # switched off
        assert 'unit = "bpm"\nask = false\n' in text(hand_written)
        assert not pilot.app.settings.trackers[0].ask
        await go_to(pilot, "tracker-1")
        await press(pilot, "shift+up")
        assert [t.key for t in pilot.app.settings.trackers] == ["headache", "heart_rate"]
        assert text(hand_written).index('key = "headache"') < text(hand_written).index(
            'key = "heart_rate"'
        )
        assert '# my own questions\n\n[[trackers]]\nkey = "headache"' in text(hand_written)
        assert text(hand_written).endswith("ask = false\n\n# the end\n")


async def test_steps_day_start_and_birth_year(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "step-diet")
        await press(pilot, "space")
        await go_to(pilot, "day-start")
        await press(pilot, "enter", "backspace", "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "4")
        await press(pilot, "enter")
        await go_to(pilot, "birth-year")
        await press(pilot, "enter", "backspace", "backspace", "backspace", "backspace")
        await press(pilot, "enter")  # empty: cleared
        assert text(hand_written) == (
            HAND_WRITTEN.replace(
                "birth_year = 1968   # for the 50+ alarm\n", 'day_starts_at = "04:00"\n'
            ).replace("I like this one\n", "I like this one\ndiet = false\n")
        )
        settings = pilot.app.settings
        assert not settings.asks("diet") and settings.day_starts_at.hour == 4
        assert settings.birth_year is None
        # The next check-in asks what the file now says: no diet questions.
        await press(pilot, "escape")
        pilot.app.open_checkin(TODAY)
        await pilot.pause()
        steps = [s.id for s in pilot.app.screen.session.steps]
        assert "fiber_servings" not in steps and "water_ml" not in steps


async def test_a_wrong_value_in_a_form_is_said_and_nothing_written(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "day-start")
        await press(pilot, "enter", "backspace", "backspace", "backspace")
        await type_text(pilot, "9:9")
        await press(pilot, "enter")
        assert "00:00 to 23:59" in pilot.app.screen.query_one("#error").text
        await press(pilot, "escape")
        assert text(hand_written) == HAND_WRITTEN


async def test_a_file_it_cannot_read_is_said_and_never_rewritten(root: Path):
    root.mkdir(parents=True)
    broken = '# mine\ntheme = "dark"\n[[substances]]\nname = "x"\nunit = "kg"\n'
    write_settings(root, broken)
    before = snapshot_tree(root)
    async with make_app(root, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problem = pilot.app.screen.query_one("#settings-problem").text
        assert "has a problem" in problem and "fixed by hand" in problem
        await go_to(pilot, "step-diet")
        await press(pilot, "space")
        message = pilot.app.screen.query_one("#settings-message").text
        # said at once, without a dialog first (the problem itself is on the top line)
        assert message == "Not changed: settings.toml has a problem (see the top line)."
        await press(pilot, "ctrl+t")
    assert snapshot_tree(root) == before


async def test_a_typed_name_is_data_never_markup(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-substance")
        await press(pilot, "enter")
        await type_text(pilot, "[@click=app.quit]x[/]")
        await press(pilot, "tab")
        await type_text(pilot, "g")
        await press(pilot, "enter")
        assert "  [@click=app.quit]x[/] · g · not classified" in shown(pilot)
        assert pilot.app.is_running
        assert "[@click=app.quit]x[/]" in text(hand_written)


async def test_a_click_opens_a_line(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listing = pilot.app.screen.query_one(OptionList)
        row = listing.get_option_index("birth-year")
        await pilot.click(OptionList, offset=(4, row))  # picks it (as on home)
        await pilot.pause()
        assert not pilot.app.screen.query("#value") and listing.highlighted == row
        await pilot.click(OptionList, offset=(4, row))  # opens it
        await pilot.pause()
        assert pilot.app.screen.query("#value")
        await press(pilot, "escape")


async def test_help_lists_the_screens_keys(hand_written: Path):
    async with make_app(hand_written, start=("settings",)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "tracker-0")
        await press(pilot, "question_mark")
        rows = [line.text for line in pilot.app.screen.query(".help-row")]
        assert any("Move up" in row for row in rows)
        assert any("space switches" in row for row in rows)
