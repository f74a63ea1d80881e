"""Remembered run starts (`fatiguelog.cache.RunHints`): the next summary of a period as long
starts reading where the last one had to, in one pass, and a hint never changes a figure."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog import report
from fatiguelog.analysis.build import build_summary
from fatiguelog.cache import RunHints
from fatiguelog.report import LOOKBACK, period_for, summarize
from fatiguelog.settings import Settings
from fatiguelog.store import Store
from tests.ui_trends.histories import TODAY, build, calm, day_entry, write


def _strained(days: int, flagged: int):
    """Calm days, then straining in every stool for the last `flagged` days."""

    def make(i: int, day: date):
        return day_entry(day, straining=i >= days - flagged)

    return make


def _flags(summary):
    return [(f.id, f.since, f.last, f.active_days, f.evidence, f.episodes) for f in summary.flags]


def _passes(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """The first day of each analysis `summarize` makes."""
    made: list[date] = []
    real = report.analyse

    def counting(records, origin, *args, **kwargs):
        made.append(origin)
        return real(records, origin, *args, **kwargs)

    monkeypatch.setattr(report, "analyse", counting)
    return made


def test_a_flag_on_for_200_days_costs_one_pass_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    build(root, 700, _strained(700, 200))
    store = Store(root)
    first, last = period_for(90, TODAY)
    made = _passes(monkeypatch)
    once = summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    assert len(made) == 2  # the run reaches into the warm-up: a year further back was read
    made.clear()
    again = summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    assert len(made) == 1  # the remembered start covers the whole run at once
    assert made[0] < TODAY - timedelta(days=200)
    flag = next(f for f in again.flags if f.id == "gi.straining")
    assert flag.since == TODAY - timedelta(days=199 - 3)  # 4 answered stools: enough data
    full = build_summary(store.load_all(), Settings(), first, last, today=TODAY)
    assert _flags(again) == _flags(once) == _flags(full)
    assert again.weeks == full.weeks and again.intake_timeline == full.intake_timeline


def test_an_edit_after_the_hint_still_gives_the_full_recount(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hint said the run began 200 days ago; a day in the middle is edited by hand so the
    run now begins later (and, in another edit, much earlier): the flag's since is what a
    full recount says, either way."""
    root = tmp_path / "data"
    build(root, 900, _strained(900, 200))
    store = Store(root)
    first, last = period_for(90, TODAY)
    summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    # The run now breaks 100 days ago: three calm weeks end it.
    write(root, [day_entry(TODAY - timedelta(days=back)) for back in range(100, 121)])
    later = summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    full = build_summary(store.load_all(), Settings(), first, last, today=TODAY)
    assert _flags(later) == _flags(full)
    assert next(f for f in later.flags if f.id == "gi.straining").since > TODAY - timedelta(
        days=100
    )
    # ...and now it began 600 days ago, further back than anything the hint named.
    write(
        root, [day_entry(TODAY - timedelta(days=back), straining=True) for back in range(100, 600)]
    )
    longer = summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    full = build_summary(store.load_all(), Settings(), first, last, today=TODAY)
    assert _flags(longer) == _flags(full)
    assert next(f for f in longer.flags if f.id == "gi.straining").since < TODAY - timedelta(
        days=590
    )


@pytest.mark.parametrize("hint", ["1990-01-01", "2026-11-20", "not a date", None])
def test_a_wrong_or_crafted_hint_changes_no_figure(tmp_path: Path, hint: str | None) -> None:
    root = tmp_path / "data"
    build(root, 500, _strained(500, 200))
    store = Store(root)
    first, last = period_for(90, TODAY)
    hints = RunHints(store.cache_folder(), root)
    hints.path.parent.mkdir(parents=True, exist_ok=True)
    hints.path.write_text(
        json.dumps(
            {
                "format": RunHints.FORMAT,
                "root": hints.root,
                "hints": {"89": [TODAY.isoformat(), hint]},
            }
        )
        if hint
        else "{ torn"
    )
    summary = summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    full = build_summary(store.load_all(), Settings(), first, last, today=TODAY)
    assert _flags(summary) == _flags(full)
    assert summary.series == full.series and summary.gi == full.gi


def test_no_hint_is_kept_without_the_cache_and_a_stale_one_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    build(root, 40, calm)
    summarize(Store(root, use_cache=False), Settings(), *period_for(7, TODAY), today=TODAY)
    assert not RunHints(Store(root).cache_folder(), root).path.exists()
    hints = RunHints(tmp_path / "cache", root)
    hints.remember(TODAY - timedelta(days=6), TODAY, TODAY - timedelta(days=300))
    made_for = TODAY + timedelta(days=RunHints.FRESH_DAYS)
    assert hints.start(made_for - timedelta(days=6), made_for) == TODAY - timedelta(days=300)
    later = made_for + timedelta(days=1)
    assert hints.start(later - timedelta(days=6), later) is None  # too old to trust as a start
    assert hints.start(TODAY - timedelta(days=29), TODAY) is None  # another period length
    data = json.loads(hints.path.read_text())
    assert data["hints"] == {"6": [TODAY.isoformat(), (TODAY - timedelta(days=300)).isoformat()]}
    assert (hints.path.stat().st_mode & 0o777) == 0o600


def test_the_period_start_alone_is_remembered_when_no_flag_reaches_back(tmp_path: Path) -> None:
    root = tmp_path / "data"
    build(root, 400, calm)
    store = Store(root)
    first, last = period_for(30, TODAY)
    summarize(store, Settings(), first, last, keep_entries=False, today=TODAY)
    hints = RunHints(store.cache_folder(), root)
    assert hints.start(first, last) == first - timedelta(days=LOOKBACK)
