"""Open the Textual app (the only command path that imports Textual)."""

from __future__ import annotations

import argparse
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError, check_days
from fatiguelog.dates import DateError, parse_day


def run_app(args: argparse.Namespace, root: Path) -> int:
    start: tuple[object, ...] | None = None
    if args.command == "checkin":
        try:
            start = ("checkin", parse_day(args.date), bool(args.quick))
        except DateError as exc:
            raise UserError(str(exc)) from None
    elif args.command == "trends":
        from datetime import date

        check_days(args.days, date.today())
        start = ("trends", args.days)
    from fatiguelog.ui.app import FatiguelogApp

    FatiguelogApp(root, start=start).run()
    return EXIT_OK
