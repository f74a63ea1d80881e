"""The one text-chart engine (`fatiguelog.textchart`), read as a user reads its lines: which
days fall in which column, a day without an answer against a zero, the intake marks and their
words, headings never cut, and nothing wider than the width asked for.

The trend view and `trends --print` both draw these lines (tests/ui_trends/test_one_engine.py
checks that they do, as text).
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta

import pytest

from fatiguelog.analysis.summary import DaySeries, IntakeEvent
from fatiguelog.textchart import GAP, Chart, Line, Scale, buckets, legend, plain

FIRST = date(2026, 8, 28)
SCALE = Scale(0, 10, "0", "10")


def series(values: list[float | None], key: str = "fatigue") -> DaySeries:
    days = tuple(FIRST + timedelta(days=n) for n in range(len(values)))
    return DaySeries(key, key, days, tuple(values))


def bars(lines: list[Line]) -> list[str]:
    """The bar rows without the scale on their left (everything after "┤")."""
    return [line.text.split("┤", 1)[1] for line in lines if "┤" in line.text]


def cells(rows: list[str], column: int) -> str:
    """One column of the bars, top to bottom ("" past a row's end, which is blank)."""
    return "".join(row[column] if column < len(row) else " " for row in rows)


# -- gaps are not zeros -------------------------------------------------------------------


def test_a_day_without_an_answer_is_a_dot_and_a_zero_is_an_empty_column():
    lines = Chart(series([0, None, 5, 10]), SCALE, "Fatigue").lines(40)
    rows = bars(lines)
    per = 3  # four days in 35 columns: three columns a day
    zero, gap, five, ten = (cells(rows, n * per) for n in range(4))
    assert zero == "   "  # a zero: nothing drawn, and no dot
    assert gap == "  " + GAP  # no answer: a dot on the bottom row only
    assert five.strip() and GAP not in five
    assert ten == "███"


def test_a_column_of_several_days_is_the_mean_of_the_answered_ones_not_of_zeros():
    values: list[float | None] = [None] * 90
    values[0] = 10.0  # one answer among the first column's 6 days (width 20: 6 days a column)
    rows = bars(Chart(series(values), SCALE, "Fatigue").lines(20))
    assert cells(rows, 0) == "███"  # 10, not 10/6
    assert cells(rows, 1) == "  " + GAP


def test_no_answer_at_all_is_dots_not_a_flat_line_at_zero():
    rows = bars(Chart(series([None] * 5), SCALE, "Fatigue").lines(40))
    assert set(rows[-1]) == {GAP} and not rows[0].strip()


# -- which days go in which column --------------------------------------------------------

#: (days, width) -> (days per column, columns per day, columns): the bars get the width less
#: the scale ("10 ┤", 5 characters); a column holds the same number of days throughout.
LAYOUT = {
    (7, 20): (1, 2, 14),
    (7, 40): (1, 3, 21),
    (7, 76): (1, 3, 21),
    (30, 20): (2, 1, 15),
    (30, 40): (1, 1, 30),
    (30, 76): (1, 2, 60),
    (90, 20): (6, 1, 15),
    (90, 40): (3, 1, 30),
    (90, 76): (2, 1, 45),
    (365, 20): (25, 1, 15),
    (365, 40): (11, 1, 34),
    (365, 76): (6, 1, 61),
}


@pytest.mark.parametrize(("days", "width"), sorted(LAYOUT))
def test_each_day_falls_in_the_column_its_date_line_promises(days: int, width: int):
    step, per, columns = LAYOUT[(days, width)]
    assert buckets([1.0] * days, width - 5)[1:] == (step, per)
    for day in range(days):
        values: list[float | None] = [None] * days
        values[day] = 10.0  # this day only: its column is the one full column
        lines = Chart(series(values), SCALE, "Fatigue").lines(width)
        rows = bars(lines)
        assert len(rows[-1]) == columns
        full = [c for c in range(columns) if cells(rows, c) == "███"]
        assert full == list(range(day // step * per, day // step * per + per)), (day, full)
    said = " ".join(plain(lines).split())  # (a narrow chart says it over two lines)
    if step > 1:
        assert f"(1 column = {step} days)" in said
    else:
        assert "column =" not in said
    assert all(len(line.text) <= width for line in lines), plain(lines)


def test_the_date_line_puts_the_first_and_last_day_under_the_bars_ends():
    lines = Chart(series([5.0] * 90), SCALE, "Fatigue").lines(76)
    dates = lines[-1].text
    assert dates == "     2026-08-28   (1 column = 2 days)   2026-11-25"
    assert len(dates) == len(lines[-2].text)  # ends under the last column


def test_a_narrow_chart_still_says_how_many_days_a_column_holds():
    lines = Chart(series([5.0] * 90), SCALE, "Fatigue").lines(20)
    assert [line.text for line in lines[-4:]] == [
        "     2026-08-28 to",
        "     2026-11-25",
        "     (1 column = 6",
        "     days)",
    ]


# -- intake marks and their words ---------------------------------------------------------


def event(day: int, kind: str) -> IntakeEvent:
    return IntakeEvent(FIRST + timedelta(days=day), "kratom", "g", kind, 2.0, None)


def test_changes_are_marked_under_their_day_and_explained_in_words_below():
    amounts: list[float | None] = [2.0] * 30
    chart = Chart(
        series(amounts, "intake:kratom"),
        Scale(0, 4, "0", "4"),
        "kratom",
        events=(event(10, "increase"), event(20, "stop")),
    )
    lines = chart.lines(76)  # 30 days in 71 columns: two columns a day
    marks = lines[-3].text
    assert marks[5 + 20] == "▲" and marks[5 + 40] == "x"
    assert lines[-1].text.strip() == "▲ increase  x stopped"  # only the marks used
    assert "▼" not in plain(lines) and "+" not in plain(lines)


def test_two_changes_in_one_column_are_said_to_be_several():
    chart = Chart(
        series([2.0] * 90, "intake:senna"),
        Scale(0, 4),
        "senna",
        events=(event(10, "start"), event(11, "stop")),
    )
    lines = chart.lines(40)  # 3 days a column: days 10 and 11 share column 3
    assert lines[-4].text[5 + 3] == "◆"
    assert lines[-1].text.strip() == "◆ more than one change"


def test_the_legend_keeps_each_meaning_together_and_within_the_width():
    marks = ["▲", "▼", "+", "x", "◆"]
    assert legend(marks, 80) == [
        "▲ increase  ▼ decrease  + started or resumed  x stopped  ◆ more than one change"
    ]
    assert legend(marks, 24) == [
        "▲ increase  ▼ decrease",
        "+ started or resumed",
        "x stopped",
        "◆ more than one change",
    ]
    assert legend(marks, 15) == [
        "▲ increase",
        "▼ decrease",
        "+ started or",
        "  resumed",
        "x stopped",
        "◆ more than one",
        "  change",
    ]


def test_a_narrow_substance_chart_fits_its_width():
    chart = Chart(
        series([2.0] * 90, "intake:senna"),
        Scale(0, 4),
        "senna",
        events=(event(10, "start"), event(40, "stop"), event(70, "increase")),
    )
    lines = chart.lines(20)
    assert all(len(line.text) <= 20 for line in lines), plain(lines)
    assert "+ started or" in plain(lines) and "x stopped" in plain(lines)


# -- headings and scale labels are never cut ----------------------------------------------


@pytest.mark.parametrize("width", [20, 40, 76])
def test_a_long_label_is_wrapped_at_words_never_cut(width: int):
    label = "Dizziness on standing up from bed in the morning (0-10, higher is worse)"
    heading = f"{label}: mean 5.8 over 4 days, range 3-8"
    lines = Chart(series([3, 5, None, 8], "custom.dizzy"), SCALE, heading).lines(width)
    head = [line.text for line in lines if line.spans and line.spans[0].style == "bold"]
    assert " ".join(head) == heading  # every word, whole, in order
    assert all(len(text) <= width for text in head)
    assert "…" not in plain(lines)


def test_user_text_in_a_heading_loses_its_control_characters():
    chart = Chart(series([1.0]), SCALE, "evil\x1b[31mred\nname")
    assert chart.heading == "evil [31mred name"


def test_big_numbers_on_the_scale_are_whole_and_every_row_has_one_axis_column():
    lines = Chart(series([1500.0, None, 12000.0]), Scale(0, 12000), "Steps").lines(40)
    axis = [line.text for line in lines if "┤" in line.text]
    assert axis[0].startswith("12000 ┤") and axis[-1].startswith("    0 ┤")
    assert len({text.index("┤") for text in axis}) == 1


def test_no_line_ends_in_spaces():
    chart = Chart(series([0.0, None, 0.0]), SCALE, "Fatigue", events=(event(0, "start"),))
    assert all(line.text == line.text.rstrip() for line in chart.lines(40))


# -- the engine is plain text -------------------------------------------------------------


def test_the_engine_and_the_chart_section_import_neither_textual_nor_rich():
    code = (
        "import sys\n"
        "import fatiguelog.textchart, fatiguelog.trendcharts\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
