"""The entry store: files exactly as the format says, atomic, private, and never destructive."""

from __future__ import annotations

import tomllib
from datetime import date, time
from pathlib import Path

import pytest

from fatiguelog.model import Entry
from fatiguelog.store import (
    BrokenEntryError,
    ConflictError,
    ReadOnlyEntryError,
    Status,
    Store,
    dump_entry,
)
from tests.conftest import mode
from tests.factories import put_entry

DAY = date(2026, 11, 25)
HEAD = "schema = 1\ndate = 2026-11-25\n"


def test_save_writes_the_file_the_format_describes(tmp_path: Path) -> None:
    store = Store(tmp_path)
    entry = Entry.new(DAY)
    entry.set("symptoms", "fatigue", 7)
    entry.doc["gi"] = {"stools": [{"time": time(7, 40), "bristol": 2, "straining": True}]}
    store.save(entry)

    path = tmp_path / "entries" / "2026" / "2026-11-25.toml"
    doc = tomllib.loads(path.read_text())
    assert doc["schema"] == 1
    assert doc["date"] == DAY
    assert doc["symptoms"] == {"fatigue": 7}
    assert doc["gi"]["stools"] == [{"time": time(7, 40), "bristol": 2, "straining": True}]
    assert "T" in path.read_text().split("updated = ")[1].splitlines()[0]
    assert mode(path) == 0o600
    for folder in (tmp_path / "entries", tmp_path / "entries" / "2026"):
        assert mode(folder) == 0o700


