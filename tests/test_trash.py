"""Deleting a day moves its file to <data>/trash/ byte for byte; restoring brings it back; nothing
is ever erased, replaced, or moved through a link (`fatiguelog delete` / `restore`)."""

from __future__ import annotations

import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from fatiguelog.trash import TrashError, delete_day, in_trash, restore, restore_day
from tests.factories import entry_file, put_entry

from .conftest import mode, snapshot_tree

TODAY = date.today()  # the commands run on the real clock
DAY = TODAY - timedelta(days=3)
ISO = DAY.isoformat()
#: A hand-edited entry: comments and spacing a rewrite would lose, so "byte-identical" means it.
ENTRY = (
    f"schema = 1\ndate = {ISO}   # hand-edited\n\n[symptoms]\nfatigue = 7\n"
    'notes = """a private note"""\n'
).encode()


def test_delete_moves_the_file_to_the_trash_byte_for_byte(cli, data_dir: Path) -> None:
    put_entry(data_dir, DAY, ENTRY)
    result = cli("delete", "--date", ISO)
    assert result.code == 0, result.err
    assert not entry_file(data_dir, DAY).exists()
    [trashed] = list((data_dir / "trash").iterdir())
    assert re.fullmatch(rf"{ISO}\.\d{{8}}-\d{{6}}\.toml", trashed.name)
    assert trashed.read_bytes() == ENTRY
    assert mode(data_dir / "trash") == 0o700 and mode(trashed) == 0o600
    assert str(trashed) in result.out and f"restore --date {ISO}" in result.out
    assert cli("check").code == 0  # the trash is never read as entries
    export = cli("export", "--format", "json", "--include-notes")
    assert "a private note" not in export.out


def test_restore_brings_the_file_back_byte_for_byte(cli, data_dir: Path) -> None:
    put_entry(data_dir, DAY, ENTRY)
    assert cli("delete", "--date", ISO).code == 0
    result = cli("restore", "--date", ISO)
    assert result.code == 0, result.err
    assert entry_file(data_dir, DAY).read_bytes() == ENTRY
    assert list((data_dir / "trash").iterdir()) == []
    assert f"Restored {ISO}" in result.out


def test_restore_refuses_when_a_live_entry_is_in_the_way(cli, data_dir: Path) -> None:
    put_entry(data_dir, DAY, ENTRY)
    assert cli("delete", "--date", ISO).code == 0
    assert cli("log", "stool", "4", "--date", ISO).code == 0  # a new entry that day
    before = snapshot_tree(data_dir)
    result = cli("restore", "--date", ISO)
    assert result.code == 1
    assert result.err.count("\n") == 1 and "already has an entry" in result.err
    assert snapshot_tree(data_dir) == before  # neither file touched


def test_restore_brings_back_the_latest_deletion(data_dir: Path) -> None:
    put_entry(data_dir, DAY, ENTRY)
    delete_day(data_dir, DAY, now=datetime(2026, 11, 20, 9, 0, 0))
    put_entry(data_dir, DAY, ENTRY + b"# second\n")
    delete_day(data_dir, DAY, now=datetime(2026, 11, 20, 9, 0, 0))  # the same second
    put_entry(data_dir, DAY, ENTRY + b"# third\n")
    delete_day(data_dir, DAY, now=datetime(2026, 11, 21, 9, 0, 0))
    names = [t.name for t in in_trash(data_dir, DAY)]
    assert names == [
        f"{ISO}.20261120-090000.toml",
        f"{ISO}.20261120-090000-2.toml",
        f"{ISO}.20261121-090000.toml",
    ]
    restore_day(data_dir, DAY)
    assert entry_file(data_dir, DAY).read_bytes() == ENTRY + b"# third\n"
    assert len(in_trash(data_dir, DAY)) == 2


