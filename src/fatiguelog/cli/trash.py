"""`fatiguelog delete --date D` and `fatiguelog restore --date D`: no Textual, one line each."""

from __future__ import annotations

import argparse
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError, past_day, today_for


def run_trash(args: argparse.Namespace, root: Path) -> int:
    from fatiguelog.textsafe import strip_controls
    from fatiguelog.trash import TrashError, delete_day, restore_day

    day = past_day(args.date, today_for(root))
    iso = day.isoformat()
    try:
        if args.command == "delete":
            trashed = delete_day(root, day)
            line = (f"Deleted {iso}: its file was moved to {trashed.path(root)} (nothing is "
                    f"erased; 'fatiguelog restore --date {iso}' brings it back).")
        else:
            trashed = restore_day(root, day)
            line = f"Restored {iso} from {trashed.path(root)}."
    except TrashError as exc:
        raise UserError(str(exc)) from None
    print(strip_controls(line, one_line=True))
    return EXIT_OK
