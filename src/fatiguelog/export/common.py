"""Wording and number formatting every export shares, so the formats say the same thing.

Nothing here computes a figure: it turns fields of `Summary` into words and digits.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Final

from fatiguelog.analysis.summary import FlagReport, IntakeEvent, RatingStats, Summary
from fatiguelog.model import BRISTOL, SEEK_CARE

NOT_A_DIAGNOSIS: Final = (
    "This summary is not a diagnosis. It describes the patient's own diary entries; "
    "flags name the rule they met and are for discussion with a clinician."
)
NO_DATA: Final = "not enough data"
LEVEL_LABEL: Final = {"urgent": "URGENT", "warn": "Warning", "info": "Note"}
KIND_LABEL: Final = {
    "start": "started",
    "stop": "stopped",
    "increase": "increased",
    "decrease": "decreased",
}
_ENTRY_FILE = re.compile(r"(?:^|/)entries/\d{4}/(\d{4}-\d{2}-\d{2})\.toml$")

__all__ = ["BRISTOL", "SEEK_CARE"]


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


def flag_status(flag: FlagReport, summary: Summary) -> str:
    """Whether a flag is still on at the end of the period, in words."""
    if flag.last == summary.last:
        return f"active since {iso(flag.since)}, still active on {iso(flag.last)}"
    return f"active from {iso(flag.since)} to {iso(flag.last)} (no longer active)"


def event_text(event: IntakeEvent) -> str:
    """One intake change in plain words, without the substance name (callers escape it)."""
    unit = event.unit
    if event.kind == "stop":
        before = "" if event.previous_mean is None else f" (before: {num(event.previous_mean)} {unit}/day)"
        return f"stopped{before}"
    text = f"{KIND_LABEL.get(event.kind, event.kind)} to {num(event.amount, 2)} {unit}/day"
    if event.previous_mean is not None:
        text += f" (previous mean {num(event.previous_mean, 2)} {unit}/day)"
    return text


def problem_day(file: str) -> date | None:
    """The day an unreadable entry file stands for, when its name says so."""
    match = _ENTRY_FILE.search(file.replace("\\", "/"))
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def bristol_total(summary: Summary) -> int:
    return sum(summary.gi.bristol_counts.get(t, 0) for t in range(1, 8))


def recorded_share(summary: Summary) -> str:
    return part(summary.days_recorded, summary.days)


def intake_events(summary: Summary) -> list[IntakeEvent]:
    """Every intake change in the period, oldest first."""
    events = [e for stats in summary.intake.values() for e in stats.events]
    return sorted(events, key=lambda e: (e.day, e.substance.casefold()))