def test_undo_restores_exactly_the_file_just_deleted(data_dir: Path) -> None:
    put_entry(data_dir, DAY, ENTRY)
    trashed = delete_day(data_dir, DAY)
    restore(data_dir, trashed)
    assert entry_file(data_dir, DAY).read_bytes() == ENTRY


@pytest.mark.parametrize("args", [("delete",), ("restore",)])
def test_nothing_to_delete_or_restore_is_one_line(cli, data_dir: Path, args) -> None:
    result = cli(*args, "--date", ISO)
    assert result.code == 1
    assert result.err.count("\n") == 1 and "nothing" in result.err
    assert not (data_dir / "trash").exists() or not any((data_dir / "trash").iterdir())


@pytest.mark.parametrize("when", ["tomorrow", (TODAY + timedelta(days=5)).isoformat()])
@pytest.mark.parametrize("command", ["delete", "restore"])
def test_a_future_day_is_refused(cli, data_dir: Path, command: str, when: str) -> None:
    result = cli(command, "--date", when)
    assert result.code == 1 and "that day hasn't happened yet" in result.err


def test_a_broken_file_is_moved_too_never_changed(cli, data_dir: Path) -> None:
    broken = b"schema = 1\ndate = [broken\n\xff"
    put_entry(data_dir, DAY, broken)
    assert cli("check").code == 1
    assert cli("delete", "--date", ISO).code == 0
    [trashed] = list((data_dir / "trash").iterdir())
    assert trashed.read_bytes() == broken
    assert cli("check").code == 0
    assert cli("restore", "--date", ISO).code == 0
    assert entry_file(data_dir, DAY).read_bytes() == broken


def test_an_entry_that_is_a_link_is_not_moved(cli, data_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes(ENTRY)
    link = entry_file(data_dir, DAY)
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    result = cli("delete", "--date", ISO)
    assert result.code == 1 and "a link" in result.err
    assert link.is_symlink() and outside.read_bytes() == ENTRY
    assert not (data_dir / "trash").exists()


def test_a_year_folder_that_is_a_link_is_not_moved_through(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "year"
    outside.mkdir()
    (outside / f"{ISO}.toml").write_bytes(ENTRY)
    (data_dir / "entries").mkdir(parents=True)
    (data_dir / "entries" / f"{DAY.year}").symlink_to(outside)
    result = cli("delete", "--date", ISO)
    assert result.code == 1 and "link" in result.err
    assert (outside / f"{ISO}.toml").read_bytes() == ENTRY


def test_a_trash_folder_that_is_a_link_is_never_written_through(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    put_entry(data_dir, DAY, ENTRY)
    outside = tmp_path / "not-the-trash"
    outside.mkdir()
    (data_dir / "trash").symlink_to(outside)
    result = cli("delete", "--date", ISO)
    assert result.code == 1 and "link" in result.err
    assert list(outside.iterdir()) == []
    assert entry_file(data_dir, DAY).read_bytes() == ENTRY
    assert cli("restore", "--date", ISO).code == 1


def test_a_trashed_file_that_became_a_link_is_not_restored(data_dir: Path, tmp_path: Path) -> None:
    put_entry(data_dir, DAY, ENTRY)
    trashed = delete_day(data_dir, DAY)
    path = trashed.path(data_dir)
    path.unlink()
    os.symlink(tmp_path / "x.toml", path)
    with pytest.raises(TrashError, match="a link"):
        restore(data_dir, trashed)
    assert not entry_file(data_dir, DAY).exists()


def test_delete_and_restore_do_not_import_textual(tmp_path: Path) -> None:
    import subprocess
    import sys

    put_entry(tmp_path, DAY, ENTRY)
    probe = (
        "import sys\nfrom fatiguelog.cli import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'delete', '--date', {ISO!r}])\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'restore', '--date', {ISO!r}])\n"
        "print(sorted(m for m in sys.modules if m.startswith('textual')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert entry_file(tmp_path, DAY).read_bytes() == ENTRY
