"""The HTML summary's charts, read as drawn (outside test of issue 12, finding 8): on a year
of entries date labels ran into each other ("2025-11-2026-12-26"), medicine labels overprinted
each other and the data line ("codeinestarted 60 mg" over "kratom 6 g"), a label sat left of
its line under another's, and a week with 1 of 7 days recorded looked like a week of severe
constipation. Each SVG is parsed (xml.etree) and its text boxes are estimated from the number
of characters and the font size, as a printer would lay them out."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import pytest

from fatiguelog.cli import main

from .outsider12 import export

NS = "{http://www.w3.org/2000/svg}"
#: Font size (px) of each text class, as the summary's CSS sets it.
FONT = {
    "tick": 10.0,
    "legend": 10.5,
    "event-label": 10.0,
    "threshold-label": 10.0,
    "flag-label": 10.0,
}
CHAR = 0.6  # average glyph width, in font sizes (system sans-serif, digits and letters)


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def holds(self, x: float, y: float) -> bool:
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def text_box(node: ET.Element) -> Box:
    text = "".join(node.itertext())
    size = FONT[node.get("class", "")]
    width = len(text) * size * CHAR
    x, y = float(node.get("x", 0)), float(node.get("y", 0))
    anchor = node.get("text-anchor", "start")
    x0 = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
    return Box(text, x0, y - 0.75 * size, x0 + width, y + 0.2 * size)


@dataclass
class Chart:
    title: str
    width: float
    height: float
    root: ET.Element

    def texts(self) -> list[ET.Element]:
        return list(self.root.iter(f"{NS}text"))

    def boxes(self) -> list[Box]:
        return [text_box(n) for n in self.texts()]


def charts(html: str) -> list[Chart]:
    out = []
    for raw in re.findall(r"<svg .*?</svg>", html, flags=re.S):
        root = ET.fromstring(raw)
        _x, _y, w, h = (float(v) for v in root.get("viewBox", "").split())
        title = root.findtext(f"{NS}title") or ""
        out.append(Chart(title, w, h, root))
    assert out
    return out


PERIODS = {
    "year": ("--from", "2025-11-26"),
    "90 days": (),
    "90 days to 11-14": ("--to", "2026-11-14"),
}


@pytest.fixture(scope="module", params=list(PERIODS))
def kratom_html(request, kratom_root, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("html") / "a.html"
    assert (
        main(
            [
                "--data-dir",
                str(kratom_root),
                "export",
                "--format",
                "html",
                "-o",
                str(out),
                *PERIODS[request.param],
            ]
        )
        == 0
    )
    return out.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def coffee_html(coffee_root, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("html") / "c.html"
    assert main(["--data-dir", str(coffee_root), "export", "--format", "html", "-o", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def _all(kratom_html: str, coffee_html: str) -> list[Chart]:
    return charts(kratom_html) + charts(coffee_html)


def test_no_two_words_of_a_chart_overlap(kratom_html, coffee_html):
    for chart in _all(kratom_html, coffee_html):
        boxes = chart.boxes()
        for n, a in enumerate(boxes):
            for b in boxes[n + 1 :]:
                assert not a.overlaps(b), (chart.title, a, b)


def test_every_word_and_mark_lies_inside_its_chart(kratom_html, coffee_html):
    for chart in _all(kratom_html, coffee_html):
        for box in chart.boxes():
            assert box.x0 >= 0 and box.x1 <= chart.width, (chart.title, box)
            assert box.y0 >= 0 and box.y1 <= chart.height, (chart.title, box)
        for path in chart.root.iter(f"{NS}path"):
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", path.get("d", ""))]
            xs, ys = numbers[0::2], numbers[1::2]
            assert min(xs) >= 0 and max(xs) <= chart.width, (chart.title, path.attrib)
            assert min(ys) >= 0 and max(ys) <= chart.height, (chart.title, path.attrib)
        for circle in chart.root.iter(f"{NS}circle"):
            cx, r = float(circle.get("cx", 0)), float(circle.get("r", 0))
            assert cx - r >= 0 and cx + r <= chart.width, (chart.title, circle.attrib)


def test_no_word_is_printed_over_a_data_line(kratom_html, coffee_html):
    for chart in _all(kratom_html, coffee_html):
        boxes = chart.boxes()
        for line in chart.root.iter(f"{NS}polyline"):
            for point in line.get("points", "").split():
                x, y = (float(v) for v in point.split(","))
                hit = [b for b in boxes if b.holds(x, y)]
                assert not hit, (chart.title, (x, y), hit)


def test_date_labels_are_whole_dates_that_fit(kratom_html, coffee_html):
    """ "2025-11-2026-12-26": labels ran into each other on a year. Each tick is a whole date,
    the first and the last day of the period among them, and there are a handful, not 13."""
    for chart in _all(kratom_html, coffee_html):
        dates = [
            n
            for n in chart.texts()
            if n.get("class") == "tick"
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", "".join(n.itertext()))
        ]
        assert 2 <= len(dates) <= 9, (chart.title, len(dates))


def test_each_medicine_mark_is_numbered_on_its_line_and_listed_in_words(kratom_html):
    """Medicine changes: a number right above its dashed line (centred on it, never left of
    it under another's), and the words in a numbered list under the chart."""
    seen = 0
    for chart in charts(kratom_html):
        lines = [
            float(e.get("x1", 0)) for e in chart.root.iter(f"{NS}line") if e.get("class") == "event"
        ]
        if not lines:
            continue
        labels = [n for n in chart.texts() if n.get("class") == "event-label"]
        numbers = [n for n in labels if re.fullmatch(r"\d+", "".join(n.itertext()))]
        listed = ["".join(n.itertext()) for n in labels if n not in numbers]
        assert len(numbers) == len(lines), chart.title
        for x, number in zip(lines, numbers, strict=True):
            assert number.get("text-anchor") == "middle", chart.title
            assert abs(float(number.get("x", 0)) - x) < 0.2, (chart.title, x)
        plot_bottom = max(
            float(e.get("y2", 0)) for e in chart.root.iter(f"{NS}line") if e.get("class") == "event"
        )
        for n, number in enumerate(numbers, start=1):
            assert "".join(number.itertext()) == str(n)
            item = next(s for s in listed if s.startswith(f"{n} "))
            assert re.search(r"[▲▼] \S", item) and re.search(r"\d{4}-\d{2}-\d{2}", item), item
        for node in labels:
            if node not in numbers:
                assert float(node.get("y", 0)) > plot_bottom, (chart.title, node.text)
        seen += 1
    assert seen


def test_codeine_started_is_listed_with_its_own_date(kratom_root, capsys):
    html = export(kratom_root, capsys, "--format", "html", "--from", "2025-11-26")
    assert "▲ codeine started, 60 mg (2026-11-05)" in html


def test_a_week_with_few_days_recorded_is_not_drawn_as_a_bar(kratom_root, capsys):
    """April and May: 1 of 7 days recorded drew a 1-stool bar, which reads as severe
    constipation. A week with fewer than 4 days with a bowel answer is a band of its own,
    explained in the legend, never a stool bar."""
    html = export(kratom_root, capsys, "--format", "html", "--from", "2025-11-26")
    weeks = json.loads(export(kratom_root, capsys, "--format", "json", "--from", "2025-11-26"))[
        "weeks"
    ]
    bowel = next(c for c in charts(html) if c.title == "Bowel movements per week")
    few = [w for w in weeks if w["gi_days"] and w["gi_days"] < 4]
    assert few
    bands = [r for r in bowel.root.iter(f"{NS}rect") if r.get("fill") == "url(#few)"]
    assert len(bands) == len(few) + 1  # and its legend swatch
    bars = {
        r.get("x")
        for r in bowel.root.iter(f"{NS}rect")
        if (r.findtext(f"{NS}title") or "").startswith("stools:")
    }
    drawn = [w for w in weeks if w["gi_days"] and w["gi_days"] >= 4 and w["stools"]]
    assert len(bars) == len(drawn)
    words = " ".join("".join(n.itertext()) for n in bowel.texts())
    assert "fewer than 4 of 7 days answered" in words
