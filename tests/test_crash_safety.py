"""Crashes and storage faults never leave a half-written or lost entry.

A forked child saves one day's entry over and over (every save atomic: temporary file, fsync,
rename); the parent kills it with SIGKILL at a random moment, hundreds of times, and checks
that the file on disk is always one complete version.
"""

from __future__ import annotations

import errno
import os
import random
import signal
import time
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.model import Entry
from fatiguelog.store import Status, Store, StoreError

DAY = date(2026, 11, 25)
KILLS = 300


def version(k: int) -> Entry:
    """Version k of the day: its size grows with k so a torn write would show."""
    entry = Entry.new(DAY)
    entry.set("symptoms", "fatigue", k % 11)
    entry.doc["notes"] = f"version {k} " + "x" * (k % 97) * 13
    entry.doc["gi"] = {"stools": [{"bristol": 1 + k % 7}] * (1 + k % 3)}
    return entry


def matches_some_version(doc: dict) -> int | None:
    k = int(doc["notes"].split()[1])
    expected = version(k).doc
    same = {key: value for key, value in doc.items() if key != "updated"} == expected
    return k if same else None


def _writer(root: Path, start: int, ready_fd: int) -> None:  # pragma: no cover - runs in child
    store = Store(root, use_cache=False)
    store.save(version(start))
    os.write(ready_fd, b"1")  # the kill comes after this first save, at a random later moment
    k = start + 1
    while True:
        store.save(version(k))
        k += 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path: Path) -> None:
    store = Store(tmp_path, use_cache=False)
    store.save(version(0))
    rng = random.Random(1234)
    seen: set[int] = set()
    for kill in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: save until killed
            os.close(read_fd)
            try:
                _writer(tmp_path, kill * 1000, write_fd)
            finally:
                os._exit(1)
        os.close(write_fd)
        os.read(read_fd, 1)
        os.close(read_fd)
        time.sleep(rng.uniform(0, 0.004))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

        day = store.read(DAY)
        assert day.status is Status.OK, (kill, day.problems)
        assert day.entry is not None
        k = matches_some_version(day.entry.doc)
        assert k is not None, f"kill {kill}: the file is not any complete version"
        seen.add(k)
    # Each child saved at least once before its kill, so every kill leaves a version of its own.
    assert len(seen) == KILLS


@pytest.mark.parametrize(
    ("target", "code", "words"),
    [
        ("os.fsync", errno.ENOSPC, "disk is full"),  # delayed allocation fails at fsync
        ("os.open", errno.ENOSPC, "disk is full"),
        ("os.open", errno.EROFS, "read-only"),
        ("os.open", errno.EACCES, "Permission denied"),
        ("os.replace", errno.EACCES, "Permission denied"),
    ],
)
def test_a_storage_fault_is_one_clear_sentence_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, code: int, words: str
) -> None:
    store = Store(tmp_path, use_cache=False)
    store.save(version(1))
    before = store.path(DAY).read_bytes()

    def failing(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(target, failing)
    with pytest.raises(StoreError) as caught:
        store.save(version(2))
    monkeypatch.undo()
    message = str(caught.value)
    assert words in message and "\n" not in message and message.endswith(".")
    assert store.path(DAY).read_bytes() == before
    assert sorted(p.name for p in store.path(DAY).parent.iterdir()) == [f"{DAY}.toml"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    store = Store(tmp_path, use_cache=False)
    store.save(version(1))
    folder = store.path(DAY).parent
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="Permission denied"):
            store.save(version(2))
    finally:
        folder.chmod(0o700)
    assert matches_some_version(tomllib.loads(store.path(DAY).read_text())) == 1


def test_a_file_that_cannot_be_read_is_a_problem_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path, use_cache=False)
    store.save(version(1))
    store.save(Entry.new(date(2026, 11, 24)))
    from fatiguelog import store as store_module

    def unreadable(real: Callable[[str], bytes]) -> Callable[[str], bytes]:
        def read(path: str) -> bytes:
            if path.endswith(f"{DAY}.toml"):
                raise PermissionError(errno.EACCES, "Permission denied", path)
            return real(path)

        return read

    # Both ways a file is read: the careful one, and the quick one for a listed regular file.
    monkeypatch.setattr(store_module, "read_bytes", unreadable(store_module.read_bytes))
    monkeypatch.setattr(store_module, "_read_regular", unreadable(store_module._read_regular))
    history = store.load_all()
    assert list(history.entries) == [date(2026, 11, 24)]
    assert "Permission denied" in history.problems[0].message
    day = store.read(DAY)
    assert day.status is Status.BROKEN
    with pytest.raises(StoreError):
        store.save(version(3))


def test_a_real_full_disk_is_reported(tmp_path: Path) -> None:
    """A file system with no room left (a tiny fill of /dev/full is the simplest real one)."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with pytest.raises(OSError) as caught, open("/dev/full", "wb") as handle:
        handle.write(b"x" * 10)
        handle.flush()
    assert caught.value.errno == errno.ENOSPC
    from fatiguelog.store import describe_os_error

    assert describe_os_error(caught.value, tmp_path / "x.toml").startswith("The disk is full")
