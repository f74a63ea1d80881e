"""The words every view uses for what was taken: amounts with their units, and the medication
timeline (`Summary.intake_timeline`) as rows and lines.

Every export, the trend view and `trends --print` list intake changes from the timeline's
steady ranges, not from the rule's day-by-day events: coffee at 1-2 cups is one range "1-2
cups a day", not five "increases"; a substance taken again after a break reads "resumed",
never "stopped"; on-and-off use reads "on 11 of 31 days". Units are plural when the amount is
not 1 ("2 cups", "1 tablet"); the unit "other" reads "(other unit)" (amounts, units and
plurals are `fatiguelog.wording`'s, like every number). Plain strings only: each view escapes
them (the substance name is user text).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from fatiguelog.frozen import frozen
from fatiguelog.substances import class_words
from fatiguelog.wording import AMOUNT_DIGITS, amount, amount_number, days_text, unit_text

if TYPE_CHECKING:  # annotations only
    from fatiguelog.analysis.summary import IntakeEvent, IntakeRange, Summary

#: The order substances are listed in: opioid-class first (the GI story), laxatives, then
#: names fatiguelog could not classify (they may be either), then the rest.
CLASS_ORDER: Final = {"opioid": 0, "laxative": 1, None: 2, "other": 3}
#: Chart marks for how a range began, explained in words wherever they are drawn.
RISES: Final = frozenset({"start", "increase", "resumed"})


def per_day(value: float, unit: str, digits: int = AMOUNT_DIGITS) -> str:
    return f"{amount(value, unit, digits)} a day"


def amount_range(low: float, high: float, unit: str) -> str:
    """`1-2 cups`, `2 g` (one amount when both ends are the same)."""
    if low == high:
        return amount(low, unit)
    return f"{amount_number(low)}-{amount_number(high)} {unit_text(high, unit)}"


# --- one range ------------------------------------------------------------------------------
def range_amount(r: IntakeRange) -> str:
    """What was taken in the range: `1.5 g a day`, `1-2 cups a day (usually 1)`,
    `15 mg, on 11 of 31 days`, `none (stopped)`."""
    if r.status == "stopped":
        return "none (stopped)"
    said = amount_range(r.min_daily, r.max_daily, r.unit)
    if r.min_daily != r.max_daily:
        said += f" a day (usually {amount_number(r.daily_amount)})" if not r.intermittent else ""
    elif not r.intermittent:
        said += " a day"
    if r.intermittent:
        said += f", on {r.days_taken} of {days_text(r.intake_days)}"
    return said


def range_change(r: IntakeRange, previous: IntakeRange | None = None) -> str:
    """How the range began, in words: `started`, `increased from 2 g`, `resumed after 2 days
    without it`, `stopped (was 15 mg a day)`, `taken before this period`."""
    before = previous if previous is not None and previous.status == "taking" else None
    if r.change == "start":
        if previous is not None and previous.status == "stopped":  # taken earlier this period
            gap = (previous.last - previous.first).days + 1
            return f"taken again after {days_text(gap)} without it"
        return "started"
    if r.change in ("increase", "decrease"):
        verb = "increased" if r.change == "increase" else "decreased"
        if before is None:
            return verb
        return f"{verb} from {amount_range(before.min_daily, before.max_daily, before.unit)}"
    if r.change == "resumed":
        if previous is not None and previous.status == "stopped":
            gap = (previous.last - previous.first).days + 1
            return f"resumed after {days_text(gap)} without it"
        return "resumed"
    if r.change == "stop":
        if before is None:
            return "stopped"
        return f"stopped (was {per_day(before.daily_amount, before.unit)})"
    return "already taken" if r.before_period else "first recorded"


def from_text(r: IntakeRange) -> str:
    """The range's first day; one that began before the period says so."""
    return f"before {r.first.isoformat()}" if r.before_period else r.first.isoformat()


def to_text(r: IntakeRange, period_last: date) -> str:
    """The range's last day; the current one says whether it is still taken (or stopped)
    on the period's last day."""
    if not r.current:
        return r.last.isoformat()
    if r.status == "stopped":
        return "now"  # the amount says "none (stopped)"; "still stopped" read as a dose
    if r.last_taken is not None and r.last_taken < period_last:
        return f"last taken {r.last_taken.isoformat()}"
    return "still taken"


