"""Files -> store -> analysis -> summary: the one road to a `Summary` for every view.

The trend view, `fatiguelog trends --print`, home and every export call `summarize`, so they
can never disagree. Analysis reads per-day records (`fatiguelog.dayrecord`, through the cache:
figures only, no free text); the views that show whole documents (CSV rows, notes) read the
period's files themselves. `summarize` reads only the period plus a lookback (the rules look
back at most 42 days: gi.change's baseline and window). A flag whose latest run reaches back
into that warm-up stretch may have begun even earlier: then it reads a year further back, then
two more, four more... only as far as the run goes (never the whole history for a flag that
began last spring), and the flag's `since` is the one a full recount gives.
`red.age_change` asks whether a lasting change was new over the 365 days before it began:
when that rule is in play, the read reaches back that far (and the first entry of the history
is named when the entries begin later). Pure: no Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from fatiguelog.analysis.build import LOOKAHEAD, Analysis, analyse, summary_of
from fatiguelog.analysis.rules import AGE_MIN, AGE_NEW_DAYS, PERSISTENT, run_starts
from fatiguelog.analysis.summary import Alarm, Summary, red_alarm
from fatiguelog.dayrecord import DayRecord
from fatiguelog.frozen import replace
from fatiguelog.model import RED_FLAGS, Entry
from fatiguelog.paths import is_demo
from fatiguelog.problems import Problem
from fatiguelog.settings import Settings
from fatiguelog.store import Store, red_flags_of_bytes

if TYPE_CHECKING:
    from fatiguelog.cache import RunHints
    from fatiguelog.store import FileCheck

#: Days read before the period, so every rule is exact on the period's first day.
LOOKBACK = 120
#: Days after the first loaded day on which a rule may still lack the history it looks back
#: over (42 days for gi.change, plus slack): a run starting here is unsure.
WARMUP = 75
#: Days before a lasting change that red.age_change needs read: the 365 it looks at, plus the
#: 3 weeks gi.persistent needs on the first of them, plus slack.
AGE_LOOKBACK = AGE_NEW_DAYS + PERSISTENT.window + 7
#: The first step back when a flag's run reaches into the warm-up (then 2, 4... times more).
STEP_BACK = 365


class RecordReader:
    """The day records of one data folder, each day read once: reading further back adds
    only the days not read yet."""

    def __init__(
        self,
        store: Store,
        progress: Callable[[str], None] | None = None,
        check: FileCheck | None = None,
    ):
        self.store = store
        self.progress = progress
        self.check = check  # told every file read (see `Store.record_years`)
        self.records: dict[date, DayRecord] = {}
        self.problems: list[Problem] = []
        self._said: set[Problem] = set()
        self._span: tuple[date, date] | None = None

    def cover(self, first: date, last: date) -> None:
        """Read the records from `first` to `last` that were not read yet."""
        if self._span is None:
            self._read(first, last)
            self._span = (first, last)
            return
        lo, hi = self._span
        if first < lo:
            self._read(first, lo - timedelta(days=1))
        if last > hi:
            self._read(hi + timedelta(days=1), last)
        self._span = (min(first, lo), max(last, hi))

    def _read(self, first: date, last: date) -> None:
        progress = self.progress

        def said(year: str) -> None:
            if progress is not None:
                progress(f"Reading your entries of {year}...")

        for part in self.store.record_years(
            first, last, on_year=said if progress is not None else None, check=self.check
        ):
            self.records.update(part.records)
            for problem in part.problems:
                if problem not in self._said:
                    self._said.add(problem)
                    self.problems.append(problem)

    def pairs(self, first: date, last: date) -> list[tuple[date, DayRecord]]:
        return [(day, rec) for day, rec in self.records.items() if first <= day <= last]


def summarize(
    store: Store,
    settings: Settings,
    first: date,
    last: date,
    *,
    include_notes: bool = False,
    keep_entries: bool = True,
    today: date | None = None,
    progress: Callable[[str], None] | None = None,
    check: FileCheck | None = None,
) -> Summary:
    """The summary of `first..last`, reading no more of the history than it needs.

    Without `keep_entries` (and notes) no whole document is read: figures come from the day
    records (the trend view and home need figures only; CSV needs the entries). `today`
    (default: the real date) decides whether the urgent banner may say "today". `progress`
    is told what is being done, in words (each year read, then the flags); `check`, every
    file read and every problem met on the way (`fatiguelog.summarycache` keeps a summary
    by them).
    """
    if first > last:
        raise ValueError(f"the period starts ({first}) after it ends ({last})")
    today = today or date.today()
    # Only red.age_change names the history's first entry; listing file names is cheap.
    history_start = store.first_day() if settings.birth_year is not None else None
    start = first - timedelta(days=LOOKBACK)
    end = last + timedelta(days=LOOKAHEAD)
    reader = RecordReader(store, progress, check)

    def make(origin: date) -> Analysis:
        reader.cover(origin, end)
        if progress is not None:
            progress("Working out the flags...")
        return analyse(reader.pairs(origin, end), origin, settings, first, last, history_start)

    hints = _hints(store)
    hinted = hints.start(first, last) if hints is not None else None
    if hinted is not None and hinted < start:  # a recent summary had to read from there
        start = min(start, max(hinted, history_start or store.first_day() or hinted))
    analysis = make(start)
    step = STEP_BACK
    while True:
        unsure, needed = _reaches_back(analysis, settings, start, first, last)
        if not unsure and needed is None:
            break
        if not _has_before(store, start):
            break
        earliest = history_start or store.first_day() or start
        back = start
        if unsure:
            back = _minus(start, step)
            step *= 2
        if needed is not None:
            back = min(back, needed)
        start = max(back, earliest)
        analysis = make(start)
    if hints is not None:
        hints.remember(first, last, _needed_start(analysis, settings, first, last))
    entries: tuple[Entry, ...] = ()
    if keep_entries or include_notes:  # whole documents: read from the period's files
        entries = tuple(store.load_range(first, last).entries.values())
    summary = summary_of(
        (),
        lambda: reader.problems,
        start,
        settings,
        first,
        last,
        entries=entries,
        include_notes=include_notes,
        keep_entries=keep_entries,
        today=today,
        history_start=history_start,
        analysis=analysis,
    )
    copies = copy_alarms(store, summary, min(first, last - timedelta(days=6)), last, today)
    if copies:
        summary = replace(summary, copy_alarms=copies)
    if is_demo(store.root):
        summary = replace(summary, generated=True)
    return summary


def copy_alarms(
    store: Store, summary: Summary, first: date, last: date, today: date
) -> tuple[Alarm, ...]:
    """Red flags that only a sync-conflict copy dated `first..last` reports (the day's own
    entry does not): they are not in the figures until merged, but every view names them."""
    from fatiguelog.conflicts import find_copies
    from fatiguelog.store import read_bytes

    seen = {(a.key, day) for a in summary.alarms for day in a.days}
    found: dict[str, list[date]] = {}
    for copy in find_copies(store.root, range(first.year, last.year + 1)):
        if not first <= copy.day <= last:
            continue
        try:
            flags = red_flags_of_bytes(read_bytes(str(copy.path))) or []
        except OSError:
            continue
        for key in flags:
            if (key, copy.day) not in seen and copy.day not in found.get(key, []):
                found.setdefault(key, []).append(copy.day)
    return tuple(
        red_alarm(
            key,
            tuple(sorted(found[key])),
            active=last == today and max(found[key]) > today - timedelta(days=7),
        )
        for key in RED_FLAGS
        if key in found
    )


def _minus(day: date, days: int) -> date:
    try:
        return day - timedelta(days=days)
    except OverflowError:
        return date.min


def _flag_reach(analysis: Analysis, first: date, last: date) -> tuple[int | None, int | None]:
    """(the earliest table index where a flag on in `first..last` began or has its cause
    (see `RuleRun.reach`), the index where the lasting change on then began); None: none."""
    table, _ctx, runs = analysis
    a, b = table.index(first), table.index(last)
    earliest: int | None = None
    lasting_began: int | None = None
    for run in runs:
        active = run.active
        latest = next((i for i in range(b, a - 1, -1) if active[i]), None)
        found = [] if run.reach is None else [min(run.reach[a : b + 1])]
        if latest is not None:
            began = run_starts(active[: latest + 1])[latest]
            found.append(began)
            if run.info.id == PERSISTENT.id:
                lasting_began = began
        if found:
            earliest = min(found) if earliest is None else min(earliest, *found)
    return earliest, lasting_began


def _age_read(settings: Settings, last: date) -> bool:
    """Whether red.age_change looks back `AGE_LOOKBACK` days from a lasting change's start."""
    born = settings.birth_year
    return born is not None and last.year - born >= AGE_MIN


