"""The one summary of a period that the trend view and every export render.

Views never compute figures of their own: they format these fields, so a screen and a file
can't disagree. Figures that lack data are `None` ("not enough data"), never a made-up zero.
"""

from __future__ import annotations

from datetime import date

from fatiguelog import vocabulary
from fatiguelog.frozen import field, frozen
from fatiguelog.model import RED_ADVICE, RED_ADVICE_PAST, RED_FLAGS, URGENT_RED_FLAGS
from fatiguelog.problems import Problem
from fatiguelog.vocabulary import Question, Vocabulary

LEVEL_ORDER = {"urgent": 0, "warn": 1, "info": 2}


@frozen
class EvidenceDays:
    """The qualifying days inside the windows of a flag's latest run (flags.md v2): the days
    whose entries met the rule, so a view can say how long the symptom lasted."""

    first: date
    last: date
    count: int


@frozen
class FlagReport:
    """One flag active at some time in the period (contract: flags.md, "What each flag carries")."""

    id: str
    level: str  # "info" | "warn" | "urgent"
    title: str
    since: date  # first day of the latest run of consecutive active days (may precede the period)
    last: date  # latest day of the period it was active
    evidence: str  # the numbers, at `last`
    rule: str  # the threshold in words
    source: str  # short citation (views); `citation` is the full one
    advice: str  # always recommends a clinician; urgent ones say seek care promptly
    active_days: tuple[date, ...] = ()  # every active day in the period, for the timeline
    evidence_days: EvidenceDays | None = None
    window: int = 0  # the rule's window in days: it stays on up to this long after evidence
    citation: str = ""  # the full references of `source` (docs/flags.md, "Sources")
    report_days: tuple[date, ...] = ()  # red flags: the days it was reported (window of `last`)
    #: Each run of the flag in the period, as the qualifying days of that run (oldest first):
    #: how long the symptom lasted each time, without the days the flag stays on after it.
    episodes: tuple[EvidenceDays, ...] = ()


@frozen
class Alarm:
    """One alarm symptom (a `red_flags` key) reported in the period, with its report dates.

    `active`: its flag is on at the period's last day (reported in the 7 days ending then);
    only active urgent alarms open a view with the banner (flags.md, "The urgent banner")."""

    key: str
    title: str  # e.g. "Blood in stool"
    level: str  # "urgent", or "warn" for weight loss without trying
    days: tuple[date, ...]  # report days, oldest first
    active: bool
    advice: str  # the graded advice (says "today": for the banner of a period ending today)
    advice_past: str  # the same advice without "today", for an earlier report


def red_alarm(key: str, days: tuple[date, ...], *, active: bool) -> Alarm:
    """The alarm of red flag `key` reported on `days`: its words, level and graded advice
    come from `fatiguelog.model` (one place for the summary, the copies and home's banner)."""
    return Alarm(
        key=key,
        title=RED_FLAGS[key],
        level="urgent" if key in URGENT_RED_FLAGS else "warn",
        days=days,
        active=active,
        advice=RED_ADVICE[key],
        advice_past=RED_ADVICE_PAST[key],
    )


@frozen
class RuleGap:
    """A rule that could not be checked on the period's last day, and what it needs."""

    id: str
    title: str
    needs: str


@frozen
class Coverage:
    """How many rules were checked on the period's last day, and which could not be."""

    rules_total: int
    rules_checked: int
    unchecked: tuple[RuleGap, ...]
    #: Every rule, checked or not, as (id, title), in the order views list them (red flags
    #: first): what a view lists without importing the rules (a kept summary's, say).
    rules: tuple[tuple[str, str], ...] = ()


@frozen
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


@frozen
class AnswerStats:
    """One question's answers over the period, whatever its kind: a rating or a number has a
    mean (3 answered days at least), a range and its two halves; a yes/no the days it was
    answered yes. `question` says what it is (label, kind, unit, whether it is still declared)."""

    question: Question
    days: int  # days answered
    mean: float | None = None
    min: float | None = None
    max: float | None = None
    first_half_mean: float | None = None
    second_half_mean: float | None = None
    yes_days: tuple[date, ...] = ()  # yes/no: the days answered yes

    @property
    def key(self) -> str:
        return self.question.series_key

    @property
    def label(self) -> str:
        return self.question.label


