"""Outside test of issue 13 (home at 60x20, and one wording): the two weeks' "Red flags"
column was cut to "Red", the footer lost its last keys, and the footer said "c Check in" while
the line above the table said "c Change today" for a day already checked in. A past day's
review said "Post-exertional malaise (PEM) today"."""

from __future__ import annotations

import argparse
import io
from datetime import time, timedelta
from pathlib import Path

import pytest
from textual.widgets import Footer

from fatiguelog.cli import UserError
from fatiguelog.cli.plain import run_plain
from fatiguelog.ui.widgets.daytable import DayTable
from tests.ui.conftest import TODAY, YESTERDAY, make_app, press, wait_for_home, write_entry
from tests.ui.test_checkin_app import screen_text


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return tmp_path / "data"


SIZES = pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])


def history(root: Path) -> None:
    for back in range(0, 6):
        day = TODAY - timedelta(days=back)
        write_entry(
            root,
            day,
            symptoms={"fatigue": 5, "crash": back == 2},
            gi={
                "stools": [{"bristol": 3, "time": time(8)}, {"bristol": 6, "time": time(9)}],
                "no_bowel_movement": False,
            },
            red_flags={"fever": back == 1},
        )


@SIZES
async def test_every_column_of_the_two_weeks_is_whole(root: Path, size) -> None:
    history(root)
    async with make_app(root).run_test(size=size) as pilot:
        await wait_for_home(pilot)
        table = pilot.app.screen.query_one("#recent", DayTable)
        labels = list(table.column_labels)
        assert "Red flags" in labels
        assert labels.index("Red flags") < len(labels) - 1  # before the widest column
        width = table.virtual_size.width
        assert width <= table.scrollable_content_region.width, (labels, width)
        # On screen: the header says every label whole, each row in view every cell whole.
        shown = table.lines()
        assert all(label in shown[0] for label in labels), shown[0]
        top = round(table.scroll_y)
        for line, key in zip(shown[1:], table.row_keys[top:], strict=False):
            assert all(cell in line for cell in table.row(key)), (line, table.row(key))


@SIZES
async def test_the_home_footer_shows_every_key_whole(root: Path, size) -> None:
    history(root)
    async with make_app(root).run_test(size=size) as pilot:
        await wait_for_home(pilot)
        for _ in range(3):
            await pilot.pause()  # (the footer's keys are laid out after home's lines)
        footer = pilot.app.screen.query_one(Footer)
        keys = [str(key.description) for key in footer.query("FooterKey")]
        for wanted in ("Trends", "Export", "Settings", "Search", "Quit", "Help"):
            assert wanted in keys, keys
        widths = sum(key.outer_size.width for key in footer.query("FooterKey"))
        assert widths <= size[0], keys


async def test_home_says_c_one_way(root: Path) -> None:
    history(root)
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        assert "c Change today" in str(pilot.app.screen.query_one("#home-actions").render())
        footer = [str(key.description) for key in pilot.app.screen.query("FooterKey")]
        assert "Check in" not in footer  # the line above the table says it, as it is today


async def test_a_past_days_review_says_that_day(root: Path) -> None:
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5, "pem": 4}, activity={"exertion": 3})
    async with make_app(root, start=("checkin", YESTERDAY, False)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(30):
            if pilot.app.screen.session.step.kind == "review":
                break
            await press(pilot, "ctrl+s")
        review = screen_text(pilot.app)
    assert "PEM) today" not in review and "Exertion today" not in review
    assert "Post-exertional malaise (PEM) that day: 4 of 10 (saved before, kept)" in review
    assert "Exertion that day: 3 of 10 (saved before, kept)" in review


def test_a_past_days_plain_summary_says_that_day(root: Path) -> None:
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5, "pem": 4})
    out = io.StringIO()
    args = argparse.Namespace(date=YESTERDAY.isoformat(), quick=False, plain=True)
    with pytest.raises(UserError):  # (stops at the summary: an empty line is no y or n)
        run_plain(args, root, stdin=io.StringIO("\n" * 40), stdout=out)
    summary = out.getvalue().split(f"Your answers for {YESTERDAY:%a %d %b %Y}:")[1]
    assert "PEM) today" not in summary
    assert "Post-exertional malaise (PEM) that day: 4 of 10 (saved before, kept)" in summary
