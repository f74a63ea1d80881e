"""The outside test of issue 9, at the keyboard: every answer exactly as given or refused in
words on screen, never another number; notes keep every character and line; `n` never removes;
help in dialogs; a stray Enter on home opens nothing.

Keys that arrive together (a paste, a fast typist, `tmux send-keys`) are sent with `burst`;
the real terminal is in test_real_terminal.py. Checked through the draft, the file and the words
on screen.
"""

from __future__ import annotations

from datetime import time

from textual.widgets import Input, TextArea

from fatiguelog import drafts
from fatiguelog.settings import Substance
from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.dialogs import ConfirmDialog, DoseForm, ResumeDialog, StoolForm
from fatiguelog.ui.screens.help import HelpScreen
from fatiguelog.ui.screens.home import HomeScreen
from tests.factories import run_cli

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
from .test_checkin_app import user_substances
from .test_keyboard_trust import answers, burst, go_to, paste


def draft_answers(root) -> dict:
    found = drafts.load_draft(root, TODAY)
    return {} if found is None else dict(found.answers)


def number_box(app) -> Input:
    return app.screen.query_one("#number", Input)


# -- 1. numbers are never silently falsified ------------------------------------------------


async def test_water_with_a_thousands_separator_or_litres_is_refused_not_rounded(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "water_ml")
        await burst(pilot, "1,500\r")
        assert header(app).endswith("Step 16 of 19")  # stayed on water
        assert "could mean 1.5 or 1500: type 1500 or 1.5" in screen_text(app)
        assert "water_ml" not in answers(app)
        await press(pilot, "ctrl+u")
        await burst(pilot, "1.5 l\r")
        assert "1.5 l is 1500 ml: type 1500" in screen_text(app)
        await press(pilot, "ctrl+u")
        await burst(pilot, "1.5\r")
        assert "1.5 ml looks like litres" in screen_text(app)
        assert "water_ml" not in answers(app)
        await press(pilot, "ctrl+u")
        await burst(pilot, "1500\r")
        assert header(app).endswith("Step 17 of 19")
        assert answers(app)["water_ml"] == 1500


async def test_a_dose_of_one_comma_thousand_is_refused_in_the_dialog(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "intake")
        await burst(pilot, ["a", *"paracetamol", "tab", *"1,000", "tab", "m", "g", "enter"])
        assert isinstance(app.screen, DoseForm)  # the form stays open
        assert "could mean 1 or 1000" in screen_text(app)
        amount = app.screen.query_one("#amount", Input)
        amount.value = "1000"
        await press(pilot, "enter")
        assert isinstance(app.screen, CheckinScreen)
        assert answers(app)["intake"] == [
            {"substance": "paracetamol", "amount": 1000, "unit": "mg"}
        ]


# -- 2. a refused or half-typed number never becomes the answer ------------------------------


async def test_a_refused_number_is_no_answer_on_disk_nor_after_resuming(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "6", "enter")
        await go_to(pilot, "sleep_hours")
        await type_text(pilot, "25")
        # Refused as soon as it is typed, and "2" (typed on the way) is not the answer.
        assert "Please give a number from 0 to 24." in screen_text(app)
        assert "sleep_hours" not in draft_answers(root)
        await press(pilot, "enter")
        assert header(app).endswith("Step 7 of 19")
        await press(pilot, "ctrl+q")  # the draft holds it all
        assert not app.is_running
    assert draft_answers(root) == {"fatigue": 6}
    again = make_app(root, start=("checkin", TODAY, False))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeDialog)
        await press(pilot, "r")
        assert header(again).endswith("Step 7 of 19")
        assert number_box(again).value == ""  # never "2"


async def test_units_are_refused_and_going_back_shows_no_prefix(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "sleep_hours")
        await burst(pilot, "450 min\r")
        assert "450 min is 7.5 hours: type 7.5" in screen_text(app)
        await press(pilot, "escape", "enter")
        assert header(app).endswith("Step 7 of 19")
        assert number_box(app).value == ""  # never "4"
        await burst(pilot, "7.5 hours\r")  # its own unit is fine
        assert answers(app)["sleep_hours"] == 7.5


async def test_s_skips_an_untouched_box_and_is_a_letter_once_typing(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "sleep_hours")
        await burst(pilot, "7 hours")  # not "7 hour" + skip
        assert header(app).endswith("Step 7 of 19")
        assert number_box(app).value == "7 hours"
        await press(pilot, "ctrl+s")
        assert header(app).endswith("Step 8 of 19")
        await press(pilot, "escape", "s")  # shown again: s skips
        assert header(app).endswith("Step 8 of 19")


