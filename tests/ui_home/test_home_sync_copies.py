"""The home screen says, in one line, when sync-conflict copies wait to be merged."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fatiguelog.ui.app import FatiguelogApp
from tests.ui.conftest import wait_for_home, write_entry

TODAY = date(2026, 11, 25)
COPY = "2026-11-24.sync-conflict-20261124-213000-ABCDEFG.toml"


def with_copy(root: Path) -> None:
    write_entry(root, date(2026, 11, 24), symptoms={"fatigue": 5})
    (root / "entries" / "2026" / COPY).write_text(
        "schema = 1\ndate = 2026-11-24\n[symptoms]\nfatigue = 6\n"
    )


async def conflicts_line(app: FatiguelogApp, pilot) -> str:
    await wait_for_home(pilot)
    for _ in range(100):
        found = app.screen.query("#home-conflicts")
        if found:
            return str(found.first().render())
        await pilot.pause(0.02)
    return ""


async def test_waiting_copies_are_one_line_on_home(tmp_path: Path) -> None:
    root = tmp_path / "data"
    with_copy(root)
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        line = await conflicts_line(app, pilot)
    assert line == "1 sync-conflict copy waiting: run 'fatiguelog conflicts --merge'."


async def test_no_line_without_copies(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_entry(root, date(2026, 11, 24), symptoms={"fatigue": 5})
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pilot.pause()
        assert not app.screen.query("#home-conflicts")


def test_home_with_a_sync_copy(snap_compare, tmp_path: Path) -> None:
    root = tmp_path / "data"
    with_copy(root)

    async def ready(pilot) -> None:
        await conflicts_line(pilot.app, pilot)

    app = FatiguelogApp(root, today=TODAY, blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)


def with_red_flag_copy(root: Path) -> None:
    write_entry(root, date(2026, 11, 24), symptoms={"fatigue": 5})
    (root / "entries" / "2026" / COPY).write_text(
        "schema = 1\ndate = 2026-11-24\n[red_flags]\nblood_in_stool = true\n"
    )


async def test_a_red_flag_in_a_waiting_copy_is_said_with_its_advice(tmp_path: Path) -> None:
    from fatiguelog.model import RED_ADVICE_LOGGED_PAST

    root = tmp_path / "data"
    with_red_flag_copy(root)
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        line = await conflicts_line(app, pilot)
    assert line.startswith(
        "!! A sync copy reports a red flag. Red flag reported on "
        "2026-11-24: Blood in stool. " + RED_ADVICE_LOGGED_PAST["blood_in_stool"]
    )
    assert line.endswith("1 sync-conflict copy waiting: run 'fatiguelog conflicts --merge'.")


async def test_a_copy_that_cant_be_merged_says_where_to_look(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write_entry(root, date(2026, 11, 24), symptoms={"fatigue": 5})
    (root / "entries" / "2026" / COPY).write_text("not [[ toml")
    app = FatiguelogApp(root, today=TODAY, blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        line = await conflicts_line(app, pilot)
    assert line == (
        "1 sync-conflict copy waiting: run 'fatiguelog conflicts' to see why it "
        "can't be merged as it is."
    )


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
def test_home_with_a_red_flag_in_a_sync_copy(
    snap_compare, tmp_path: Path, size: tuple[int, int]
) -> None:
    root = tmp_path / "data"
    with_red_flag_copy(root)

    async def ready(pilot) -> None:
        await conflicts_line(pilot.app, pilot)

    app = FatiguelogApp(root, today=TODAY, blink=False)
    assert snap_compare(app, terminal_size=size, run_before=ready)
