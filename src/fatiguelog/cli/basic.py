"""`fatiguelog remind` and `fatiguelog check`: small, fast, no Textual."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from fatiguelog.cli import EXIT_DATA, EXIT_OK


def remind(root: Path) -> int:
    """One line when today has no check-in; silent otherwise; always exit 0."""
    try:
        from fatiguelog.paths import entry_path

        if not entry_path(root, date.today()).exists():
            print("fatiguelog: no check-in yet today. Run 'fatiguelog checkin' (under a minute).")
    except Exception:  # a reminder must never break a shell start-up
        pass
    return EXIT_OK


def check(root: Path) -> int:
    """List every problem with file and line; change nothing."""
    from fatiguelog.settings import load_settings
    from fatiguelog.store import Store
    from fatiguelog.textsafe import strip_controls

    store = Store(root, use_cache=False)
    history = store.load_all()  # check reads every file itself
    _settings, settings_problems = load_settings(root)
    problems = settings_problems + history.problems + store.leftovers()
    for problem in problems:
        print(strip_controls(str(problem), one_line=True))
    count = len(history.entries)
    if problems:
        print(f"{len(problems)} problem(s) found; {count} entries read. Nothing was changed.",
              file=sys.stderr)
        return EXIT_DATA
    print(f"All is well: {count} entries read from {root}.")
    return EXIT_OK
