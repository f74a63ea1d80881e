"""Home's two weeks as their own light table (issue 14: Textual's DataTable cost the first
frame ~10%): the keys, Enter and a click, the `>` that marks the picked day in text (not by
colour alone), and the picked day kept in view on a short terminal."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.ui.screens.day import DayScreen
from fatiguelog.ui.screens.home import HomeScreen
from fatiguelog.ui.widgets.daytable import MARKER, DayTable
from tests.ui.conftest import TODAY, make_app, press, wait_for_home, write_entry


@pytest.fixture
def root(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    for back in range(1, 14):
        write_entry(root, TODAY - timedelta(days=back), symptoms={"fatigue": back % 10})
    return root


def table_of(pilot) -> DayTable:
    return pilot.app.screen.query_one("#recent", DayTable)


def marked(pilot) -> list[str]:
    """The lines of the two weeks on screen that carry the marker."""
    return [line for line in table_of(pilot).lines() if line.lstrip().startswith(MARKER)]


def day_of(key: str | None) -> date:
    assert key is not None
    return date.fromisoformat(key)


async def test_the_picked_day_is_marked_in_text_and_the_keys_move_it(root: Path) -> None:
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        table = table_of(pilot)
        assert pilot.app.focused is table  # as the DataTable had it: keys work at once
        header = "Day Check-in Fatigue Red flags Bowel movements"
        assert " ".join(table.lines()[0].split()) == header
        assert marked(pilot) == [f"{MARKER} Today       not yet   -        -          -"]
        await press(pilot, "down", "down")
        assert day_of(table.cursor_key) == TODAY - timedelta(days=2)
        assert [line.split()[:4] for line in marked(pilot)] == [[MARKER, "Mon", "23", "Nov"]]
        await press(pilot, "up")
        assert [line.split()[:4] for line in marked(pilot)] == [[MARKER, "Tue", "24", "Nov"]]
        await press(pilot, "end")
        assert day_of(table.cursor_key) == TODAY - timedelta(days=13)
        assert [line.split()[:4] for line in marked(pilot)] == [[MARKER, "Thu", "12", "Nov"]]
        await press(pilot, "pageup")
        assert table.cursor_row < 13
        assert len(marked(pilot)) == 1
        await press(pilot, "home")
        assert table.cursor_row == 0 and marked(pilot)[0].split()[1] == "Today"
        await press(pilot, "pagedown")
        assert table.cursor_row > 1 and len(marked(pilot)) == 1


async def test_enter_opens_the_picked_day(root: Path) -> None:
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "down", "down", "down", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, DayScreen) and screen.day == TODAY - timedelta(days=3)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, HomeScreen)
        assert day_of(table_of(pilot).cursor_key) == TODAY - timedelta(days=3)


async def test_a_click_on_a_row_opens_that_day(root: Path) -> None:
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        # (line 0 is the header: a click there opens nothing)
        assert await pilot.click("#recent", offset=(5, 0))
        await pilot.pause()
        assert isinstance(pilot.app.screen, HomeScreen)
        assert await pilot.click("#recent", offset=(5, 5))  # the fifth day: 4 days ago
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DayScreen) and screen.day == TODAY - timedelta(days=4)


async def test_the_picked_day_stays_in_view_on_a_short_terminal(root: Path) -> None:
    async with make_app(root).run_test(size=(60, 20)) as pilot:
        await wait_for_home(pilot)
        table = table_of(pilot)
        shown = len(table.lines()) - 1  # rows under the header
        assert 0 < shown < 14  # (too short for all of them: it must scroll)
        for back in range(1, 14):
            await press(pilot, "down")
            lines = table.lines()
            assert lines[0].split()[0] == "Day"  # the header stays
            assert [line.split()[:3] for line in marked(pilot)] == [
                [MARKER, *f"{TODAY - timedelta(days=back):%a %d}".split()]
            ], (back, lines)
        await press(pilot, "home")
        assert marked(pilot)[0].split()[:2] == [MARKER, "Today"]


async def test_the_picked_day_stays_in_view_when_the_terminal_shrinks(root: Path) -> None:
    """Picked low in the list at 80x24, then the terminal shrinks to 60x20 (where a message
    leaves one row): the picked day is the row shown, not one scrolled past it."""
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "end", "up", "up")
        picked = f"{TODAY - timedelta(days=11):%a %d}".split()
        pilot.app.screen.say("Restored a day.")
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        await pilot.pause()
        assert [line.split()[:3] for line in marked(pilot)] == [[MARKER, *picked]], table_of(
            pilot
        ).lines()


async def test_the_red_flags_column_tells_none_from_not_answered(tmp_path: Path) -> None:
    """Outside test 14d #3: "-" stood for "none of these" as well as for a day whose red
    flags were never answered. Now "none" answered is "no"; unknown stays "-", never "no"."""
    root = tmp_path / "data"
    none = dict.fromkeys(("blood_in_stool", "black_stool", "fever"), False)
    write_entry(root, TODAY - timedelta(days=1), symptoms={"fatigue": 4}, red_flags=none)
    write_entry(root, TODAY - timedelta(days=2), symptoms={"fatigue": 4})  # not answered
    write_entry(root, TODAY - timedelta(days=3), red_flags={"fever": True, "vomiting": False})
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        table = table_of(pilot)
        cells = {
            back: table.row((TODAY - timedelta(days=back)).isoformat())[3] for back in (1, 2, 3, 4)
        }
    assert cells == {1: "no", 2: "-", 3: "YES", 4: "-"}  # (4 days ago: no entry at all)
