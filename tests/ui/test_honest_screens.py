"""What the screens say is true: which day, whether it is checked in, DEMO, help, small
terminals, and text from files shown as data."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual.widgets import Input, TextArea

from fatiguelog.settings import Settings, Substance, save_settings
from fatiguelog.ui.screens.checkin import CheckinScreen
from fatiguelog.ui.screens.demo import BANNER, DemoBanner
from fatiguelog.ui.screens.dialogs import DayPicker, DoseForm, StoolForm
from fatiguelog.ui.screens.help import HelpScreen
from fatiguelog.ui.screens.home import HomeScreen
from tests.factories import write_settings

from .conftest import (
    TODAY,
    YESTERDAY,
    header,
    make_app,
    press,
    screen_text,
    type_text,
    wait_for_home,
    write_entry,
)
from .test_keyboard_trust import go_to

NASTY = "Slept \x1b]0;pwned\x07badly \u202eesrever\u202c ok"


# -- 5. honest status ---------------------------------------------------------------------


async def test_shell_logged_items_are_not_a_check_in(root):
    write_entry(
        root, TODAY, gi={"stools": [{"bristol": 4}, {"bristol": 5}], "no_bowel_movement": False}
    )
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        text = screen_text(app)
        assert "2 bowel movements logged, no check-in yet." in text
        assert "c Check in today" in str(app.screen.query_one("#home-actions").render())
        write_entry(root, TODAY, symptoms={"fatigue": 5})
        app.screen.load()
        await pilot.pause()
        assert "checked in. Press c to change it." in screen_text(app)


# -- 10. a day boundary --------------------------------------------------------------------


async def test_before_the_day_starts_the_check_in_is_for_the_day_before(root):
    root.mkdir(parents=True)
    write_settings(root, 'day_starts_at = "04:00"\n')
    app = make_app(root, now=datetime(2026, 11, 26, 1, 30))
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "c")
        assert isinstance(app.screen, CheckinScreen)
        assert "Wed 25 Nov 2026" in header(app)
        assert (
            "It is 01:30 and your day starts at 04:00, so this is still Wednesday 25 "
            "November's check-in."
        ) in screen_text(app)
        await press(pilot, "7", "enter", "escape", "escape")
        await press(pilot, "d")
        assert isinstance(app.screen, DayPicker)
        await type_text(pilot, "2026-11-26")  # the calendar's today: not yet
        await press(pilot, "enter")
        assert "that day hasn't happened yet" in screen_text(app)


# -- 7. demo ----------------------------------------------------------------------------


async def test_demo_says_so_on_every_screen_and_exports_stay_in_its_folder(
    tmp_path: Path, monkeypatch
):
    from fatiguelog import paths
    from fatiguelog.demo_history import generate

    def never(*_args, **_kwargs):
        raise AssertionError("the demo looked at the user's own exports folder")

    monkeypatch.setattr(paths, "exports_dir", never)
    root = tmp_path / "demo" / "data"
    generate(root, days=30, seed=3, end=TODAY)
    (root / paths.DEMO_MARKER).write_text("generated\n")
    app = make_app(root, demo=True)

    def banner_shown() -> bool:
        banners = list(app.screen.query(DemoBanner))
        return bool(banners) and banners[0].display and BANNER in banners[0].text

    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_home(pilot)
        assert banner_shown()
        for keys, kind in (
            (["c"], CheckinScreen),
            (["s"] * 10 + ["a"], StoolForm),
            (["escape", "question_mark"], HelpScreen),
        ):
            await press(pilot, *keys)
            assert isinstance(app.screen, kind)
            assert banner_shown(), kind
        await press(pilot, "escape", "escape")
        while not isinstance(app.screen, HomeScreen):
            await press(pilot, "escape")
        await press(pilot, "e")
        assert banner_shown()
        path_box = app.screen.query_one("#path", Input)
        assert path_box.value.startswith(str(tmp_path / "demo" / "exports"))
        await press(pilot, "ctrl+s")
        for _ in range(200):
            await pilot.pause(0.02)
            if app.screen.written is not None:
                break
        written = app.screen.written.paths[0]
        assert written.parent == tmp_path / "demo" / "exports"
        assert written.read_text().startswith("# DEMO appointment summary: generated data")
        # A folder of the user's is refused, and nothing is written there.
        mine = tmp_path / "mine"
        mine.mkdir()
        path_box.value = str(mine / "summary.md")
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert "only inside its own temporary folder" in str(
            app.screen.query_one("#export-status").render()
        )
        assert not list(mine.iterdir())
        await press(pilot, "escape")
        await press(pilot, "t")
        assert banner_shown()


# -- 8. text boxes are data -------------------------------------------------------------


async def test_text_from_files_reaches_no_text_box_with_controls(root):
    save_settings(root, Settings(substances=(Substance("kra\u202etom\x1b[31m", "g"),)))
    write_entry(
        root,
        YESTERDAY,
        notes=NASTY,
        intake=[
            {
                "substance": "tea\u202e\x1b]0;x\x07",
                "amount": 1,
                "unit": "cup",
                "form": "bag\u2066\x9b",
            }
        ],
    )
    app = make_app(root, start=("checkin", YESTERDAY, False))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await go_to(pilot, "notes")
        value = app.screen.query_one("#notes", TextArea).text
        assert value == "Slept ]0;pwnedbadly esrever ok"
        await press(pilot, "enter")  # untouched: kept as the file has it
        await go_to(pilot, "intake")
        await press(pilot, "c")
        assert isinstance(app.screen, DoseForm)
        shown = {box.id: box.value for box in app.screen.query(Input)}
        assert shown["substance"] == "tea]0;x" and shown["form"] == "bag"
        assert "kratom[31m" in screen_text(app)
        for text in (*shown.values(), screen_text(app)):
            assert not any(c in text for c in "\x1b\x07\x9b\u202e\u2066")


# -- 9. small terminals and help ------------------------------------------------------------


async def test_every_step_fits_60x20(root):
    app = make_app(root, start=("checkin", TODAY, False))
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        screen = app.screen
        for step in screen.session.steps:
            await go_to(pilot, step.id)
            text = header(app)
            assert text.endswith(f"of {screen.session.count}"), text
            head = screen.query_one("#step-header")
            assert len(text) <= head.size.width
            if step.kind == "rating":
                ten = screen.query_one("#rate-10")
                assert ten.region.right <= 60 and ten.region.bottom < 19  # above the footer
        await go_to(pilot, "stools")
        await press(pilot, "a")
        dialog = app.screen.query_one(".dialog")
        assert dialog.region.right <= 60 and dialog.region.bottom <= 19
        assert "Add a bowel movement" in screen_text(app)  # its title is on screen


async def test_help_lists_the_keys_of_the_screen_in_front(root):
    app = make_app(root)
    async with app.run_test(size=(60, 20)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Check in" in text and "Trends" in text and "Quit" in text
        await press(pilot, "escape", "c", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Skip" in text and "Next" in text
        assert "1 then 0 is 10" in text  # how this step is answered


async def test_our_actions_are_in_the_command_palette(root):
    app = make_app(root)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        names = {command.title for command in app.get_system_commands(app.screen)}
        assert {
            "Check in",
            "Quick",
            "Other day",
            "Trends",
            "Export",
            "Help",
            "Quit",
            "Light/dark",
        } <= names
        assert "Screenshot" not in names  # no file of health data in passing
        await press(pilot, "ctrl+p")
        await type_text(pilot, "Trends")
        await press(pilot, "enter")
        assert type(app.screen).__name__ == "TrendsScreen"
