"""Outside test of issue 13, finding 6 (trust: "never falsifies an answer"): walking through a
check-in with Enter writes only what the user answered.

Editing a past day from the day view and pressing Enter through the steps wrote `intake = []`
("nothing taken") and every red flag `false` for a day whose file had no answer to either:
answers the user never gave. Enter on a step the user did not change now leaves it as the file
has it (not answered stays not answered); an explicit answer (`n` "nothing taken", `n` "none of
these" on the red flags, `y` taking the offered doses) is written. The same holds for a new
check-in, the quick check-in and plain mode.
"""

from __future__ import annotations

import argparse
import io
from datetime import date, time
from pathlib import Path

from fatiguelog.cli.plain import run_plain
from fatiguelog.model import RED_FLAGS
from fatiguelog.paths import entry_path
from fatiguelog.store import Store
from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.day import DayScreen

from .conftest import (
    TODAY,
    YESTERDAY,
    make_app,
    press,
    read_entry,
    skip_to,
    wait_for_home,
    write_entry,
)
from .test_checkin_app import screen_text
from .test_past_days import pick_day

EARLIER = date(2026, 11, 22)
DOSE = {"substance": "kratom", "amount": 3, "unit": "g", "time": time(8)}


def without_updated(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "updated"}


async def enter_through(pilot) -> str:
    """Enter on every step, the review included (which saves); the review's text."""
    review = ""
    for _ in range(40):
        if not isinstance(pilot.app.screen, CheckinScreen):
            return review
        if pilot.app.screen.session.step.kind == "review":
            review = screen_text(pilot.app)
        await press(pilot, "enter")
    raise AssertionError("the check-in never ended")


async def test_enter_through_an_edit_from_the_day_view_invents_nothing(root: Path):
    write_entry(root, EARLIER, intake=[DOSE])  # doses that can be offered
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, sleep={"hours": 7})
    before = without_updated(read_entry(root, YESTERDAY))
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await pick_day(pilot, YESTERDAY)
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, DayScreen)
        await press(pilot, "enter")  # change this day: the check-in, filled in
        assert isinstance(pilot.app.screen, CheckinScreen)
        review = await enter_through(pilot)
    assert "Intake" in review.split("Skipped (nothing written):")[1]
    assert "Red flags" in review.split("Skipped (nothing written):")[1]
    assert "Fatigue: 5 of 10 (saved before, kept)" in review
    assert without_updated(read_entry(root, YESTERDAY)) == before


def notifications(pilot, monkeypatch) -> list[str]:
    """What the app says in toasts from now on."""
    said: list[str] = []
    monkeypatch.setattr(pilot.app, "notify", lambda message, **_: said.append(message))
    return said


async def test_enter_through_a_new_check_in_saves_nothing(root: Path, monkeypatch):
    write_entry(root, YESTERDAY, intake=[DOSE])  # offered as today's
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        said = notifications(pilot, monkeypatch)
        await press(pilot, "c")
        await enter_through(pilot)
    assert "Nothing was answered, so nothing was saved." in said
    assert not entry_path(root, TODAY).exists()


async def test_enter_through_the_quick_check_in_saves_nothing(root: Path):
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "q")
        assert pilot.app.screen.session.count == 4
        await enter_through(pilot)
    assert not entry_path(root, TODAY).exists()


async def test_enter_keeps_a_red_flag_logged_alone_as_it_is(root: Path):
    """`log red-flag fever` writes one key: Enter through an edit does not add six "no"s."""
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, red_flags={"fever": True})
    async with make_app(root, start=("checkin", YESTERDAY, False)).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await enter_through(pilot)
    assert read_entry(root, YESTERDAY)["red_flags"] == {"fever": True}


async def test_explicit_answers_are_written(root: Path):
    """`n` on the doses (nothing taken), `n` on the bowel movements (none), `n` on the red
    flags (none of these): each is an answer, and written."""
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "c")
        await skip_to(pilot, kind="intake")
        assert "Nothing listed yet" in screen_text(pilot.app)
        await press(pilot, "n")
        assert "Nothing taken today" in screen_text(pilot.app)
        await press(pilot, "enter")
        await press(pilot, "n", "enter")  # bowel movements: none today
        await skip_to(pilot, kind="red_flags")
        assert "Your answer: not given yet" in screen_text(pilot.app)
        await press(pilot, "n")
        assert "Your answer: none of these" in screen_text(pilot.app)
        await press(pilot, "enter")
        await enter_through(pilot)
    doc = read_entry(root, TODAY)
    assert doc["intake"] == []
    assert doc["gi"] == {"stools": [], "no_bowel_movement": True}
    assert doc["red_flags"] == dict.fromkeys(RED_FLAGS, False)