def test_unknown_keys_survive_a_rewrite(tmp_path: Path) -> None:
    put_entry(
        tmp_path,
        DAY,
        'schema = 1\ndate = 2026-11-25\nmood = "ok"\n'
        "[symptoms]\nfatigue = 3\nhand_tremor = 2\n[custom]\nx = [1, 2]\n",
    )
    store = Store(tmp_path)
    day = store.read(DAY)
    assert day.entry is not None
    day.entry.set("symptoms", "pain", 4)
    store.save(day.entry, expected=day.fingerprint)
    doc = tomllib.loads(store.path(DAY).read_text())
    assert doc["mood"] == "ok"
    assert doc["symptoms"] == {"fatigue": 3, "hand_tremor": 2, "pain": 4}
    assert doc["custom"] == {"x": [1, 2]}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("schema = 1\ndate = 2026-11-25\n[symptoms\nfatigue = 3\n", 3, "not valid TOML"),
        ("schema = 1\ndate = 2026-11-25\n[symptoms]\nfatigue = 11\n", 4, "0 to 10"),
        ("schema = 1\ndate = 2026-11-25\n[symptoms]\nfatigue = true\n", 4, "0 to 10"),
        ("schema = 1\ndate = 2026-11-25\n[sleep]\nhours = 25\n", 4, "0 to 24"),
        ("schema = 1\ndate = 2026-11-25\n[sleep]\nquality = 4.5\n", 4, "whole number"),
        ("schema = 1\ndate = 2026-11-24\n", 2, "does not match"),
        ("date = 2026-11-25\n", None, "missing 'schema'"),
        ("schema = 1\n", None, "missing 'date'"),
        ("schema = 1\ndate = 2026-11-25\n[gi]\nstools = [{bristol = 8}]\n", 4, "1 to 7"),
        (
            'schema = 1\ndate = 2026-11-25\n[gi]\nstools = [{bristol = 3, straining = "yes"}]\n',
            4,
            "true or false",
        ),
        (
            HEAD + "[gi]\nstools = [{bristol = 3}]\nno_bowel_movement = true\n",
            5,
            "bowel movements are listed",
        ),
        (HEAD + '[[intake]]\nsubstance = "kratom"\namount = 0\nunit = "g"\n', 5, "above 0"),
        (HEAD + '[[intake]]\nsubstance = "kratom"\namount = 2\nunit = "kg"\n', 6, "unit must be"),
        ("schema = 1\ndate = 2026-11-25\n[red_flags]\nvomiting = 1\n", 4, "true or false"),
        ("schema = 1\ndate = 2026-11-25\n[diet]\nwater_ml = -5\n", 4, "from 0 to 1,000,000"),
        ("schema = 1\ndate = 2026-11-25\nsymptoms = 5\n", 3, "must be a table"),
    ],
)
def test_a_broken_file_is_reported_with_its_line_and_left_untouched(
    tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    path = put_entry(tmp_path, DAY, text)
    store = Store(tmp_path)
    day = store.read(DAY)
    assert day.status is Status.BROKEN
    assert any(words in p.message for p in day.problems), day.problems
    assert day.problems[0].line == line
    assert day.problems[0].file == "entries/2026/2026-11-25.toml"

    entry = Entry.new(DAY)
    with pytest.raises(BrokenEntryError):
        store.save(entry)
    with pytest.raises(BrokenEntryError):
        store.update(DAY, lambda e: e.set("symptoms", "fatigue", 1))
    assert path.read_text() == text


def test_the_rest_of_the_history_loads_beside_a_broken_file(tmp_path: Path) -> None:
    put_entry(tmp_path, DAY, "this is not toml")
    put_entry(
        tmp_path, date(2026, 11, 24), "schema = 1\ndate = 2026-11-24\n[symptoms]\nfatigue = 5\n"
    )
    (tmp_path / "entries" / "2026" / "notes.toml").write_text("x = 1")
    (tmp_path / "entries" / "2026" / "2026-11-23.toml.bak").write_text("junk")
    history = Store(tmp_path).load_all()
    assert list(history.entries) == [date(2026, 11, 24)]
    files = sorted(p.file for p in history.problems)
    assert files == ["entries/2026/2026-11-25.toml", "entries/2026/notes.toml"]


def test_non_utf8_bytes_are_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = put_entry(tmp_path, DAY, "")
    path.write_bytes(b'schema = 1\ndate = 2026-11-25\nnotes = "\xff\xfe"\n')
    day = Store(tmp_path).read(DAY)
    assert day.status is Status.BROKEN
    assert "UTF-8" in day.problems[0].message


def test_a_newer_schema_is_read_but_never_rewritten(tmp_path: Path) -> None:
    text = 'schema = 2\ndate = 2026-11-25\n[symptoms]\nfatigue = 4\n[future]\nthing = "x"\n'
    path = put_entry(tmp_path, DAY, text)
    store = Store(tmp_path)
    day = store.read(DAY)
    assert day.status is Status.FUTURE
    assert day.entry is not None and day.entry.get("symptoms", "fatigue") == 4
    assert store.load_all().entries[DAY].get("symptoms", "fatigue") == 4
    with pytest.raises(ReadOnlyEntryError):
        store.save(day.entry)
    assert path.read_text() == text


def test_a_newer_schema_with_unreadable_parts_keeps_the_readable_ones(tmp_path: Path) -> None:
    put_entry(
        tmp_path,
        DAY,
        'schema = 3\ndate = 2026-11-25\n[symptoms]\nfatigue = "high"\n[sleep]\nhours = 7\n',
    )
    day = Store(tmp_path).read(DAY)
    assert day.status is Status.FUTURE
    assert day.entry is not None
    assert day.entry.get("sleep", "hours") == 7
    assert day.entry.section("symptoms") is None
    assert day.problems


def test_save_notices_a_file_changed_behind_its_back(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = Entry.new(DAY)
    first.set("symptoms", "fatigue", 5)
    store.save(first)
    opened = store.read(DAY)
    store.update(DAY, lambda e: e.set("symptoms", "pain", 2))  # another terminal

    assert opened.entry is not None
    opened.entry.set("symptoms", "fatigue", 8)
    with pytest.raises(ConflictError) as caught:
        store.save(opened.entry, expected=opened.fingerprint)
    assert caught.value.current.entry is not None
    assert caught.value.current.entry.get("symptoms", "pain") == 2
    assert tomllib.loads(store.path(DAY).read_text())["symptoms"] == {"fatigue": 5, "pain": 2}


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from fatiguelog.store import StoreError

    store = Store(tmp_path)
    entry = Entry.new(DAY)
    entry.set("symptoms", "fatigue", 5)
    store.save(entry)
    before = store.path(DAY).read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    entry.set("symptoms", "fatigue", 9)
    with pytest.raises(StoreError, match="disk is full"):
        store.save(entry)
    assert store.path(DAY).read_bytes() == before
    assert [p.name for p in store.path(DAY).parent.iterdir()] == ["2026-11-25.toml"]


def test_dump_is_readable_toml_with_schema_and_date_first() -> None:
    entry = Entry(DAY, {"notes": "a\nb", "date": DAY, "schema": 1})
    text = dump_entry(entry).decode()
    assert text.splitlines()[:2] == ["schema = 1", "date = 2026-11-25"]
    assert tomllib.loads(text)["notes"] == "a\nb"


def test_load_range_reads_only_the_days_asked_for(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for day in (date(2024, 12, 30), date(2025, 1, 2), date(2025, 6, 1), date(2026, 1, 1)):
        store.save(Entry.new(day))
    history = store.load_range(date(2025, 1, 1), date(2025, 12, 31))
    assert list(history.entries) == [date(2025, 1, 2), date(2025, 6, 1)]
    assert min(store.load_all().entries) == date(2024, 12, 30)
