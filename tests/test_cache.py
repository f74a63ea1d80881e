"""The day-record cache only ever saves time, and cannot be made to lie.

Every change on disk is seen at once (records are checked against a keyed hash of the file's
bytes, never against timestamps); a crafted or copied cache shows nothing the TOML files
don't hold; no free text is ever written to it; an app upgrade keeps it, a format change
rebuilds it; the caches of a data folder that is gone are deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from fatiguelog import cache as cache_module
from fatiguelog import store as store_module
from fatiguelog.dayrecord import DayRecord
from fatiguelog.model import Entry
from fatiguelog.store import Store
from tests.another_version import run_as_version

DAYS = [date(2026, 3, d) for d in range(1, 6)]


#: What an older fatiguelog did that filled the record caches: read the whole history.
FILL_RECORDS = """
import sys
from pathlib import Path
from fatiguelog.store import Store
Store(Path(sys.argv[1])).load_records()
"""


def make_history(root: Path) -> Store:
    store = Store(root, use_cache=False)
    for i, day in enumerate(DAYS):
        entry = Entry.new(day)
        entry.set("symptoms", "fatigue", i)
        entry.set("red_flags", "fever", False)
        store.save(entry)
    return Store(root)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("days-*.json")) if folder.exists() else []


def fatigue(store: Store) -> dict[date, object]:
    return {d: r.value("symptoms", "fatigue") for d, r in store.load_records().records.items()}


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    parsed: list[str] = []
    original = store_module.parse_entry_bytes

    def counting(raw, rel, day, **options):
        parsed.append(rel)
        return original(raw, rel, day, **options)

    monkeypatch.setattr(store_module, "parse_entry_bytes", counting)
    return parsed


def read_cache(path: Path) -> tuple[bytes, dict]:
    mac, _nl, body = path.read_bytes().partition(b"\n")
    return mac, json.loads(body)


def at(folder: Path, data: dict, *path: str) -> int:
    """Where a key path's values are in a cache file (it holds the path's keyed hash only)."""
    key = (folder / "key").read_bytes()
    return data["paths"].index(cache_module.RecordCache(folder, folder, "x", key).path_hash(path))


def named(records: dict, like: dict) -> dict:
    """Records read from the cache, their paths named as a reader names them (by asking for
    each path a fresh read has): a cached layout knows its paths by hash until asked."""
    for day, record in records.items():
        if day in like:
            for path in like[day].answers():
                record.layout.find(path)
            for stool, _time in like[day].stool_answers():
                for key in stool:
                    record.layout.stool_find(key)
    return records


def write_cache(path: Path, data: dict, key: bytes | None) -> None:
    """A cache file as an attacker (no key) or as fatiguelog itself (the key) would write it."""
    body = json.dumps(data, separators=(",", ":")).encode()
    mac = (
        hashlib.blake2b(body, key=key or os.urandom(32), digest_size=32, person=b"fl-cache")
        .hexdigest()
        .encode()
    )
    path.write_bytes(mac + b"\n" + body)


def test_second_load_comes_from_the_cache(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_history(tmp_path / "data")
    first = fatigue(store)
    [path] = cache_files(private_cache)
    assert path.stat().st_mode & 0o777 == 0o600
    assert (private_cache / "key").stat().st_mode & 0o777 == 0o600
    assert private_cache.stat().st_mode & 0o777 == 0o700

    def no_reading(*args, **kwargs):
        raise AssertionError("a cached file was parsed again")

    monkeypatch.setattr("fatiguelog.store.parse_entry_bytes", no_reading)
    assert fatigue(store) == first


def test_a_hand_edited_entry_is_seen_at_once(tmp_path: Path) -> None:
    store = make_history(tmp_path / "data")
    fatigue(store)
    path = store.path(DAYS[2])
    path.write_text(path.read_text().replace("fatigue = 2", "fatigue = 9"))
    assert fatigue(store)[DAYS[2]] == 9


def test_an_edit_in_the_same_second_at_the_same_size_is_seen_at_once(tmp_path: Path) -> None:
    """Timestamps are never trusted: same inode, same size, the mtime set back to what it
    was (a coarse or skewed clock gives the same), and still the new value."""
    store = make_history(tmp_path / "data")
    fatigue(store)
    path = store.path(DAYS[2])
    before = path.stat()
    with open(path, "r+") as handle:  # in place: same inode, same size
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace("fatigue = 2", "fatigue = 7"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_mtime_ns, path.stat().st_size) == (before.st_mtime_ns, before.st_size)
    assert fatigue(store)[DAYS[2]] == 7


def test_a_deleted_entry_disappears_and_a_new_one_appears(tmp_path: Path) -> None:
    store = make_history(tmp_path / "data")
    fatigue(store)
    store.path(DAYS[0]).unlink()
    Store(store.root, use_cache=False).save(Entry.new(date(2026, 3, 9)))
    days = set(fatigue(store))
    assert DAYS[0] not in days and date(2026, 3, 9) in days


def test_a_broken_entry_is_reported_from_the_cache_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = make_history(tmp_path / "data")
    store.path(date(2026, 3, 9)).write_text("not = [toml")
    first = store.load_records().problems
    assert [p.file for p in first] == ["entries/2026/2026-03-09.toml"]
    parsed = count_parses(monkeypatch)
    assert store.load_records().problems == first
    assert parsed == []  # the broken file's problems came from the cache


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\xff garbage",
        b"[1, 2, 3]",
        b'{"format": "fatiguelog-day-records", "files": {}}',
        b"0" * 64 + b'\n{"format": "fatiguelog-day-records", "files": {}}',
        b"\x80\x04\x95pickle",
    ],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
    tmp_path: Path, private_cache: Path, content: bytes
) -> None:
    store = make_history(tmp_path / "data")
    expected = fatigue(store)
    [path] = cache_files(private_cache)
    path.write_bytes(content)
    assert fatigue(store) == expected
    _mac, data = read_cache(path)  # rebuilt in this version's own form
    assert data["format"] == "fatiguelog-day-records"


def test_a_crafted_cache_with_a_matching_stat_but_other_content_is_ignored(
    tmp_path: Path, private_cache: Path
) -> None:
    """The attack on the old cache: keep every file's stat, change what it says (a red flag,
    a rating). Without the cache's key the MAC can't be made, so the whole file is ignored."""
    store = make_history(tmp_path / "data")
    fatigue(store)
    [path] = cache_files(private_cache)
    _mac, data = read_cache(path)
    fever = at(private_cache, data, "red_flags", "fever")
    rating = at(private_cache, data, "symptoms", "fatigue")
    for _digest, _problems, record in data["files"].values():
        record[0][fever] = True
        record[0][rating] = 10
    write_cache(path, data, key=None)
    records = store.load_records().records
    assert not any(r.red_flags for r in records.values())
    assert {d: r.value("symptoms", "fatigue") for d, r in records.items()} == {
        d: i for i, d in enumerate(DAYS)
    }
    from fatiguelog.report import summarize
    from fatiguelog.settings import Settings

    summary = summarize(store, Settings(), DAYS[0], DAYS[-1])
    assert not summary.alarms and not summary.banner


def test_a_record_moved_to_another_file_is_ignored(tmp_path: Path, private_cache: Path) -> None:
    """Even a cache made with the right key (a bug, or an attacker who has it) can't pin a
    record to a file whose bytes it was not made from: day 2 gets day 4's record (and hash)
    with a red flag added, and day 2 is read from its file."""
    store = make_history(tmp_path / "data")
    fatigue(store)
    [path] = cache_files(private_cache)
    key = (private_cache / "key").read_bytes()
    _mac, data = read_cache(path)
    files = data["files"]
    donor = list(files[f"{DAYS[4]}.toml"])
    donor[2][0][at(private_cache, data, "red_flags", "fever")] = True
    files[f"{DAYS[2]}.toml"] = donor
    write_cache(path, data, key=key)
    records = store.load_records().records
    assert records[DAYS[2]].value("symptoms", "fatigue") == 2
    assert records[DAYS[2]].red_flags == []


def test_a_record_of_the_wrong_shape_is_read_again(tmp_path: Path, private_cache: Path) -> None:
    store = make_history(tmp_path / "data")
    expected = fatigue(store)
    [path] = cache_files(private_cache)
    key = (private_cache / "key").read_bytes()
    _mac, data = read_cache(path)
    for item in data["files"].values():
        item[2] = "not a record"
    write_cache(path, data, key=key)
    assert fatigue(store) == expected


def test_an_escaped_key_never_becomes_a_time_on_the_second_run(tmp_path: Path) -> None:
    """`{ "\\u0024t" = "07:00:00" }` in a stool turned the table into a time when the old cache
    matched its tag on the file's bytes. Records hold no tags and no text: both runs agree
    with the file, and the document keeps the table."""
    store = make_history(tmp_path / "data")
    path = store.path(DAYS[1])
    path.write_text(
        path.read_text() + '\n[gi]\nstools = [{ bristol = 4, "\\u0024t" = "07:00:00",'
        ' "\\u0024d" = "2020-01-01" }]\n\n[odd]\n"$d" = "2020-01-01"\n'
    )
    runs = [store.load_records(), store.load_records()]
    named(runs[1].records, runs[0].records)
    for history in runs:
        assert history.problems == []
        record = history.records[DAYS[1]]
        assert record.stool_answers() == [({"bristol": 4}, None)]
    assert runs[0].records == runs[1].records
    doc = store.load_all().entries[DAYS[1]].doc
    assert doc["gi"]["stools"][0]["$t"] == "07:00:00"
    assert doc["odd"] == {"$d": "2020-01-01"}


# Why 14 "the cache is keyed on the app version": fails at 07dcd77^ (ported: load_all).
def test_an_app_upgrade_keeps_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_history(tmp_path / "data")
    # (the cache filled by another installed version, in its own process)
    run_as_version(tmp_path / "older", "0.0.1", FILL_RECORDS, str(store.root))
    parsed = count_parses(monkeypatch)
    fatigue(Store(store.root))
    assert parsed == []


@pytest.mark.parametrize("version", ["ENTRY_FORMAT", "LAYOUT"])
def test_a_format_change_rebuilds_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, private_cache: Path, version: str
) -> None:
    store = make_history(tmp_path / "data")
    fatigue(store)
    monkeypatch.setattr(cache_module, version, getattr(cache_module, version) + 1)
    parsed = count_parses(monkeypatch)
    assert fatigue(Store(store.root)) == {d: i for i, d in enumerate(DAYS)}
    assert len(parsed) == len(DAYS)
    _mac, data = read_cache(cache_files(private_cache)[0])
    assert data[version.lower()] == getattr(cache_module, version)
    parsed.clear()
    fatigue(Store(store.root))
    assert parsed == []


def test_no_free_text_is_ever_cached(tmp_path: Path, private_cache: Path) -> None:
    """Notes, dose forms, text answers (a mistyped value too: its problem names the kind of
    value only), unknown sections, custom trackers' text: none of it reaches the cache."""
    root = tmp_path / "data"
    store = make_history(root)
    secrets = [
        "SECRET-NOTE",
        "SECRET-FORM",
        "SECRET-MISTYPED",
        "SECRET-NEWER",
        "SECRET-CUSTOM",
        "SECRET-KEY-TEXT",
    ]
    path = store.path(DAYS[3])
    path.write_text(
        'notes = "SECRET-NOTE, and a line\\nmore"\n'
        'intake = [{ substance = "kratom", amount = 2, unit = "g", form = "SECRET-FORM" }]\n'
        + path.read_text()
        + '[custom]\nmood = 4\nwhy = "SECRET-CUSTOM"\n'
        '[newer]\nthing = "SECRET-NEWER"\nsub = { inner = "SECRET-KEY-TEXT", n = 3 }\n'
    )
    mistyped = store.path(DAYS[2])  # a broken file: its problem names the kind of value
    mistyped.write_text(mistyped.read_text() + '[sleep]\nhours = "SECRET-MISTYPED"\n')
    store.path(DAYS[4]).write_text(
        store.path(DAYS[4])
        .read_text()
        .replace("fatigue = 4", 'fatigue = 4\nnote = """SECRET-NOTE multi\nline"""')
    )
    history = store.load_records()
    assert any("sleep.hours" in p.message for p in history.problems)
    store.load_records()
    written = b"".join(p.read_bytes() for p in private_cache.iterdir())
    for secret in secrets:
        assert secret.encode() not in written, secret
    assert b"kratom" in written  # substance names stay: intake analysis groups by them
    good = store.load_records().records[DAYS[4]]
    assert good.value("symptoms", "fatigue") == 4


