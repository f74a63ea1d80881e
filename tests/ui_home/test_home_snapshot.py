"""Snapshot of the home screen with an urgent flag and warnings, at 80x24."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from fatiguelog.demo_history import generate
from fatiguelog.ui.app import FatiguelogApp
from tests.ui.conftest import wait_for_home

TODAY = date(2026, 11, 25)


def test_home_with_flags(snap_compare, tmp_path: Path) -> None:
    root = tmp_path / "data"
    generate(root, days=180, seed=7, end=TODAY - timedelta(days=1))

    app = FatiguelogApp(root, today=TODAY, blink=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=wait_for_home)
