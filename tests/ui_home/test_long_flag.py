"""A flag that has been on for months, over ten years of history: home and the trend view date
it by reading back only as far as its run goes (a year, then two more...), and must say the
same `since` and `last` as a recount of the whole history from its first day."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.analysis.build import summary_of
from fatiguelog.analysis.summary import Summary
from fatiguelog.settings import Settings
from fatiguelog.store import Store
from fatiguelog.ui.app import FatiguelogApp
from fatiguelog.ui.screens.trends import TrendsScreen
from tests.ui.conftest import wait_for_home
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import TODAY, build, day_entry

YEARS = 10
STRAINING_DAYS = 700  # on for nearly two years: read back a year, then two more
LOOSE_DAYS = 200  # and a second flag, on for the last 200 days


@pytest.fixture(scope="module")
def long_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("long") / "data"
    days = 365 * YEARS

    def make(i: int, day: date):  # type: ignore[no-untyped-def]
        back = days - 1 - i
        loose = back < LOOSE_DAYS
        return day_entry(
            day,
            bristol=(6, 7) if loose else (4, 4),
            straining=back < STRAINING_DAYS,
            fatigue=4 + i % 3,
            pem=2 + i % 2,
            kratom=2.0,
            notes=f"day {i}",
        )

    build(root, days, make)
    return root


def full_recount(root: Path, first: date, last: date) -> Summary:
    """Every rule run from the history's first day, nothing skipped."""
    records = Store(root, use_cache=False).load_records()
    origin = min(records.records)
    return summary_of(
        records.records.items(),
        lambda: records.problems,
        origin,
        Settings(),
        first,
        last,
        keep_entries=False,
        today=TODAY,
    )


def test_the_history_has_two_long_flags(long_root: Path) -> None:
    full = full_recount(long_root, TODAY - timedelta(days=6), TODAY)
    on = {f.title: f.since for f in full.flags if f.last == TODAY}
    assert len(on) >= 2, on
    assert min(on.values()) <= TODAY - timedelta(days=STRAINING_DAYS - 30)  # a true long run


async def test_home_dates_a_long_running_flag_as_a_full_recount(long_root: Path) -> None:
    full = full_recount(long_root, TODAY - timedelta(days=6), TODAY)
    app = FatiguelogApp(long_root, today=TODAY, blink=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_home(pilot)
        text = "\n".join(str(w.render()) for w in app.screen.query("#home-flags Static"))
    shown = dict(re.findall(r": (.+) \(since (\d{4}-\d\d-\d\d)\)", text))
    expected = {f.title: f.since.isoformat() for f in full.active_flags() if f.level != "urgent"}
    assert shown == expected, text


async def test_the_trend_view_dates_them_as_a_full_recount(long_root: Path) -> None:
    full = full_recount(long_root, TODAY - timedelta(days=29), TODAY)
    app = FatiguelogApp(long_root, start=("trends", 30), today=TODAY, blink=False)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_loaded(pilot)
        assert isinstance(app.screen, TrendsScreen)
        text = "\n".join(str(w.render()) for w in app.screen.query(".overview"))
    shown = re.findall(r": (.+) \(since (\d{4}-\d\d-\d\d), (still on|until [\d-]+)\)", text)
    expected = [
        (
            f.title,
            f.since.isoformat(),
            "still on" if f.last == TODAY else f"until {f.last.isoformat()}",
        )
        for f in full.flags
    ]
    assert sorted(shown) == sorted(expected), text


async def test_all_dates_them_as_a_full_recount_worked_out_and_from_its_cache(
    long_root: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "All" is worked out once, then kept whole (`summarycache`): both say what a recount
    of every day says."""
    from fatiguelog import report

    first = min(Store(long_root, use_cache=False).load_records().records)
    worked_out: list[date] = []
    original = report.summarize

    def counting(store, settings, since, *args, **kwargs):  # type: ignore[no-untyped-def]
        worked_out.append(since)
        return original(store, settings, since, *args, **kwargs)

    monkeypatch.setattr(report, "summarize", counting)
    full = full_recount(long_root, first, TODAY)
    expected = sorted(
        (
            f.title,
            f.since.isoformat(),
            "still on" if f.last == TODAY else f"until {f.last.isoformat()}",
        )
        for f in full.flags
    )
    for run in ("worked out", "from the cache"):
        app = FatiguelogApp(long_root, start=("trends", 7), today=TODAY, blink=False)
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_loaded(pilot)
            await pilot.press("5")  # All
            await wait_loaded(pilot)
            assert isinstance(app.screen, TrendsScreen) and app.screen.days is None
            text = "\n".join(str(w.render()) for w in app.screen.query(".overview"))
            await pilot.pause()
            await app.workers.wait_for_complete()  # (kept once shown)
        shown = re.findall(r": (.+) \(since (\d{4}-\d\d-\d\d), (still on|until [\d-]+)\)", text)
        assert sorted(shown) == expected, (run, text)
        assert list(private_cache.glob("days-*-sum-all.json")), run
        assert worked_out.count(first) == 1, run  # (the second time: from the cache)
