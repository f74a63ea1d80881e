"""`fatiguelog log ...`: add one fact to a day's entry from the shell, without the app."""

from __future__ import annotations

import argparse
import math
from datetime import date, datetime, time
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError
from fatiguelog.dates import DateError, parse_day
from fatiguelog.model import BRISTOL, RED_FLAGS, SEEK_CARE, STOOL_FLAGS, UNITS, Entry
from fatiguelog.store import Store, StoreError
from fatiguelog.textsafe import strip_controls


def parse_time(text: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise UserError(f"'{text}' is not a time: use HH:MM, e.g. 07:40") from None


def _moment(args: argparse.Namespace, day: date) -> time | None:
    """The time given, or now when logging for today, else unknown."""
    if getattr(args, "time", None):
        return parse_time(args.time)
    if day == date.today():
        return datetime.now().time().replace(second=0, microsecond=0)
    return None


def _day(args: argparse.Namespace) -> date:
    try:
        return parse_day(args.date)
    except DateError as exc:
        raise UserError(str(exc)) from None


def _sorted_by_time(items: list[dict]) -> list[dict]:
    return sorted(items, key=lambda item: (item.get("time") is None, item.get("time") or time()))


def run_log(args: argparse.Namespace, root: Path) -> int:
    day = _day(args)
    change, said = _change_for(args, day)
    try:
        Store(root).update(day, change)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    print(f"Recorded for {day.isoformat()}: {said}")
    return EXIT_OK


def _change_for(args: argparse.Namespace, day: date):
    """Validate everything first, so bad input touches no file."""
    kind = args.kind
    if kind == "stool":
        return _stool(args, day)
    if kind == "dose":
        return _dose(args, day)
    if kind == "none":
        return _none()
    return _red_flag(args)


def _stool(args: argparse.Namespace, day: date):
    try:
        bristol = int(args.bristol)
    except ValueError:
        bristol = 0
    if not 1 <= bristol <= 7:
        raise UserError(f"Bristol type must be a whole number from 1 to 7, not '{args.bristol}'")
    stool: dict = {"bristol": bristol}
    moment = _moment(args, day)
    if moment is not None:
        stool["time"] = moment
    for flag in STOOL_FLAGS:
        stool[flag] = bool(getattr(args, flag))

    def change(entry: Entry) -> None:
        gi = entry.doc.setdefault("gi", {})
        gi["no_bowel_movement"] = False  # a stool replaces an earlier "none today"
        gi["stools"] = _sorted_by_time([*gi.get("stools", []), stool])

    details = [f"Bristol type {bristol} ({BRISTOL[bristol].lower()})"]
    details += [label.lower() for flag, label in STOOL_FLAGS.items() if stool[flag]]
    when = f" at {moment.strftime('%H:%M')}" if moment else ""
    return change, f"bowel movement{when}, " + ", ".join(details) + "."


def _dose(args: argparse.Namespace, day: date):
    substance = strip_controls(args.substance, one_line=True).strip()
    if not substance:
        raise UserError("the substance needs a name")
    try:
        amount = float(args.amount)
    except ValueError:
        amount = math.nan
    if not (amount > 0 and math.isfinite(amount)):
        raise UserError(f"the amount must be a number above 0, not '{args.amount}'")
    unit = args.unit.strip().lower()
    if unit not in UNITS:
        raise UserError(f"unit must be one of {', '.join(UNITS)}, not '{args.unit}'")
    dose: dict = {"substance": substance, "amount": int(amount) if amount.is_integer() else amount,
                  "unit": unit}
    if args.form:
        dose["form"] = strip_controls(args.form, one_line=True).strip()
    moment = _moment(args, day)
    if moment is not None:
        dose["time"] = moment

    def change(entry: Entry) -> None:
        intake = entry.doc.get("intake")
        entry.doc["intake"] = _sorted_by_time([*(intake if isinstance(intake, list) else []), dose])

    when = f" at {moment.strftime('%H:%M')}" if moment else ""
    return change, f"dose of {substance}, {dose['amount']} {unit}{when}."


def _none():
    def change(entry: Entry) -> None:
        gi = entry.doc.setdefault("gi", {})
        if gi.get("stools"):
            raise UserError(
                f"{len(gi['stools'])} bowel movement(s) are already recorded that day; "
                "nothing was changed"
            )
        gi["stools"] = []
        gi["no_bowel_movement"] = True

    return change, "no bowel movement that day."


def _red_flag(args: argparse.Namespace):
    key = args.key.strip().lower().replace("-", "_")
    if key not in RED_FLAGS:
        raise UserError(f"unknown red flag '{args.key}': use one of {', '.join(RED_FLAGS)}")

    def change(entry: Entry) -> None:
        entry.doc.setdefault("red_flags", {})[key] = True

    return change, f"red flag: {RED_FLAGS[key]}. {SEEK_CARE}"
