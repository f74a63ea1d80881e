"""What every import shares: a reading from another tracker becomes one of our answers, the
answers gather into facts per day, and the facts become changes to entries.

The rules that keep a diary safe live here, once for every format:
- an answer already in an entry is never overwritten: a different one is a clash, listed;
- an unanswered question stays absent (an empty cell is no reading at all);
- every scale conversion is said, and keeps the direction right (our ratings are severity,
  higher is worse, except sleep quality);
- writes go through the store: atomic, private, under the data folder's lock, never over a
  file that can't be read or one from a newer version (those days are reported instead).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from copy import deepcopy
from datetime import date, time
from typing import Any, Final, NamedTuple

from fatiguelog.importers.targets import RATING_KINDS, Target
from fatiguelog.model import BRISTOL, MIN_AMOUNT, SCHEMA_VERSION, TOO_SMALL_AMOUNT, UNITS, Entry
from fatiguelog.records import InputError, by_time, read_number
from fatiguelog.store import (
    BrokenEntryError,
    DayFile,
    ReadOnlyEntryError,
    Status,
    Store,
)
from fatiguelog.textsafe import strip_controls
from fatiguelog.validate import beyond_limits

MAX_AMOUNT: Final = 1_000_000
SKIP: Final = "skip"


class ImportFileError(ValueError):
    """The file can't be read as the format asked for: one line says why; nothing is written."""


class NotUnderstood(ValueError):
    """One value that can't become an answer (it is left out and listed)."""


class AmountUnknown(NotUnderstood):
    """A dose taken with no amount ("Taken", or a medication row with the amount left blank).

    fatiguelog can't record a dose without an amount, and leaving it out would make the day
    read as "not taken" (the timeline would show a stop): so the whole day's doses stay
    unanswered, and this reading and the doses held back are listed."""


class Scale(NamedTuple):
    """A source's rating scale: its lowest and highest value and which way it runs."""

    low: float
    high: float
    higher: str = "worse"  # worse | better
    words: str = ""  # e.g. "none, mild, moderate, severe, unbearable"

    def convert(self, value: float, to_higher: str) -> int:
        """The value on our 0-10 scale, reversed when the directions differ, rounded to the
        nearest whole number; a value exactly halfway goes to the even one (2.5 -> 2,
        7.5 -> 8), so rounding leans neither to "better" nor to "worse". A value off the
        scale (outside it, or between the steps of a scale of whole numbers) is refused."""
        if not self.low <= value <= self.high:
            raise NotUnderstood(f"{value:g} is outside its scale {self}")
        if self.whole and not value.is_integer():
            raise NotUnderstood(f"{value:g} is not on its scale {self} (whole numbers only)")
        share = (value - self.low) / (self.high - self.low)
        if self.higher != to_higher:
            share = 1 - share
        return round(share * 10)  # Python rounds halves to even

    @property
    def whole(self) -> bool:
        """A scale of whole steps ("1-5"): the usual kind; a value between steps is a typo."""
        return float(self.low).is_integer() and float(self.high).is_integer()

    def steps(self, to_higher: str) -> str:
        """Each source value and what it becomes, "0->0, 1->2, 2->5, 3->8, 4->10", for a
        scale of at most 11 whole steps ("" otherwise): the report says every rounding."""
        if not self.whole or self.high - self.low > 10:
            return ""
        values = range(int(self.low), int(self.high) + 1)
        return ", ".join(f"{v}->{self.convert(float(v), to_higher)}" for v in values)

    def __str__(self) -> str:
        return f"{self.low:g}-{self.high:g}"

    @classmethod
    def parse(cls, text: str, higher: str = "worse") -> Scale:
        match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*-\s*(-?\d+(?:\.\d+)?)\s*", text)
        if not match or float(match.group(1)) >= float(match.group(2)):
            raise ValueError(f'a scale looks like "1-5" (lowest-highest), not {text!r}')
        if higher not in ("worse", "better"):
            raise ValueError(f'higher must be "worse" or "better", not {higher!r}')
        return cls(float(match.group(1)), float(match.group(2)), higher)


