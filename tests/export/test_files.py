"""One writer for every export to a file (`fatiguelog.export.files`): the command line and the
export screen check the place, make the exports folder private, replace a file only when asked
and say a disk error in one sentence the same way, because they call the same functions."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from fatiguelog.discuss import load_draft, save_draft
from fatiguelog.export import files
from fatiguelog.settings import Settings
from fatiguelog.state import read_export_format, read_last_export
from tests.conftest import mode
from tests.factories import TODAY, save_entry
from tests.ui_trends.hostapp import HostApp

FIRST = TODAY - timedelta(days=29)


@pytest.fixture
def diary(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    for back in range(5):
        save_entry(
            root, TODAY - timedelta(days=back), symptoms={"fatigue": 5 + back}, notes="SECRET-NOTE"
        )
    return root


# -- the place -----------------------------------------------------------------------------


def test_the_exports_folder_offered_is_made_private(diary: Path, tmp_path: Path) -> None:
    folder = tmp_path / "Documents" / "fatiguelog"
    target = folder / "visit.md"
    assert files.check_place("md", target, diary, may_create=folder) == []
    assert folder.is_dir() and mode(folder) == 0o700


def test_any_other_missing_folder_is_refused_not_made(diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "visit.md"
    with pytest.raises(files.FolderMissing, match=r"the folder .*nowhere does not exist"):
        files.check_place("md", target, diary, may_create=tmp_path / "exports")
    assert not (tmp_path / "nowhere").exists()


def test_a_folder_is_not_a_file_name(diary: Path, tmp_path: Path) -> None:
    with pytest.raises(files.IsAFolder):
        files.check_place("md", tmp_path, diary)


def test_the_data_folder_is_refused(diary: Path) -> None:
    with pytest.raises(files.Refused, match="inside the data folder"):
        files.check_place("md", diary / "visit.md", diary)


def test_files_already_there_are_named_every_csv_table(diary: Path, tmp_path: Path) -> None:
    (tmp_path / "visit.csv").write_text("old")
    (tmp_path / "visit.flags.csv").write_text("old")
    assert files.check_place("csv", tmp_path / "visit.csv", diary) == [
        tmp_path / "visit.csv",
        tmp_path / "visit.flags.csv",
    ]


# -- writing -----------------------------------------------------------------------------------


def test_save_writes_a_private_file_without_notes(diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "visit.md"
    written = files.save(diary, Settings(), FIRST, TODAY, "md", target, False)
    assert written.paths == (target,)
    assert mode(target) == 0o600
    text = target.read_text("utf-8")
    assert f"**{FIRST} to {TODAY}** (30 days) · entries on 5 of 30 days" in text
    assert "SECRET-NOTE" not in text
    assert read_last_export(diary) is None  # the command line remembers nothing


def test_a_file_there_is_kept_unless_replacing_was_asked(diary: Path, tmp_path: Path) -> None:
    target = tmp_path / "visit.md"
    target.write_text("last month's summary\n")
    with pytest.raises(files.AlreadyThere) as caught:
        files.save(diary, Settings(), FIRST, TODAY, "md", target, False)
    assert caught.value.path == target
    assert target.read_text() == "last month's summary\n"
    files.save(diary, Settings(), FIRST, TODAY, "md", target, False, force=True)
    assert target.read_text() != "last month's summary\n"


def test_a_disk_error_is_one_sentence_naming_the_file(
    diary: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from fatiguelog import atomic

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "atomic_write", full)
    target = tmp_path / "visit.md"
    with pytest.raises(files.WriteFailed) as caught:
        files.save(diary, Settings(), FIRST, TODAY, "md", target, False)
    assert str(caught.value) == f"The disk is full, so {target} could not be saved."
    assert not target.exists()


def test_the_screen_remembers_the_export_and_drops_the_discuss_draft(
    diary: Path, tmp_path: Path
) -> None:
    save_draft(diary, "ask about the kratom")
    files.save(
        diary,
        Settings(),
        FIRST,
        TODAY,
        "html",
        tmp_path / "visit.html",
        False,
        discuss="ask about the kratom",
        remember=TODAY,
    )
    assert read_last_export(diary) == TODAY
    assert read_export_format(diary) == "html"
    assert load_draft(diary) == ""
    assert "ask about the kratom" in (tmp_path / "visit.html").read_text("utf-8")


def test_a_state_file_that_cannot_be_written_does_not_undo_the_export(
    diary: Path, tmp_path: Path
) -> None:
    (diary / "state.toml").mkdir()  # not a file: "since the last export" is only forgotten
    written = files.save(
        diary, Settings(), FIRST, TODAY, "md", tmp_path / "visit.md", False, remember=TODAY
    )
    assert written.paths[0].is_file()


# -- the same writer on both surfaces ------------------------------------------------------


def test_the_command_line_says_the_same_refusal_with_its_own_way_out(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    target = tmp_path / "visit.md"
    target.write_text("old\n")
    result = cli("export", "-o", str(target))
    assert result.code == 1
    assert result.err.strip() == (
        f"fatiguelog: {target} already exists, so nothing was written: add --force to replace it"
    )
    missing = cli("export", "-o", str(tmp_path / "nowhere" / "visit.md"))
    assert missing.err.strip() == (
        f"fatiguelog: the folder {tmp_path / 'nowhere'} does not "
        "exist: create it first or choose another --output"
    )


async def test_the_screen_reports_an_export_saved_when_state_toml_is_not_writable(
    diary: Path, tmp_path: Path
) -> None:
    """The summary is on disk: the screen says so (it used to say "Not exported" when only
    the date of the last export could not be kept)."""
    from textual.widgets import Static

    from fatiguelog.ui.screens.export import ExportScreen

    (diary / "state.toml").mkdir()
    folder = tmp_path / "exports"
    app = HostApp(lambda: ExportScreen(diary, Settings(), today=TODAY, exports_folder=folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        said = str(app.screen.query_one("#export-status", Static).render())
    written = folder / f"fatiguelog-summary-{TODAY - timedelta(days=89)}-to-{TODAY}.md"
    assert written.is_file()
    assert said.startswith("Saved the summary"), said
    assert os.stat(folder).st_mode & 0o777 == 0o700


def test_one_writer_on_both_surfaces() -> None:
    """Neither the export screen nor `fatiguelog export` writes a file or checks a place of
    its own: both go through `export.files`."""
    root = Path(__file__).resolve().parents[2] / "src" / "fatiguelog"
    for surface in ("ui/screens/export.py", "cli/export.py"):
        text = (root / surface).read_text(encoding="utf-8")
        for own_writing in (
            "atomic_write",
            "write_files",
            "check_targets",
            "ensure_private_dir",
            "write_text",
            "write_bytes",
            "open(",
        ):
            assert own_writing not in text, (surface, own_writing)
    screen = (root / "ui/screens/export.py").read_text(encoding="utf-8")
    assert "from fatiguelog.export.files import save" in screen
    assert "files.save(" in (root / "cli/export.py").read_text(encoding="utf-8")


def test_dates_in_the_default_name() -> None:
    assert files.default_name(date(2026, 9, 1), date(2026, 11, 25), "json") == (
        "fatiguelog-summary-2026-09-01-to-2026-11-25.json"
    )