# -- 4 and 12. notes keep every character and line -------------------------------------------


async def test_a_pasted_note_keeps_its_lines_and_tabs(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "notes")
        await paste(pilot, "slept badly\r\nsecond line:\t7,5 mg\r")  # as a terminal sends it
        assert app.screen.query_one("#notes", TextArea).text == (
            "slept badly\nsecond line:\t7,5 mg\n"
        )
        await press(pilot, "enter", "enter")  # on, and save
        assert isinstance(app.screen, HomeScreen)
    assert read_entry(root, TODAY)["notes"] == "slept badly\nsecond line:\t7,5 mg"


async def test_a_written_note_is_shown_with_its_lines_and_kept_when_added_to(root):
    note = "Bad night.\n\tWoke at 4, again at 6.\nGP on Friday"
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, notes=note)
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "notes")
        area = app.screen.query_one("#notes", TextArea)
        assert area.text == note and area.document.line_count == 3
        await press(pilot, "end")
        await type_text(pilot, " more")
        await press(pilot, "ctrl+j")
        await type_text(pilot, "new")
        await press(pilot, "tab")  # a tab typed is a tab
        await type_text(pilot, "line")
        await press(pilot, "enter", "enter")
        assert isinstance(app.screen, HomeScreen)
    assert read_entry(root, YESTERDAY)["notes"] == note + " more\nnew\tline"


async def test_a_note_with_controls_passed_through_is_written_back_untouched(root):
    nasty = "hi \x1b]0;pwned\x07 there \u202edesrever\u202c\nsecond\tline "
    write_entry(root, YESTERDAY, symptoms={"fatigue": 5}, notes=nasty)
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "7", "enter")  # change fatigue only
        await go_to(pilot, "notes")
        assert app.screen.query_one("#notes", TextArea).text == (
            "hi ]0;pwned there desrever\nsecond\tline "
        )  # shown without controls
        await press(pilot, "enter", "enter")
    doc = read_entry(root, YESTERDAY)
    assert doc["symptoms"]["fatigue"] == 7
    assert doc["notes"] == nasty  # byte for byte


async def test_a_dose_name_from_the_file_is_kept_when_only_the_amount_changes(root):
    name = "tea\u202e\x1b]0;x\x07"
    write_entry(
        root, YESTERDAY, intake=[{"substance": name, "amount": 1, "unit": "cup", "batch": "A"}]
    )
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "intake")
        await press(pilot, "c")
        amount = app.screen.query_one("#amount", Input)
        amount.value = "2"
        amount.focus()
        await press(pilot, "enter", "enter")  # save the dose, go on
        await go_to(pilot, "review")
        await press(pilot, "enter")
    assert read_entry(root, YESTERDAY)["intake"] == [
        {"substance": name, "amount": 2, "unit": "cup", "batch": "A"}
    ]


# -- 5. a rating is the number typed, or refused in words -------------------------------------


