"""Small inline SVG charts for the HTML summary: no scripts, no fonts to fetch, print-friendly.

Every chart says in words what its marks mean (legend, axis labels), and lines differ by dash
pattern and marker as well as colour, so nothing depends on colour alone. Days without an
answer are gaps, never zeros. Text is escaped with `html.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date

from fatiguelog.analysis.summary import DaySeries, IntakeEvent
from fatiguelog.export.common import html_text
from fatiguelog.frozen import frozen
from fatiguelog.intaketext import mark_label

WIDTH = 680
LEFT, RIGHT = 54, 12  # room for "laxative" left of the plot; a mark on the last day fits
PLOT_W = WIDTH - LEFT - RIGHT
#: Average glyph width of the charts' sans-serif, in font sizes: words are laid out from it
#: so that no two overlap (tests/export/test_charts.py estimates them the same way).
CHAR_W = 0.6
TICK_PX, LEGEND_PX = 10.0, 10.5  # font sizes (the summary's CSS: .tick, .legend ...)
FEW_DAYS = 4  # a week with fewer days with a bowel answer is not drawn as a bar


def text_width(text: str, size: float = TICK_PX) -> float:
    """The width a line of text takes, estimated from its length (no font metrics offline)."""
    return len(text) * size * CHAR_W


@frozen
class LineStyle:
    colour: str
    dash: str  # stroke-dasharray, "" for solid
    marker: str  # "circle" | "square" | "none"


STYLES: tuple[LineStyle, ...] = (
    LineStyle("#1f4e8c", "", "circle"),
    LineStyle("#b35900", "6 4", "square"),
    LineStyle("#2e7d32", "2 3", "none"),
)
LEVEL_PATTERN = {"urgent": "url(#solid)", "warn": "url(#hatch)", "info": "url(#dots)"}


def nice_ceiling(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 2.5, 5 or 10 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power + 1e-9:
            return step * power
    return 10 * power


def _x(day: date, first: date, last: date) -> float:
    span = max((last - first).days, 1)
    return LEFT + PLOT_W * (day - first).days / span


def _defs() -> str:
    """Fill patterns so flag levels differ by texture, not only by colour."""
    return (
        "<defs>"
        '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f6d49a"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#9a6a12" stroke-width="2"/></pattern>'
        '<pattern id="dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        '<rect width="5" height="5" fill="#cfe0f3"/>'
        '<circle cx="2.5" cy="2.5" r="1" fill="#2a5d95"/>'
        "</pattern>"
        '<pattern id="solid" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#c62828"/></pattern>'
        '<pattern id="onlight" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#f6c9c5"/></pattern>'
        '<pattern id="hard" width="5" height="5" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="5" height="5" fill="#b98b5e"/>'
        '<line x1="0" y1="0" x2="0" y2="5" stroke="#5d3b1c" stroke-width="2"/></pattern>'
        '<pattern id="loose" width="4" height="4" patternUnits="userSpaceOnUse">'
        '<rect width="4" height="4" fill="#f3c47a"/>'
        '<circle cx="2" cy="2" r="0.9" fill="#8a5a00"/></pattern>'
        '<pattern id="noanswer" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(-45)"><rect width="6" height="6" fill="#f1f2f4"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#d5d8dd" stroke-width="1.5"/></pattern>'
        '<pattern id="few" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#f7f3e8"/>'
        '<circle cx="3" cy="3" r="1" fill="#b9ad8c"/></pattern>'
        "</defs>"
    )


def _date_axis(
    first: date, last: date, top: float, bottom: float, where: Callable[[date], float] | None = None
) -> list[str]:
    """Ticks at both ends and at a round step in between, labelled with the date; the step
    is the smallest (a week, two weeks, a month, two months, a quarter, half a year) whose
    labels fit side by side, and a middle tick too close to the last is left out, so no two
    dates ever run into each other. `where` puts a day on the x axis (default: the first day
    at the left edge, the last at the right)."""

    def x_of(day: date) -> float:
        return where(day) if where is not None else _x(day, first, last)

    parts = [f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" class="axis"/>']
    span = (last - first).days
    label_w, gap = text_width("2026-01-01"), 8
    px_per_day = (x_of(last) - x_of(first)) / span if span else float(PLOT_W)
    step = next((n for n in (7, 14, 30, 61, 91, 182, 365) if n * px_per_day >= label_w + gap), 730)
    marks = [first]
    day = first
    while span > 0:
        day = date.fromordinal(day.toordinal() + step)
        if day >= last:
            break
        if x_of(day) - x_of(first) >= label_w * 1.5 + gap:  # clear of the first's label
            marks.append(day)
    if last != first:
        # the last day is always labelled: drop middle ticks whose label would touch it
        while len(marks) > 1 and x_of(last) - x_of(marks[-1]) < label_w * 1.5 + gap:
            marks.pop()
        if x_of(last) - x_of(first) < label_w * 2 + gap:
            marks = [first]  # two labels do not fit: the first day only
        else:
            marks.append(last)
    for mark in marks:
        x = x_of(mark)
        anchor = "start" if mark == first else "end" if mark == last else "middle"
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" class="grid"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 14}" text-anchor="{anchor}" '
            f'class="tick">{mark.isoformat()}</text>'
        )
    return parts


def _marker(style: LineStyle, x: float, y: float) -> str:
    if style.marker == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{style.colour}"/>'
    if style.marker == "square":
        return f'<rect x="{x - 2:.1f}" y="{y - 2:.1f}" width="4" height="4" fill="{style.colour}"/>'
    return ""


def _legend_items(
    series: Sequence[DaySeries], threshold: tuple[float, str] | None, x0: float
) -> tuple[list[str], int]:
    """The legend of a line chart on rows from `x0` (a row wraps before the right edge):
    each line's sample stroke, marker and words, then the threshold's dashed line and words
    (in the legend, never printed over the data). Returns the parts and the number of rows."""
    parts: list[str] = []
    items: list[tuple[str, str, str]] = []  # (label, stroke attributes, marker style key)
    for index, line in enumerate(series):
        style = STYLES[index % len(STYLES)]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        items.append((line.label, f'stroke="{style.colour}" stroke-width="2"{dash}', str(index)))
    if threshold is not None:
        items.append((threshold[1], 'class="threshold"', ""))
    x, row = x0, 0
    for label, stroke, key in items:
        width = 28 + text_width(label, LEGEND_PX)
        if x > x0 and x + width > WIDTH - RIGHT:
            x, row = x0, row + 1
        y = 12 + 14 * row
        parts.append(f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x + 24:.1f}" y2="{y - 4}" {stroke}/>')
        if key:
            parts.append(_marker(STYLES[int(key) % len(STYLES)], x + 12, y - 4))
        parts.append(f'<text x="{x + 28:.1f}" y="{y}" class="legend">{html_text(label)}</text>')
        x += width + 16
    return parts, row + 1


def line_chart(
    series: Sequence[DaySeries],
    first: date,
    last: date,
    *,
    y_max: float,
    y_label: str,
    title: str,
    events: Sequence[IntakeEvent] = (),
    height: int = 170,
    threshold: tuple[float, str] | None = None,
    y_min: float = 0,
) -> str:
    """Daily values as lines with gaps; intake changes as dashed vertical lines, each with a
    number right above it and its words in a numbered list under the dates (words printed on
    the plot overprinted each other and the data on a long period); `threshold` (value,
    words) a dashed horizontal line, named in the legend. `height` is the height of the plot
    with its axes; the legend rows, the numbers and the list add to it."""
    legend_x = 4 + text_width(y_label, TICK_PX) + 12
    legend, legend_rows = _legend_items(
        series,
        threshold if threshold is not None and y_min < threshold[0] < y_max else None,
        legend_x,
    )
    shown = [e for e in events if first <= e.day <= last]
    band_rows, placed = _number_rows(shown, first, last)
    head = 12 + 14 * (legend_rows - 1)
    top = head + 10 + (11 * band_rows + 4 if band_rows else 0)
    bottom = top + height - 48
    plot_h = bottom - top
    listed, list_rows = _event_list(shown, bottom + 30)
    total = bottom + 26 + (12 * list_rows + 4 if list_rows else 0)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {total}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html_text(title)}</title>'
    ]

    def at(value: float) -> float:
        return bottom - plot_h * (min(max(value, y_min), y_max) - y_min) / (y_max - y_min)

    for value in (y_min, (y_min + y_max) / 2, y_max):
        y = at(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" class="tick">{value:g}</text>'
        )
    parts.append(f'<text x="4" y="12" class="tick">{html_text(y_label)}</text>')
    parts += _date_axis(first, last, top, bottom)
    if threshold is not None and y_min < threshold[0] < y_max:
        y = at(threshold[0])
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="threshold"/>'
        )
    for (x, row), n in zip(placed, range(1, len(shown) + 1), strict=True):
        y = head + 10 + 11 * (row + 1)
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" class="event"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{y}" text-anchor="middle" class="event-label">{n}</text>'
        )
    parts += listed
    for index, line in enumerate(series):
        style = STYLES[index % len(STYLES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for day, point in zip(line.days, line.values, strict=False):
            if point is None or day < first or day > last:
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append((_x(day, first, last), at(point)))
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        for run in runs:
            if len(run) > 1:
                points = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(
                    f'<polyline points="{points}" fill="none" stroke="{style.colour}" '
                    f'stroke-width="1.6"{dash}/>'
                )
            if len(run) <= 40:
                parts += [_marker(style, x, y) for x, y in run]
    parts += legend
    parts.append("</svg>")
    return "".join(parts)


def _number_rows(
    events: Sequence[IntakeEvent], first: date, last: date
) -> tuple[int, list[tuple[float, int]]]:
    """Each change's number centred on its line, in the first row of the band above the plot
    where it does not touch another number (changes on the same or near days stack)."""
    placed: list[tuple[float, int]] = []
    row_ends: list[float] = []
    for n, event in enumerate(events, start=1):
        x = _x(event.day, first, last)
        half = text_width(str(n)) / 2 + 2
        row = next((i for i, end in enumerate(row_ends) if x - half > end), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = x + half
        placed.append((x, row))
    return len(row_ends), placed


def _event_list(events: Sequence[IntakeEvent], y0: float) -> tuple[list[str], int]:
    """The changes' words under the chart, numbered as on the plot and dated
    ("2 ▲ codeine started, 60 mg (2026-11-05)"), flowing on as many lines as they need."""
    parts: list[str] = []
    x, row = float(LEFT), 0
    for n, event in enumerate(events, start=1):
        words = f"{n} {mark_label(event)} ({event.day.isoformat()})"
        width = text_width(words)
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, row = float(LEFT), row + 1
        parts.append(
            f'<text x="{x:.1f}" y="{y0 + 12 * row}" class="event-label">{html_text(words)}</text>'
        )
        x += width + 14
    return parts, (row + 1 if events else 0)


def wrap(text: str, width: int = 100) -> list[str]:
    """Words in lines of at most `width` characters (a longer word gets a line of its own):
    chart labels are wrapped, never cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@frozen
