"""`fatiguelog trends --print`: the trend view as plain Rich output (no Textual).

It renders the same `Summary` the app and the exports use. Every piece of user text (a
substance name) goes into a `rich.text.Text`, never into markup, and loses control
characters first. Meaning never rests on colour alone: levels are written as words and
change markers are arrows.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rich import box
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from fatiguelog import flagtext as ft
from fatiguelog import intaketext as it
from fatiguelog.analysis.series import MIN_RATED_DAYS
from fatiguelog.analysis.summary import DaySeries, FlagReport, IntakeStats, Summary
from fatiguelog.cli import EXIT_OK, check_days, today_for
from fatiguelog.model import RED_FLAGS
from fatiguelog.substances import class_words
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import answer_words

DEFAULT_DAYS = 90
BARS = "▁▂▃▄▅▆▇█"
GAP = "·"
LABEL_WIDTH = 16
LEVEL_WORDS = {"urgent": "URGENT", "warn": "WARNING", "info": "NOTE"}
LEVEL_STYLE = {"urgent": "bold red", "warn": "bold yellow", "info": "bold cyan"}
NOT_A_DIAGNOSIS = ("This is not a diagnosis. It describes your own entries; talk to a clinician "
                   "about anything here. It never gives advice on doses.")

#: The charts that are no question's answers, after the questions' own (series key, label,
#: fixed scale or None for the series' own range, unit); the questions' come from the
#: vocabulary (`Summary.charted`): the built-in ones, then the user's own trackers.
OTHER_CHARTS: tuple[tuple[str, str, tuple[float, float] | None, str], ...] = (
    ("sbm_per_week", "SBMs a week", None, "rolling 7 days"),
    ("bristol_mean", "Bristol type", (1, 7), "1 hard - 7 watery"),
)


def print_trends(args: argparse.Namespace, root: Path, *, console: Console | None = None,
                 today: date | None = None) -> int:
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
    summary = cached_summary(Store(root), settings, first, last,
                             today=today or date.today())
    out = console or Console(highlight=False)
    for block in render(summary, width=out.width, settings_problems=len(settings_problems)):
        out.print(block)
    return EXIT_OK


def safe(text: str) -> str:
    """User text for a terminal: no control characters (ESC would start a sequence)."""
    return strip_controls(text, one_line=True)


def render(summary: Summary, *, width: int = 80,
           settings_problems: int = 0) -> list[RenderableType]:
    """Everything to print, in order: the urgent banner (only alarm symptoms on at the last
    day), earlier alarm symptoms, flags, rules checked, charts, delayed PEM, the caveat."""
    blocks: list[RenderableType] = [_header(summary)]
    if summary.banner:
        lines = [Text(safe(line)) for line in ft.banner_lines(summary)]
        blocks.append(Panel(
            Group(*lines),
            title=Text(ft.banner_heading(summary), style="bold"),
            box=box.DOUBLE, border_style="red", padding=(0, 1),
        ))
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
    blocks.append(Text(""))
    blocks.append(Text("Charts", style="bold underline"))
    blocks.append(Text(f"One column per {_span(summary.days, _chart_width(width))}; "
                       f"{BARS[0]} low to {BARS[-1]} high; {GAP} no answer."))
    blocks.extend(_charts(summary, width))
    blocks.append(Text(""))
    blocks.append(Text("Delayed PEM (after your busier days)", style="bold underline"))
    blocks.extend(_pem(summary))
    problems = len(summary.problems) + settings_problems
    if problems:
        blocks.append(Text(f"{problems} file(s) could not be read and are left out: run "
                           "'fatiguelog check' to see them.", style="bold"))
    blocks.append(Text(""))
    blocks.append(Text(NOT_A_DIAGNOSIS, style="bold"))
    return blocks


def is_alarm(flag: FlagReport) -> bool:
    """A flag of an alarm symptom (a `red_flags` key), not red.age_change."""
    return flag.id.removeprefix("red.") in RED_FLAGS


def shown_flags(summary: Summary) -> list[FlagReport]:
    """Flags shown as cards: alarm symptoms have the banner or the alarm list instead (an
    alarm that is only a warning, weight loss, gets a card while it is on)."""
    return [f for f in summary.flags
            if not is_alarm(f) or (f.level != "urgent" and f.last == summary.last)]


def _header(s: Summary) -> Text:
    return Text.assemble(
        ("Trends ", "bold"),
        f"{s.first.isoformat()} to {s.last.isoformat()} ({s.days} days, "
        f"{s.days_recorded} with a check-in)",
    )


def _flag(flag: FlagReport, last: date) -> RenderableType:
    """Heading (level in words, title, since/last), then label/value rows that wrap aligned."""
    heading = Text()
    heading.append(f"{LEVEL_WORDS[flag.level]}: ", style=LEVEL_STYLE[flag.level])
    heading.append(flag.title, style="bold")
    heading.append(f"  ({ft.when(flag, last)})")
    rows = Table.grid(padding=(0, 1))
    rows.add_column(width=11, no_wrap=True)
    rows.add_column(ratio=1)
    for label, value in (("Lasted", ft.lasted(flag)), ("Evidence", flag.evidence),
                         ("Rule", flag.rule), ("Source", flag.source), ("Advice", flag.advice)):
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


def _chart_width(width: int) -> int:
    return max(10, width - LABEL_WIDTH - 2)


def _span(days: int, columns: int) -> str:
    per = -(-days // min(days, columns))
    return "day" if per == 1 else f"{per} days (mean)"


def sparkline(values: Sequence[float | None], columns: int,
              scale: tuple[float, float] | None = None) -> str:
    """One character per column; columns average the days they cover; gaps stay gaps."""
    n = len(values)
    if n == 0:
        return ""
    columns = min(columns, n)
    buckets: list[float | None] = []
    for c in range(columns):
        part = [v for v in values[c * n // columns:(c + 1) * n // columns] if v is not None]
        buckets.append(sum(part) / len(part) if part else None)
    known = [v for v in buckets if v is not None]
    if not known:
        return GAP * columns
    low, high = scale if scale is not None else (0.0, max(known) or 1.0)
    span = (high - low) or 1.0
    out = []
    for v in buckets:
        if v is None:
            out.append(GAP)
        else:
            level = round((min(max(v, low), high) - low) / span * (len(BARS) - 1))
            out.append(BARS[level])
    return "".join(out)


def markers(days: Sequence[date], events: Sequence[tuple[date, str]], columns: int) -> str:
    """A line under a chart: ▲ where an amount went up, started or resumed, ▼ down or
    stopped."""
    n = len(days)
    columns = min(columns, n)
    if not n:
        return ""
    first = days[0]
    marks = [" "] * columns
    for day, kind in events:
        index = (day - first).days
        if 0 <= index < n:
            column = min(columns - 1, index * columns // n)
            mark = "▲" if kind in it.RISES else "▼"
            marks[column] = "◆" if marks[column] not in (" ", mark) else mark
    return "".join(marks)


def _stats(series: DaySeries) -> str:
    known = [v for v in series.values if v is not None]
    if not known:
        return "no answers"
    if len(known) < MIN_RATED_DAYS:  # as the trend view and the exports: no mean of 1 or 2
        return f"not enough data ({len(known)} day{'' if len(known) == 1 else 's'})"
    return f"mean {sum(known) / len(known):.1f}, {len(known)} days"


def _charts(s: Summary, width: int) -> list[RenderableType]:
    columns = _chart_width(width)
    lines: list[RenderableType] = []
    # (a tracker removed from settings: named by its key, and said so under its chart)
    charts = [(a.question.series_key,
               a.question.chart_name if a.question.declared else a.question.key,
               a.question.chart_scale,
               a.question.scale_note if a.question.declared else
               f"{a.question.scale_note}, not in your settings now", a) for a in s.charted
              if a.question.declared or a.days]
    for key, label, scale, unit, answers in [*charts, *((*c, None) for c in OTHER_CHARTS)]:
        series = s.series.get(key)
        if series is None:
            continue
        name = strip_controls(label, one_line=True)
        if len(name) >= LABEL_WIDTH:
            name = name[:LABEL_WIDTH - 2] + "…"
        said = (answer_words(answers) if answers is not None and (
            answers.question.kind == "yesno") else _stats(series))
        lines.append(Text.assemble((f"{name:<{LABEL_WIDTH}}", "bold"),
                                   sparkline(series.values, columns, scale)))
        lines.append(Text(f"{'':<{LABEL_WIDTH}}{unit}; {said}", style="dim"))
    for name, stats in s.intake.items():
        series = s.series.get(f"intake:{name}")
        if series is not None:
            lines.extend(_intake_chart(name, stats, series, s, columns))
    return lines


def _intake_chart(name: str, stats: IntakeStats, series: DaySeries, summary: Summary,
                  columns: int) -> list[RenderableType]:
    shown = safe(name)
    label = shown if len(shown) < LABEL_WIDTH else shown[:LABEL_WIDTH - 2] + "…"
    # Changes from the timeline's steady ranges: a wobble is not a list of increases, and a
    # substance taken again after a break reads "resumed", never "stopped".
    ranges = it.ranges_of(summary, stats.substance, stats.unit)
    changes = it.range_events(ranges)
    lines: list[RenderableType] = [Text.assemble((f"{label:<{LABEL_WIDTH}}", "bold"),
                                                 sparkline(series.values, columns))]
    if changes:
        lines.append(Text.assemble(
            f"{'':<{LABEL_WIDTH}}",
            markers(series.days, [(e.day, e.kind) for e in changes], columns)))
    mean = "-" if stats.mean_daily is None else it.number(stats.mean_daily, 1)
    klass = f", class: {class_words(stats.klass)}"
    arrows = "; ▲ up, started or resumed, ▼ down or stopped" if changes else ""
    lines.append(_indented(f"{safe(it.unit_text(2, stats.unit))} a day, mean {mean} on the "
                           f"{it.days_text(stats.days)} taken{klass}{arrows}"))
    said = it.substance_lines(ranges, summary.last)
    recent = said[-5:]
    if len(said) > len(recent):
        lines.append(Text(f"{'':<{LABEL_WIDTH}}({len(said) - len(recent)} earlier ranges "
                          "not listed)", style="dim"))
    lines += [_indented(safe(line)) for line in recent]
    return lines


def _indented(text: str) -> Table:
    """A line under a chart label that wraps aligned with itself."""
    grid = Table.grid()
    grid.add_column(width=LABEL_WIDTH, no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row("", Text(text))
    return grid


def _pem(s: Summary) -> list[Text]:
    p = s.pem
    lines = [Text(p.statement)]
    if p.threshold is None:
        return lines

    def figure(value: float | None, n: int) -> str:
        return "not enough data" if value is None else f"{value:.1f} ({n} days)"

    lines.append(Text(f"  After higher-exertion days (exertion {p.threshold} or more): "
                      f"PEM {figure(p.pem_after_high, p.pem_after_high_n)}, "
                      f"fatigue {figure(p.fatigue_after_high, p.fatigue_after_high_n)}"))
    lines.append(Text(f"  After other days: PEM {figure(p.pem_after_other, p.pem_after_other_n)}"
                      f", fatigue {figure(p.fatigue_after_other, p.fatigue_after_other_n)}"))
    return lines
