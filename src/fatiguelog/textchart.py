"""The one text-chart engine: a `DaySeries` as labelled bars, for the trend view and
`trends --print` alike.

Why one engine: the app and the printed trends used to draw with two engines that put the
same days into different columns (the print spread 90 days over 62 columns, some holding one
day and some two, while its legend said "2 days"), so the same period read differently on the
screen and on paper. Here a chart is plain lines of text with style names over parts of them
("bold", "dim", which Textual's `Content` and Rich's `Text` both read); the widget makes
`Content` of them and the print makes `Text`, so both show the same columns for the same width.

Why not Textual's `Sparkline` or a plotting library: a sparkline can't show a day without an
answer (it would draw a zero, and "missing is not zero"), has no axis labels, and its meaning
rests on colour. These charts draw a day without an answer as "·" and a zero as an empty
column, write the scale on the left ("10 ┤", " 0 ┤"), the first and last date underneath,
intake changes as marks with their meaning in words, and the figures in words above the bars,
so nothing depends on colour.

No Textual and no Rich here (a test checks `sys.modules`): `trends --print` and the exports
must start without them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from math import ceil
from typing import TYPE_CHECKING

from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import number

if TYPE_CHECKING:
    from fatiguelog.analysis.summary import DaySeries, IntakeEvent

BLOCKS = " ▁▂▃▄▅▆▇█"
GAP = "·"
#: Intake change marks under a substance's chart, each explained in words under it.
MARKS = {"increase": "▲", "decrease": "▼", "start": "+", "resumed": "+", "stop": "x"}
#: A column holding two different changes (a start and a stop in the same few days).
SEVERAL = "◆"
#: The marks in words, in the order a legend lists them.
MARK_MEANINGS: tuple[tuple[str, str], ...] = (
    ("▲", "increase"),
    ("▼", "decrease"),
    ("+", "started or resumed"),
    ("x", "stopped"),
    (SEVERAL, "more than one change"),
)
AXIS_WIDTH = 5  # "10 ┤"
MAX_COLUMNS_PER_DAY = 3
MIN_BARS = 10  # the narrowest the bars get, whatever the width


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    low_label: str = ""
    high_label: str = ""


@dataclass(frozen=True)
class Span:
    """A style over `text[start:end]` of one line: a name both Rich and Textual read."""

    start: int
    end: int
    style: str


@dataclass(frozen=True)
class Line:
    """One line of a chart: plain text (never markup) and the styles over parts of it."""

    text: str
    spans: tuple[Span, ...] = ()

    @classmethod
    def styled(cls, text: str, style: str) -> Line:
        return cls(text, (Span(0, len(text), style),) if text and style else ())


def period_text(first: date, last: date) -> str:
    return f"{first.isoformat()} to {last.isoformat()}"


def buckets(values: Sequence[float | None], width: int) -> tuple[list[float | None], int, int]:
    """Means of consecutive days that fit `width` columns: (values, days per column, columns
    per value). Every column holds the same number of days, counted from the first day (only
    the last column can hold fewer), so "1 column = N days" is true of each. A bucket with no
    answer at all is `None` (a gap); a short period gives each day up to 3 columns."""
    n = len(values)
    if n == 0 or width < 1:
        return [], 1, 1
    if n <= width:
        per = max(1, min(MAX_COLUMNS_PER_DAY, width // n))
        return list(values), 1, per
    step = ceil(n / width)
    out: list[float | None] = []
    for start in range(0, n, step):
        known = [v for v in values[start : start + step] if v is not None]
        out.append(sum(known) / len(known) if known else None)
    return out, step, 1


def bar_rows(values: Sequence[float | None], scale: Scale, height: int, per: int) -> list[str]:
    """`height` text rows, top first; each value is a column of eighth blocks. A value at the
    bottom of the scale (a zero) is an empty column, a gap is "·" on the bottom row."""
    levels = height * 8
    span = (scale.high - scale.low) or 1.0
    rows: list[list[str]] = [[] for _ in range(height)]
    for value in values:
        if value is None:
            cells = [" "] * (height - 1) + [GAP]
        else:
            filled = round(max(0.0, min(1.0, (value - scale.low) / span)) * levels)
            if value > scale.low and filled == 0:
                filled = 1  # a small non-zero value stays visible
            cells = []
            for row in range(height):  # top row first
                base = (height - 1 - row) * 8
                cells.append(BLOCKS[max(0, min(8, filled - base))])
        for row in range(height):
            rows[row].append(cells[row] * per)
    return ["".join(r) for r in rows]


def axis_labels(scale: Scale) -> tuple[str, str, int]:
    """The top and bottom scale labels and the axis width that holds both whole: a label is
    never cut ("12000 ┤", not "000 ┤", which would show a false scale)."""
    high = scale.high_label or number(scale.high)
    low = scale.low_label or number(scale.low)
    return high, low, max(AXIS_WIDTH, len(high) + 2, len(low) + 2)


def _axis_label(text: str, width: int) -> str:
    return f"{text:>3} ┤".rjust(width)


def marker_row(
    days: Sequence[date], events: Iterable[IntakeEvent], columns: int, step: int, per: int
) -> tuple[str, list[str]]:
    """The marks under the bars, in the column of the day each change happened, and the marks
    used (for the legend). Two different changes in one column show as `SEVERAL`."""
    cells = [" "] * columns
    if not days:
        return "", []
    for event in events:
        offset = (event.day - days[0]).days
        if not 0 <= offset < len(days):
            continue
        col = (offset // step) * per
        mark = MARKS.get(event.kind)
        if mark is not None and col < columns:
            cells[col] = mark if cells[col] in (" ", mark) else SEVERAL
    used = [mark for mark, _words in MARK_MEANINGS if mark in cells]
    return "".join(cells), used


def legend(marks: Sequence[str], width: int) -> list[str]:
    """The meaning of the marks used, in words ("▲ increase  x stopped"), packed into lines of
    `width`: two meanings share a line only when both fit, and one too long for a line of its
    own goes on under its mark ("+ started or" / "  resumed")."""
    items = [f"{mark} {words}" for mark, words in MARK_MEANINGS if mark in marks]
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + 2 + len(item) <= width:
            lines[-1] += "  " + item
        elif len(item) <= width:
            lines.append(item)
        else:
            lines.extend(
                textwrap.wrap(
                    item, width=max(3, width), subsequent_indent="  ", break_on_hyphens=False
                )
            )
    return lines


def date_lines(days: Sequence[date], columns: int, step: int, room: int) -> list[str]:
    """The first and last day under the bars' ends, and how many days a column holds when
    that is more than one (on a line of its own when it doesn't fit between the dates). No
    line is wider than `room`: a narrow chart says "first to last" on as many lines as it
    takes."""
    if not days:
        return ["no days"]
    first, last = days[0].isoformat(), days[-1].isoformat()
    note = f"(1 column = {step} days)" if step > 1 else ""
    middle = columns - len(first) - len(last)
    if note and middle >= len(note) + 2:
        return [first + f" {note} ".center(middle) + last]
    lines = [first + " " * middle + last] if middle >= 1 else wrap(f"{first} to {last}", room)
    return lines + (wrap(note, room) if note else [])


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of `width`: a word is broken only when it alone is wider."""
    return textwrap.wrap(text, width=max(1, width), break_on_hyphens=False) or [""]


@dataclass(frozen=True)
class Chart:
    """One series as labelled bars under a heading, with intake-change marks when given.

    `lines(width)` is everything a view shows, in order: the heading (bold, wrapped at words,
    never cut), the bars with the scale on their left, the marks, the dates, and the marks'
    meaning. Both views draw exactly these lines."""

    series: DaySeries
    scale: Scale
    heading: str
    rows: int = 3
    events: tuple[IntakeEvent, ...] = field(default=())

    def __post_init__(self) -> None:
        # User text (a substance name, a tracker's label) reaches a terminal: no controls.
        object.__setattr__(self, "heading", strip_controls(self.heading, one_line=True))
        object.__setattr__(self, "events", tuple(self.events))

    def lines(self, width: int) -> list[Line]:
        lines = [Line.styled(text, "bold") for text in wrap(self.heading, max(MIN_BARS, width))]
        high, low, axis = axis_labels(self.scale)
        values, step, per = buckets(self.series.values, max(MIN_BARS, width - axis))
        body = bar_rows(values, self.scale, self.rows, per)
        for i, row in enumerate(body):
            if i == 0:
                label = _axis_label(high, axis)
            elif i == len(body) - 1:
                label = _axis_label(low, axis)
            else:
                label = "  ┤".rjust(axis)
            lines.append(Line(label + row, (Span(0, len(label), "dim"),)))
        columns = len(body[0]) if body else 0
        indent = " " * axis
        if self.events:
            marks, used = marker_row(self.series.days, self.events, columns, step, per)
            lines.append(Line(indent + marks))
        else:
            used = []
        room = max(MIN_BARS, width - axis)
        for text in date_lines(self.series.days, columns, step, room):
            lines.append(Line(indent + text, (Span(axis, axis + len(text), "dim"),)))
        for text in legend(used, room):
            lines.append(Line(indent + text, (Span(axis, axis + len(text), "dim"),)))
        return [_rstrip(line) for line in lines]


def _rstrip(line: Line) -> Line:
    """No trailing spaces: a chart's blank end (a zero, no marks) is not text to copy."""
    text = line.text.rstrip()
    if text == line.text:
        return line
    spans = tuple(
        Span(s.start, min(s.end, len(text)), s.style) for s in line.spans if s.start < len(text)
    )
    return Line(text, spans)


def plain(lines: Iterable[Line]) -> str:
    """The lines as plain text (tests, and anything that shows no style)."""
    return "\n".join(line.text for line in lines)


__all__ = [
    "GAP",
    "MARKS",
    "Chart",
    "Line",
    "Scale",
    "Span",
    "axis_labels",
    "bar_rows",
    "buckets",
    "date_lines",
    "legend",
    "marker_row",
    "period_text",
    "plain",
    "wrap",
]