async def test_ratings_typed_quickly_are_never_another_number(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for typed in ("12", "30", "10.5", "7,5"):
            await burst(pilot, typed)
            text = screen_text(app)
            assert f"Typed: {typed}_" in text, typed
            assert "ratings go from 0 to 10" in text
            assert "fatigue" not in answers(app), typed  # nothing recorded
            await burst(pilot, "\r")
            assert header(app).endswith("Step 1 of 19")  # Enter can't go on
            await burst(pilot, ["backspace"] * len(typed))
        await burst(pilot, "10.5")
        await burst(pilot, ["backspace", "backspace"])  # corrects to "10"
        assert "Your answer: 10 of 10" in screen_text(app)
        await burst(pilot, "\r35")  # PEM: 35 is refused
        assert "Typed: 35_" in screen_text(app)
        await burst(pilot, ["backspace"])
        await burst(pilot, "\r")
        assert answers(app)["fatigue"] == 10 and answers(app)["pem"] == 3


async def test_a_pasted_rating_follows_the_same_rule(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await paste(pilot, "7,5")
        assert "Typed: 7,5_" in screen_text(app) and "fatigue" not in answers(app)
        await paste(pilot, " 8\n")
        assert "Your answer: 8 of 10" in screen_text(app)
        assert answers(app)["fatigue"] == 8


# -- 6. n never removes listed items ----------------------------------------------------------


async def test_n_on_listed_doses_removes_nothing(root):
    write_entry(
        root,
        YESTERDAY,
        intake=[{"substance": s, "amount": 1, "unit": "g"} for s in ("kratom", "tea", "fibre")],
    )
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "intake")
        await press(pilot, "n")
        assert "3 doses offered, not recorded yet." in screen_text(app)
        await press(pilot, "y", "enter")  # taken: all three
        assert [d["substance"] for d in answers(app)["intake"]] == ["kratom", "tea", "fibre"]
        await press(pilot, "escape")
        await press(pilot, "x", "x", "x", "n")  # emptied: n is "none"
        assert "Nothing taken today." in screen_text(app)
        await press(pilot, "enter")
        assert answers(app)["intake"] == []


# -- 9. home's message wraps, the red flag first ----------------------------------------------


async def check_merge_message_is_readable(root, size):
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await press(pilot, "6", "enter", "s", "n", "enter")  # on the red-flag step
        done = run_cli(root, "log", "stool", "4", "--date", TODAY.isoformat())
        assert done.returncode == 0, done.stderr
        done = run_cli(root, "log", "red-flag", "fever", "--date", TODAY.isoformat())
        assert done.returncode == 0, done.stderr
        await press(pilot, "enter")  # save
        assert isinstance(app.screen, HomeScreen)
        for _ in range(50):
            await pilot.pause()
        line = app.screen.query_one("#home-message")
        needed = line.get_content_height(line.size, app.size, line.content_region.width)
        assert line.content_region.height >= needed > 1  # every line shown
        text = line.text
        assert text.startswith("You reported a red flag (fever).")  # the red flag first
        assert "red flag 'fever' reported elsewhere" in text


async def test_the_merge_message_is_readable_at_80x24(root):
    await check_merge_message_is_readable(root, (80, 24))


async def test_the_merge_message_is_readable_at_60x20(root):
    await check_merge_message_is_readable(root, (60, 20))


# -- 14. smaller things ------------------------------------------------------------------------


async def test_help_opens_inside_every_dialog_with_its_keys(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "stools")
        await press(pilot, "a", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "Save" in screen_text(app) and "Cancel" in screen_text(app)
        assert "1-7: the Bristol type" in screen_text(app)
        assert "s straining, i felt incomplete" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, StoolForm)
        await press(pilot, "tab", "question_mark")  # from the time box too
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape", "escape")
        await go_to(pilot, "intake")
        await press(pilot, "a", "f1")  # the substance box: F1
        assert isinstance(app.screen, HelpScreen)
        assert "Enter in Substance takes the suggestion" in screen_text(app)
        await press(pilot, "escape", "tab", "question_mark")  # the amount box: ? too
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert app.screen.query_one("#amount", Input).value == ""  # no "?" typed in it


async def test_help_in_a_confirm_dialog(root):
    from fatiguelog.drafts import Draft, save_draft

    save_draft(root, Draft(TODAY, False, "pem", {"fatigue": 7}))
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c", "x")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmDialog)


async def test_enter_in_the_substance_box_takes_the_suggestion_and_goes_on(root):
    user_substances(root, Substance("kratom", "g"))
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "intake")
        await burst(pilot, ["a", *"kra", "enter", *"2,5", "enter"])
        assert isinstance(app.screen, CheckinScreen)
        assert answers(app)["intake"] == [{"substance": "kratom", "amount": 2.5, "unit": "g"}]


async def test_a_time_typed_0740_is_kept(root):
    app = make_app(root, start=("checkin", TODAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "s", "s")
        await burst(pilot, ["a", "4", "tab", *"0740", "enter"])
        assert isinstance(app.screen, CheckinScreen)
        assert answers(app)["stools"]["stools"][0]["time"] == time(7, 40)


async def test_a_stray_enter_after_saving_opens_no_day(root):
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "q")
        await burst(pilot, ["5", "enter", "s", "n", "enter", "enter", "enter"])  # save, then ⏎
        assert isinstance(app.screen, HomeScreen)
        assert len(app.screen_stack) == 1
        assert read_entry(root, TODAY)["symptoms"] == {"fatigue": 5}
        await press(pilot, "down", "down", "enter")  # picking a day works
        assert isinstance(app.screen, CheckinScreen)
        assert app.screen.session.day == YESTERDAY
