"""The check-in as a user drives it: keys only, then the TOML file on disk is checked."""

from __future__ import annotations

import errno
import stat
from dataclasses import replace
from datetime import time

from fatiguelog import drafts
from fatiguelog.model import RED_ADVICE
from fatiguelog.settings import Settings, Substance, load_settings, save_settings
from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.dialogs import ResumeDialog
from fatiguelog.ui.screens.home import HomeScreen
from fatiguelog.ui.widgets.daytable import DayTable
from fatiguelog.ui.widgets.lines import Line
from tests.factories import put_entry

from .conftest import (
    TODAY,
    YESTERDAY,
    header,
    make_app,
    press,
    read_entry,
    screen_text,
    type_text,
    write_entry,
)


def user_substances(root, *substances: Substance) -> None:
    """Substances the user listed in settings (none are listed by default)."""
    save_settings(root, Settings(substances=substances))


async def test_full_checkin_with_keys_only(root):
    user_substances(root, Substance("kratom", "g", klass="opioid"))
    write_entry(
        root, YESTERDAY, intake=[{"substance": "kratom", "amount": 3, "unit": "g", "time": time(8)}]
    )
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "not checked in yet" in screen_text(app)
        await press(pilot, "c")
        assert isinstance(app.screen, CheckinScreen)
        assert header(app).endswith("Step 1 of 19")
        await press(pilot, "7", "enter")  # fatigue
        assert header(app).endswith("Step 2 of 19")
        await press(pilot, "5", "enter", "s", "t", "enter")  # pem 5, pain skipped, brain fog 10
        await press(pilot, "y", "enter")  # unrefreshing sleep
        await press(pilot, "n", "enter")  # not a crash day
        await type_text(pilot, "6.5")
        await press(pilot, "enter", "3", "enter", "6", "enter")  # hours, quality, exertion
        assert "Offered from Tue 24 Nov" in screen_text(app)
        await press(pilot, "a")  # add a dose to yesterday's
        await type_text(pilot, "Kratom")  # unit g filled in from settings
        await press(pilot, "tab")
        await type_text(pilot, "1.5")
        await press(pilot, "tab", "tab")  # to "form"
        await type_text(pilot, "capsules")
        await press(pilot, "tab")
        await type_text(pilot, "20:3")
        await press(pilot, "enter")  # bad time: the form stays open and says why
        assert "not a time" in screen_text(app)
        await press(pilot, "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "20:30")
        await press(pilot, "enter", "enter")
        assert header(app).endswith("Step 11 of 19")
        await press(pilot, "a", "2", "s", "i", "enter")  # stool type 2, straining, incomplete
        await press(pilot, "a", "4", "tab")
        await type_text(pilot, "07:15")
        await press(pilot, "enter", "l", "enter")  # second stool, laxative yes
        await press(pilot, "2", "enter", "s", "0", "enter")  # stomach pain, bloating skip, nausea 0
        await type_text(pilot, "3")
        await press(pilot, "enter")
        await type_text(pilot, "1200")
        await press(pilot, "enter")
        assert "Seek medical care" not in screen_text(app)
        await press(pilot, "n", "enter")  # red flags: none of these
        await type_text(pilot, "Slept badly")
        await press(pilot, "enter")
        review = screen_text(app)
        assert "Fatigue: 7 of 10" in review
        assert "Skipped (nothing written): Pain, Bloating" in review
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert "checked in" in screen_text(app)
    doc = read_entry(root, TODAY)
    assert doc["symptoms"] == {
        "fatigue": 7,
        "pem": 5,
        "brain_fog": 10,
        "unrefreshing_sleep": True,
        "crash": False,
    }
    assert doc["sleep"] == {"hours": 6.5, "quality": 3}
    assert doc["activity"] == {"exertion": 6}
    assert doc["intake"] == [  # timed doses first; the unit came from settings
        {
            "substance": "kratom",
            "amount": 1.5,
            "unit": "g",
            "form": "capsules",
            "time": time(20, 30),
        },
        {"substance": "kratom", "amount": 3, "unit": "g"},  # yesterday's, kept in the list
    ]
    assert doc["gi"]["stools"] == [
        {
            "time": time(7, 15),
            "bristol": 4,
            "straining": False,
            "incomplete": False,
            "blockage": False,
            "manual": False,
        },
        {"bristol": 2, "straining": True, "incomplete": True, "blockage": False, "manual": False},
    ]
    assert doc["gi"]["laxative"] is True and doc["gi"]["no_bowel_movement"] is False
    assert doc["gi"]["abdominal_pain"] == 2 and doc["gi"]["nausea"] == 0
    assert "bloating" not in doc["gi"] and "pain" not in doc["symptoms"]
    assert doc["diet"] == {"fiber_servings": 3, "water_ml": 1200}
    assert not any(doc["red_flags"].values())
    assert doc["notes"] == "Slept badly"
    path = root / "entries" / "2026" / "2026-11-25.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert drafts.load_draft(root, TODAY) is None  # removed after saving


async def test_quick_checkin_is_four_steps_then_saved(root):
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "q")
        assert header(app).startswith("Quick check-in") and header(app).endswith("Step 1 of 4")
        await press(pilot, "9", "enter")
        assert header(app).endswith("Step 2 of 4")
        assert "PEM crash" in screen_text(app)
        await press(pilot, "y", "enter")  # a crash day
        assert header(app).endswith("Step 3 of 4")
        await press(pilot, "n", "enter")  # no bowel movement today
        assert header(app).endswith("Step 4 of 4")
        await press(pilot, "1")  # blood in stool
        assert RED_ADVICE["blood_in_stool"] in screen_text(app)  # shown at once
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        assert RED_ADVICE["blood_in_stool"] in screen_text(app)
    doc = read_entry(root, TODAY)
    assert doc["symptoms"] == {"fatigue": 9, "crash": True}
    assert doc["gi"] == {"stools": [], "no_bowel_movement": True}
    assert doc["red_flags"]["blood_in_stool"] is True
    assert set(doc) == {"schema", "date", "updated", "symptoms", "gi", "red_flags"}


