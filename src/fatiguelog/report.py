"""Files -> store -> analysis -> summary: the one road to a `Summary` for every view.

The trend view, `fatiguelog trends --print` and every export call `summarize`, so they can
never disagree. It reads only the period plus a lookback (the rules look back up to 70 days:
`gi.persistent` counts 42 days of flags that each need a 28-day window). A flag whose latest
run reaches back into that warm-up stretch may have begun even earlier; then, when older
files exist, the whole history is read and the summary rebuilt so `since` is true.
Pure: no Textual here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from fatiguelog.analysis.build import LOOKAHEAD, summary_of
from fatiguelog.analysis.summary import Summary
from fatiguelog.paths import is_demo
from fatiguelog.settings import Settings
from fatiguelog.store import Store

#: Days read before the period, so every rule is exact on the period's first day.
LOOKBACK = 120
#: Days after the first loaded day on which a rule may still lack the history it looks back
#: over (42-day persistence of 28-day windows, plus slack): a run starting here is unsure.
WARMUP = 75


def summarize(store: Store, settings: Settings, first: date, last: date, *,
              include_notes: bool = False, keep_entries: bool = True) -> Summary:
    """The summary of `first..last`, reading no more of the history than it needs.

    Without `keep_entries` the history is streamed a year at a time and no document is kept
    (the trend view and the home screen need figures only; CSV needs the entries).
    """
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    start = first - timedelta(days=LOOKBACK)
    summary = _summary(store, settings, start, first, last, include_notes, keep_entries)
    unsure_before = start + timedelta(days=WARMUP)
    if any(flag.since < unsure_before for flag in summary.flags) and _has_before(store, start):
        earliest = first_day(store) or start
        summary = _summary(store, settings, earliest, first, last, include_notes, keep_entries)
    if is_demo(store.root):
        summary = replace(summary, generated=True)
    return summary


def _summary(store: Store, settings: Settings, start: date, first: date, last: date,
             include_notes: bool, keep_entries: bool) -> Summary:
    # (the 1-2 days after the period too: delayed PEM of its last days needs them)
    stream = store.stream(start, last + timedelta(days=LOOKAHEAD))
    return summary_of(stream, lambda: stream.problems, start, settings, first, last,
                      include_notes=include_notes, keep_entries=keep_entries)


def _has_before(store: Store, day: date) -> bool:
    """Whether any entry file is dated before `day` (file names only: nothing is parsed)."""
    for _year, files in store.entry_files(range(1, day.year + 1)):
        if any(found is not None and found < day for found, _item in files):
            return True
    return False


def first_day(store: Store) -> date | None:
    """The date of the earliest entry file, from file names alone (None: no entries)."""
    for _year, files in store.entry_files():
        days = [day for day, _item in files if day is not None]
        if days:
            return min(days)
    return None


def period_for(days: int | None, today: date, *, store: Store | None = None) -> tuple[date, date]:
    """The last `days` calendar days ending today, both included; None: all (from the first
    entry, found in `store`; today when there is none)."""
    if days is None:
        earliest = first_day(store) if store is not None else None
        return (min(earliest, today) if earliest else today), today
    if days < 1:
        raise ValueError(f"a period needs at least 1 day, not {days}")
    return today - timedelta(days=days - 1), today


__all__ = ["LOOKBACK", "WARMUP", "first_day", "period_for", "summarize"]
