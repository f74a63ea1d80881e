"""`fatiguelog trends --print`: the trend view as plain Rich output (no Textual).

It renders the same `Summary` the app and the exports use, and the app's charts: the chart
section (`trendcharts`) drawn by the one text-chart engine (`textchart`) at the output's width.
Every piece of user text (a substance name, a tracker's label) goes into a `rich.text.Text`,
never into markup, and loses control characters first. Meaning never rests on colour alone:
levels are written as words and intake changes are marks explained in words.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from fatiguelog import flagtext as ft
from fatiguelog.analysis.summary import FlagReport, Summary
from fatiguelog.cli import EXIT_OK, check_days, today_for
from fatiguelog.model import RED_FLAGS
from fatiguelog.textchart import Chart
from fatiguelog.textsafe import strip_controls
from fatiguelog.trendcharts import Note, chart_section
from fatiguelog.wording import (
    DEFAULT_DAYS,
    DISCLAIMER,
    NO_DATA,
    PEM_TITLE,
    TRENDS_TITLE,
    days_text,
    level_label,
    mean_text,
    plural,
    verb,
)

LEVEL_STYLE = {"urgent": "bold red", "warn": "bold yellow", "info": "bold cyan"}


def print_trends(
    args: argparse.Namespace,
    root: Path,
    *,
    console: Console | None = None,
    today: date | None = None,
) -> int:
    """Summarize the last N days (reading only what they need) and print it."""
    from datetime import timedelta

    from fatiguelog.settings import load_settings
    from fatiguelog.store import Store
    from fatiguelog.summarycache import cached_summary

    days = getattr(args, "days", None)
    day = today or today_for(root)
    check_days(days, day)
    first, last = day - timedelta(days=(DEFAULT_DAYS if days is None else days) - 1), day
    settings, settings_problems = load_settings(root)
    summary = cached_summary(Store(root), settings, first, last, today=today or date.today())
    out = console or Console(highlight=False, width=None if _is_terminal() else pipe_width())
    for block in render(summary, width=out.width, settings_problems=len(settings_problems)):
        out.print(Trimmed(block))
    return EXIT_OK


#: The width when standard output is no terminal and COLUMNS says nothing usable.
PIPE_WIDTH = 80
MIN_WIDTH = 20


def pipe_width(environ: Mapping[str, str] = os.environ) -> int:
    """The width to print at into a pipe or a file: COLUMNS when it is set (a screen reader's
    or a braille display's line, or a wide pager's), else 80; never under 20. Not the width
    of a terminal on standard input or error, as Rich would take: that one is not where the
    text goes."""
    columns = environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(MIN_WIDTH, int(columns))
    return PIPE_WIDTH


def _is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # closed, or replaced by an object without it
        return False


class Trimmed:
    """A renderable printed without the spaces Rich leaves at the end of its lines (a table
    pads its cells to their width, a wrapped line keeps the space it broke at): text copied
    from a pipe, read by a screen reader or shown on a braille display has none."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in console.render_lines(self.renderable, options, pad=False):
            while line and not line[-1].control and not line[-1].text.rstrip():
                line.pop()
            if line and not line[-1].control:
                last = line[-1]
                line[-1] = Segment(last.text.rstrip(), last.style, last.control)
            yield from line
            yield Segment.line()


def safe(text: str) -> str:
    """User text for a terminal: no control characters (ESC would start a sequence)."""
    return strip_controls(text, one_line=True)


def render(
    summary: Summary, *, width: int = 80, settings_problems: int = 0
) -> list[RenderableType]:
    """Everything to print, in order: the urgent banner (only alarm symptoms on at the last
    day), earlier alarm symptoms, flags, rules checked, charts, delayed PEM, the caveat."""
    blocks: list[RenderableType] = [_header(summary)]
    if summary.banner:
        lines = [Text(safe(line)) for line in ft.banner_lines(summary)]
        blocks.append(
            Panel(
                Group(*lines),
                title=Text(ft.banner_heading(summary), style="bold"),
                box=box.DOUBLE,
                border_style="red",
                padding=(0, 1),
            )
        )
    earlier = summary.earlier_alarms
    caveats = ft.alarm_caveats(summary)
    if earlier or caveats:
        blocks.append(Text(ft.ALARMS_HEADING, style="bold underline"))
        blocks.extend(Text(f"  - {safe(line)}") for line in ft.alarm_lines(earlier))
        blocks.extend(Text(f"  - {safe(line)}", style="bold") for line in caveats)
        blocks.append(Text(""))
    blocks.append(Text(ft.SBM_EXPLAINED))
    blocks.append(Text("Flags", style="bold underline"))
    cards = shown_flags(summary)
    if cards:
        blocks.extend(_flag(f, summary.last) for f in cards)
    elif not summary.flags:
        blocks.append(Text(ft.no_flags_text(summary)))
    else:
        blocks.append(Text("No other flag was on in this period."))
    blocks.extend(_not_enough(summary))
    blocks.extend(chart_blocks(summary, width))
    blocks.append(Text(""))
    blocks.append(Text(PEM_TITLE, style="bold underline"))
    blocks.extend(_pem(summary))
    problems = len(summary.problems) + settings_problems
    if problems:
        blocks.append(
            Text(
                f"{plural(problems, 'file')} could not be read and "
                f"{verb(problems, 'is', 'are')} left out: run 'fatiguelog check' to "
                f"see {verb(problems, 'it', 'them')}.",
                style="bold",
            )
        )
    blocks.append(Text(""))
    blocks.append(Text(DISCLAIMER, style="bold"))
    return blocks


