"""The export screen's format buttons are the registry's (`fatiguelog.export.formats`): a
format added there alone gets its button, its extension in the file name, and is written.

Why: the screen kept its own list of formats and labels beside the CLI's and the exporters'
(issue 13, "an export format takes 4 files with three hand-kept lists").
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, RadioButton

from fatiguelog.export import formats
from fatiguelog.settings import Settings
from fatiguelog.ui.screens.export import ExportScreen
from tests.ui_trends.histories import TODAY
from tests.ui_trends.hostapp import HostApp

SIZE = (80, 24)


def host(root: Path, folder: Path) -> HostApp:
    return HostApp(lambda: ExportScreen(root, Settings(), today=TODAY, exports_folder=folder))


async def test_the_buttons_are_the_registry_s_formats(tmp_path: Path) -> None:
    app = host(tmp_path / "data", tmp_path / "out")
    async with app.run_test(size=SIZE):
        buttons = list(app.screen.query("#format RadioButton").results(RadioButton))
        assert [b.id for b in buttons] == [f"format-{f.key}" for f in formats.FORMATS]
        assert [str(b.label) for b in buttons] == [f.choice for f in formats.FORMATS]
        assert [b.value for b in buttons] == [True, False, False, False]  # Markdown first


async def test_a_format_added_to_the_registry_alone_is_offered_and_written(
    with_txt: formats.ExportFormat, warn_root: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    app = host(warn_root, folder)
    async with app.run_test(size=SIZE) as pilot:
        button = app.screen.query_one("#format-txt", RadioButton)
        assert str(button.label) == "Plain text (.txt)"
        await pilot.click("#format-txt")
        path = app.screen.query_one("#path", Input).value
        assert path == str(folder / "fatiguelog-summary-2026-08-28-to-2026-11-25.txt")
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    written = folder / "fatiguelog-summary-2026-08-28-to-2026-11-25.txt"
    assert written.read_text("utf-8") == "PLAIN 2026-08-28 to 2026-11-25\n"


async def test_another_format_s_extension_is_refused_under_the_path(tmp_path: Path) -> None:
    """Markdown chosen, "Save to" `app90x.json`: the screen used to write Markdown into a
    .json file without a word (report 13b, finding 8). Now the line under the path says
    why and how out before Export, Export writes nothing, and an ending no format has
    (.txt) is still the user's choice."""
    from textual.widgets import Static

    folder = tmp_path / "out"
    folder.mkdir()
    app = host(tmp_path / "data", folder)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#path", Input)
        box.value = str(folder / "app90x.json")
        await pilot.pause()
        under = str(app.screen.query_one("#path-full", Static).render())
        assert (
            "app90x.json ends in .json but the format is Markdown (.md): choose "
            "JSON (.json), or name it app90x.md"
        ) in under, under
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#export-status", Static).render())
        assert status.startswith("Not exported: app90x.json ends in .json"), status
        assert list(folder.iterdir()) == []
        box.value = str(folder / "visit.txt")
        await pilot.pause()
        assert "ends in" not in str(app.screen.query_one("#path-full", Static).render())
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert (folder / "visit.txt").read_text("utf-8").startswith("#")
