"""The cache holds no name the user chose (issue 11, outside finding 6): not a key of their
files (an unknown key, a tracker's key made from their question, a stool's unknown key), not
a control character of a substance name, not the data folder's path; and what it gives back
is what a read without it gives."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from fatiguelog.analysis.days import build_table
from fatiguelog.model import Entry
from fatiguelog.settings import Tracker
from fatiguelog.store import Store
from fatiguelog.vocabulary import with_trackers

DAYS = [date(2026, 3, d) for d in range(1, 6)]
SECRETS = [
    "SECRET_symptom_name",
    "SECRET_suicidal_thoughts",
    "SECRET_declared",
    "SECRET_removed",
    "SECRET_stool_key",
    "SECRET_odd_section",
]
QUESTIONS = with_trackers(
    [Tracker(key="SECRET_declared", label="Mine", kind="number", minimum=0, maximum=100)]
)


def make_history(root: Path) -> None:
    store = Store(root, use_cache=False)
    for i, day in enumerate(DAYS):
        entry = Entry.new(day)
        entry.set("symptoms", "fatigue", i)
        store.save(entry)
        path = store.path(day)
        path.write_text(
            path.read_text()
            + (
                f"\n[custom]\nSECRET_declared = {i}\nSECRET_removed = {i + 1}\n"
                f"\n[trackers]\nSECRET_suicidal_thoughts = 8\n"
                f"\n[SECRET_odd_section]\nx = 1\n"
                f"\n[gi]\nstools = [{{ bristol = 4, SECRET_stool_key = 2 }}]\n"
                f'\n[[intake]]\nsubstance = "kra\\u001b[31mtom\\u0007"\namount = {i + 1}\n'
                f'unit = "g"\n'
            ).replace("[symptoms]\n", f"[symptoms]\nSECRET_symptom_name = {i}\n", 1)
        )


def table(store: Store):
    records = store.load_records().records
    return build_table(sorted(records.items()), DAYS[0], DAYS[-1], questions=QUESTIONS)


def cache_bytes(folder: Path) -> bytes:
    """Every cache file's bytes but the key's (32 random bytes: one in eight holds an ESC)."""
    return b"".join(
        p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != "key"
    )


def test_no_name_the_user_chose_is_in_the_cache(tmp_path: Path, private_cache: Path) -> None:
    root = tmp_path / "data-SECRETFOLDER"
    make_history(root)
    table(Store(root))
    table(Store(root))  # a second run, from the cache
    stored = cache_bytes(private_cache)
    assert stored and b"symptoms" not in stored  # (a built-in key is hashed too)
    for secret in SECRETS:
        assert secret.encode() not in stored, secret
    assert b"SECRETFOLDER" not in stored
    assert os.path.realpath(root).encode() not in stored
    # A control character is looked for in the records (JSON text), not in the random key
    # file, whose bytes may hold an ESC by chance (1 run in 8).
    records = b"".join(p.read_bytes() for p in sorted(private_cache.rglob("*.json")))
    assert records and b"\\u001b" not in records and b"\\u0007" not in records
    assert b"\x1b" not in records
    assert b"kra" in stored  # (the substance is kept, without its control characters)


def test_figures_from_the_cache_are_those_of_a_read_without_it(tmp_path: Path) -> None:
    root = tmp_path / "data"
    make_history(root)
    plain = table(Store(root, use_cache=False))
    for _run in range(2):  # cold, then from the cache
        cached = table(Store(root))
        assert cached.ratings == plain.ratings
        assert "custom.SECRET_removed" in cached.ratings  # a removed tracker still shows
        assert cached.ratings["custom.SECRET_declared"] == [0, 1, 2, 3, 4]
        assert [q.key for q in cached.questions] == [q.key for q in plain.questions]
        assert {k: (t.name, t.totals) for k, t in cached.intake.items()} == {
            k: (t.name, t.totals) for k, t in plain.intake.items()
        }
        assert cached.bristol_sum.per_day == plain.bristol_sum.per_day == [4] * 5
    [track] = plain.intake.values()
    assert "\x1b" not in track.name and "\x07" not in track.name


def test_a_path_asked_for_and_not_there_is_found_once_a_record_has_it() -> None:
    """A layout read back from the cache remembers the paths it hashed and did not find (a
    CSV asks each day's row); one a record is made with afterwards is found all the same."""
    from fatiguelog.dayrecord import Layout

    def hash_of(path: tuple[str, ...]) -> str:
        return "k" + "/".join(path)

    layout = Layout.of_hashes(["ksymptoms/fatigue"], [], hash_of)
    assert layout.find(("symptoms", "pem")) is None
    assert layout.find(("symptoms", "pem")) is None
    assert layout.find(("symptoms", "fatigue")) == 0
    at = layout.position(("symptoms", "pem"))
    assert at == 1
    assert layout.find(("symptoms", "pem")) == 1
