"""Outside test of issue 13 on the settings screen: findings 5 (a later day start must not
hide today's entry; seconds are refused in words), 9 (a click on another line only picks it,
and a message never moves the lines under the mouse)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import OptionList

from fatiguelog.ui.app import FatiguelogApp

from .conftest import TODAY, make_app, press, type_text, write_entry
from .test_settings_screen import HAND_WRITTEN, go_to, hand_written, text  # noqa: F401

AT_1624 = datetime(2026, 11, 25, 16, 24)


def app_at(root: Path) -> FatiguelogApp:
    return make_app(root, ("settings",), now=AT_1624)


async def set_day_start(pilot, typed: str) -> None:
    await go_to(pilot, "day-start")
    await press(pilot, "enter", *["backspace"] * 5)
    await type_text(pilot, typed)
    await press(pilot, "enter")


async def test_a_day_start_that_would_hide_today_is_refused(hand_written: Path):  # noqa: F811
    write_entry(hand_written, TODAY, gi={"stools": [{"bristol": 4}]})
    async with app_at(hand_written).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_day_start(pilot, "23:00")
        message = pilot.app.screen.query_one("#settings-message").text
        assert message.startswith("Not changed: with a day starting at 23:00")
        assert "Wed 25 Nov's entry would be hidden" in message
        assert text(hand_written) == HAND_WRITTEN
        assert pilot.app.today == TODAY
        await set_day_start(pilot, "04:00")  # before now: today stays today
        assert 'day_starts_at = "04:00"' in text(hand_written)


async def test_seconds_are_refused_in_words_not_cut_off(hand_written: Path):  # noqa: F811
    async with app_at(hand_written).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await set_day_start(pilot, "03:59:59")
        assert "Hours and minutes from 00:00 to 23:59" in pilot.app.screen.query_one("#error").text
        await press(pilot, "escape")
        assert text(hand_written) == HAND_WRITTEN


async def test_a_click_picks_a_line_and_a_second_click_changes_it(hand_written: Path):  # noqa: F811
    async with app_at(hand_written).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        listing = pilot.app.screen.query_one(OptionList)
        row = listing.get_option_index("step-sleep")
        top = listing.region.y
        await pilot.click(offset=(6, top + row))
        await pilot.pause()
        assert listing.highlighted == row
        assert text(hand_written) == HAND_WRITTEN  # only picked
        await pilot.click(offset=(6, top + row))
        await pilot.pause()
        assert "sleep = false" in text(hand_written)
        assert pilot.app.screen.query_one("#settings-message").text.startswith("Sleep is no")
        assert listing.region.y == top  # the message did not push the lines down
        await pilot.click(offset=(6, top + row))  # the same spot: the same line
        await pilot.pause()
        assert "sleep = true" in text(hand_written)


async def test_a_linked_settings_file_is_said_up_front_and_no_form_opens(
    hand_written: Path,  # noqa: F811
    tmp_path: Path,
):
    real = tmp_path / "dotfiles" / "settings.toml"
    real.parent.mkdir()
    link = hand_written / "settings.toml"
    real.write_text(link.read_text())
    link.unlink()
    link.symlink_to(real)
    async with app_at(hand_written).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        top = pilot.app.screen.query_one("#settings-problem").text
        assert top.startswith("settings.toml is a link")
        await go_to(pilot, "birth-year")
        await press(pilot, "enter")
        assert not pilot.app.screen.query("#value")  # no form for nothing
        assert pilot.app.screen.query_one("#settings-message").text.startswith(
            "Not changed: settings.toml is a link"
        )
        await go_to(pilot, "theme")
        await press(pilot, "enter")
        listing = pilot.app.screen.query_one(OptionList)
        line = str(listing.get_option("theme").prompt)
        assert line == "  Theme: light for now (settings.toml still says dark: not saved)"
    assert real.read_text() == HAND_WRITTEN and link.is_symlink()


async def test_a_class_against_the_built_in_table_is_said_before_it_is_saved(hand_written: Path):  # noqa: F811
    async with app_at(hand_written).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-substance")
        await press(pilot, "enter")
        await type_text(pilot, "Tramadol")
        await press(pilot, "tab")
        await type_text(pilot, "mg")
        await press(pilot, "tab", "up", "space", "enter")  # Up wraps round to "other"
        error = pilot.app.screen.query_one("#error").text
        assert "The built-in table says Tramadol is opioid; you picked other" in error
        assert "Tramadol" not in text(hand_written)
        await press(pilot, "enter")  # said, and meant
        assert 'name = "Tramadol"' in text(hand_written) and 'class = "other"' in text(hand_written)
        message = pilot.app.screen.query_one("#settings-message").text
        assert message == (
            "Added Tramadol: mg, other (the built-in table says opioid: yours is used)."
        )


async def test_a_long_name_or_question_is_refused_in_words_never_cut(hand_written: Path):  # noqa: F811
    async with app_at(hand_written).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "add-substance")
        await press(pilot, "enter")
        pilot.app.screen.query_one("#name").value = "x" * 240
        await press(pilot, "tab")
        await type_text(pilot, "g")
        await press(pilot, "enter")
        assert pilot.app.screen.query_one("#error").text == (
            "The name: at most 60 characters, so it fits on a line (this one has 240)."
        )
        await press(pilot, "escape")
        await go_to(pilot, "add-tracker")
        await press(pilot, "enter")
        label = "Dizziness on standing up after a shower in the morning or evening"
        await type_text(pilot, label)
        assert pilot.app.screen.query_one("#label").value == label  # all of it, not 60
        await press(pilot, "enter")
        assert "at most 60 characters" in pilot.app.screen.query_one("#error").text
        await press(pilot, "escape")
    assert text(hand_written) == HAND_WRITTEN
