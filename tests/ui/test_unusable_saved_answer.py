"""Outside test of issue 13/15 (plain mode and trackers): an answer saved outside its scale (a
hand-typed 12 on a 0-10 rating, 500 where the tracker's highest is 220, "yes" typed as text)
was offered again by both check-ins as the answer to keep ("Saved before: 12 of 10; Enter
keeps it") and saved again without a word. It is now said as not usable, with why, and never
offered: the step starts unanswered, and going on leaves the file's value as it is (nothing is
ever destroyed); an answer typed replaces it.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from textual.widgets import Input

from fatiguelog import checkin, vocabulary
from fatiguelog.cli.plain import run_plain
from fatiguelog.model import Entry
from fatiguelog.settings import Settings, Tracker, save_settings

from .conftest import YESTERDAY, make_app, press, read_entry, skip_to, write_entry
from .test_checkin_app import screen_text
from .test_enter_invents_nothing import Terminal, enter_through

TRACKERS = (
    Tracker("dizzy", "Dizziness on standing", "rating"),
    Tracker("resting_hr", "Resting heart rate", "number", unit="bpm", minimum=30, maximum=220),
)


def with_trackers(root: Path) -> None:
    save_settings(root, Settings(trackers=TRACKERS))


def test_the_step_knows_a_value_it_cannot_use():
    questions = vocabulary.with_trackers(TRACKERS)
    steps = {s.id: s for s in checkin.all_steps(questions)}
    entry = Entry(
        YESTERDAY, {"schema": 1, "date": YESTERDAY, "custom": {"dizzy": 12, "resting_hr": 500}}
    )
    dizzy, heart = steps["custom.dizzy"], steps["custom.resting_hr"]
    assert checkin.current_value(dizzy, entry) is None
    assert checkin.unusable(dizzy, entry) == "12 (outside 0-10)"
    assert checkin.current_value(heart, entry) is None
    assert checkin.unusable(heart, entry) == "500 (outside 30-220)"
    fine = Entry(YESTERDAY, {"schema": 1, "date": YESTERDAY, "custom": {"dizzy": 4}})
    assert checkin.current_value(dizzy, fine) == 4 and checkin.unusable(dizzy, fine) == ""


async def test_the_app_says_a_saved_rating_of_12_is_not_usable_and_keeps_it(root: Path):
    with_trackers(root)
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, custom={"dizzy": 12, "resting_hr": 500})
    async with make_app(root, start=("checkin", YESTERDAY, False)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await skip_to(pilot, "custom.dizzy")
        text = screen_text(pilot.app)
        assert "12 of 10" not in text
        assert "Saved before: 12, which can't be used (outside 0-10)" in text
        assert "Your answer: not given yet" in text
        await press(pilot, "enter")
        assert pilot.app.screen.session.step.id == "custom.resting_hr"
        text = screen_text(pilot.app)
        assert "Saved before: 500, which can't be used (outside 30-220)" in text
        assert pilot.app.screen.query_one("#number", Input).value == ""  # not offered
        review = await enter_through(pilot)
    assert (
        "Dizziness on standing: 12 (outside 0-10) saved before, not usable: left as it is" in review
    )
    assert read_entry(root, YESTERDAY)["custom"] == {"dizzy": 12, "resting_hr": 500}


async def test_an_answer_typed_replaces_the_unusable_one(root: Path):
    with_trackers(root)
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, custom={"dizzy": 12})
    async with make_app(root, start=("checkin", YESTERDAY, False)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await skip_to(pilot, "custom.dizzy")
        await press(pilot, "4", "enter")
        await enter_through(pilot)
    assert read_entry(root, YESTERDAY)["custom"] == {"dizzy": 4}


def test_plain_mode_says_it_is_not_usable_and_enter_keeps_the_file(root: Path):
    with_trackers(root)
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, custom={"dizzy": 12, "resting_hr": 500})
    out = io.StringIO()
    args = argparse.Namespace(date=YESTERDAY.isoformat(), quick=False, plain=True)
    assert run_plain(args, root, stdin=Terminal("\n" * 40 + "y\n"), stdout=out) == 0
    said = out.getvalue()
    assert "12 of 10" not in said
    assert (
        "Saved before: 12, which can't be used (outside 0-10); type an answer, or Enter "
        "leaves the file as it is."
    ) in said
    assert "Saved before: 500, which can't be used (outside 30-220)" in said
    assert (
        "Dizziness on standing: 12 (outside 0-10) saved before, not usable: left as it is" in said
    )
    assert read_entry(root, YESTERDAY)["custom"] == {"dizzy": 12, "resting_hr": 500}
