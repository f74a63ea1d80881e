"""The charts part of the trend view, from a `Summary`: the same charts and the same words in
the app and in `trends --print`.

A list of items in reading order: a `textchart.Chart` (drawn by the one chart engine) or a
`Note`, a paragraph that is no chart (a heading, "no answers in this period", a yes/no
question's days, the Bristol type counts, the amounts of a substance over the period). The
trend view turns each item into a widget (a note's kind is its CSS class) and the print into
Rich text; neither adds a figure of its own, so the two can't disagree.

No Textual and no Rich here (a test checks `sys.modules`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from fatiguelog import intaketext as it
from fatiguelog.analysis.series import MIN_RATED_DAYS
from fatiguelog.analysis.summary import (
    AnswerStats,
    DaySeries,
    IntakeEvent,
    Summary,
)
from fatiguelog.substances import class_words
from fatiguelog.textchart import Chart, Scale
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import (
    NO_DATA,
    answer_name,
    answer_words,
    days_text,
    mean_text,
    number,
    percent,
    plural,
    unit_text,
)

SECTION_HEADING = "Charts (each bar is a day, or the mean of several; · = no answer)"
#: Bristol types in a few words, to fit one line at 80 columns (full wording: model.BRISTOL).
BRISTOL_SHORT = {
    1: "separate hard lumps",
    2: "lumpy sausage",
    3: "sausage with cracks",
    4: "smooth, soft sausage",
    5: "soft blobs",
    6: "mushy, ragged pieces",
    7: "watery, no solid pieces",
}
#: Ranges of a substance listed under its chart (the earlier ones are counted).
RANGES_SHOWN = 8


@dataclass(frozen=True)
class Note:
    """A paragraph between the charts. `kind` says what it is: "heading", "chart-empty" (a
    chart with no answers), "chart-line" (a yes/no question's days), "bristol", "events" (a
    substance's amounts) or "quiet" (figures in words)."""

    text: str
    kind: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", strip_controls(self.text))  # user text: no controls


Item = Chart | Note


def chart_section(s: Summary) -> list[Item]:
    """Everything of the charts part, in reading order: the questions' charts (the built-in
    ones, then the user's own), the bowel charts, then each substance's."""
    items: list[Item] = [Note(SECTION_HEADING, "heading")]
    for answers in s.charted:
        if answers.question.declared or answers.days:
            items.append(question_chart(s, answers))
    items.extend(gi_items(s))
    items.extend(intake_items(s))
    return items


#: Said instead of a mean from one or two days (flags.md, "Not enough data"): the trend view
#: said "mean not enough data", the print "not enough data (2 days)"; both now say this.
NO_MEAN = f"a mean needs {MIN_RATED_DAYS} answered days"


def question_heading(answers: AnswerStats) -> str:
    """A rating's or a number's chart heading, one shape for every question and made from it
    alone (its name, scale and direction, unit), so a new built-in symptom or the user's own
    reads like fatigue: "Fatigue (0-10, higher is worse): mean 6.0, range 4-8, 5 days
    answered", "Resting heart rate (bpm): 60-64 on 2 days answered; a mean needs 3 answered
    days", "Sleep quality (0-10, higher is better): no answers in this period"."""
    q = answers.question
    name = q.chart_name if q.declared else answer_name(answers)
    scale = q.scale_note if q.kind == "rating" else q.unit
    label = name if not scale or scale.casefold() in name.casefold() else f"{name} ({scale})"
    if not answers.days or answers.min is None or answers.max is None:
        return f"{label}: no answers in this period"
    answered = f"{plural(answers.days, 'day')} answered"
    low, high = number(answers.min), number(answers.max)
    if answers.mean is None:
        return f"{label}: {low if low == high else f'{low}-{high}'} on {answered}; {NO_MEAN}"
    return f"{label}: mean {mean_text(answers.mean, none=NO_DATA)}, range {low}-{high}, {answered}"


def _has_values(series: DaySeries | None) -> bool:
    return series is not None and any(v is not None for v in series.values)


def _chart(
    s: Summary, key: str, title: str, scale: Scale, events: tuple[IntakeEvent, ...] = ()
) -> Item:
    series = s.series.get(key)
    if series is None or not _has_values(series):
        return Note(f"{title.split(':')[0]}: no answers in this period", "chart-empty")
    return Chart(series, scale, title, events=events)


def question_chart(s: Summary, answers: AnswerStats) -> Item:
    """A question's chart, its words from the question (`vocabulary`): a yes/no is the days
    answered yes, in words; a rating or a number, its bars with the period in words."""
    q = answers.question
    name = answer_name(answers)
    if q.kind == "yesno":
        return Note(f"{name}: {answer_words(answers, _short_day)}", "chart-line")
    heading_words = question_heading(answers)
    if q.chart_scale is not None and q.kind == "rating":
        scale = Scale(0, 10, "0", "10")
    else:
        series = s.series.get(q.series_key)
        values = [v for v in series.values if v is not None] if series else []
        # A key no longer declared has no limits of its own (`found_question`: the file's
        # widest): its chart starts at 0, lower only for a negative answer, as in HTML; so a
        # 0 draws no bar.
        floor = q.minimum if q.declared and math.isfinite(q.minimum) else 0.0
        low = min([floor, *values])
        top = max([q.chart_top or 1.0, *values])
        unit = "h" if q.unit == "hours" else ""
        scale = Scale(low, top, f"{number(low, 0)}{unit}", f"{number(top, 0)}{unit}")
    return _chart(s, q.series_key, heading_words, scale)


def _short_day(day: date) -> str:
    return f"{day:%a %d %b}"


def gi_items(s: Summary) -> Iterable[Item]:
    gi = s.gi
    sbm = s.series.get("sbm_per_week")
    peak = max([7.0, *(v for v in sbm.values if v is not None)]) if sbm else 7.0
    per_week = (
        "not enough data (needs 4 recorded days)"
        if gi.sbm_per_week is None
        else f"{mean_text(gi.sbm_per_week)} a week"
    )
    yield _chart(
        s,
        "sbm_per_week",
        f"Spontaneous bowel movements (SBMs) a week (rolling 7 days): {per_week} over "
        f"{gi.recorded_days} recorded days",
        Scale(0, peak, "0", number(peak, 0)),
    )
    yield _chart(
        s,
        "bristol_mean",
        "Bristol type, daily mean (1 hard lumps - 7 watery; 4 is typical)",
        Scale(1, 7, "1", "7"),
    )
    total = sum(gi.bristol_counts.values())
    if total:
        width = 24
        most = max(gi.bristol_counts.values()) or 1
        lines = [f"Bristol types of {total} stools in this period:"]
        for kind in range(1, 8):
            n = gi.bristol_counts.get(kind, 0)
            bar = "█" * round(width * n / most)
            lines.append(f"Type {kind} {bar:<{width}} {n:>4}  {BRISTOL_SHORT[kind]}")
        yield Note("\n".join(lines), "bristol")
    shares = []
    if gi.straining_share is not None:
        shares.append(
            f"straining in {percent(gi.straining_share)} of {gi.straining_answered} answered"
        )
    if gi.incomplete_share is not None:
        shares.append(
            f"felt incomplete in {percent(gi.incomplete_share)} of "
            f"{gi.incomplete_answered} answered"
        )
    shares.append(
        f"laxative on {gi.laxative_days} days, no laxative on {gi.laxative_no_days}, "
        f"not answered on {gi.laxative_unanswered}"
    )
    yield Note(
        f"{gi.stools} bowel movements ({gi.sbm} spontaneous); " + "; ".join(shares) + ".", "quiet"
    )


def intake_items(s: Summary) -> Iterable[Item]:
    if not s.intake:
        yield Note("Intake: nothing recorded in this period.", "chart-empty")
        return
    for name, stats in s.intake.items():
        series = s.series.get(f"intake:{name}")
        amounts = [v for v in series.values if v is not None] if series else []
        top = max([1.0, *amounts])
        klass = f" (class: {class_words(stats.klass)})"
        unit = unit_text(2, stats.unit)
        title = (
            f"{name}{klass}, {unit} a day: mean {number(stats.mean_daily, none=NO_DATA)} on the "
            f"{days_text(stats.days)} taken, max {number(stats.max_daily, 2, none=NO_DATA)}"
        )
        # Changes from the timeline's steady ranges: a wobble is not a list of increases, a
        # substance taken again after a break reads "resumed", never "stopped".
        ranges = it.ranges_of(s, stats.substance, stats.unit)
        changes = it.range_events(ranges)
        yield _chart(
            s, f"intake:{name}", title, Scale(0, top, "0", number(top)), events=tuple(changes)
        )
        said = it.substance_lines(ranges, s.last)
        if said:
            shown = said[-RANGES_SHOWN:]
            more = len(said) - len(shown)
            lines = ["Amounts over the period:"]
            if more:
                lines.append(f"({more} earlier ranges not listed)")
            lines += [f"- {line}" for line in shown]
            yield Note("\n".join(lines), "events")


__all__ = [
    "BRISTOL_SHORT",
    "SECTION_HEADING",
    "Item",
    "Note",
    "chart_section",
    "question_chart",
    "question_heading",
]
