"""Shared set-up for app tests: a fixed 'today', no cursor blink, a private data folder."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.model import Entry
from fatiguelog.store import Store
from fatiguelog.ui.app import FatiguelogApp

TODAY = date(2026, 11, 25)
YESTERDAY = date(2026, 11, 24)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


def make_app(root: Path, start=None) -> FatiguelogApp:
    return FatiguelogApp(root, start=start, today=TODAY, blink=False)


def write_entry(root: Path, day: date, **doc) -> None:
    Store(root).save(Entry(day, {"schema": 1, "date": day, **doc}), expected=True)


def read_entry(root: Path, day: date) -> dict:
    path = root / "entries" / f"{day.year}" / f"{day.isoformat()}.toml"
    return tomllib.loads(path.read_text())


async def press(pilot, *keys: str) -> None:
    """Press keys one by one, letting each screen change settle (nothing here is timed)."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def type_text(pilot, text: str) -> None:
    await press(pilot, *text)


async def wait_for_home(pilot) -> None:
    """The home screen draws its two weeks (and an urgent line) in the first frame and works
    out the flags just after it."""
    for _ in range(200):
        await pilot.pause(0.02)
        lines = [str(w.render()) for w in pilot.app.screen.query("#home-flags Static")]
        if lines and not any(line.startswith("Looking") for line in lines):
            return
    raise AssertionError("the home screen never finished loading")
