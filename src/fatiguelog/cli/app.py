"""Open the Textual app (the only command path that imports Textual)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError, check_days, past_day, today_for


def run_app(args: argparse.Namespace, root: Path) -> int:
    start: tuple[object, ...] | None = None
    if args.command == "checkin":
        day = past_day(args.date, today_for(root))
        _check_day_editable(root, day)
        start = ("checkin", day, bool(args.quick))
    elif args.command == "trends":
        check_days(args.days, today_for(root))
        start = ("trends", args.days)
    elif args.command == "settings":
        start = ("settings",)
    ahead = None
    if start is None:  # home: its flags worked out on the other core while Textual starts
        ahead = _start_ahead(root)
    from fatiguelog.ui.app import FatiguelogApp

    FatiguelogApp(root, start=start, ahead=ahead).run()
    return EXIT_OK


def _start_ahead(root: Path) -> object:
    from fatiguelog.homeflags import Ahead
    from fatiguelog.settings import load_settings

    settings, _problems = load_settings(root)
    return Ahead.start(root, settings, today_for(root))


def _check_day_editable(root: Path, day: date) -> None:
    """A day whose file is broken or from a newer version: said in one line before the app
    starts (the check-in could never save it)."""
    from fatiguelog.store import Store
    from fatiguelog.ui.session import CannotEdit, check_editable

    try:
        check_editable(Store(root).read(day))
    except CannotEdit as exc:
        raise UserError(str(exc)) from None
