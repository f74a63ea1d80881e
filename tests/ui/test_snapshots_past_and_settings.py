"""Screenshots of the settings screen and its forms, the day view, notes search and the confirm
dialogs (delete a day, remove a substance) at 80x24 and at the smallest size, 60x20.

Update with `pytest tests/ui/test_snapshots_past_and_settings.py --snapshot-update` and look at
the SVGs.
"""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList

from fatiguelog.ui.widgets.daytable import DayTable
from tests.factories import write_settings

from .conftest import TODAY, YESTERDAY, make_app, wait_for_home, write_entry
from .test_settings_screen import HAND_WRITTEN

SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])


@pytest.fixture
def history(root: Path) -> Path:
    root.mkdir(parents=True)
    write_settings(root, HAND_WRITTEN)
    write_entry(
        root,
        YESTERDAY,
        symptoms={"fatigue": 7, "pem": 5, "brain_fog": 6},
        sleep={"hours": 6.5, "quality": 3},
        gi={
            "stools": [{"bristol": 2, "straining": True, "time": time(8, 30)}],
            "no_bowel_movement": False,
        },
        intake=[{"substance": "kratom", "amount": 2.5, "unit": "g"}],
        notes="Felt dizzy on standing after the shower.\n"
        "[bold]Typed brackets stay text[/bold], as typed.",
    )
    write_entry(
        root,
        TODAY - timedelta(days=4),
        symptoms={"fatigue": 4},
        notes="A calm day; a little DIZZY in the evening",
    )
    return root


def settings_at(option_id: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        listing = pilot.app.screen.query_one(OptionList)
        listing.highlighted = listing.get_option_index(option_id)
        await pilot.pause()

    return run_before


async def on_yesterday(pilot) -> None:
    await wait_for_home(pilot)
    table = pilot.app.screen.query_one("#recent", DayTable)
    table.focus()
    table.move_cursor(table.row_keys.index(YESTERDAY.isoformat()))
    await pilot.pause()


async def searched(pilot) -> None:
    await wait_for_home(pilot)
    await pilot.press("slash", *"dizzy", "enter")
    for _ in range(300):
        await pilot.pause(0.02)
        if not getattr(pilot.app.screen, "searching", True):
            break
    await pilot.pause()


@SIZES
def test_settings_screen(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(app, terminal_size=size, run_before=settings_at("tracker-0"))


def test_settings_screen_light(snap_compare, history):
    app = make_app(history, start=("settings",))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=settings_at("step-diet"), press=["ctrl+t", "space"]
    )


def test_settings_screen_with_a_problem(snap_compare, root):
    root.mkdir(parents=True)
    write_settings(root, '[[substances]]\nname = "x"\nunit = "kg"\n')
    app = make_app(root, start=("settings",))
    assert snap_compare(
        app, terminal_size=(80, 24), run_before=settings_at("step-diet"), press=["space"]
    )


@SIZES
def test_substance_form(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(
        app, terminal_size=size, run_before=settings_at("add-substance"), press=["enter", *"senna"]
    )


@SIZES
def test_substance_change_form(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(
        app, terminal_size=size, run_before=settings_at("substance-0"), press=["enter"]
    )


@SIZES
def test_tracker_form(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(
        app,
        terminal_size=size,
        run_before=settings_at("add-tracker"),
        press=["enter", *"Dizziness on standing"],
    )


@SIZES
def test_tracker_change_form(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(
        app, terminal_size=size, run_before=settings_at("tracker-0"), press=["enter"]
    )


@SIZES
def test_day_start_form(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(
        app, terminal_size=size, run_before=settings_at("day-start"), press=["enter"]
    )


@SIZES
def test_remove_substance_confirm(snap_compare, history, size):
    app = make_app(history, start=("settings",))
    assert snap_compare(app, terminal_size=size, run_before=settings_at("substance-0"), press=["x"])


@SIZES
def test_day_view(snap_compare, history, size):
    assert snap_compare(
        make_app(history), terminal_size=size, run_before=on_yesterday, press=["enter"]
    )


@SIZES
def test_delete_day_confirm(snap_compare, history, size):
    assert snap_compare(
        make_app(history), terminal_size=size, run_before=on_yesterday, press=["enter", "x"]
    )


@SIZES
def test_home_after_a_delete_offers_undo(snap_compare, history, size):
    assert snap_compare(
        make_app(history), terminal_size=size, run_before=on_yesterday, press=["x", "y"]
    )


@SIZES
def test_notes_search(snap_compare, history, size):
    assert snap_compare(make_app(history), terminal_size=size, run_before=searched)
