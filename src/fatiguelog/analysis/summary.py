"""The one summary of a period that the trend view and every export render.

Views never compute figures of their own: they format these fields, so a screen and a file
can't disagree. Figures that lack data are `None` ("not enough data"), never a made-up zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fatiguelog.problems import Problem

LEVEL_ORDER = {"urgent": 0, "warn": 1, "info": 2}


@dataclass(frozen=True)
class FlagReport:
    """One flag active at some time in the period (contract: flags.md, "What each flag carries")."""

    id: str
    level: str  # "info" | "warn" | "urgent"
    title: str
    since: date  # first day of the latest run of consecutive active days (may precede the period)
    last: date  # latest day of the period it was active
    evidence: str  # the numbers, at `last`
    rule: str  # the threshold in words
    source: str  # citation
    advice: str  # always recommends a clinician; urgent ones say seek care promptly
    active_days: tuple[date, ...] = ()  # every active day in the period, for the timeline


@dataclass(frozen=True)
class RatingStats:
    """A 0-10 rating over the period; halves compare the first and second half of it."""

    key: str
    label: str
    days: int
    mean: float | None
    min: int | None
    max: int | None
    first_half_mean: float | None
    second_half_mean: float | None


@dataclass(frozen=True)
class SleepStats:
    days: int
    hours_mean: float | None
    quality_mean: float | None


@dataclass(frozen=True)
class GiStats:
    recorded_days: int
    stools: int
    sbm: int
    sbm_per_week: float | None  # over the recorded GI days
    bristol_counts: dict[int, int]  # 1..7, every key present
    straining_share: float | None  # of stools that answered it
    straining_answered: int
    incomplete_share: float | None
    incomplete_answered: int
    laxative_days: int


@dataclass(frozen=True)
class IntakeEvent:
    day: date
    substance: str
    unit: str
    kind: str  # "start" | "stop" | "increase" | "decrease"
    amount: float  # the day's total (0 for a stop)
    previous_mean: float | None  # mean of the previous intake days it was compared with
    # True when the day before (previous intake day) had the same change at the same amount:
    # the 7-day mean is still catching up with one new level. Views may show only the first.
    continues: bool = False


@dataclass(frozen=True)
class IntakeStats:
    substance: str
    unit: str
    opioid_acting: bool
    days: int  # intake days it was taken
    mean_daily: float | None  # over the days it was taken
    max_daily: float | None
    events: tuple[IntakeEvent, ...] = ()


@dataclass(frozen=True)
class PemStats:
    """Delayed post-exertional malaise: the 1-2 days after higher-exertion days vs. others."""

    threshold: int | None  # exertion at or above this counts as "higher" (None: not enough data)
    high_days: int  # higher-exertion days with a rating after them
    other_days: int
    pem_after_high: float | None
    pem_after_other: float | None
    pem_after_high_n: int
    pem_after_other_n: int
    fatigue_after_high: float | None
    fatigue_after_other: float | None
    fatigue_after_high_n: int
    fatigue_after_other_n: int
    enough_data: bool
    statement: str  # one descriptive sentence, never more than the data supports


@dataclass(frozen=True)
class DaySeries:
    """Daily values for charts; `None` is a day with no answer (a gap, not a zero)."""

    key: str
    label: str
    days: tuple[date, ...]
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Summary:
    first: date
    last: date
    days: int
    days_recorded: int
    flags: tuple[FlagReport, ...]  # urgent first, then warn, then info
    not_enough_data: tuple[str, ...]  # rule ids that could not be evaluated at `last`
    symptoms: dict[str, RatingStats]
    sleep: SleepStats
    exertion: RatingStats
    stomach: dict[str, RatingStats]
    gi: GiStats
    intake: dict[str, IntakeStats]  # by substance name as first written
    pem: PemStats
    series: dict[str, DaySeries]  # fatigue, pem, sleep_hours, sleep_quality, exertion,
    #                               sbm_per_week, bristol_mean, intake:<substance>
    problems: tuple[Problem, ...]
    notes: tuple[tuple[date, str], ...] | None = None  # only when asked for
    entries: tuple = field(default=(), repr=False)  # the period's Entry objects (CSV rows)
    # rule id -> what data it lacked at `last` (one plain phrase), for "not enough data" lines
    not_enough_detail: dict[str, str] = field(default_factory=dict)
    generated: bool = False  # the demo's made-up history: every export's title says so

    @property
    def urgent(self) -> tuple[FlagReport, ...]:
        return tuple(f for f in self.flags if f.level == "urgent")

    def active_flags(self) -> tuple[FlagReport, ...]:
        """Flags still active on the last day of the period."""
        return tuple(f for f in self.flags if f.last == self.last)
