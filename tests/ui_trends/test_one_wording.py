"""Home, the trend view, `trends --print` and the Markdown summary say the same thing the same
way (issue 13, point 7: one wording module).

Why: before it, a warning read "! WARNING" in the app and "WARNING" in the print, the fatigue
mean read "mean 5" in the trend view and "mean 5.0" in the print and the exports, the trend
view and the print each had their own "not a diagnosis" text, and the print titled delayed PEM
"Delayed PEM (after your busier days)" where every other view says "Delayed post-exertional
malaise (PEM)".
"""

from __future__ import annotations

import argparse
import io
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from textual.widgets import Static

from fatiguelog.cli.trends import print_trends
from fatiguelog.export import render
from fatiguelog.homeflags import overview_line
from fatiguelog.report import summarize
from fatiguelog.settings import Settings
from fatiguelog.store import Store
from fatiguelog.ui.screens.trends import TrendsScreen
from fatiguelog.ui.widgets.charts import TextChart
from fatiguelog.ui.widgets.flags import FlagCard
from fatiguelog.wording import CLINICIAN_DISCLAIMER, DISCLAIMER, NOT_A_DIAGNOSIS, PEM_TITLE
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.histories import TODAY
from tests.ui_trends.hostapp import HostApp

DAYS = 30


def one_line(text: str) -> str:
    return " ".join(text.split())


def printed(root: Path) -> str:
    out = io.StringIO()
    print_trends(
        argparse.Namespace(days=DAYS),
        root,
        today=TODAY,
        console=Console(file=out, width=200, color_system=None),
    )
    return out.getvalue()


def markdown(root: Path) -> str:
    summary = summarize(
        Store(root), Settings(), TODAY - timedelta(days=DAYS - 1), TODAY, today=TODAY
    )
    return render(summary, "md")


async def trend_view(root: Path) -> dict[str, list[str]]:
    """What the trend view shows: flag cards, the disclaimer, headings and chart headings."""
    app = HostApp(lambda: TrendsScreen(root, Settings(), DAYS, today=TODAY))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_loaded(pilot)
        screen = app.screen
        return {
            "cards": [str(card.render()) for card in screen.query(FlagCard)],
            "disclaimer": [str(w.render()) for w in screen.query(".disclaimer").results(Static)],
            "headings": [str(w.render()) for w in screen.query(".heading").results(Static)],
            "charts": [chart.heading for chart in screen.query(TextChart)],
        }


async def test_a_warning_reads_the_same_on_home_the_trend_view_and_the_print(
    warn_root: Path,
) -> None:
    summary = summarize(
        Store(warn_root), Settings(), TODAY - timedelta(days=DAYS - 1), TODAY, today=TODAY
    )
    warnings = [f for f in summary.flags if f.level == "warn" and f.last == summary.last]
    assert warnings, "the history should have a warning on at its end"
    view, text, md = await trend_view(warn_root), printed(warn_root), markdown(warn_root)
    for flag in warnings:
        said = f"! WARNING: {flag.title}"
        assert overview_line(flag).startswith(said)  # home
        assert any(card.startswith(said) for card in view["cards"])
        assert said in text  # the print: was "WARNING: ..." without the mark
        assert f"Warning: {flag.title}" in md  # the clinician's page writes the word as it is


async def test_every_view_says_one_disclaimer_and_one_pem_title(warn_root: Path) -> None:
    view, text, md = await trend_view(warn_root), printed(warn_root), markdown(warn_root)
    assert [one_line(d) for d in view["disclaimer"]] == [DISCLAIMER]
    assert DISCLAIMER in one_line(text)
    assert DISCLAIMER.startswith(NOT_A_DIAGNOSIS)
    assert CLINICIAN_DISCLAIMER in md and DISCLAIMER not in md  # the patient's, not "your"
    assert PEM_TITLE in view["headings"]
    assert PEM_TITLE in text and "Delayed PEM (after" not in text
    assert f"## {PEM_TITLE}" in md


async def test_a_whole_mean_has_one_decimal_in_the_trend_view_the_print_and_the_export(
    calm_root: Path,
) -> None:
    """Fatigue goes 4, 5, 6, 4, ...: its 30-day mean is exactly 5, said "5.0" everywhere."""
    view, text, md = await trend_view(calm_root), printed(calm_root), markdown(calm_root)
    fatigue = next(h for h in view["charts"] if h.startswith("Fatigue"))
    assert "mean 5.0, range 4-6" in fatigue  # was "mean 5, range 4-6"
    # (the print draws the app's charts, headings included: one engine, one wording)
    assert "Fatigue (0-10, higher is worse): mean 5.0, range 4-6, 30 days answered" in text
    assert "| Fatigue | 30 | 5.0 |" in md