async def test_editing_keeps_answers_and_unknown_keys(root):
    write_entry(
        root,
        YESTERDAY,
        symptoms={"fatigue": 4, "pain": 2, "custom_scale": 5},
        gi={"stools": [{"bristol": 3, "colour": "brown"}], "no_bowel_movement": False},
        notes="old note",
        device={"steps": 1200},
    )
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "editing the saved day" in header(app)
        assert "Your answer: 4 of 10" in screen_text(app)  # filled in
        await press(pilot, "6", "enter")  # change fatigue only
        for _ in range(16):
            await press(pilot, "s")  # skip everything else...
        assert header(app).endswith("Step 18 of 19")
        await press(pilot, "ctrl+s")  # ...even in the notes box
        assert "Notes: old note (saved before, kept)" in screen_text(app)
        await press(pilot, "enter")
    doc = read_entry(root, YESTERDAY)
    assert doc["symptoms"] == {"fatigue": 6, "pain": 2, "custom_scale": 5}
    assert doc["gi"]["stools"] == [{"bristol": 3, "colour": "brown"}]
    assert doc["notes"] == "old note" and doc["device"] == {"steps": 1200}


async def test_home_shows_two_weeks_in_words(root):
    write_entry(
        root,
        YESTERDAY,
        symptoms={"fatigue": 8},
        gi={"stools": [{"bristol": 1}, {"bristol": 2}], "no_bowel_movement": False},
    )
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()  # the two weeks are read just after the first frame
        table = app.screen.query_one("#recent", DayTable)
        assert table.row_count == 14
        row = list(table.row(YESTERDAY.isoformat()))
        assert row[1:5] == ["done", "8", "-", "2 (type 1, 2)"]
        assert table.row(TODAY.isoformat())[1] == "not yet"
        assert app.screen.query_one("#home-flags")


async def test_conflict_merges_with_a_stool_logged_meanwhile(root):
    write_entry(root, TODAY, symptoms={"fatigue": 3}, notes="morning")
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "8", "enter", "s", "a", "4", "enter", "enter")
        # Meanwhile, in another terminal: `fatiguelog log stool 2 --time 06:00`
        from fatiguelog.model import Entry
        from fatiguelog.store import Store

        def add(entry: Entry) -> None:
            entry.doc.setdefault("gi", {}).setdefault("stools", []).append(
                {"bristol": 2, "time": time(6), "straining": True}
            )
            entry.doc["notes"] = "changed elsewhere"

        Store(root).update(TODAY, add)
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        message = screen_text(app)
        assert "changed on disk" in message and "1 bowel movement added elsewhere" in message
    doc = read_entry(root, TODAY)
    assert doc["symptoms"]["fatigue"] == 8  # the user's change wins
    assert [s["bristol"] for s in doc["gi"]["stools"]] == [2, 4]  # both kept, in time order
    assert doc["notes"] == "changed elsewhere"  # untouched here: disk wins


async def test_disk_error_keeps_the_draft_and_says_so(root, monkeypatch):
    import fatiguelog.store as store_module

    def full(path, data, **options):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "atomic_write", full)
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "5", "enter", "s", "n", "enter", "enter")
        assert isinstance(app.screen, CheckinScreen)
        assert "The disk is full" in screen_text(app)
        assert "kept as a draft" in screen_text(app)
    draft = drafts.load_draft(root, TODAY)
    assert draft is not None and draft.answers["fatigue"] == 5


async def test_broken_file_is_reported_and_not_written(root):
    path = put_entry(root, TODAY, "schema = 1\ndate = [broken\n")
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c")
        assert isinstance(app.screen, HomeScreen)
        assert "can't be read" in screen_text(app)
    assert path.read_text() == "schema = 1\ndate = [broken\n"


