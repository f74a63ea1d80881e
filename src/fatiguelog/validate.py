"""Checks a parsed entry against the file-format contract and says where each problem is.

Returns problems rather than raising, so one bad value is reported with its line and the
rest of the history still loads. Type checks exclude `bool` from numbers on purpose:
`fatigue = true` is not a rating.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, time
from typing import Any

from fatiguelog.model import (
    ALL_RATINGS,
    RED_FLAGS,
    SCHEMA_VERSION,
    STOOL_FLAGS,
    UNITS,
)

# (message, key path used to find the line)
Issue = tuple[str, tuple[str | int, ...]]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_rating(value: Any, name: str, path: tuple[str | int, ...]) -> Iterator[Issue]:
    if not _is_int(value) or not 0 <= value <= 10:
        yield (f"{name} must be a whole number from 0 to 10, not {value!r}", path)


def _check_bool(value: Any, name: str, path: tuple[str | int, ...]) -> Iterator[Issue]:
    if not isinstance(value, bool):
        yield (f"{name} must be true or false, not {value!r}", path)


def _check_table(doc: dict[str, Any], name: str) -> dict[str, Any] | None:
    value = doc.get(name)
    return value if isinstance(value, dict) else None


def entry_issues(doc: dict[str, Any], expected_day: date | None) -> list[Issue]:
    """Every way `doc` breaks the contract, with the key path of each."""
    return list(_entry_issues(doc, expected_day))


def _entry_issues(doc: dict[str, Any], expected_day: date | None) -> Iterator[Issue]:
    schema = doc.get("schema")
    if schema is None:
        yield ("missing 'schema' (should be schema = 1)", ())
    elif not _is_int(schema) or schema < 1:
        yield (f"schema must be a whole number of at least 1, not {schema!r}", ("schema",))

    day = doc.get("date")
    if day is None:
        yield ("missing 'date'", ())
    elif not isinstance(day, date) or isinstance(day, datetime):
        yield (f"date must be a plain TOML date like 2026-11-25, not {day!r}", ("date",))
    elif expected_day is not None and day != expected_day:
        yield (f"date {day} does not match the file name ({expected_day})", ("date",))

    if "updated" in doc and not isinstance(doc["updated"], datetime):
        yield (f"updated must be a date and time, not {doc['updated']!r}", ("updated",))
    if "notes" in doc and not isinstance(doc["notes"], str):
        yield ("notes must be text", ("notes",))

    for section in ("symptoms", "sleep", "activity", "gi", "diet", "red_flags"):
        if section in doc and not isinstance(doc[section], dict):
            yield (f"[{section}] must be a table", (section,))

    for rating in ALL_RATINGS:
        table = _check_table(doc, rating.section)
        if table is not None and rating.key in table:
            name = f"{rating.section}.{rating.key}"
            yield from _check_rating(table[rating.key], name, rating.path)

    symptoms = _check_table(doc, "symptoms")
    if symptoms and "unrefreshing_sleep" in symptoms:
        yield from _check_bool(
            symptoms["unrefreshing_sleep"], "symptoms.unrefreshing_sleep",
            ("symptoms", "unrefreshing_sleep"),
        )

    sleep = _check_table(doc, "sleep")
    if sleep and "hours" in sleep:
        hours = sleep["hours"]
        if not _is_number(hours) or not 0 <= hours <= 24:
            yield (f"sleep.hours must be a number from 0 to 24, not {hours!r}", ("sleep", "hours"))

    yield from _intake_issues(doc)
    yield from _gi_issues(doc)

    diet = _check_table(doc, "diet")
    if diet:
        for key in ("fiber_servings", "water_ml"):
            if key in diet:
                value = diet[key]
                if not _is_number(value) or value < 0 or value != value:
                    message = f"diet.{key} must be a number of 0 or more, not {value!r}"
                    yield (message, ("diet", key))

    red = _check_table(doc, "red_flags")
    if red:
        for key in RED_FLAGS:
            if key in red:
                yield from _check_bool(red[key], f"red_flags.{key}", ("red_flags", key))


def _intake_issues(doc: dict[str, Any]) -> Iterator[Issue]:
    if "intake" not in doc:
        return
    intake = doc["intake"]
    if not isinstance(intake, list):
        yield ("intake must be a list of doses ([[intake]] tables)", ("intake",))
        return
    for i, dose in enumerate(intake):
        where = ("intake", i)
        if not isinstance(dose, dict):
            yield (f"dose {i + 1} must be a table", where)
            continue
        substance = dose.get("substance")
        if not isinstance(substance, str) or not substance.strip():
            yield (f"dose {i + 1}: substance must be a name", (*where, "substance"))
        amount = dose.get("amount")
        if not _is_number(amount) or not amount > 0 or amount == float("inf"):
            yield (f"dose {i + 1}: amount must be a number above 0, not {amount!r}",
                   (*where, "amount"))
        unit = dose.get("unit")
        if unit not in UNITS:
            yield (f"dose {i + 1}: unit must be one of {', '.join(UNITS)}, not {unit!r}",
                   (*where, "unit"))
        if "form" in dose and not isinstance(dose["form"], str):
            yield (f"dose {i + 1}: form must be text", (*where, "form"))
        if "time" in dose and not isinstance(dose["time"], time):
            yield (f"dose {i + 1}: time must be a time like 08:30:00", (*where, "time"))


def _gi_issues(doc: dict[str, Any]) -> Iterator[Issue]:
    gi = _check_table(doc, "gi")
    if gi is None:
        return
    stools = gi.get("stools")
    if "stools" in gi and not isinstance(stools, list):
        yield ("gi.stools must be a list of bowel movements", ("gi", "stools"))
        stools = None
    for i, stool in enumerate(stools or []):
        where = ("gi", "stools", i)
        if not isinstance(stool, dict):
            yield (f"bowel movement {i + 1} must be a table", where)
            continue
        if "bristol" in stool:
            bristol = stool["bristol"]
            if not _is_int(bristol) or not 1 <= bristol <= 7:
                yield (f"bowel movement {i + 1}: bristol must be a whole number from 1 to 7, "
                       f"not {bristol!r}", (*where, "bristol"))
        if "time" in stool and not isinstance(stool["time"], time):
            yield (f"bowel movement {i + 1}: time must be a time like 07:40:00", (*where, "time"))
        for flag in STOOL_FLAGS:
            if flag in stool:
                yield from _check_bool(stool[flag], f"bowel movement {i + 1}: {flag}",
                                       (*where, flag))
    for key in ("no_bowel_movement", "laxative"):
        if key in gi:
            yield from _check_bool(gi[key], f"gi.{key}", ("gi", key))
    if gi.get("no_bowel_movement") is True and isinstance(stools, list) and stools:
        yield ("gi.no_bowel_movement is true but bowel movements are listed",
               ("gi", "no_bowel_movement"))


def locate(text: str, path: tuple[str | int, ...]) -> int | None:
    """Best-effort line number (1-based) of the key at `path` in the TOML source."""
    if not path:
        return None
    keys = [p for p in path if isinstance(p, str)]
    index = next((p for p in path if isinstance(p, int)), 0)
    last = keys[-1]
    lines = text.splitlines()
    key_line = re.compile(rf"(^|[{{,\s.]){re.escape(last)}\s*=")
    start = 0
    if len(keys) > 1 or isinstance(path[-1], int):
        header = re.compile(rf"^\s*\[\[?\s*{re.escape(keys[0])}\b")
        start = next((n for n, line in enumerate(lines) if header.match(line)), 0)
    hits = [n for n in range(start, len(lines)) if key_line.search(lines[n])]
    if not hits and isinstance(path[-1], int):
        hits = [n for n in range(start, len(lines)) if "{" in lines[n]]
    if not hits:
        return None
    return hits[min(index, len(hits) - 1)] + 1


def future_schema(doc: dict[str, Any]) -> bool:
    """A file from a newer fatiguelog: read what we can, never rewrite it."""
    schema = doc.get("schema")
    return _is_int(schema) and schema > SCHEMA_VERSION
