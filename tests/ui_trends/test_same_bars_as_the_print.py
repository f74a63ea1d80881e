"""Issue 13, point 7, seen from outside: the trend view and `fatiguelog trends --print` once
bucketed days differently (90 days: 45 columns of 2 days on screen, 62 columns of 1 or 2 days
in the print). Whatever draws them, every chart's bar rows on screen are the very rows the
print has at the same width. Both sides are read as text, as a user would see them; nothing
here knows how a chart is drawn (no chart engine is imported).
"""

from __future__ import annotations

import argparse
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from textual.geometry import Region
from textual.widget import Widget

from fatiguelog.cli.trends import print_trends
from fatiguelog.model import Entry
from fatiguelog.settings import Settings
from fatiguelog.ui.screens.trends import TrendsScreen
from fatiguelog.ui.widgets.charts import TextChart
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import TODAY, build, day_entry
from tests.ui_trends.hostapp import HostApp

#: The characters a bar is made of (a line with none of them is a heading, a date or a legend).
BAR_BLOCKS = frozenset("▁▂▃▄▅▆▇█")


def kratom_doubles(i: int, day: date) -> Entry | None:
    """90 days, one in 11 unanswered, fatigue climbing 0-9 and kratom doubled on day 60."""
    if i % 11 == 4:
        return None
    return day_entry(day, fatigue=i % 10, kratom=2.0 if i < 60 else 4.0)


def on_screen(widget: Widget) -> list[str]:
    """The widget's lines exactly as the terminal shows them (trailing blanks dropped)."""
    width, height = widget.size
    return [strip.text.rstrip() for strip in widget.render_lines(Region(0, 0, width, height))]


def bar_rows(lines: list[str]) -> list[list[str]]:
    """Each run of consecutive lines holding bar blocks: one chart's bars."""
    runs: list[list[str]] = []
    previous = False
    for line in lines:
        has_bars = not BAR_BLOCKS.isdisjoint(line)
        if has_bars and previous:
            runs[-1].append(line)
        elif has_bars:
            runs.append([line])
        previous = has_bars
    return runs


def printed(root: Path, width: int) -> list[str]:
    """`fatiguelog trends --print --days 90` on a terminal `width` columns wide."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    args = argparse.Namespace(days=90, print_=True)
    assert print_trends(args, root, console=console, today=TODAY) == 0
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_every_charts_bars_on_screen_are_the_prints_at_the_same_width(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    root = tmp_path / "data"
    build(root, 90, kratom_doubles)
    app = HostApp(lambda: TrendsScreen(root, Settings(), 90, today=TODAY))
    async with app.run_test(size=size) as pilot:
        await wait_loaded(pilot)
        charts = list(app.screen.query(TextChart))
        assert charts
        width = charts[0].size.width
        shown = {chart.series.key: bar_rows(on_screen(chart)) for chart in charts}
    assert {"fatigue", "intake:kratom"} <= set(shown)
    in_print = bar_rows(printed(root, width))
    for key, runs in shown.items():
        assert len(runs) == 1, (key, runs)  # one chart, one block of bars
        assert runs[0] in in_print, (key, runs[0], in_print)
