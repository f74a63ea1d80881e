"""Checks a parsed entry against the file-format contract and says where each problem is.

Returns problems rather than raising, so one bad value is reported with its line and the
rest of the history still loads. Type checks exclude `bool` from numbers on purpose:
`fatigue = true` is not a rating.

A problem says which key and what *kind* of value is wrong ("found text"), never the value
itself: problems are shown in every view and export, notes or not, and a mistyped answer can
be as private as a note (`hours = "...nightmare about my ex"`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date, datetime, time

from fatiguelog import vocabulary
from fatiguelog.model import (
    MAX_AMOUNT,
    MAX_DOSES,
    MAX_STOOLS,
    MIN_AMOUNT,
    RED_FLAGS,
    SCHEMA_VERSION,
    SECTIONS,
    STOOL_FLAGS,
    TOO_SMALL_AMOUNT,
    UNITS,
)
from fatiguelog.vocabulary import CUSTOM, Question, Vocabulary

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "Locator",
    "answer_issues",
    "entry_issues",
    "found",
    "future_schema",
    "locate",
    "tracker_issues",
]

# (message, key path used to find the line)
Issue = tuple[str, tuple[str | int, ...]]
Path = tuple[str | int, ...]


# Every history load validates every file, so the checks below are written for speed:
# `type(x) is int` (which also rules out bool) and one list of issues passed around.
_NUMBER = (int, float)
#: Per section, each question's key, kind and largest value (numbers), from the vocabulary.
_Plan = dict[str, tuple[tuple[str, str, float], ...]]
_plans: dict[int, tuple[Vocabulary, _Plan]] = {}
_KINDS: dict[type, str] = {
    bool: "true/false",
    str: "text",
    int: "a whole number",
    float: "a decimal number",
    date: "a date",
    time: "a time",
    datetime: "a date and time",
    list: "a list",
    dict: "a table",
}


def found(value: Any, allowed: tuple[type, ...] = ()) -> str:
    """What kind of value was found, without its text: "found text", "found a decimal
    number"; a value of an `allowed` type is "a number outside that range" (the caller has
    already said what was expected)."""
    kind = type(value)
    if kind is float and not math.isfinite(value):
        return "found a number that is not finite"
    if kind in allowed:
        return "found a number outside that range"
    return f"found {_KINDS.get(kind, 'another kind of value')}"


def _bool(issues: list[Issue], table: dict[str, Any], key: str, name: str, path: Path) -> None:
    value = table.get(key)
    if value is not None and type(value) is not bool:
        issues.append((f"{name} must be true or false ({found(value)})", path))


def _plan(questions: Vocabulary) -> _Plan:
    """The checks of the built-in questions by section, made once per vocabulary."""
    made = _plans.get(id(questions))
    if made is not None and made[0] is questions:
        return made[1]
    plan: _Plan = {}
    for q in questions:
        if q.section != CUSTOM and not q.added:  # (an added answer's problem is its own)
            plan[q.section] = (*plan.get(q.section, ()), (q.key, q.kind, q.file_max))
    _plans[id(questions)] = (questions, plan)
    return plan


def _limit(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def entry_issues(doc: dict[str, Any], expected_day: date | None) -> list[Issue]:
    """Every way `doc` breaks the contract, with the key path of each. Settings play no part
    (a file is read the same whatever the settings say): a `[custom]` answer is checked as
    the kind of value a tracker can hold, true/false or a number, and an answer added to the
    format since version 1 (`symptoms.crash`) not at all here: a value either can't take is a
    problem of that answer alone (see `answer_issues`)."""
    issues: list[Issue] = []
    _head_issues(issues, doc, expected_day)
    plan = _plan(vocabulary.BUILT_IN)
    for section in SECTIONS:
        table = doc.get(section)
        if table is None:
            continue
        if type(table) is not dict:
            issues.append((f"[{section}] must be a table ({found(table)})", (section,)))
            continue
        for key, kind, most in plan.get(section, ()):
            value = table.get(key)
            if value is None:
                continue
            if kind == "rating":
                if type(value) is not int or not 0 <= value <= 10:
                    issues.append(
                        (
                            f"{section}.{key} must be a whole number from 0 to 10 "
                            f"({found(value, (int,))})",
                            (section, key),
                        )
                    )
            elif kind == "yesno":
                if type(value) is not bool:
                    issues.append(
                        (f"{section}.{key} must be true or false ({found(value)})", (section, key))
                    )
            elif type(value) not in _NUMBER or not 0 <= value <= most:
                issues.append(
                    (
                        f"{section}.{key} must be a number from 0 to {_limit(most)} "
                        f"({found(value, _NUMBER)})",
                        (section, key),
                    )
                )
    if "intake" in doc:
        _intake_issues(issues, doc["intake"])
    gi = doc.get("gi")
    if type(gi) is dict:
        _gi_issues(issues, gi)
    red = doc.get("red_flags")
    if type(red) is dict:
        for key in RED_FLAGS:
            value = red.get(key)
            if value is not None and type(value) is not bool:
                issues.append(
                    (f"red_flags.{key} must be true or false ({found(value)})", ("red_flags", key))
                )
    custom = doc.get(CUSTOM)
    if custom is not None:
        _custom_issues(issues, custom)
    return issues


def _custom_issues(issues: list[Issue], custom: Any) -> None:
    """`[custom]`: the user's own answers. A number there must be finite and within the limits
    every number of a file has; true/false is a yes/no. Any other value (text, a list) is no
    answer this version can hold: kept as an unknown key, as a newer version may have written
    it, and left out of every figure."""
    if type(custom) is not dict:
        issues.append((f"[custom] must be a table ({found(custom)})", (CUSTOM,)))
        return
    for key, value in custom.items():
        if type(value) in _NUMBER and not -MAX_AMOUNT <= value <= MAX_AMOUNT:
            issues.append(
                (
                    f"custom.{key} must be a number from -{MAX_AMOUNT:,} to "
                    f"{MAX_AMOUNT:,} ({found(value, _NUMBER)})",
                    (CUSTOM, key),
                )
            )


def answer_issues(doc: dict[str, Any], questions: Iterable[Question]) -> list[Issue]:
    """Answers that don't fit their question but leave the rest of their file readable: an
    answer added to the format since version 1 that isn't of its kind (`crash = "yes"`), and
    the user's own answers that don't fit their tracker as the settings say now (see
    `tracker_issues`). Each is left out of every figure and reported by `fatiguelog check`."""
    issues: list[Issue] = []
    for q in questions:
        if not q.added or q.section == CUSTOM:
            continue
        table = doc.get(q.section)
        if type(table) is not dict or q.key not in table or q.fits(table[q.key]):
            continue
        wanted = {
            "rating": "a whole number from 0 to 10",
            "yesno": "true or false",
            "number": f"a number {q.limits}",
        }[q.kind]
        allowed = {"rating": (int,), "number": _NUMBER}.get(q.kind, ())
        issues.append(
            (
                f"{q.dotted} must be {wanted} ({found(table[q.key], allowed)}); the "
                "rest of the day is read, this answer is left out",
                q.path,
            )
        )
    return issues + tracker_issues(doc, questions)


def tracker_issues(doc: dict[str, Any], questions: Iterable[Question]) -> list[Issue]:
    """Answers under `[custom]` that don't fit the tracker the settings declare for them now
    (a 12 for a rating, text for a yes/no, 500 where the lowest and highest are 30 and 220):
    left out of that tracker's figures, and reported by `fatiguelog check` (the file itself is
    fine: the settings may have changed)."""
    custom = doc.get(CUSTOM)
    if type(custom) is not dict:
        return []
    issues: list[Issue] = []
    for q in questions:
        if q.section != CUSTOM or q.key not in custom or q.fits(custom[q.key]):
            continue
        value = custom[q.key]
        wanted = {
            "rating": "a whole number from 0 to 10",
            "yesno": "true or false",
            "number": f"a number {q.limits}",
        }[q.kind]
        said = (
            f"found {_limit(value)}"
            if type(value) in _NUMBER and math.isfinite(value)
            else found(value)
        )
        issues.append(
            (
                f"custom.{q.key} does not fit your tracker '{q.label}', which is "
                f"{wanted} ({said}); it is left out of its figures",
                q.path,
            )
        )
    return issues


def _head_issues(issues: list[Issue], doc: dict[str, Any], expected_day: date | None) -> None:
    schema = doc.get("schema")
    if schema is None:
        issues.append(("missing 'schema' (should be schema = 1)", ()))
    elif type(schema) is not int or schema < 1:
        issues.append(
            (f"schema must be a whole number of at least 1 ({found(schema, (int,))})", ("schema",))
        )
    day = doc.get("date")
    if day is None:
        issues.append(("missing 'date'", ()))
    elif type(day) is not date:
        issues.append((f"date must be a plain TOML date like 2026-11-25 ({found(day)})", ("date",)))
    elif expected_day is not None and day != expected_day:
        issues.append((f"date {day} does not match the file name ({expected_day})", ("date",)))
    if "updated" in doc and type(doc["updated"]) is not datetime:
        issues.append((f"updated must be a date and time ({found(doc['updated'])})", ("updated",)))
    if "notes" in doc and type(doc["notes"]) is not str:
        issues.append((f"notes must be text ({found(doc['notes'])})", ("notes",)))


def _intake_issues(issues: list[Issue], intake: Any) -> None:
    if type(intake) is not list:
        issues.append(
            (f"intake must be a list of doses ([[intake]] tables) ({found(intake)})", ("intake",))
        )
        return
    if len(intake) > MAX_DOSES:  # (as for stools: said once)
        issues.append(
            (
                f"intake lists {len(intake)} doses: more than {MAX_DOSES} in one day is "
                "not a day's record",
                ("intake",),
            )
        )
        return
    for i, dose in enumerate(intake):
        where: Path = ("intake", i)
        if type(dose) is not dict:
            issues.append((f"dose {i + 1} must be a table ({found(dose)})", where))
            continue
        substance = dose.get("substance")
        if type(substance) is not str or not substance.strip():
            issues.append(
                (
                    f"dose {i + 1}: substance must be a name ({found(substance)})",
                    (*where, "substance"),
                )
            )
        amount = dose.get("amount")
        if not (type(amount) in _NUMBER and 0 < amount <= MAX_AMOUNT):  # type: ignore[operator]
            issues.append(
                (
                    f"dose {i + 1}: amount must be a number above 0 and at most "
                    f"{MAX_AMOUNT:,} ({found(amount, _NUMBER)})",
                    (*where, "amount"),
                )
            )
        elif amount < MIN_AMOUNT:  # type: ignore[operator]
            issues.append(
                (
                    f"dose {i + 1}: amount must be {TOO_SMALL_AMOUNT} (found {amount})",
                    (*where, "amount"),
                )
            )
        unit = dose.get("unit")
        if unit not in UNITS:
            issues.append(
                (
                    f"dose {i + 1}: unit must be one of {', '.join(UNITS)} ({_found_unit(unit)})",
                    (*where, "unit"),
                )
            )
        if "form" in dose and type(dose["form"]) is not str:
            issues.append(
                (f"dose {i + 1}: form must be text ({found(dose['form'])})", (*where, "form"))
            )
        if "time" in dose and type(dose["time"]) is not time:
            issues.append(
                (
                    f"dose {i + 1}: time must be a time like 08:30:00 ({found(dose['time'])})",
                    (*where, "time"),
                )
            )


def _gi_issues(issues: list[Issue], gi: dict[str, Any]) -> None:
    stools = gi.get("stools")
    if stools is not None and type(stools) is not list:
        issues.append(
            (f"gi.stools must be a list of bowel movements ({found(stools)})", ("gi", "stools"))
        )
        stools = None
    if stools is not None and len(stools) > MAX_STOOLS:
        # Not a day's record, whatever each one holds: said once, not once per stool (which
        # would make `check` print thousands of lines for one file).
        issues.append(
            (
                f"gi.stools lists {len(stools)} bowel movements: more than {MAX_STOOLS} "
                "in one day is not a day's record",
                ("gi", "stools"),
            )
        )
        stools = None
    for i, stool in enumerate(stools or ()):
        where: Path = ("gi", "stools", i)
        if type(stool) is not dict:
            issues.append((f"bowel movement {i + 1} must be a table ({found(stool)})", where))
            continue
        bristol = stool.get("bristol")
        if bristol is not None and (type(bristol) is not int or not 1 <= bristol <= 7):
            issues.append(
                (
                    f"bowel movement {i + 1}: bristol must be a whole number from 1 "
                    f"to 7 ({found(bristol, (int,))})",
                    (*where, "bristol"),
                )
            )
        if "time" in stool and type(stool["time"]) is not time:
            issues.append(
                (
                    f"bowel movement {i + 1}: time must be a time like 07:40:00 "
                    f"({found(stool['time'])})",
                    (*where, "time"),
                )
            )
        for flag in STOOL_FLAGS:  # inline: this loop runs for every stool of every file
            value = stool.get(flag)
            if value is not None and type(value) is not bool:
                issues.append(
                    (
                        f"bowel movement {i + 1}: {flag} must be true or false ({found(value)})",
                        (*where, flag),
                    )
                )
    for key in ("no_bowel_movement", "laxative"):
        _bool(issues, gi, key, f"gi.{key}", ("gi", key))
    if gi.get("no_bowel_movement") is True and stools:
        issues.append(
            (
                "gi.no_bowel_movement is true but bowel movements are listed",
                ("gi", "no_bowel_movement"),
            )
        )


def _found_unit(unit: Any) -> str:
    return "found another word" if type(unit) is str else found(unit)


class Locator:
    """Finds the line of a key path in one file's text. Built once per file: each key's lines
    are found in one pass the first time that key is asked for, so a file with thousands of
    problems costs one scan per distinct key, not one scan per problem."""

    __slots__ = ("_braces", "_headers", "_keys", "_lines", "_text")

    def __init__(self, text: str):
        self._text = text
        self._lines: list[str] | None = None  # split when first asked: most files have no
        self._keys: dict[str, list[int]] = {}  # problem at all
        self._headers: dict[str, int] = {}
        self._braces: list[int] | None = None

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self._text.splitlines()
        return self._lines

    def _key_lines(self, key: str) -> list[int]:
        found_lines = self._keys.get(key)
        if found_lines is None:
            pattern = re.compile(rf"(^|[{{,\s.]){re.escape(key)}\s*=")
            found_lines = [n for n, line in enumerate(self.lines) if pattern.search(line)]
            self._keys[key] = found_lines
        return found_lines

    def _header(self, name: str) -> int:
        start = self._headers.get(name)
        if start is None:
            header = re.compile(rf"^\s*\[\[?\s*{re.escape(name)}\b")
            start = next((n for n, line in enumerate(self.lines) if header.match(line)), 0)
            self._headers[name] = start
        return start

    def locate(self, path: tuple[str | int, ...]) -> int | None:
        """Best-effort line number (1-based) of the key at `path`."""
        if not path:
            return None
        from bisect import bisect_left  # (here: a C module, and most loads need none)

        keys = [p for p in path if isinstance(p, str)]
        index = next((p for p in path if isinstance(p, int)), 0)
        start = 0
        if len(keys) > 1 or isinstance(path[-1], int):
            start = self._header(keys[0])
        hits = self._key_lines(keys[-1])
        first = bisect_left(hits, start)
        if first == len(hits) and isinstance(path[-1], int):
            if self._braces is None:
                self._braces = [n for n, line in enumerate(self.lines) if "{" in line]
            hits = self._braces
            first = bisect_left(hits, start)
        if first == len(hits):
            return None
        return hits[min(first + index, len(hits) - 1)] + 1


def locate(text: str, path: tuple[str | int, ...]) -> int | None:
    """Best-effort line number (1-based) of the key at `path` in the TOML source (for many
    paths in one text, build one `Locator`)."""
    return Locator(text).locate(path)


def future_schema(doc: dict[str, Any]) -> bool:
    """A file from a newer fatiguelog: read what we can, never rewrite it."""
    schema = doc.get("schema")
    return type(schema) is int and schema > SCHEMA_VERSION


def beyond_limits(doc: dict[str, Any], day: date) -> str:
    """Why writing `doc` as `day`'s entry would make a file no command can read (a broken value,
    over 100 bowel movements or doses, over 1 MiB: entry-format "Added: limits"), or "".

    For writers that add to a day in bulk (an import, a sync-copy merge): they refuse that day
    and say why, instead of writing a file every later read would reject."""
    from fatiguelog.model import Entry
    from fatiguelog.store import MAX_ENTRY_BYTES, dump_entry

    issues = entry_issues(doc, day)
    if issues:
        return issues[0][0]
    size = len(dump_entry(Entry(day, doc)))
    if size > MAX_ENTRY_BYTES:
        return (
            f"the day's file would be {size / 2**20:.1f} MiB, over the "
            f"{MAX_ENTRY_BYTES // 2**20} MiB an entry may hold"
        )
    return ""