def _reaches_back(
    analysis: Analysis, settings: Settings, start: date, first: date, last: date
) -> tuple[bool, date | None]:
    """(whether a flag of the period may have begun before what was read, the day
    red.age_change needs read from when that is before `start`)."""
    earliest, lasting_began = _flag_reach(analysis, first, last)
    needed = None
    if lasting_began is not None and _age_read(settings, last):
        need = analysis.table.day(lasting_began) - timedelta(days=AGE_LOOKBACK)
        if need < start:
            needed = need
    return earliest is not None and earliest < WARMUP, needed


def _hints(store: Store) -> RunHints | None:
    if not store.use_cache:
        return None
    from fatiguelog.cache import RunHints

    return RunHints(store.cache_folder(), store.root)


def _needed_start(analysis: Analysis, settings: Settings, first: date, last: date) -> date:
    """Where a read must start for no flag of `first..last` to be unsure (see
    `_reaches_back`): `LOOKBACK` days before the earliest run start or cause of a flag on in
    the period, or the year red.age_change looks at before a lasting change. Only a hint for
    the next summary of a period as long (`fatiguelog.cache.RunHints`)."""
    table = analysis.table
    earliest, lasting_began = _flag_reach(analysis, first, last)
    a = table.index(first)
    needed = _minus(table.day(a if earliest is None else min(a, earliest)), LOOKBACK)
    if lasting_began is not None and _age_read(settings, last):
        needed = min(needed, _minus(table.day(lasting_began), AGE_LOOKBACK))
    return needed