def is_alarm(flag: FlagReport) -> bool:
    """A flag of an alarm symptom (a `red_flags` key), not red.age_change."""
    return flag.id.removeprefix("red.") in RED_FLAGS


def shown_flags(summary: Summary) -> list[FlagReport]:
    """Flags shown as cards: alarm symptoms have the banner or the alarm list instead (an
    alarm that is only a warning, weight loss, gets a card while it is on)."""
    return [
        f
        for f in summary.flags
        if not is_alarm(f) or (f.level != "urgent" and f.last == summary.last)
    ]


def _header(s: Summary) -> Text:
    return Text.assemble(
        (f"{TRENDS_TITLE} ", "bold"),
        f"{s.first.isoformat()} to {s.last.isoformat()} ({s.days} days, "
        f"{s.days_recorded} with a check-in)",
    )


def _flag(flag: FlagReport, last: date) -> RenderableType:
    """Heading (level in words, title, since/last), then label/value rows that wrap aligned."""
    heading = Text()
    heading.append(f"{level_label(flag.level)}: ", style=LEVEL_STYLE.get(flag.level, "bold"))
    heading.append(flag.title, style="bold")
    heading.append(f"  ({ft.when(flag, last)})")
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=11, no_wrap=True)
    rows.add_column(ratio=1)
    for label, value in (
        ("Lasted", ft.lasted(flag)),
        ("Evidence", flag.evidence),
        ("Rule", flag.rule),
        ("Source", flag.source),
        ("Advice", flag.advice),
    ):
        if value:
            rows.add_row(Text(f"  {label}:", style="bold"), Text(safe(value)))
    return Group(heading, rows, Text(""))


def _not_enough(s: Summary) -> list[Text]:
    heading = ft.coverage_heading(s)
    if not heading:
        return []
    lines = [Text(heading, style="bold")]
    lines += [Text(f"  - {safe(line)}") for line in ft.coverage_lines(s)]
    return lines


#: How each kind of note between the charts is printed (the trend view's classes, in Rich
#: styles): muted words are dim, headings bold and underlined.
NOTE_STYLE = {"heading": "bold underline", "chart-empty": "dim", "quiet": "dim", "events": "dim"}


def chart_blocks(s: Summary, width: int) -> list[RenderableType]:
    """The trend view's charts part (`trendcharts`), drawn by the same engine at the width
    of the output: a chart is its lines as they are, a note wraps at words. A blank line
    comes before each, as the view's margins (a yes/no line sits under the chart above)."""
    blocks: list[RenderableType] = []
    for item in chart_section(s):
        if not (isinstance(item, Note) and item.kind == "chart-line"):
            blocks.append(Text(""))
        if isinstance(item, Chart):
            blocks.append(chart_text(item, width))
        else:
            blocks.append(Text(item.text, style=NOTE_STYLE.get(item.kind, "")))
    return blocks


def chart_text(chart: Chart, width: int) -> Text:
    """A chart's lines as Rich text: never wrapped again (the engine fits them to `width`),
    styled by the engine's spans."""
    text = Text(no_wrap=True, overflow="ignore")
    for n, line in enumerate(chart.lines(width)):
        if n:
            text.append("\n")
        start = len(text)
        text.append(line.text)
        for span in line.spans:
            text.stylize(span.style, start + span.start, start + span.end)
    return text


def _pem(s: Summary) -> list[Text]:
    p = s.pem
    lines = [Text(p.statement)]
    if p.threshold is None:
        return lines

    def figure(value: float | None, n: int) -> str:
        return NO_DATA if value is None else f"{mean_text(value)} ({days_text(n)})"

    lines.append(
        Text(
            f"  After higher-exertion days (exertion {p.threshold} or more): "
            f"PEM {figure(p.pem_after_high, p.pem_after_high_n)}, "
            f"fatigue {figure(p.fatigue_after_high, p.fatigue_after_high_n)}"
        )
    )
    lines.append(
        Text(
            f"  After other days: PEM {figure(p.pem_after_other, p.pem_after_other_n)}"
            f", fatigue {figure(p.fatigue_after_other, p.fatigue_after_other_n)}"
        )
    )
    return lines
