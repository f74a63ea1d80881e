"""Outside test of issue 13, finding 1: the day view of a day with notes survives any screen
opened over it and closed, again and again (it crashed with DuplicateIds on 'day-notes')."""

from __future__ import annotations

from pathlib import Path

from fatiguelog.ui.screens.day import DayScreen

from .conftest import YESTERDAY, make_app, press, wait_for_home, write_entry
from .test_past_days import pick_day


async def test_day_view_with_notes_survives_screens_opened_over_it(root: Path):
    write_entry(root, YESTERDAY, symptoms={"fatigue": 7}, notes="walked to the shop")
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, DayScreen)
        for keys in (
            ("question_mark", "escape"),
            ("x", "n"),
            ("question_mark", "escape"),
            ("enter", "escape"),
            ("x", "escape"),
        ):
            await press(pilot, *keys)
            assert isinstance(pilot.app.screen, DayScreen), keys
            notes = pilot.app.screen.query(".day-notes")
            assert len(notes) == 1
            assert "walked to the shop" in str(notes.first().render())


def test_a_huge_match_shows_one_line_of_the_note_not_all_of_it():
    from fatiguelog.pastdays import note_snippet

    text = "a" * 5000
    snippet, start, end = note_snippet(text, text)
    assert len(snippet) <= 80 and snippet.endswith("...")
    assert (start, end) == (0, len(snippet) - 3)


async def test_an_unreadable_day_does_not_offer_enter(root: Path):
    from fatiguelog import paths

    path = paths.entry_path(root, YESTERDAY)
    path.parent.mkdir(parents=True)
    path.write_text("schema = 1\ndate = [broken\n")
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, DayScreen)
        hint = pilot.app.screen.query_one("#day-hint").text
        assert hint == "x moves it to the trash, Esc goes back."
