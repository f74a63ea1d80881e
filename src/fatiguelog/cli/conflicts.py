"""`fatiguelog conflicts [--merge]`: the sync tools' conflict copies of entries."""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path

from fatiguelog.cli import EXIT_DATA, EXIT_OK, UserError
from fatiguelog.conflicts import SyncCopy, find_copies, merge_all
from fatiguelog.model import RED_FLAGS, SEEK_CARE
from fatiguelog.store import Store, StoreError
from fatiguelog.textsafe import strip_controls

RED_FLAG_DAYS = 7  # as the home screen: a red flag this recent gets "seek care" at once


def run_conflicts(args: argparse.Namespace, root: Path) -> int:
    copies = find_copies(root)
    if not copies:
        print("No sync-conflict copies: every day has one file.")
        return EXIT_OK
    if not args.merge:
        for copy in copies:
            print(f"{copy.relative(root)}: a {copy.tool} conflict copy of {copy.day}")
        print(f"{_count(len(copies))} waiting. 'fatiguelog conflicts --merge' merges each into "
              "its day; nothing is lost (the copies are kept in "
              f"{root / 'conflicts'}).")
        return EXIT_OK
    return _merge(root, copies)


def _merge(root: Path, copies: list[SyncCopy]) -> int:
    try:
        results = merge_all(Store(root), copies)
    except StoreError as exc:  # the data folder's lock could not be taken
        raise UserError(str(exc)) from None
    left = 0
    for result in results:
        name = result.copy.relative(root)
        if result.merged is None:
            left += 1
            print(strip_controls(f"{result.copy.day}: {name} was left where it is: "
                                 f"{result.reason}.", one_line=True))
            continue
        kept_at = result.kept_at.relative_to(root).as_posix() if result.kept_at else "?"
        merged = result.merged
        if result.created:
            said = "there was no entry that day, so the copy became it"
        elif merged.added:
            said = "added from the copy: " + "; ".join(merged.added)
        else:
            said = "the copy added nothing new"
        line = f"{result.copy.day}: merged the {result.copy.tool} copy ({said})."
        if merged.clashes:
            line += (" Different answers, yours kept: "
                     + "; ".join(str(c) for c in merged.clashes) + ".")
        print(strip_controls(line, one_line=True))
        if merged.red_flags:
            names = ", ".join(RED_FLAGS[key] for key in merged.red_flags)
            recent = date.today() - result.copy.day <= timedelta(days=RED_FLAG_DAYS)
            print(f"  !! Red flag reported on {result.copy.day}: {names}."
                  + (f" {SEEK_CARE}" if recent else ""))
        print(f"  The copy is kept in {kept_at}.")
    merged_count = len(copies) - left
    if left:
        print(f"{_count(merged_count)} merged, {_count(left)} left where they were (see above).")
        print(f"fatiguelog: {_count(left)} could not be merged; nothing was lost.",
              file=sys.stderr)
        return EXIT_DATA
    print(f"{_count(merged_count)} merged.")
    return EXIT_OK


def _count(n: int) -> str:
    return f"{n} sync-conflict cop{'y' if n == 1 else 'ies'}"
