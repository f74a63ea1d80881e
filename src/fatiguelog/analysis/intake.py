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
from itertools import accumulate, pairwise

from fatiguelog.analysis.days import DayTable, IntakeTrack
from fatiguelog.analysis.summary import IntakeEvent, IntakeRange
from fatiguelog.frozen import replace
from fatiguelog.wording import amount_number

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


def track_events(
    table: DayTable, track: IntakeTrack, days: list[int], until: int | None = None
) -> list[tuple[int, IntakeEvent]]:
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
            continues = (
                previous is not None
                and previous[0] == k - 1
                and previous[1] == way
                and previous[2] == amount
            )
            events.append(
                (
                    i,
                    IntakeEvent(
                        table.day(i), track.name, track.unit, kind, amount, mean, continues
                    ),
                )
            )
            previous = (k, way, amount)
    stops = _stops(table, track, taken, running, days, stop_at)
    if stops:
        events = sorted([*events, *stops], key=lambda item: item[0])
    return events


def _stops(
    table: DayTable,
    track: IntakeTrack,
    taken: list[int],
    running: list[float],
    days: list[int],
    until: int,
) -> list[tuple[int, IntakeEvent]]:
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
            found.append((j, IntakeEvent(table.day(j), track.name, track.unit, "stop", 0.0, mean)))
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


def all_events(
    table: DayTable, until: int | None = None
) -> dict[tuple[str, str], list[tuple[int, IntakeEvent]]]:
    """Events of every substance track in the table, up to day index `until`."""
    days = intake_indexes(table, until)
    return {key: track_events(table, track, days, until) for key, track in table.intake.items()}


def describe(event: IntakeEvent) -> str:
    """One plain line, e.g. "kratom went up to 4 g/day on 2026-05-03 (from a mean of 2 g/day
    on the days it was taken before)"."""
    unit = event.unit
    amount = f"{amount_number(event.amount)} {unit}/day"
    before = (
        ""
        if event.previous_mean is None
        else (
            f" (from a mean of {amount_number(event.previous_mean)} {unit}/day on the days it was "
            "taken before)"
        )
    )
    when = event.day.isoformat()
    if event.kind == "start":
        return f"{event.substance} started on {when} at {amount}, after 14 days or more without it"
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
        return f"{amount_number(low)} {unit}/day"
    return f"{amount_number(low)}-{amount_number(high)} {unit}/day"


def cited(event: IntakeEvent, before: Sequence[float]) -> str:
    """A change as a flag names it, with the amounts before and after (never a mean that no
    day had), e.g. "codeine went up from 30 to 60 mg/day on 2026-11-11"."""
    unit, when = event.unit, event.day.isoformat()
    after = f"{amount_number(event.amount)} {unit}/day"
    if event.kind == "start":
        return f"{event.substance} started at {after} on {when}, after 14 days or more without it"
    if event.kind == "stop":
        was = f" (taken at {amount_words(before, unit)} before)" if before else ""
        return f"{event.substance} stopped on {when}{was}"
    verb = "went up" if event.kind == "increase" else "went down"
    if not before:
        return f"{event.substance} {verb} to {after} on {when}"
    low, high = min(before), max(before)
    was = (
        amount_number(low)
        if low == high
        else f"{amount_number(low)}-{amount_number(high)} {unit}/day"
    )
    return f"{event.substance} {verb} from {was} to {after} on {when}"


# --- the timeline of steady daily amounts -------------------------------------------------
TIMELINE_AHEAD_DAYS = 7  # taken days after a change whose mean tells whether it lasted
TIMELINE_MIN_AHEAD = 2  # a change seen on one day only is not (yet) a new range
SHORT_SPELL_DAYS = 7  # a spell of fewer taken days, next to another as short, is on-and-off use
OFTEN_SHARE = 0.75  # taken on fewer than 3 in 4 of the days with an intake answer: "on N of M"