@frozen
class SleepStats:
    """Nights answered in the period, and their means (None: fewer than 3 answers)."""

    days: int
    hours_mean: float | None
    quality_mean: float | None


@frozen
class GiStats:
    """Bowel figures of the period. A figure below its minimum data is None ("not enough
    data", flags.md): SBMs a week needs 4 recorded GI days, a share of stools 4 stools."""

    recorded_days: int
    stools: int
    sbm: int
    sbm_per_week: float | None  # over the recorded GI days
    bristol_counts: dict[int, int]  # 1..7, every key present
    straining_share: float | None  # of stools that answered it
    straining_answered: int
    incomplete_share: float | None
    incomplete_answered: int
    laxative_days: int  # gi.laxative = true or a laxative-class dose
    laxative_no_days: int = 0  # entries that answered "no laxative"
    laxative_unanswered: int = 0  # entries that did not answer it (never counted as "no")
    hard_share: float | None = None  # Bristol 1-2 among stools with a type
    loose_share: float | None = None  # Bristol 6-7 among stools with a type


@frozen
class IntakeEvent:
    """A change in how much of a substance was taken (`fatiguelog.analysis.intake`)."""

    day: date
    substance: str
    unit: str
    kind: str  # "start" | "stop" | "increase" | "decrease"
    amount: float  # the day's total (0 for a stop)
    previous_mean: float | None  # mean of the previous intake days it was compared with
    # True when the day before (previous intake day) had the same change at the same amount:
    # the 7-day mean is still catching up with one new level. Views may show only the first.
    continues: bool = False


@frozen
class IntakeStats:
    """One substance (in one unit) taken or stopped in the period."""

    substance: str
    unit: str
    opioid_acting: bool  # klass == "opioid" (version 1's key)
    days: int  # intake days it was taken
    mean_daily: float | None  # over the days it was taken
    max_daily: float | None
    events: tuple[IntakeEvent, ...] = ()
    klass: str | None = None  # opioid | laxative | other | None: not classified


@frozen
class IntakeRange:
    """A stretch of one substance at a steady daily amount, or stopped (the medication
    timeline). Delimited by the intake events; a wobble within the rule's limits stays in
    its range, so "1-2 cups a day" is one range (`min_daily`-`max_daily`)."""

    substance: str
    unit: str
    klass: str | None  # None: not classified
    first: date  # first day of the range in the period (see `before_period`)
    last: date  # taking: the last day it was taken; stopped: the last day of the stop
    status: str  # "taking" | "stopped"
    daily_amount: float  # the usual (most common) daily total on the days taken (0: stopped)
    min_daily: float
    max_daily: float
    days_taken: int  # days taken in the range, inside the period
    change: str | None  # how it began: start, increase, decrease, resumed, stop; None: unknown
    before_period: bool  # the range began before the period's first day
    current: bool  # the last range of this substance
    intake_days: int = 0  # days in the range (inside the period) with an intake answer
    # taken on some days only ("on N of M days"): on-and-off use, or fewer than 3 days in 4
    intermittent: bool = False
    last_taken: date | None = None  # the last day it was taken in the range (None: stopped)


@frozen
class WeekRow:
    """One 7-day block of the period (counted back from its last day; the first block may be
    shorter): the evidence behind every duration a flag states. Counts, never made-up zeros:
    a block without a recorded GI day has `gi_days == 0` and views say "no bowel answers"."""

    first: date
    last: date
    days: int  # calendar days in the block (7, or fewer for the first)
    days_recorded: int  # days with an entry
    gi_days: int  # recorded GI days (stools, or an answered "none")
    stools: int
    sbm: int  # spontaneous: no laxative that day or the day before
    no_sbm_days: int  # recorded GI days without an SBM (gi.infrequent's qualifying days)
    typed: int  # stools with a Bristol type
    hard: int  # Bristol 1-2
    loose: int  # Bristol 6-7
    straining: int  # stools with straining
    straining_answered: int
    incomplete: int
    incomplete_answered: int
    laxative_days: int  # gi.laxative = true or a laxative-class dose
    laxative_unanswered: int  # entries that did not answer it
    alarm_days: int  # days an alarm symptom (a red_flags key) was reported
    alarms: tuple[str, ...] = ()  # the red_flags keys reported in the block


