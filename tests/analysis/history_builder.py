"""Small helpers that build histories in memory (no files) for the analysis tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fatiguelog.analysis.build import build_summary
from fatiguelog.analysis.summary import Summary
from fatiguelog.model import Entry
from fatiguelog.settings import Settings
from fatiguelog.store import History

DAY0 = date(2026, 1, 1)


def day(n: int) -> date:
    return DAY0 + timedelta(days=n)


def stool(bristol: int | None = 4, **answers: bool) -> dict[str, Any]:
    out: dict[str, Any] = dict(answers)
    if bristol is not None:
        out["bristol"] = bristol
    return out


def entry(
    n: int,
    *,
    stools: list[dict[str, Any]] | None = None,
    gi: bool = True,
    laxative: bool = False,
    intake: list[tuple[str, float, str]] | None = None,
    red: tuple[str, ...] = (),
    **ratings: float,
) -> Entry:
    """Day `n`: `stools=None` with gi=True is an answered "no bowel movement today"."""
    e = Entry.new(day(n))
    if gi:
        table: dict[str, Any] = {"stools": list(stools or [])}
        if not stools:
            table["no_bowel_movement"] = True
        if laxative:
            table["laxative"] = True
        e.doc["gi"] = table
    if intake is not None:
        e.doc["intake"] = [{"substance": s, "amount": a, "unit": u} for s, a, u in intake]
    if red:
        e.doc["red_flags"] = dict.fromkeys(red, True)
    sections = {"fatigue": "symptoms", "pem": "symptoms", "exertion": "activity"}
    for key, value in ratings.items():
        e.doc.setdefault(sections[key], {})[key] = value
    return e


def history(*entries: Entry) -> History:
    return History({e.day: e for e in entries}, [])


def summary(
    h: History, first: int, last: int | None = None, settings: Settings | None = None
) -> Summary:
    end = day(first if last is None else last)
    return build_summary(h, settings or Settings(), day(first), end)


def active_at(h: History, n: int, settings: Settings | None = None) -> set[str]:
    """Flag ids active on day `n`."""
    return {f.id for f in summary(h, n, settings=settings).flags}


def not_enough_at(h: History, n: int, settings: Settings | None = None) -> set[str]:
    return set(summary(h, n, settings=settings).not_enough_data)


def flag(s: Summary, rule_id: str):
    return next(f for f in s.flags if f.id == rule_id)
