"""Every answer exactly as given, and no key that destroys (issue: trust at the keyboard).

`burst` posts several keys to the app at once, as a paste, a fast typist or a slow SSH link
delivers them (they all wait in the app's queue before the first is handled). The files on
disk and the words on screen are checked, as a user would.
"""

from __future__ import annotations

from datetime import time

from textual import events
from textual.widgets import Footer, Input

from fatiguelog import drafts
from fatiguelog.drafts import Draft, save_draft
from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.dialogs import ConfirmDialog, ResumeDialog, StoolForm
from fatiguelog.ui.screens.home import HomeScreen
from tests.factories import run_cli

from .conftest import TODAY, header, make_app, press, read_entry, screen_text, write_entry

#: Key names Textual gives the characters typed here.
NAMES = {".": "full_stop", ":": "colon", ",": "comma", " ": "space", "\r": "enter"}


async def settle(pilot) -> None:
    """Wait (by polling, never a fixed sleep) until every posted key has been handled."""
    for _ in range(500):
        await pilot.pause()
        if not pilot.app.keys_pending:
            await pilot.pause()
            return
    raise AssertionError("keys were never all handled")


async def burst(pilot, keys: list[str] | str) -> None:
    """Post `keys` to the app all at once, then wait until they are handled."""
    for key in keys:
        name = NAMES.get(key, key)
        char = {"enter": "\r", "escape": "\x1b", "tab": "\t"}.get(
            name, key if len(key) == 1 else None
        )
        pilot.app.post_message(events.Key(name, char))
    await settle(pilot)


async def paste(pilot, text: str) -> None:
    pilot.app.post_message(events.Paste(text))
    await settle(pilot)


async def go_to(pilot, step_id: str) -> None:
    screen = pilot.app.screen
    screen.session.move([s.id for s in screen.session.steps].index(step_id))
    await screen.show_step()
    await pilot.pause()


def answers(app) -> dict:
    return next(s for s in app.screen_stack if isinstance(s, CheckinScreen)).session.answers


# -- 1. numbers as typed ------------------------------------------------------------------


async def test_one_then_zero_is_ten_and_a_lone_one_is_one(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "1")
        assert "Typing: 1_" in screen_text(app)  # the screen shows what is typed
        await press(pilot, "0")
        assert "Your answer: 10 of 10" in screen_text(app)
        await press(pilot, "enter", "1", "enter")  # fatigue 10; PEM a lone 1
        await press(pilot, "1", "5", "enter")  # pain: 15 is refused, never 5
        assert "Typed: 15_" in screen_text(app)
        await press(pilot, "backspace", "backspace", "5", "enter")
        assert answers(app)["fatigue"] == 10
        assert answers(app)["pem"] == 1
        assert answers(app)["pain"] == 5


async def test_keys_typed_together_are_all_kept(root):
    """Sent together, "10⏎", "7.5⏎" and a time typed in a dialog land where they were typed."""
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, ["1", "0", "enter", "3", "enter"])  # fatigue 10, PEM 3
        await go_to(pilot, "sleep_hours")
        await burst(pilot, "7.5\r8\r")  # hours 7.5, quality 8
        assert header(app).endswith("Step 9 of 19")
        await go_to(pilot, "stools")
        await burst(pilot, ["a", "4", "s", "tab", *"07:15", "enter", "s"])  # add, then skip
        assert header(app).endswith("Step 12 of 19")
        doc_answers = answers(app)
    assert doc_answers["fatigue"] == 10 and doc_answers["pem"] == 3
    assert doc_answers["sleep_hours"] == 7.5 and doc_answers["quality"] == 8
    stool = doc_answers["stools"]["stools"][0]
    assert stool["bristol"] == 4 and stool["straining"] is True
    assert stool["time"] == time(7, 15)


async def test_a_pasted_number_rating_and_time_are_kept(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await paste(pilot, "10")  # onto a rating
        assert "Your answer: 10 of 10" in screen_text(app)
        await go_to(pilot, "sleep_hours")
        await paste(pilot, " 7.5\n")  # as copied from a note
        assert app.screen.query_one("#number", Input).value == "7.5"
        await press(pilot, "enter")
        await go_to(pilot, "stools")
        await press(pilot, "a", "3", "tab")
        await paste(pilot, "21:05")
        await press(pilot, "enter")
        assert isinstance(app.screen, CheckinScreen)
        assert answers(app)["sleep_hours"] == 7.5
        assert answers(app)["fatigue"] == 10
        assert answers(app)["stools"]["stools"][0]["time"] == time(21, 5)


# -- 2. no key destroys -----------------------------------------------------------------


async def test_skip_keeps_the_stools_listed_and_says_so(root):
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "s", "s", "a", "2", "enter", "a", "5", "enter", "s")
        assert "Skipped, and kept the 2 bowel movements you listed." in screen_text(app)
        await press(pilot, "enter")  # red flags: none; saved
        assert isinstance(app.screen, HomeScreen)
    assert [s["bristol"] for s in read_entry(root, TODAY)["gi"]["stools"]] == [2, 5]