def timeline(
    table: DayTable,
    track: IntakeTrack,
    klass: str | None,
    events: Sequence[tuple[int, IntakeEvent]],
    a: int,
    b: int,
    days: Sequence[int] | None = None,
) -> list[IntakeRange]:
    """Ranges of a steady daily amount of one substance, clipped to days `a..b`.

    The taken days fall into *spells* split by stops (2 or more intake days without it, the
    rule's stop). A spell is split further by an increase or decrease that lasts (most of the
    taken days from it, up to 7 within 14 days and at least 2, are beyond the rule's limit
    against the range so far); a day's wobble stays in its range ("1-2 cups a day").
    Spells of fewer than 7 taken days that follow each other within 14 days are on-and-off
    use (senna every third day): one *intermittent* range, "taken on N of M days", not a stop
    and a resume every few days. A gap at the end no longer than the longest gap inside such
    a range is not a stop either. Every other stop is a stopped range; what follows it
    "resumed" (or "started", after 14 days without). The last range is the current one.
    `days`: the intake days (indexes, ascending), when the caller has them already.
    """
    taken = [i for i in sorted(track.totals) if i <= b]
    if not taken:
        return []
    intake_days = list(days) if days is not None else intake_indexes(table, b)
    known = table.intake_days
    kinds = {i: event.kind for i, event in events if i <= b}

    def missed(after: int, before: int) -> int:
        """Intake days strictly between two days (none of them lists the substance)."""
        return known.between(after + 1, before - 1)

    def next_intake_day(after: int) -> int:
        return intake_days[bisect_left(intake_days, after + 1)]

    spells: list[list[int]] = [[taken[0]]]
    gaps: list[int] = []  # missed intake days between spell k and spell k + 1
    for prev, i in pairwise(taken):
        gap = missed(prev, i)
        if gap >= STOP_DAYS:
            spells.append([i])
            gaps.append(gap)
        else:
            spells[-1].append(i)
    trailing = known.between(taken[-1] + 1, b)

    def joins(k: int) -> bool:
        """Spells k and k + 1 are on-and-off use of one range."""
        return (
            len(spells[k]) < SHORT_SPELL_DAYS
            and len(spells[k + 1]) < SHORT_SPELL_DAYS
            and spells[k + 1][0] - spells[k][-1] < LOOKBACK_DAYS
        )

    clusters: list[list[int]] = [[0]]
    for k in range(len(spells) - 1):
        if joins(k):
            clusters[-1].append(k + 1)
        else:
            clusters.append([k + 1])

    pieces: list[dict] = []
    for n, cluster in enumerate(clusters):
        first_day = spells[cluster[0]][0]
        change = "start" if kinds.get(first_day) == "start" else "resumed" if n > 0 else None
        if len(cluster) > 1:
            widest = max(gaps[k] for k in cluster[:-1])
            taken_days = [i for k in cluster for i in spells[k]]
            pieces.append(_piece(taken_days, change, intermittent=True, widest=widest))
        else:
            pieces += _split(track, taken, spells[cluster[0]], kinds, b, change)
        last_taken = spells[cluster[-1]][-1]
        if n + 1 < len(clusters):
            following = spells[clusters[n + 1][0]][0]
            stop = next_intake_day(last_taken)
            pieces.append(
                {
                    "first": stop,
                    "last": following - 1,
                    "status": "stopped",
                    "days": [],
                    "change": "stop",
                    "intermittent": False,
                }
            )
        elif trailing >= STOP_DAYS and trailing > pieces[-1].get("widest", 0):
            pieces.append(
                {
                    "first": next_intake_day(last_taken),
                    "last": b,
                    "status": "stopped",
                    "days": [],
                    "change": "stop",
                    "intermittent": False,
                }
            )
        elif pieces[-1]["intermittent"]:
            pieces[-1]["last"] = b  # on-and-off use goes on to the end of what is shown

    out: list[IntakeRange] = []
    for item in pieces:
        if item["last"] < a:
            continue
        inside = [track.totals[i] for i in item["days"] if a <= i]
        if item["status"] == "taking" and not inside:
            continue
        first = max(item["first"], a)
        answered = known.between(first, item["last"])
        taken_inside = [i for i in item["days"] if a <= i]
        out.append(
            IntakeRange(
                substance=track.name,
                unit=track.unit,
                klass=klass,
                first=table.day(first),
                last=table.day(item["last"]),
                status=item["status"],
                daily_amount=float(usual(inside)) if inside else 0.0,
                min_daily=min(inside) if inside else 0.0,
                max_daily=max(inside) if inside else 0.0,
                days_taken=len(inside),
                change=None if item["first"] < a else item["change"],
                before_period=item["first"] < a,
                current=False,
                intake_days=answered,
                intermittent=item["intermittent"]
                or (item["status"] == "taking" and len(inside) < OFTEN_SHARE * answered),
                last_taken=table.day(taken_inside[-1]) if taken_inside else None,
            )
        )
    if out:
        out[-1] = replace(out[-1], current=True)
    return out


