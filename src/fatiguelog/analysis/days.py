"""A compact per-day table of the history: one pass over the day records, then arrays.

Every flag is evaluated at every day, so rules must not rescan entries. This table turns
the history (each day's `DayRecord`: its figures, no free text) into plain per-day lists
(counts, ratings, intake totals) plus prefix sums, so a window sum is two lookups. Index `i`
is the day `origin + i`. Days without an entry, and entries without a `gi` table, count as
*not recorded*: missing is not zero.

A *laxative day* (flags.md v2) is `gi.laxative = true` or a dose of a laxative-class substance
that day; a day with neither and no `gi.laxative = false` has not answered it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import accumulate

from fatiguelog import vocabulary
from fatiguelog.dayrecord import DayRecord
from fatiguelog.model import RED_FLAGS, STOOL_FLAGS
from fatiguelog.vocabulary import CUSTOM, Question, Vocabulary


def answer_paths(questions: Iterable[Question]) -> tuple[tuple[str, str, str, str], ...]:
    """Answers kept per day: (series key, section, key in the section, kind), one for every
    question of the vocabulary (a yes/no is kept as 1 or 0)."""
    return tuple((q.series_key, q.section, q.key, q.kind) for q in questions)


def prefix(values: Sequence[int]) -> list[int]:
    """`p[k]` is the sum of `values[:k]`, so a window sum is `p[b] - p[a]`."""
    return [0, *accumulate(values)]


@dataclass
class Counts:
    """One per-day count and its prefix sums."""

    per_day: list[int]
    sums: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.sums = prefix(self.per_day)

    def window(self, i: int, length: int) -> int:
        """Sum over the `length` days ending on index `i`, both ends included."""
        return self.sums[i + 1] - self.sums[max(0, i + 1 - length)]

    def between(self, start: int, stop: int) -> int:
        """Sum over indexes `start..stop` (both included, clipped to the table)."""
        start = max(0, start)
        if stop < start:
            return 0
        return self.sums[stop + 1] - self.sums[start]


@dataclass
class IntakeTrack:
    """One substance in one unit: the day's total on intake days (0 = answered, not taken)."""

    name: str  # as first written
    unit: str
    totals: dict[int, float]  # index -> total, only on days it was taken


@dataclass
class DayTable:
    """The history as per-day lists and prefix sums, index `i` being `origin + i` days."""

    origin: date
    size: int
    entry: Counts
    gi_recorded: Counts
    laxative: Counts  # laxative days: gi.laxative = true or a laxative-class dose
    laxative_no: Counts  # entries that answered gi.laxative = false (and no laxative dose)
    stools: Counts  # stools on recorded GI days
    sbm: Counts  # stools on days with no laxative that day or the day before
    no_sbm: Counts  # recorded GI days without an SBM (Rome IV item (f)'s days)
    bristol_n: Counts  # stools with a Bristol type
    bristol_sum: Counts
    hard: Counts  # Bristol 1-2
    loose: Counts  # Bristol 6-7
    bristol_types: dict[int, Counts]  # Bristol type 1..7 -> stools of that type
    answered: dict[str, Counts]  # stool question -> stools that answered it
    yes: dict[str, Counts]  # stool question -> stools that answered yes
    red: dict[str, Counts]  # red-flag key -> 1 on days it was reported
    intake_day: list[bool]
    intake_days: Counts  # 1 on intake days
    intake: dict[tuple[str, str], IntakeTrack]  # (casefolded name, unit) -> track
    #: Every question's daily answer by its series key (a yes/no as 1 or 0); None: no answer.
    ratings: dict[str, list[float | None]]
    #: The questions of the table: the vocabulary it was given, plus the `custom` keys found
    #: in the files that it does not declare (a tracker removed from settings).
    questions: Vocabulary = field(default_factory=lambda: vocabulary.BUILT_IN)
    #: 1 on days with any record (an entry, or a file's valid red flags alone): a day with a
    #: problem and none is a file that could not be read at all (it may hold a red flag).
    seen: list[int] = field(default_factory=list)

    def day(self, i: int) -> date:
        return self.origin + timedelta(days=i)

    @cached_property
    def dates(self) -> tuple[date, ...]:
        """Every day of the table, made once (charts share it)."""
        return tuple(self.origin + timedelta(days=i) for i in range(self.size))

    def index(self, day: date) -> int:
        return (day - self.origin).days


