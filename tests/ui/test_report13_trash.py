"""Outside test of issue 13, findings 2, 3 and 7 in the app: `r` lists every deleted copy (a
day deleted twice is listed twice) and Enter brings the one picked back; deleting a day takes
its unfinished check-in along (it came back as "unfinished"); `u` undoes right after deleting
a day found by search (it was typed into the search box)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Input, OptionList

from fatiguelog import paths
from fatiguelog.trash import delete_day
from fatiguelog.ui.screens.day import SearchScreen, TrashScreen
from fatiguelog.ui.screens.home import HomeScreen
from fatiguelog.ui.widgets.daytable import DayTable
from tests.factories import entry_file

from .conftest import YESTERDAY, make_app, press, type_text, wait_for_home, write_entry
from .test_past_days import pick_day, wait_for_search


def two_deletions(root: Path) -> None:
    write_entry(
        root,
        YESTERDAY,
        symptoms={"fatigue": 7, "pem": 5, "pain": 4, "brain_fog": 6},
        notes="the real day",
    )
    delete_day(root, YESTERDAY, datetime(2026, 11, 25, 16, 19, 47))
    write_entry(root, YESTERDAY, gi={"stools": [{"bristol": 3}]})
    delete_day(root, YESTERDAY, datetime(2026, 11, 25, 16, 19, 53))


async def test_r_lists_every_deleted_copy_and_enter_brings_back_the_one_picked(root: Path):
    two_deletions(root)
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "r")
        screen = pilot.app.screen
        assert isinstance(screen, TrashScreen)
        listing = screen.query_one("#trash-list", OptionList)
        lines = [str(o.prompt) for o in listing.options]
        assert lines == [
            "Tue 24 Nov 2026 · deleted 25 Nov 16:19:53 · logged only: 1 bowel movement",
            "Tue 24 Nov 2026 · deleted 25 Nov 16:19:47 · checked in (fatigue 7)",
        ]
        await press(pilot, "down", "enter")
        assert "the real day" in entry_file(root, YESTERDAY).read_text()
        assert "Restored Tue 24 Nov 2026" in screen.query_one("#trash-status").text
        assert len(listing.options) == 1
        await press(pilot, "enter")  # the other one: refused, the day has an entry again
        assert "already has an entry" in screen.query_one("#trash-status").text
        assert "pick it here again" in screen.query_one("#trash-status").text
        assert "the real day" in entry_file(root, YESTERDAY).read_text()


async def test_deleting_a_day_takes_its_unfinished_check_in_along(root: Path):
    write_entry(root, YESTERDAY, symptoms={"fatigue": 7})
    draft = paths.drafts_dir(root) / f"{YESTERDAY.isoformat()}.toml"
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter", "enter")  # the day view, then the check-in
        await press(pilot, "9")
        await pilot.pause()
        assert draft.exists()
        await press(pilot, "escape")
        while not isinstance(pilot.app.screen, HomeScreen):
            await press(pilot, "escape")
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "x", "y")
        assert not draft.exists() and not entry_file(root, YESTERDAY).exists()
        message = pilot.app.screen.query_one("#home-message").text
        assert "with its unfinished check-in" in message
        await pilot.pause()
        table = pilot.app.screen.query_one("#recent", DayTable)
        assert table.row(YESTERDAY.isoformat())[1] != "unfinished"
        await press(pilot, "u")
        assert draft.exists() and entry_file(root, YESTERDAY).exists()


async def test_u_undoes_right_after_deleting_a_day_found_by_search(root: Path):
    write_entry(root, YESTERDAY, symptoms={"fatigue": 7}, notes="café au lait")
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "café")
        await press(pilot, "enter")
        await wait_for_search(pilot)
        await press(pilot, "enter", "x", "y")
        await pilot.pause()
        assert isinstance(pilot.app.screen, SearchScreen)
        await wait_for_search(pilot)
        assert not entry_file(root, YESTERDAY).exists()
        await press(pilot, "u")
        assert entry_file(root, YESTERDAY).exists()
        assert pilot.app.screen.query_one("#query", Input).value == "café"
