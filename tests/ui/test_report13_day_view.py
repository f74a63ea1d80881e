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
        for keys in (("question_mark", "escape"), ("x", "n"), ("question_mark", "escape"),
                     ("enter", "escape"), ("x", "escape")):
            await press(pilot, *keys)
            assert isinstance(pilot.app.screen, DayScreen), keys
            notes = pilot.app.screen.query(".day-notes")
            assert len(notes) == 1
            assert "walked to the shop" in str(notes.first().render())
