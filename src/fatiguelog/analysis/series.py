"""Daily series for charts and the period statistics, read from the `DayTable`.

A day without an answer is `None` (a gap in a chart), never a zero.
"""

from __future__ import annotations

from datetime import date

from fatiguelog.analysis.days import DayTable, IntakeTrack
from fatiguelog.analysis.summary import AnswerStats, DaySeries, RatingStats
from fatiguelog.vocabulary import Question

#: The series that are not one question's answers (those are named by `Question.series_label`).
LABELS: dict[str, str] = {
    "sbm_per_week": "SBMs a week (rolling 7 days)",
    "bristol_mean": "Bristol type (daily mean, 1 hard - 7 watery)",
}
SBM_MIN_RECORDED = 4  # recorded days in the 7 needed for a rolling SBMs-a-week figure
MIN_RATED_DAYS = 3  # answered days a mean rating needs


def _days(table: DayTable, a: int, b: int) -> tuple[date, ...]:
    return table.dates[a : b + 1]


def answer_series(table: DayTable, question: Question, a: int, b: int) -> DaySeries:
    """A question's daily answers (a yes/no as 1 or 0)."""
    key = question.series_key
    return DaySeries(
        key, question.series_label, _days(table, a, b), tuple(table.ratings[key][a : b + 1])
    )


def sbm_per_week(table: DayTable, a: int, b: int) -> DaySeries:
    values: list[float | None] = []
    for i in range(a, b + 1):
        recorded = table.gi_recorded.window(i, 7)
        values.append(
            7 * table.sbm.window(i, 7) / recorded if recorded >= SBM_MIN_RECORDED else None
        )
    return DaySeries("sbm_per_week", LABELS["sbm_per_week"], _days(table, a, b), tuple(values))


def bristol_mean(table: DayTable, a: int, b: int) -> DaySeries:
    n, total = table.bristol_n.per_day, table.bristol_sum.per_day
    values = tuple(total[i] / n[i] if n[i] else None for i in range(a, b + 1))
    return DaySeries("bristol_mean", LABELS["bristol_mean"], _days(table, a, b), values)


def intake_series(table: DayTable, name: str, track: IntakeTrack, a: int, b: int) -> DaySeries:
    """Daily totals: 0 on an intake day without it, `None` when intake was not answered."""
    values = tuple(
        track.totals.get(i, 0.0) if table.intake_day[i] else None for i in range(a, b + 1)
    )
    return DaySeries(f"intake:{name}", f"{name} ({track.unit} a day)", _days(table, a, b), values)


def rating_stats(table: DayTable, key: str, label: str, a: int, b: int) -> RatingStats:
    """Mean, range and the two halves of the period (the middle day goes to the second); a
    mean of fewer than 3 answered days is None ("not enough data")."""
    values = table.ratings[key]
    half = a + (b - a + 1) // 2
    every = [v for v in values[a : b + 1] if v is not None]
    first = [v for v in values[a:half] if v is not None]
    second = [v for v in values[half : b + 1] if v is not None]
    return RatingStats(
        key=key,
        label=label,
        days=len(every),
        mean=_mean(every),
        min=int(min(every)) if every else None,
        max=int(max(every)) if every else None,
        first_half_mean=_mean(first),
        second_half_mean=_mean(second),
    )


def answer_stats(table: DayTable, question: Question, a: int, b: int) -> AnswerStats:
    """A question's figures over `a..b`: as `rating_stats` for a rating or a number, the days
    answered yes for a yes/no."""
    values = table.ratings[question.series_key]
    if question.kind == "yesno":
        said = [i for i in range(a, b + 1) if values[i] is not None]
        return AnswerStats(
            question, len(said), yes_days=tuple(table.day(i) for i in said if values[i])
        )
    half = a + (b - a + 1) // 2
    every = [v for v in values[a : b + 1] if v is not None]
    return AnswerStats(
        question,
        len(every),
        mean=_mean(every),
        min=min(every) if every else None,
        max=max(every) if every else None,
        first_half_mean=_mean([v for v in values[a:half] if v is not None]),
        second_half_mean=_mean([v for v in values[half : b + 1] if v is not None]),
    )


def _mean(values: list[float]) -> float | None:
    """A mean rating needs at least 3 answered days (flags.md, "Not enough data")."""
    return sum(values) / len(values) if len(values) >= MIN_RATED_DAYS else None
