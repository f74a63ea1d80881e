"""The period as CSV tables for a spreadsheet: one row per day, one row per bowel movement.

Eight tables (documented in docs/export.md): `flags` (urgent flags on at the period's last day
first: the banner), `days`, `stools`, `problems`, `coverage` (every rule, checked or not and
what it needs), and the page's own `weeks` (the week-by-week table), `timeline` (the
medicines and substances timeline) and `discuss` (the patient's "What I want to discuss", a
row per line). Written to files they become `NAME.flags.csv`, `NAME.csv`, `NAME.stools.csv`,
`NAME.problems.csv`, `NAME.coverage.csv`, `NAME.weeks.csv`, `NAME.timeline.csv` and
`NAME.discuss.csv`; on standard output they follow each other in that order, separated by one
blank line. Numbers are written as numbers; every cell that
comes from user text is stripped of control characters and, when it starts with `=`, `+`, `-`,
`@`, tab or CR (after any leading spaces, which spreadsheets skip), prefixed with `'` so a
spreadsheet shows it instead of running it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, time
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from fatiguelog import vocabulary
from fatiguelog.analysis.summary import Summary
from fatiguelog.dates import days_between
from fatiguelog.export import common as c
from fatiguelog.model import RED_FLAGS, STOOL_FLAGS, Dose, Entry, Stool
from fatiguelog.substances import class_words
from fatiguelog.textsafe import strip_controls
from fatiguelog.vocabulary import CUSTOM, Question, Vocabulary
from fatiguelog.wording import number

if TYPE_CHECKING:
    from fatiguelog.dayrecord import DayRecord

Cell = str | int | float | None
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

#: The bowel columns of the `days` table: figures of the day's bowel movements.
_GI_COLUMNS: tuple[str, ...] = (
    "gi.recorded",
    "gi.stool_count",
    "gi.bristol_mean",
    "gi.no_bowel_movement",
    "gi.laxative",
)
_LATER_SECTIONS = ("gi", "diet", CUSTOM)


def day_questions(
    questions: Vocabulary | None = None,
) -> tuple[tuple[Question, ...], tuple[Question, ...], tuple[Question, ...]]:
    """The questions with a column in the `days` table, in three groups: before the bowel
    columns (symptoms, sleep, activity), after them (stomach, diet), and the user's own
    after every built-in column."""
    questions = vocabulary.BUILT_IN if questions is None else questions
    return (
        tuple(q for q in questions if q.section not in _LATER_SECTIONS),
        questions.in_section("gi", "diet"),
        questions.custom,
    )


def day_columns(questions: Vocabulary | None = None) -> tuple[str, ...]:
    """Columns of the `days` table before the intake and notes columns: one per question
    (named by its key path), and the day's bowel figures."""
    early, late, own = day_questions(questions)
    return (
        "date",
        "entry",
        *(q.dotted for q in early),
        *_GI_COLUMNS,
        *(q.dotted for q in late),
        *(f"red_flags.{key}" for key in RED_FLAGS),
        "intake.recorded",
        *(q.dotted for q in own),
    )