def test_every_scalar_answer_is_kept_by_its_key_path(tmp_path: Path) -> None:
    """Generic over key paths: a question this version doesn't know (a tracker of the user's
    own under [custom], a newer section) is in the record with no change to the cache."""
    store = make_history(tmp_path / "data")
    path = store.path(DAYS[0])
    path.write_text(
        path.read_text() + "[custom]\ndizzy = 6\nnaps = 1.5\nsalt = true\n"
        "[newer]\ndeep = { n = 2 }\n"
    )
    for _run in range(2):
        record = store.load_records().records[DAYS[0]]
        assert record.section("custom") == {"dizzy": 6, "naps": 1.5, "salt": True}
        assert record.at("newer", "deep", "n") == 2


def test_records_match_the_documents(tmp_path: Path) -> None:
    """What the cache gives back is what a fresh read of every file gives."""
    from fatiguelog.demo_history import generate

    root = tmp_path / "data"
    generate(root, days=120, seed=5, end=date(2026, 11, 25))
    store = Store(root)
    fresh = {d: DayRecord.of(e.doc) for d, e in store.load_all().entries.items()}
    assert store.load_records().records == fresh  # cold
    assert named(store.load_records().records, fresh) == fresh  # from the cache


def test_an_unwritable_cache_folder_does_not_stop_loading(tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    store = make_history(tmp_path / "data")
    cached = Store(store.root, cache_dir=blocker / "sub")
    assert fatigue(cached) == {d: i for i, d in enumerate(DAYS)}


def test_the_caches_of_a_deleted_data_folder_named_by_an_old_marker_are_removed(
    tmp_path: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`days-<id>.root` markers (written before LAYOUT 3) named the data folder in clear:
    used one last time to delete a deleted folder's caches, then deleted; none is written
    any more (the folder is named nowhere in the cache)."""
    gone = make_history(tmp_path / "gone")
    fatigue(gone)
    gone_id = cache_module.root_id(gone.root)
    (private_cache / f"days-{gone_id}.root").write_text(os.path.realpath(gone.root))
    old_format = private_cache / "entries-0123456789abcdef-2026.json"  # held notes
    old_format.write_text('{"files": {"x": [0, {"notes": "private"}]}}')
    kept = make_history(tmp_path / "kept")
    fatigue(kept)
    (private_cache / f"days-{cache_module.root_id(kept.root)}.root").write_text(
        os.path.realpath(kept.root)
    )
    assert len(cache_files(private_cache)) == 2
    shutil.rmtree(gone.root)
    monkeypatch.setattr(cache_module, "_swept", set())  # as in a new process
    kept.path(DAYS[0]).write_text(kept.path(DAYS[0]).read_text() + "\n")  # a cache to write
    fatigue(kept)
    left = cache_files(private_cache)
    assert len(left) == 1 and cache_module.root_id(kept.root) in left[0].name
    assert not old_format.exists()
    assert not list(private_cache.glob(f"days-{gone_id}*"))
    assert not list(private_cache.glob("*.root"))
