"""What deleting, restoring and resuming a day does to the files, and the sentence that says so.

The app asks (a confirm dialog, the resume dialog, the trash list) and shows what it is told;
every decision about the data folder is made here, without Textual, so it is tested without a
screen and the plain check-in takes the same one:

- deleting a day moves its file (with its draft and sync copies) to the trash, never erases it;
  the outcome says what happened and holds what `u` (undo) brings back;
- undo brings back exactly that file, and stays offered only while that file is in the trash;
- a copy picked from the trash list comes back unless its day has an entry again;
- an unfinished check-in found on disk is resumed as it was begun (full or quick), or dropped
  when the user starts over (they were asked first), or left alone ("not now").

The files are moved by `fatiguelog.trash` and `fatiguelog.drafts`; the words for the command
line (`fatiguelog delete` / `restore`) are `cli.trash`'s.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fatiguelog import paths
from fatiguelog.drafts import Draft, draft_days, load_draft, remove_draft
from fatiguelog.trash import Trashed, TrashError, delete_day, moved_with, restore

#: The choices the resume question offers (`ResumeDialog`; the plain check-in's y, x and n).
RESUME = "resume"
START_OVER = "discard"


@dataclass(frozen=True)
class Outcome:
    """What a delete or a restore did, in one sentence for the user.

    `done`: the files moved. `undo`: the deleted day `u` brings back after this (None: nothing
    to undo)."""

    message: str
    done: bool
    undo: Trashed | None


def has_entry_file(root: Path, day: date) -> bool:
    """Whether the day has a file in entries/ (readable or not: a broken one can be deleted,
    and opens read-only rather than in a check-in that could never save it)."""
    return os.path.lexists(paths.entry_path(root, day))


def nothing_to_delete(root: Path, day: date) -> str:
    """Why there is nothing to delete on `day`, before asking ("" when its file is there)."""
    return "" if has_entry_file(root, day) else f"{day:%a %d %b %Y} has no entry to delete."


def delete_question(root: Path, day: date) -> str:
    """The question asked before `day` is deleted; it names the unfinished check-in that goes
    to the trash with it."""
    also = " (with its unfinished check-in)" if day in set(draft_days(root)) else ""
    return (
        f"Delete {day:%A %d %B %Y}{also}? Its file is moved to the trash folder, not "
        "erased, and u brings it back."
    )


def delete(
    root: Path, day: date, now: datetime | None = None, *, undo: Trashed | None = None
) -> Outcome:
    """Move the day's file to the trash (the user said yes). Refused: the message says why and
    `undo` (what `u` brought back until now) stays as it was."""
    try:
        trashed = delete_day(root, day, now)
    except TrashError as exc:
        return Outcome(f"{day:%a %d %b %Y} was not deleted: {exc}.", False, undo)
    along = moved_with(root, trashed)
    return Outcome(
        f"Deleted {day:%a %d %b %Y}{along}: moved to the trash folder. Press u to undo.",
        True,
        trashed,
    )


def undo_delete(root: Path, trashed: Trashed) -> Outcome:
    """Bring back the day deleted last (exactly that file). Refused (its day has an entry
    again, say): undo stays offered while the deleted file is still in the trash."""
    try:
        restore(root, trashed, again="press u again (r lists every deleted day)")
    except TrashError as exc:
        still_there = os.path.lexists(trashed.path(root))  # else restored or moved meanwhile
        return Outcome(f"{exc}.", False, trashed if still_there else None)
    return Outcome(f"Restored {trashed.day:%a %d %b %Y}.", True, None)


def restore_copy(root: Path, trashed: Trashed, *, undo: Trashed | None = None) -> Outcome:
    """Bring back one copy picked from the trash list. `undo`: the day `u` would bring back;
    it is no longer offered once that very copy is back."""
    along = moved_with(root, trashed)
    try:
        restore(root, trashed, again="pick it here again")
    except TrashError as exc:
        return Outcome(f"{exc}.", False, undo)
    return Outcome(
        f"Restored {trashed.day:%a %d %b %Y}{along} (deleted {trashed.deleted_at:%d %b %H:%M:%S}).",
        True,
        None if undo == trashed else undo,
    )


# -- an unfinished check-in ------------------------------------------------------------------


@dataclass(frozen=True)
class CheckinStart:
    """How a check-in begins: full or quick, and the draft it resumes (None: a fresh one)."""

    quick: bool
    draft: Draft | None


def draft_to_offer(root: Path, day: date) -> Draft | None:
    """The day's unfinished check-in, to offer before a check-in opens (None: start at once)."""
    return load_draft(root, day)


def start_after_offer(
    root: Path, day: date, quick: bool, draft: Draft, choice: str | None
) -> CheckinStart | None:
    """The user's answer to the resume question. `RESUME`: the draft, as it was begun (a quick
    check-in resumes quick, whatever was asked for now). `START_OVER` (asked first): the draft
    is dropped and a fresh check-in of the kind asked for begins. Anything else ("not now"):
    None, and the draft stays on disk."""
    if choice == RESUME:
        return CheckinStart(draft.quick, draft)
    if choice == START_OVER:
        remove_draft(root, day)
        return CheckinStart(quick, None)
    return None


__all__ = [
    "RESUME",
    "START_OVER",
    "CheckinStart",
    "Outcome",
    "delete",
    "delete_question",
    "draft_to_offer",
    "has_entry_file",
    "nothing_to_delete",
    "restore_copy",
    "start_after_offer",
    "undo_delete",
]