#: The columns of the `days` table with the built-in questions (the user's own follow them).
DAY_COLUMNS: tuple[str, ...] = day_columns()
STOOL_COLUMNS: tuple[str, ...] = ("date", "stool", "time", "bristol", *STOOL_FLAGS, "gi.laxative")
PROBLEM_COLUMNS: tuple[str, ...] = ("file", "line", "error")
FLAG_COLUMNS: tuple[str, ...] = (
    "id",
    "level",
    "title",
    "on_last_day",
    "since",
    "last",
    "evidence_first",
    "evidence_last",
    "evidence_days",
    "window_days",
    "report_days",
    "evidence",
    "rule",
    "source",
    "advice",
)
COVERAGE_COLUMNS: tuple[str, ...] = ("id", "title", "checked", "needs")
#: The week table of the page (the keys of the JSON export's `weeks`).
WEEK_COLUMNS: tuple[str, ...] = (
    "from",
    "to",
    "days",
    "days_recorded",
    "gi_days",
    "stools",
    "sbm",
    "no_sbm_days",
    "typed",
    "bristol_1_2",
    "bristol_6_7",
    "straining",
    "straining_answered",
    "incomplete",
    "incomplete_answered",
    "laxative_days",
    "laxative_unanswered",
    "alarm_days",
    "alarms",
)
#: The medication timeline of the page (the keys of the JSON export's `intake_timeline`).
TIMELINE_COLUMNS: tuple[str, ...] = (
    "substance",
    "class",
    "from",
    "to",
    "daily_amount",
    "unit",
    "status",
    "min_daily",
    "max_daily",
    "days_taken",
    "intake_days",
    "intermittent",
    "change",
    "from_before_period",
    "current",
    "last_taken",
)
DISCUSS_COLUMNS: tuple[str, ...] = ("line", "text")
#: Tables in the order standard output shows them (the flags open it, as a banner would).
TABLES: tuple[str, ...] = (
    "flags",
    "days",
    "stools",
    "problems",
    "coverage",
    "weeks",
    "timeline",
    "discuss",
)


def guard(text: str) -> str:
    """User text as an inert cell: no control characters, never a formula."""
    # (most cells are printable: no control or bidi character, nothing to strip)
    clean = text if text.isprintable() else strip_controls(text).replace("\r", "")
    # (" =1+1" is a formula too: spreadsheets skip leading white space, tabs and line ends)
    risky = clean.startswith(_FORMULA_START) or clean.lstrip().startswith(_FORMULA_START)
    return "'" + clean if risky else clean


def _cell(value: Cell | bool) -> str:
    """A cell's text; `_table` writes ints and blanks (most cells) without calling this."""
    kind = type(value)
    if kind is str:
        return guard(value)  # type: ignore[arg-type]
    if kind is bool:
        return "1" if value else "0"
    if value is None:
        return ""
    if isinstance(value, int | float):
        return number(value, 3)
    return guard(str(value))