def alarms_only(store: Store, last: date, days: int = 7) -> tuple[Alarm, ...]:
    """The alarm symptoms reported in the `days` days ending on `last`, read straight from
    those files: what a view still shows when the full summary could not be worked out
    (flags.md: the banner must never depend on any other rule)."""
    found: dict[str, list[date]] = {}
    for back in range(days - 1, -1, -1):
        day = last - timedelta(days=back)
        try:
            found_file = store.read(day)
            entry = found_file.entry
            reported = entry.red_flags if entry is not None else []
            if entry is None and found_file.fingerprint is not None:  # broken: its red flags
                reported = red_flags_of_bytes(found_file.fingerprint.content) or []
        except Exception:
            continue
        for key in reported:
            found.setdefault(key, []).append(day)
    return tuple(
        red_alarm(key, tuple(found[key]), active=True) for key in RED_FLAGS if key in found
    )


def _has_before(store: Store, day: date) -> bool:
    """Whether any entry file is dated before `day` (file names only: nothing is parsed)."""
    for _year, files in store.entry_files(range(1, day.year + 1)):
        if any(found is not None and found < day for found, _item in files):
            return True
    return False


def period_for(days: int | None, today: date, *, store: Store | None = None) -> tuple[date, date]:
    """The last `days` calendar days ending today, both included; None: all (from the first
    entry, found in `store`; today when there is none)."""
    if days is None:
        earliest = store.first_day() if store is not None else None
        return (min(earliest, today) if earliest else today), today
    if days < 1:
        raise ValueError(f"a period needs at least 1 day, not {days}")
    return today - timedelta(days=days - 1), today


__all__ = ["LOOKBACK", "WARMUP", "alarms_only", "period_for", "summarize"]
