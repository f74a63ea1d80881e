"""`fatiguelog remind install|uninstall` and `remind --notify` (what the installed timer runs).

Plain `fatiguelog remind` stays in `cli.basic`, small and fast, for shell start-up files.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from fatiguelog.cli import EXIT_DATA, EXIT_OK
from fatiguelog.paths import ENV_DATA_DIR


def run_remind(args: argparse.Namespace, root: Path) -> int:
    from fatiguelog import reminders

    if args.action and args.notify:
        print("fatiguelog remind: --notify is what the timer runs; use it without "
              f"'{args.action}'", file=sys.stderr)
        return 2
    if args.notify:
        try:
            from fatiguelog.dates import read_day_start, today

            shown = reminders.notify(root, today(read_day_start(root)))
            if shown:
                print(shown)
        except Exception:  # a reminder never fails loudly (it runs from a timer)
            pass
        return EXIT_OK
    chosen = args.data_dir or (root if os.environ.get(ENV_DATA_DIR) else None)
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
        print(f"fatiguelog: {outcome.failure}.", file=sys.stderr)
        return EXIT_DATA
    return EXIT_OK
