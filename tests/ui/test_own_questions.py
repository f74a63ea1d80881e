"""Issue 13, points 1-3: one vocabulary, the user's own trackers, and the crash day.

- A built-in question is one declaration: a throwaway question declared in the registry (a
  fixture) is asked in the check-in, written to the file, checked when read, charted as a
  series, and exported as a CSV column and a JSON figure.
- A tracker of each kind (rating, yes/no, number) from settings.toml: asked after the built-in
  symptoms, written under [custom], shown in the trend view and `trends --print`, and in every
  export; a tracker removed from settings keeps its answers and is shown by its key.
- `symptoms.crash`: asked in the quick check-in, shown on home, counted in the summaries, and a
  string there is a problem of its file.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Static

from fatiguelog import vocabulary
from fatiguelog.checkin import ReviewStep
from fatiguelog.export import csv_export, html, json_export, markdown
from fatiguelog.importers.targets import known_target
from fatiguelog.pastdays import day_answers
from fatiguelog.report import summarize
from fatiguelog.settings import Settings, load_settings
from fatiguelog.store import Status, Store
from fatiguelog.ui.screens.home import HomeScreen
from fatiguelog.ui.screens.trends import TrendsScreen
from fatiguelog.ui.widgets.daytable import DayTable
from fatiguelog.vocabulary import Question
from tests.factories import write_settings
from tests.ui_trends.conftest import wait_loaded
from tests.ui_trends.hostapp import HostApp

from .conftest import (
    TODAY,
    TRACKERS,
    YESTERDAY,
    make_app,
    press,
    read_entry,
    screen_text,
    skip_to,
    type_text,
    write_entry,
)


def static_text(app) -> str:
    """The trend view's words: its lines and its charts' headings."""
    from fatiguelog.ui.widgets.charts import TextChart

    return "\n".join(
        [
            *(str(w.render()) for w in app.screen.query(Static)),
            *(chart.heading for chart in app.screen.query(TextChart)),
        ]
    )


async def finish(pilot) -> None:
    """Skip every step left, then save on the review."""
    for _ in range(40):
        if isinstance(pilot.app.screen.session.step, ReviewStep):
            break
        await press(pilot, "ctrl+s")  # skips in the notes box too
    await press(pilot, "enter")


def summary_of(root: Path, days: int = 7):
    settings, _problems = load_settings(root)
    return summarize(Store(root), settings, TODAY - timedelta(days=days - 1), TODAY, today=TODAY)


def csv_days(summary) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(csv_export.tables(summary)["days"])))


# -- 1. a built-in question is one declaration ---------------------------------------------

SORE_THROAT = Question(("symptoms", "sore_throat"), "rating", "Sore throat", chart=True)


@pytest.fixture
def one_more_question(monkeypatch):
    """The registry with one more built-in question, declared once, as a maintainer would."""
    monkeypatch.setattr(
        vocabulary, "BUILT_IN", vocabulary.Vocabulary((*vocabulary.QUESTIONS, SORE_THROAT))
    )
    vocabulary._with.cache_clear()
    yield
    vocabulary._with.cache_clear()


async def test_a_question_declared_once_is_asked_saved_checked_charted_and_exported(
    root, one_more_question
):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await skip_to(pilot, "sore_throat")
        said = screen_text(app)
        assert "Sore throat" in said and "0 = none, 10 = worst imaginable (higher is worse)" in said
        await press(pilot, "4", "enter")
        await finish(pilot)
    assert read_entry(root, TODAY)["symptoms"] == {"sore_throat": 4}
    write_entry(root, YESTERDAY, symptoms={"sore_throat": 12})  # not a 0-10 rating
    assert Store(root).read(YESTERDAY).status is Status.BROKEN

    summary = summary_of(root)
    assert summary.series["sore_throat"].values[-1] == 4
    assert summary.series["sore_throat"].label == "Sore throat (0-10, higher is worse)"
    row = csv_days(summary)[-1]
    assert row["symptoms.sore_throat"] == "4"
    figures = json_export.as_dict(summary)["metrics"]["answers"]["symptoms.sore_throat"]
    assert figures["label"] == "Sore throat" and figures["days"] == 1 and figures["max"] == 4
    # Its HTML chart, drawn from the registry like the trend view's.
    page = html.render(summary)
    assert "<title>Sore throat</title>" in page
    assert "<figcaption>Sore throat (0-10, higher is worse), daily" in page
    # Importable by its name from another tracker ("Sore Throat" in Bearable, Visible...).
    target = known_target("Sore Throat")
    assert target is not None and target.key == "symptoms.sore_throat"
    assert target.kind == "rating"


# -- 2. the user's own trackers ---------------------------------------------------------------


@pytest.fixture
def with_trackers(root: Path) -> Path:
    write_settings(root, TRACKERS)
    for back, (dizzy, rate, period) in enumerate(
        ((5, 70, False), (7, 81, True), (3, 64, False)), start=1
    ):
        write_entry(
            root,
            TODAY - timedelta(days=back),
            symptoms={"fatigue": 5},
            custom={"dizziness_standing": dizzy, "heart_rate": rate, "period": period},
        )
    return root


async def test_a_tracker_of_each_kind_end_to_end(with_trackers):
    root = with_trackers
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "6", "enter")
        ids = [s.id for s in app.screen.session.steps]
        # Asked after the built-in symptoms, before sleep.
        assert ids[6:9] == ["custom.dizziness_standing", "custom.heart_rate", "custom.period"]
        await skip_to(pilot, "custom.dizziness_standing")
        assert "Dizziness on standing" in screen_text(app)
        assert "(higher is worse)" in screen_text(app)
        await press(pilot, "8", "enter")
        assert "Resting heart rate" in screen_text(app)
        await type_text(pilot, "250")
        await press(pilot, "enter")  # out of the tracker's own limits: refused in words
        assert "from 30 to 220" in screen_text(app)
        await press(pilot, *["backspace"] * 3)
        await type_text(pilot, "76")
        await press(pilot, "enter")
        assert "Period" in screen_text(app)
        await press(pilot, "y", "enter")
        await finish(pilot)
    assert read_entry(root, TODAY)["custom"] == {
        "dizziness_standing": 8,
        "heart_rate": 76,
        "period": True,
    }

    host = HostApp(lambda: TrendsScreen(root, load_settings(root)[0], 7, today=TODAY))
    async with host.run_test(size=(100, 60)) as pilot:
        await wait_loaded(pilot)
        shown = static_text(host)
        assert (
            "Dizziness on standing (0-10, higher is worse): mean 5.8, range 3-8, 4 days answered"
        ) in shown
        assert "Resting heart rate (bpm): mean 72.8, range 64-81, 4 days answered" in shown
        assert "Period: yes on 2 of 4 answered days" in shown

    summary = summary_of(root)
    row = csv_days(summary)[-1]
    assert (row["custom.dizziness_standing"], row["custom.heart_rate"], row["custom.period"]) == (
        "8",
        "76",
        "1",
    )  # yes/no as 1/0, like every yes/no column
    answers = json_export.as_dict(summary)["metrics"]["answers"]
    assert answers["custom.dizziness_standing"]["mean"] == 5.75
    assert answers["custom.heart_rate"]["unit"] == "bpm"
    assert answers["custom.period"]["yes_days"] == [
        (TODAY - timedelta(days=2)).isoformat(),
        TODAY.isoformat(),
    ]
    md = markdown.render(summary)
    assert "- **Dizziness on standing:** mean 5.8 over 4 days, range 3-8" in md
    page = html.render(summary)
    assert "<strong>Resting heart rate:</strong> mean 72.8 bpm over 4 days" in page
    assert "<title>Dizziness on standing</title>" in page  # its own chart
    # A yes/no gets one too (the user guide promises a chart each): a strip of its days.
    strip = page[page.index("<title>Period</title>") :]
    strip = strip[: strip.index("</svg>")]
    assert "yes (tall bar)" in strip and "not answered" in strip
    assert strip.count('fill="#1f4e8c"/>') == 2  # two days answered yes


def test_trends_print_charts_the_trackers(with_trackers, capsys):
    from fatiguelog.cli import main

    code = main(["--data-dir", str(with_trackers), "trends", "--print", "--days", "7"])
    out = capsys.readouterr().out
    assert code == 0
    # The trend view's words (one chart section for both), the labels whole.
    assert (
        "Dizziness on standing (0-10, higher is worse): mean 5.0, range 3-7, 3 days answered"
        in out.replace("\n", " ")
    )  # the heading wraps at words
    assert "Resting heart rate (bpm): mean 71.7, range 64-81, 3 days answered" in out
    assert "Period: yes on 1 of 3 answered days (Mon 23 Nov)" in out
    assert "…" not in out


def test_a_removed_tracker_keeps_its_answers_and_is_shown_by_its_key(with_trackers):
    root = with_trackers
    write_settings(root, "")  # every tracker removed from settings
    before = (root / "entries" / "2026" / f"{YESTERDAY.isoformat()}.toml").read_bytes()
    summary = summary_of(root)
    answers = summary.answers
    assert answers["custom.dizziness_standing"].question.declared is False
    assert answers["custom.dizziness_standing"].days == 3
    assert answers["custom.period"].yes_days == (TODAY - timedelta(days=2),)
    assert csv_days(summary)[-2]["custom.dizziness_standing"] == "5"
    assert "dizziness\\_standing (not in your settings now)" in markdown.render(summary)
    assert (
        json_export.as_dict(summary)["metrics"]["answers"]["custom.heart_rate"]["in_settings"]
        is False
    )
    said, _missing = day_answers(Store(root).read(YESTERDAY).entry, Settings())
    assert ("dizziness_standing (not in your settings now)", "5") in said
    assert ("period (not in your settings now)", "no") in said
    # Nothing rewrote the file.
    assert (root / "entries" / "2026" / f"{YESTERDAY.isoformat()}.toml").read_bytes() == before


# -- 3. the crash day -----------------------------------------------------------------------


async def test_a_crash_day_is_shown_on_home_and_counted_in_summaries(root):
    write_entry(root, YESTERDAY, symptoms={"fatigue": 9, "crash": True})
    write_entry(root, TODAY - timedelta(days=2), symptoms={"fatigue": 5, "crash": False})
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#recent", DayTable)
        assert table.row(YESTERDAY.isoformat())[1] == "done, CRASH"
        assert table.row((TODAY - timedelta(days=2)).isoformat())[1] == "done"
    summary = summary_of(root)
    assert summary.crash is not None and summary.crash.yes_days == (YESTERDAY,)
    md = markdown.render(summary)
    assert "- **PEM crash days:** 1 (of 2 days answered)" in md
    assert f"- **PEM crash:** yes on 1 of 2 answered days ({YESTERDAY.isoformat()})" in md
    assert "PEM crash" in html.render(summary)


async def test_today_marked_as_a_crash_says_so(root):
    write_entry(root, TODAY, symptoms={"crash": True})
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "marked as a crash day" in screen_text(app)


def test_crash_must_be_yes_or_no(root):
    """A crash answer that isn't yes/no is a problem of that answer (see test_crash_typo.py):
    the day is read, the answer is left out, and `answer_issues` names it."""
    from fatiguelog import vocabulary
    from fatiguelog.validate import answer_issues

    root.mkdir(parents=True)
    path = root / "entries" / "2026" / f"{TODAY.isoformat()}.toml"
    path.parent.mkdir(parents=True)
    path.write_text(f'schema = 1\ndate = {TODAY.isoformat()}\n[symptoms]\ncrash = "yes"\n')
    read = Store(root).read(TODAY)
    assert read.status is Status.OK and read.entry is not None and not read.entry.crash
    issues = answer_issues(read.entry.doc, vocabulary.BUILT_IN)
    assert [path for _, path in issues] == [("symptoms", "crash")]
    assert "symptoms.crash must be true or false (found text)" in issues[0][0]
