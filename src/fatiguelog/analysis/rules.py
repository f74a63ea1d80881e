"""The flag rules of flags.md: one small function per rule, its id, threshold and source beside it.

Each rule is evaluated at every day of the table (so a view can tell when a flag started and
stopped) and returns a `RuleRun`: per-day `active` and `enough` (had its minimum data), and
functions that explain, at one day, the numbers behind it or what data is missing. Rules read
window sums from the `DayTable` prefix sums: nothing here rescans entries.

Thresholds are compared in whole numbers ("more than 25%" is `4 * part > whole`) so a value
exactly on a threshold behaves as the rule says, without floating-point surprises.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from fatiguelog.analysis.days import Counts, DayTable
from fatiguelog.analysis.intake import (
    FALL_KINDS,
    RISE_KINDS,
    describe,
    first_of_streak,
)
from fatiguelog.analysis.summary import IntakeEvent
from fatiguelog.model import RED_FLAGS, SEEK_CARE
from fatiguelog.settings import Settings

CLINICIAN = ("Talk to your doctor or another clinician about it and show them this summary. "
             "This is not a diagnosis.")
BOOK = ("Book an appointment with your doctor or another clinician about this and show them "
        "this summary. This is not a diagnosis.")
NOT_PROOF = "This is a timing association, not proof that one caused the other."
PATTERN_NOTE = "resembles the Rome IV pattern; a diagnosis needs 3 months and a clinician"


@dataclass(frozen=True)
class RuleInfo:
    id: str
    level: str
    title: str
    rule: str
    source: str
    advice: str


@dataclass
class RuleRun:
    info: RuleInfo
    active: list[bool]
    enough: list[bool]
    evidence: Callable[[int], str]  # the numbers behind the rule at a day index
    need: Callable[[int], str]  # what data was missing at a day index


@dataclass
class Context:
    """What rules read: the table, intake events, settings, and rules evaluated before."""

    table: DayTable
    settings: Settings
    events: dict[tuple[str, str], list[tuple[int, IntakeEvent]]]
    runs: dict[str, RuleRun]

    def opioid_events(self, kinds: frozenset[str]) -> list[tuple[int, IntakeEvent]]:
        """Events of opioid-acting substances, by day index."""
        found = [
            (i, event)
            for (_name, _unit), items in self.events.items()
            for i, event in items
            if event.kind in kinds and self.settings.is_opioid_acting(event.substance)
        ]
        return sorted(found, key=lambda item: item[0])


def pct(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def streak_start(ctx: Context, event: IntakeEvent) -> IntakeEvent:
    """The first day of the change `event` belongs to (the mean lags a sustained change)."""
    items = ctx.events.get((event.substance.casefold(), event.unit), [])
    position = next((k for k, (_i, e) in enumerate(items) if e is event), None)
    return event if position is None else first_of_streak(items, position)


def over_quarter(part: int, whole: int) -> bool:
    """More than 25% (exactly 25% is not over)."""
    return whole > 0 and 4 * part > whole


def run_starts(active: list[bool]) -> list[int]:
    """For each day, the index where its run of consecutive active days began (-1: inactive)."""
    starts = [-1] * len(active)
    start = -1
    for i, on in enumerate(active):
        if on:
            if start < 0:
                start = i
            starts[i] = start
        else:
            start = -1
    return starts


# --- gi.infrequent ----------------------------------------------------------------------
INFREQUENT = RuleInfo(
    id="gi.infrequent",
    level="warn",
    title="Few bowel movements",
    rule="fewer than 3 spontaneous bowel movements (SBMs) in the last 7 days, with at least "
         "6 of those days recorded",
    source="Rome IV functional constipation, criterion (f)",
    advice=CLINICIAN,
)
INFREQUENT_DAYS, INFREQUENT_MIN_RECORDED, INFREQUENT_SBM = 7, 6, 3


def infrequent(ctx: Context) -> RuleRun:
    t = ctx.table
    active, enough = [], []
    for i in range(t.size):
        recorded = t.gi_recorded.window(i, INFREQUENT_DAYS)
        ok = recorded >= INFREQUENT_MIN_RECORDED
        enough.append(ok)
        active.append(ok and t.sbm.window(i, INFREQUENT_DAYS) < INFREQUENT_SBM)

    def evidence(i: int) -> str:
        sbm = t.sbm.window(i, INFREQUENT_DAYS)
        recorded = t.gi_recorded.window(i, INFREQUENT_DAYS)
        return f"{sbm} SBM{'s' if sbm != 1 else ''} in 7 days, {recorded} days recorded"

    def need(i: int) -> str:
        return (f"needs at least 6 recorded bowel-movement days in the last 7 "
                f"(has {t.gi_recorded.window(i, INFREQUENT_DAYS)})")

    return RuleRun(INFREQUENT, active, enough, evidence, need)


# --- share-of-stools rules (hard, loose, straining, incomplete) -------------------------
SHARE_DAYS, SHARE_MIN_STOOLS = 14, 4

HARD = RuleInfo(
    id="gi.hard_stools",
    level="warn",
    title="Hard stools",
    rule="Bristol type 1-2 in more than 25% of stools in the last 14 days, with at least "
         "4 stools",
    source="Rome IV criterion (b); Lewis & Heaton 1997 (Bristol Stool Form Scale)",
    advice=CLINICIAN,
)
LOOSE = RuleInfo(
    id="gi.loose_stools",
    level="warn",
    title="Loose stools",
    rule="Bristol type 6-7 in more than 25% of stools in the last 14 days, with at least "
         "4 stools",
    source="Rome IV stool-form subtyping cut-off; Singh et al. 2014 (kratom withdrawal "
           "symptoms)",
    advice=CLINICIAN,
)
STRAINING = RuleInfo(
    id="gi.straining",
    level="info",
    title="Straining",
    rule="straining in more than 25% of the stools that answered it in the last 14 days, "
         "with at least 4 answers",
    source="Rome IV criterion (a)",
    advice=CLINICIAN,
)
INCOMPLETE = RuleInfo(
    id="gi.incomplete",
    level="info",
    title="Feeling of incomplete emptying",
    rule="a feeling of incomplete emptying in more than 25% of the stools that answered it "
         "in the last 14 days, with at least 4 answers",
    source="Rome IV criterion (c)",
    advice=CLINICIAN,
)


def _share_rule(ctx: Context, info: RuleInfo, part, whole, what: str, of: str) -> RuleRun:
    """Fires when `part` is more than 25% of `whole` over 14 days, `whole` at least 4."""
    active, enough = [], []
    for i in range(ctx.table.size):
        n = whole.window(i, SHARE_DAYS)
        ok = n >= SHARE_MIN_STOOLS
        enough.append(ok)
        active.append(ok and over_quarter(part.window(i, SHARE_DAYS), n))

    def evidence(i: int) -> str:
        k, n = part.window(i, SHARE_DAYS), whole.window(i, SHARE_DAYS)
        return f"{what} in {k} of {n} {of} in 14 days ({pct(k, n)})"

    def need(i: int) -> str:
        return f"needs at least 4 {of} in the last 14 days (has {whole.window(i, SHARE_DAYS)})"

    return RuleRun(info, active, enough, evidence, need)


def hard_stools(ctx: Context) -> RuleRun:
    t = ctx.table
    return _share_rule(ctx, HARD, t.hard, t.bristol_n, "Bristol type 1-2",
                       "stools with a Bristol type")


def straining(ctx: Context) -> RuleRun:
    t = ctx.table
    return _share_rule(ctx, STRAINING, t.yes["straining"], t.answered["straining"],
                       "Straining", "stools that answered it")


def incomplete(ctx: Context) -> RuleRun:
    t = ctx.table
    return _share_rule(ctx, INCOMPLETE, t.yes["incomplete"], t.answered["incomplete"],
                       "Incomplete emptying", "stools that answered it")


def loose_stools(ctx: Context) -> RuleRun:
    t = ctx.table
    run = _share_rule(ctx, LOOSE, t.loose, t.bristol_n, "Bristol type 6-7",
                      "stools with a Bristol type")
    falls = ctx.opioid_events(FALL_KINDS)
    fall_days = [i for i, _ in falls]
    starts = run_starts(run.active)
    base = run.evidence

    def evidence(i: int) -> str:
        text = base(i)
        begin = starts[i] if starts[i] >= 0 else i
        # A decrease in the 7 days before the loose stools began, or before this day
        # (flags.md: "in the 7 days before": the day itself is not before it).
        near = [e for lo, hi in ((begin - 7, begin), (i - 7, i))
                for e in falls[bisect_left(fall_days, lo):bisect_left(fall_days, hi)]]
        if near:
            said = describe(streak_start(ctx, max(near, key=lambda item: item[0])[1]))
            text += (f". {said[:1].upper()}{said[1:]}: loose stools can come with reducing "
                     "or stopping an opioid-acting substance")
        return text

    run.evidence = evidence
    return run


# --- gi.constipation_pattern ------------------------------------------------------------
PATTERN = RuleInfo(
    id="gi.constipation_pattern",
    level="warn",
    title="Constipation pattern",
    rule="2 or more of these in the last 28 days, with at least 14 days recorded: straining, "
         "Bristol type 1-2, incomplete emptying, a blocked feeling, or needing manual help, "
         "each in more than 25% of the stools that answered it (at least 4 answers); or "
         "fewer than 3 SBMs a week on average over the recorded days",
    source="Rome IV functional constipation (criteria a-f). This " + PATTERN_NOTE,
    advice=CLINICIAN,
)
PATTERN_DAYS, PATTERN_MIN_RECORDED, PATTERN_MIN_ANSWERS, PATTERN_MIN_CRITERIA = 28, 14, 4, 2
_CRITERIA = (
    ("a", "straining", "straining"),
    ("b", "bristol", "Bristol type 1-2"),
    ("c", "incomplete", "incomplete emptying"),
    ("d", "blockage", "a blocked feeling"),
    ("e", "manual", "manual help"),
)


def _pattern_met(t: DayTable, i: int) -> list[tuple[str, str, int, int]]:
    """The Rome IV criteria met in the 28 days ending at `i`: (letter, words, count, out of).
    Numbers only: this runs for every day of the history; words are made for evidence."""
    met: list[tuple[str, str, int, int]] = []
    for letter, key, words in _CRITERIA:
        if key == "bristol":
            k, n = t.hard.window(i, PATTERN_DAYS), t.bristol_n.window(i, PATTERN_DAYS)
        else:
            k, n = t.yes[key].window(i, PATTERN_DAYS), t.answered[key].window(i, PATTERN_DAYS)
        if n >= PATTERN_MIN_ANSWERS and over_quarter(k, n):
            met.append((letter, words, k, n))
    recorded = t.gi_recorded.window(i, PATTERN_DAYS)
    sbm = t.sbm.window(i, PATTERN_DAYS)
    if recorded and 7 * sbm < 3 * recorded:
        met.append(("f", "SBMs a week on average", sbm, recorded))
    return met


def _say_criterion(letter: str, words: str, k: int, n: int) -> str:
    if letter == "f":
        return f"(f) {7 * k / n:.1f} {words}"
    return f"({letter}) {words} in {k} of {n} stools ({pct(k, n)})"


def constipation_pattern(ctx: Context) -> RuleRun:
    t = ctx.table
    active, enough = [], []
    for i in range(t.size):
        ok = t.gi_recorded.window(i, PATTERN_DAYS) >= PATTERN_MIN_RECORDED
        enough.append(ok)
        active.append(ok and len(_pattern_met(t, i)) >= PATTERN_MIN_CRITERIA)

    def evidence(i: int) -> str:
        met = _pattern_met(t, i)
        recorded = t.gi_recorded.window(i, PATTERN_DAYS)
        said = "; ".join(_say_criterion(*criterion) for criterion in met)
        return (f"{len(met)} of 6 criteria in 28 days ({recorded} days recorded): "
                f"{said}. This {PATTERN_NOTE}")

    def need(i: int) -> str:
        return (f"needs at least 14 recorded bowel-movement days in the last 28 "
                f"(has {t.gi_recorded.window(i, PATTERN_DAYS)})")

    return RuleRun(PATTERN, active, enough, evidence, need)


# --- gi.after_intake_increase -----------------------------------------------------------
AFTER_INCREASE = RuleInfo(
    id="gi.after_intake_increase",
    level="warn",
    title="Constipation began after an intake increase",
    rule="a constipation flag (few bowel movements, hard stools or the constipation pattern) "
         "is active and began within 14 days after an opioid-acting substance (such as "
         "kratom) was started or went up by more than 25%",
    source="Rome IV opioid-induced constipation: new or worse constipation when starting or "
           "increasing an opioid. " + NOT_PROOF,
    advice="Tell a clinician when this began and about every substance you take, including "
           "kratom; decisions about any substance belong with them. " + NOT_PROOF,
)
AFTER_DAYS = 14
CONSTIPATION_IDS = ("gi.constipation_pattern", "gi.infrequent", "gi.hard_stools")
TITLES = {"gi.constipation_pattern": "the constipation pattern",
          "gi.infrequent": "few bowel movements", "gi.hard_stools": "hard stools"}


def after_intake_increase(ctx: Context) -> RuleRun:
    t = ctx.table
    rises = ctx.opioid_events(RISE_KINDS)
    rise_days = [i for i, _ in rises]
    flags = [(rid, ctx.runs[rid], run_starts(ctx.runs[rid].active)) for rid in CONSTIPATION_IDS]
    intake_seen = [1 if answered else 0 for answered in t.intake_day]
    intake_days = Counts(intake_seen)

    def cause(i: int) -> tuple[str, int, IntakeEvent] | None:
        for rid, _run, starts in flags:
            s = starts[i]
            if s < 0:
                continue
            lo = bisect_left(rise_days, s - AFTER_DAYS)
            hi = bisect_left(rise_days, s)  # strictly before the flag began
            if hi > lo:
                return rid, s, rises[hi - 1][1]
        return None

    active, enough = [], []
    for i in range(t.size):
        ok = any(run.enough[i] for _rid, run, _s in flags) and intake_days.window(i, 42) > 0
        enough.append(ok)
        active.append(ok and bool(rises) and cause(i) is not None)

    def evidence(i: int) -> str:
        found = cause(i)
        if found is None:
            return ""
        rid, s, event = found
        first = streak_start(ctx, event)
        began = t.day(s)
        gap = (began - first.day).days
        text = (f"{TITLES[rid].capitalize()} began on {began.isoformat()}, {gap} day"
                f"{'s' if gap != 1 else ''} after {describe(first)}")
        if gap > AFTER_DAYS:
            text += (f"; on {event.day.isoformat()} the amount was still more than 25% above "
                     "the mean of the previous 7 intake days")
        return f"{text}. {NOT_PROOF}"

    def need(i: int) -> str:
        if not any(run.enough[i] for _rid, run, _s in flags):
            return "needs enough bowel-movement data for a constipation flag"
        return "needs intake answers (doses or 'nothing taken') in the last 42 days"

    return RuleRun(AFTER_INCREASE, active, enough, evidence, need)


# --- gi.change --------------------------------------------------------------------------
CHANGE = RuleInfo(
    id="gi.change",
    level="info",
    title="Change from your usual bowel habit",
    rule="compared with your own baseline (the 28 days before the last 14), SBMs per week "
         "fell by 1 or more, or the mean Bristol type moved by 1 or more; needs at least 10 "
         "recorded days in the last 14 and 14 in the baseline",
    source="A change of 1 SBM a week is the responder margin used in opioid-induced "
           "constipation trials (Chey et al., NEJM 2014)",
    advice=CLINICIAN,
)
CHANGE_DAYS, CHANGE_BASE, CHANGE_MIN_RECENT, CHANGE_MIN_BASE = 14, 28, 10, 14


class _Change(NamedTuple):
    """The last 14 days against the 28 before them, in counts (no text: computed daily)."""

    rec_w: int
    rec_b: int
    sbm_w: int
    sbm_b: int
    n_w: int
    sum_w: int
    n_b: int
    sum_b: int

    @property
    def fell(self) -> bool:  # SBMs a week fell by 1 or more
        return 7 * (self.sbm_b * self.rec_w - self.sbm_w * self.rec_b) >= self.rec_w * self.rec_b

    @property
    def moved(self) -> bool:  # the mean Bristol type moved by 1 or more
        return (self.n_w > 0 and self.n_b > 0
                and abs(self.sum_w * self.n_b - self.sum_b * self.n_w) >= self.n_w * self.n_b)

    def said(self) -> str:
        text = (f"SBMs a week {7 * self.sbm_b / self.rec_b:.1f} in the baseline ({self.rec_b} "
                f"days recorded) vs {7 * self.sbm_w / self.rec_w:.1f} in the last 14 days "
                f"({self.rec_w} recorded)" if self.rec_w and self.rec_b else "")
        if self.n_w and self.n_b:
            before, now = self.sum_b / self.n_b, self.sum_w / self.n_w
            text += f"; mean Bristol type {before:.1f} vs {now:.1f}"
        return text


def _change_at(t: DayTable, i: int) -> _Change:
    lo, hi = i - CHANGE_DAYS - CHANGE_BASE + 1, i - CHANGE_DAYS
    return _Change(
        t.gi_recorded.window(i, CHANGE_DAYS), t.gi_recorded.between(lo, hi),
        t.sbm.window(i, CHANGE_DAYS), t.sbm.between(lo, hi),
        t.bristol_n.window(i, CHANGE_DAYS), t.bristol_sum.window(i, CHANGE_DAYS),
        t.bristol_n.between(lo, hi), t.bristol_sum.between(lo, hi),
    )


def change(ctx: Context) -> RuleRun:
    t = ctx.table
    active, enough = [], []
    for i in range(t.size):
        counts = _change_at(t, i)
        ok = counts.rec_w >= CHANGE_MIN_RECENT and counts.rec_b >= CHANGE_MIN_BASE
        enough.append(ok)
        active.append(ok and (counts.fell or counts.moved))

    def evidence(i: int) -> str:
        return _change_at(t, i).said()

    def need(i: int) -> str:
        counts = _change_at(t, i)
        return (f"needs at least 10 recorded days in the last 14 (has {counts.rec_w}) and 14 "
                f"in the 28 days before them (has {counts.rec_b})")

    return RuleRun(CHANGE, active, enough, evidence, need)


# --- gi.persistent ----------------------------------------------------------------------
PERSISTENT = RuleInfo(
    id="gi.persistent",
    level="warn",
    title="Bowel change lasting a while: book an appointment",
    rule="a constipation flag (few bowel movements, hard stools or the constipation pattern) "
         "active on at least 75% of the last 42 days, or loose stools on more than 7 days "
         "in a row",
    source="NHS advice on constipation lasting over 6 weeks and diarrhoea lasting over "
           "7 days",
    advice=BOOK,
)
PERSISTENT_DAYS, PERSISTENT_LOOSE_RUN = 42, 7


def persistent(ctx: Context) -> RuleRun:
    t = ctx.table
    constipated = [
        1 if any(ctx.runs[rid].active[i] for rid in CONSTIPATION_IDS) else 0
        for i in range(t.size)
    ]
    judged = [
        1 if any(ctx.runs[rid].enough[i] for rid in CONSTIPATION_IDS) else 0
        for i in range(t.size)
    ]
    on, seen = Counts(constipated), Counts(judged)
    loose = ctx.runs["gi.loose_stools"]
    run_length = [0] * t.size
    for i in range(t.size):
        if loose.active[i]:
            run_length[i] = (run_length[i - 1] if i else 0) + 1
    needed = -(-3 * PERSISTENT_DAYS // 4)  # 75% of 42 days, rounded up: 32
    active, enough = [], []
    for i in range(t.size):
        long_constipation = 4 * on.window(i, PERSISTENT_DAYS) >= 3 * PERSISTENT_DAYS
        long_loose = run_length[i] > PERSISTENT_LOOSE_RUN
        enough.append(seen.window(i, PERSISTENT_DAYS) >= needed or loose.enough[i])
        active.append(long_constipation or long_loose)

    def evidence(i: int) -> str:
        parts = []
        if 4 * on.window(i, PERSISTENT_DAYS) >= 3 * PERSISTENT_DAYS:
            parts.append(f"a constipation flag was active on {on.window(i, PERSISTENT_DAYS)} "
                         "of the last 42 days")
        if run_length[i] > PERSISTENT_LOOSE_RUN:
            parts.append(f"loose stools flagged {run_length[i]} days in a row")
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]

    def need(i: int) -> str:
        return (f"needs a constipation rule judged on at least {needed} of the last 42 days "
                f"(has {seen.window(i, PERSISTENT_DAYS)}), or enough stools for the loose "
                "stools rule")

    return RuleRun(PERSISTENT, active, enough, evidence, need)


# --- red.<key> --------------------------------------------------------------------------
RED_DAYS = 7
RED_SOURCE = ("NHS and Rome IV alarm features: bleeding, black stool, severe pain, vomiting, "
              "no stool or gas with swelling, fever, unintended weight loss")


def red_info(key: str) -> RuleInfo:
    return RuleInfo(
        id=f"red.{key}",
        level="urgent",
        title=f"{RED_FLAGS[key]} reported",
        rule=f"'{RED_FLAGS[key].lower()}' reported on any of the last 7 days",
        source=RED_SOURCE,
        advice=f"{SEEK_CARE} This alarm sign means you should seek medical care promptly "
               "even if it has passed.",
    )


def red_flag(ctx: Context, key: str) -> RuleRun:
    t = ctx.table
    counts = t.red[key]
    sums = counts.sums
    active = [sums[i + 1] - sums[max(0, i + 1 - RED_DAYS)] > 0 for i in range(t.size)]

    def evidence(i: int) -> str:
        days = [t.day(j).isoformat() for j in range(max(0, i - RED_DAYS + 1), i + 1)
                if counts.per_day[j]]
        return f"Reported on {', '.join(days)} (shown for 7 days after each report)"

    return RuleRun(red_info(key), active, [True] * t.size, evidence, lambda i: "")


# --- red.age_change ---------------------------------------------------------------------
AGE = RuleInfo(
    id="red.age_change",
    level="warn",
    title="Change in bowel habit at age 50 or over",
    rule="age 50 or over (from the birth year in settings) and a change from your usual "
         "bowel habit or a constipation flag is active",
    source="NICE NG12 / Rome IV alarm feature: a new change in bowel habit at 50 or over",
    advice="A new change in bowel habit at 50 or over is worth checking: book an appointment "
           "with your doctor and show them this summary. This is not a diagnosis.",
)
AGE_MIN = 50
AGE_TRIGGERS = ("gi.change", *CONSTIPATION_IDS)


def age_change(ctx: Context) -> RuleRun:
    t = ctx.table
    born = ctx.settings.birth_year
    triggers = [(rid, ctx.runs[rid]) for rid in AGE_TRIGGERS]

    def old_enough(i: int) -> bool:
        return born is not None and t.day(i).year - born >= AGE_MIN

    active = [old_enough(i) and any(run.active[i] for _rid, run in triggers)
              for i in range(t.size)]
    enough = [born is not None] * t.size

    def evidence(i: int) -> str:
        day: date = t.day(i)
        now = [run.info.title.lower() for _rid, run in triggers if run.active[i]]
        return (f"Age {day.year - (born or 0)} in {day.year} (birth year {born}); active: "
                f"{', '.join(now)}")

    def need(i: int) -> str:
        return "needs a birth year in settings"

    return RuleRun(AGE, active, enough, evidence, need)


def evaluate_all(ctx: Context) -> list[RuleRun]:
    """Every rule, in the order dependencies need; red flags first."""
    order: list[Callable[[Context], RuleRun]] = [
        infrequent, hard_stools, straining, incomplete, constipation_pattern,
        loose_stools, change, after_intake_increase, persistent, age_change,
    ]
    runs = [red_flag(ctx, key) for key in RED_FLAGS]
    for rule in order:
        run = rule(ctx)
        ctx.runs[run.info.id] = run
        runs.append(run)
    return runs


def rule_titles() -> dict[str, str]:
    """Every rule id with its plain title (for "not enough data" lines)."""
    infos = [INFREQUENT, HARD, STRAINING, INCOMPLETE, PATTERN, LOOSE, CHANGE, AFTER_INCREASE,
             PERSISTENT, AGE]
    titles = {f"red.{key}": red_info(key).title for key in RED_FLAGS}
    titles.update({info.id: info.title for info in infos})
    return titles
