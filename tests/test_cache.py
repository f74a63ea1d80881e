"""The entry cache only ever saves time: every change on disk is seen at once."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from fatiguelog import cache as cache_module
from fatiguelog import store as store_module
from fatiguelog.model import Entry
from fatiguelog.store import Store

DAYS = [date(2026, 3, d) for d in range(1, 6)]


@pytest.fixture(autouse=True)
def no_racy_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test are seconds-fresh; trust them as if they were old."""
    monkeypatch.setattr(cache_module, "RACY_NS", -(10**18))


def make_history(root: Path) -> Store:
    store = Store(root, use_cache=False)
    for i, day in enumerate(DAYS):
        entry = Entry.new(day)
        entry.set("symptoms", "fatigue", i)
        store.save(entry)
    return Store(root)


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("entries-*.json")) if folder.exists() else []


def fatigue(store: Store) -> dict[date, int]:
    return {d: e.get("symptoms", "fatigue") for d, e in store.load_all().entries.items()}


def test_second_load_comes_from_the_cache(tmp_path: Path, private_cache: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_history(tmp_path / "data")
    first = fatigue(store)
    assert len(cache_files(private_cache)) == 1
    assert cache_files(private_cache)[0].stat().st_mode & 0o777 == 0o600

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


def test_an_edit_with_the_same_size_and_mtime_is_still_seen(tmp_path: Path) -> None:
    store = make_history(tmp_path / "data")
    fatigue(store)
    path = store.path(DAYS[2])
    before = path.stat()
    with open(path, "r+") as handle:  # in place: same inode, same size
        text = handle.read()
        handle.seek(0)
        handle.write(text.replace("fatigue = 2", "fatigue = 7"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert path.stat().st_size == before.st_size
    assert fatigue(store)[DAYS[2]] == 7


def test_an_edit_in_the_same_clock_tick_is_not_trusted(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "RACY_NS", 3_000_000_000)
    store = make_history(tmp_path / "data")
    fatigue(store)  # files are fresh: cached but not trusted yet
    parsed: list[str] = []
    original = store_module.parse_entry_bytes

    def counting(raw, rel, day):
        parsed.append(rel)
        return original(raw, rel, day)

    monkeypatch.setattr(store_module, "parse_entry_bytes", counting)
    fatigue(store)
    assert len(parsed) == len(DAYS)


def test_a_deleted_entry_disappears(tmp_path: Path) -> None:
    store = make_history(tmp_path / "data")
    fatigue(store)
    store.path(DAYS[0]).unlink()
    assert DAYS[0] not in fatigue(store)


def test_a_new_entry_appears_and_a_broken_one_is_reported(tmp_path: Path) -> None:
    store = make_history(tmp_path / "data")
    fatigue(store)
    broken = store.path(date(2026, 3, 9))
    broken.write_text("not = [toml")
    history = store.load_all()
    assert [p.file for p in history.problems] == ["entries/2026/2026-03-09.toml"]
    assert [p.file for p in store.load_all().problems] == ["entries/2026/2026-03-09.toml"]


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"[1, 2, 3]", b'{"format": "something-else", "files": {}}',
     b'{"format": "fatiguelog-entry-cache", "version": 1, "app": "0.1.0", "root": "/x",'
     b' "files": {}}', b"\x80\x04\x95pickle"],
)
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(
    tmp_path: Path, private_cache: Path, content: bytes
) -> None:
    store = make_history(tmp_path / "data")
    expected = fatigue(store)
    [path] = cache_files(private_cache)
    path.write_bytes(content)
    assert fatigue(store) == expected
    assert json.loads(path.read_bytes())["format"] == "fatiguelog-entry-cache"


def test_a_cache_record_of_the_wrong_shape_is_read_again(tmp_path: Path, private_cache: Path
                                                          ) -> None:
    store = make_history(tmp_path / "data")
    expected = fatigue(store)
    [path] = cache_files(private_cache)
    data = json.loads(path.read_bytes())
    for rel in data["files"]:
        data["files"][rel][1] = "not a document"
    path.write_text(json.dumps(data))
    assert fatigue(store) == expected


def test_an_unwritable_cache_folder_does_not_stop_loading(tmp_path: Path) -> None:
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache folder should be")
    store = make_history(tmp_path / "data")
    cached = Store(store.root, cache_dir=blocker / "sub")
    assert fatigue(cached) == {d: i for i, d in enumerate(DAYS)}


def test_a_key_that_looks_like_a_cache_tag_stays_a_table(tmp_path: Path) -> None:
    store = make_history(tmp_path / "data")
    path = store.path(DAYS[1])
    path.write_text(path.read_text() + '\n[odd]\n"$d" = "2020-01-01"\n')
    fatigue(store)
    assert store.load_all().entries[DAYS[1]].doc["odd"] == {"$d": "2020-01-01"}
