"""Delayed post-exertional malaise, described from the user's own days (never a claim of cause).

Method: the user's *higher-exertion days* are days whose exertion rating is at or above their
own 67th percentile over the period (the top third; when that cut-off equals their lowest
rating, the next rating up is used so "higher" still means something). For every day with an
exertion rating we take the mean PEM (and fatigue) rating over the next 1-2 days that have one,
and compare the average after higher-exertion days with the average after the other days.
Each figure carries the number of days behind it; below the minimum it is "not enough data".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from fatiguelog.analysis.summary import PemStats
from fatiguelog.frozen import replace
from fatiguelog.wording import mean_text

PERCENTILE = 0.67
MIN_EXERTION_DAYS = 10  # days with an exertion rating in the period
MIN_GROUP_DAYS = 5  # days behind each of the two compared figures
SAME_WITHIN = 0.5  # a difference under half a point is "about the same"


def exertion_threshold(values: Sequence[float]) -> float | None:
    """The 67th percentile (nearest rank), moved up when it equals the lowest value."""
    ordered = sorted(values)
    if not ordered:
        return None
    cut = ordered[max(0, math.ceil(PERCENTILE * len(ordered)) - 1)]
    if cut == ordered[0]:
        higher = [v for v in ordered if v > cut]
        if not higher:
            return None
        cut = higher[0]
    return cut


def _after(values: Sequence[float | None], i: int) -> float | None:
    """Mean rating over days i+1 and i+2 (those that have one)."""
    found = [v for v in values[i + 1 : i + 3] if v is not None]
    return sum(found) / len(found) if found else None


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def pem_stats(
    exertion: Sequence[float | None],
    pem: Sequence[float | None],
    fatigue: Sequence[float | None],
    start: int,
    stop: int,
) -> PemStats:
    """Compare days after higher-exertion days with days after others, for days start..stop.

    The lists are per-day (index = day); the ratings after the period's last day are used
    when they exist, so the last day of the period still has a "next day".
    """
    own = [value for value in exertion[start : stop + 1] if value is not None]
    threshold = exertion_threshold(own) if len(own) >= MIN_EXERTION_DAYS else None
    pem_high: list[float] = []
    pem_other: list[float] = []
    fat_high: list[float] = []
    fat_other: list[float] = []
    high_days = other_days = 0
    if threshold is not None:
        for i in range(start, stop + 1):
            level = exertion[i]
            if level is None:
                continue
            high = level >= threshold
            p, f = _after(pem, i), _after(fatigue, i)
            if p is None and f is None:
                continue
            if high:
                high_days += 1
            else:
                other_days += 1
            if p is not None:
                (pem_high if high else pem_other).append(p)
            if f is not None:
                (fat_high if high else fat_other).append(f)
    enough = len(pem_high) >= MIN_GROUP_DAYS and len(pem_other) >= MIN_GROUP_DAYS
    fatigue_ok = len(fat_high) >= MIN_GROUP_DAYS and len(fat_other) >= MIN_GROUP_DAYS
    stats = PemStats(
        threshold=None if threshold is None else int(threshold),
        high_days=high_days,
        other_days=other_days,
        pem_after_high=_mean(pem_high) if enough else None,
        pem_after_other=_mean(pem_other) if enough else None,
        pem_after_high_n=len(pem_high),
        pem_after_other_n=len(pem_other),
        fatigue_after_high=_mean(fat_high) if fatigue_ok else None,
        fatigue_after_other=_mean(fat_other) if fatigue_ok else None,
        fatigue_after_high_n=len(fat_high),
        fatigue_after_other_n=len(fat_other),
        enough_data=enough,
        statement="",
    )
    return _with_statement(stats, len(own))


def _with_statement(s: PemStats, rated: int) -> PemStats:
    if s.threshold is None:
        text = (
            f"Not enough data to look for delayed PEM: it needs at least "
            f"{MIN_EXERTION_DAYS} days with an exertion rating that are not all the same "
            f"(there are {rated})."
        )
    elif not s.enough_data:
        text = (
            f"Not enough data to look for delayed PEM: it needs PEM ratings after at "
            f"least {MIN_GROUP_DAYS} higher-exertion days and {MIN_GROUP_DAYS} other days "
            f"(there are {s.pem_after_high_n} and {s.pem_after_other_n})."
        )
    else:
        high, other = s.pem_after_high or 0.0, s.pem_after_other or 0.0
        days = (
            f"after your higher-exertion days (exertion {s.threshold} or more, "
            f"{s.pem_after_high_n} days)"
        )
        others = f"after other days ({s.pem_after_other_n} days)"
        if abs(high - other) < SAME_WITHIN:
            text = (
                f"In these entries, PEM on the next 1-2 days was about the same {days}, "
                f"{mean_text(high)}, as {others}, {mean_text(other)}."
            )
        else:
            word = "higher" if high > other else "lower"
            text = (
                f"In these entries, PEM on the next 1-2 days averaged {mean_text(high)} "
                f"{days}, {word} than {mean_text(other)} {others}. This describes your own "
                "days; it does not show that one causes the other."
            )
    return replace(s, statement=text)