@frozen
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


@frozen
class DaySeries:
    """Daily values for charts; `None` is a day with no answer (a gap, not a zero)."""

    key: str
    label: str
    days: tuple[date, ...]
    values: tuple[float | None, ...]


@frozen
class Summary:
    """Everything a view shows about one period (`fatiguelog.report.summarize`)."""

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
    series: dict[str, DaySeries]  # every question's series key (fatigue, sleep_hours, crash,
    #                               custom.<key>...), sbm_per_week, bristol_mean, intake:<name>
    problems: tuple[Problem, ...]
    notes: tuple[tuple[date, str], ...] | None = None  # only when asked for
    entries: tuple = field(default=(), repr=False)  # the period's Entry objects (CSV rows)
    # rule id -> what data it lacked at `last` (one plain phrase), for "not enough data" lines
    not_enough_detail: dict[str, str] = field(default_factory=dict)
    generated: bool = False  # the demo's made-up history: every export's title says so
    alarms: tuple[Alarm, ...] = ()  # red-flag keys reported in the period (or active at its end)
    coverage: Coverage | None = None
    intake_timeline: tuple[IntakeRange, ...] = ()  # by substance, then date
    today: date | None = None  # the day the summary was made for (None: the period's last day)
    weeks: tuple[WeekRow, ...] = ()  # 7-day blocks counted back from `last`, oldest first
    #: Days of the period (or of the 7 ending at its last day) whose entry file could not be
    #: read at all: each may hold a red flag nobody sees until it is fixed.
    unread_days: tuple[date, ...] = ()
    #: Red flags only a sync-conflict copy holds (not merged yet), as alarms.
    copy_alarms: tuple[Alarm, ...] = ()
    discuss: str = ""  # the patient's own "What I want to discuss" (user text: views escape it)
    #: Every question's figures, by series key, in the order asked: the built-in ones, the
    #: user's own (declared in settings), then `custom` keys found in the files that the
    #: settings no longer declare (shown by their key).
    answers: dict[str, AnswerStats] = field(default_factory=dict)

    @property
    def questions(self) -> Vocabulary:
        """The questions of the period's figures (the built-in ones for a summary made
        without answers)."""
        if not self.answers:
            return vocabulary.BUILT_IN
        return Vocabulary(a.question for a in self.answers.values())

    @property
    def charted(self) -> tuple[AnswerStats, ...]:
        """The answers drawn as charts, in order (the built-in charts, then the user's own)."""
        return tuple(a for a in self.answers.values() if a.question.chart)

    @property
    def own(self) -> tuple[AnswerStats, ...]:
        """The user's own questions (`custom`), declared ones first."""
        return tuple(a for a in self.answers.values() if a.question.section == "custom")

    @property
    def crash(self) -> AnswerStats | None:
        """The days marked as a PEM crash (`symptoms.crash`)."""
        return self.answers.get("crash")

    @property
    def urgent(self) -> tuple[FlagReport, ...]:
        """Every urgent flag active at some time in the period."""
        return tuple(f for f in self.flags if f.level == "urgent")

    @property
    def banner(self) -> tuple[FlagReport, ...]:
        """The urgent flags active on the period's last day: the only ones that open a view
        with the urgent banner (flags.md v2)."""
        return tuple(f for f in self.flags if f.level == "urgent" and f.last == self.last)

    @property
    def ends_today(self) -> bool:
        """Whether the period ends on the day it was made for (the banner may say "today")."""
        return self.today is None or self.last >= self.today

    @property
    def earlier_alarms(self) -> tuple[Alarm, ...]:
        """Alarm symptoms reported in the period that are not active on its last day."""
        return tuple(a for a in self.alarms if not a.active)

    def active_flags(self) -> tuple[FlagReport, ...]:
        """Flags still active on the last day of the period."""
        return tuple(f for f in self.flags if f.last == self.last)
