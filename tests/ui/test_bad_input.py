"""Bad values typed in the check-in get a clear message on screen and lose nothing."""

from __future__ import annotations

from fatiguelog import drafts
from fatiguelog.ui.widgets.lines import Line

from .conftest import TODAY, make_app, press, type_text


def error_text(app) -> str:
    """What the step says is wrong (under the box), and what the screen says (disk errors)."""
    said = [app.screen.query_one("#step-error", Line).render().plain]
    said += [
        line.render().plain
        for line in app.screen.query("#number-problem").results(Line)
        if line.display
    ]
    return " ".join(text for text in said if text)


def header(app) -> str:
    return app.screen.query_one("#step-header", Line).render().plain


async def test_sleep_hours_out_of_range_is_refused_in_words(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "7", "enter", *["s"] * 5)  # fatigue, then skip to sleep
        assert header(app).endswith("Step 7 of 19")
        await type_text(pilot, "25")
        await press(pilot, "enter")
        assert header(app).endswith("Step 7 of 19")  # stayed on the question
        assert "0 to 24" in error_text(app)
        draft = drafts.load_draft(root, TODAY)
        assert draft is not None and draft.answers.get("fatigue") == 7  # nothing lost
        await press(pilot, "backspace", "backspace")
        await type_text(pilot, "7.5")
        await press(pilot, "enter")
        assert header(app).endswith("Step 8 of 19")
        assert error_text(app) == ""


async def test_a_dose_of_zero_is_refused_and_the_form_stays_open(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, *["s"] * 9)  # to the intake step
        assert header(app).endswith("Step 10 of 19")
        await press(pilot, "a")
        await type_text(pilot, "kratom")
        await press(pilot, "tab")
        await type_text(pilot, "0")
        await press(pilot, "tab")
        await type_text(pilot, "g")
        await press(pilot, "enter")
        shown = " ".join(line.render().plain for line in app.screen.query(Line))
        assert "above 0" in shown
        await press(pilot, "escape", "escape")  # cancel the form, leave the check-in
    # the day was never written with a bad dose
    assert not (root / "entries").exists() or not list((root / "entries").rglob("*.toml"))


async def test_the_chosen_answer_is_marked_in_text(root):
    from textual.widgets import Button

    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "s", "s", "s", "s", "y")  # to "unrefreshing sleep", answer yes
        yes = app.screen.query_one("#yes", Button)
        assert str(yes.label) == "[y  Yes]"
        assert str(app.screen.query_one("#no", Button).label) == "n  No"


async def test_a_past_day_is_asked_about_that_day_not_today(root):
    from fatiguelog.ui.widgets.lines import Line

    from .conftest import YESTERDAY

    app = make_app(root, start=("checkin", YESTERDAY, True))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "s")  # to the bowel movements
        shown = " ".join(line.render().plain for line in app.screen.query(Line))
        assert "that day" in shown and "today" not in shown