async def test_user_text_is_shown_literally(root):
    nasty = "[@click=app.quit]x[/] [bold]b[/] \x1b]0;title\x07end"
    save_settings(root, replace(Settings(), substances=()))
    write_entry(
        root,
        YESTERDAY,
        notes=nasty,
        intake=[{"substance": "[bold]K[/] [@click=app.quit]q[/]", "amount": 1, "unit": "g"}],
    )
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.session.move(
            screen.session.steps.index(next(s for s in screen.session.steps if s.id == "intake"))
        )
        await screen.show_step()
        await pilot.pause()
        options = screen.query_one("#items")
        shown = options.get_option_at_index(0).prompt
        assert "[bold]K[/] [@click=app.quit]q[/]" in str(shown)
        screen.session.move(screen.session.count - 1)  # review
        await screen.show_step()
        await pilot.pause()
        text = screen_text(app)
        assert "[@click=app.quit]x[/] [bold]b[/]" in text
        assert "\x1b" not in text and "\x07" not in text
        for line in screen.query(Line):
            assert not any(
                span.style and "@click" in str(span.style) for span in line.render().spans
            )
        await pilot.click("#review")  # clicking does not quit
        assert app.is_running
    assert load_settings(root)[0].substances == ()


async def test_theme_toggle_is_saved(root):
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "textual-dark"
        await press(pilot, "ctrl+t")
        assert app.theme == "textual-light"
    assert load_settings(root)[0].theme == "light"
    again = make_app(root)
    async with again.run_test(size=(80, 24)):
        assert again.theme == "textual-light"


async def test_esc_on_first_step_keeps_a_draft_offered_next_time(root):
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c", "6", "enter", "4", "escape", "escape", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert "unfinished" in screen_text(app)
        await press(pilot, "c")
        assert isinstance(app.screen, ResumeDialog)
        await press(pilot, "r")
        assert "Your answer: 6 of 10" in screen_text(app)
        await press(pilot, "enter")
        assert "Your answer: 4 of 10" in screen_text(app)


async def test_mouse_works_and_enter_takes_the_suggestion(root):
    user_substances(root, Substance("kratom", "g"), Substance("7-hydroxymitragynine", "mg"))
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#rate-8")
        assert "Your answer: 8 of 10" in screen_text(app)
        screen = app.screen
        screen.session.move([s.id for s in screen.session.steps].index("intake"))
        await screen.show_step()
        await pilot.pause()
        await pilot.click("#do-add")
        await pilot.pause()
        await type_text(pilot, "7-h")  # suggestion: 7-hydroxymitragynine (mg)
        await press(pilot, "tab")
        await type_text(pilot, "4")
        await press(pilot, "enter")
        prompt = screen.query_one("#items").get_option_at_index(0).prompt
        assert str(prompt) == "▶ 1. 7-hydroxymitragynine 4 mg"  # (picked: marked in words)
        screen.session.move([s.id for s in screen.session.steps].index("red_flags"))
        await screen.show_step()
        await pilot.pause()
        await pilot.click("#flag-fever")
        await pilot.pause()
        assert RED_ADVICE["fever"] in screen_text(app)
        assert screen.query_one("#flag-fever").label.plain == "6  Fever: YES"
        assert screen.session.answers["red_flags"]["fever"] is True


async def test_the_red_flag_step_gives_the_graded_advice_for_what_is_ticked(root):
    """Review of issue 10, item 6: blood or black stool got the weaker "contact your doctor or
    an urgent care service today" without "if bleeding is heavy or won't stop, call your
    emergency number"; and the boxes showed the same mark ticked or not (colour alone)."""
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "q", "9", "enter", "s", "n", "enter")  # to the red-flag step
        box = app.screen.query_one("#flag-black_stool")
        assert box.render().plain.startswith("▐ ▌")  # unticked: an empty box
        await press(pilot, "2")  # black or tarry stool
        assert box.render().plain.startswith("▐X▌")  # ticked: an X
        said = screen_text(app)
        assert (
            "Ask for an urgent GP appointment or call your urgent medical advice line "
            "today; if bleeding is heavy or won't stop, call your emergency number."
        ) in said
        assert "contact your doctor or an urgent care service" not in said
        await press(pilot, "2", "7")  # only weight loss
        said = screen_text(app)
        assert RED_ADVICE["unintended_weight_loss"] in said
        advice = app.screen.query_one("#seek-care", Line).render().plain
        assert advice == f"! {RED_ADVICE['unintended_weight_loss']}" and "today" not in advice
        await press(pilot, "4")  # and vomiting
        said = screen_text(app)
        assert "Seek medical care promptly, today." in said
        assert said.index("Seek medical care promptly") < said.index("See a GP soon")
        await press(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        said = screen_text(app)
        assert "Seek medical care promptly, today." in said and "See a GP soon" in said


async def test_all_skipped_on_a_new_day_writes_nothing(root):
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "q", "s", "s", "s", "s")
        assert isinstance(app.screen, HomeScreen)
        assert "not checked in yet" in screen_text(app)
    assert not (root / "entries" / "2026" / "2026-11-25.toml").exists()
    assert drafts.load_draft(root, TODAY) is None
