"""`summarize`: reads only what a period needs, yet a flag's `since` is the true start."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.analysis.build import build_summary
from fatiguelog.report import LOOKBACK, period_for, summarize
from fatiguelog.settings import Settings
from fatiguelog.store import Store
from tests.ui_trends.histories import TODAY, build, calm, day_entry, write


def _constipated(i: int, day: date):
    """One hard stool every fourth day, every day recorded: `gi.infrequent` from day 7 on."""
    return day_entry(day, bristol=(2,) if i % 4 == 0 else (), straining=True)


def test_since_is_true_when_the_run_began_200_days_before_the_period(tmp_path: Path) -> None:
    root = tmp_path / "data"
    history_days = 230  # starts 200 days before a 30-day period
    build(root, history_days, _constipated)
    store = Store(root)
    first, last = period_for(30, TODAY)
    summary = summarize(store, Settings(), first, last)
    flag = next(f for f in summary.flags if f.id == "gi.infrequent")
    start = TODAY - timedelta(days=history_days - 1)
    assert flag.since == start + timedelta(days=5)  # the 6th recorded GI day: enough data
    assert (first - flag.since).days > LOOKBACK  # beyond what the first read covered
    assert flag.last == TODAY
    full = build_summary(store.load_all(), Settings(), first, last)
    assert [(f.id, f.since, f.last) for f in summary.flags] == [
        (f.id, f.since, f.last) for f in full.flags
    ]


def test_a_recent_run_needs_no_whole_history_read(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "data"
    days = 600

    def make(i: int, day: date):
        return _constipated(i, day) if i >= days - 20 else calm(i, day)

    build(root, days, make)
    store = Store(root)
    monkeypatch.setattr(store, "load_all", lambda: pytest.fail("read the whole history"))
    summary = summarize(store, Settings(), *period_for(30, TODAY))
    flag = next(f for f in summary.flags if f.id == "gi.infrequent")
    assert TODAY - timedelta(days=20) <= flag.since <= TODAY


def test_problems_of_files_in_the_period_are_kept(tmp_path: Path) -> None:
    root = tmp_path / "data"
    build(root, 40, calm)
    broken = root / "entries" / "2026" / "2026-11-20.toml"
    broken.write_text("schema = 1\ndate = 2026-11-20\n[symptoms\n")
    old = root / "entries" / "2026" / "2026-09-01.toml"
    old.write_text("not toml at all ==")
    summary = summarize(Store(root), Settings(), *period_for(30, TODAY))
    files = [p.file for p in summary.problems]
    assert "entries/2026/2026-11-20.toml" in files
    assert "entries/2026/2026-09-01.toml" not in files  # before the period


def test_notes_only_when_asked(tmp_path: Path) -> None:
    root = tmp_path / "data"
    write(root, [day_entry(TODAY, notes="private words")])
    first, last = period_for(7, TODAY)
    assert summarize(Store(root), Settings(), first, last).notes is None
    notes = summarize(Store(root), Settings(), first, last, include_notes=True).notes
    assert notes == ((TODAY, "private words"),)


def test_period_for() -> None:
    assert period_for(7, TODAY) == (date(2026, 11, 19), TODAY)
    assert period_for(1, TODAY) == (TODAY, TODAY)
    with pytest.raises(ValueError):
        period_for(0, TODAY)


def test_period_all_starts_at_the_first_entry(tmp_path: Path) -> None:
    root = tmp_path / "data"
    assert period_for(None, TODAY, store=Store(root)) == (TODAY, TODAY)
    write(root, [day_entry(date(2024, 3, 2)), day_entry(date(2025, 1, 1))])
    assert period_for(None, TODAY, store=Store(root)) == (date(2024, 3, 2), TODAY)


def test_report_imports_without_textual() -> None:
    """`fatiguelog export` and `trends --print` go through `report`: it must stay light."""
    import subprocess
    import sys

    code = (
        "import sys, fatiguelog.report\n"
        "print(any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_streamed_summary_has_the_same_figures_and_keeps_no_documents(tmp_path: Path) -> None:
    from dataclasses import replace

    from fatiguelog.demo_history import generate

    generate(tmp_path, days=500, seed=11, end=TODAY)
    settings = Settings()
    first = TODAY - timedelta(days=399)
    kept = summarize(Store(tmp_path), settings, first, TODAY)
    streamed = summarize(Store(tmp_path), settings, first, TODAY, keep_entries=False)
    assert streamed.entries == ()
    assert len(kept.entries) == kept.days_recorded > 300
    assert replace(kept, entries=()) == streamed
    whole = build_summary(Store(tmp_path).load_all(), settings, first, TODAY)
    assert [(f.id, f.since, f.last) for f in whole.flags] == [
        (f.id, f.since, f.last) for f in streamed.flags
    ]


def test_a_past_period_uses_the_days_after_it_for_delayed_pem(tmp_path: Path) -> None:
    from fatiguelog.demo_history import generate

    generate(tmp_path, days=200, seed=3, end=TODAY)
    first, last = TODAY - timedelta(days=120), TODAY - timedelta(days=30)
    streamed = summarize(Store(tmp_path), Settings(), first, last, keep_entries=False)
    whole = build_summary(Store(tmp_path).load_all(), Settings(), first, last)
    assert streamed.pem == whole.pem


def _weeks_of(kind: str):
    """A day of constipation (a hard straining stool on 2 days in 3) or a calm day."""

    def make(i: int, day: date):
        if kind == "c":
            return day_entry(day, bristol=(1,) if i % 3 else (), straining=True)
        return calm(i, day)

    return make


def _episodes(root: Path, days: int, constipated: list[range]) -> None:
    def make(i: int, day: date):
        hard = any(i in r for r in constipated)
        return _weeks_of("c" if hard else "n")(i, day)

    build(root, days, make)


def test_age_change_looks_back_a_year_before_the_change_began(tmp_path: Path) -> None:
    """red.age_change: "not active on any day of the 365 days before its current run began":
    a 30-day view must read back that far, not just its usual lookback."""
    root = tmp_path / "data"
    days = 400
    _episodes(root, days, [range(150, 180), range(days - 30, days)])  # 250 days apart
    settings = Settings(birth_year=1960)
    store = Store(root)
    first, last = period_for(30, TODAY)
    summary = summarize(store, settings, first, last, today=TODAY)
    ids = {f.id for f in summary.flags}
    assert "gi.persistent" in ids
    assert "red.age_change" not in ids  # the same kind of change 250 days before: not new
    full = build_summary(store.load_all(), settings, first, last)
    assert "red.age_change" not in {f.id for f in full.flags}


def test_age_change_names_the_first_entry_of_the_whole_history(tmp_path: Path) -> None:
    root = tmp_path / "data"
    days = 300
    _episodes(root, days, [range(days - 30, days)])
    summary = summarize(Store(root), Settings(birth_year=1960), *period_for(30, TODAY), today=TODAY)
    age = next(f for f in summary.flags if f.id == "red.age_change")
    start = (TODAY - timedelta(days=days - 1)).isoformat()
    assert f"new as far as your entries go (they start on {start})" in age.evidence
