"""Outside test 13b, finding 9: after deleting a day and undoing it, home lost its "Not
checked (not enough data): ..." line until the app was started again."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from .conftest import TODAY, make_app, press, screen_text, wait_for_home, write_entry

SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])


def five_days(root: Path) -> None:
    for back in range(1, 6):
        write_entry(
            root,
            TODAY - timedelta(days=back),
            symptoms={"fatigue": 5, "pem": 3},
            gi={"stools": [{"bristol": 4, "straining": True}]},
        )


async def undone_then_moved(pilot) -> None:
    await wait_for_home(pilot)
    await press(pilot, "down", "x", "y", "u")
    await wait_for_home(pilot)
    await press(pilot, "down")


@SIZES
async def test_home_after_delete_undo_says_what_a_fresh_start_says(root: Path, size) -> None:
    five_days(root)
    fresh = make_app(root)
    async with fresh.run_test(size=size) as pilot:
        await wait_for_home(pilot)
        await pilot.pause()
        started = screen_text(fresh)
    assert "Not checked (not enough data):" in started
    app = make_app(root)
    async with app.run_test(size=size) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "down", "x", "y", "u")
        await wait_for_home(pilot)
        assert "Restored Tue 24 Nov 2026." in screen_text(app)  # said, first
        await press(pilot, "down")  # another day picked: the message has been read
        assert screen_text(app) == started


@SIZES
def test_snapshot_home_after_delete_undo_and_a_move(snap_compare, root: Path, size) -> None:
    five_days(root)
    assert snap_compare(make_app(root), terminal_size=size, run_before=undone_then_moved)
