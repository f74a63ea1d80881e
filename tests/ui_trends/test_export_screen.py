"""The export screen writes a private file where it says, with notes only when asked."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

from textual.widgets import Input, RadioButton, Static

from fatiguelog.settings import Settings
from fatiguelog.state import read_last_export, remember_export
from fatiguelog.ui.screens.export import ExportScreen
from tests.ui_trends.histories import TODAY
from tests.ui_trends.hostapp import HostApp

SIZE = (80, 24)


def host(root: Path, folder: Path) -> HostApp:
    return HostApp(lambda: ExportScreen(root, Settings(), today=TODAY, exports_folder=folder))


async def finish(pilot) -> ExportScreen:
    screen = pilot.app.screen
    await pilot.app.workers.wait_for_complete()
    await pilot.pause(0.25)  # a button ignores presses during its 0.2 s "pressed" effect
    return screen


def status(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-status", Static).render())


def test_snapshot_export_screen(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """The export screen as `e` opens it from home, in the user's own app."""
    from fatiguelog import paths
    from fatiguelog.ui.app import FatiguelogApp

    monkeypatch.setattr(paths, "exports_dir", lambda: Path("/home/me/Documents/fatiguelog"))
    app = FatiguelogApp(tmp_path / "no-data", today=TODAY, blink=False)
    assert snap_compare(app, terminal_size=SIZE, press=["e"])