async def test_n_on_red_flags_never_unchecks_one(root: Path, monkeypatch):
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        said = notifications(pilot, monkeypatch)
        await press(pilot, "c")
        await skip_to(pilot, kind="red_flags")
        await press(pilot, "6", "n")  # fever, then n: refused, fever stays checked
        assert any("uncheck it first" in line for line in said)
        await press(pilot, "enter")
        await enter_through(pilot)
    assert read_entry(root, TODAY)["red_flags"]["fever"] is True


async def test_offered_doses_are_taken_with_y_only(root: Path):
    write_entry(root, YESTERDAY, intake=[DOSE])
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "c")
        await press(pilot, "7", "enter")  # fatigue: an answer, so the day is saved
        await skip_to(pilot, kind="intake")
        text = screen_text(pilot.app)
        assert "Offered from Tue 24 Nov" in text and "y takes them" in text
        assert "not recorded" in text
        await press(pilot, "enter")  # Enter alone: the offer is not taken
        await press(pilot, "escape")
        await press(pilot, "y")
        assert "1 dose listed" in screen_text(pilot.app)
        await press(pilot, "enter")
        await enter_through(pilot)
    assert read_entry(root, TODAY)["intake"] == [{"substance": "kratom", "amount": 3, "unit": "g"}]


async def test_offered_doses_left_alone_are_not_written(root: Path):
    write_entry(root, YESTERDAY, intake=[DOSE])
    async with make_app(root).run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        await press(pilot, "c")
        await press(pilot, "7", "enter")
        await enter_through(pilot)
    doc = read_entry(root, TODAY)
    assert doc["symptoms"] == {"fatigue": 7}
    assert "intake" not in doc and "red_flags" not in doc


# --- plain mode: an empty line is Enter ----------------------------------------------------


class Terminal(io.StringIO):
    """Typed at a terminal (an empty line on the summary is asked again, not a stop)."""

    def isatty(self) -> bool:
        return True


def plain_run(root: Path, day: date, typed: str, quick: bool = False) -> str:
    out = io.StringIO()
    args = argparse.Namespace(date=day.isoformat(), quick=quick, plain=True)
    code = run_plain(args, root, stdin=Terminal(typed), stdout=out)
    assert code == 0, out.getvalue()
    return out.getvalue()


def test_plain_enter_through_an_edit_invents_nothing(root: Path):
    write_entry(root, EARLIER, intake=[DOSE])
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, red_flags={"fever": True})
    before = without_updated(read_entry(root, YESTERDAY))
    said = plain_run(root, YESTERDAY, "\n" * 30 + "y\n")
    assert "Saved your check-in" in said
    assert without_updated(read_entry(root, YESTERDAY)) == before


def test_plain_enter_through_a_new_and_a_quick_check_in_saves_nothing(root: Path):
    write_entry(root, YESTERDAY, intake=[DOSE])  # offered
    said = plain_run(root, TODAY, "\n" * 30)
    assert "Nothing was answered, so nothing was saved." in said
    said = plain_run(root, TODAY, "\n" * 10, quick=True)
    assert "Nothing was answered, so nothing was saved." in said
    assert not Store(root).exists(TODAY)


def test_plain_end_of_input_at_a_terminal_ends_the_prompt_line(root: Path):
    """Ctrl-D at a terminal echoes no line break: the message about the draft must not be
    glued to the prompt ("Rating 0-10: fatiguelog: Input ended...")."""
    import pytest

    from fatiguelog.cli import UserError

    out = io.StringIO()
    args = argparse.Namespace(date=YESTERDAY.isoformat(), quick=True, plain=True)
    with pytest.raises(UserError, match="Input ended"):
        run_plain(args, root, stdin=Terminal("7\n"), stdout=out)
    assert out.getvalue().endswith("y or n. \n"), out.getvalue()[-80:]
