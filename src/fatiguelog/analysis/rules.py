"""The flag rules of flags.md (version 2): one small function per rule, its id, threshold,
window and source beside it.

Each rule is evaluated at every day of the table (so a view can tell when a flag started and
stopped) and returns a `RuleRun`: per-day `active` and `enough` (had its minimum data), a
function that explains the numbers behind it at one day, one that says what data is missing,
and one that gives its *qualifying days* (the days whose entries met it) for `evidence_days`.
Rules read window sums from the `DayTable` prefix sums: nothing here rescans entries.

Thresholds are compared in whole numbers ("more than 25%" is `4 * part > whole`) so a value
exactly on a threshold behaves as the rule says, without floating-point surprises.

The red flags are evaluated first and apart: they read only the table, and every other rule
runs inside its own guard, so a rule that fails can never hide an alarm symptom.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import NamedTuple

from fatiguelog.analysis.days import Counts, DayTable
from fatiguelog.analysis.intake import (
    FALL_KINDS,
    RISE_KINDS,
    all_events,
    amounts_before,
    change_head,
    cited,
)
from fatiguelog.analysis.summary import IntakeEvent
from fatiguelog.model import RED_ADVICE, RED_FLAGS, URGENT_RED_FLAGS
from fatiguelog.settings import Settings
from fatiguelog.wording import NOT_A_DIAGNOSIS, days_text, percent_of


def _log_exception(message: str, *args: object) -> None:
    """Log the exception being handled (`logging` is imported only then: it brings
    traceback, threading and string along, a good part of a short command's start)."""
    import logging

    logging.getLogger(__name__).exception(message, *args)


# --- sources: short forms for views, full citations for docs/flags.md and the JSON ----------
ROME_IV = "Mearin F, et al. Bowel Disorders. Gastroenterology 2016;150:1393-1407 (Rome IV)."
LEWIS_HEATON = (
    "Lewis SJ, Heaton KW. Stool form scale as a useful guide to intestinal transit "
    "time. Scand J Gastroenterol 1997;32:920-924."
)
CHEY = (
    "Chey WD, et al. Naloxegol for opioid-induced constipation in patients with noncancer "
    "pain. N Engl J Med 2014;370:2387-2396."
)
SINGH = (
    "Singh D, Müller CP, Vicknasingam BK. Kratom (Mitragyna speciosa) dependence, "
    "withdrawal symptoms and craving in regular users. Drug Alcohol Depend "
    "2014;139:132-137."
)
NHS_BOWEL_CANCER = "NHS: Bowel cancer, symptoms (nhs.uk)."
NHS_CONSTIPATION = "NHS: Constipation (nhs.uk)."
NHS_DIARRHOEA = "NHS: Diarrhoea and vomiting (nhs.uk)."

CLINICIAN = (
    "Talk to your doctor or another clinician about it and show them this summary. "
    f"{NOT_A_DIAGNOSIS}"
)
NOT_PROOF = "This is a timing association, not proof that one caused the other."
PATTERN_NOTE = (
    "resembles the Rome IV pattern; a diagnosis needs symptoms over 3 months and a clinician"
)
SBM_WORDS = "spontaneous bowel movements (SBMs: no laxative that day or the day before)"


@dataclass(frozen=True)
class RuleInfo:
    """A rule of flags.md: its id, level, words, source and window."""

    id: str
    level: str
    title: str
    rule: str  # the threshold in words
    source: str  # short form, for views
    advice: str
    window: int  # days: the flag stays on up to this long after its last qualifying day
    citation: str = ""  # the full references
    needs: str = ""  # the minimum data, in words


@dataclass
class RuleRun:
    """A rule evaluated at every day of a table (see the module's docstring)."""

    info: RuleInfo
    active: list[bool]
    enough: list[bool]
    evidence: Callable[[int], str]  # the numbers behind the rule at a day index
    need: Callable[[int], str]  # what data was missing at a day index
    # qualifying day indexes inside the windows of a run from `s` to `e` (both included)
    qualifying: Callable[[int, int], list[int]] = field(default=lambda s, e: [])
    error: str | None = None  # set when the rule could not be evaluated at all
    # Per day, the earliest day index its value there depends on when that can reach past
    # its windows (a run of days that may have begun before the table did; the table's size
    # when nothing does): a caller that read only part of the history reads further back.
    reach: list[int] | None = None
    # Words that depend on what a flag found (None: the RuleInfo's): the source and full
    # citation at a day (Singh et al. only when loose stools name an opioid decrease or stop),
    # the advice for a run s..e, and what its evidence days show when they span less than 3
    # weeks (the lasting-change rules).
    source_at: Callable[[int], tuple[str, str]] | None = None
    advice_for: Callable[[int, int], str] | None = None
    facts: Callable[[int, int], str | None] | None = None


@dataclass
class Context:
    """What rules read: the table, settings, the period's last index, and rules run so far."""

    table: DayTable
    settings: Settings
    runs: dict[str, RuleRun]
    until: int | None = None  # intake events use no day after this one (the period's last)
    history_start: date | None = None  # the first entry of the whole history, when known

    @cached_property
    def events(self) -> dict[tuple[str, str], list[tuple[int, IntakeEvent]]]:
        return all_events(self.table, self.until)

    def opioid_events(self, kinds: frozenset[str]) -> list[tuple[int, IntakeEvent]]:
        """Events of opioid-class substances, by day index."""
        found = [
            (i, event)
            for (_name, _unit), items in self.events.items()
            for i, event in items
            if event.kind in kinds and self.settings.substance_class(event.substance) == "opioid"
        ]
        return sorted(found, key=lambda item: item[0])

    def cited(self, i: int, event: IntakeEvent) -> tuple[int, IntakeEvent, str]:
        """The change that the event on day index `i` belongs to: the day index it began, its
        first event, and its words with the amounts before and after."""
        key = (event.substance.casefold(), event.unit)
        items = self.events.get(key, [])
        k = next((n for n, (j, e) in enumerate(items) if j == i and e is event), None)
        if k is None:  # not one of this table's events: name it as it is
            return i, event, cited(event, [])
        j, head = items[change_head(items, k)]
        track = self.table.intake.get(key)
        return j, head, cited(head, amounts_before(track, j) if track is not None else [])

    @cached_property
    def item_days(self) -> list[int]:
        """1 on days meeting any Rome IV item (three rules read it)."""
        return item_days(self.table)

    def first_entry(self) -> date | None:
        """The history's first entry: as told by the caller, else the table's first entry."""
        if self.history_start is not None:
            return self.history_start
        per_day = self.table.entry.per_day
        first = next((i for i, has in enumerate(per_day) if has), None)
        return None if first is None else self.table.day(first)


def over_quarter(part: int, whole: int) -> bool:
    """More than 25% (exactly 25% is not over)."""
    return whole > 0 and 4 * part > whole


def run_starts(active: Sequence[bool]) -> list[int]:
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


def window_days(flags: Sequence[int], window: int) -> Callable[[int, int], list[int]]:
    """Qualifying days of a windowed rule: days with `flags[j]` in `s - window + 1 .. e`."""

    def days(s: int, e: int) -> list[int]:
        return [j for j in range(max(0, s - window + 1), e + 1) if flags[j]]

    return days


# --- the Rome IV items ------------------------------------------------------------------
ITEMS = (
    ("a", "straining", "straining"),
    ("b", "bristol", "Bristol type 1-2"),
    ("c", "incomplete", "incomplete emptying"),
    ("d", "blockage", "a blocked feeling"),
    ("e", "manual", "manual help"),
)


@dataclass(frozen=True)
class Item:
    """A Rome IV item met in a window: how many of how many."""

    letter: str
    words: str
    count: int
    out_of: int


def items_in(
    t: DayTable, lo: int, hi: int, min_answers: int, min_recorded: int
) -> tuple[list[Item], int]:
    """The Rome IV items met in days `lo..hi`, and how many items could be judged there.

    (a)-(e): in more than 25% of the stools that answered it, at least `min_answers` answers;
    (f): fewer than 3 SBMs a week on average over the recorded GI days, at least
    `min_recorded` of them. Numbers only: this runs for every day of the history."""
    met: list[Item] = []
    judged = 0
    for letter, key, words in ITEMS:
        if key == "bristol":
            k, n = t.hard.between(lo, hi), t.bristol_n.between(lo, hi)
        else:
            k, n = t.yes[key].between(lo, hi), t.answered[key].between(lo, hi)
        if n >= min_answers:
            judged += 1
            if over_quarter(k, n):
                met.append(Item(letter, words, k, n))
    recorded = t.gi_recorded.between(lo, hi)
    if recorded >= min_recorded:
        judged += 1
        sbm = t.sbm.between(lo, hi)
        if 7 * sbm < 3 * recorded:
            met.append(Item("f", "SBMs a week on average", sbm, recorded))
    return met, judged


def item_counts(
    t: DayTable, window: int, min_answers: int, min_recorded: int
) -> tuple[list[int], list[int]]:
    """Per day: how many Rome IV items are met in the `window` days ending there, and how many
    could be judged: `items_in` for every day at once, on the prefix sums (rules call this
    for every day of ten years, so it avoids a call per sum)."""
    n = t.size
    lo = [max(0, i + 1 - window) for i in range(n)]
    met = [0] * n
    judged = [0] * n
    pairs = [(t.hard.sums, t.bristol_n.sums)]
    pairs += [(t.yes[key].sums, t.answered[key].sums) for _l, key, _w in ITEMS if key != "bristol"]
    for yes, answered in pairs:
        for i in range(n):
            a = lo[i]
            whole = answered[i + 1] - answered[a]
            if whole >= min_answers:
                judged[i] += 1
                if 4 * (yes[i + 1] - yes[a]) > whole:
                    met[i] += 1
    rec, sbm = t.gi_recorded.sums, t.sbm.sums
    for i in range(n):
        a = lo[i]
        recorded = rec[i + 1] - rec[a]
        if recorded >= min_recorded:
            judged[i] += 1
            if 7 * (sbm[i + 1] - sbm[a]) < 3 * recorded:
                met[i] += 1
    return met, judged


def windowed(counts: Counts, window: int) -> list[int]:
    """`counts.window(i, window)` for every day, in one pass."""
    sums = counts.sums
    head = [sums[i + 1] - sums[0] for i in range(min(window, len(sums) - 1))]
    return head + [b - a for a, b in zip(sums[1:], sums[window + 1 :], strict=False)]


def shifted(values: list[int], by: int) -> list[int]:
    """`values[i - by]` for every day (0 before the table began)."""
    return [0] * min(by, len(values)) + values[: max(0, len(values) - by)]


def say_item(item: Item) -> str:
    if item.letter == "f":
        return f"(f) {7 * item.count / item.out_of:.1f} {item.words}"
    return (
        f"({item.letter}) {item.words} in {item.count} of {item.out_of} stools "
        f"({percent_of(item.count, item.out_of, none='-')})"
    )


def item_days(t: DayTable) -> list[int]:
    """1 on days meeting any Rome IV item: a stool with straining, Bristol 1-2, incomplete
    emptying, a blocked feeling or manual help, or a recorded GI day without an SBM."""
    out = list(t.no_sbm.per_day)
    for counts in (t.hard, *(t.yes[key] for _l, key, _w in ITEMS if key != "bristol")):
        for j, n in enumerate(counts.per_day):
            if n:
                out[j] = 1
    return out


# --- gi.infrequent ----------------------------------------------------------------------
INFREQUENT = RuleInfo(
    id="gi.infrequent",
    level="warn",
    title="Few spontaneous bowel movements",
    rule=f"fewer than 3 {SBM_WORDS} in the last 7 days, with at least 6 of those days recorded",
    source="Rome IV functional constipation, criterion (f)",
    advice=CLINICIAN,
    window=7,
    citation=ROME_IV,
    needs="at least 6 days with bowel movements recorded in the last 7",
)
INFREQUENT_DAYS, INFREQUENT_MIN_RECORDED, INFREQUENT_SBM = 7, 6, 3


def infrequent(ctx: Context) -> RuleRun:
    t = ctx.table
    enough = [n >= INFREQUENT_MIN_RECORDED for n in windowed(t.gi_recorded, INFREQUENT_DAYS)]
    active = [
        ok and n < INFREQUENT_SBM
        for ok, n in zip(enough, windowed(t.sbm, INFREQUENT_DAYS), strict=True)
    ]

    def evidence(i: int) -> str:
        """Spontaneous ones out of all: with a laxative every third day, someone may have a
        bowel movement every day and still few spontaneous ones."""
        sbm = t.sbm.window(i, INFREQUENT_DAYS)
        stools = t.stools.window(i, INFREQUENT_DAYS)
        recorded = t.gi_recorded.window(i, INFREQUENT_DAYS)
        plural = "s" if sbm != 1 else ""
        said = (
            f"{sbm} spontaneous bowel movement{plural} (SBM{plural}) in 7 days, "
            f"{recorded} days recorded"
        )
        if stools > sbm:
            said += (
                f"; {stools} bowel movements in all, {stools - sbm} of them on a laxative "
                "day or the day after"
            )
        return said

    def need(i: int) -> str:
        return f"needs {INFREQUENT.needs} (has {t.gi_recorded.window(i, INFREQUENT_DAYS)})"

    return RuleRun(
        INFREQUENT, active, enough, evidence, need, window_days(t.no_sbm.per_day, INFREQUENT_DAYS)
    )


# --- share-of-stools rules (hard, loose, straining, incomplete) -------------------------
SHARE_DAYS, SHARE_MIN_STOOLS = 14, 4

HARD = RuleInfo(
    id="gi.hard_stools",
    level="warn",
    title="Hard stools",
    rule="Bristol type 1-2 in more than 25% of stools in the last 14 days, with at least 4 stools",
    source="Rome IV criterion (b); Lewis & Heaton 1997 (Bristol Stool Form Scale)",
    advice=CLINICIAN,
    window=SHARE_DAYS,
    citation=f"{ROME_IV} {LEWIS_HEATON}",
    needs="at least 4 stools with a Bristol type in the last 14 days",
)
LOOSE = RuleInfo(
    id="gi.loose_stools",
    level="warn",
    title="Loose stools",
    rule="Bristol type 6-7 in more than 25% of stools in the last 14 days, with at least 4 stools",
    source="Rome IV stool-form subtyping cut-off",
    advice=CLINICIAN,
    window=SHARE_DAYS,
    citation=ROME_IV,
    needs="at least 4 stools with a Bristol type in the last 14 days",
)
STRAINING = RuleInfo(
    id="gi.straining",
    level="info",
    title="Straining",
    rule="straining in more than 25% of the stools that answered it in the last 14 days, "
    "with at least 4 answers",
    source="Rome IV criterion (a)",
    advice=CLINICIAN,
    window=SHARE_DAYS,
    citation=ROME_IV,
    needs="at least 4 stools that answered the straining question in the last 14 days",
)
INCOMPLETE = RuleInfo(
    id="gi.incomplete",
    level="info",
    title="Feeling of incomplete emptying",
    rule="a feeling of incomplete emptying in more than 25% of the stools that answered it "
    "in the last 14 days, with at least 4 answers",
    source="Rome IV criterion (c)",
    advice=CLINICIAN,
    window=SHARE_DAYS,
    citation=ROME_IV,
    needs="at least 4 stools that answered the incomplete-emptying question in the last 14 days",
)


def _share_rule(
    ctx: Context, info: RuleInfo, part: Counts, whole: Counts, what: str, of: str
) -> RuleRun:
    """Fires when `part` is more than 25% of `whole` over 14 days, `whole` at least 4."""
    wholes, parts = windowed(whole, SHARE_DAYS), windowed(part, SHARE_DAYS)
    enough = [n >= SHARE_MIN_STOOLS for n in wholes]
    active = [ok and 4 * k > n for ok, k, n in zip(enough, parts, wholes, strict=True)]

    def evidence(i: int) -> str:
        k, n = part.window(i, SHARE_DAYS), whole.window(i, SHARE_DAYS)
        return f"{what} in {k} of {n} {of} in 14 days ({percent_of(k, n, none='-')})"

    def need(i: int) -> str:
        return f"needs {info.needs} (has {whole.window(i, SHARE_DAYS)})"

    return RuleRun(
        info,
        active,
        enough,
        evidence,
        need,
        window_days([1 if n else 0 for n in part.per_day], SHARE_DAYS),
    )


def hard_stools(ctx: Context) -> RuleRun:
    t = ctx.table
    return _share_rule(
        ctx, HARD, t.hard, t.bristol_n, "Bristol type 1-2", "stools with a Bristol type"
    )


def straining(ctx: Context) -> RuleRun:
    t = ctx.table
    return _share_rule(
        ctx,
        STRAINING,
        t.yes["straining"],
        t.answered["straining"],
        "Straining",
        "stools that answered it",
    )


def incomplete(ctx: Context) -> RuleRun:
    t = ctx.table
    return _share_rule(
        ctx,
        INCOMPLETE,
        t.yes["incomplete"],
        t.answered["incomplete"],
        "Incomplete emptying",
        "stools that answered it",
    )


LOOSE_FALL_DAYS = 7  # a decrease or stop in the 7 days before the loose stools began
#: Added to the loose-stools source only when the flag names an opioid-class decrease or stop:
#: nobody who never reduced one is told about kratom withdrawal.
LOOSE_FALL_SOURCE = "Singh et al. 2014 (kratom withdrawal symptoms)"


def loose_stools(ctx: Context) -> RuleRun:
    t = ctx.table
    run = _share_rule(
        ctx, LOOSE, t.loose, t.bristol_n, "Bristol type 6-7", "stools with a Bristol type"
    )
    starts = run_starts(run.active)
    base = run.evidence

    def fall(i: int) -> str | None:
        """The opioid-class decrease or stop whose first day lies in the 7 days before the
        run began (flags.md: that day excluded), in words; a later day of a change that
        began earlier is not one."""
        begin = starts[i] if starts[i] >= 0 else i
        falls = ctx.opioid_events(FALL_KINDS)
        days = [j for j, _e in falls]
        near = falls[bisect_left(days, begin - LOOSE_FALL_DAYS) : bisect_left(days, begin)]
        heads = sorted((ctx.cited(j, event) for j, event in near), key=lambda c: c[0])
        inside = [words for j, _head, words in heads if begin - LOOSE_FALL_DAYS <= j]
        return inside[0] if inside else None

    def evidence(i: int) -> str:
        text = base(i)
        said = fall(i)
        if said:
            text += (
                f". {said[:1].upper()}{said[1:]}, in the 7 days before the loose stools "
                "began: loose stools can come with reducing or stopping an opioid-class "
                "substance"
            )
        return text

    def source_at(i: int) -> tuple[str, str]:
        if fall(i):
            return f"{LOOSE.source}; {LOOSE_FALL_SOURCE}", f"{ROME_IV} {SINGH}"
        return LOOSE.source, LOOSE.citation

    run.evidence = evidence
    run.source_at = source_at
    return run


# --- gi.constipation_pattern ------------------------------------------------------------
PATTERN_DAYS, PATTERN_MIN_RECORDED, PATTERN_MIN_ANSWERS, PATTERN_MIN_F = 28, 14, 4, 6
MIN_ITEMS = 2
PATTERN = RuleInfo(
    id="gi.constipation_pattern",
    level="warn",
    title="Constipation pattern",
    rule="2 or more of these in the last 28 days, with at least 14 days recorded: (a) "
    "straining, (b) Bristol type 1-2, (c) incomplete emptying, (d) a blocked feeling, "
    "(e) needing manual help, each in more than 25% of the stools that answered it (at "
    f"least 4 answers); (f) fewer than 3 {SBM_WORDS} a week on average over the recorded "
    "days (at least 6)",
    source="Rome IV functional constipation (items a-f). This " + PATTERN_NOTE,
    advice=CLINICIAN,
    window=PATTERN_DAYS,
    citation=ROME_IV,
    needs="at least 14 days with bowel movements recorded in the last 28",
)


def constipation_pattern(ctx: Context) -> RuleRun:
    t = ctx.table
    met, _judged = item_counts(t, PATTERN_DAYS, PATTERN_MIN_ANSWERS, PATTERN_MIN_F)
    enough = [n >= PATTERN_MIN_RECORDED for n in windowed(t.gi_recorded, PATTERN_DAYS)]
    active = [ok and k >= MIN_ITEMS for ok, k in zip(enough, met, strict=True)]

    def evidence(i: int) -> str:
        met, _judged = items_in(t, i - PATTERN_DAYS + 1, i, PATTERN_MIN_ANSWERS, PATTERN_MIN_F)
        recorded = t.gi_recorded.window(i, PATTERN_DAYS)
        said = "; ".join(say_item(item) for item in met)
        return (
            f"{len(met)} of 6 items in 28 days ({recorded} days recorded): "
            f"{said}. This {PATTERN_NOTE}"
        )

    def need(i: int) -> str:
        return f"needs {PATTERN.needs} (has {t.gi_recorded.window(i, PATTERN_DAYS)})"

    return RuleRun(
        PATTERN, active, enough, evidence, need, window_days(ctx.item_days, PATTERN_DAYS)
    )


# --- gi.after_intake_increase -----------------------------------------------------------
AFTER_DAYS, AFTER_BEFORE, AFTER_INTAKE_DAYS = 14, 14, 28
AFTER_INCREASE = RuleInfo(
    id="gi.after_intake_increase",
    level="warn",
    title="Constipation after starting or increasing an opioid-class substance",
    rule="2 or more of the Rome IV items (a)-(f) in the last 14 days (each as in the "
    "constipation pattern), and an opioid-class substance (such as kratom or codeine) was "
    "started or went up by more than 25% in the 14 days before those symptoms began, or "
    "on that day",
    source="Rome IV opioid-induced constipation; NHS: see a GP if a medicine such as an opioid "
    "painkiller is causing constipation. " + NOT_PROOF,
    advice="See a GP or another clinician about it, and tell them about everything you take "
    "and when it changed; decisions about any substance belong with them. " + NOT_PROOF,
    window=AFTER_DAYS,
    citation=f"{ROME_IV} {NHS_CONSTIPATION}",
    needs="enough bowel answers in the last 14 days to judge 2 of the Rome IV items, and "
    "intake answers (doses or 'nothing taken') in the last 28 days",
)


#: Per Rome IV item letter, the per-day counts of the days that show it (for "symptoms
#: recorded from"): a stool with the item, or for (f) a recorded day without an SBM.
ITEM_WORDS = {
    "a": "straining",
    "b": "Bristol type 1-2",
    "c": "incomplete emptying",
    "d": "a blocked feeling",
    "e": "manual help",
    "f": "no spontaneous bowel movement",
}


def item_per_day(t: DayTable, letter: str) -> list[int]:
    if letter == "b":
        return t.hard.per_day
    if letter == "f":
        return t.no_sbm.per_day
    key = next(key for item, key, _words in ITEMS if item == letter)
    return t.yes[key].per_day


def _relative(onset: int, days: list[int], j: int, head: IntakeEvent) -> str:
    """When symptoms began against one of several named changes (day index `j`), e.g. "the
    same day codeine started" or "2 days before kratom went up (on 1 day before it)"."""
    change = f"{head.substance} {'started' if head.kind == 'start' else 'went up'}"
    if onset == j:
        return f"the same day {change}"
    if onset > j:
        return f"{days_text(onset - j)} after {change}"
    before = sum(1 for d in days if d < j)
    return f"{days_text(j - onset)} before {change} (on {days_text(before)} before it)"


def after_intake_increase(ctx: Context) -> RuleRun:
    t = ctx.table
    counts, judged = item_counts(t, AFTER_DAYS, PATTERN_MIN_ANSWERS, PATTERN_MIN_F)
    met = [k >= MIN_ITEMS for k in counts]
    # "That run" (flags.md) is the run of consecutive days meeting 2 items: a day whose window
    # has too few answers to judge does not meet them, so it ends the run (the contract, kept
    # to the letter; docs/flags.md "Where the contract misleads" says what this costs).
    starts = run_starts(met)
    rises = ctx.opioid_events(RISE_KINDS)
    rise_days = [i for i, _ in rises]

    def near(i: int) -> list[tuple[int, IntakeEvent]]:
        """Opioid starts and increases in the 14 days before the run began, or on its first
        day (flags.md: "in the 14 days before the first day of that run, inclusive")."""
        s = starts[i]
        if s < 0:
            return []
        return rises[bisect_left(rise_days, s - AFTER_BEFORE) : bisect_right(rise_days, s)]

    def causes(i: int) -> list[tuple[int, IntakeEvent, str]]:
        """The changes to name, latest first: the first day of the change each qualifying
        event belongs to (a lasting increase is an "increase" on several taken days while the
        mean catches up: the day it began is named, with the amounts before and after). Every
        qualifying change is named (flags.md: "evidence names that start or increase"): when
        kratom started and codeine started 4 days later, naming one would hide the other."""
        heads = {(c[0], c[1].substance): c for c in (ctx.cited(j, e) for j, e in near(i))}
        return sorted(heads.values(), key=lambda c: (-c[0], c[1].substance.casefold()))

    intake = windowed(t.intake_days, AFTER_INTAKE_DAYS)
    active = [bool(rises) and met[i] and bool(near(i)) for i in range(t.size)]
    enough = [active[i] or (judged[i] >= MIN_ITEMS and intake[i] > 0) for i in range(t.size)]
    qualifying_days = window_days(ctx.item_days, AFTER_DAYS)

    def qualifying(s: int, e: int) -> list[int]:
        """The qualifying days of the whole run, so "how long" and "recorded from" agree."""
        return qualifying_days(starts[e] if starts[e] >= 0 else s, e)

    def evidence(i: int) -> str:
        named = causes(i)
        if not named:
            return ""
        found, _n = items_in(t, i - AFTER_DAYS + 1, i, PATTERN_MIN_ANSWERS, PATTERN_MIN_F)
        lo = max(0, starts[i] - AFTER_DAYS + 1)
        per_day = [item_per_day(t, item.letter) for item in found]
        days = [d for d in range(lo, i + 1) if any(p[d] for p in per_day)]
        onset = days[0] if days else starts[i]
        what = " or ".join(ITEM_WORDS[item.letter] for item in found)
        items = (
            f"{len(found)} of 6 Rome IV items in 14 days: "
            f"{'; '.join(say_item(item) for item in found)}. "
        )
        met = f"the rule was met from {t.day(starts[i]).isoformat()}. {NOT_PROOF}"
        if len(named) > 1:
            return (
                items + "Opioid-class changes in the 14 days before the rule was met "
                f"(latest first): {'; '.join(words for _j, _h, words in named)}. Days "
                f"with {what} were recorded from {t.day(onset).isoformat()} (on "
                f"{days_text(len(days))} up to {t.day(i).isoformat()}): "
                f"{', '.join(_relative(onset, days, j, head) for j, head, _w in named)}; " + met
            )
        j, head, words = named[0]
        before = sum(1 for d in days if d < j)
        change = f"{head.substance} started" if head.kind == "start" else "the increase"
        if before:
            when = (
                f"Symptoms were already recorded before {change}: days with {what} from "
                f"{t.day(onset).isoformat()}, {days_text(j - onset)} before it (on "
                f"{days_text(before)} before it and {days_text(len(days) - before)} from it to "
                f"{t.day(i).isoformat()})"
            )
        else:
            after = "the same day" if onset == j else f"{days_text(onset - j)} after it"
            when = (
                f"Days with {what} were recorded from {t.day(onset).isoformat()}, {after} "
                f"(on {days_text(len(days))} up to {t.day(i).isoformat()})"
            )
        return f"{items}{words[:1].upper()}{words[1:]}. {when}; {met}"

    def need(i: int) -> str:
        if judged[i] < MIN_ITEMS:
            return (
                "needs enough bowel answers in the last 14 days to judge 2 of the Rome IV "
                f"items (can judge {judged[i]})"
            )
        return "needs intake answers (doses or 'nothing taken') in the last 28 days (has none)"

    reach = [s - AFTER_BEFORE if s >= 0 else t.size for s in starts]  # the run's cause
    return RuleRun(AFTER_INCREASE, active, enough, evidence, need, qualifying, reach=reach)


# --- gi.change --------------------------------------------------------------------------
CHANGE_DAYS, CHANGE_BASE, CHANGE_MIN_RECENT, CHANGE_MIN_BASE, CHANGE_MIN_STOOLS = 14, 28, 10, 14, 4
CHANGE = RuleInfo(
    id="gi.change",
    level="info",
    title="Change from your usual bowel habit",
    rule="compared with your own baseline (the 28 days before the last 14; at least 14 "
    "recorded days there and 10 in the last 14), the last 14 days moved away from what is "
    f"typical: {SBM_WORDS} a week fell by at least half of the baseline (and by 1.5 or "
    "more) and are under 7; or the mean Bristol type fell by 1 or more to 3.0 or less; or "
    "rose by 1 or more to 5.0 or more (each mean needs at least 4 stools)",
    source="Chey et al. 2014: a change of 1 SBM a week is a trial responder margin",
    advice=CLINICIAN,
    window=CHANGE_DAYS,
    citation=CHEY,
    needs="at least 10 recorded days in the last 14 and 14 in the 28 days before them",
)


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
    def fell(self) -> bool:
        """SBMs a week fell by at least half of the baseline, by 1.5 or more, and are under 7:
        W <= B/2, B - W >= 1.5, W < 7 with W = 7 sbm_w / rec_w and B = 7 sbm_b / rec_b."""
        if not (self.rec_w and self.rec_b):
            return False
        drop = self.sbm_b * self.rec_w - self.sbm_w * self.rec_b  # (B - W) rec_w rec_b / 7
        return (
            2 * self.sbm_w * self.rec_b <= self.sbm_b * self.rec_w
            and 14 * drop >= 3 * self.rec_w * self.rec_b
            and self.sbm_w < self.rec_w
        )

    @property
    def bristol_known(self) -> bool:
        return self.n_w >= CHANGE_MIN_STOOLS and self.n_b >= CHANGE_MIN_STOOLS

    @property
    def harder(self) -> bool:
        """The mean Bristol type fell by 1 or more and is 3.0 or less."""
        return (
            self.bristol_known
            and self.sum_b * self.n_w - self.sum_w * self.n_b >= self.n_w * self.n_b
            and self.sum_w <= 3 * self.n_w
        )

    @property
    def looser(self) -> bool:
        """The mean Bristol type rose by 1 or more and is 5.0 or more."""
        return (
            self.bristol_known
            and self.sum_w * self.n_b - self.sum_b * self.n_w >= self.n_w * self.n_b
            and self.sum_w >= 5 * self.n_w
        )

    def said(self) -> str:
        parts = []
        if self.rec_w and self.rec_b:
            parts.append(
                f"SBMs a week {7 * self.sbm_b / self.rec_b:.1f} in the baseline "
                f"({self.rec_b} days recorded) vs {7 * self.sbm_w / self.rec_w:.1f} in "
                f"the last 14 days ({self.rec_w} recorded)"
            )
        if self.n_w and self.n_b:
            parts.append(
                f"mean Bristol type {self.sum_b / self.n_b:.1f} ({self.n_b} stools) "
                f"vs {self.sum_w / self.n_w:.1f} ({self.n_w} stools)"
            )
        moved = [
            words
            for on, words in (
                (self.fell, "fewer bowel movements"),
                (self.harder, "harder stools"),
                (self.looser, "looser stools"),
            )
            if on
        ]
        text = "; ".join(parts)
        return f"{text}. Moved away from your usual: {', '.join(moved)}" if moved else text


def _change_at(t: DayTable, i: int) -> _Change:
    lo, hi = i - CHANGE_DAYS - CHANGE_BASE + 1, i - CHANGE_DAYS
    return _Change(
        t.gi_recorded.window(i, CHANGE_DAYS),
        t.gi_recorded.between(lo, hi),
        t.sbm.window(i, CHANGE_DAYS),
        t.sbm.between(lo, hi),
        t.bristol_n.window(i, CHANGE_DAYS),
        t.bristol_sum.window(i, CHANGE_DAYS),
        t.bristol_n.between(lo, hi),
        t.bristol_sum.between(lo, hi),
    )


def change(ctx: Context) -> RuleRun:
    t = ctx.table
    # The same counts as `_change_at`, for every day at once (the baseline is the 28-day
    # window that ends 14 days earlier).
    columns = []
    for per_day in (t.gi_recorded, t.sbm, t.bristol_n, t.bristol_sum):
        columns.append(windowed(per_day, CHANGE_DAYS))
        columns.append(shifted(windowed(per_day, CHANGE_BASE), CHANGE_DAYS))
    rec_w, rec_b, sbm_w, sbm_b, n_w, n_b, sum_w, sum_b = columns
    active, enough = [], []
    for i in range(t.size):
        ok = rec_w[i] >= CHANGE_MIN_RECENT and rec_b[i] >= CHANGE_MIN_BASE
        enough.append(ok)
        if not ok:
            active.append(False)
            continue
        counts = _Change(rec_w[i], rec_b[i], sbm_w[i], sbm_b[i], n_w[i], sum_w[i], n_b[i], sum_b[i])
        active.append(counts.fell or counts.harder or counts.looser)

    def evidence(i: int) -> str:
        return _change_at(t, i).said()

    def need(i: int) -> str:
        counts = _change_at(t, i)
        return (
            f"needs at least 10 recorded days in the last 14 (has {counts.rec_w}) and 14 "
            f"in the 28 days before them (has {counts.rec_b})"
        )

    return RuleRun(
        CHANGE, active, enough, evidence, need, window_days(t.gi_recorded.per_day, CHANGE_DAYS)
    )


# --- gi.persistent ----------------------------------------------------------------------
WEEK, WEEKS, WEEK_MIN_RECORDED, WEEK_MIN_ANSWERS, WEEK_MIN_LOOSE = 7, 3, 4, 2, 3
LOOSE_RUN = 7  # a Bristol 6-7 stool on each of more than 7 consecutive recorded days
PERSISTENT = RuleInfo(
    id="gi.persistent",
    level="warn",
    title="Lasting change in bowel habit",
    rule="the last 3 weeks (days 1-7, 8-14 and 15-21 back) were all constipation weeks or "
    "all loose weeks; or a Bristol 6-7 stool on each of more than 7 days in a row, every "
    "one recorded. A constipation week has at least 4 recorded days and 2 or more Rome IV "
    "items (a)-(f) in that week ((a)-(e) with at least 2 answers, (f) at least 4 recorded "
    "days); a loose week has at least 4 recorded days and at least 3 Bristol 6-7 stools, "
    "more than 25% of its stools",
    source="NHS: see a GP about a change in your poo lasting 3 weeks or more, or diarrhoea "
    "lasting more than 7 days",
    advice="Book a GP appointment; this is not urgent. Show them this summary. This is not a "
    "diagnosis.",
    window=WEEK * WEEKS,
    citation=f"{NHS_BOWEL_CANCER} {NHS_CONSTIPATION} {NHS_DIARRHOEA}",
    needs="at least 4 days with bowel movements recorded in each of the last 3 weeks",
)


def _weeks(t: DayTable) -> tuple[list[bool], list[bool], list[bool]]:
    """Per day: the week ending there is a constipation week, a loose week, judgeable."""
    met, _judged = item_counts(t, WEEK, WEEK_MIN_ANSWERS, WEEK_MIN_RECORDED)
    judgeable = [n >= WEEK_MIN_RECORDED for n in windowed(t.gi_recorded, WEEK)]
    loose_n, typed = windowed(t.loose, WEEK), windowed(t.bristol_n, WEEK)
    constipated = [ok and k >= MIN_ITEMS for ok, k in zip(judgeable, met, strict=True)]
    loose = [
        ok and k >= WEEK_MIN_LOOSE and over_quarter(k, n)
        for ok, k, n in zip(judgeable, loose_n, typed, strict=True)
    ]
    return constipated, loose, judgeable


def persistent(ctx: Context) -> RuleRun:
    t = ctx.table
    constipated, loose, judgeable = _weeks(t)

    def blocks(i: int) -> list[int]:
        return [i - WEEK * k for k in range(WEEKS)]

    def every_block(week: list[bool]) -> list[bool]:
        """Per day: the week ending there and the 2 before it all are such weeks."""
        out = list(week)
        for k in range(1, WEEKS):
            earlier = [False] * min(WEEK * k, len(week)) + week[: max(0, len(week) - WEEK * k)]
            out = [a and b for a, b in zip(out, earlier, strict=True)]
        return out

    three_constipated, three_loose = every_block(constipated), every_block(loose)
    all_judged = every_block(judgeable)

    def all_of(week: list[bool], i: int) -> bool:
        return (three_constipated if week is constipated else three_loose)[i]

    run = [0] * t.size  # consecutive recorded days with a Bristol 6-7 stool, ending here
    for i in range(t.size):
        if t.gi_recorded.per_day[i] and t.loose.per_day[i]:
            run[i] = (run[i - 1] if i else 0) + 1
    by_weeks = [a or b for a, b in zip(three_constipated, three_loose, strict=True)]
    active = [by_weeks[i] or run[i] > LOOSE_RUN for i in range(t.size)]
    enough = [on or ok for on, ok in zip(active, all_judged, strict=True)]

    def evidence(i: int) -> str:
        parts = []
        weeks = f"{t.day(i - 20).isoformat()} to {t.day(i).isoformat()}"
        if all_of(constipated, i):
            parts.append(
                f"2 or more Rome IV constipation items in each of the last 3 weeks ({weeks})"
            )
        if all_of(loose, i):
            parts.append(
                "loose stools (Bristol 6-7, at least 3 and more than 25% of stools) "
                f"in each of the last 3 weeks ({weeks})"
            )
        if run[i] > LOOSE_RUN:
            parts.append(
                f"a Bristol 6-7 stool on each of the last {run[i]} days in a row "
                f"(from {t.day(i - run[i] + 1).isoformat()})"
            )
        text = "; ".join(parts)
        return text[:1].upper() + text[1:]

    def need(i: int) -> str:
        have = [t.gi_recorded.window(j, WEEK) if j >= 0 else 0 for j in blocks(i)]
        return f"needs {PERSISTENT.needs} (has {', '.join(map(str, have))}, this week first)"

    symptom_days = ctx.item_days
    loose_days = t.loose.per_day

    def qualifying(s: int, e: int) -> list[int]:
        """The days of its qualifying weeks or run (flags.md): in 3 constipation weeks the
        days meeting a Rome IV item, in 3 loose weeks the days with a Bristol 6-7 stool, and
        every day of a run, for each active day s..e. (Every calendar day of the weeks would
        make a 10-day episode look like three weeks.)"""
        mark = bytearray(e + 1)
        for i in range(max(0, s), e + 1):
            lo = max(0, i - WEEK * WEEKS + 1)
            if all_of(constipated, i):
                for j in range(lo, i + 1):
                    if symptom_days[j]:
                        mark[j] = 1
            if all_of(loose, i):
                for j in range(lo, i + 1):
                    if loose_days[j]:
                        mark[j] = 1
            if run[i] > LOOSE_RUN:
                mark[i - run[i] + 1 : i + 1] = b"\x01" * run[i]
        return [j for j, on in enumerate(mark) if on]

    def facts(s: int, e: int) -> str | None:
        """What the evidence days of a run s..e show, when they span less than 3 weeks (three
        week blocks can hold an 11-day episode): said instead of "3 weeks or more"."""
        days = qualifying(s, e)
        if not days or days[-1] - days[0] + 1 >= WEEK * WEEKS:
            return None
        span = (
            f"on {days_text(len(days))} between {t.day(days[0]).isoformat()} and "
            f"{t.day(days[-1]).isoformat()} ({days_text(days[-1] - days[0] + 1)})"
        )
        if all_of(constipated, e) or all_of(loose, e):
            return (
                f"Symptoms were recorded {span}, less than 3 weeks, with some in each of "
                f"the 3 weeks from {t.day(e - 20).isoformat()} to {t.day(e).isoformat()}."
            )
        return (
            f"A loose stool (Bristol 6-7) was recorded on each of the {run[e]} days in a "
            f"row from {t.day(e - run[e] + 1).isoformat()} to {t.day(e).isoformat()}."
        )

    def advice_for(s: int, e: int) -> str:
        said = facts(s, e)
        return f"{said} {PERSISTENT.advice}" if said else PERSISTENT.advice

    return RuleRun(
        PERSISTENT, active, enough, evidence, need, qualifying, advice_for=advice_for, facts=facts
    )


# --- red.<key> --------------------------------------------------------------------------
RED_DAYS = 7
RED_SOURCE = "NHS and Rome IV alarm features"
RED_TITLES = {key: f"{words} reported" for key, words in RED_FLAGS.items()}


def red_info(key: str) -> RuleInfo:
    urgent = key in URGENT_RED_FLAGS
    return RuleInfo(
        id=f"red.{key}",
        level="urgent" if urgent else "warn",
        title=RED_TITLES[key],
        rule=f"'{RED_FLAGS[key].lower()}' reported on any of the last 7 days",
        source=RED_SOURCE if urgent else "NHS: see a GP if you lose weight without trying",
        advice=RED_ADVICE[key],
        window=RED_DAYS,
        citation=(f"{NHS_BOWEL_CANCER} {NHS_DIARRHOEA} {ROME_IV}" if urgent else NHS_BOWEL_CANCER),
        needs="a check-in in the last 7 days",
    )


def red_flag(ctx: Context, key: str) -> RuleRun:
    t = ctx.table
    counts = t.red[key]
    active = [n > 0 for n in windowed(counts, RED_DAYS)]
    enough = [on or n > 0 for on, n in zip(active, windowed(t.entry, RED_DAYS), strict=True)]

    def evidence(i: int) -> str:
        days = [
            t.day(j).isoformat()
            for j in range(max(0, i - RED_DAYS + 1), i + 1)
            if counts.per_day[j]
        ]
        return f"Reported on {', '.join(days)}"

    def need(i: int) -> str:
        return "needs a check-in in the last 7 days (has none)"

    return RuleRun(
        red_info(key), active, enough, evidence, need, window_days(counts.per_day, RED_DAYS)
    )


# --- red.age_change ---------------------------------------------------------------------
AGE_MIN, AGE_NEW_DAYS = 50, 365
AGE = RuleInfo(
    id="red.age_change",
    level="warn",
    title="New lasting bowel change at age 50 or over",
    rule="age 50 or over (from the birth year in settings), a lasting change in bowel habit "
    "is active, and there was none in the 365 days before it began",
    source="Rome IV alarm feature: new symptoms after age 50 (Mearin et al. 2016); NHS bowel "
    "cancer symptoms lasting 3 weeks or more",
    advice="A new change in bowel habit lasting 3 weeks or more at 50 or over should be "
    "checked: book a GP appointment; this is not urgent. Show them this summary. "
    f"{NOT_A_DIAGNOSIS}",
    window=PERSISTENT.window,
    citation=f"{ROME_IV} {NHS_BOWEL_CANCER}",
    needs="a birth year in settings, and enough data for the lasting-change rule",
)


def age_change(ctx: Context) -> RuleRun:
    t = ctx.table
    born = ctx.settings.birth_year
    lasting = ctx.runs["gi.persistent"]
    starts = run_starts(lasting.active)
    on = Counts([1 if x else 0 for x in lasting.active])

    def old_enough(i: int) -> bool:
        return born is not None and t.day(i).year - born >= AGE_MIN

    def new(i: int) -> bool:
        s = starts[i]
        return s >= 0 and on.between(s - AGE_NEW_DAYS, s - 1) == 0

    active = [old_enough(i) and lasting.active[i] and new(i) for i in range(t.size)]
    enough = [
        active[i] or (born is not None and (not old_enough(i) or lasting.enough[i]))
        for i in range(t.size)
    ]

    def evidence(i: int) -> str:
        day: date = t.day(i)
        began = t.day(starts[i])
        text = (
            f"Age {day.year - (born or 0)} in {day.year} (birth year {born}); a lasting "
            f"change in bowel habit since {began.isoformat()}"
        )
        first = ctx.first_entry()
        if first is not None and (began - first).days < AGE_NEW_DAYS:
            return f"{text}: new as far as your entries go (they start on {first.isoformat()})"
        return f"{text}, with none in the 365 days before"

    def need(i: int) -> str:
        if born is None:
            return "needs a birth year in settings"
        return f"needs {PERSISTENT.needs}"

    def advice_for(s: int, e: int) -> str:
        said = lasting.facts(s, e) if lasting.facts is not None else None
        if not said:
            return AGE.advice
        return (
            f"{said} A new change in bowel habit at 50 or over should be checked: book a "
            "GP appointment; this is not urgent. Show them this summary. This is not a "
            "diagnosis."
        )

    return RuleRun(AGE, active, enough, evidence, need, lasting.qualifying, advice_for=advice_for)


# --- all of them ------------------------------------------------------------------------
ORDER: tuple[Callable[[Context], RuleRun], ...] = (
    infrequent,
    hard_stools,
    straining,
    incomplete,
    constipation_pattern,
    loose_stools,
    change,
    after_intake_increase,
    persistent,
    age_change,
)
INFOS: tuple[RuleInfo, ...] = (
    INFREQUENT,
    HARD,
    STRAINING,
    INCOMPLETE,
    PATTERN,
    LOOSE,
    CHANGE,
    AFTER_INCREASE,
    PERSISTENT,
    AGE,
)


def evaluate_red(ctx: Context) -> list[RuleRun]:
    """The red flags alone: they read only the table, so nothing else can hide them."""
    return [red_flag(ctx, key) for key in RED_FLAGS]


def failed(info: RuleInfo, size: int, error: BaseException) -> RuleRun:
    """A rule that raised: not active, not checked, and it says so."""
    said = f"could not be checked because of an error in fatiguelog ({type(error).__name__})"
    return RuleRun(info, [False] * size, [False] * size, lambda i: "", lambda i: said, error=said)


def evaluate_all(ctx: Context) -> list[RuleRun]:
    """Every rule, red flags first; each other rule in its own guard (a failure there is
    reported as "could not be checked" and never touches the red flags)."""
    runs = evaluate_red(ctx)
    for rule, info in zip(ORDER, INFOS, strict=True):
        try:
            run = rule(ctx)
        except Exception as exc:  # one rule's bug must not hide the others
            _log_exception("flag rule %s failed", info.id)
            run = failed(info, ctx.table.size, exc)
        ctx.runs[run.info.id] = run
        runs.append(run)
    return runs


def all_infos() -> list[RuleInfo]:
    """Every rule, red flags first, in the order views list them."""
    return [*(red_info(key) for key in RED_FLAGS), *INFOS]