class Rule(NamedTuple):
    """How the readings of one source (a column, or a named reading) become one answer."""

    target: Target
    scale: Scale | None = None  # ratings: the source's scale
    substance: str | None = None  # doses: the substance (default: the reading's name)
    unit: str | None = None  # doses: the unit (default: from the reading or its value)
    how: str = ""  # more words for the conversion line ("one row is one bowel movement")
    mine: bool = False  # from the user's map

    def describe(self, source: str) -> str:
        """One line saying the conversion, e.g. "Mood: 1-5, higher is better -> ..."."""
        target = self.target
        what = target.label
        if target.kind in RATING_KINDS and self.scale is not None:
            scale = self.scale
            words = f" ({scale.words})" if scale.words else ""
            turn = ", reversed" if scale.higher != target.higher else ""
            said = (
                f"{source}: {scale}{words}, higher is {scale.higher} -> {what} 0-10, "
                f"higher is {target.higher}{turn}"
            )
            steps = scale.steps(target.higher)
            said += f" ({steps})" if steps else ""
        elif target.kind == "dose":
            name = self.substance or "the named substance"
            unit = f" in {self.unit}" if self.unit else ""
            said = f"{source}: the amount{unit} -> a dose of {name}"
        elif target.kind == "stool":
            said = f"{source}: a Bristol type 1-7 -> one bowel movement"
        elif target.kind == "yesno":
            said = f"{source}: yes/no (a number above 0 is yes) -> {what}"
        else:
            said = f"{source} -> {what}"
        said += f"; {self.how}" if self.how else ""
        return said + (" (your map)" if self.mine else "")


class Reading(NamedTuple):
    """One value read from the file, not yet converted."""

    day: date
    source: str  # the name a map uses: a column ("Fatigue"), or "Symptom: Headache"
    value: str
    line: int
    at: time | None = None  # the clock time, when the file gives one
    name: str = ""  # the thing named (a substance, for doses); default: the source
    unit: str | None = None  # a unit the file gives beside the value ("Ibuprofen (mg)")


class Source(NamedTuple):
    """What a format reader made of a file: its readings, and what it knows about them."""

    label: str  # "Bearable"
    readings: list[Reading]
    rules: dict[str, Rule]  # the built-in mapping of the sources it recognises
    scales: dict[str, Scale]  # scales it knows, for a map that doesn't give one
    notes: list[str]  # things worth saying about the file (e.g. weather columns)
    #: Columns whose values fit no one reading (name, why): listed as not understood, never
    #: guessed (a map can still place them).
    unclear: tuple[tuple[str, str], ...] = ()


# -- values --------------------------------------------------------------------------------

_NUMBER = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)*)\s*(?:/\s*\d+(?:[.,]\d+)?)?\s*$")
#: "1,000", "1.000", "2,500": a thousands separator, or a decimal mark before three digits?
#: `records.read_number` refuses the comma form for the check-in; an export can come from any
#: locale, so the point form is refused here too.
_THOUSANDS = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*$")
_DOSE = re.compile(r"^\s*(\d+(?:[.,]\d+)*)\s*([^\d\s].*)?$")
_BRISTOL = re.compile(r"(?:type|bristol)\D{0,3}([1-7])\b", re.IGNORECASE)
_YES: Final = {"yes", "y", "true", "x", "taken", "ja", "oui", "si", "sí", "1"}
_NO: Final = {"no", "n", "false", "not taken", "nein", "non", "0"}
_UNIT_WORDS: Final[dict[str, str]] = {
    **{u: u for u in UNITS},
    "mgs": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "gram": "g",
    "grams": "g",
    "gr": "g",
    "millilitre": "ml",
    "milliliter": "ml",
    "millilitres": "ml",
    "milliliters": "ml",
    "mls": "ml",
    "capsules": "capsule",
    "caps": "capsule",
    "cap": "capsule",
    "tablets": "tablet",
    "tabs": "tablet",
    "tab": "tablet",
    "pill": "tablet",
    "pills": "tablet",
    "cups": "cup",
    "drops": "drop",
}


def number(text: str) -> float:
    """A number as the check-in and `log` read it (`records.read_number`): "7,5" is 7.5, and
    whatever could be read two ways ("1,000" or "1.000": a thousand, or one?) is refused and
    listed, never guessed. "3/5" (a value out of its maximum) is read as 3."""
    match = _NUMBER.match(text)
    if not match:
        raise NotUnderstood(f"'{text}' is not a number")
    return _read(match.group(1), text)


