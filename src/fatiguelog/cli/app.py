"""Open the Textual app (the only command path that imports Textual)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from fatiguelog.cli import EXIT_OK, UserError, check_days, past_day, today_for

if TYPE_CHECKING:
    from fatiguelog.ui.app import FatiguelogApp


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
    from fatiguelog.ui.app import FatiguelogApp

    return run_tui(FatiguelogApp(root, start=start))


def run_tui(app: FatiguelogApp) -> int:
    """Run the app; when it fails, one line on standard error (never a traceback, never the
    values it was holding: see `FatiguelogApp.crash_line`) and exit 1."""
    app.run()
    if app.return_code:
        raise UserError(app.crash_line())
    return EXIT_OK


def _check_day_editable(root: Path, day: date) -> None:
    """A day whose file is broken or from a newer version: said in one line before the app
    starts (the check-in could never save it)."""
    from fatiguelog.store import Store
    from fatiguelog.ui.session import CannotEdit, check_editable

    try:
        check_editable(Store(root).read(day))
    except CannotEdit as exc:
        raise UserError(str(exc)) from None
