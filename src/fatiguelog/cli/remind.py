"""`fatiguelog remind install|uninstall` and `remind --notify` (what the installed timer runs).

Plain `fatiguelog remind` stays in `cli.basic`, small and fast, for shell start-up files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fatiguelog.cli import EXIT_DATA, EXIT_OK


def run_remind(args: argparse.Namespace, root: Path) -> int:
    from fatiguelog import reminders

    if args.action and args.notify:
        print(
            f"fatiguelog remind: --notify is what the timer runs; use it without '{args.action}'",
            file=sys.stderr,
        )
        return 2
    if args.notify:
        try:
            from fatiguelog.dates import read_day_start, today

            outcome = reminders.notify(root, today(read_day_start(root)))
        except Exception as exc:  # (a timer's log keeps one line, never a traceback)
            print(
                f"fatiguelog: the reminder could not be checked ({type(exc).__name__}).",
                file=sys.stderr,
            )
            return EXIT_DATA
    else:
        # The unit runs without the user's shell (no FATIGUELOG_DATA_DIR, no XDG_DATA_HOME):
        # it is told the data folder this very command uses, always.
        chosen = root.expanduser().absolute()
        try:
            install = args.action == "install"
            outcome = reminders.install(chosen) if install else reminders.uninstall()
        except OSError as exc:
            from fatiguelog.store import describe_os_error

            print(f"fatiguelog: {describe_os_error(exc, reminders.units_dir())}", file=sys.stderr)
            return EXIT_DATA
    for line in outcome.said:
        print(line)
    if outcome.failure:
        print(f"fatiguelog: {outcome.failure.rstrip('.')}.", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK
