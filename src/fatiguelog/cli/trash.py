"""`fatiguelog delete --date D` and `fatiguelog restore --date D [--list | --copy N]`: no
Textual, one line each (`--list`: one line per deleted copy)."""

from __future__ import annotations

import argparse
from pathlib import Path

from fatiguelog.cli import EXIT_OK, UserError, past_day, today_for


def run_trash(args: argparse.Namespace, root: Path) -> int:
    from fatiguelog.textsafe import strip_controls
    from fatiguelog.trash import (
        TrashError,
        copies_of,
        delete_day,
        describe,
        moved_with,
        pick,
        restore,
    )
    from fatiguelog.wording import plural, verb

    day = past_day(args.date, today_for(root))
    iso = day.isoformat()
    lines: list[str] = []
    try:
        if args.command == "delete":
            trashed = delete_day(root, day)
            lines.append(
                f"Deleted {iso}{moved_with(root, trashed)}: moved to "
                f"{trashed.path(root)} (nothing is erased; 'fatiguelog restore "
                f"--date {iso}' brings it back)."
            )
        elif getattr(args, "list", False):
            found = copies_of(root, day)
            lines.append(
                f"Deleted copies of {iso} in the trash, newest first "
                f"(restore one with 'fatiguelog restore --date {iso} --copy N'):"
            )
            lines += [
                f"  {n}. deleted {t.deleted_at:%Y-%m-%d %H:%M:%S}: {describe(root, t)} ({t.name})"
                for n, t in enumerate(found, 1)
            ]
        else:
            older = len(copies_of(root, day)) - 1
            trashed = pick(root, day, getattr(args, "copy", None))
            along = moved_with(root, trashed)
            restore(root, trashed)
            line = (
                f"Restored {iso}{along} from "
                f"{trashed.path(root)} (deleted {trashed.deleted_at:%Y-%m-%d %H:%M:%S})."
            )
            if older:
                line += (
                    f" {plural(older, 'other deleted copy', 'other deleted copies')} of it "
                    f"{verb(older, 'stays', 'stay')} in the trash: 'fatiguelog "
                    f"restore --date {iso} --list'."
                )
            lines.append(line)
    except TrashError as exc:
        raise UserError(str(exc)) from None
    for line in lines:
        print(strip_controls(line, one_line=True))
    return EXIT_OK
