"""Keys typed for one box never act elsewhere on the export screen (outside test of issue 12,
finding 4): a patient typed "Hello doctor" on opening the screen (nothing appeared), pressed
Enter (an export started, "already there"), went on typing "my problem" and the "r" replaced
the file. The discuss box now has the focus when the screen opens, Enter in a box never
exports, and the replace question takes no letters: replacing needs a deliberate move to
its button."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Input, RadioButton, TextArea

from fatiguelog.settings import Settings
from fatiguelog.ui.screens.export import ExportScreen, ReplaceDialog
from tests.ui_trends.histories import TODAY
from tests.ui_trends.hostapp import HostApp

SIZE = (80, 24)
OLD = "last month's summary\n"


def host(root: Path, folder: Path) -> HostApp:
    return HostApp(lambda: ExportScreen(root, Settings(), today=TODAY, exports_folder=folder))


def existing(folder: Path) -> Path:
    """The default file of the screen's default period, already there."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "fatiguelog-summary-2026-08-28-to-2026-11-25.md"
    target.write_text(OLD)
    return target


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.25)


async def test_typing_on_opening_goes_into_the_discuss_box(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        box = app.screen.query_one("#discuss", TextArea)
        assert app.screen.focused is box
        await pilot.press(*"Hello doctor")
        await pilot.pause()
        assert box.text == "Hello doctor"


async def test_enter_in_the_discuss_box_is_a_new_line_not_an_export(
    warn_root: Path, tmp_path: Path
) -> None:
    target = existing(tmp_path)
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"Hello doctor", "enter", *"my problem is the kratom")
        await settle(pilot)
        assert not isinstance(app.screen, ReplaceDialog)
        assert app.screen.query_one("#discuss", TextArea).text == (
            "Hello doctor\nmy problem is the kratom"
        )
        assert target.read_text() == OLD


async def test_letters_typed_into_the_replace_question_never_replace(
    warn_root: Path, tmp_path: Path
) -> None:
    """The tester's keys: a question pops up while typing; "r", "n", "y" and Enter do not
    replace the file (Enter keeps it, the safe button has the focus)."""
    target = existing(tmp_path)
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.press(*"my problem yes r")
        await settle(pilot)
        assert target.read_text() == OLD
        assert isinstance(app.screen, ReplaceDialog)  # letters are not an answer
        await pilot.press("enter")  # the focused button: Keep it
        await settle(pilot)
        assert not isinstance(app.screen, ReplaceDialog)
        assert target.read_text() == OLD
        # after "keep it", Enter does not ask again: the file name box has the focus
        assert isinstance(app.screen.focused, Input) and app.screen.focused.id == "path"
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ReplaceDialog)
        assert target.read_text() == OLD


async def test_replacing_needs_the_replace_button(warn_root: Path, tmp_path: Path) -> None:
    target = existing(tmp_path)
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReplaceDialog)
        assert dialog.focused is dialog.query_one("#keep", Button)
        await pilot.press("tab")  # a deliberate move to "Replace"
        assert dialog.focused is dialog.query_one("#replace", Button)
        await pilot.press("enter")
        await settle(pilot)
        assert target.read_text("utf-8").startswith("# Appointment summary")


async def test_enter_in_the_file_name_box_does_not_export(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#path", Input)
        box.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
        assert app.screen.written is None


async def test_typing_in_the_file_name_box_edits_the_name_not_replaces_it(
    warn_root: Path, tmp_path: Path
) -> None:
    """Tab into "Save to" and type: the letters go where the cursor is (the end), the name
    is not selected and wiped; a name typed without an extension gets the format's."""
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        box = screen.query_one("#path", Input)
        before = box.value
        box.focus()
        await pilot.pause()
        await pilot.press("z")
        await pilot.pause()
        assert box.value == before + "z"
        box.value = "visit"
        await pilot.pause()
        assert "Saves as: " in str(screen.query_one("#path-full").render())
        assert "visit.md" in str(screen.query_one("#path-full").render()).replace("\n", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert (tmp_path / "visit.md").is_file()


async def test_the_format_is_remembered_when_the_screen_opens_again(
    warn_root: Path, tmp_path: Path
) -> None:
    """Finding 11: the format reset to Markdown on coming back to the screen."""
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#format-html")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.written is not None
        await pilot.press("escape")
        await pilot.pause()
        app.push_screen(ExportScreen(warn_root, Settings(), today=TODAY, exports_folder=tmp_path))
        await pilot.pause()
        assert app.screen.query_one("#format-html", RadioButton).value
        assert app.screen.query_one("#path", Input).value.endswith(".html")


async def test_the_full_name_stays_in_sight_after_an_export(
    warn_root: Path, tmp_path: Path
) -> None:
    """Finding 11: after an export with a 3-line discuss text at 80x24, the status under the
    form pushed "Saves as" out of sight (".../fatiguelog-summary-2026-08-2")."""
    folder = tmp_path / "a-person-with-a-long-name" / "Documents" / "appointments"
    app = host(warn_root, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(
            *"Is the kratom cut behind it?", "enter", *"The blood: what now?", "enter", *"Sleep."
        )
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert screen.written is not None
        body = screen.query_one("#export-body")
        for part in ("#path-full", "#export"):
            assert body.region.contains_region(screen.query_one(part).region), part
