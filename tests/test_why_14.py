"""Issue 14's "Why", point by point, on what a user waits for: how much of a long history the
first home summary reads, and `check` going a year at a time.

Nothing here is timed: what is counted is the files parsed and where each analysis pass
starts, which is what the time was spent on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from fatiguelog import report
from fatiguelog import store as store_module
from fatiguelog.settings import Settings
from fatiguelog.store import Store
from tests.factories import put_entry
from tests.ui_trends.histories import TODAY, build, day_entry

YEARS_10 = 3650
FLAGGED = 200  # straining in every stool for the last 200 days: a run home must date


def _strained(days: int, flagged: int) -> Callable[[int, date], Any]:
    def make(i: int, day: date) -> Any:
        return day_entry(day, straining=i >= days - flagged)

    return make


# Why 14 "report.summarize re-runs the summary from the first day of the history to date the
# flag": fails at 07dcd77^ (the files-read count as is; the pass origins ported to _summary).
def test_home_s_first_summary_of_ten_years_reads_only_as_far_back_as_the_run_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "data"
    build(root, YEARS_10, _strained(YEARS_10, FLAGGED))
    first_day = TODAY - timedelta(days=YEARS_10 - 1)
    parsed: list[str] = []
    real_parse = store_module.parse_entry_bytes

    def parsing(raw: bytes, rel: str, day: date | None, **options: Any) -> Any:
        parsed.append(rel)
        return real_parse(raw, rel, day, **options)

    origins: list[date] = []
    real_analyse = report.analyse

    def analysing(records: Any, origin: date, *args: Any, **kwargs: Any) -> Any:
        origins.append(origin)
        return real_analyse(records, origin, *args, **kwargs)

    monkeypatch.setattr(store_module, "parse_entry_bytes", parsing)
    monkeypatch.setattr(report, "analyse", analysing)
    # Home's summary (the flags active today), the first time: nothing remembered, no cache.
    summary = report.summarize(
        Store(root), Settings(), TODAY - timedelta(days=6), TODAY, keep_entries=False, today=TODAY
    )
    flag = next(f for f in summary.flags if f.id == "gi.straining")
    assert flag.since == TODAY - timedelta(days=FLAGGED - 1 - 3)  # (4 answered stools: enough)
    # The run is 200 days long: reading a year or two back dates it; ten years never needed.
    two_years_back = TODAY - timedelta(days=2 * 365)
    assert origins and min(origins) > first_day
    assert min(origins) >= two_years_back
    years_read = sorted({rel.split("/")[1] for rel in parsed})
    assert int(years_read[0]) >= two_years_back.year, years_read
    assert len(parsed) <= 2 * 366


BROKEN = [TODAY - timedelta(days=400), TODAY - timedelta(days=800)]


def _three_years(root: Path) -> None:
    build(root, 3 * 365, lambda i, day: day_entry(day))
    put_entry(root, BROKEN[0], "schema = 1\n[symptoms\nfatigue = 3\n")  # (not TOML)
    put_entry(root, BROKEN[1], "schema = 1\n[symptoms]\nfatigue = 42\n")  # (no date, 42)


# Why 14 "`check` holds every entry at once": fails at 07dcd77^.
def test_check_reads_three_years_without_ever_loading_them_all(
    data_dir: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three_years(data_dir)
    expected = cli("check")
    assert expected.code != 0 and all(day.isoformat() in expected.out for day in BROKEN)

    def whole(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("check loaded the whole history at once")

    def one_year_at_most(real: Callable[..., Any]) -> Callable[..., Any]:
        def loading(self: Store, first: date | None = None, last: date | None = None) -> Any:
            if first is None or last is None or (last - first).days > 366:
                raise AssertionError("check loaded more than a year at once")
            return real(self, first, last)

        return loading

    monkeypatch.setattr(Store, "load_all", whole)
    monkeypatch.setattr(Store, "load_range", one_year_at_most(Store.load_range))
    if hasattr(Store, "load_records"):
        monkeypatch.setattr(Store, "load_records", one_year_at_most(Store.load_records))
    streamed = cli("check")
    assert (streamed.code, streamed.out, streamed.err) == (
        expected.code,
        expected.out,
        expected.err,
    )