def _read(digits: str, text: str) -> float:
    sign = -1 if digits.startswith("-") else 1
    digits = digits.lstrip("+-")
    if _THOUSANDS.fullmatch(digits):
        whole, part = digits.replace(",", ".").split(".")
        small = f"{float(f'{whole}.{part}'):g}"
        raise NotUnderstood(
            f"'{text}' could mean {small} or {whole}{part} (a thousands "
            "separator or a decimal mark?): not guessed; change it in the "
            "file to one or the other"
        )
    try:
        value = sign * read_number(digits)  # the check-in's rules: one decimal mark at most
    except InputError:
        raise NotUnderstood(
            f"'{text}' is not a number (one decimal mark at most, no thousands separators)"
        ) from None
    if not math.isfinite(value):
        raise NotUnderstood(f"'{text}' is not a number")
    return value


def tidy(value: float) -> float | int:
    """7.0 -> 7, 7.3333 -> 7.33: what a person would write in the file."""
    value = round(value, 2)
    return int(value) if value.is_integer() else value


def hours(text: str) -> float:
    """'7.5' or '7:30' (H:MM)."""
    match = _HOURS.match(text)
    if match:
        if int(match.group(2)) > 59:
            raise NotUnderstood(f"'{text}' is not a length of time")
        return int(match.group(1)) + int(match.group(2)) / 60
    return number(text)


def yes_no(text: str) -> bool:
    folded = text.strip().casefold()
    if folded in _YES:
        return True
    if folded in _NO:
        return False
    try:
        return number(folded) > 0
    except NotUnderstood:
        raise NotUnderstood(f"'{text}' is not yes or no") from None


def unit_of(text: str | None) -> tuple[str, str | None]:
    """Our unit for a unit word, and the original words when they had to become "other"."""
    if not text or not text.strip():
        return "other", None
    words = strip_controls(text, one_line=True).strip()
    known = _UNIT_WORDS.get(words.casefold().rstrip("."))
    return (known, None) if known else ("other", words)


def bristol_of(text: str) -> int:
    match = _BRISTOL.search(text)
    if match:
        return int(match.group(1))
    try:
        value = number(text)
    except NotUnderstood:
        raise NotUnderstood(f"'{text}' is not a Bristol type 1-7") from None
    if value.is_integer() and int(value) in BRISTOL:
        return int(value)
    raise NotUnderstood(f"'{text}' is not a Bristol type 1-7")


def convert(rule: Rule, reading: Reading) -> Any:
    """The answer a reading gives, in our terms (raises NotUnderstood)."""
    target, text = rule.target, reading.value
    kind = target.kind
    if kind in RATING_KINDS:
        if rule.scale is None:  # a map must say the scale; formats always know theirs
            raise NotUnderstood("its scale is not known")
        return rule.scale.convert(number(text), target.higher)
    if kind == "yesno":
        return yes_no(text)
    if kind in ("hours", "number"):
        value = hours(text) if kind == "hours" else number(text)
        top = math.inf if target.limit is None else target.limit
        if not target.floor <= value <= top:
            said = f"to {top:g}" if math.isfinite(top) else "or more"
            raise NotUnderstood(f"'{text}' is not {target.label} from {target.floor:g} {said}")
        return tidy(value)
    if kind == "text":
        return strip_controls(text).strip()
    if kind == "stool":
        stool: dict[str, Any] = {} if reading.at is None else {"time": reading.at}
        stool["bristol"] = bristol_of(text)
        return stool
    return _dose(rule, reading)


def _dose(rule: Rule, reading: Reading) -> dict[str, Any]:
    if not reading.value.strip() or reading.value.strip().casefold() in _YES:
        raise AmountUnknown(
            "taken, amount unknown: that day's doses are left unanswered "
            "(a dose needs an amount, and leaving this one out would read as "
            "not taken)"
        )
    match = _DOSE.match(reading.value)
    if not match:
        raise NotUnderstood(f"'{reading.value}' has no amount (fatiguelog needs one for a dose)")
    amount = _read(match.group(1), reading.value)
    if not 0 < amount <= MAX_AMOUNT:
        raise NotUnderstood(f"'{reading.value}' is not an amount above 0")
    if amount < MIN_AMOUNT:
        raise NotUnderstood(f"'{reading.value}': the amount must be {TOO_SMALL_AMOUNT}")
    unit, form = unit_of(rule.unit or reading.unit or match.group(2))
    name = strip_controls(rule.substance or reading.name or reading.source, one_line=True)
    dose: dict[str, Any] = {"substance": name.strip(), "amount": tidy(amount), "unit": unit}
    if form:
        dose["form"] = form  # the unit as the other tracker wrote it
    if reading.at is not None:
        dose["time"] = reading.at
    return dose


