"""The week-by-week table and the per-day bowel marks behind the charts: the evidence under
every duration a flag states ("14 days without a spontaneous bowel movement between ...").

Weeks are counted back from the period's last day (days D-6..D, D-13..D-7, ...), as the rules
count their windows, so the latest week is always whole; the first may be shorter and says
how many days it has. Every figure comes from the `DayTable` prefix sums: a week costs a few
lookups, never a rescan of entries. Missing is not zero: a week without a recorded GI day has
no bowel figures (views say so), and a day that did not answer the laxative question is
counted as not answered, never as "no".
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from fatiguelog.analysis.summary import DaySeries, WeekRow
from fatiguelog.model import RED_FLAGS

if TYPE_CHECKING:  # (the HTML export reads the series names without the table's module)
    from fatiguelog.analysis.days import DayTable

WEEK = 7

#: Per-day series for the bowel chart (keys of `Summary.series`): stools by Bristol group,
#: `None` on a day without a bowel answer; laxative days (1 yes, 0 answered no, None not
#: answered); alarm-symptom days (1 reported, 0 an entry without a report, None no entry).
STOOL_SERIES: tuple[tuple[str, str], ...] = (
    ("stools:hard", "Bristol 1-2 (hard)"),
    ("stools:typical", "Bristol 3-5"),
    ("stools:loose", "Bristol 6-7 (loose)"),
    ("stools:untyped", "no type given"),
)
LAXATIVE_SERIES = "laxative_day"
ALARM_SERIES = "alarm_day"


def week_rows(table: DayTable, a: int, b: int) -> tuple[WeekRow, ...]:
    """7-day blocks ending on day index `b`, back to `a` (the first one may be shorter),
    oldest first."""
    rows: list[WeekRow] = []
    end = b
    while end >= a:
        start = max(a, end - WEEK + 1)
        rows.append(_week(table, start, end))
        end = start - 1
    return tuple(reversed(rows))


def _week(table: DayTable, i: int, j: int) -> WeekRow:
    reported = tuple(key for key in RED_FLAGS if table.red[key].between(i, j))
    alarm_days = sum(
        1 for day in range(i, j + 1) if any(table.red[key].per_day[day] for key in RED_FLAGS)
    )
    entries = table.entry.between(i, j)
    laxative = table.laxative.between(i, j)
    return WeekRow(
        first=table.day(i),
        last=table.day(j),
        days=j - i + 1,
        days_recorded=entries,
        gi_days=table.gi_recorded.between(i, j),
        stools=table.stools.between(i, j),
        sbm=table.sbm.between(i, j),
        no_sbm_days=table.no_sbm.between(i, j),
        typed=table.bristol_n.between(i, j),
        hard=table.hard.between(i, j),
        loose=table.loose.between(i, j),
        straining=table.yes["straining"].between(i, j),
        straining_answered=table.answered["straining"].between(i, j),
        incomplete=table.yes["incomplete"].between(i, j),
        incomplete_answered=table.answered["incomplete"].between(i, j),
        laxative_days=laxative,
        laxative_unanswered=entries - laxative - table.laxative_no.between(i, j),
        alarm_days=alarm_days,
        alarms=reported,
    )


def bowel_day_series(table: DayTable, a: int, b: int) -> dict[str, DaySeries]:
    """Stools a day by Bristol group, laxative days and alarm days, for the bowel chart.

    A recorded GI day with no stool is a real 0 in every stool series (an answered "none");
    a day without a bowel answer is `None` in all of them (a gap)."""
    days: tuple[date, ...] = table.dates[a : b + 1]
    types = table.bristol_types
    recorded = table.gi_recorded.per_day
    groups = {
        "stools:hard": lambda i: types[1].per_day[i] + types[2].per_day[i],
        "stools:typical": lambda i: sum(types[k].per_day[i] for k in (3, 4, 5)),
        "stools:loose": lambda i: types[6].per_day[i] + types[7].per_day[i],
        "stools:untyped": lambda i: table.stools.per_day[i] - table.bristol_n.per_day[i],
    }
    out: dict[str, DaySeries] = {}
    for key, label in STOOL_SERIES:
        count = groups[key]
        out[key] = DaySeries(
            key,
            label,
            days,
            tuple(float(count(i)) if recorded[i] else None for i in range(a, b + 1)),
        )
    out[LAXATIVE_SERIES] = DaySeries(
        LAXATIVE_SERIES,
        "Laxative day",
        days,
        tuple(
            1.0 if table.laxative.per_day[i] else 0.0 if table.laxative_no.per_day[i] else None
            for i in range(a, b + 1)
        ),
    )
    out[ALARM_SERIES] = DaySeries(
        ALARM_SERIES,
        "Alarm symptom reported",
        days,
        tuple(
            1.0
            if any(table.red[key].per_day[i] for key in RED_FLAGS)
            else 0.0
            if table.entry.per_day[i]
            else None
            for i in range(a, b + 1)
        ),
    )
    return out


__all__ = ["ALARM_SERIES", "LAXATIVE_SERIES", "STOOL_SERIES", "bowel_day_series", "week_rows"]
