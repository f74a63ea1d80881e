"""Outside test of issue 13, findings 2-4: every deleted copy of a day can be reached (listed
with what it holds, picked by number or name; the default stays the latest), and a day's
unfinished check-in and sync-conflict copies go to the trash with it and come back with it
(left behind, they brought the day back)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from fatiguelog import paths
from fatiguelog.trash import delete_day, restore
from tests.factories import entry_file, put_entry

from .test_trash import DAY, ENTRY, ISO

STOOL_ONLY = (f"schema = 1\ndate = {ISO}\n\n[gi]\nstools = [{{ bristol = 3 }}]\n").encode()
SYNC = f"{ISO}.sync-conflict-20261124-101010-ABCDEFG.toml"
DRAFT = (
    f'schema = 1\ndate = {ISO}\nquick = false\nstep = "fatigue"\n\n[answers]\n'
    '"symptoms.fatigue" = 9\n'
).encode()


def test_list_shows_every_deleted_copy_and_copy_picks_an_older_one(cli, data_dir: Path):
    put_entry(data_dir, DAY, ENTRY)  # the real day, checked in
    delete_day(data_dir, DAY, datetime(2026, 11, 25, 16, 19, 47))
    put_entry(data_dir, DAY, STOOL_ONLY)  # logged in another shell meanwhile
    delete_day(data_dir, DAY, datetime(2026, 11, 25, 16, 19, 53))
    listed = cli("restore", "--date", ISO, "--list")
    assert listed.code == 0, listed.err
    lines = listed.out.splitlines()
    assert (
        f"  1. deleted 2026-11-25 16:19:53: logged only: 1 bowel movement "
        f"({ISO}.20261125-161953.toml)" in lines
    )
    assert (
        f"  2. deleted 2026-11-25 16:19:47: checked in (fatigue 7) "
        f"({ISO}.20261125-161947.toml)" in lines
    )
    assert not entry_file(data_dir, DAY).exists()  # listing changes nothing
    picked = cli("restore", "--date", ISO, "--copy", "2")
    assert picked.code == 0, picked.err
    assert entry_file(data_dir, DAY).read_bytes() == ENTRY
    assert "1 other deleted copy of it stays in the trash" in picked.out


def test_the_default_is_still_the_latest_and_says_an_older_copy_exists(cli, data_dir: Path):
    put_entry(data_dir, DAY, ENTRY)
    delete_day(data_dir, DAY, datetime(2026, 11, 25, 16, 19, 47))
    put_entry(data_dir, DAY, STOOL_ONLY)
    delete_day(data_dir, DAY, datetime(2026, 11, 25, 16, 19, 53))
    result = cli("restore", "--date", ISO)
    assert result.code == 0
    assert entry_file(data_dir, DAY).read_bytes() == STOOL_ONLY
    assert f"restore --date {ISO} --list" in result.out


def test_in_the_way_names_the_exact_copy_to_restore_afterwards(cli, data_dir: Path):
    put_entry(data_dir, DAY, ENTRY)
    trashed = delete_day(data_dir, DAY, datetime(2026, 11, 25, 16, 19, 47))
    put_entry(data_dir, DAY, STOOL_ONLY)
    refused = cli("restore", "--date", ISO, "--copy", trashed.name)
    assert refused.code == 1
    assert f"--copy {trashed.name}" in refused.err
    assert entry_file(data_dir, DAY).read_bytes() == STOOL_ONLY


def test_an_unknown_copy_is_one_line(cli, data_dir: Path):
    put_entry(data_dir, DAY, ENTRY)
    delete_day(data_dir, DAY)
    result = cli("restore", "--date", ISO, "--copy", "7")
    assert result.code == 1 and "numbered 1 to 1" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_the_draft_and_sync_copies_go_to_the_trash_and_come_back(cli, data_dir: Path):
    put_entry(data_dir, DAY, ENTRY)
    copy = entry_file(data_dir, DAY).parent / SYNC
    copy.write_bytes(ENTRY.replace(b"fatigue = 7", b"fatigue = 6"))
    draft = paths.drafts_dir(data_dir) / f"{ISO}.toml"
    draft.parent.mkdir(parents=True)
    draft.write_bytes(DRAFT)
    deleted = cli("delete", "--date", ISO)
    assert deleted.code == 0, deleted.err
    assert "with its unfinished check-in and 1 sync copy" in deleted.out
    assert not draft.exists() and not copy.exists()
    assert cli("conflicts").out.startswith("No sync-conflict copies")
    trash = sorted(p.name for p in (data_dir / "trash").iterdir())
    assert len(trash) == 3
    listed = cli("restore", "--date", ISO, "--list").out
    assert "checked in (fatigue 7), with its unfinished check-in and 1 sync copy" in listed
    restored = cli("restore", "--date", ISO)
    assert restored.code == 0, restored.err
    assert "with its unfinished check-in and 1 sync copy" in restored.out
    assert draft.read_bytes() == DRAFT and copy.read_bytes().endswith(b'"""a private note"""\n')
    assert entry_file(data_dir, DAY).read_bytes() == ENTRY
    assert not list((data_dir / "trash").iterdir())


def test_restore_refuses_when_a_new_draft_is_in_the_way_of_the_deleted_one(data_dir: Path):
    put_entry(data_dir, DAY, ENTRY)
    draft = paths.drafts_dir(data_dir) / f"{ISO}.toml"
    draft.parent.mkdir(parents=True)
    draft.write_bytes(DRAFT)
    trashed = delete_day(data_dir, DAY)
    draft.write_bytes(DRAFT.replace(b"= 9", b"= 3"))  # a new check-in started meanwhile
    import pytest

    from fatiguelog.trash import TrashError

    with pytest.raises(TrashError, match="unfinished check-in again"):
        restore(data_dir, trashed)
    assert draft.read_bytes().endswith(b"= 3\n")
    assert not entry_file(data_dir, DAY).exists()
    assert len(list((data_dir / "trash").iterdir())) == 2
