"""Issue 13, point 7: one chart engine for the app and the print. The trend view and
`fatiguelog trends --print` used to draw with two engines that put the same days into
different columns (90 days: 45 columns of 2 days on screen, 62 columns of 1 or 2 days in the
print, whose legend said "2 days"). Now the widget's text and the printed chart are the
engine's lines for the same width, compared here as text.
"""

from __future__ import annotations

import argparse
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from rich.console import Console
from textual.app import App, ComposeResult
from textual.pilot import Pilot

from fatiguelog.analysis.summary import DaySeries, IntakeEvent
from fatiguelog.cli.trends import print_trends
from fatiguelog.settings import Settings
from fatiguelog.textchart import Chart, Scale, plain
from fatiguelog.ui.app import FatiguelogApp
from fatiguelog.ui.screens.trends import TrendsScreen
from fatiguelog.ui.widgets.charts import TextChart
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import TODAY, build, day_entry
from tests.ui_trends.hostapp import HostApp

DAYS = tuple(TODAY - timedelta(days=89 - n) for n in range(90))
FATIGUE = DaySeries(
    "fatigue", "Fatigue", DAYS, tuple(None if n % 11 == 4 else float(n % 10) for n in range(90))
)
KRATOM = DaySeries(
    "intake:kratom",
    "kratom",
    DAYS,
    tuple(None if n % 13 == 6 else (2.0 if n < 60 else 4.0) for n in range(90)),
)
CHARTS = {
    "fatigue": Chart(
        FATIGUE,
        Scale(0, 10, "0", "10"),
        "Fatigue (0-10, higher is worse): mean 4.5, range 0-9, 82 days answered",
    ),
    "kratom": Chart(
        KRATOM,
        Scale(0, 4, "0", "4"),
        "kratom (class: opioid), g a day",
        events=(IntakeEvent(DAYS[60], "kratom", "g", "increase", 4.0, 2.0),),
    ),
}


class OneChart(App[None]):
    def __init__(self, chart: Chart) -> None:
        super().__init__()
        self.chart = chart

    def compose(self) -> ComposeResult:
        yield TextChart(self.chart, id="chart")


@pytest.mark.parametrize("width", [20, 40, 76])
@pytest.mark.parametrize("name", sorted(CHARTS))
async def test_the_widget_shows_the_engines_lines(name: str, width: int) -> None:
    chart = CHARTS[name]
    app = OneChart(chart)
    async with app.run_test(size=(width, 30)) as pilot:
        await pilot.pause()
        widget = app.query_one("#chart", TextChart)
        assert widget.size.width == width
        assert widget.render().plain == plain(chart.lines(width))
        assert widget.size.height == len(chart.lines(width))


def printed(root: Path, width: int, days: int = 90) -> list[str]:
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False)
    assert (
        print_trends(argparse.Namespace(days=days, print_=True), root, console=console, today=TODAY)
        == 0
    )
    return buffer.getvalue().splitlines()


def kratom_doubles(i: int, day):
    return None if i % 11 == 4 else day_entry(day, fatigue=i % 10, kratom=2.0 if i < 60 else 4.0)


async def test_the_trend_view_and_the_print_draw_the_same_charts(tmp_path: Path) -> None:
    """The view at 80 columns draws its charts 76 wide (padding and scroll bar): the print at
    76 columns has the very same lines, heading, bars, marks, dates and legend."""
    root = tmp_path / "data"
    build(root, 90, kratom_doubles)
    app = HostApp(lambda: TrendsScreen(root, Settings(), 90, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        shown = {c.series.key: c for c in app.screen.query(TextChart)}
        assert {"fatigue", "intake:kratom", "bristol_mean"} <= set(shown)
        width = shown["fatigue"].size.width
        assert width == 76
        out = printed(root, width)
        for key, widget in shown.items():
            lines = plain(widget.chart.lines(width)).splitlines()
            assert widget.render().plain.splitlines() == lines, key
            start = out.index(lines[0])
            assert out[start : start + len(lines)] == lines, key
        kratom = plain(shown["intake:kratom"].chart.lines(width))
        assert "▲" in kratom and "▲ increase" in kratom and "(1 column = 2 days)" in kratom


@pytest.mark.parametrize("width", [40, 60])
def test_the_print_draws_the_engines_lines_at_its_own_width(tmp_path: Path, width: int):
    root = tmp_path / "data"
    build(root, 90, kratom_doubles)
    out = printed(root, width)
    assert all(len(line) <= width for line in out), max(out, key=len)
    heading = next(n for n, line in enumerate(out) if line.startswith("Fatigue (0-10"))
    bars = [line for line in out[heading : heading + 6] if "┤" in line]
    columns = len(bars[-1].split("┤", 1)[1])
    step = -(-90 // (width - 5))  # days per column, as the date line says
    assert columns == -(-90 // step)
    assert f"(1 column = {step} days)" in " ".join(out[heading : heading + 8])


async def test_one_or_two_days_make_no_mean_in_the_view_or_the_print(tmp_path: Path) -> None:
    """Where the two disagreed in words, the clearer wins in both: the view said "mean not
    enough data, range 5-7, 2 days answered", the print "not enough data (2 days)"."""
    root = tmp_path / "data"
    build(root, 2, lambda i, day: day_entry(day, fatigue=5 + 2 * i, pem=4, exertion=1))
    said = "Fatigue (0-10, higher is worse): 5-7 on 2 days answered; a mean needs 3 answered days"
    app = HostApp(lambda: TrendsScreen(root, Settings(), 30, today=TODAY))
    async with app.run_test(size=(100, 24)) as pilot:
        await wait_loaded(pilot)
        headings = [c.heading for c in app.screen.query(TextChart)]
        assert said in headings, headings
        assert not [h for h in headings if "mean not enough data" in h]
    assert said in printed(root, 100, days=30)


async def at_the_kratom_chart(pilot: Pilot) -> None:
    """The trend view loaded, scrolled so the substance's chart (its marks and their words)
    is at the top."""
    await wait_loaded(pilot)
    chart = next(c for c in pilot.app.screen.query(TextChart) if c.series.key == "intake:kratom")
    pilot.app.screen.query_one("#trends-body").scroll_to_widget(chart, top=True, animate=False)
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
def test_snapshot_charts(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    root = tmp_path / "data"
    build(root, 90, kratom_doubles)
    app = FatiguelogApp(root, start=("trends", 90), today=TODAY, blink=False)
    assert snap_compare(app, terminal_size=size, run_before=at_the_kratom_chart)
