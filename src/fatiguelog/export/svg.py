"""Small inline SVG charts for the HTML summary: no scripts, no fonts to fetch, print-friendly.

Every chart says in words what its marks mean (legend, axis labels), and lines differ by dash
pattern and marker as well as colour, so nothing depends on colour alone. Days without an
answer are gaps, never zeros. Text is escaped with `html.escape`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fatiguelog.analysis.summary import DaySeries, FlagReport, IntakeEvent
from fatiguelog.export.common import html_text
from fatiguelog.textsafe import strip_controls

WIDTH = 680
LEFT, RIGHT = 44, 12
PLOT_W = WIDTH - LEFT - RIGHT


@dataclass(frozen=True)
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
        "</defs>"
    )


def _date_axis(first: date, last: date, top: float, bottom: float) -> list[str]:
    """Ticks at the ends and about monthly in between, labelled with the date."""
    parts = [f'<line x1="{LEFT}" y1="{bottom}" x2="{WIDTH - RIGHT}" y2="{bottom}" class="axis"/>']
    span = (last - first).days
    step = 7 if span <= 35 else 14 if span <= 100 else 30 if span <= 400 else 91
    marks = [first]
    day = first
    while span > 0:
        day = date.fromordinal(day.toordinal() + step)
        if (last - day).days < step / 2:
            break
        marks.append(day)
    if last != first:
        marks.append(last)
    for mark in marks:
        x = _x(mark, first, last)
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
) -> str:
    """Daily values as lines with gaps; intake changes as labelled vertical markers."""
    top, bottom = 22, height - 26
    plot_h = bottom - top
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{html_text(title)}</title>'
    ]
    for value in (0, y_max / 2, y_max):
        y = bottom - plot_h * value / y_max
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" class="grid"/>'
        )
        parts.append(
            f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end" class="tick">{value:g}</text>'
        )
    parts.append(f'<text x="4" y="12" class="tick">{html_text(y_label)}</text>')
    parts += _date_axis(first, last, top, bottom)
    parts += _event_marks(events, first, last, top, bottom)
    legend_x = LEFT + 8 + 6.2 * len(y_label)
    for index, line in enumerate(series):
        style = STYLES[index % len(STYLES)]
        runs: list[list[tuple[float, float]]] = [[]]
        for day, point in zip(line.days, line.values, strict=False):
            if point is None or day < first or day > last:
                if runs[-1]:
                    runs.append([])
                continue
            y = bottom - plot_h * min(max(point, 0), y_max) / y_max
            runs[-1].append((_x(day, first, last), y))
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
        # Legend, right-aligned on the top line: sample stroke + marker + label.
        label = html_text(line.label)
        y = 12
        parts.append(
            f'<line x1="{legend_x:.1f}" y1="{y - 4}" x2="{legend_x + 24:.1f}" y2="{y - 4}" '
            f'stroke="{style.colour}" stroke-width="2"{dash}/>'
        )
        parts.append(_marker(style, legend_x + 12, y - 4))
        parts.append(f'<text x="{legend_x + 28:.1f}" y="{y}" class="legend">{label}</text>')
        legend_x += 28 + 6.2 * len(line.label) + 16
    parts.append("</svg>")
    return "".join(parts)


def _event_marks(
    events: Sequence[IntakeEvent], first: date, last: date, top: float, bottom: float
) -> list[str]:
    """A dashed line per intake change, labelled; labels move down a row rather than overlap."""
    parts: list[str] = []
    row_ends: list[float] = []  # right edge of the last label in each row
    for event in events:
        x = _x(event.day, first, last)
        arrow = {"increase": "▲", "start": "▲", "decrease": "▼", "stop": "▼"}.get(event.kind, "•")
        label = f"{arrow} {event.substance} {event.kind}"
        width = 6.3 * len(label) + 6
        anchor, left = ("end", x - 3 - width) if x + 3 + width > WIDTH - RIGHT else ("start", x)
        row = next((i for i, end in enumerate(row_ends) if left > end + 4), len(row_ends))
        if row == len(row_ends):
            row_ends.append(0.0)
        row_ends[row] = left + width + 3
        text_x = x - 3 if anchor == "end" else x + 3
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" class="event"/>')
        parts.append(
            f'<text x="{text_x:.1f}" y="{top + 9 + 11 * (row % 4)}" text-anchor="{anchor}" '
            f'class="event-label">{html_text(label)}</text>'
        )
    return parts


def _short(text: str, most: int = 48) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def flag_timeline(flags: Sequence[FlagReport], first: date, last: date) -> str:
    """One row per flag; filled where it was active. Level written in the row's label."""
    row_h = 22
    top = 6
    height = top + row_h * len(flags) + 26
    parts = [
        f'<svg viewBox="0 0 {WIDTH} {height}" role="img" class="chart" '
        f'xmlns="http://www.w3.org/2000/svg"><title>When each flag was active</title>',
        _defs(),
    ]
    bottom = top + row_h * len(flags)
    parts += _date_axis(first, last, top, bottom)
    day_w = PLOT_W / max((last - first).days, 1)
    for i, flag in enumerate(flags):
        y = top + i * row_h
        days = sorted(d for d in flag.active_days if first <= d <= last)
        start = prev = None
        runs: list[tuple[date, date]] = []
        for day in days:
            if prev is not None and (day - prev).days == 1:
                prev = day
                continue
            if start is not None and prev is not None:
                runs.append((start, prev))
            start = prev = day
        if start is not None and prev is not None:
            runs.append((start, prev))
        fill = LEVEL_PATTERN.get(flag.level, "url(#dots)")
        for a, b in runs:
            x = _x(a, first, last) - day_w / 2
            w = _x(b, first, last) - _x(a, first, last) + day_w
            x, w = max(x, LEFT), min(w, WIDTH - RIGHT - max(x, LEFT))
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{max(w, 2):.1f}" height="{row_h - 8}" '
                f'fill="{fill}" stroke="#555" stroke-width="0.5"/>'
            )
        title = html_text(_short(strip_controls(flag.title, one_line=True)))
        parts.append(f'<text x="{LEFT + 2}" y="{y + 15}" class="flag-label">{title}</text>')
    parts.append("</svg>")
    return "".join(parts)
