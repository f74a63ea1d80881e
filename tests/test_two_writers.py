"""Two writers on the same day: no answer is silently lost."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from fatiguelog.model import Entry
from fatiguelog.store import ConflictError, Store
from tests.factories import run_cli

DAY = date(2026, 11, 25)
EACH = 30  # 90 stools in all: within the 100 a day an entry may hold


def _append_stools(root: Path, writer: int) -> None:  # pragma: no cover - runs in a child
    store = Store(root, use_cache=False)
    for n in range(EACH):

        def add(entry: Entry, n: int = n) -> None:
            gi = entry.doc.setdefault("gi", {})
            gi["stools"] = [*gi.get("stools", []), {"bristol": 4, "x_writer": f"{writer}-{n}"}]

        store.update(DAY, add)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_two_processes_logging_at_once_keep_every_stool(tmp_path: Path) -> None:
    children = []
    for writer in (1, 2, 3):
        pid = os.fork()
        if pid == 0:
            try:
                _append_stools(tmp_path, writer)
            finally:
                os._exit(0)
        children.append(pid)
    for pid in children:
        assert os.waitpid(pid, 0)[1] == 0
    entry = Store(tmp_path).read(DAY).entry
    assert entry is not None
    marks = sorted(s["x_writer"] for s in entry.doc["gi"]["stools"])
    assert len(marks) == 3 * EACH and len(set(marks)) == 3 * EACH


def test_the_cli_and_an_open_check_in_both_keep_their_answers(tmp_path: Path) -> None:
    """The app opened the day, `fatiguelog log` added a stool, then the app saved."""
    store = Store(tmp_path)
    first = Entry.new(DAY)
    first.set("symptoms", "fatigue", 3)
    store.save(first)
    opened = store.read(DAY)

    run_cli(tmp_path, "log", "stool", "2", "--date", DAY.isoformat(), "--time", "09:00", check=True)

    assert opened.entry is not None
    opened.entry.set("symptoms", "fatigue", 8)
    with pytest.raises(ConflictError):  # the later save notices; the app then merges
        store.save(opened.entry, expected=opened.fingerprint)
    from fatiguelog.merge import merge_docs

    current = store.read(DAY)
    assert current.entry is not None
    merged = merge_docs(first.doc, opened.entry.doc, current.entry.doc)
    store.save(Entry(DAY, merged.doc), expected=current.fingerprint)
    saved = store.read(DAY).entry
    assert saved is not None
    assert saved.get("symptoms", "fatigue") == 8
    assert [s.bristol for s in saved.stools] == [2]