async def test_enter_exports_markdown_0600_and_says_where(warn_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"  # missing: the default folder is created, 0700
    app = host(warn_root, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # the Export button has the focus
        screen = await finish(pilot)
        expected = folder / "fatiguelog-summary-2026-08-28-to-2026-11-25.md"
        assert expected.is_file()
        assert os.stat(expected).st_mode & 0o777 == 0o600
        assert os.stat(folder).st_mode & 0o777 == 0o700
        said = status(screen)
        assert str(expected) in said and "without notes" in said
        text = expected.read_text("utf-8")
        assert "Constipation pattern" in text
        assert "SECRET-NOTE" not in text  # notes are left out by default
    assert read_last_export(warn_root) == TODAY


async def test_notes_only_when_ticked(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#format-json")
        await pilot.click("#export")
        screen = await finish(pilot)
        plain_file = screen.written.paths[0]
        assert "SECRET-NOTE" not in plain_file.read_text("utf-8")
        await pilot.click("#notes")
        path = screen.query_one("#path", Input)
        path.value = str(tmp_path / "with-notes.json")
        await pilot.click("#export")
        screen = await finish(pilot)
        with_notes = tmp_path / "with-notes.json"
        doc = json.loads(with_notes.read_text("utf-8"))
        assert doc["fatiguelog_export"] == 1
        assert "SECRET-NOTE" in with_notes.read_text("utf-8")
        assert "with your notes" in status(screen)
        assert os.stat(with_notes).st_mode & 0o777 == 0o600


async def test_csv_writes_its_eight_tables(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#period-30")
        await pilot.click("#format-csv")
        await pilot.click("#export")
        screen = await finish(pilot)
        names = sorted(p.name for p in screen.written.paths)
        stem = "fatiguelog-summary-2026-10-27-to-2026-11-25"
        assert names == [f"{stem}.coverage.csv", f"{stem}.csv", f"{stem}.discuss.csv",
                         f"{stem}.flags.csv", f"{stem}.problems.csv", f"{stem}.stools.csv",
                         f"{stem}.timeline.csv", f"{stem}.weeks.csv"]
        assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in screen.written.paths)
        assert all(str(p) in status(screen) for p in screen.written.paths)


async def test_custom_dates_and_a_wrong_one(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#from", Input).disabled
        await pilot.click("#period-custom")
        assert not screen.query_one("#from", Input).disabled
        screen.query_one("#from", Input).value = "2026-11-30"
        await pilot.pause()
        await pilot.click("#export")
        await finish(pilot)
        assert "Not exported" in status(screen) and "after To" in status(screen)
        assert not list(tmp_path.glob("*.md"))
        screen.query_one("#from", Input).value = "2026-11-01"
        await pilot.pause()
        await pilot.click("#export")
        await finish(pilot)
        assert screen.written is not None, status(screen)
        assert screen.written.first == date(2026, 11, 1)
        assert screen.written.paths[0].name == "fatiguelog-summary-2026-11-01-to-2026-11-25.md"


async def test_since_the_last_export(warn_root: Path, tmp_path: Path) -> None:
    remember_export(warn_root, TODAY - timedelta(days=20))
    assert os.stat(warn_root / "state.toml").st_mode & 0o777 == 0o600
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        button = app.screen.query_one("#period-since", RadioButton)
        assert not button.disabled and "2026-11-05" in str(button.label)
        await pilot.click("#period-since")
        await pilot.click("#export")
        screen = await finish(pilot)
        assert screen.written.first == date(2026, 11, 5)
    assert read_last_export(warn_root) == TODAY


async def test_since_the_last_export_is_off_without_one(tmp_path: Path) -> None:
    app = host(tmp_path / "data", tmp_path)
    async with app.run_test(size=SIZE):
        button = app.screen.query_one("#period-since", RadioButton)
        assert button.disabled and "none yet" in str(button.label)


async def test_missing_custom_folder_is_refused(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path / "exports")
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#path", Input).value = str(tmp_path / "nope" / "x.md")
        await pilot.click("#export")
        screen = await finish(pilot)
        assert "does not exist" in status(screen)
        assert not (tmp_path / "nope").exists()


# -- replacing a file asks first; the data folder and non-files are refused -----------------

def test_snapshot_replace_dialog(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """The question asked before an export replaces a file that is already there (shown over
    the export screen as `e` opens it; the file named is a fixed one, for a stable picture)."""
    from fatiguelog import paths
    from fatiguelog.ui.app import FatiguelogApp
    from fatiguelog.ui.screens.export import ReplaceDialog

    monkeypatch.setattr(paths, "exports_dir", lambda: Path("/home/me/Documents/fatiguelog"))
    app = FatiguelogApp(tmp_path / "no-data", today=TODAY, blink=False)
    existing = Path("/home/me/Documents/fatiguelog/fatiguelog-summary-2026-08-28-to-2026-11-25"
                    ".md")

    async def ask(pilot) -> None:
        await pilot.press("e")
        await pilot.pause()
        await pilot.app.push_screen(ReplaceDialog([existing]))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ask)


async def _export_to(app: HostApp, pilot, path: Path) -> ExportScreen:
    screen = app.screen
    screen.query_one("#path", Input).value = str(path)
    await pilot.pause()
    await pilot.click("#export")
    await pilot.pause()
    return screen


async def test_an_existing_file_is_replaced_only_after_a_yes(warn_root: Path,
                                                             tmp_path: Path) -> None:
    from fatiguelog.ui.screens.export import ReplaceDialog

    target = tmp_path / "visit.md"
    target.write_text("last month's summary\n")
    target.chmod(0o644)
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _export_to(app, pilot, target)
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.press("escape")  # keyboard: keep it
        await finish(pilot)
        assert app.screen is screen and "is kept" in status(screen)
        assert target.read_text() == "last month's summary\n"

        await _export_to(app, pilot, target)
        assert isinstance(app.screen, ReplaceDialog)
        await pilot.click("#keep")  # mouse: keep it
        await finish(pilot)
        assert target.read_text() == "last month's summary\n"

        await _export_to(app, pilot, target)
        await pilot.press("enter")  # keyboard: replace
        await finish(pilot)
        assert target.read_text("utf-8").startswith("# Appointment summary")
        assert os.stat(target).st_mode & 0o777 == 0o600

        target.write_text("again\n")
        await _export_to(app, pilot, target)
        await pilot.click("#replace")  # mouse: replace
        await finish(pilot)
        assert target.read_text("utf-8").startswith("# Appointment summary")
        assert "Saved the summary" in status(screen)


async def test_the_data_folder_and_links_are_refused(warn_root: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    (tmp_path / "link.md").symlink_to(victim)
    entry = sorted((warn_root / "entries").rglob("*.toml"))[-1]
    before = entry.read_bytes()
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _export_to(app, pilot, entry)
        await finish(pilot)
        assert "inside the data folder" in status(screen)
        await _export_to(app, pilot, tmp_path / "link.md")
        await finish(pilot)
        assert "is a link, not a regular file" in status(screen)
        assert screen.written is None
    assert entry.read_bytes() == before
    assert victim.read_text() == "mine\n" and (tmp_path / "link.md").is_symlink()
