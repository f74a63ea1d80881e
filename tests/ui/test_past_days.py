"""Past days in the app: the read-only day view from the two weeks, delete (asks first) and
undo, and notes search with `/` (whole history, any case, newest first, off the UI thread).
Notes stay on screen: never in a notification, never written anywhere."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList

from fatiguelog.pastdays import day_answers, note_snippet, search_notes
from fatiguelog.store import Store
from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.day import DayScreen, SearchScreen
from fatiguelog.ui.screens.dialogs import ConfirmDialog
from fatiguelog.ui.screens.home import HomeScreen
from fatiguelog.ui.widgets.daytable import DayTable
from tests.factories import entry_file

from ..conftest import snapshot_tree
from .conftest import TODAY, YESTERDAY, make_app, press, type_text, wait_for_home, write_entry

TWO_DAYS_AGO = TODAY - timedelta(days=2)
LONG_AGO = date(2021, 3, 4)
NOTE = "Felt dizzy on standing after the shower.\n[bold]not markup[/bold] \x1b]0;hi\x07"


@pytest.fixture
def history(root: Path) -> Path:
    write_entry(
        root,
        YESTERDAY,
        symptoms={"fatigue": 7, "pem": 5},
        sleep={"hours": 6.5},
        gi={
            "stools": [{"bristol": 2, "straining": True, "time": time(8, 30)}],
            "no_bowel_movement": False,
        },
        intake=[{"substance": "kratom", "amount": 2.5, "unit": "g"}],
        notes=NOTE,
    )
    write_entry(root, TWO_DAYS_AGO, symptoms={"fatigue": 4}, notes="A calm day, no DIZZINESS")
    write_entry(root, LONG_AGO, symptoms={"fatigue": 3}, notes="dizzy years ago")
    return root


async def pick_day(pilot, day: date) -> None:
    """Up/down on the two weeks to `day`."""
    table = pilot.app.screen.query_one("#recent", DayTable)
    table.focus()
    await pilot.pause()
    for _ in range(14):
        if table.cursor_key == day.isoformat():
            return
        await press(pilot, "down")
    raise AssertionError(f"{day} is not in the two weeks")


def screen_text(pilot) -> str:
    return "\n".join(str(w.render()) for w in pilot.app.screen.query("Static"))


async def test_enter_on_a_day_opens_it_read_only_with_its_notes_as_text(history: Path):
    before = snapshot_tree(history)
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, DayScreen)
        shown = screen_text(pilot)
        assert "Tuesday 24 November 2026 · checked in" in shown
        assert "Fatigue: 7 of 10" in shown
        assert "Post-exertional malaise (PEM): 5 of 10" in shown
        assert "Bowel movements: 1: 08:30 type 2, straining" in shown
        assert "Intake: kratom 2.5 g" in shown
        notes = str(pilot.app.screen.query_one(".day-notes").render())
        assert "[bold]not markup[/bold]" in notes and "\x1b" not in notes
        assert "Not answered: Pain, Brain fog" in shown
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, HomeScreen)
    assert snapshot_tree(history) == before  # reading a day writes nothing


async def test_enter_on_a_day_without_a_file_starts_its_check_in(history: Path):
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, TODAY - timedelta(days=3))
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, CheckinScreen)
        assert screen.session.day == TODAY - timedelta(days=3)
        assert not screen.session.existing  # a new day: nothing on disk is being edited


async def test_enter_in_the_day_view_changes_the_day_in_the_check_in(history: Path):
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, TWO_DAYS_AGO)
        await press(pilot, "enter", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, CheckinScreen) and screen.session.day == TWO_DAYS_AGO
        assert screen.session.existing


async def test_delete_from_the_day_view_then_undo(history: Path):
    path = entry_file(history, YESTERDAY)
    original = path.read_bytes()
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter", "x")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await press(pilot, "y")
        assert isinstance(pilot.app.screen, HomeScreen)
        assert not path.exists()
        [trashed] = list((history / "trash").iterdir())
        assert trashed.read_bytes() == original
        message = pilot.app.screen.query_one("#home-message").text
        assert "Deleted Tue 24 Nov 2026" in message and "Press u to undo" in message
        assert "undo_delete" in {
            b.binding.action.removeprefix("app.") for b in pilot.app.screen.active_bindings.values()
        }
        await press(pilot, "u")
        assert path.read_bytes() == original
        assert list((history / "trash").iterdir()) == []
        assert "Restored Tue 24 Nov 2026" in pilot.app.screen.query_one("#home-message").text
        await press(pilot, "u")  # nothing more to undo: nothing happens
        assert path.read_bytes() == original


async def test_x_on_the_two_weeks_asks_first_and_enter_keeps_the_day(history: Path):
    before = snapshot_tree(history)
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, TWO_DAYS_AGO)
        await press(pilot, "x")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        await press(pilot, "enter")  # the safe answer
        assert isinstance(pilot.app.screen, HomeScreen)
        await press(pilot, "x", "n")
        await press(pilot, "x", "escape")
    assert snapshot_tree(history) == before


async def test_x_on_the_two_weeks_deletes_after_yes(history: Path):
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, TWO_DAYS_AGO)
        await press(pilot, "x", "y")
        assert not entry_file(history, TWO_DAYS_AGO).exists()
        table = pilot.app.screen.query_one("#recent", DayTable)
        assert table.row(TWO_DAYS_AGO.isoformat())[1] == "missing"


async def test_a_broken_day_says_why_and_can_still_be_deleted(root: Path):
    path = entry_file(root, YESTERDAY)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"schema = 1\ndate = [broken\n")
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, DayScreen)
        assert "can't be read" in screen.query_one("#day-note").text
        await press(pilot, "enter")  # can't be edited: nothing opens
        assert isinstance(pilot.app.screen, DayScreen)
        await press(pilot, "x", "y")
    [trashed] = list((root / "trash").iterdir())
    assert trashed.read_bytes() == b"schema = 1\ndate = [broken\n"


async def wait_for_search(pilot) -> None:
    for _ in range(300):
        await pilot.pause(0.02)
        if not pilot.app.screen.searching:
            return
    raise AssertionError("the search never finished")


async def test_slash_searches_every_note_newest_first_and_opens_the_day(history: Path, monkeypatch):
    notified: list[str] = []
    before = snapshot_tree(history)
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        monkeypatch.setattr(pilot.app, "notify", lambda message, **_: notified.append(message))
        await wait_for_home(pilot)
        await press(pilot, "slash")
        assert isinstance(pilot.app.screen, SearchScreen)
        await type_text(pilot, "DIZZ")
        await press(pilot, "enter")
        await wait_for_search(pilot)
        listing = pilot.app.screen.query_one("#search-results", OptionList)
        ids = [option.id for option in listing.options]
        assert ids == [YESTERDAY.isoformat(), TWO_DAYS_AGO.isoformat(), LONG_AGO.isoformat()]
        first = str(listing.options[0].prompt)
        assert first.startswith("Tue 24 Nov 2026  Felt dizzy on standing")
        assert "3 days with" in pilot.app.screen.query_one("#search-status").text
        await press(pilot, "down", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, DayScreen) and screen.day == TWO_DAYS_AGO
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, SearchScreen)
    assert not any("dizz" in message.lower() for message in notified)
    assert snapshot_tree(history) == before  # nothing written: no cache of notes, no log


async def test_a_search_that_finds_nothing_says_so(history: Path):
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "migraine")
        await press(pilot, "enter")
        await wait_for_search(pilot)
        assert (
            pilot.app.screen.query_one("#search-status").text
            == "No note holds \u201cmigraine\u201d."
        )


async def test_deleting_a_day_found_by_search_updates_the_results(history: Path):
    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "dizz")
        await press(pilot, "enter")
        await wait_for_search(pilot)
        await press(pilot, "enter", "x", "y")  # the newest day found
        await pilot.pause()
        assert isinstance(pilot.app.screen, SearchScreen)
        await wait_for_search(pilot)
        ids = [o.id for o in pilot.app.screen.query_one("#search-results", OptionList).options]
        assert YESTERDAY.isoformat() not in ids and len(ids) == 2
        assert "Press u to undo" in pilot.app.screen.query_one("#search-status").text


# -- the Textual-free part ------------------------------------------------------------------


def test_search_reads_past_broken_files_and_links_outside(history: Path, tmp_path: Path):
    broken = entry_file(history, TODAY)
    broken.write_bytes(b'notes = "dizzy" \xff')
    outside = tmp_path / "outside.toml"
    outside.write_text(f'schema = 1\ndate = {TODAY - timedelta(days=6)}\nnotes = "dizzy"\n')
    entry_file(history, TODAY - timedelta(days=6)).symlink_to(outside)
    hits = search_notes(history, "dizzy")
    assert [h.day for h in hits] == [YESTERDAY, LONG_AGO]


def test_a_snippet_is_one_line_around_the_first_match() -> None:
    text = "word " * 20 + "Dizzy\nagain " + "more " * 20
    snippet, start, end = note_snippet(text, "dizzy")  # type: ignore[misc]
    assert "\n" not in snippet and snippet[start:end] == "Dizzy"
    assert snippet.startswith("...") and snippet.endswith("...")
    assert note_snippet("nothing here", "dizzy") is None


def test_day_answers_name_each_answer_and_what_was_left(history: Path) -> None:
    entry = Store(history).read(YESTERDAY).entry
    assert entry is not None
    answered, missing = day_answers(entry)
    assert ("Hours of sleep", "6.5 hours") in answered
    assert "Exertion" not in [label for label, _words in answered] and "Exertion" in missing
    assert all("today" not in words for _label, words in answered)


def test_a_step_switched_off_is_not_listed_as_unanswered(history: Path) -> None:
    from fatiguelog.settings import Settings

    entry = Store(history).read(YESTERDAY).entry
    assert entry is not None
    steps = dict(Settings().steps, diet=False)
    _answered, missing = day_answers(entry, Settings(steps=steps))
    assert "Fibre" not in missing and "Water" not in missing and "Pain" in missing


async def test_undo_after_the_shell_restored_the_day_says_so_and_stops_offering(history: Path):
    from fatiguelog.trash import restore_day

    async with make_app(history).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "x", "y")
        restore_day(history, YESTERDAY)  # `fatiguelog restore` in another terminal
        await press(pilot, "u")
        assert "no longer there" in pilot.app.screen.query_one("#home-message").text
        assert pilot.app.last_deleted is None
        table = pilot.app.screen.query_one("#recent", DayTable)
        assert table.row(YESTERDAY.isoformat())[1] == "done"