def build_table(
    records: Iterable[tuple[date, DayRecord]],
    origin: date,
    last: date,
    classify: Callable[[str], str | None] | None = None,
    questions: Vocabulary | None = None,
) -> DayTable:
    """One pass over (day, record) pairs from `origin` to `last` (both included); the pairs
    may be streamed, so nothing needs to stay in memory after it was counted.

    Records (`fatiguelog.dayrecord`) hold every number and yes/no answer by key path; a
    rating is `record.value(section, key)` (read below by position, found once per layout:
    this loop runs for every day of the history). `classify` gives a substance name's class
    (settings, then the built-in table): doses of a laxative-class substance make their day a
    laxative day. `questions` (default: the built-in ones) says which answers to keep, each
    only when it is of the question's kind; a `custom` answer it does not declare is kept too,
    under its key (as a yes/no or a number, whichever its first answer is)."""
    questions = vocabulary.BUILT_IN if questions is None else questions
    paths = answer_paths(questions)
    declared = {q.key for q in questions.custom}
    undeclared: dict[str, str] = {}  # a custom key not in `questions` -> yesno or number
    size = max(0, (last - origin).days + 1)
    has_entry = [0] * size
    gi_rec = [0] * size
    lax = [0] * size
    lax_no = [0] * size
    stools = [0] * size
    bristol_n = [0] * size
    bristol_sum = [0] * size
    hard = [0] * size
    loose = [0] * size
    by_type = {kind: [0] * size for kind in range(1, 8)}
    answered = {flag: [0] * size for flag in STOOL_FLAGS}
    yes = {flag: [0] * size for flag in STOOL_FLAGS}
    red = {key: [0] * size for key in RED_FLAGS}
    intake_day = [False] * size
    seen = [0] * size  # any record, a file's valid red flags alone included
    intake: dict[tuple[str, str], IntakeTrack] = {}
    ratings: dict[str, list[float | None]] = {key: [None] * size for key, _, _, _ in paths}
    layout = None  # positions of the answers read, found once per layout (per cache year)
    width = (0, 0)  # and found again when the layout grew (records made while counting)
    rating_at: list[tuple[list[float | None], int, str, float, float]] = []
    # The user's own numbers count only within their tracker's lowest and highest (built-in
    # numbers are checked with their file).
    bounds = {
        q.series_key: (q.minimum, q.maximum)
        for q in questions
        if q.section == CUSTOM and q.kind == "number"
    }
    anything = (-math.inf, math.inf)
    found_at: list[tuple[str, int]] = []  # undeclared `custom` keys of this layout
    red_at: list[tuple[list[int], int]] = []
    stool_flag_at: list[tuple[list[int], list[int], int]] = []
    no_bm_at = laxative_at = bristol_at = None

    for day, record in records:
        i = (day - origin).days
        if not 0 <= i < size:
            continue
        if record.layout is not layout or width != (
            len(record.layout.paths),
            len(record.layout.stool_keys),
        ):
            layout = record.layout
            width = (len(layout.paths), len(layout.stool_keys))
            # (`find`: a cached layout knows its paths by keyed hash until asked for them)
            find, stool_find = layout.find, layout.stool_find
            rating_at = [
                (ratings[key], at, kind, *bounds.get(key, anything))
                for key, section, name, kind in paths
                if (at := find((section, name))) is not None
            ]
            found_at = [
                (path[1], at)
                for path, at in layout.index.items()
                if len(path) == 2 and path[0] == CUSTOM and path[1] not in declared
            ]
            red_at = [
                (red[key], at) for key in RED_FLAGS if (at := find(("red_flags", key))) is not None
            ]
            stool_flag_at = [
                (answered[flag], yes[flag], at)
                for flag in STOOL_FLAGS
                if (at := stool_find(flag)) is not None
            ]
            no_bm_at = find(("gi", "no_bowel_movement"))
            laxative_at = find(("gi", "laxative"))
            bristol_at = stool_find("bristol")
        values = record.values
        n = len(values)
        seen[i] = 1
        if record.partial:  # a file with a problem: only its valid red flags count
            for per_day, at in red_at:
                if at < n and values[at] is True:
                    per_day[i] = 1
            continue
        has_entry[i] = 1
        for column, at, kind, lowest, highest in rating_at:
            if at < n:
                # Only an answer of the question's kind (a tracker may have changed kind
                # since an answer was written: that answer is not one of this series).
                value = values[at]
                if type(value) is bool:
                    if kind == "yesno":
                        column[i] = 1 if value else 0
                elif type(value) is int:
                    if (kind == "number" and lowest <= value <= highest) or (
                        kind == "rating" and 0 <= value <= 10
                    ):
                        column[i] = value
                elif type(value) is float and kind == "number" and lowest <= value <= highest:
                    column[i] = value
        for name, at in found_at:
            if at < n and values[at] is not None:
                _found_custom(name, values[at], undeclared, ratings, i, size)
        items = record.stools or ()
        if items or (no_bm_at is not None and no_bm_at < n and values[no_bm_at] is True):
            gi_rec[i] = 1
        laxative = values[laxative_at] if laxative_at is not None and laxative_at < n else None
        if laxative is True:
            lax[i] = 1
        elif laxative is False:
            lax_no[i] = 1
        stools[i] = len(items)
        for stool in items:
            wide = len(stool)
            bristol = stool[bristol_at] if bristol_at is not None and bristol_at < wide else None
            if type(bristol) is int:
                if bristol in by_type:
                    by_type[bristol][i] += 1
                bristol_n[i] += 1
                bristol_sum[i] += bristol
                if bristol <= 2:
                    hard[i] += 1
                elif bristol >= 6:
                    loose[i] += 1
            for said, said_yes, at in stool_flag_at:
                if at < wide:
                    value = stool[at]
                    if value is True:
                        said[i] += 1
                        said_yes[i] += 1
                    elif value is False:
                        said[i] += 1
        for per_day, at in red_at:
            if at < n and values[at] is True:
                per_day[i] = 1
        doses = record.doses
        if doses is not None:
            intake_day[i] = True
            for substance, amount, unit, _time in doses:
                name = substance.strip()
                if not name or amount is None:
                    continue
                found = (name.casefold(), unit)
                track = intake.get(found)
                if track is None:
                    track = intake[found] = IntakeTrack(name, unit, {})
                track.totals[i] = track.totals.get(i, 0.0) + amount

    if classify is not None:
        for track in intake.values():
            if classify(track.name) == "laxative":
                for i in track.totals:
                    lax[i], lax_no[i] = 1, 0
    # A stool is spontaneous (SBM) when the day and the day before are not laxative days.
    # A day before without an entry reports no laxative, so its stools count as SBMs.
    sbm = [0 if lax[i] or (i > 0 and lax[i - 1]) else stools[i] for i in range(size)]
    no_sbm = [1 if gi_rec[i] and not sbm[i] else 0 for i in range(size)]
    return DayTable(
        origin=origin,
        size=size,
        entry=Counts(has_entry),
        gi_recorded=Counts(gi_rec),
        laxative=Counts(lax),
        laxative_no=Counts(lax_no),
        stools=Counts(stools),
        sbm=Counts(sbm),
        no_sbm=Counts(no_sbm),
        bristol_n=Counts(bristol_n),
        bristol_sum=Counts(bristol_sum),
        hard=Counts(hard),
        loose=Counts(loose),
        bristol_types={kind: Counts(v) for kind, v in by_type.items()},
        answered={flag: Counts(v) for flag, v in answered.items()},
        yes={flag: Counts(v) for flag, v in yes.items()},
        red={key: Counts(v) for key, v in red.items()},
        intake_day=intake_day,
        intake_days=Counts([1 if answered else 0 for answered in intake_day]),
        intake=intake,
        ratings=ratings,
        questions=questions.with_found(undeclared),
        seen=seen,
    )


def _found_custom(
    name: str,
    value: float | bool,
    found: dict[str, str],
    ratings: dict[str, list[float | None]],
    i: int,
    size: int,
) -> None:
    """An answer under `custom` the settings don't declare (any more): kept by its key, as a
    yes/no or a number, whichever the first answer found is."""
    kind = found.get(name)
    if kind is None:
        kind = found[name] = "yesno" if type(value) is bool else "number"
        ratings[f"{CUSTOM}.{name}"] = [None] * size
    if type(value) is bool:
        if kind == "yesno":
            ratings[f"{CUSTOM}.{name}"][i] = 1 if value else 0
    elif kind == "number":
        ratings[f"{CUSTOM}.{name}"][i] = value
