"""Text charts of a `DaySeries`: bars built from block characters, labelled in words and numbers.

Why not Textual's `Sparkline` or a plotting library: a sparkline can't show a day without an
answer (it would draw a zero, and "missing is not zero"), has no axis labels, and its meaning
rests on colour; `textual-plotext` needs plotext < 6 and a second rendering engine. These
charts draw gaps as "·", print the scale ("10 ┤", " 0 ┤"), the first and last date, and the
figures in words above the bars, so nothing depends on colour. The widget keeps a reference
to the summary's series (no copy) and buckets it to the width it is given at render time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from math import ceil

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from fatiguelog.analysis.summary import DaySeries, IntakeEvent
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import NO_DATA, number

BLOCKS = " ▁▂▃▄▅▆▇█"
GAP = "·"
#: Intake change markers, explained in words under every chart that uses them.
MARKS = {"increase": "▲", "decrease": "▼", "start": "+", "resumed": "+", "stop": "x"}
MARK_WORDS = "▲ increase  ▼ decrease  + started or resumed  x stopped"
AXIS_WIDTH = 5  # "10 ┤"
MAX_COLUMNS_PER_DAY = 3


@dataclass(frozen=True)
class Scale:
    low: float
    high: float
    low_label: str = ""
    high_label: str = ""


def fmt(value: float | None, digits: int = 1) -> str:
    """A figure as text (`wording.number`, as in every view); `None` is "not enough data",
    never a zero. (A mean is `wording.mean_text`: one decimal.)"""
    return number(value, digits, none=NO_DATA)


def buckets(values: Sequence[float | None], width: int) -> tuple[list[float | None], int, int]:
    """Means of consecutive days that fit `width` columns: (values, days per column, columns
    per value). A bucket with no answer at all is `None` (a gap)."""
    n = len(values)
    if n == 0 or width < 1:
        return [], 1, 1
    if n <= width:
        per = max(1, min(MAX_COLUMNS_PER_DAY, width // n))
        return list(values), 1, per
    step = ceil(n / width)
    out: list[float | None] = []
    for start in range(0, n, step):
        known = [v for v in values[start:start + step] if v is not None]
        out.append(sum(known) / len(known) if known else None)
    return out, step, 1


def bar_rows(values: Sequence[float | None], scale: Scale, height: int,
             per: int) -> list[str]:
    """`height` text rows, top first; each value is a column of eighth blocks."""
    levels = height * 8
    span = (scale.high - scale.low) or 1.0
    rows = [[] for _ in range(height)]  # type: list[list[str]]
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
    high = scale.high_label or fmt(scale.high, 1)
    low = scale.low_label or fmt(scale.low, 1)
    return high, low, max(AXIS_WIDTH, len(high) + 2, len(low) + 2)


def _axis_label(text: str, width: int) -> str:
    return f"{text:>3} ┤".rjust(width)


class TextChart(Widget):
    """One series as labelled bars, with intake-change markers when given."""

    DEFAULT_CSS = """
    TextChart { height: auto; }
    """

    def __init__(self, series: DaySeries, scale: Scale, *, heading: str, rows: int = 3,
                 events: Sequence[IntakeEvent] = (), id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.series = series
        self.scale = scale
        self.heading = strip_controls(heading, one_line=True)
        self.rows = rows
        self.events = tuple(events)

    def _heading_lines(self, width: int) -> list[Content]:
        return Content.styled(self.heading, "bold").wrap(max(10, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The wrapped heading, the bars, the markers (if any) and the date line."""
        return len(self._heading_lines(width)) + self.rows + 1 + (1 if self.events else 0)

    def render(self) -> Content:
        high, low, axis = axis_labels(self.scale)
        width = max(10, self.size.width - axis)
        values, step, per = buckets(self.series.values, width)
        body = bar_rows(values, self.scale, self.rows, per)
        lines: list[Content] = self._heading_lines(self.size.width)
        for i, row in enumerate(body):
            if i == 0:
                label = _axis_label(high, axis)
            elif i == len(body) - 1:
                label = _axis_label(low, axis)
            else:
                label = "  ┤".rjust(axis)
            lines.append(Content.assemble((label, "dim"), row))
        if self.events:
            lines.append(Content.assemble((" " * axis, ""),
                                          self._markers(len(body[0]) if body else 0, step, per)))
        lines.append(Content.assemble((" " * axis, ""),
                                      (self._dates(len(body[0]) if body else 0, step), "dim")))
        return Content("\n").join(lines)

    def _markers(self, columns: int, step: int, per: int) -> str:
        days = self.series.days
        if not days:
            return ""
        cells = [" "] * columns
        for event in self.events:
            offset = (event.day - days[0]).days
            if 0 <= offset < len(days):
                col = (offset // step) * per
                if col < columns:
                    cells[col] = MARKS.get(event.kind, "*")
        return "".join(cells)

    def _dates(self, columns: int, step: int) -> str:
        days = self.series.days
        if not days:
            return "no days"
        first, last = days[0].isoformat(), days[-1].isoformat()
        note = f" (1 column = {step} days) " if step > 1 else " "
        middle = columns - len(first) - len(last)
        if middle >= len(note):
            return first + note.center(middle) + last
        if middle >= 1:
            return first + " " * middle + last
        return f"{first} to {last}"


def period_text(first: date, last: date) -> str:
    return f"{first.isoformat()} to {last.isoformat()}"


__all__ = ["MARK_WORDS", "Scale", "TextChart", "bar_rows", "buckets", "fmt", "period_text"]
