"""Intake events (flags.md, version 2): when a substance started, went up, went down or stopped,
and the timeline of steady daily amounts built from them.

- An *intake day* is an entry with an `intake` list (an empty list is an answered "nothing
  taken"); an entry without one tells nothing. A *taken day* of a substance is an intake day
  listing it; its amount is the day's total in one unit.
- *Start*: a taken day with no taken day of the substance in the 14 days before, when at least
  7 of those 14 days are intake days (otherwise what came before is unknown: no start). The
  first intake day of a history has no intake day before it, so it is never a start.
- *Increase* / *decrease*: a taken day more than 25% above / below 75% of the mean of the last
  (up to 7) taken days within the previous 14 days. Days off are not zeros: back to the usual
  amount after a few days off is not an increase.
- *Stop*: the first of 2 or more consecutive intake days without the substance, right after a
  taken day ("consecutive" in the list of intake days: a day without an intake answer tells
  nothing, so it neither breaks nor makes a stop; a single missed day is not a stop).

Only days up to `until` (the period's last day) are used, so a summary never depends on what
was written after its period.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from datetime import date
from itertools import accumulate

from fatiguelog.analysis.days import DayTable, IntakeTrack
from fatiguelog.analysis.summary import IntakeEvent, IntakeRange

INCREASE_RATIO = 1.25  # more than 25% above the mean
DECREASE_RATIO = 0.75  # below 75% of the mean
MEAN_DAYS = 7  # taken days the mean is taken over (at most)
LOOKBACK_DAYS = 14  # calendar days before a taken day that the mean and a start look at
START_MIN_INTAKE_DAYS = 7  # intake days in those 14 needed to call a day a start
STOP_DAYS = 2  # consecutive intake days without it that make a stop
_REL = 1e-9  # relative slack: "exactly 25% above" must not count as more through rounding

RISE_KINDS = frozenset({"start", "increase"})
FALL_KINDS = frozenset({"stop", "decrease"})


def above(amount: float, mean: float) -> bool:
    """More than 25% above `mean`."""
    return amount > INCREASE_RATIO * mean * (1 + _REL)


def below(amount: float, mean: float) -> bool:
    """Below 75% of `mean`."""
    return amount < DECREASE_RATIO * mean * (1 - _REL)


def intake_indexes(table: DayTable, until: int | None = None) -> list[int]:
    stop = table.size - 1 if until is None else until
    return [i for i, answered in enumerate(table.intake_day) if answered and i <= stop]


def track_events(table: DayTable, track: IntakeTrack, days: list[int],
                 until: int | None = None) -> list[tuple[int, IntakeEvent]]:
    """Every event of one substance up to day index `until`, as (day index, event), in order.

    `days` are the intake days (indexes, ascending). Each taken day costs a bisect and two
    prefix-sum lookups, so every event of ten years is a single pass.
    """
    stop_at = table.size - 1 if until is None else until
    taken = [i for i in sorted(track.totals) if i <= stop_at]
    amounts = [track.totals[i] for i in taken]
    running = [0.0, *accumulate(amounts)]
    known = table.intake_days.sums
    events: list[tuple[int, IntakeEvent]] = []
    previous: tuple[int, str, float] | None = None  # (taken position, direction, amount)
    for k, i in enumerate(taken):
        amount = amounts[k]
        first = max(bisect_left(taken, i - LOOKBACK_DAYS, 0, k), k - MEAN_DAYS)
        kind: str | None = None
        mean: float | None = None
        if first == k:  # no taken day in the 14 before: a start, if enough of them are known
            if known[i] - known[max(0, i - LOOKBACK_DAYS)] >= START_MIN_INTAKE_DAYS:
                kind = "start"
        else:
            mean = (running[k] - running[first]) / (k - first)
            if above(amount, mean):
                kind = "increase"
            elif below(amount, mean):
                kind = "decrease"
        if kind is not None:
            way = "up" if kind in RISE_KINDS else "down"
            continues = (previous is not None and previous[0] == k - 1
                         and previous[1] == way and previous[2] == amount)
            events.append((i, IntakeEvent(table.day(i), track.name, track.unit, kind, amount,
                                          mean, continues)))
            previous = (k, way, amount)
    stops = _stops(table, track, taken, running, days, stop_at)
    if stops:
        events = sorted([*events, *stops], key=lambda item: item[0])
    return events


def _stops(table: DayTable, track: IntakeTrack, taken: list[int], running: list[float],
           days: list[int], until: int) -> list[tuple[int, IntakeEvent]]:
    """A stop on the first of 2+ consecutive intake days without it, right after a taken day:
    one pass over the intake days."""
    found: list[tuple[int, IntakeEvent]] = []
    totals = track.totals
    for n in range(1, len(days) - 1):
        j, before, after = days[n], days[n - 1], days[n + 1]
        if after > until:
            break
        if before in totals and j not in totals and after not in totals:
            k = bisect_left(taken, j)  # taken days before the stop
            first = max(bisect_left(taken, j - LOOKBACK_DAYS, 0, k), k - MEAN_DAYS)
            mean = (running[k] - running[first]) / (k - first) if k > first else None
            found.append((j, IntakeEvent(table.day(j), track.name, track.unit, "stop", 0.0,
                                         mean)))
    return found


def shown_changes(events: Sequence[IntakeEvent]) -> list[tuple[IntakeEvent, date | None]]:
    """Each change of one substance once: its first event, and the last day it continued
    (None: one day). A lasting change stays more than 25% above the mean of the days before
    for a few days while that mean catches up (`continues`); such an event belongs to the
    change before it. Every view lists changes through this, so they agree."""
    shown: list[tuple[IntakeEvent, date | None]] = []
    for event in events:
        if event.continues and shown:
            shown[-1] = (shown[-1][0], event.day)
        else:
            shown.append((event, None))
    return shown


def all_events(table: DayTable,
               until: int | None = None) -> dict[tuple[str, str], list[tuple[int, IntakeEvent]]]:
    """Events of every substance track in the table, up to day index `until`."""
    days = intake_indexes(table, until)
    return {key: track_events(table, track, days, until) for key, track in table.intake.items()}


def describe(event: IntakeEvent) -> str:
    """One plain line, e.g. "kratom went up to 4 g/day on 2026-05-03 (from a mean of 2 g/day
    on the days it was taken before)"."""
    unit = event.unit
    amount = f"{fmt_amount(event.amount)} {unit}/day"
    before = "" if event.previous_mean is None else (
        f" (from a mean of {fmt_amount(event.previous_mean)} {unit}/day on the days it was "
        "taken before)")
    when = event.day.isoformat()
    if event.kind == "start":
        return (f"{event.substance} started on {when} at {amount}, after 14 days or more "
                "without it")
    if event.kind == "stop":
        return f"{event.substance} stopped on {when}{before}"
    verb = "went up" if event.kind == "increase" else "went down"
    return f"{event.substance} {verb} to {amount} on {when}{before}"