def _table(header: Sequence[str], rows: Iterable[Sequence[Cell | bool]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([guard(h) for h in header])
    for row in rows:  # (ints and blanks, most cells, without a call: what `_cell` makes)
        writer.writerow([str(v) if type(v) is int else "" if v is None else _cell(v) for v in row])
    return buffer.getvalue()


class RecordDay:
    """A day of the period as its cached `DayRecord` (`fatiguelog.dayrecord`), read through
    the few parts of `Entry` the `days` and `stools` tables use: every cell of those tables
    is a number, a yes/no or a substance name, all of which the record holds (a name with
    its control characters already made spaces, as `substance_name` makes them for a file's).
    No notes: an export with notes reads the period's files instead."""

    __slots__ = ("_intake", "_stools", "day", "record")

    notes = None

    def __init__(self, day: date, record: DayRecord):
        self.day = day
        self.record = record
        self._stools: list[Stool] | None = None  # (made once: the row and the stools ask)
        self._intake: list[Dose] | None = None

    def get(self, *path: str) -> Any:
        """`DayRecord.at`, the layout's index looked in first (every cell of a row asks)."""
        record = self.record
        at = record.layout.index.get(path)
        if at is None:  # (a path the cache knows by hash only, or none)
            return record.at(*path)
        values = record.values
        return values[at] if at < len(values) else None

    @property
    def has_gi(self) -> bool:
        return bool(self.record.stools) or self.record.value("gi", "no_bowel_movement") is True

    @property
    def stools(self) -> list[Stool]:
        if self._stools is None:
            self._stools = self._made_stools()
        return self._stools

    def _made_stools(self) -> list[Stool]:
        layout = self.record.layout
        at = [layout.stool_find(key) for key in ("bristol", *STOOL_FLAGS)]
        found = []
        for row in self.record.stools or ():
            n = len(row)
            values = [row[i] if i is not None and i < n else None for i in at]
            seconds = row[0]
            moment = (
                None
                if seconds is None
                else time(seconds // 3600, seconds % 3600 // 60, seconds % 60)
            )
            found.append(Stool(values[0], moment, *values[1:]))
        return found

    @property
    def has_intake(self) -> bool:
        return self.record.doses is not None

    @property
    def intake(self) -> list[Dose]:
        if self._intake is None:
            self._intake = [
                Dose(name, amount, unit) for name, amount, unit, _seconds in self.record.doses or ()
            ]
        return self._intake


@lru_cache(maxsize=256)  # (each dose asks, twice: a history names a few substances)
def substance_name(text: str) -> str:
    """A substance name as a column says it: control characters made spaces (as the day
    records keep it, and every view shows it), outer spaces gone."""
    return strip_controls(text, one_line=True).strip()


def _substances(entries: Iterable[Entry | RecordDay]) -> list[tuple[str, str, str]]:
    """(key, unit, name as first written) for every substance and unit taken in the period."""
    seen: dict[tuple[str, str], str] = {}
    for entry in entries:
        for dose in entry.intake:
            name = substance_name(dose.substance)
            seen.setdefault((name.casefold(), dose.unit), name)
    return sorted(((k, u, n) for (k, u), n in seen.items()), key=lambda t: (t[0], t[1]))


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None


def _answer(entry: Entry | RecordDay, question: Question) -> Cell | bool:
    """A question's answer as a cell: true/false for a yes/no, a number for the others; an
    answer of another kind (a tracker whose kind changed since) is left blank."""
    value = entry.get(*question.path)
    return None if value is None or not question.fits(value) else value


def _day_row(
    day: date,
    entry: Entry | RecordDay | None,
    problem: str | None,
    substances: list[tuple[str, str, str]],
    include_notes: bool,
    groups: tuple[tuple[Question, ...], tuple[Question, ...], tuple[Question, ...]],
    width: int,
) -> list[Cell | bool]:
    """A day's row; `groups` are `day_questions`, `width` the number of `day_columns` (both
    worked out once per table, not once per day)."""
    if entry is None:
        status = "unreadable" if problem else "none"
        blanks = width - 2 + len(substances)
        row: list[Cell | bool] = [c.iso(day), status, *([None] * blanks), problem]
        return [*row, None] if include_notes else row
    get = entry.get
    stools = entry.stools
    types = [s.bristol for s in stools if isinstance(s.bristol, int)]
    early, late, own = groups
    row = [
        c.iso(day),
        "recorded",
        *(_answer(entry, q) for q in early),
        entry.has_gi,
        len(stools) if entry.has_gi else None,
        round(sum(types) / len(types), 2) if types else None,
        _flag(get("gi", "no_bowel_movement")),
        _flag(get("gi", "laxative")),
        *(_answer(entry, q) for q in late),
        *(_flag(get("red_flags", key)) for key in RED_FLAGS),
        entry.has_intake,
        *(_answer(entry, q) for q in own),
    ]
    totals: dict[tuple[str, str], float] = {}
    for d in entry.intake:  # (in the file's order: the same sums, to the last bit)
        at = (substance_name(d.substance).casefold(), d.unit)
        totals[at] = totals.get(at, 0) + d.amount
    recorded = entry.has_intake
    for key, unit, _name in substances:
        row.append(round(totals.get((key, unit), 0), 6) if recorded else None)
    row.append(problem)
    if include_notes:
        row.append(entry.notes)
    return row


def _flag_rows(summary: Summary) -> list[list[Cell | bool]]:
    """Urgent flags on at the last day first (the banner), then the rest in summary order.
    A red flag's `report_days` are the days the alarm symptom was reported."""
    days = {f"red.{a.key}": a.days for a in summary.alarms}
    banner = summary.banner
    ordered = [*banner, *(f for f in summary.flags if f not in banner)]
    rows: list[list[Cell | bool]] = []
    for f in ordered:
        ev = f.evidence_days
        rows.append(
            [
                f.id,
                f.level,
                f.title,
                f.last == summary.last,
                c.iso(f.since),
                c.iso(f.last),
                c.iso(ev.first) if ev else None,
                c.iso(ev.last) if ev else None,
                ev.count if ev else None,
                f.window,
                " ".join(c.iso(d) for d in days.get(f.id, ())) or None,
                f.evidence,
                f.rule,
                f"{f.source}. {f.citation}" if f.citation else f.source,
                f.advice,
            ]
        )
    return rows


def _coverage_rows(summary: Summary) -> list[list[Cell | bool]]:
    gaps = {g.id: g for g in (summary.coverage.unchecked if summary.coverage else ())}
    rules = summary.coverage.rules if summary.coverage else ()
    if not rules:  # (a summary made without them: the rules say)
        from fatiguelog.analysis.rules import all_infos

        rules = tuple((info.id, info.title) for info in all_infos())
    return [
        [rule, title, rule not in gaps, gaps[rule].needs if rule in gaps else None]
        for rule, title in rules
    ]


def _week_rows(summary: Summary) -> list[list[Cell | bool]]:
    rows = []
    for w in summary.weeks:
        doc = c.week_figures(w)
        doc["alarms"] = " ".join(w.alarms) or None
        rows.append([doc[name] for name in WEEK_COLUMNS])
    return rows


def _timeline_rows(summary: Summary) -> list[list[Cell | bool]]:
    return [
        [
            r.substance,
            class_words(r.klass),
            c.iso(r.first),
            c.iso(r.last),
            round(r.daily_amount, 6),
            r.unit,
            r.status,
            round(r.min_daily, 6),
            round(r.max_daily, 6),
            r.days_taken,
            r.intake_days,
            r.intermittent,
            r.change,
            r.before_period,
            r.current,
            c.iso(r.last_taken) if r.last_taken else None,
        ]
        for r in summary.intake_timeline
    ]


def _discuss_rows(summary: Summary) -> list[list[Cell | bool]]:
    """The discuss text, a row per line (user text: guarded like every other cell)."""
    text = strip_controls(summary.discuss or "").strip()
    return [[n, line] for n, line in enumerate(text.split("\n"), start=1)] if text else []


def tables(summary: Summary, include_notes: bool = False) -> dict[str, str]:
    """The tables as CSV text: `flags`, `days`, `stools`, `problems`, `coverage`, `weeks`,
    `timeline`, `discuss`."""
    entries = {e.day: e for e in summary.entries}
    substances = _substances(entries.values())
    problems: dict[date, str] = {}
    for p in summary.problems:
        day = p.day
        if day is not None:
            problems.setdefault(day, p.message)
    questions = summary.questions
    columns = day_columns(questions)
    groups = day_questions(questions)
    header = [*columns, *(f"intake.{name}.{unit}" for _k, unit, name in substances), "problem"]
    if include_notes:
        header.append("notes")
    days = [
        _day_row(
            day,
            entries.get(day),
            problems.get(day),
            substances,
            include_notes,
            groups,
            len(columns),
        )
        for day in days_between(summary.first, summary.last)
    ]
    stools = [
        [
            c.iso(e.day),
            n,
            s.time.strftime("%H:%M") if s.time else None,
            s.bristol,
            *(_flag(s.answered(flag)) for flag in STOOL_FLAGS),
            _flag(e.get("gi", "laxative")),
        ]
        for e in sorted(entries.values(), key=lambda e: e.day)
        for n, s in enumerate(e.stools, start=1)
    ]
    return {
        "flags": _table(FLAG_COLUMNS, _flag_rows(summary)),
        "days": _table(header, days),
        "stools": _table(STOOL_COLUMNS, stools),
        "problems": _table(
            PROBLEM_COLUMNS, ([p.file, p.line, p.message] for p in summary.problems)
        ),
        "coverage": _table(COVERAGE_COLUMNS, _coverage_rows(summary)),
        "weeks": _table(WEEK_COLUMNS, _week_rows(summary)),
        "timeline": _table(TIMELINE_COLUMNS, _timeline_rows(summary)),
        "discuss": _table(DISCUSS_COLUMNS, _discuss_rows(summary)),
    }


def render(summary: Summary, include_notes: bool = False) -> str:
    """All the tables in one stream, separated by a blank line (for standard output)."""
    parts = tables(summary, include_notes)
    return "\r\n".join(parts[name] for name in TABLES)
