"""Small, deterministic histories written to a data folder, for the report and screen tests.

Each history is a function of a day index, so a test can say exactly which flags it expects.
Files are written directly (no fsync) to keep tests fast; their bytes are what the store writes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

from fatiguelog.model import Entry
from fatiguelog.paths import entry_path
from fatiguelog.store import dump_entry

TODAY = date(2026, 11, 25)


def day_entry(
    day: date,
    *,
    bristol: tuple[int, ...] = (4,),
    straining: bool = False,
    fatigue: int = 5,
    pem: int = 3,
    exertion: int = 4,
    kratom: float | None = None,
    red: str | None = None,
    notes: str | None = None,
) -> Entry:
    entry = Entry.new(day)
    entry.doc["symptoms"] = {"fatigue": fatigue, "pem": pem}
    entry.doc["sleep"] = {"hours": 7.0, "quality": 5}
    entry.doc["activity"] = {"exertion": exertion}
    entry.doc["gi"] = {
        "stools": [{"time": time(8, 0), "bristol": b, "straining": straining} for b in bristol],
        "no_bowel_movement": not bristol,
    }
    entry.doc["intake"] = (
        [] if kratom is None else [{"substance": "kratom", "amount": kratom, "unit": "g"}]
    )
    if red:
        entry.doc["red_flags"] = {red: True}
    if notes:
        entry.doc["notes"] = notes
    return entry


def write(root: Path, entries: list[Entry]) -> None:
    for entry in entries:
        path = entry_path(root, entry.day)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_bytes(dump_entry(entry))
        path.chmod(0o600)


def build(
    root: Path, days: int, make: Callable[[int, date], Entry | None], *, end: date = TODAY
) -> None:
    """Write `days` days ending on `end`; `make(i, day)` returns the entry or None (a gap)."""
    start = end - timedelta(days=days - 1)
    found = (make(i, start + timedelta(days=i)) for i in range(days))
    write(root, [e for e in found if e is not None])


def calm(i: int, day: date) -> Entry:
    """Daily soft stools, steady intake: no flags."""
    return day_entry(
        day,
        bristol=(4,),
        fatigue=4 + i % 3,
        pem=2 + i % 2,
        exertion=3 + i % 4,
        kratom=2.0,
        notes=f"calm day {i}",
    )


def constipated_after_increase(days: int) -> Callable[[int, date], Entry]:
    """Normal until 30 days before the end, then kratom doubles and stools get hard and rare."""
    change = days - 30

    def make(i: int, day: date) -> Entry:
        if i < change:
            return day_entry(
                day, bristol=(4,), kratom=2.0, fatigue=5, pem=3 + i % 3, exertion=2 + (i * 5) % 9
            )
        return day_entry(
            day,
            bristol=(2,) if i % 3 == 0 else (),
            straining=True,
            kratom=4.0,
            fatigue=6,
            pem=4 + i % 3,
            exertion=2 + (i * 5) % 9,
            notes="SECRET-NOTE hard day",
        )

    return make


def with_red_flag(base: Callable[[int, date], Entry], at: int) -> Callable[[int, date], Entry]:
    def make(i: int, day: date) -> Entry:
        entry = base(i, day)
        if i == at:
            entry.doc["red_flags"] = {"blood_in_stool": True}
        return entry

    return make