def change_head(events: Sequence[tuple[int, IntakeEvent]], k: int) -> int:
    """The position in `events` (one substance, in order) of the first event of the change
    that `events[k]` belongs to. A lasting change stays beyond the mean of the days before for
    a few taken days while that mean catches up (`continues`); those days are the same change,
    and a flag names the day it began (not a later day, with a mean no day had)."""
    while k > 0 and events[k][1].continues and events[k - 1][1].kind != "stop":
        k -= 1
    return k


def amounts_before(track: IntakeTrack, i: int) -> list[float]:
    """The daily amounts a change on day index `i` was compared with: the last (up to 7) taken
    days within the 14 days before it (the days of its `previous_mean`)."""
    taken = sorted(j for j in track.totals if j < i)
    first = max(bisect_left(taken, i - LOOKBACK_DAYS), len(taken) - MEAN_DAYS)
    return [track.totals[j] for j in taken[first:]]


def amount_words(amounts: Sequence[float], unit: str) -> str:
    """`30 mg/day`, or `20-40 mg/day` when the days differed: amounts some day had."""
    low, high = min(amounts), max(amounts)
    if low == high:
        return f"{fmt_amount(low)} {unit}/day"
    return f"{fmt_amount(low)}-{fmt_amount(high)} {unit}/day"


def cited(event: IntakeEvent, before: Sequence[float]) -> str:
    """A change as a flag names it, with the amounts before and after (never a mean that no
    day had), e.g. "codeine went up from 30 to 60 mg/day on 2026-11-11"."""
    unit, when = event.unit, event.day.isoformat()
    after = f"{fmt_amount(event.amount)} {unit}/day"
    if event.kind == "start":
        return (f"{event.substance} started at {after} on {when}, after 14 days or more "
                "without it")
    if event.kind == "stop":
        was = f" (taken at {amount_words(before, unit)} before)" if before else ""
        return f"{event.substance} stopped on {when}{was}"
    verb = "went up" if event.kind == "increase" else "went down"
    if not before:
        return f"{event.substance} {verb} to {after} on {when}"
    low, high = min(before), max(before)
    was = fmt_amount(low) if low == high else f"{fmt_amount(low)}-{fmt_amount(high)} {unit}/day"
    return f"{event.substance} {verb} from {was} to {after} on {when}"