def range_line(r: IntakeRange, previous: IntakeRange | None, period_last: date) -> str:
    """One line for lists, e.g. `4 g a day: 2026-09-16 to 2026-10-15 (increased from 2 g)`;
    the current range opens with "Now" and says whether it is still taken:
    `Now 1.5 g a day: since 2026-10-16 (decreased from 4 g), still taken on 2026-11-25`,
    `Now none: stopped on 2026-10-11 (was 15 mg a day)`."""
    change = range_change(r, previous)
    if r.status == "stopped":
        said = f"none: stopped on {r.first.isoformat()}"
        if "(" in change:
            said += change.removeprefix("stopped")
        if not r.current:
            said += f", not taken to {r.last.isoformat()}"
        return f"Now {said}" if r.current else said
    began = (
        f"since before {r.first.isoformat()}"
        if r.before_period
        else f"since {r.first.isoformat()} ({change})"
    )
    if not r.current:
        began = (
            f"from before {r.first.isoformat()} to {r.last.isoformat()}"
            if r.before_period
            else f"{r.first.isoformat()} to {r.last.isoformat()} ({change})"
        )
        return f"{range_amount(r)}: {began}"
    if r.last_taken is not None and r.last_taken < period_last:
        still = f"last taken on {r.last_taken.isoformat()}"
    else:
        still = f"still taken on {period_last.isoformat()}"
    return f"Now {range_amount(r)}: {began}, {still}"


# --- the whole timeline ---------------------------------------------------------------------
@frozen
class TimelineRow:
    """One row of the medication timeline table, in words (the name is user text)."""

    substance: str
    klass: str  # "opioid", "laxative", "other", "not classified"
    first: str
    last: str
    amount: str
    change: str
    current: bool
    range: IntakeRange


def by_substance(ranges: Sequence[IntakeRange]) -> list[list[IntakeRange]]:
    """The ranges grouped by substance (and unit), each group oldest first; opioid-class
    substances first, then laxatives, not classified and the rest, each by name."""
    groups: dict[tuple[str, str], list[IntakeRange]] = {}
    for r in ranges:
        groups.setdefault((r.substance.casefold(), r.unit), []).append(r)
    ordered = sorted(groups.items(), key=lambda kv: (CLASS_ORDER.get(kv[1][0].klass, 3), kv[0]))
    return [sorted(group, key=lambda r: r.first) for _key, group in ordered]


def rows(summary: Summary, *, most: int | None = None) -> tuple[list[TimelineRow], int]:
    """The timeline as table rows, and how many older ranges were left out (`most`: at most
    that many rows per substance, the latest ones; the current one is always last)."""
    out: list[TimelineRow] = []
    hidden = 0
    for group in by_substance(summary.intake_timeline):
        start = 0 if most is None else max(0, len(group) - most)
        hidden += start
        for n in range(start, len(group)):
            r = group[n]
            previous = group[n - 1] if n else None
            out.append(
                TimelineRow(
                    substance=r.substance,
                    klass=class_words(r.klass),
                    first=from_text(r),
                    last=to_text(r, summary.last),
                    amount=range_amount(r),
                    change=range_change(r, previous),
                    current=r.current,
                    range=r,
                )
            )
    return out, hidden


def substance_lines(ranges: Sequence[IntakeRange], period_last: date) -> list[str]:
    """Each range of one substance as a line, oldest first (the trend view's change list)."""
    group = sorted(ranges, key=lambda r: r.first)
    return [range_line(r, group[n - 1] if n else None, period_last) for n, r in enumerate(group)]


def ranges_of(summary: Summary, substance: str, unit: str) -> list[IntakeRange]:
    key = substance.casefold()
    return [r for r in summary.intake_timeline if r.substance.casefold() == key and r.unit == unit]


def range_events(ranges: Sequence[IntakeRange]) -> list[IntakeEvent]:
    """Where a range began inside the period, as chart marks: start, increase, decrease,
    resumed or stop on the range's first day, at its usual amount."""
    from fatiguelog.analysis.summary import IntakeEvent

    return [
        IntakeEvent(r.first, r.substance, r.unit, r.change, r.daily_amount, None)
        for r in sorted(ranges, key=lambda r: r.first)
        if r.change is not None and not r.before_period
    ]


def mark_label(event: IntakeEvent) -> str:
    """A chart mark's words: `▲ kratom 4 g`, `▼ senna stopped`, `▲ kratom resumed`."""
    arrow = "▲" if event.kind in RISES else "▼"
    if event.kind == "stop":
        return f"{arrow} {event.substance} stopped"
    if event.kind in ("start", "resumed"):
        word = "started" if event.kind == "start" else "resumed"
        return f"{arrow} {event.substance} {word}, {amount(event.amount, event.unit)}"
    return f"{arrow} {event.substance} {amount(event.amount, event.unit)}"


__all__ = [
    "TimelineRow",
    "amount_range",
    "by_substance",
    "from_text",
    "mark_label",
    "per_day",
    "range_amount",
    "range_change",
    "range_events",
    "range_line",
    "ranges_of",
    "rows",
    "substance_lines",
    "to_text",
]
