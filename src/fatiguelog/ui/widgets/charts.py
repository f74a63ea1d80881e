"""A text chart on screen: the lines of `fatiguelog.textchart` (the engine `trends --print`
draws with too) as `Content`, made again for each width the widget is given.

The widget keeps the chart (a reference to the summary's series, no copy) and draws nothing of
its own, so the trend view and the printed trends put the same days in the same columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.content import Span as ContentSpan
from textual.geometry import Size
from textual.widget import Widget

from fatiguelog.analysis.summary import DaySeries
from fatiguelog.textchart import Chart, Line


def content(lines: Sequence[Line]) -> Content:
    """Chart lines as one `Content`: the text is data (never markup), styles from the spans."""
    text = "\n".join(line.text for line in lines)
    spans: list[ContentSpan] = []
    offset = 0
    for line in lines:
        spans.extend(ContentSpan(offset + s.start, offset + s.end, s.style) for s in line.spans)
        offset += len(line.text) + 1
    return Content(text, spans=spans)


class TextChart(Widget):
    """One chart of the engine, drawn at the widget's width."""

    DEFAULT_CSS = """
    TextChart { height: auto; }
    """

    def __init__(self, chart: Chart, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart = chart
        self._drawn: tuple[int, Content] | None = None  # (width, content): one width kept

    @property
    def series(self) -> DaySeries:
        return self.chart.series

    @property
    def heading(self) -> str:
        return self.chart.heading

    def _content(self, width: int) -> Content:
        if self._drawn is None or self._drawn[0] != width:
            self._drawn = (width, content(self.chart.lines(width)))
        return self._drawn[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The heading, the bars, the marks and their meaning (if any) and the date line."""
        return len(self._content(width).plain.split("\n"))

    def render(self) -> Content:
        return self._content(self.size.width)


__all__ = ["TextChart", "content"]
