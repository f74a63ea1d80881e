"""What analysis needs of one day's entry: every number and yes/no answer, the bowel movements
and the doses. No free text (no notes, no dose forms, no text answers), so it can be cached.

A `DayRecord` is built from a parsed, validated entry (`DayRecord.of`) or read back from the
cache (`DayRecord.from_json`). It is generic over key paths: every scalar number or boolean of
every table (any section, `[custom]` and sections of a newer version included) is kept under
its path, so a new question needs no change here or in the cache; analysis reads an answer
with `value(section, key)`.

Bowel movements keep their scalar answers (Bristol type, the four yes/no questions, any other
number or yes/no) and their time; doses keep substance, amount, unit and time (substance names
and units are what intake analysis groups by). Times are seconds after midnight.
"""

from __future__ import annotations

import math
from datetime import time
from typing import Any

__all__ = ["DayRecord", "Dose", "Stool"]

Scalar = int | float | bool
#: One bowel movement: its scalar answers by key, and its time (seconds after midnight).
Stool = tuple[dict[str, Scalar], int | None]
#: One dose: substance, amount (None when it isn't a number), unit, time.
Dose = tuple[str, float | None, str, int | None]


def _seconds(value: Any) -> int | None:
    if type(value) is time:
        return value.hour * 3600 + value.minute * 60 + value.second
    return None


def _scalars(table: dict[str, Any]) -> dict[str, Any]:
    """The numbers and booleans of a table, and of the tables in it (lists, text, dates and
    times left out; non-finite numbers too: no figure may be NaN or infinite)."""
    out: dict[str, Any] = {}
    for key, value in table.items():
        kind = type(value)
        if kind is int or kind is bool:
            out[key] = value
        elif kind is float:
            if math.isfinite(value):
                out[key] = value
        elif kind is dict:
            out[key] = _scalars(value)
    return out


class DayRecord:
    """One day's figures (see the module's docstring)."""

    __slots__ = ("doses", "scalars", "stools")

    def __init__(self, scalars: dict[str, Any], stools: list[Stool] | None,
                 doses: list[Dose] | None):
        self.scalars = scalars
        self.stools = stools  # None: no `gi.stools` list in the entry
        self.doses = doses  # None: the intake question was not answered (no `intake` list)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DayRecord) and self.to_json() == other.to_json()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return f"DayRecord({self.scalars!r}, {self.stools!r}, {self.doses!r})"

    @classmethod
    def of(cls, doc: dict[str, Any]) -> DayRecord:
        """The record of a parsed entry (validated: shapes are as the format says, though a
        newer version's file may hold more)."""
        scalars = _scalars(doc)
        stools: list[Stool] | None = None
        gi = doc.get("gi")
        if type(gi) is dict:
            raw = gi.get("stools")
            if type(raw) is list:
                stools = []
                for stool in raw:
                    if type(stool) is dict:
                        stools.append((_scalars(stool), _seconds(stool.get("time"))))
        doses: list[Dose] | None = None
        intake = doc.get("intake")
        if type(intake) is list:
            doses = []
            for dose in intake:
                if type(dose) is not dict:
                    continue
                name, amount, unit = dose.get("substance"), dose.get("amount"), dose.get("unit")
                number: float | None = None
                if (type(amount) is int or type(amount) is float) and math.isfinite(amount):
                    number = float(amount)
                doses.append((name if type(name) is str else "", number,
                              unit if type(unit) is str else "other",
                              _seconds(dose.get("time"))))
        return cls(scalars, stools, doses)

    # -- reading -------------------------------------------------------------------------
    def value(self, section: str, key: str) -> Scalar | None:
        """The answer at `section.key` (None when absent)."""
        table = self.scalars.get(section)
        return table.get(key) if type(table) is dict else None

    def section(self, name: str) -> dict[str, Any] | None:
        """A table's numbers and booleans (None when the entry has no such table)."""
        table = self.scalars.get(name)
        return table if type(table) is dict else None

    def at(self, *path: str) -> Any:
        """The value at any key path (a nested table's answer), or None."""
        node: Any = self.scalars
        for key in path:
            if type(node) is not dict:
                return None
            node = node.get(key)
        return node

    @property
    def red_flags(self) -> list[str]:
        """Red-flag keys reported true, in the contract's order."""
        from fatiguelog.model import RED_FLAGS

        table = self.section("red_flags") or {}
        return [key for key in RED_FLAGS if table.get(key) is True]

    # -- the cache's form ----------------------------------------------------------------
    def to_json(self) -> list[Any]:
        """`[scalars, stools, doses]`: lists and tables of numbers, booleans and the two texts
        a dose keeps; nothing in it is ever read as a tag."""
        stools = None if self.stools is None else [[a, t] for a, t in self.stools]
        doses = None if self.doses is None else [list(d) for d in self.doses]
        return [self.scalars, stools, doses]

    @classmethod
    def from_json(cls, data: Any) -> DayRecord | None:
        """A record read back from the cache, or None when it has another shape."""
        if type(data) is not list or len(data) != 3:
            return None
        scalars, raw_stools, raw_doses = data
        if type(scalars) is not dict:
            return None
        stools: list[Stool] | None = None
        if raw_stools is not None:
            if type(raw_stools) is not list:
                return None
            stools = []
            for item in raw_stools:
                if type(item) is not list or len(item) != 2 or type(item[0]) is not dict:
                    return None
                stools.append((item[0], item[1] if type(item[1]) is int else None))
        doses: list[Dose] | None = None
        if raw_doses is not None:
            if type(raw_doses) is not list:
                return None
            doses = []
            for item in raw_doses:
                if (type(item) is not list or len(item) != 4 or type(item[0]) is not str
                        or type(item[2]) is not str):
                    return None
                amount = item[1]
                doses.append((item[0], float(amount) if type(amount) in (int, float) else None,
                              item[2], item[3] if type(item[3]) is int else None))
        return cls(scalars, stools, doses)
