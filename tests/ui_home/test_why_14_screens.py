"""Issue 14's screen points, with the summary held back: what is on screen while the flags (or
the trend view's figures) are still being worked out.

`fatiguelog.report.summarize` is made to wait on an event the test sets only after looking,
so whatever the screen shows then was drawn without it. Nothing here is timed: the test looks
while the work is held, then lets it go.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from fatiguelog import report
from fatiguelog.settings import Settings
from fatiguelog.ui.screens.trends import TrendsScreen
from fatiguelog.ui.widgets.flags import FlagCard
from tests.factories import TODAY, make_app, save_entry
from tests.ui.conftest import wait_for_home
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import build, constipated_after_increase
from tests.ui_trends.hostapp import HostApp

SIZE = (80, 24)


class Held:
    """`report.summarize`, once `start`ed, held until `release` (or 60 s, so a failing test
    never hangs)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.gate = threading.Event()
        self.calls = 0

    def start(self) -> None:
        original = report.summarize

        def waiting(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            self.gate.wait(60)
            return original(*args, **kwargs)

        self.monkeypatch.setattr(report, "summarize", waiting)

    def release(self) -> None:
        self.gate.set()


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    hold = Held(monkeypatch)
    yield hold
    hold.release()  # (the app's worker thread is never left waiting)


def lines_of(app: Any, selector: str) -> list[str]:
    return [str(w.render()) for w in app.screen.query(selector)]


# Why 14 "the urgent line waits for that too": fails at ee66232^.
async def test_home_says_a_red_flag_of_the_last_week_before_any_summary(
    tmp_path: Path, held: Held
) -> None:
    root = tmp_path / "data"
    for back in range(1, 30):
        save_entry(root, TODAY - timedelta(days=back), symptoms={"fatigue": 4})
    save_entry(
        root, TODAY - timedelta(days=3), symptoms={"fatigue": 4}, red_flags={"blood_in_stool": True}
    )
    app = make_app(root)
    held.start()
    async with app.run_test(size=SIZE) as pilot:
        try:
            shown = lines_of(app, "#home-flags Static")  # (what the first frame drew)
            await pilot.pause()
            assert held.calls <= 1 and not held.gate.is_set()  # (the flags: still held)
            assert any(line.startswith("Looking") for line in lines_of(app, "#home-flags Static"))
            assert (
                shown[0] == "!! SEEK MEDICAL CARE PROMPTLY: Blood in stool reported on 2026-11-22."
            )
        finally:
            held.release()
        await wait_for_home(pilot)  # (and the full flags follow, the urgent line first)
        assert lines_of(app, "#home-flags Static")[0] == shown[0]


# Why 14 "the screen keeps the previous period's flags under the new title": fails at
# ee66232^.
async def test_a_period_switch_never_shows_the_old_period_s_flags_under_the_new_title(
    tmp_path: Path, held: Held
) -> None:
    root = tmp_path / "data"
    build(root, 200, constipated_after_increase(200))
    app = HostApp(lambda: TrendsScreen(root, Settings(), 30, today=TODAY))
    async with app.run_test(size=SIZE) as pilot:
        await wait_loaded(pilot)
        assert app.screen.query(FlagCard)  # (the 30 days' flags, on screen)
        held.start()
        try:
            await pilot.press("5")
            for _ in range(5):
                await pilot.pause()
            assert "All your entries" in lines_of(app, "#trends-title")[0]
            assert not app.screen.query(FlagCard)
            body = app.screen.query_one("#trends-body").children
            assert [w.id for w in body] == ["trends-loading"]  # (the progress line alone)
        finally:
            held.release()
        await wait_loaded(pilot)
        assert app.screen.query(FlagCard)  # (All's own flags, once worked out)
