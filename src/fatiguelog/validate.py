"""Checks a parsed entry against the file-format contract and says where each problem is.

Returns problems rather than raising, so one bad value is reported with its line and the
rest of the history still loads. Type checks exclude `bool` from numbers on purpose:
`fatigue = true` is not a rating.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import Any

from fatiguelog.model import (
    ALL_RATINGS,
    RED_FLAGS,
    SCHEMA_VERSION,
    SECTIONS,
    STOOL_FLAGS,
    UNITS,
)

# (message, key path used to find the line)
Issue = tuple[str, tuple[str | int, ...]]
Path = tuple[str | int, ...]

# Every history load validates every file, so the checks below are written for speed:
# `type(x) is int` (which also rules out bool) and one list of issues passed around.
_RATINGS_BY_SECTION: dict[str, tuple[str, ...]] = {}
for _rating in ALL_RATINGS:
    _RATINGS_BY_SECTION.setdefault(_rating.section, ())
    _RATINGS_BY_SECTION[_rating.section] += (_rating.key,)
_NUMBER = (int, float)


def _bool(issues: list[Issue], table: dict[str, Any], key: str, name: str, path: Path) -> None:
    value = table.get(key)
    if value is not None and type(value) is not bool:
        issues.append((f"{name} must be true or false, not {value!r}", path))


def entry_issues(doc: dict[str, Any], expected_day: date | None) -> list[Issue]:
    """Every way `doc` breaks the contract, with the key path of each."""
    issues: list[Issue] = []
    _head_issues(issues, doc, expected_day)
    for section in SECTIONS:
        table = doc.get(section)
        if table is None:
            continue
        if type(table) is not dict:
            issues.append((f"[{section}] must be a table", (section,)))
            continue
        for key in _RATINGS_BY_SECTION.get(section, ()):
            value = table.get(key)
            if value is not None and (type(value) is not int or not 0 <= value <= 10):
                issues.append((f"{section}.{key} must be a whole number from 0 to 10, "
                               f"not {value!r}", (section, key)))
    symptoms = doc.get("symptoms")
    if type(symptoms) is dict:
        _bool(issues, symptoms, "unrefreshing_sleep", "symptoms.unrefreshing_sleep",
              ("symptoms", "unrefreshing_sleep"))
    sleep = doc.get("sleep")
    if type(sleep) is dict and "hours" in sleep:
        hours = sleep["hours"]
        if type(hours) not in _NUMBER or not 0 <= hours <= 24:
            issues.append((f"sleep.hours must be a number from 0 to 24, not {hours!r}",
                           ("sleep", "hours")))
    if "intake" in doc:
        _intake_issues(issues, doc["intake"])
    gi = doc.get("gi")
    if type(gi) is dict:
        _gi_issues(issues, gi)
    diet = doc.get("diet")
    if type(diet) is dict:
        for key in ("fiber_servings", "water_ml"):
            value = diet.get(key)
            if value is not None and (type(value) not in _NUMBER or not 0 <= value < math.inf):
                issues.append((f"diet.{key} must be a number of 0 or more, not {value!r}",
                               ("diet", key)))
    red = doc.get("red_flags")
    if type(red) is dict:
        for key in RED_FLAGS:
            value = red.get(key)
            if value is not None and type(value) is not bool:
                issues.append((f"red_flags.{key} must be true or false, not {value!r}",
                               ("red_flags", key)))
    return issues


def _head_issues(issues: list[Issue], doc: dict[str, Any], expected_day: date | None) -> None:
    schema = doc.get("schema")
    if schema is None:
        issues.append(("missing 'schema' (should be schema = 1)", ()))
    elif type(schema) is not int or schema < 1:
        issues.append((f"schema must be a whole number of at least 1, not {schema!r}",
                       ("schema",)))
    day = doc.get("date")
    if day is None:
        issues.append(("missing 'date'", ()))
    elif type(day) is not date:
        issues.append((f"date must be a plain TOML date like 2026-11-25, not {day!r}",
                       ("date",)))
    elif expected_day is not None and day != expected_day:
        issues.append((f"date {day} does not match the file name ({expected_day})", ("date",)))
    if "updated" in doc and type(doc["updated"]) is not datetime:
        issues.append((f"updated must be a date and time, not {doc['updated']!r}",
                       ("updated",)))
    if "notes" in doc and type(doc["notes"]) is not str:
        issues.append(("notes must be text", ("notes",)))


def _intake_issues(issues: list[Issue], intake: Any) -> None:
    if type(intake) is not list:
        issues.append(("intake must be a list of doses ([[intake]] tables)", ("intake",)))
        return
    for i, dose in enumerate(intake):
        where: Path = ("intake", i)
        if type(dose) is not dict:
            issues.append((f"dose {i + 1} must be a table", where))
            continue
        substance = dose.get("substance")
        if type(substance) is not str or not substance.strip():
            issues.append((f"dose {i + 1}: substance must be a name", (*where, "substance")))
        amount = dose.get("amount")
        if not (type(amount) in _NUMBER and 0 < amount < math.inf):  # type: ignore[operator]
            issues.append((f"dose {i + 1}: amount must be a number above 0, not {amount!r}",
                           (*where, "amount")))
        unit = dose.get("unit")
        if unit not in UNITS:
            issues.append((f"dose {i + 1}: unit must be one of {', '.join(UNITS)}, "
                           f"not {unit!r}", (*where, "unit")))
        if "form" in dose and type(dose["form"]) is not str:
            issues.append((f"dose {i + 1}: form must be text", (*where, "form")))
        if "time" in dose and type(dose["time"]) is not time:
            issues.append((f"dose {i + 1}: time must be a time like 08:30:00",
                           (*where, "time")))


def _gi_issues(issues: list[Issue], gi: dict[str, Any]) -> None:
    stools = gi.get("stools")
    if stools is not None and type(stools) is not list:
        issues.append(("gi.stools must be a list of bowel movements", ("gi", "stools")))
        stools = None
    for i, stool in enumerate(stools or ()):
        where: Path = ("gi", "stools", i)
        if type(stool) is not dict:
            issues.append((f"bowel movement {i + 1} must be a table", where))
            continue
        bristol = stool.get("bristol")
        if bristol is not None and (type(bristol) is not int or not 1 <= bristol <= 7):
            issues.append((f"bowel movement {i + 1}: bristol must be a whole number from 1 "
                           f"to 7, not {bristol!r}", (*where, "bristol")))
        if "time" in stool and type(stool["time"]) is not time:
            issues.append((f"bowel movement {i + 1}: time must be a time like 07:40:00",
                           (*where, "time")))
        for flag in STOOL_FLAGS:  # inline: this loop runs for every stool of every file
            value = stool.get(flag)
            if value is not None and type(value) is not bool:
                issues.append((f"bowel movement {i + 1}: {flag} must be true or false, "
                               f"not {value!r}", (*where, flag)))
    for key in ("no_bowel_movement", "laxative"):
        _bool(issues, gi, key, f"gi.{key}", ("gi", key))
    if gi.get("no_bowel_movement") is True and stools:
        issues.append(("gi.no_bowel_movement is true but bowel movements are listed",
                       ("gi", "no_bowel_movement")))


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
    return type(schema) is int and schema > SCHEMA_VERSION
