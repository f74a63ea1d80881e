"""Open the Textual app (the only command path that imports Textual).

`launch` is the one place the command line reaches into `fatiguelog.ui` (the import-linter
contract "the domain never imports the UI" allows exactly that import); `fatiguelog demo` starts
the app through it too.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fatiguelog.cli import EXIT_OK, UserError, check_days, past_day, today_for

if TYPE_CHECKING:
    from fatiguelog.ui.app import FatiguelogApp


EXIT_USAGE = 2
#: What each screen command offers instead when there is no terminal to draw on.
_INSTEAD = {
    "trends": " ('fatiguelog trends --print' prints them)",
    "settings": " (or edit settings.toml by hand: 'fatiguelog path' shows where)",
}


def needs_terminal(command: str | None) -> int | None:
    """The app draws on a terminal and reads keys from it: with standard input or output
    not a terminal (a pipe, a file, /dev/null, cron) it would wait for keys that never come.
    Then one line and exit 2 (None: go on). Not for `checkin`, which gets a plain mode of
    its own for pipes and screen readers."""
    import sys

    if command == "checkin" or (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    from fatiguelog.cli import _say_error

    what = {None: "the app", "demo": "the demo"}.get(command, f"'fatiguelog {command}'")
    _say_error(
        f"{what} needs a terminal, and standard input or output is not one: run it in "
        f"a terminal{_INSTEAD.get(command or '', '')}"
    )
    return EXIT_USAGE


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
    refused = needs_terminal(args.command)  # (after what was typed is checked: said first)
    if refused is not None:
        return refused
    ahead = None
    if start is None:  # home: its flags worked out on the other core while Textual starts
        ahead = _start_ahead(root)
    return launch(root, start=start, ahead=ahead)


def launch(root: Path, **options: Any) -> int:
    """Run the app on the data folder `root` (`options`: `FatiguelogApp`'s, e.g. `start`,
    `demo`). The command line's only import of the UI, made here when the app is wanted."""
    from fatiguelog.ui.app import FatiguelogApp

    return run_tui(FatiguelogApp(root, **options))


def run_tui(app: FatiguelogApp) -> int:
    """Run the app; when it fails, one line on standard error (never a traceback, never the
    values it was holding: see `FatiguelogApp.crash_line`) and exit 1."""
    app.run()
    if app.return_code:
        raise UserError(app.crash_line())
    return EXIT_OK


def _start_ahead(root: Path) -> object:
    from fatiguelog.homeflags import Ahead
    from fatiguelog.paths import cache_dir
    from fatiguelog.settings import load_settings

    cache_dir(root)  # (a warning about FATIGUELOG_CACHE_DIR is said before the screen is up)
    settings, _problems = load_settings(root)
    return Ahead.start(root, settings, today_for(root))


def _check_day_editable(root: Path, day: date) -> None:
    """A day whose file is broken or from a newer version: said in one line before the app
    starts (the check-in could never save it)."""
    from fatiguelog.checkin_session import CannotEdit, check_editable
    from fatiguelog.store import Store

    try:
        check_editable(Store(root).read(day))
    except CannotEdit as exc:
        raise UserError(str(exc)) from None