# -- facts per day ---------------------------------------------------------------------------


class Skipped(NamedTuple):
    line: int
    source: str
    why: str


class Plan:
    """Everything an import would do, worked out before anything is written."""

    def __init__(self, source: Source, rules: dict[str, Rule | None], today: date):
        self.label = source.label
        self.notes = list(source.notes)
        self.rules = rules
        self.used: dict[str, Rule] = {}
        self.unmapped: Counter[str] = Counter()
        self.ignored: Counter[str] = Counter()  # skipped by the user's map
        self.not_understood: list[Skipped] = []
        self.unclear: dict[str, str] = dict(source.unclear)
        self.unclear_count: Counter[str] = Counter()
        self.duplicates: list[tuple[int, int]] = []  # (line, the line it repeats), read once
        self.future: Counter[date] = Counter()
        self.days: dict[date, dict[tuple[str, ...], Any]] = {}
        self.targets: dict[tuple[str, ...], Target] = {}
        self.count = 0
        self.doses_unknown: set[date] = set()  # days with a dose taken, amount unknown
        self.dose_lines: dict[date, list[Reading]] = {}
        for reading in source.readings:
            self._add(reading, today)
        self._hold_back_doses()

    def _add(self, reading: Reading, today: date) -> None:
        self.count += 1
        if reading.source not in self.rules:
            if reading.source in self.unclear:
                self.unclear_count[reading.source] += 1
            else:
                self.unmapped[reading.source] += 1
            return
        rule = self.rules[reading.source]
        if rule is None:
            self.ignored[reading.source] += 1
            return
        if reading.day > today:
            self.future[reading.day] += 1
            return
        if not reading.value.strip() and rule.target.kind != "dose":
            self.not_understood.append(
                Skipped(reading.line, reading.source, "the row gives no value, so no answer")
            )
            return
        try:
            value = convert(rule, reading)
        except NotUnderstood as exc:
            self.not_understood.append(Skipped(reading.line, reading.source, str(exc)))
            if isinstance(exc, AmountUnknown):
                self.used.setdefault(reading.source, rule)
                self.doses_unknown.add(reading.day)
            return
        self.used.setdefault(reading.source, rule)
        target = rule.target
        if target.kind == "dose":
            self.dose_lines.setdefault(reading.day, []).append(reading)
        self.targets[target.path] = target
        facts = self.days.setdefault(reading.day, {})
        facts[target.path] = gather(target, facts.get(target.path), value)

    def _hold_back_doses(self) -> None:
        """A day with a dose of unknown amount gets no doses at all (see AmountUnknown)."""
        for day in sorted(self.doses_unknown):
            facts = self.days.get(day, {})
            if facts.pop(("intake",), None) is None:
                continue
            for reading in self.dose_lines.get(day, []):
                self.not_understood.append(
                    Skipped(
                        reading.line,
                        reading.source,
                        f"'{reading.value}' held back: that day "
                        "also has a dose taken with no amount, so its doses are left unanswered",
                    )
                )
            if not facts:
                del self.days[day]
        self.not_understood.sort(key=lambda skipped: skipped.line)


def gather(target: Target, before: Any, value: Any) -> Any:
    """Several readings of one answer on one day: the worst rating (the highest severity, the
    lowest sleep quality), yes if any says yes, the largest number, every note and every bowel
    movement or dose."""
    kind = target.kind
    if before is None:
        return [value] if kind in ("stool", "dose", "text") else value
    if kind == "rating":
        return max(before, value)
    if kind == "quality":
        return min(before, value)
    if kind == "yesno":
        return before or value
    if kind in ("hours", "number"):
        return max(before, value)
    if kind == "text" and value in before:
        return before
    return [*before, value]


def final_value(target: Target, value: Any) -> Any:
    if target.kind == "text":
        return "\n\n".join(part for part in value if part)
    if target.kind in ("stool", "dose"):
        return by_time(value)
    return value


# -- changes to entries ----------------------------------------------------------------------


class Clash(NamedTuple):
    day: date
    target: Target
    yours: Any
    imported: Any


