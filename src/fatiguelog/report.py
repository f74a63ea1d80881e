"""Files -> store -> analysis -> summary: the one road to a `Summary` for every view.

The trend view, `fatiguelog trends --print` and every export call `summarize`, so they can
never disagree. It reads only the period plus a lookback (the rules look back at most 42 days:
gi.change's baseline and window). A flag whose latest run reaches back into that warm-up
stretch may have begun even earlier; then, when older files exist, the whole history is read
and the summary rebuilt so `since` is true. `red.age_change` asks whether a lasting change was
new over the 365 days before it began: when that rule is in play, the read reaches back that
far (and the first entry of the history is named when the entries begin later).
Pure: no Textual here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from fatiguelog.analysis.build import LOOKAHEAD, summary_of
from fatiguelog.analysis.rules import AGE_MIN, AGE_NEW_DAYS, PERSISTENT
from fatiguelog.analysis.summary import Alarm, Summary
from fatiguelog.model import RED_ADVICE, RED_ADVICE_PAST, RED_FLAGS, URGENT_RED_FLAGS
from fatiguelog.paths import is_demo
from fatiguelog.settings import Settings
from fatiguelog.store import Store

#: Days read before the period, so every rule is exact on the period's first day.
LOOKBACK = 120
#: Days after the first loaded day on which a rule may still lack the history it looks back
#: over (42 days for gi.change, plus slack): a run starting here is unsure.
WARMUP = 75
#: Days before a lasting change that red.age_change needs read: the 365 it looks at, plus the
#: 3 weeks gi.persistent needs on the first of them, plus slack.
AGE_LOOKBACK = AGE_NEW_DAYS + PERSISTENT.window + 7


def summarize(store: Store, settings: Settings, first: date, last: date, *,
              include_notes: bool = False, keep_entries: bool = True,
              today: date | None = None) -> Summary:
    """The summary of `first..last`, reading no more of the history than it needs.

    Without `keep_entries` the history is streamed a year at a time and no document is kept
    (the trend view and the home screen need figures only; CSV needs the entries). `today`
    (default: the real date) decides whether the urgent banner may say "today".
    """
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    today = today or date.today()
    # Only red.age_change names the history's first entry; listing file names is cheap.
    history_start = first_day(store) if settings.birth_year is not None else None
    start = first - timedelta(days=LOOKBACK)

    def make(origin: date) -> Summary:
        return _summary(store, settings, origin, first, last, include_notes, keep_entries,
                        today, history_start)

    summary = make(start)
    for _step in range(2):  # at most: reach back for red.age_change, then the whole history
        earliest_needed = _needed_from(summary, settings, start)
        if earliest_needed is None or not _has_before(store, start):
            break
        start = max(earliest_needed, history_start or first_day(store) or earliest_needed)
        summary = make(start)
    if is_demo(store.root):
        summary = replace(summary, generated=True)
    return summary


def _needed_from(summary: Summary, settings: Settings, start: date) -> date | None:
    """The earliest day the rules need read to be exact, when that is before `start`."""
    unsure_before = start + timedelta(days=WARMUP)
    if any(flag.since < unsure_before for flag in summary.flags):
        return date.min
    born = settings.birth_year
    if born is None or summary.last.year - born < AGE_MIN:
        return None
    lasting = next((f for f in summary.flags if f.id == PERSISTENT.id), None)
    if lasting is None:
        return None
    began = min([lasting.since, *lasting.active_days[:1]])
    needed = began - timedelta(days=AGE_LOOKBACK)
    return needed if needed < start else None


def _summary(store: Store, settings: Settings, start: date, first: date, last: date,
             include_notes: bool, keep_entries: bool, today: date | None = None,
             history_start: date | None = None) -> Summary:
    # (the 1-2 days after the period too: delayed PEM of its last days needs them)
    stream = store.stream(start, last + timedelta(days=LOOKAHEAD))
    return summary_of(stream, lambda: stream.problems, start, settings, first, last,
                      include_notes=include_notes, keep_entries=keep_entries, today=today,
                      history_start=history_start)


def alarms_only(store: Store, last: date, days: int = 7) -> tuple[Alarm, ...]:
    """The alarm symptoms reported in the `days` days ending on `last`, read straight from
    those files: what a view still shows when the full summary could not be worked out
    (flags.md: the banner must never depend on any other rule)."""
    found: dict[str, list[date]] = {}
    for back in range(days - 1, -1, -1):
        day = last - timedelta(days=back)
        try:
            entry = store.read(day).entry
            reported = entry.red_flags if entry is not None else []
        except Exception:
            continue
        for key in reported:
            found.setdefault(key, []).append(day)
    return tuple(
        Alarm(key=key, title=RED_FLAGS[key], level="urgent" if key in URGENT_RED_FLAGS else "warn",
              days=tuple(found[key]), active=True, advice=RED_ADVICE[key],
              advice_past=RED_ADVICE_PAST[key])
        for key in RED_FLAGS if key in found
    )


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


__all__ = ["LOOKBACK", "WARMUP", "alarms_only", "first_day", "period_for", "summarize"]