class TimelineRow:
    """One flag in the timeline: its words, the days it was on, and what lies under them."""

    label: str  # the whole label, wrapped on its own lines above the bar (never cut)
    level: str
    on_days: tuple[date, ...]
    report_days: tuple[date, ...] = ()  # alarm symptoms: a mark on each day it was reported
    evidence: tuple[date, date] | None = None  # the qualifying days of the latest run


def flag_timeline(rows: Sequence[TimelineRow], first: date, last: date) -> str:
    """One row per flag: its label on lines of its own (so it can't overlap a bar or be cut),
    then the days it was on as a bar filled by level. Under the bar, a thin line spans the
    qualifying days of its latest run; an alarm symptom has a diamond on each report day, so
    one report never reads as a week of symptoms."""
    line_h, bar_h, gap = 12, 10, 7
    top = 4
    heights = [len(wrap(row.label)) * line_h + bar_h + 6 + gap for row in rows]
    bottom = top + sum(heights)
    height = bottom + 22
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>When each flag was on</title>',
        _defs(),
    ]
    parts += _date_axis(first, last, top, bottom)
    day_w = PLOT_W / max((last - first).days, 1)
    y = top
    for row, row_h in zip(rows, heights, strict=True):
        lines = wrap(row.label)
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{LEFT}" y="{y + line_h * (n + 1) - 2}" class="flag-label">'
                f"{html_text(line)}</text>"
            )
        bar_y = y + line_h * len(lines) + 1
        fill = "url(#onlight)" if row.report_days else LEVEL_PATTERN.get(row.level, "url(#dots)")
        for a, b in _runs([d for d in row.on_days if first <= d <= last]):
            x = max(_x(a, first, last) - day_w / 2, LEFT)
            w = min(_x(b, first, last) + day_w / 2, WIDTH - RIGHT) - x
            parts.append(
                f'<rect x="{x:.1f}" y="{bar_y}" width="{max(w, 2):.1f}" '
                f'height="{bar_h}" fill="{fill}" stroke="#555" stroke-width="0.5"/>'
            )
        if row.evidence is not None:
            a, b = max(row.evidence[0], first), min(row.evidence[1], last)
            if a <= b:
                x1, x2 = _x(a, first, last), _x(b, first, last)
                ey = bar_y + bar_h + 3
                parts.append(
                    f'<line x1="{x1:.1f}" y1="{ey}" x2="{max(x2, x1 + 1):.1f}" '
                    f'y2="{ey}" class="evidence"/>'
                )
        for day in row.report_days:
            if first <= day <= last:
                cx, cy = _x(day, first, last), bar_y + bar_h / 2
                parts.append(
                    f'<path d="M{cx:.1f} {cy - 6:.1f} L{cx + 5:.1f} {cy:.1f} '
                    f'L{cx:.1f} {cy + 6:.1f} L{cx - 5:.1f} {cy:.1f} Z" '
                    'class="report"/>'
                )
        y += row_h
    parts.append("</svg>")
    return "".join(parts)


