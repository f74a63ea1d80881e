"""Sync-conflict copies (Syncthing, Nextcloud, Dropbox): never read as entries, listed by
`check` and `conflicts`, merged field by field by `conflicts --merge`, then kept aside in
`<data>/conflicts/`, never deleted."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest

from fatiguelog.conflicts import merge_copy
from fatiguelog.model import RED_ADVICE, RED_ADVICE_LOGGED_PAST
from fatiguelog.paths import sync_copy_of
from fatiguelog.store import Store
from tests.conftest import mode, snapshot_tree
from tests.factories import read_entry, year_folder

DAY = date(2026, 11, 20)
SYNCTHING = "2026-11-20.sync-conflict-20261120-213000-ABCDEFG.toml"
NEXTCLOUD = "2026-11-20 (conflicted copy 2026-11-20 213000).toml"
DROPBOX = "2026-11-20 (Sam's conflicted copy 2026-11-20).toml"

ENTRY = """schema = 1
date = 2026-11-20
notes = "laptop"

[symptoms]
fatigue = 6

[gi]
stools = [{ time = 07:00:00, bristol = 3, straining = false }]

[red_flags]
fever = true
"""
COPY = """schema = 1
date = 2026-11-20
notes = "phone"

[symptoms]
fatigue = 7
pain = 4

[gi]
stools = [{ time = 07:00:00, bristol = 3, straining = false },
          { time = 18:00:00, bristol = 5, straining = true }]

