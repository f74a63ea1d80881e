"""Intake events: when a substance started, stopped, went up or went down (flags.md).

- An *intake day* is an entry with an `intake` list; an empty list is an answered "nothing
  taken" (a 0 for every substance), an entry without one tells nothing.
- *Increase*: the day's total (same unit) is more than 25% above the mean of the previous 7
  intake days. *Start*: the first day taken after 14 calendar days without it; "without"
  must be known, so the intake day just before must have answered "not taken", and a
  substance never taken before needs 14 days of intake answers since the first intake day.
  The first intake day of the history is never a change at all: what came before is unknown.
- *Decrease*: below 75% of that mean. *Stop*: an intake day without it right after an
  intake day with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from fatiguelog.analysis.days import DayTable, IntakeTrack
from fatiguelog.analysis.summary import IntakeEvent

INCREASE_RATIO = 1.25  # more than 25% above the previous mean
DECREASE_RATIO = 0.75  # below 75% of the previous mean
MEAN_DAYS = 7  # intake days the mean is taken over
START_GAP = 14  # calendar days without it before a start
_EPS = 1e-9

RISE_KINDS = frozenset({"start", "increase"})
FALL_KINDS = frozenset({"stop", "decrease"})


def intake_indexes(table: DayTable) -> list[int]:
    return [i for i, answered in enumerate(table.intake_day) if answered]


def track_events(table: DayTable, track: IntakeTrack,
                 days: list[int]) -> list[tuple[int, IntakeEvent]]:
    """Every event of one substance, as (day index, event), in date order."""
    events: list[tuple[int, IntakeEvent]] = []
    amounts: list[float] = []
    last_taken: int | None = None
    previous_kind: str | None = None  # the event kind on the previous intake day
    for k, i in enumerate(days):
        amount = track.totals.get(i, 0.0)
        if k > 0:
            previous = amounts[-1]
            recent = amounts[-MEAN_DAYS:]
            mean = sum(recent) / len(recent)
            kind: str | None = None
            if amount > 0:
                # Never taken so far counts as "without" only from the first intake day on.
                since = last_taken if last_taken is not None else days[0] - 1
                if previous == 0 and i - since > START_GAP:
                    kind = "start"
                elif len(amounts) >= MEAN_DAYS:
                    if amount > INCREASE_RATIO * mean + _EPS:
                        kind = "increase"
                    elif amount < DECREASE_RATIO * mean - _EPS:
                        kind = "decrease"
            elif previous > 0:
                kind = "stop"
            if kind is not None:
                shown_mean = mean if kind != "start" else None
                same_way = _direction(kind) == _direction(previous_kind)
                continues = same_way and amount == previous
                events.append((i, IntakeEvent(table.day(i), track.name, track.unit, kind,
                                              amount, shown_mean, continues)))
            previous_kind = kind
        amounts.append(amount)
        if amount > 0:
            last_taken = i
    return events


def _direction(kind: str | None) -> str | None:
    if kind in RISE_KINDS:
        return "up"
    return "down" if kind in FALL_KINDS else None


def first_of_streak(events: list[tuple[int, IntakeEvent]], position: int) -> IntakeEvent:
    """The first event of the run of `continues` events that `position` belongs to."""
    while position > 0 and events[position][1].continues:
        position -= 1
    return events[position][1]


def shown_changes(events: Sequence[IntakeEvent]) -> list[tuple[IntakeEvent, date | None]]:
    """Each change of one substance once: its first event, and the last day it continued
    (None: one day). The analysis repeats a change while the 7-day mean catches up with the
    new level (`continues`); such an event belongs to the change before it, whatever its kind,
    as in `first_of_streak`. Every view lists changes through this, so they agree."""
    shown: list[tuple[IntakeEvent, date | None]] = []
    for event in events:
        if event.continues and shown:
            shown[-1] = (shown[-1][0], event.day)
        else:
            shown.append((event, None))
    return shown


def all_events(table: DayTable) -> dict[tuple[str, str], list[tuple[int, IntakeEvent]]]:
    """Events of every substance track in the table."""
    days = intake_indexes(table)
    return {key: track_events(table, track, days) for key, track in table.intake.items()}


def describe(event: IntakeEvent) -> str:
    """One plain line, e.g. "kratom went up to 4 g on 2026-05-03 (mean before 2 g)"."""
    amount = f"{fmt_amount(event.amount)} {event.unit}"
    before = "" if event.previous_mean is None else \
        f" (mean of the previous 7 intake days {fmt_amount(event.previous_mean)} {event.unit})"
    when = event.day.isoformat()
    if event.kind == "start":
        return f"{event.substance} started on {when} at {amount} after 14 days or more without it"
    if event.kind == "stop":
        return f"{event.substance} was not taken on {when}{before}"
    verb = "went up" if event.kind == "increase" else "went down"
    return f"{event.substance} {verb} to {amount} on {when}{before}"


def fmt_amount(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))