def day_strip(series: DaySeries, first: date, last: date, *, title: str) -> str:
    """A yes/no question's days as one strip: a tall dark bar on each day answered yes, a
    short outlined one on each day answered no, the hatched "no answer" band on a day not
    answered (unknown, never "no"). The legend says each in words, so nothing rests on
    colour."""
    top, bar_h = 24, 22
    bottom = top + bar_h + 4
    height = bottom + 22
    day_w = PLOT_W / max((last - first).days, 1)
    width = max(min(day_w - 1, 14), 1.5)
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html_text(title)}</title>',
        _defs(),
    ]
    legend = (
        ("#1f4e8c", "yes (tall bar)"),
        ("#ffffff", "no (short outlined bar)"),
        ("url(#noanswer)", "not answered"),
    )
    x = float(LEFT)
    for fill, words in legend:
        parts.append(
            f'<rect x="{x:.1f}" y="4" width="10" height="10" fill="{fill}" '
            'stroke="#555" stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{x + 14:.1f}" y="13" class="legend">{html_text(words)}</text>')
        x += 14 + text_width(words, LEGEND_PX) + 16
    parts += _date_axis(first, last, top, bottom)
    for day, value in zip(series.days, series.values, strict=True):
        if not first <= day <= last:
            continue
        cx = _x(day, first, last)
        if value is None:
            parts.append(
                f'<rect x="{cx - day_w / 2:.1f}" y="{top}" width="{day_w:.1f}" '
                f'height="{bar_h}" fill="url(#noanswer)"/>'
            )
        elif value:
            parts.append(
                f'<rect x="{cx - width / 2:.1f}" y="{top}" width="{width:.1f}" '
                f'height="{bar_h}" fill="#1f4e8c"/>'
            )
        else:
            parts.append(
                f'<rect x="{cx - width / 2:.1f}" y="{top + bar_h - 6}" '
                f'width="{width:.1f}" height="6" fill="#ffffff" stroke="#555" '
                'stroke-width="0.8"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _runs(days: Sequence[date]) -> list[tuple[date, date]]:
    out: list[tuple[date, date]] = []
    for day in sorted(days):
        if out and (day - out[-1][1]).days == 1:
            out[-1] = (out[-1][0], day)
        else:
            out.append((day, day))
    return out


# --- bowel movements a day --------------------------------------------------------------------
#: (series key, fill, words) bottom to top: hard stools first, so the eye finds them.
STOOL_FILLS: tuple[tuple[str, str, str], ...] = (
    ("stools:hard", "url(#hard)", "Bristol 1-2 (hard)"),
    ("stools:typical", "#8fb3dc", "Bristol 3-5"),
    ("stools:loose", "url(#loose)", "Bristol 6-7 (loose)"),
    ("stools:untyped", "#d9d9d9", "no type given"),
)


@frozen
class StoolDay:
    """One column of the bowel chart: stools by group (None: no bowel answer that day).
    `day` is the day, or a week's last day."""

    day: date
    counts: tuple[float, ...] | None  # in STOOL_FILLS order
    laxative: bool = False
    alarm: bool = False
    answered: int | None = None  # a week's days with a bowel answer (None: a day's column)

    @property
    def few(self) -> bool:
        """A week with too few days answered to draw: 1 stool in 1 of 7 days recorded is
        not a week of 1 stool, and a bar would read as severe constipation."""
        return self.counts is not None and self.answered is not None and self.answered < FEW_DAYS


def stool_chart(
    columns: Sequence[StoolDay], first: date, last: date, *, unit: str = "day", height: int = 214
) -> str:
    """Bowel movements per day (or per week) as stacked bars by Bristol group; an answered
    "no bowel movement" is an open circle on the axis, a day without an answer a grey band,
    so the two never look alike. Laxative days and alarm-symptom days are marked on rows of
    their own under the date axis."""
    weekly = unit == "week"
    if weekly:
        height += 15  # a legend row for the weeks with too few days answered
    top, bottom = (59 if weekly else 44), height - 62
    plot_h = bottom - top
    y_max = max(
        3, math.ceil(max([0.0, *(sum(c.counts) for c in columns if c.counts and not c.few)]))
    )
    if y_max % 2:
        y_max += 1  # an even top, so the middle tick is a whole number too
    step = 7 if unit == "week" else 1
    slots = -(-((last - first).days + 1) // step)
    col_w = PLOT_W / slots

    def centre(day: date) -> float:
        """A day's column (a week's: weeks are counted back from the last day)."""
        back = max(0, (last - day).days) // step
        return LEFT + col_w * (slots - 1 - back + 0.5)

    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Bowel movements per {unit}</title>',
        _defs(),
    ]
    for value in (0, y_max // 2, y_max):
        y = bottom - plot_h * value / y_max
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" class="tick">{value}</text>'
        )
    parts.append(f'<text x="4" y="12" class="tick">stools / {unit}</text>')
    parts += _legend(12, 27, 42 if weekly else None)
    for column in columns:
        w = max(col_w * 0.7, 1.0)
        x = centre(column.day) - w / 2
        if column.counts is None or column.few:
            fill = "url(#few)" if column.few else "url(#noanswer)"
            parts.append(
                f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{plot_h}" fill="{fill}"/>'
            )
            continue
        y = float(bottom)
        for (key, fill, _words), count in zip(STOOL_FILLS, column.counts, strict=True):
            if count <= 0:
                continue
            h = plot_h * count / y_max
            y -= h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
                f'fill="{fill}" stroke="#35475c" stroke-width="0.4">'
                f"<title>{key}</title></rect>"
            )
        if not sum(column.counts):
            parts.append(
                f'<circle cx="{x + w / 2:.1f}" cy="{bottom - 3}" r="2.6" class="nostool"/>'
            )
    parts += _date_axis(first, last, top, bottom, centre)
    lax_y, alarm_y = bottom + 28, bottom + 44
    parts.append(
        f'<text x="{LEFT - 5}" y="{lax_y + 4}" text-anchor="end" class="tick">laxative</text>'
    )
    parts.append(
        f'<text x="{LEFT - 5}" y="{alarm_y + 4}" text-anchor="end" class="tick">alarm</text>'
    )
    for column in columns:
        cx = centre(column.day)
        if column.laxative:
            parts.append(
                f'<path d="M{cx - 3.5:.1f} {lax_y + 4} L{cx + 3.5:.1f} {lax_y + 4} '
                f'L{cx:.1f} {lax_y - 3} Z" class="laxative"/>'
            )
        if column.alarm:
            parts.append(
                f'<path d="M{cx:.1f} {alarm_y - 5} L{cx + 4:.1f} {alarm_y} '
                f'L{cx:.1f} {alarm_y + 5} L{cx - 4:.1f} {alarm_y} Z" class="report"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _legend(y1: float, y2: float, y3: float | None = None) -> list[str]:
    """Swatches with words on two rows (stool types; then "none" and "no answer"), so no fill
    has to be guessed and no word runs off the chart; a third row for weeks: the band of a
    week with too few days answered to draw."""
    parts: list[str] = []
    x = LEFT + 70.0
    for _key, fill, words in STOOL_FILLS:
        parts.append(
            f'<rect x="{x:.1f}" y="{y1 - 8}" width="10" height="10" fill="{fill}" '
            'stroke="#35475c" stroke-width="0.4"/>'
        )
        parts.append(f'<text x="{x + 13:.1f}" y="{y1 + 1}" class="legend">{words}</text>')
        x += 13 + text_width(words, LEGEND_PX) + 14
    if y3 is not None:
        x = LEFT + 70.0
        parts.append(
            f'<rect x="{x:.1f}" y="{y3 - 8}" width="10" height="10" '
            'fill="url(#few)" stroke="#c4c8ce" stroke-width="0.4"/>'
        )
        parts.append(
            f'<text x="{x + 13:.1f}" y="{y3 + 1}" class="legend">week with fewer than '
            f"{FEW_DAYS} of 7 days answered: not drawn (see the week table)</text>"
        )
    x = LEFT + 70.0
    parts.append(f'<circle cx="{x + 5:.1f}" cy="{y2 - 3}" r="2.6" class="nostool"/>')
    words = "none (answered: no bowel movement)"
    parts.append(f'<text x="{x + 13:.1f}" y="{y2 + 1}" class="legend">{words}</text>')
    x += 13 + text_width(words, LEGEND_PX) + 14
    parts.append(
        f'<rect x="{x:.1f}" y="{y2 - 8}" width="10" height="10" '
        'fill="url(#noanswer)" stroke="#c4c8ce" stroke-width="0.4"/>'
    )
    parts.append(
        f'<text x="{x + 13:.1f}" y="{y2 + 1}" class="legend">no answer (unknown, not zero)</text>'
    )
    return parts