[red_flags]
fever = false
vomiting = true
"""


@pytest.mark.parametrize(
    ("name", "tool"),
    [
        (SYNCTHING, "Syncthing"),
        (NEXTCLOUD, "Nextcloud or Dropbox"),
        (DROPBOX, "Nextcloud or Dropbox"),
        ("2026-11-20 (Conflicted Copy).toml", "Nextcloud or Dropbox"),
    ],
)
def test_each_naming_scheme_is_a_sync_copy(name: str, tool: str) -> None:
    assert sync_copy_of(name) == (DAY, tool)


@pytest.mark.parametrize(
    "name",
    [
        "2026-11-20.toml",
        "2026-11-20.sync-conflict.toml",
        "notes (conflicted copy).toml",
        "2026-02-30.sync-conflict-20260230-101010-ABCDEFG.toml",
        "2026-11-20 (copy).toml",
        "2026-11-20.sync-conflict-20261120-213000-ABCDEFG.toml.tmp",
    ],
)
def test_lookalikes_are_not_sync_copies(name: str) -> None:
    assert sync_copy_of(name) is None


@pytest.mark.parametrize("name", [SYNCTHING, NEXTCLOUD, DROPBOX])
def test_a_copy_is_never_read_as_an_entry_and_check_lists_it(
    cli, data_dir: Path, name: str
) -> None:
    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(ENTRY)
    (year_folder(data_dir, 2026) / name).write_text(COPY)
    history = Store(data_dir, use_cache=False).load_all()
    assert history.entries[DAY].doc["symptoms"] == {"fatigue": 6}
    [problem] = history.problems
    assert "conflict copy of 2026-11-20" in problem.message
    assert "fatiguelog conflicts --merge" in problem.message
    result = cli("check")
    assert result.code == 1
    assert f"entries/2026/{name}: a " in result.out and "conflict copy of 2026-11-20" in result.out


def test_conflicts_lists_copies_and_changes_nothing(cli, data_dir: Path) -> None:
    assert cli("conflicts").out.startswith("No sync-conflict copies")
    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(ENTRY)
    (year_folder(data_dir, 2026) / SYNCTHING).write_text(COPY)
    (year_folder(data_dir, 2026) / NEXTCLOUD).write_text(COPY)
    before = snapshot_tree(data_dir)
    result = cli("conflicts")
    assert result.code == 0
    assert f"entries/2026/{SYNCTHING}: a Syncthing conflict copy of 2026-11-20" in result.out
    assert f"entries/2026/{NEXTCLOUD}: a Nextcloud or Dropbox conflict copy" in result.out
    assert "2 sync-conflict copies waiting" in result.out
    assert snapshot_tree(data_dir) == before


def test_merge_unites_stools_keeps_clashes_listed_and_red_flags_true(cli, data_dir: Path) -> None:
    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(ENTRY)
    copy = year_folder(data_dir, 2026) / SYNCTHING
    copy.write_text(COPY)
    result = cli("conflicts", "--merge")
    assert result.code == 0, result.err
    doc = read_entry(data_dir, DAY)
    assert doc["symptoms"] == {"fatigue": 6, "pain": 4}  # the entry's 6 kept, pain added
    assert doc["notes"] == "laptop"
    assert doc["gi"]["stools"] == [  # united, the shared one once
        {"time": time(7, 0), "bristol": 3, "straining": False},
        {"time": time(18, 0), "bristol": 5, "straining": True},
    ]
    assert doc["red_flags"] == {"fever": True, "vomiting": True}  # true on either side stays
    out = result.out
    assert "2026-11-20: merged the Syncthing copy" in out
    assert "1 bowel movement" in out and "pain 4" in out
    assert "fatigue (yours 6, the copy's 7)" in out
    assert 'notes (yours "laptop", the copy\'s "phone")' in out
    assert "fever" not in out.split("Different answers")[1]  # not a clash
    assert "!! Red flag reported on 2026-11-20: Vomiting." in out  # only the copy had it


def test_the_copy_is_moved_never_deleted(cli, data_dir: Path) -> None:
    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(ENTRY)
    copy = year_folder(data_dir, 2026) / SYNCTHING
    copy.write_text(COPY)
    copy.chmod(0o644)  # as a sync tool may leave it
    assert cli("conflicts", "--merge").code == 0
    kept = data_dir / "conflicts" / SYNCTHING
    assert not copy.exists()
    assert kept.read_text() == COPY
    assert mode(data_dir / "conflicts") == 0o700 and mode(kept) == 0o600
    # A second copy of the same name (the sync tool made another) is kept beside the first.
    copy.write_text(COPY.replace("pain = 4", "pain = 5"))
    result = cli("conflicts", "--merge")
    assert result.code == 0
    assert kept.read_text() == COPY
    second = data_dir / "conflicts" / SYNCTHING.replace(".toml", ".2.toml")
    assert "pain = 5" in second.read_text()
    assert read_entry(data_dir, DAY)["symptoms"]["pain"] == 4  # a clash: the entry's answer kept
    assert cli("check").code == 0  # nothing left waiting


def test_a_copy_with_no_entry_becomes_the_entry(cli, data_dir: Path) -> None:
    copy = year_folder(data_dir, 2026) / DROPBOX
    copy.write_text(COPY)
    result = cli("conflicts", "--merge")
    assert result.code == 0
    assert "there was no entry that day, so the copy became it" in result.out
    assert read_entry(data_dir, DAY)["symptoms"] == {"fatigue": 7, "pain": 4}
    assert (data_dir / "conflicts" / DROPBOX).read_text() == COPY


def test_merging_an_equal_copy_leaves_the_entry_byte_for_byte(cli, data_dir: Path) -> None:
    path = year_folder(data_dir, 2026) / f"{DAY}.toml"
    path.write_text(ENTRY)
    (year_folder(data_dir, 2026) / NEXTCLOUD).write_text(ENTRY)
    result = cli("conflicts", "--merge")
    assert result.code == 0 and "the copy added nothing new" in result.out
    assert path.read_text() == ENTRY


def test_a_broken_copy_or_entry_is_left_where_it_is(cli, data_dir: Path) -> None:
    (year_folder(data_dir, 2026) / f"{DAY}.toml").write_text(ENTRY)
    bad_copy = year_folder(data_dir, 2026) / SYNCTHING
    bad_copy.write_text("schema = 1\n[[[ broken")
    broken_entry = year_folder(data_dir, 2026) / "2026-11-21.toml"
    broken_entry.write_text("schema = 1\n[[[ also broken")
    other = year_folder(data_dir, 2026) / "2026-11-21 (conflicted copy 2026-11-21 101010).toml"
    other.write_text("schema = 1\ndate = 2026-11-21\n[symptoms]\nfatigue = 3\n")
    before = snapshot_tree(data_dir)
    result = cli("conflicts", "--merge")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "2 sync-conflict copies could not be merged" in result.err
    assert "the copy can't be read (not valid TOML" in result.out
    assert "the day's entry can't be read" in result.out
    assert snapshot_tree(data_dir) == before


def test_merge_rules() -> None:
    entry_doc = {
        "schema": 1,
        "date": DAY,
        "updated": 1,
        "gi": {"no_bowel_movement": True, "stools": []},
        "intake": [{"substance": "kratom", "amount": 2, "unit": "g"}],
        "mine": {"a": 1},
    }
    copy_doc = {
        "schema": 1,
        "date": DAY,
        "updated": 2,
        "gi": {"stools": [{"bristol": 4}], "no_bowel_movement": False},
        "intake": [
            {"substance": "kratom", "amount": 2, "unit": "g"},
            {"substance": "kratom", "amount": 1, "unit": "g"},
        ],
        "mine": {"a": 1, "b": 2},
    }
    merged = merge_copy(entry_doc, copy_doc)
    assert merged.doc["gi"] == {"no_bowel_movement": False, "stools": [{"bristol": 4}]}
    assert len(merged.doc["intake"]) == 2
    assert merged.doc["mine"] == {"a": 1, "b": 2}  # unknown keys are merged too
    assert merged.doc["updated"] == 1
    assert [c.path for c in merged.clashes] == []  # "none today" gives way to a stool
    assert entry_doc["gi"]["no_bowel_movement"] is True  # the caller's document untouched


@pytest.mark.parametrize("back", [0, 1, 30])
def test_a_red_flag_from_a_copy_gets_the_graded_advice(cli, data_dir: Path, back: int) -> None:
    day = date.today() - timedelta(days=back)
    where = data_dir / "entries" / f"{day.year}"
    where.mkdir(parents=True)
    (where / f"{day}.toml").write_text(f"schema = 1\ndate = {day}\n")
    (where / f"{day}.sync-conflict-20261120-213000-ABCDEFG.toml").write_text(
        f"schema = 1\ndate = {day}\n[red_flags]\nblack_stool = true\n"
    )
    result = cli("conflicts", "--merge")
    assert result.code == 0
    # The words `log red-flag` uses for that day: "today" only about today.
    advice = (RED_ADVICE if back == 0 else RED_ADVICE_LOGGED_PAST)["black_stool"]
    assert f"!! Red flag reported on {day}: Black or tarry stool. {advice}" in result.out
    logged = cli("log", "red-flag", "black_stool", "--date", str(day)).out
    assert advice in logged
    assert read_entry(data_dir, day)["red_flags"] == {"black_stool": True}


def test_a_linked_copy_is_not_followed(cli, data_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.toml"
    outside.write_text(COPY)
    (year_folder(data_dir, 2026) / SYNCTHING).symlink_to(outside)
    result = cli("conflicts", "--merge")
    assert result.code == 1 and "not a regular file" in result.out
    assert (year_folder(data_dir, 2026) / SYNCTHING).is_symlink() and outside.read_text() == COPY
    assert not (data_dir / "entries" / "2026" / "2026-11-20.toml").exists()