async def test_remove_then_undo_brings_the_stool_back(root):
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "s", "s", "a", "2", "enter", "a", "6", "enter")
        screen = app.screen
        assert "u" not in screen.active_bindings  # nothing to undo yet
        await press(pilot, "x")  # removes the highlighted (6)
        assert "Removed: type 6" in screen_text(app)
        assert screen.active_bindings["u"].binding.description == "Undo"  # in the footer
        await press(pilot, "u")
        assert "Undone" in screen_text(app)
        await press(pilot, "enter", "enter")
    assert [s["bristol"] for s in read_entry(root, TODAY)["gi"]["stools"]] == [2, 6]


async def test_n_on_a_dose_list_removes_nothing(root):
    """`n` is "no" and never removes (as on the bowel-movement step): x removes, u undoes."""
    write_entry(root, TODAY, intake=[{"substance": "kratom", "amount": 2, "unit": "g"}])
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "intake")
        await press(pilot, "n")
        assert "1 dose listed." in screen_text(app)
        await press(pilot, "x")
        assert "Removed: kratom 2 g. u puts it back." in screen_text(app)
        await press(pilot, "u")
        assert "1 dose listed." in screen_text(app)


async def test_n_in_the_resume_dialog_keeps_the_draft(root):
    save_draft(root, Draft(TODAY, False, "pem", {"fatigue": 7}))
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c")
        assert isinstance(app.screen, ResumeDialog)
        await press(pilot, "n")  # "no": not now
        assert isinstance(app.screen, HomeScreen)
    kept = drafts.load_draft(root, TODAY)
    assert kept is not None and kept.answers == {"fatigue": 7}  # the answer, not only a file


async def test_start_over_asks_first(root):
    save_draft(root, Draft(TODAY, False, "pem", {"fatigue": 7}))
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c", "x")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Drop the 1 answer of this" in screen_text(app)
        await press(pilot, "n")  # no: back to the offer
        assert isinstance(app.screen, ResumeDialog)
        kept = drafts.load_draft(root, TODAY)
        assert kept is not None and kept.answers == {"fatigue": 7}
        await press(pilot, "x", "y")  # yes: start over
        assert isinstance(app.screen, CheckinScreen)
        assert "Your answer: not given yet" in screen_text(app)
    assert drafts.load_draft(root, TODAY) is None  # dropped, and nothing answered since


async def test_keys_in_a_dialog_never_reach_the_screen_behind(root):
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "s", "s", "a", "2", "enter")  # one stool listed
        behind = app.screen
        await press(pilot, "a")
        assert isinstance(app.screen, StoolForm)
        # The footer on screen is the dialog's, with the dialog's keys.
        assert app.screen.query_one(Footer)
        shown = {
            b.binding.description for b in app.screen.active_bindings.values() if b.binding.show
        }
        assert "Save" in shown and "Skip" not in shown and "Next" not in shown
        await press(pilot, "escape")
        # Typed together: open the dialog, keys meant for it, cancel it.
        await burst(pilot, ["a", "x", "l", "n", "u", "escape"])
        assert app.screen is behind
        assert header(app).endswith("Step 3 of 4")  # nothing skipped behind
        value = app.screen.view().value()
        assert [s["bristol"] for s in value["stools"]] == [2]  # nothing removed or added
        assert "laxative" not in value


async def test_ctrl_q_asks_when_answers_are_on_no_disk(root, monkeypatch):
    import errno

    import fatiguelog.drafts as drafts_module
    import fatiguelog.store as store_module

    def full(path, data, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write", full)
    monkeypatch.setattr(drafts_module, "atomic_write", full)
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "5", "enter", "s", "n", "enter", "enter")  # try to save
        assert isinstance(app.screen, CheckinScreen)  # the answers stay on screen
        text = screen_text(app)
        assert "Not saved: The disk is full" in text
        assert "only on this screen" in text and "kept as a draft" not in text
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert isinstance(app.screen, CheckinScreen) and app.is_running
        assert app.screen.session.answers["fatigue"] == 5
        await press(pilot, "ctrl+q", "y")
    assert not app.is_running
    assert not (root / "entries").exists() or not list((root / "entries").rglob("*.toml"))


# -- 3. merges keep safety answers ------------------------------------------------------


async def test_a_red_flag_logged_from_the_shell_meanwhile_is_kept(root):
    from fatiguelog.model import RED_ADVICE

    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "6", "enter", "s", "n", "enter")  # on the red-flag step: none
        # Meanwhile, in another terminal:
        done = run_cli(root, "log", "red-flag", "fever", "--date", TODAY.isoformat())
        assert done.returncode == 0, done.stderr
        await press(pilot, "n", "enter")  # save "none of these"
        assert isinstance(app.screen, HomeScreen)
        message = screen_text(app)
        assert "red flag 'fever' reported elsewhere" in message
        assert RED_ADVICE["fever"] in message
    doc = read_entry(root, TODAY)
    assert doc["red_flags"]["fever"] is True
    assert doc["red_flags"]["vomiting"] is False and doc["symptoms"] == {"fatigue": 6}