def _piece(
    days: list[int], change: str | None, *, intermittent: bool = False, widest: int = 0
) -> dict:
    return {
        "first": days[0],
        "last": days[-1],
        "status": "taking",
        "days": days,
        "change": change,
        "intermittent": intermittent,
        "widest": widest,
    }


def _split(
    track: IntakeTrack,
    taken: list[int],
    spell: list[int],
    kinds: dict[int, str],
    b: int,
    change: str | None,
) -> list[dict]:
    """One spell of regular use, split where an increase or decrease lasted; then pieces
    that are only a wobble between the same amounts are one range again (`_same_amounts`)."""
    pieces: list[dict] = []
    amounts: list[float] = []
    start = 0
    for n, i in enumerate(spell):
        kind = kinds.get(i)
        if n and kind in ("increase", "decrease") and _lasts(track, taken, i, b, kind, amounts):
            pieces.append(_piece(spell[start:n], change))
            start, change, amounts = n, kind, []
        amounts.append(track.totals[i])
    pieces.append(_piece(spell[start:], change))
    merged = [pieces[0]]
    for piece in pieces[1:]:
        if _same_amounts(
            [track.totals[i] for i in merged[-1]["days"]], [track.totals[i] for i in piece["days"]]
        ):
            merged[-1] = _piece(merged[-1]["days"] + piece["days"], merged[-1]["change"])
        else:
            merged.append(piece)
    return merged


def _same_amounts(before: list[float], after: list[float]) -> bool:
    """Two neighbouring pieces of one spell are one range when each one's usual amount lies
    within the other's lowest to highest amount: coffee at 1 or 2 cups a day, whichever half
    of the days had more 2s, is one range "1-2 cups a day". A move to amounts the range did
    not have (2 g to 3 g, with a day of 3 g before it; 1-2 cups to 3-4 cups) stays a change."""
    return min(before) <= usual(after) <= max(before) and min(after) <= usual(before) <= max(after)


def usual(values: list[float]) -> float:
    """The usual daily amount: the most common one (on a tie, the one nearest the median,
    then the lower). Always an amount some day had: never "usually 1.5 cups" from 1s and 2s."""
    counts: dict[float, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    middle = median(values)
    return min(counts, key=lambda v: (-counts[v], abs(v - middle), v))


def median(values: list[float]) -> float:
    """The middle value (the mean of the two middle ones for an even count); `statistics`
    would import `random` and `decimal` on the way to the first screen."""
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def _lasts(
    track: IntakeTrack, taken: list[int], i: int, b: int, kind: str, so_far: list[float]
) -> bool:
    """Whether a change on taken day `i` lasted: of the taken days from `i` (up to 7, within
    14 days, none after `b`; at least 2 of them), more than half are beyond the rule's limit
    against the mean of the range so far, and at most one is back among the range's own
    amounts (at or below the highest it had on 2 days or more, for an increase; a single
    day's amount is a wobble, not one of its own): 1, 1, then 2, 2, 1, 1, 2 cups is a wobble,
    not a new range."""
    if not so_far:
        return True
    at = bisect_left(taken, i)
    ahead = [
        track.totals[j]
        for j in taken[at : at + TIMELINE_AHEAD_DAYS]
        if j < i + LOOKBACK_DAYS and j <= b
    ]
    if len(ahead) < TIMELINE_MIN_AHEAD:
        return False
    reference = sum(so_far) / len(so_far)
    beyond = above if kind == "increase" else below
    repeated = [v for v in set(so_far) if so_far.count(v) > 1] or so_far
    if kind == "increase":
        back = sum(1 for amount in ahead if amount <= max(repeated))
    else:
        back = sum(1 for amount in ahead if amount >= min(repeated))
    return 2 * sum(1 for amount in ahead if beyond(amount, reference)) > len(ahead) and back <= 1
