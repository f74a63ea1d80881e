"""Outside test of issues 13/15 (trackers, item 3): a tracker of steps walked (1500 and 12000)
was charted with "000 ┤" at the top of its axis (labels cut to 3 characters: a false scale)."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from fatiguelog.analysis.summary import DaySeries
from fatiguelog.textchart import Chart, Scale
from fatiguelog.ui.widgets.charts import TextChart

DAYS = tuple(date(2026, 11, 20) + timedelta(days=n) for n in range(6))


class ChartApp(App[None]):
    def __init__(self, scale: Scale) -> None:
        super().__init__()
        self.scale = scale

    def compose(self) -> ComposeResult:
        series = DaySeries(
            "custom.steps", "Steps walked", DAYS, (1500.0, None, 12000.0, 4000.0, None, 800.0)
        )
        yield TextChart(Chart(series, self.scale, "Steps walked"), id="chart")


async def rendered(scale: Scale, width: int = 60) -> list[str]:
    app = ChartApp(scale)
    async with app.run_test(size=(width, 12)) as pilot:
        await pilot.pause()
        chart = app.query_one("#chart", TextChart)
        return str(chart.render()).splitlines()


async def test_a_big_number_on_the_axis_is_never_cut():
    lines = await rendered(Scale(0, 12000))
    assert any(line.startswith("12000 ┤") for line in lines), lines
    assert not any(line.lstrip().startswith("000 ┤") for line in lines), lines
    bars = [line for line in lines if "┤" in line]
    assert len({line.index("┤") for line in bars}) == 1  # one axis column for every row


async def test_a_rating_axis_keeps_its_width():
    lines = await rendered(Scale(0, 10))
    labels = [line[: line.index("┤") + 1] for line in lines if "┤" in line]
    assert (labels[0], labels[-1]) == (" 10 ┤", "  0 ┤"), labels  # as wide as before