class DayChange(NamedTuple):
    day: date
    status: str  # new | existing | unreadable | newer | refused (past the limits)
    adds: list[tuple[Target, Any]]
    clashes: list[Clash]
    same: int  # answers the entry already had, equal
    problem: str = ""


def _get(doc: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = doc
    for key in path:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _same_items(target: Target, existing: list[Any], imported: list[Any]) -> bool:
    """Every imported bowel movement or dose is already in the entry (an import run twice)."""
    keys = (
        ("bristol", "time") if target.kind == "stool" else ("substance", "amount", "unit", "time")
    )

    def key(item: Any) -> tuple[Any, ...]:
        if not isinstance(item, dict):
            return (item,)
        return tuple(str(item.get(k)).casefold() if k == "substance" else item.get(k) for k in keys)

    have = {key(item) for item in existing}
    return all(key(item) in have for item in imported)


def day_change(
    day: date,
    doc: dict[str, Any] | None,
    facts: dict[tuple[str, ...], Any],
    targets: dict[tuple[str, ...], Target],
) -> DayChange:
    """What the facts add to the day's document; an existing answer always wins."""
    adds: list[tuple[Target, Any]] = []
    clashes: list[Clash] = []
    same = 0
    current = doc or {}
    for path, gathered in facts.items():
        target = targets[path]
        value = final_value(target, gathered)
        if target.kind == "stool" and _get(current, ("gi", "no_bowel_movement")) is True:
            clashes.append(Clash(day, target, "none that day", value))
            continue
        existing = _get(current, path)
        if existing is None or (target.kind == "stool" and existing == []):
            adds.append((target, value))
        elif existing == value or (
            target.kind in ("stool", "dose")
            and isinstance(existing, list)
            and _same_items(target, existing, value)
        ):
            same += 1
        else:
            clashes.append(Clash(day, target, existing, value))
    return DayChange(day, "existing" if doc is not None else "new", adds, clashes, same)


def apply_adds(doc: dict[str, Any], adds: list[tuple[Target, Any]], fmt: str) -> None:
    """Put the new answers into the document (only where nothing was answered)."""
    for target, value in adds:
        table = doc
        for key in target.path[:-1]:
            table = table.setdefault(key, {})
        table[target.path[-1]] = value
    if adds:
        doc["imported_from"] = fmt


def plan_changes(store: Store, plan: Plan) -> list[DayChange]:
    """Each day's change as the files are now (reads only; for --dry-run and the report)."""
    return [_change_for(store.read(day), day, plan) for day in sorted(plan.days)]


def _change_for(read: DayFile, day: date, plan: Plan) -> DayChange:
    if read.status is Status.BROKEN:
        why = str(read.problems[0]) if read.problems else "it can't be read"
        return DayChange(day, "unreadable", [], [], 0, why)
    if read.status is Status.FUTURE:
        return DayChange(day, "newer", [], [], 0, "written by a newer fatiguelog")
    doc = read.entry.doc if read.entry is not None else None
    change = day_change(day, doc, plan.days[day], plan.targets)
    if change.adds:  # never a file that would not read back (dry run included)
        after = deepcopy(doc) if doc is not None else {"schema": SCHEMA_VERSION, "date": day}
        apply_adds(after, change.adds, "check")
        problem = beyond_limits(after, day)
        if problem:
            return change._replace(status="refused", adds=[], problem=problem)
    return change


def write_changes(store: Store, plan: Plan, fmt: str) -> Iterator[DayChange]:
    """Write each day that gains answers, one day at a time under the lock, working the change
    out again from the file as it is then (another terminal may have written meanwhile).

    Yields each day as it is done, so a storage fault (disk full) can say how far it got.
    """
    for day in sorted(plan.days):
        with store.lock():
            read = store.read(day)
            change = _change_for(read, day, plan)
            if change.adds:
                change = _write_day(store, read, change, fmt)
        yield change


def _write_day(store: Store, read: DayFile, change: DayChange, fmt: str) -> DayChange:
    entry = read.entry or Entry.new(read.day)
    apply_adds(entry.doc, change.adds, fmt)
    problem = beyond_limits(entry.doc, read.day)
    if problem:  # never write a file that would not read back
        return change._replace(status="refused", adds=[], problem=problem)
    try:
        store.save(entry, expected=read.fingerprint)
    except (BrokenEntryError, ReadOnlyEntryError) as exc:
        return change._replace(status="unreadable", adds=[], problem=str(exc))
    return change
