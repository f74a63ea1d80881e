"""Wording and number formatting every export shares, so the formats say the same thing.

Nothing here computes a figure: it turns fields of `Summary` into words and digits.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Final

from fatiguelog import flagtext
from fatiguelog.analysis.intake import shown_changes
from fatiguelog.analysis.summary import FlagReport, IntakeEvent, RatingStats, Summary
from fatiguelog.model import BRISTOL, RED_FLAGS, SEEK_CARE
from fatiguelog.substances import class_words
from fatiguelog.textsafe import strip_controls

NOT_A_DIAGNOSIS: Final = (
    "This summary is not a diagnosis. It describes the patient's own diary entries; "
    "flags name the rule they met and are for discussion with a clinician."
)
NO_DATA: Final = "not enough data"
#: In the title of every export of the demo's made-up history.
GENERATED: Final = "generated data, not a real person's diary"
LEVEL_LABEL: Final = {"urgent": "URGENT", "warn": "Warning", "info": "Note"}
KIND_LABEL: Final = {
    "start": "started",
    "stop": "stopped",
    "increase": "increased",
    "decrease": "decreased",
}

__all__ = ["BRISTOL", "SEEK_CARE", "class_words", "flagtext"]


def is_alarm(flag: FlagReport) -> bool:
    """A flag of an alarm symptom (a `red_flags` key); red.age_change is not one."""
    return flag.id.removeprefix("red.") in RED_FLAGS


def shown_flags(summary: Summary) -> list[FlagReport]:
    """Flags shown in full: alarm symptoms have the banner or the alarm list instead (weight
    loss without trying, a warning, gets its card while it is on)."""
    return [f for f in summary.flags
            if not is_alarm(f) or (f.level != "urgent" and f.last == summary.last)]


def coverage_short(summary: Summary) -> str:
    """E.g. `15 of 17 rules checked on 2026-11-25`."""
    cov = summary.coverage
    if cov is None:
        return ""
    return (f"{cov.rules_checked} of {cov.rules_total} rules checked on "
            f"{summary.last.isoformat()}")


def sbm_figure(value: float | None) -> str:
    return NO_DATA if value is None else f"{num(value)} SBMs per week"


def laxative_text(summary: Summary) -> str:
    """Laxative days in words; an unanswered day is "not answered", never "no laxative"."""
    gi = summary.gi
    text = (f"{days_text(gi.laxative_days)} with a laxative, enema or suppository (answered or "
            f"a laxative-class dose); {days_text(gi.laxative_no_days)} answered no")
    if gi.laxative_unanswered:
        text += f"; not answered on {days_text(gi.laxative_unanswered)}"
    return text


def num(value: float | int | None, digits: int = 1, *, none: str = "—") -> str:
    """A number as a person reads it: `6.2`, `3`, never `3.0000001`; `None` as a dash."""
    if value is None:
        return none
    if isinstance(value, int) or float(value).is_integer():
        return str(int(value))
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pct(share: float | None) -> str:
    """A share (0-1) as a whole percentage."""
    return "—" if share is None else f"{round(share * 100)}%"


def part(count: int, total: int) -> str:
    """`count` as a percentage of `total` (both already in the summary)."""
    return "—" if total <= 0 else f"{round(100 * count / total)}%"


def iso(day: date) -> str:
    return day.isoformat()


def signed(value: float | None) -> str:
    """A difference with its sign, so `+1.2` and `-0.5` read at a glance."""
    if value is None:
        return "—"
    text = num(round(value, 1))
    return text if text.startswith("-") or text == "0" else f"+{text}"


def change(stats: RatingStats) -> float | None:
    """Second-half mean minus first-half mean (both are summary fields)."""
    if stats.first_half_mean is None or stats.second_half_mean is None:
        return None
    return stats.second_half_mean - stats.first_half_mean


def spells(days: tuple[date, ...] | list[date]) -> list[tuple[date, date]]:
    """Consecutive runs of active days, oldest first."""
    out: list[tuple[date, date]] = []
    for day in sorted(days):
        if out and (day - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


def spell_text(spell: tuple[date, date]) -> str:
    start, end = spell
    return iso(start) if start == end else f"{iso(start)} to {iso(end)}"


def spells_text(flag: FlagReport, summary: Summary, *, most: int = 4) -> str:
    """Every spell of the flag in the period, e.g. `2026-09-22 to 2026-10-19; 2026-11-12`."""
    found = spells([d for d in flag.active_days if summary.first <= d <= summary.last])
    if not found:
        return spell_text((flag.since, flag.last))
    shown = "; ".join(spell_text(s) for s in found[-most:])
    hidden = len(found) - most
    return f"{hidden} earlier spell{'s' if hidden > 1 else ''}; {shown}" if hidden > 0 else shown


def flag_status(flag: FlagReport, summary: Summary) -> str:
    """When a flag was on, in words: since when, whether it still is, and earlier spells."""
    days = [d for d in flag.active_days if summary.first <= d <= summary.last]
    count = f" (on for {days_text(len(days))} in the period)" if days else ""
    if flag.last == summary.last:
        text = f"on since {iso(flag.since)}, still on at {iso(flag.last)}"
        earlier = [s for s in spells(days) if s[1] < flag.since]
        if earlier:
            text += "; earlier: " + "; ".join(spell_text(s) for s in earlier[-3:])
        return text + count
    return f"on {spells_text(flag, summary)}; not on at {iso(summary.last)}{count}"


def event_text(event: IntakeEvent) -> str:
    """One intake change in plain words, without the substance name (callers escape it)."""
    unit = event.unit
    if event.kind == "stop":
        before = (
            ""
            if event.previous_mean is None
            else f" (before: {num(event.previous_mean)} {unit}/day)"
        )
        return f"stopped{before}"
    to = "at" if event.kind == "start" else "to"
    text = f"{KIND_LABEL.get(event.kind, event.kind)} {to} {num(event.amount, 2)} {unit}/day"
    if event.previous_mean is not None:
        text += f" (mean of the days taken before: {num(event.previous_mean, 2)} {unit}/day)"
    return text


def bristol_share(summary: Summary, count: int) -> str:
    """A Bristol type's share of the stools with a type; 4 stools at least (flags.md)."""
    total = bristol_total(summary)
    return part(count, total) if total >= 4 else NO_DATA


