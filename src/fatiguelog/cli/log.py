"""`fatiguelog log ...`: add one fact to a day's entry from the shell, without the app."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from fatiguelog import records
from fatiguelog.cli import EXIT_OK, UserError, past_day, today_for
from fatiguelog.model import (
    BRISTOL,
    MAX_DOSES,
    MAX_STOOLS,
    RED_ADVICE,
    RED_ADVICE_LOGGED_PAST,
    RED_FLAGS,
    STOOL_FLAGS,
    Entry,
)
from fatiguelog.store import BrokenEntryError, Store, StoreError
from fatiguelog.wording import amount, plural, verb

TYPE_CHECKING = False  # not `typing.TYPE_CHECKING`: `fatiguelog log` never imports typing
if TYPE_CHECKING:
    from typing import Any

#: What a `log` command does to the day's entry, under the data folder's lock.
Change = Callable[[Entry], None]


def _moment(args: argparse.Namespace, day: date, today: date) -> str:
    """The time given (HH:MM), or now when logging for today, else unknown ("")."""
    if getattr(args, "time", None):
        return str(args.time)
    return datetime.now().strftime("%H:%M") if day == today else ""


def run_log(args: argparse.Namespace, root: Path) -> int:
    today = today_for(root)
    day = past_day(args.date, today)
    change, said = _change_for(args, day, today)
    store = Store(root)
    try:
        store.update(day, change)
    except BrokenEntryError as exc:
        if args.kind == "red-flag":
            # Never overwrite a file that can't be read, but never let a red flag wait on it.
            raise UserError(
                f"The red flag was NOT recorded: {exc.problems[0]}. The file was left "
                f"untouched. To record it: run 'fatiguelog check', correct that line of "
                f"{store.relative(store.path(day))} in a text editor, then run this command "
                f"again. Do not wait for that to act on it: {said.removeprefix('red flag: ')}"
            ) from None
        raise UserError(str(exc)) from None
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"Recorded for {day.isoformat()}: {said}")
    return EXIT_OK


def _change_for(args: argparse.Namespace, day: date, today: date) -> tuple[Change, str]:
    """Validate everything first, so bad input touches no file."""
    kind = args.kind
    if kind == "stool":
        return _stool(args, day, today)
    if kind == "dose":
        return _dose(args, day, today)
    if kind == "none":
        return _none()
    if kind == "laxative":
        return _laxative()
    if kind == "no-intake":
        return _no_intake()
    return _red_flag(args, day, today)


def _stool(args: argparse.Namespace, day: date, today: date) -> tuple[Change, str]:
    try:
        bristol = int(args.bristol)
    except ValueError:
        bristol = 0
    if not 1 <= bristol <= 7:
        raise UserError(f"Bristol type must be a whole number from 1 to 7, not '{args.bristol}'")
    # Stool questions not passed are answered "no" (see docs/file-format.md).
    stool = _built(
        lambda: records.make_stool(
            bristol, {flag: getattr(args, flag) for flag in STOOL_FLAGS}, _moment(args, day, today)
        )
    )

    def change(entry: Entry) -> None:
        gi = entry.doc.setdefault("gi", {})
        if len(gi.get("stools", [])) >= MAX_STOOLS:
            raise UserError(
                f"{MAX_STOOLS} bowel movements are already recorded that day, the "
                "most one day may hold; nothing was changed"
            )
        gi["no_bowel_movement"] = False  # a stool replaces an earlier "none today"
        gi["stools"] = records.by_time([*gi.get("stools", []), stool])

    details = [f"Bristol type {bristol} ({BRISTOL[bristol].lower()})"]
    details += [label.lower() for flag, label in STOOL_FLAGS.items() if stool[flag]]
    return change, f"bowel movement{_at(stool)}, " + ", ".join(details) + "."


def _dose(args: argparse.Namespace, day: date, today: date) -> tuple[Change, str]:
    dose = _built(
        lambda: records.make_dose(
            args.substance,
            args.amount,
            args.unit.strip().lower(),
            args.form or "",
            _moment(args, day, today),
        )
    )

    def change(entry: Entry) -> None:
        intake = entry.doc.get("intake")
        if isinstance(intake, list) and len(intake) >= MAX_DOSES:
            raise UserError(
                f"{MAX_DOSES} doses are already recorded that day, the most one day "
                "may hold; nothing was changed"
            )
        entry.doc["intake"] = records.by_time([*(intake if isinstance(intake, list) else []), dose])

    said = f"{dose['substance']}, {amount(dose['amount'], dose['unit'])}"
    return change, f"dose of {said}{_at(dose)}."


def _built(make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The table the check-in would write; its errors said as the command's."""
    try:
        return make()
    except records.InputError as exc:
        raise UserError(str(exc)) from None


def _at(item: dict[str, Any]) -> str:
    moment = item.get("time")
    return f" at {moment.strftime('%H:%M')}" if moment else ""


def _none() -> tuple[Change, str]:
    def change(entry: Entry) -> None:
        gi = entry.doc.setdefault("gi", {})
        if gi.get("stools"):
            raise UserError(
                f"{plural(len(gi['stools']), 'bowel movement')} "
                f"{verb(len(gi['stools']), 'is', 'are')} already recorded that day; nothing was "
                "changed"
            )
        gi["stools"] = []
        gi["no_bowel_movement"] = True

    return change, "no bowel movement that day."


def _laxative() -> tuple[Change, str]:
    """`gi.laxative = true`: that day's and the next day's stools are not spontaneous."""

    def change(entry: Entry) -> None:
        entry.doc.setdefault("gi", {})["laxative"] = True

    return change, "a laxative, enema or suppository taken that day."


def _no_intake() -> tuple[Change, str]:
    """`intake = []`: an answered "nothing taken" (never over doses already listed)."""

    def change(entry: Entry) -> None:
        intake = entry.doc.get("intake")
        if isinstance(intake, list) and intake:
            raise UserError(
                f"{plural(len(intake), 'dose')} {verb(len(intake), 'is', 'are')} already "
                "recorded that day; nothing was changed"
            )
        entry.doc["intake"] = []

    return change, "nothing taken that day (no substances, medicines or supplements)."


def _red_flag(args: argparse.Namespace, day: date, today: date) -> tuple[Change, str]:
    """An alarm symptom; the graded advice says "today" only for today: an earlier day's
    report may be over, or not, so it is asked about, never "today"."""
    key = args.key.strip().lower().replace("-", "_")
    if key not in RED_FLAGS:
        raise UserError(f"unknown red flag '{args.key}': use one of {', '.join(RED_FLAGS)}")

    def change(entry: Entry) -> None:
        entry.doc.setdefault("red_flags", {})[key] = True

    advice = RED_ADVICE[key] if day == today else RED_ADVICE_LOGGED_PAST[key]
    return change, f"red flag: {RED_FLAGS[key]}. {advice}"
