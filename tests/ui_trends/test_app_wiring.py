"""The real app opens the trend view and the export screen: from the command line and home."""

from __future__ import annotations

from pathlib import Path

from fatiguelog.ui.app import FatiguelogApp
from fatiguelog.ui.screens.export import ExportScreen
from fatiguelog.ui.screens.trends import TrendsScreen
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import TODAY

SIZE = (80, 24)


async def test_start_in_trends_with_days(urgent_root: Path) -> None:
    app = FatiguelogApp(urgent_root, start=("trends", 30), today=TODAY, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        assert isinstance(screen, TrendsScreen)
        assert screen.summary.days == 30 and screen.summary.last == TODAY
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, TrendsScreen)  # back home, the app still runs
        assert app.is_running


async def test_home_keys_open_trends_and_export(calm_root: Path) -> None:
    app = FatiguelogApp(calm_root, today=TODAY, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        await wait_loaded(pilot)
        assert isinstance(app.screen, TrendsScreen)
        assert app.screen.summary.days == 90  # the default period
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ExportScreen)