def bristol_total(summary: Summary) -> int:
    return sum(summary.gi.bristol_counts.get(t, 0) for t in range(1, 8))


def recorded_share(summary: Summary) -> str:
    return part(summary.days_recorded, summary.days)


def intake_changes(summary: Summary) -> list[tuple[IntakeEvent, date | None]]:
    """Intake changes to show: the first day of each change and the last day it continued.

    The analysis repeats a change while the 7-day mean catches up with a new level
    (`continues`); a reader needs it once, with how long it went on.
    """
    out = [pair for stats in summary.intake.values() for pair in shown_changes(stats.events)]
    return sorted(out, key=lambda pair: (pair[0].day, pair[0].substance.casefold()))


def glance_changes(
    summary: Summary, most: int = 8
) -> tuple[list[tuple[IntakeEvent, date | None]], int]:
    """The intake changes worth a first look: opioid-acting ones first, then the latest.

    Returns the chosen changes (oldest first) and how many were left for the Intake section.
    """
    opioid = {(st.substance, st.unit) for st in summary.intake.values() if st.klass == "opioid"}
    changes = intake_changes(summary)
    ranked = sorted(
        changes,
        key=lambda pair: (
            (pair[0].substance, pair[0].unit) not in opioid,
            -pair[0].day.toordinal(),
        ),
    )
    chosen = sorted(ranked[:most], key=lambda pair: (pair[0].day, pair[0].substance.casefold()))
    return chosen, len(changes) - len(chosen)


def days_text(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def change_text(event: IntakeEvent, until: date | None) -> str:
    """E.g. `increased to 4 g/day (previous mean 2 g/day); the same amount again through ...`."""
    text = event_text(event)
    return text if until is None else f"{text}; the same amount again through {iso(until)}"


def html_text(text: object) -> str:
    """User or analysis text for HTML and SVG, inert: control characters gone, escaped."""
    return escape(strip_controls(str(text)), quote=True)
