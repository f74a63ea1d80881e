"""`fatiguelog conflicts [--merge]`: the sync tools' conflict copies of entries."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from fatiguelog.cli import EXIT_DATA, EXIT_OK, UserError
from fatiguelog.conflicts import SyncCopy, find_copies, merge_all, plan_merge
from fatiguelog.flagtext import red_flag_words
from fatiguelog.store import Store, StoreError
from fatiguelog.textsafe import strip_controls
from fatiguelog.wording import plural


def run_conflicts(args: argparse.Namespace, root: Path) -> int:
    copies = find_copies(root)
    if not copies:
        print("No sync-conflict copies: every day has one file.")
        return EXIT_OK
    if not args.merge:
        store = Store(root)
        refused = 0
        for copy in copies:
            planned = plan_merge(store, copy)
            line = f"{copy.relative(root)}: a {copy.tool} conflict copy of {copy.day}"
            if isinstance(planned, str):
                refused += 1
                line += f"; it can't be merged as it is: {_sentence(planned)}"
            print(strip_controls(line, one_line=True))
            if not isinstance(planned, str) and planned.merged.red_flags:
                print(f"  !! {red_flag_words(copy.day, planned.merged.red_flags, date.today())}")
        mergeable = len(copies) - refused
        if mergeable:
            which = "each" if not refused else f"the other {mergeable}"
            print(
                f"{_count(len(copies))} waiting. 'fatiguelog conflicts --merge' merges "
                f"{which} into {'its day' if not refused else 'their days'}; nothing is lost "
                f"(the copies are kept in {root / 'conflicts'})."
            )
        else:
            print(f"{_count(len(copies))} waiting; none can be merged as it is (see above).")
        return EXIT_OK
    return _merge(root, copies)


def _sentence(text: str) -> str:
    """A reason as the end of a sentence: one final period, never two."""
    return text.rstrip().rstrip(".") + "."


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
            print(
                strip_controls(
                    f"{result.copy.day}: {name} was left where it is: {_sentence(result.reason)}",
                    one_line=True,
                )
            )
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
            line += (
                " Different answers, yours kept: " + "; ".join(str(c) for c in merged.clashes) + "."
            )
        print(strip_controls(line, one_line=True))
        if merged.red_flags:
            print(f"  !! {red_flag_words(result.copy.day, merged.red_flags, date.today())}")
        print(f"  The copy is kept in {kept_at}.")
    merged_count = len(copies) - left
    if left:
        print(
            f"{_count(merged_count)} merged; {_count(left)} left where "
            f"{'it was' if left == 1 else 'they were'} (see above)."
        )
        print(f"fatiguelog: {_count(left)} could not be merged; nothing was lost.", file=sys.stderr)
        return EXIT_DATA
    print(f"{_count(merged_count)} merged.")
    return EXIT_OK


def _count(n: int) -> str:
    return plural(n, "sync-conflict copy", "sync-conflict copies")
