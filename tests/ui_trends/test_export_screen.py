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


def plain(widget) -> str:
    return str(widget.render())


def test_snapshot_export_screen(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """The export screen as `e` opens it from home, in the user's own app."""
    from fatiguelog import paths
    from fatiguelog.ui.app import FatiguelogApp

    monkeypatch.setattr(paths, "exports_dir", lambda: Path("/home/me/Documents/fatiguelog"))
    app = FatiguelogApp(tmp_path / "no-data", today=TODAY, blink=False)
    assert snap_compare(app, terminal_size=SIZE, press=["e"])


async def test_ctrl_s_exports_markdown_0600_and_says_where(warn_root: Path, tmp_path: Path) -> None:
    folder = tmp_path / "exports"  # missing: the default folder is created, 0700
    app = host(warn_root, folder)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+s")  # the discuss box has the focus: Enter is a new line
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
        assert names == [
            f"{stem}.coverage.csv",
            f"{stem}.csv",
            f"{stem}.discuss.csv",
            f"{stem}.flags.csv",
            f"{stem}.problems.csv",
            f"{stem}.stools.csv",
            f"{stem}.timeline.csv",
            f"{stem}.weeks.csv",
        ]
        assert all(os.stat(p).st_mode & 0o777 == 0o600 for p in screen.written.paths)
        assert all(str(p) in status(screen) for p in screen.written.paths)


async def test_custom_dates_and_a_wrong_one(warn_root: Path, tmp_path: Path) -> None:
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert screen.query_one("#from", Input).disabled
        await pilot.click("#period-custom")
        assert not screen.query_one("#from", Input).disabled
        screen.query_one("#from", Input).value = "2026-11-20"
        screen.query_one("#to", Input).value = "2026-11-10"
        await pilot.pause()
        await pilot.click("#export")
        await finish(pilot)
        assert "Not exported" in status(screen) and "after To" in status(screen)
        assert not list(tmp_path.glob("*.md"))
        screen.query_one("#from", Input).value = "2026-11-01"
        screen.query_one("#to", Input).value = "2026-11-25"
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
    existing = Path("/home/me/Documents/fatiguelog/fatiguelog-summary-2026-08-28-to-2026-11-25.md")

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


async def test_an_existing_file_is_replaced_only_after_a_yes(
    warn_root: Path, tmp_path: Path
) -> None:
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
        await pilot.press("tab", "enter")  # keyboard: a move to "Replace", then Enter
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


# -- issue 12: the discuss text, where the file goes, future days, "since" ------------------


async def test_a_day_that_has_not_happened_is_refused_like_the_cli(
    warn_root: Path, tmp_path: Path
) -> None:
    """Outside test of issue 9 (item 7): custom dates to "tomorrow" were exported."""
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await pilot.click("#period-custom")
        screen.query_one("#from", Input).value = "2026-11-01"
        screen.query_one("#to", Input).value = "tomorrow"
        await pilot.pause()
        assert "hasn't happened yet" in plain(screen.query_one("#export-period"))
        await pilot.press("ctrl+s")
        await finish(pilot)
        assert "Not exported" in status(screen) and "hasn't happened yet" in status(screen)
        assert screen.written is None and not list(tmp_path.glob("*.md"))


async def test_a_bare_file_name_goes_to_the_chosen_folder_and_says_the_full_path(
    warn_root: Path, tmp_path: Path, monkeypatch
) -> None:
    """Outside test of issue 9 (item 8): "Saved ... to: summary.md" went to the folder the app
    was started from, unannounced."""
    folder = tmp_path / "exports"
    elsewhere = tmp_path / "started-here"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    app = host(warn_root, folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        screen.query_one("#path", Input).value = "visit.md"
        await pilot.pause()
        expected = folder / "visit.md"
        assert plain(screen.query_one("#path-full")).replace("\n", "") == f"Saves as: {expected}"
        await pilot.press("ctrl+s")
        screen = await finish(pilot)
        assert expected.is_file() and not (elsewhere / "visit.md").exists()
        assert f"to:\n{expected}\n" in status(screen)


async def test_since_the_last_export_says_the_new_date_after_an_export(
    tmp_path: Path, warn_root: Path
) -> None:
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        button = app.screen.query_one("#period-since", RadioButton)
        assert button.disabled and "none yet" in str(button.label)
        await pilot.press("ctrl+s")
        await finish(pilot)
        assert not button.disabled and f"({TODAY.isoformat()})" in str(button.label)


async def test_the_discuss_text_is_kept_as_a_draft_until_exported(
    warn_root: Path, tmp_path: Path
) -> None:
    from textual.widgets import TextArea

    from fatiguelog.discuss import draft_path, load_draft

    words = "Blood on 22 Nov <b>[bold]x[/]\n=1+2 the kratom cut?"
    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        box = app.screen.query_one("#discuss", TextArea)
        box.focus()
        await pilot.press(*"Blood on 22 Nov <b>[bold]x[/]", "enter", *"=1+2 the kratom cut?")
        await pilot.pause()
        assert box.text == words
        # on disk at once (a crash loses nothing), private
        assert load_draft(warn_root) == words
        assert os.stat(draft_path(warn_root)).st_mode & 0o777 == 0o600
        assert "50 of 1,000 characters" in plain(app.screen.query_one("#discuss-count"))
        await pilot.press("escape")  # leave the screen...
        await pilot.pause()
        app.push_screen(ExportScreen(warn_root, Settings(), today=TODAY, exports_folder=tmp_path))
        await pilot.pause()
        assert app.screen.query_one("#discuss", TextArea).text == words  # ...and it is back
        await pilot.press("ctrl+s")
        screen = await finish(pilot)
        text = screen.written.paths[0].read_text("utf-8")
        assert "## What I want to discuss" in text
        assert "> Blood on 22 Nov \\<b\\>\\[bold\\]x\\[/\\]\\" in text  # inert, as written
        assert not draft_path(warn_root).exists()  # in the summary now: the draft is gone
        assert screen.query_one("#discuss", TextArea).text == words  # still in the box


async def test_a_discuss_text_too_long_for_page_one_is_refused(
    warn_root: Path, tmp_path: Path
) -> None:
    from textual.widgets import TextArea

    app = host(warn_root, tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#discuss", TextArea).text = "word " * 300
        await pilot.pause()
        assert "1,499 of 1,000: too long" in plain(app.screen.query_one("#discuss-count"))
        await pilot.press("ctrl+s")
        screen = await finish(pilot)
        assert "Not exported" in status(screen) and "1,000" in status(screen)
        assert screen.written is None


def test_snapshot_export_screen_with_a_discuss_text(snap_compare, tmp_path: Path) -> None:
    """The screen with a discuss text typed and a file name the box can't show whole: the
    full path is said below it, wrapped (80 columns)."""
    from textual.widgets import TextArea

    root = tmp_path / "data"
    folder = Path("/home/a-person-with-a-long-name/Documents/appointments/fatiguelog")

    async def fill(pilot) -> None:
        pilot.app.screen.query_one("#discuss", TextArea).text = (
            "1. The blood on 22 November: what should I watch for?\n"
            "2. Were the loose stools from cutting down kratom?"
        )
        await pilot.pause()

    app = HostApp(lambda: ExportScreen(root, Settings(), today=TODAY, exports_folder=folder))
    assert snap_compare(app, terminal_size=SIZE, run_before=fill)


def test_snapshot_export_screen_small(snap_compare, tmp_path: Path) -> None:
    """60x20: the title stays whole (the key hints give way to the footer's), the full path
    still shows, wrapped; a discuss text typed."""
    from textual.widgets import TextArea

    folder = Path("/home/me/Documents/fatiguelog")

    async def fill(pilot) -> None:
        pilot.app.screen.query_one("#discuss", TextArea).text = "Sleep, then the kratom cut."
        await pilot.pause()

    app = HostApp(
        lambda: ExportScreen(tmp_path / "data", Settings(), today=TODAY, exports_folder=folder)
    )
    assert snap_compare(app, terminal_size=(60, 20), run_before=fill)


def _wrong_ending_app(tmp_path: Path) -> HostApp:
    return HostApp(
        lambda: ExportScreen(
            tmp_path / "data",
            Settings(),
            today=TODAY,
            exports_folder=Path("/home/me/Documents/fatiguelog"),
        )
    )


async def _type_json_name(pilot) -> None:
    """Markdown chosen, a name ending in .json typed: the refusal is under the path."""
    pilot.app.screen.query_one("#path", Input).value = "/home/me/Documents/visit.json"
    await pilot.pause()


def test_snapshot_wrong_extension_80x24(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_wrong_ending_app(tmp_path), terminal_size=SIZE, run_before=_type_json_name)


def test_snapshot_wrong_extension_60x20(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(
        _wrong_ending_app(tmp_path), terminal_size=(60, 20), run_before=_type_json_name
    )


def test_a_long_path_is_folded_after_a_slash_or_dash_never_inside_a_word() -> None:
    """Report 13b, finding 6: "fatiguelog-summar" / "y-2026-08-28-..." at 60 columns."""
    from fatiguelog.ui.screens.export import folded

    said = "Saves as: /root/Documents/fatiguelog/fatiguelog-summary-2026-08-28-to-2026-11-25.json"
    lines = folded(said, 54).split("\n")
    assert lines == [
        "Saves as: /root/Documents/fatiguelog/fatiguelog-",
        "summary-2026-08-28-to-2026-11-25.json",
    ]
    assert "".join(lines) == said
    no_break = "x" * 30
    assert folded(no_break, 12).split("\n") == ["x" * 12, "x" * 12, "x" * 6]


def _with_last_export(tmp_path: Path) -> HostApp:
    root = tmp_path / "data"
    root.mkdir()
    remember_export(root, date(2026, 11, 20))
    return HostApp(
        lambda: ExportScreen(
            root, Settings(), today=TODAY, exports_folder=Path("/root/Documents/fatiguelog")
        )
    )


async def test_every_label_is_whole_at_60_columns(tmp_path: Path) -> None:
    """ "Since last export (2026…" and "Include my notes (off: note…" were cut at 60x20."""
    from textual.widgets import Checkbox

    app = _with_last_export(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        since = app.screen.query_one("#period-since", RadioButton)
        assert str(since.label) == "Since export 2026-11-20"
        notes = app.screen.query_one("#notes", Checkbox)
        for toggle in (since, notes):
            # the box and a space, then the words: all inside the widget
            assert toggle.content_region.width >= 4 + len(str(toggle.label)), (
                str(toggle.label),
                toggle.content_region,
            )
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert str(since.label) == "Since last export (2026-11-20)"


def test_snapshot_export_screen_small_with_a_last_export(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_with_last_export(tmp_path), terminal_size=(60, 20))


def test_snapshot_export_screen_with_a_last_export(snap_compare, tmp_path: Path) -> None:
    assert snap_compare(_with_last_export(tmp_path), terminal_size=SIZE)


async def test_the_boxes_do_not_blink_when_the_app_says_not_to(tmp_path: Path) -> None:
    """A loaded machine's screenshot caught the discuss box's cursor blinked off (the snapshot
    above failed once in a clean checkout's run): its boxes follow the app's blink setting."""
    from textual.widgets import Input, TextArea

    from fatiguelog.ui.app import FatiguelogApp

    app = FatiguelogApp(tmp_path / "no-data", today=TODAY, blink=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        boxes = [*app.screen.query(Input), *app.screen.query(TextArea)]
        assert len(boxes) >= 4
        assert all(not box.cursor_blink for box in boxes)
        assert app.screen.query_one("#discuss", TextArea).has_focus