def fmt_amount(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


# --- the timeline of steady daily amounts -------------------------------------------------
TIMELINE_AHEAD_DAYS = 7  # taken days after a change whose mean tells whether it lasted
TIMELINE_MIN_AHEAD = 2  # a change seen on one day only is not (yet) a new range


def timeline(table: DayTable, track: IntakeTrack, klass: str | None,
             events: Sequence[tuple[int, IntakeEvent]], a: int, b: int) -> list[IntakeRange]:
    """Ranges of a steady daily amount of one substance, clipped to days `a..b`.

    Ranges are delimited by the intake events: a start, a stop, and an increase or decrease
    that lasts (most of the taken days from it, up to 7 within 14 days and at least 2, are
    beyond the rule's limit against the range so far). A day's wobble stays in its range
    ("1-2 cups a day"). Use as needed (a laxative every third day) is one range too: a stop
    that is part of it is a break inside the range, not "stopped" and "resumed" every few days
    (see `_as_needed_break`). The last range is the current one.
    """
    taken = [i for i in sorted(track.totals) if i <= b]
    by_day = {i: event for i, event in events if i <= b}
    stops = sorted(i for i, event in events if event.kind == "stop" and i <= b)
    marks = sorted(set(taken) | set(stops))
    ranges: list[dict] = []
    cur: dict | None = None

    def close(end: int) -> None:
        nonlocal cur
        if cur is not None:
            if cur["status"] == "stopped":
                cur["last"] = end
            ranges.append(cur)
        cur = None

    for i in marks:
        event = by_day.get(i)
        if event is not None and event.kind == "stop" and i not in track.totals:
            if cur is not None and cur["status"] == "taking":
                off = _as_needed_break(table, track, taken, i, b, cur.get("breaks", 0))
                if off is not None:
                    cur["breaks"] = max(cur.get("breaks", 0), off)
                    continue
                close(i - 1)
                cur = {"first": i, "last": i, "status": "stopped", "amounts": [], "days": [],
                       "change": "stop"}
            continue
        amount = track.totals[i]
        kind = event.kind if event is not None else None
        if cur is None:
            cur = _open(i, "start" if kind == "start" else None)
        elif cur["status"] == "stopped":
            close(i - 1)
            cur = _open(i, "start" if kind == "start" else "resumed")
        elif kind == "start":
            close(i - 1)
            cur = _open(i, "start")
        elif kind in ("increase", "decrease") and _lasts(track, taken, i, b, kind,
                                                       cur["amounts"]):
            close(i - 1)
            cur = _open(i, kind)
        cur["amounts"].append(amount)
        cur["days"].append(i)
        cur["last"] = i
    if cur is not None:
        if cur["status"] == "stopped":
            cur["last"] = b
        ranges.append(cur)

    out: list[IntakeRange] = []
    for item in ranges:
        if item["last"] < a:
            continue
        inside = [track.totals[i] for i in item["days"] if a <= i]
        if item["status"] == "taking" and not inside:
            continue
        first = max(item["first"], a)
        out.append(IntakeRange(
            substance=track.name, unit=track.unit, klass=klass,
            first=table.day(first), last=table.day(item["last"]),
            status=item["status"],
            daily_amount=float(median(inside)) if inside else 0.0,
            min_daily=min(inside) if inside else 0.0,
            max_daily=max(inside) if inside else 0.0,
            days_taken=len(inside),
            change=None if item["first"] < a else item["change"],
            before_period=item["first"] < a,
            current=False,
        ))
    if out:
        last = out[-1]
        out[-1] = IntakeRange(**{**last.__dict__, "current": True})
    return out


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count); `statistics`
    would import `random` and `decimal` on the way to the first screen."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _as_needed_break(table: DayTable, track: IntakeTrack, taken: list[int], i: int, b: int,
                     longest: int) -> int | None:
    """The days off of a stop on day index `i` when it is a break in use as needed, else None.

    As needed: taken again within 14 days, on at most half of the intake days in the 14 days
    before it was taken again (its days off are its usual pattern, so the break is no news).
    A stop not (yet) followed by a dose stays a break while it is no longer than the longest
    break already in the range (`longest`); longer, it is a stop. Daily use with two days off
    is more than half and stays a stop, then "resumed"."""
    at = bisect_left(taken, i)
    if at >= len(taken):
        off = b - i + 1
        return off if longest and off <= longest else None
    again = taken[at]
    off = again - i
    if off >= LOOKBACK_DAYS:
        return None
    known = table.intake_days.sums
    intake = known[again] - known[max(0, again - LOOKBACK_DAYS)]
    used = at - bisect_left(taken, again - LOOKBACK_DAYS)
    return off if 2 * used <= intake else None


def _open(i: int, change: str | None) -> dict:
    return {"first": i, "last": i, "status": "taking", "amounts": [], "days": [],
            "change": change}


def _lasts(track: IntakeTrack, taken: list[int], i: int, b: int, kind: str,
           so_far: list[float]) -> bool:
    """Whether a change on taken day `i` lasted: of the taken days from `i` (up to 7, within
    14 days, none after `b`; at least 2 of them), more than half are beyond the rule's limit
    against the mean of the range so far."""
    if not so_far:
        return True
    at = bisect_left(taken, i)
    ahead = [track.totals[j] for j in taken[at:at + TIMELINE_AHEAD_DAYS]
             if j < i + LOOKBACK_DAYS and j <= b]
    if len(ahead) < TIMELINE_MIN_AHEAD:
        return False
    reference = sum(so_far) / len(so_far)
    beyond = above if kind == "increase" else below
    return 2 * sum(1 for amount in ahead if beyond(amount, reference)) > len(ahead)
